//! Actors and agreements in the body text, one entity however it is named.
//!
//! Takes: a [`Document`]'s body blocks (headings, paragraphs, list items, table cells; never the
//! notes: note authors and outlets are sources, not actors) and a [`Lexicon`]. Gives: the
//! [`Entity`]s named, each with every mention (block, clean range, source span, surface form),
//! and the [`Relation`]s between them (see [`super::relations`]).
//!
//! Two passes, both linear in the text:
//!
//! 1. **Discovery** (rules below) adds names the lexicon does not know: acronyms defined in the
//!    text, titled persons, capitalised names with a telling head word, `Operation …`, companies
//!    named in apposition. Headings are never a source of discovered names.
//! 2. **Matching**: one Aho-Corasick automaton (leftmost-longest, anchored at word starts, word
//!    boundary checked at the end) over every lexicon and discovered surface form finds every
//!    mention. A surname alone counts only after the person was named in full.
//!
//! Rules (`Entity::rule`):
//! - `actor/lexicon`, `agreement/lexicon`: a lexicon name or alias.
//! - `actor/acronym`, `agreement/acronym`: `Long Name Head (ACR)`, classed by the head word.
//! - `actor/head-word`, `agreement/head-word`: a capitalised name ending in (or built on) a head
//!   word: `…Act`, `…Agreement`, `…Framework`, `…Committee`, `Ministry of …`.
//! - `agreement/operation`: `Operation Epic Fury`.
//! - `actor/title`: `Prime Minister Narendra Modi`, `Secretary of Defense Pete Hegseth`.
//! - `actor/company-apposition`: `Nayara, one of India's largest private oil refiners`.

use super::lexicon::Entry;
use super::{Class, Entity, Lexicon, Mention, Relation};
use crate::diag::Diagnostics;
use crate::document::{BlockKind, Document};
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub fn extract(doc: &Document, lexicon: &Lexicon, diags: &mut Diagnostics) -> (Vec<Entity>, Vec<Relation>) {
    let _ = diags;
    let mut table = Table::default();
    for e in lexicon.entries() {
        table.add_entry(e);
    }
    for (bi, block) in doc.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Heading { .. }) {
            continue;
        }
        discover(&mut table, &block.inline.text, bi);
    }
    let entities = find_mentions(doc, &table);
    let relations = super::relations::extract(doc, &entities);
    (entities, relations)
}

/// A candidate entity: from the lexicon or discovered.
#[derive(Debug, Clone)]
struct Cand {
    id: String,
    class: Class,
    kind: String,
    label: String,
    rule: &'static str,
}

/// A surface form to match, with its candidate; `after_full` forms (a surname alone) count only
/// once the candidate was named another way.
#[derive(Debug, Clone, Copy)]
struct Surface {
    cand: usize,
    after_full: bool,
}

#[derive(Debug, Default)]
struct Table {
    cands: Vec<Cand>,
    by_id: BTreeMap<String, usize>,
    surfaces: BTreeMap<String, Surface>,
}

impl Table {
    fn add_entry(&mut self, e: &Entry) {
        let rule = match e.class {
            Class::Actor => "actor/lexicon",
            Class::Agreement => "agreement/lexicon",
        };
        let i = self.cand(&e.id, e.class, &e.kind, &e.name, rule);
        for s in e.surfaces() {
            self.surface(s, i, false);
        }
        // a lexicon person's surname counts once the person is named in full
        if e.kind == "person" {
            if let Some(last) = e.name.split_whitespace().last() {
                if e.name.contains(' ') && !self.surfaces.contains_key(last) && last.chars().count() > 3 {
                    self.surface(last, i, true);
                }
            }
        }
    }

    fn cand(&mut self, id: &str, class: Class, kind: &str, label: &str, rule: &'static str) -> usize {
        if let Some(&i) = self.by_id.get(id) {
            return i;
        }
        let i = self.cands.len();
        self.cands.push(Cand {
            id: id.to_string(),
            class,
            kind: kind.to_string(),
            label: label.to_string(),
            rule,
        });
        self.by_id.insert(id.to_string(), i);
        i
    }

    /// Registers a surface form; the first owner keeps it.
    fn surface(&mut self, s: &str, cand: usize, after_full: bool) {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        match self.surfaces.get_mut(s) {
            Some(old) => {
                if old.after_full && !after_full && old.cand == cand {
                    old.after_full = false;
                }
            }
            None => {
                self.surfaces.insert(s.to_string(), Surface { cand, after_full });
            }
        }
    }

    fn owner(&self, s: &str) -> Option<usize> {
        self.surfaces.get(s).map(|x| x.cand)
    }

    /// Adds a discovered entity under its surfaces, or folds them into a known one that already
    /// owns one of them.
    fn discovered(&mut self, class: Class, kind: &str, label: &str, surfaces: &[&str], rule: &'static str) -> usize {
        let known = std::iter::once(label).chain(surfaces.iter().copied()).find_map(|s| self.owner(s));
        let i = match known {
            Some(i) => i,
            None => self.cand(&normal_id(label), class, kind, label, rule),
        };
        self.surface(label, i, false);
        for s in surfaces {
            self.surface(s, i, false);
        }
        i
    }
}

/// The normalised canonical name used as an id: lower-case words joined by `-`.
pub fn normal_id(label: &str) -> String {
    let mut out = String::new();
    for w in label.split(|c: char| !c.is_alphanumeric() && c != '+') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

// ---------------------------------------------------------------- discovery

fn re(p: &str) -> Option<Regex> {
    Regex::new(p).ok()
}

/// `… (ACR)` with an acronym of at least two capitals.
static ACRONYM: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"\(([A-Za-z][A-Za-z0-9&+\-]{0,10})\)(\s+(?:[A-Z][a-z]+|\d{4}))?"));

static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:{})\s+((?:(?:[A-Z][a-z]?\.){{1,3}}\s*|[A-Z][\p{{L}}'’]*(?:-[A-Z]?[\p{{L}}]+)?\s+){{0,3}}[A-Z][\p{{Ll}}\p{{Lu}}]*\p{{Ll}}[\p{{L}}]*(?:-[A-Z]?[\p{{L}}]+)?)",
        TITLES.join("|").replace('.', r"\.")
    ))
});

static COMPANY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(r"\b([A-Z][\p{L}&-]+(?:\s+[A-Z][\p{L}&-]+){0,3}),\s+(?:one of|an?|the)\s+[^,.;()]{0,60}?\b(?:compan(?:y|ies)|firms?|refiners?|refinery|manufacturers?|producers?|contractors?|conglomerates?|makers?|operators?|miners?|mining giant)\b")
});

static SPECIAL: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"\b(?:Executive Order\s+\d{4,6}|General License\s+[A-Z0-9]{1,4}\b)"));

/// Titles before a person's name, longest first where one is a prefix of another.
const TITLES: &[&str] = &[
    "Vice President",
    "President",
    "Deputy Prime Minister",
    "Prime Minister",
    "PM",
    "Secretary of State",
    "Secretary of Defense",
    "Secretary of War",
    "Secretary of the Treasury",
    "Secretary of Commerce",
    "Secretary-General",
    "Secretary General",
    "Treasury Secretary",
    "Defense Secretary",
    "Defence Secretary",
    "Foreign Secretary",
    "Defence Minister",
    "Defense Minister",
    "Foreign Minister",
    "External Affairs Minister",
    "Finance Minister",
    "Minister",
    "Supreme Leader",
    "Chancellor",
    "King",
    "Crown Prince",
    "Emir",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Speaker",
    "Gen.",
    "General",
    "Admiral",
    "Adm.",
    "Ambassador",
    "NSA",
    "National Security Advisor",
    "National Security Adviser",
    "Chairman",
    "Premier",
    "Ayatollah",
    "Foreign Affairs Minister",
];

/// Head words of agreement names and the type they give.
const AGREEMENT_HEADS: &[(&str, &str)] = &[
    ("Act", "law"),
    ("Acts", "law"),
    ("Law", "law"),
    ("Resolution", "law"),
    ("Agreement", "agreement"),
    ("Agreements", "agreement"),
    ("Arrangement", "agreement"),
    ("Accord", "agreement"),
    ("Accords", "agreement"),
    ("Pact", "agreement"),
    ("Compact", "agreement"),
    ("Declaration", "agreement"),
    ("Memorandum", "agreement"),
    ("Treaty", "treaty"),
    ("Convention", "treaty"),
    ("Framework", "framework"),
    ("Initiative", "initiative"),
    ("Program", "initiative"),
    ("Programme", "initiative"),
    ("Corridor", "initiative"),
    ("Dialogue", "dialogue"),
    ("Exercise", "exercise"),
    ("Exercises", "exercise"),
    ("Policy", "policy"),
    ("Doctrine", "policy"),
    ("Model", "policy"),
    ("Strategy", "strategy"),
    ("Partnership", "partnership"),
    ("Regulations", "regulation"),
    ("Regulation", "regulation"),
    ("Procedure", "regulation"),
    ("Rules", "regulation"),
    ("Deal", "deal"),
    ("Ceasefire", "deal"),
    ("Sanctions", "policy"),
];

/// Head words of actor names and the type they give.
const ACTOR_HEADS: &[(&str, &str)] = &[
    ("Ministry", "organization"),
    ("Committee", "organization"),
    ("Council", "organization"),
    ("Center", "organization"),
    ("Centre", "organization"),
    ("Institute", "organization"),
    ("Corporation", "organization"),
    ("Agency", "organization"),
    ("Department", "organization"),
    ("Commission", "organization"),
    ("Bureau", "organization"),
    ("Organisation", "organization"),
    ("Organization", "organization"),
    ("Party", "organization"),
    ("Corps", "organization"),
    ("Command", "organization"),
    ("Parliament", "organization"),
    ("Court", "organization"),
    ("Cell", "organization"),
    ("Board", "organization"),
    ("Hural", "organization"),
    ("Assembly", "organization"),
    ("Movement", "group"),
    ("Front", "group"),
    ("Company", "company"),
    ("Inc.", "company"),
    ("Ltd.", "company"),
    ("Limited", "company"),
];

fn head_of(word: &str) -> Option<(Class, &'static str)> {
    if let Some((_, t)) = AGREEMENT_HEADS.iter().find(|(h, _)| *h == word) {
        return Some((Class::Agreement, t));
    }
    ACTOR_HEADS.iter().find(|(h, _)| *h == word).map(|(_, t)| (Class::Actor, *t))
}

/// Lower-case words allowed inside a capitalised name.
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "on", "in", "to", "with", "de", "&"];

/// Capitalised words that start sentences or name times, never a name's first word.
const NOT_NAME_START: &[&str] = &[
    "The", "This", "That", "These", "Those", "A", "An", "Despite", "However", "In", "At", "For", "By", "While",
    "Although", "As", "After", "Before", "When", "Since", "Under", "Both", "Its", "Their", "His", "Her", "Such",
    "According", "Moreover", "Thus", "Meanwhile", "Also", "And", "But", "Or", "If", "With", "Without", "From", "To",
    "On", "Of", "Our", "We", "It", "They", "He", "She", "There", "Here", "Through", "During", "Following", "Each",
    "Every", "Another", "Other", "Some", "Many", "Most", "All", "Any", "New", "Recent", "Former", "Current", "Key",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Table", "Figure",
    "Section", "Chapter", "Part", "Note", "Notes", "See", "Similarly", "Further", "Furthermore", "Instead",
    "Nevertheless", "Therefore", "Hence", "Yet", "Still", "Then", "Now", "Today", "Given", "Unlike", "Like",
    "Contrastingly", "Consequently", "Additionally", "Finally", "First", "Second", "Third", "Last", "Next",
];

const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// A word of a block's clean text: byte range.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | '+' | '&');
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(trim_word(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(trim_word(text, s, text.len()));
    }
    out.retain(|w| w.end > w.start);
    out
}

/// Drops a trailing full stop (not of an initial such as `S.`), apostrophes and a possessive.
fn trim_word(text: &str, s: usize, mut e: usize) -> Word {
    let w = text.get(s..e).unwrap_or("");
    for suffix in ["'s", "’s"] {
        if w.len() > suffix.len() && w.ends_with(suffix) {
            e -= suffix.len();
            return Word { start: s, end: e };
        }
    }
    let mut w = text.get(s..e).unwrap_or("");
    while let Some(last) = w.chars().last() {
        let keep_dot = last == '.' && (w.len() <= 3 || w.chars().filter(|&c| c == '.').count() > 1 || w == "Inc." || w == "Ltd.");
        if matches!(last, '.' | '\'' | '’' | '-' | '&') && !keep_dot {
            e -= last.len_utf8();
            w = text.get(s..e).unwrap_or("");
        } else {
            break;
        }
    }
    Word { start: s, end: e }
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The names a block's text defines or implies.
fn discover(t: &mut Table, text: &str, _block: usize) {
    acronyms(t, text);
    head_words(t, text);
    titled(t, text);
    if let Some(r) = COMPANY.as_ref() {
        for c in r.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let name = m.as_str();
            let first = name.split_whitespace().next().unwrap_or("");
            if t.owner(name).is_some() || NOT_NAME_START.contains(&first) || is_sentence_start(text, m.start()) {
                continue;
            }
            t.discovered(Class::Actor, "company", name, &[], "actor/company-apposition");
        }
    }
    if let Some(r) = SPECIAL.as_ref() {
        for m in r.find_iter(text) {
            let kind = if m.as_str().starts_with("Executive") { "law" } else { "regulation" };
            t.discovered(Class::Agreement, kind, m.as_str(), &[], "agreement/head-word");
        }
    }
}

fn is_sentence_start(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '•', '"', '“'])
}

/// `Long Name (ACR)`: the long name is the shortest run of capitalised words before the
/// parenthesis whose initials hold the acronym's capitals, first letter first.
fn acronyms(t: &mut Table, text: &str) {
    let Some(r) = ACRONYM.as_ref() else { return };
    for c in r.captures_iter(text) {
        let (Some(whole), Some(acr)) = (c.get(0), c.get(1)) else { continue };
        let a = acr.as_str();
        let caps: Vec<char> = a.chars().filter(|c| c.is_uppercase()).collect();
        if caps.len() < 2 || a.chars().filter(|c| c.is_lowercase()).count() > caps.len() {
            continue;
        }
        let before = text.get(..whole.start()).unwrap_or("");
        let ws = words(before);
        // the capitalised run ending right before the parenthesis
        let mut run: Vec<Word> = Vec::new();
        for w in ws.iter().rev() {
            let s = before.get(w.start..w.end).unwrap_or("");
            let gap = before.get(w.end..run.last().map_or(before.len(), |x| x.start)).unwrap_or("");
            if !gap.trim().is_empty() && !gap.trim().chars().all(|c| matches!(c, '\'' | '’')) {
                break;
            }
            if is_cap(s) || (CONNECTORS.contains(&s) && !run.is_empty()) {
                run.push(*w);
            } else {
                break;
            }
            if run.len() > caps.len() + 4 {
                break;
            }
        }
        run.reverse();
        while run
            .first()
            .is_some_and(|w| CONNECTORS.contains(&before.get(w.start..w.end).unwrap_or("")))
        {
            run.remove(0);
        }
        // pick the start whose initials cover the acronym
        let mut best: Option<usize> = None;
        for k in 0..run.len() {
            let Some(w0) = run.get(k) else { continue };
            let first = before.get(w0.start..w0.end).unwrap_or("");
            if !is_cap(first) || NOT_NAME_START.contains(&first) {
                continue;
            }
            let initials: Vec<char> = run
                .get(k..)
                .unwrap_or(&[])
                .iter()
                .filter_map(|w| before.get(w.start..w.end))
                .filter(|s| is_cap(s))
                .flat_map(|s| s.split('-').filter_map(|p| p.chars().next()).collect::<Vec<_>>())
                .flat_map(char::to_uppercase)
                .collect();
            let first_ok = initials.first().is_some_and(|&c| caps.first() == Some(&c));
            let covered = caps.iter().all(|c| initials.contains(c));
            if first_ok && covered && initials.len() <= caps.len() + 3 {
                best = Some(k);
                break;
            }
        }
        let tail = c.get(2).map(|m| m.as_str().trim());
        let Some(k) = best else {
            // `(ACR)` of a known name, or of nothing: only a known acronym
            continue;
        };
        let (Some(w0), Some(wl)) = (run.get(k), run.last()) else { continue };
        let long = before.get(w0.start..wl.end).unwrap_or("").trim();
        let head = long.split_whitespace().last().unwrap_or("");
        let tail_head = tail.and_then(head_of);
        if let Some(i) = t.owner(a).or_else(|| t.owner(long)) {
            t.surface(a, i, false);
            t.surface(long, i, false);
            continue;
        }
        // `Strategic Partnership (SP) Model`: the head follows the parenthesis
        if let (Some((class, kind)), Some(tl)) = (tail_head, tail) {
            let full = text.get(w0.start..whole.end()).unwrap_or("");
            let rule = if class == Class::Actor { "actor/acronym" } else { "agreement/acronym" };
            let short = format!("{a} {tl}");
            let plain = format!("{long} {tl}");
            t.discovered(class, kind, full, &[&short, &plain], rule);
            continue;
        }
        let Some((class, kind)) = head_of(head).or_else(|| leading_head(long)) else { continue };
        let rule = if class == Class::Actor { "actor/acronym" } else { "agreement/acronym" };
        let i = t.discovered(class, kind, long, &[a], rule);
        if let Some(y) = tail.filter(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit())) {
            t.surface(&format!("{long} ({a}) {y}"), i, false);
        }
    }
}

/// A head word that opens the name: `Ministry of Defence`, `Department of State`.
fn leading_head(name: &str) -> Option<(Class, &'static str)> {
    let mut it = name.split_whitespace();
    let first = it.next()?;
    let second = it.next()?;
    if CONNECTORS.contains(&second) {
        return head_of(first).filter(|(c, _)| *c == Class::Actor);
    }
    None
}

/// Capitalised runs with a head word; `Operation …`.
fn head_words(t: &mut Table, text: &str) {
    let ws = words(text);
    let mut i = 0;
    while i < ws.len() {
        // a run of capitalised words, with connectors inside
        let mut j = i;
        let mut last_cap = None;
        while let Some(w) = ws.get(j) {
            let s = text.get(w.start..w.end).unwrap_or("");
            if j > i {
                let prev = ws.get(j - 1).map_or(w.start, |p| p.end);
                let gap = text.get(prev..w.start).unwrap_or("");
                if !gap.chars().all(char::is_whitespace) {
                    break;
                }
            }
            if is_cap(s) && !MONTHS.contains(&s) {
                last_cap = Some(j);
            } else if !(CONNECTORS.contains(&s) && j > i) {
                break;
            }
            j += 1;
        }
        let Some(end) = last_cap else {
            i = j.max(i + 1);
            continue;
        };
        let mut start = i;
        // drop sentence-initial and function words at the front
        while start <= end {
            let s = ws.get(start).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
            if NOT_NAME_START.contains(&s) || CONNECTORS.contains(&s) {
                start += 1;
            } else {
                break;
            }
        }
        if start <= end {
            name_in_run(t, text, &ws, start, end);
        }
        i = end + 1;
    }
}

fn name_in_run(t: &mut Table, text: &str, ws: &[Word], start: usize, end: usize) {
    let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    let span = |a: usize, b: usize| -> &str {
        match (ws.get(a), ws.get(b)) {
            (Some(x), Some(y)) => text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    };
    if word(start) == "Operation" && end > start {
        let mut e = start + 1;
        while e < end && e < start + 3 && is_cap(word(e + 1)) {
            e += 1;
        }
        let name = span(start, e);
        let bare = span(start + 1, e);
        t.discovered(Class::Agreement, "operation", name, &[bare], "agreement/operation");
        return;
    }
    // the first head word (after at least one other word, or opening `X of Y`)
    let mut found = None;
    for k in start..=end {
        let w = word(k);
        if let Some((class, kind)) = head_of(w) {
            let opening = k == start && end > k + 1 && CONNECTORS.contains(&word(k + 1)) && class == Class::Actor;
            if k > start || opening {
                found = Some((k, class, kind));
                break;
            }
        }
    }
    let Some((k, class, kind)) = found else { return };
    // the name runs on over `of 1974`, `on Strategic Competition with China`
    let mut e = k;
    let mut m = k + 1;
    while m <= end {
        if is_cap(word(m)) {
            e = m;
        }
        m += 1;
    }
    if class == Class::Agreement && e == k {
        // `Trade Act of 1974`: a year after `of`
        if let (Some(w1), Some(w2)) = (ws.get(k + 1), ws.get(k + 2)) {
            let of = text.get(w1.start..w1.end) == Some("of");
            let y = text.get(w2.start..w2.end).unwrap_or("");
            if of && y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
                e = k + 2;
            }
        }
    }
    let mut s = start;
    // a lone head word with only determiners before it is no name
    let others = (s..k).filter(|&x| is_cap(word(x)) && head_of(word(x)).is_none()).count();
    if others == 0 && !(k == start && e > k) {
        return;
    }
    // drop a leading possessive state or other known actor: `India's Defence Acquisition Procedure`
    while s < k {
        let w = ws.get(s).map(|w| (w.start, w.end)).unwrap_or((0, 0));
        let possessive = text.get(w.1..).is_some_and(|r| r.starts_with("'s") || r.starts_with("’s"));
        if possessive {
            s += 1;
        } else {
            break;
        }
    }
    let name = span(s, e);
    if name.split_whitespace().count() < 2 {
        return;
    }
    let rule = if class == Class::Actor { "actor/head-word" } else { "agreement/head-word" };
    // a name that is all lexicon (`US Congress`) is left to the lexicon
    t.discovered(class, kind, name, &[], rule);
}

/// `Prime Minister Narendra Modi`: a title then a capitalised name.
fn titled(t: &mut Table, text: &str) {
    let Some(r) = TITLE.as_ref() else { return };
    for c in r.captures_iter(text) {
        let (Some(whole), Some(name)) = (c.get(0), c.get(1)) else { continue };
        let mut toks: Vec<&str> = name.as_str().split_whitespace().collect();
        // stop at a month, a known non-name or a lexicon state/organisation
        if let Some(p) = toks
            .iter()
            .position(|w| MONTHS.contains(w) || NOT_NAME_START.contains(w) || t.owner(w).is_some_and(|i| t.cands.get(i).is_some_and(|c| c.kind != "person")))
        {
            toks.truncate(p);
        }
        while toks.last().is_some_and(|w| w.ends_with('.') && w.len() <= 3) {
            toks.pop();
        }
        let toks: Vec<String> = toks
            .iter()
            .map(|w| w.trim_end_matches("'s").trim_end_matches("’s").to_string())
            .collect();
        if toks.is_empty() {
            continue;
        }
        let full = toks.join(" ");
        if full.chars().count() < 3 || head_of(toks.last().map_or("", String::as_str)).is_some() {
            continue;
        }
        let title = text.get(whole.start()..name.start()).unwrap_or("").trim();
        let titled = format!("{title} {full}");
        if let Some(i) = t.owner(&full) {
            t.surface(&titled, i, false);
            continue;
        }
        let i = t.discovered(Class::Actor, "person", &full, &[&titled], "actor/title");
        if toks.len() > 1 {
            if let Some(last) = toks.last() {
                if last.chars().count() > 2 && t.owner(last).is_none() {
                    t.surface(last, i, true);
                    t.surface(&format!("{title} {last}"), i, false);
                }
            }
        }
    }
}

// ---------------------------------------------------------------- matching

fn find_mentions(doc: &Document, t: &Table) -> Vec<Entity> {
    let pats: Vec<&String> = t.surfaces.keys().collect();
    let meta: Vec<Surface> = t.surfaces.values().copied().collect();
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(&pats)
    else {
        return Vec::new();
    };
    let mut per: Vec<Vec<Mention>> = vec![Vec::new(); t.cands.len()];
    let mut first_seen: Vec<Option<usize>> = vec![None; t.cands.len()];
    let mut order = 0usize;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let text = block.inline.text.as_str();
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < text.len() {
            if !text.is_char_boundary(pos) || !word_start(text, pos) {
                pos += 1;
                continue;
            }
            let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
            let Some(mut m) = ac.find(input) else {
                pos += 1;
                continue;
            };
            // `the US House Select Committee …`: a longer name inside `the …` wins
            if text.get(pos..).is_some_and(|r| r.starts_with("the ") || r.starts_with("The ")) {
                let inner = Input::new(text).range(pos + 4..).anchored(Anchored::Yes);
                if let Some(m2) = ac.find(inner) {
                    if m2.end() > m.end() && word_end(text, m2.end()) {
                        m = m2;
                    }
                }
            }
            if !word_end(text, m.end()) {
                pos += 1;
                continue;
            }
            let Some(sf) = meta.get(m.pattern().as_usize()) else {
                pos += 1;
                continue;
            };
            let ci = sf.cand;
            if sf.after_full && first_seen.get(ci).copied().flatten().is_none() {
                pos = m.end();
                continue;
            }
            let mut start = m.start();
            // `President Trump`: the title belongs to the surface form
            if t.cands.get(ci).is_some_and(|c| c.kind == "person") {
                start = title_before(text, start);
            }
            let surface = text.get(start..m.end()).unwrap_or("").to_string();
            if let Some(list) = per.get_mut(ci) {
                list.push(Mention {
                    block: bi,
                    start,
                    end: m.end(),
                    span: block.inline.span(start, m.end()),
                    surface,
                });
            }
            if let Some(f) = first_seen.get_mut(ci) {
                f.get_or_insert(order);
            }
            order += 1;
            pos = m.end();
        }
        let _ = bytes;
    }
    let mut out = Vec::new();
    for (ci, mentions) in per.into_iter().enumerate() {
        let Some(c) = t.cands.get(ci) else { continue };
        if mentions.is_empty() {
            continue;
        }
        let mut aliases: Vec<String> = Vec::new();
        for m in &mentions {
            if !aliases.contains(&m.surface) {
                aliases.push(m.surface.clone());
            }
        }
        out.push(Entity {
            id: c.id.clone(),
            class: c.class,
            kind: c.kind.clone(),
            label: c.label.clone(),
            aliases,
            mentions,
            rule: c.rule,
        });
    }
    // document order of first mention
    out.sort_by_key(|e| e.mentions.first().map(|m| (m.block, m.start)));
    out
}

fn word_start(text: &str, pos: usize) -> bool {
    let cur = text.get(pos..).and_then(|s| s.chars().next());
    let prev = text.get(..pos).and_then(|s| s.chars().next_back());
    cur.is_some_and(|c| c.is_alphanumeric()) && !prev.is_some_and(|c| c.is_alphanumeric())
}

fn word_end(text: &str, pos: usize) -> bool {
    let last = text.get(..pos).and_then(|s| s.chars().next_back());
    let next = text.get(pos..).and_then(|s| s.chars().next());
    // `U.S.` ends in a stop; `US` must not run into a letter
    !(last.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric))
}

/// Start of a title right before `start` (`Prime Minister Modi`), else `start`.
fn title_before(text: &str, start: usize) -> usize {
    let before = text.get(..start).unwrap_or("");
    let Some(b) = before.strip_suffix(' ') else { return start };
    for title in TITLES {
        if let Some(rest) = b.strip_suffix(title) {
            if rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()) {
                return rest.len();
            }
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    fn run(text: &str) -> (Vec<Entity>, Vec<Relation>) {
        let mut d = Diagnostics::default();
        let doc = crate::document::read(text, &mut d);
        extract(&doc, &Lexicon::default_lexicon(), &mut d)
    }

    fn labels(es: &[Entity]) -> Vec<String> {
        es.iter().map(|e| e.label.clone()).collect()
    }

    fn get<'a>(es: &'a [Entity], label: &str) -> Option<&'a Entity> {
        es.iter().find(|e| e.label == label)
    }

    #[test]
    fn lexicon_states_short_forms_and_capitals() {
        let (es, _) = run("The U.S. and New Delhi talked. Washington then called Beijing and the Kremlin.\n");
        let us = get(&es, "United States");
        assert!(us.is_some_and(|e| e.aliases.contains(&"U.S.".into()) && e.aliases.contains(&"Washington".into())));
        assert!(get(&es, "India").is_some());
        assert!(get(&es, "China").is_some());
        assert!(get(&es, "Russia").is_some_and(|e| e.aliases == vec!["the Kremlin".to_string()]));
    }

    #[test]
    fn adjectives_and_hyphen_pairs() {
        let (es, _) = run("Indian and American officials met. The US-India and India-US talks went on.\n");
        let us = get(&es, "United States");
        assert_eq!(us.map(|e| e.mentions.len()), Some(2));
        assert_eq!(get(&es, "India").map(|e| e.mentions.len()), Some(2));
    }

    #[test]
    fn acronyms_defined_in_text() {
        let (es, _) = run("The Mongolia Third Neighbor Trade Act (MTNTA) passed. Later the MTNTA stalled. The Foo Bar Institute (FBI2) spoke. Gross Domestic Product (GDP) grew.\n");
        let a = get(&es, "Mongolia Third Neighbor Trade Act");
        assert!(a.is_some_and(|e| e.class == Class::Agreement && e.mentions.len() >= 2 && e.rule == "agreement/acronym"), "{:?}", es.iter().map(|e| (&e.label, &e.aliases, e.rule)).collect::<Vec<_>>());
        assert!(!labels(&es).iter().any(|l| l.contains("Gross")));
    }

    #[test]
    fn titled_persons_and_surnames() {
        let (es, _) = run("Khurelsukh spoke first. Then President Ukhnaagiin Khurelsukh met Prime Minister Narendra Modi. Khurelsukh left; Modi stayed.\n");
        let k = get(&es, "Ukhnaagiin Khurelsukh");
        assert!(k.is_some_and(|e| e.kind == "person" && e.mentions.len() == 2), "{:?}", labels(&es));
        let m = get(&es, "Narendra Modi");
        assert!(m.is_some_and(|e| e.aliases.contains(&"Prime Minister Narendra Modi".into()) && e.aliases.contains(&"Modi".into())));
    }

    #[test]
    fn head_words_and_operations() {
        let (es, _) = run("Congress passed the Critical Undersea Infrastructure Resilience Initiative Act in May. The US House Select Committee on Strategic Competition with China objected. Operation Epic Fury began.\n");
        let ls = labels(&es);
        assert!(ls.contains(&"Critical Undersea Infrastructure Resilience Initiative Act".into()), "{ls:?}");
        assert!(ls.iter().any(|l| l.ends_with("Committee on Strategic Competition with China")), "{ls:?}");
        assert!(ls.contains(&"Operation Epic Fury".into()), "{ls:?}");
    }

    #[test]
    fn no_false_actors_from_capitals_months_headings_or_notes() {
        let text = "# The Grand Strategy Council Heading\n\nDespite this, in March the talks went on.¹ However, Policy matters.\n\n¹ John Smith, \"The Committee Report,\" Reuters, 2020.\n";
        let (es, _) = run(text);
        assert!(es.is_empty(), "{:?}", labels(&es));
    }

    #[test]
    fn companies() {
        let (es, _) = run("The EU imposed sanctions on Nayara, one of India's two largest private oil refiners. Lockheed Martin and GE bid.\n");
        let ls = labels(&es);
        assert!(ls.contains(&"Nayara".into()) && ls.contains(&"Lockheed Martin".into()) && ls.contains(&"General Electric".into()), "{ls:?}");
    }
}
