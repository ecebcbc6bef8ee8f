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
    surname_persons(&mut table, doc);
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
        let known = std::iter::once(label)
            .chain(surfaces.iter().copied())
            .find_map(|s| self.owner(s));
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
static ACRONYM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"\(([A-Za-z][A-Za-z0-9&+\-]{0,10})(?:[,;][^()]{0,80})?\)(\s+(?:[A-Z][a-z]+|\d{4}|liberali[sz]ation|reforms?|regime|sanctions)\b)?",
    )
});

static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:{})\s+((?:(?:[A-Z][a-z]?\.){{1,3}}\s*|[A-Z][\p{{L}}'’]*(?:-[A-Z]?[\p{{L}}]+)?\s+){{0,3}}[A-Z][\p{{Ll}}\p{{Lu}}]*\p{{Ll}}[\p{{L}}]*(?:-[A-Z]?[\p{{L}}]+)?)",
        TITLES.join("|").replace('.', r"\.")
    ))
});

static COMPANY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"\b([A-Z][\p{L}&-]+(?:\s+[A-Z][\p{L}&-]+){0,3}),\s+(?:one of|an?|the)\s+[^,.;()]{0,60}?\b(?:compan(?:y|ies)|firms?|refiners?|refinery|manufacturers?|producers?|contractors?|conglomerates?|makers?|operators?|miners?|mining giant)\b",
    )
});

static QUOTED_POLICY: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r#"["“]([\p{L}][\p{L} -]{2,40})["”]\s+(policy|doctrine|strategy)\b"#));

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
    "Speaker of Parliament",
    "Speaker of the House",
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
    ACTOR_HEADS
        .iter()
        .find(|(h, _)| *h == word)
        .map(|(_, t)| (Class::Actor, *t))
}

/// Lower-case words allowed inside a capitalised name.
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "on", "in", "to", "with", "de", "&"];

/// Capitalised words that start sentences or name times, never a name's first word.
const NOT_NAME_START: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "Despite",
    "However",
    "In",
    "At",
    "For",
    "By",
    "While",
    "Although",
    "As",
    "After",
    "Before",
    "When",
    "Since",
    "Under",
    "Both",
    "Its",
    "Their",
    "His",
    "Her",
    "Such",
    "According",
    "Moreover",
    "Thus",
    "Meanwhile",
    "Also",
    "And",
    "But",
    "Or",
    "If",
    "With",
    "Without",
    "From",
    "To",
    "On",
    "Of",
    "Our",
    "We",
    "It",
    "They",
    "He",
    "She",
    "There",
    "Here",
    "Through",
    "During",
    "Following",
    "Each",
    "Every",
    "Another",
    "Other",
    "Some",
    "Many",
    "Most",
    "All",
    "Any",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Table",
    "Figure",
    "Section",
    "Chapter",
    "Part",
    "Note",
    "Notes",
    "See",
    "Similarly",
    "Further",
    "Furthermore",
    "Instead",
    "Nevertheless",
    "Therefore",
    "Hence",
    "Yet",
    "Still",
    "Then",
    "Now",
    "Today",
    "Given",
    "Unlike",
    "Like",
    "Contrastingly",
    "Consequently",
    "Additionally",
    "Finally",
];

/// Words that open a name mid-sentence (`the New Framework for …`) but not at a sentence start.
const SOFT_START: &[&str] = &[
    "New", "Recent", "Former", "Current", "Key", "Next", "First", "Second", "Third", "Last",
];

/// Lower-case head nouns after a capitalised name: `NATO Plus arrangement`, `Power of Siberia 2 pipeline`.
const LOWER_HEADS: &[(&str, &str)] = &[
    ("arrangement", "agreement"),
    ("agreement", "agreement"),
    ("accord", "agreement"),
    ("pact", "agreement"),
    ("compact", "agreement"),
    ("treaty", "treaty"),
    ("deal", "deal"),
    ("ceasefire", "deal"),
    ("pipeline", "deal"),
    ("initiative", "initiative"),
    ("framework", "framework"),
    ("dialogue", "dialogue"),
    ("exercise", "exercise"),
    ("exercises", "exercise"),
    ("doctrine", "policy"),
    ("corridor", "initiative"),
];

/// Words in a sentence that make an equipment designator (`S-400`, `F-35`) a deal.
const DEAL_WORDS: &[&str] = &[
    "sale",
    "sales",
    "sell",
    "sold",
    "purchase",
    "purchases",
    "purchased",
    "buy",
    "bought",
    "deal",
    "deals",
    "co-production",
    "co-produce",
    "assembly",
    "acquisition",
    "acquire",
    "acquired",
    "procurement",
    "order",
    "delivery",
    "deliveries",
    "contract",
];

static DESIGNATOR: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^(?:[A-Z][A-Za-z]{0,2}-\d{2,3}[A-Z]?|[A-Z]\d{3}[A-Z]?)$"));

static SUCH_AS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"\b(operations?|exercises?|missions?)\s+(?:such as|like|called|named|dubbed|known as)\s+(?:the\s+)?(?:U\.?S\.?-led\s+)?([A-Z][\p{L}\d-]+(?:\s+[A-Z][\p{L}\d-]+){0,3})",
    )
});

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
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
        let keep_dot =
            last == '.' && (w.len() <= 3 || w.chars().filter(|&c| c == '.').count() > 1 || w == "Inc." || w == "Ltd.");
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
    if let Some(r) = SUCH_AS.as_ref() {
        for c in r.captures_iter(text) {
            let (Some(what), Some(m)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let kind = if what.as_str().starts_with("exercise") {
                "exercise"
            } else {
                "operation"
            };
            let name = m.as_str();
            if t.owner(name).is_none() && !MONTHS.contains(&name) {
                t.discovered(Class::Agreement, kind, name, &[], "agreement/operation");
            }
        }
    }
    if let Some(r) = QUOTED_POLICY.as_ref() {
        for c in r.captures_iter(text) {
            let (Some(phrase), Some(head)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let label = format!("{} {}", phrase.as_str(), head.as_str());
            t.discovered(
                Class::Agreement,
                "policy",
                &label,
                &[phrase.as_str()],
                "agreement/quoted-policy",
            );
        }
    }
    if let Some(r) = SPECIAL.as_ref() {
        for m in r.find_iter(text) {
            let kind = if m.as_str().starts_with("Executive") {
                "law"
            } else {
                "regulation"
            };
            t.discovered(Class::Agreement, kind, m.as_str(), &[], "agreement/head-word");
        }
    }
}

/// At most `max` bytes of `text` ending at `end`, cut at a char boundary.
fn tail_window(text: &str, end: usize, max: usize) -> &str {
    let mut s = end.saturating_sub(max);
    while s < end && !text.is_char_boundary(s) {
        s += 1;
    }
    text.get(s..end).unwrap_or("")
}

/// At most `max` bytes of `text` from `start`, cut at a char boundary.
fn head_window(text: &str, start: usize, max: usize) -> &str {
    let mut e = (start + max).min(text.len());
    while e > start && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(start..e).unwrap_or("")
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
        let (Some(whole), Some(acr)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let a = acr.as_str();
        let caps: Vec<char> = a.chars().filter(|c| c.is_uppercase()).collect();
        if caps.len() < 2 || a.chars().filter(|c| c.is_lowercase()).count() > caps.len() {
            continue;
        }
        // a long name is short: look back a bounded window, so the scan stays linear
        let before = tail_window(text, whole.start(), 400);
        let base = whole.start() - before.len();
        let ws = words(before);
        // the capitalised run ending right before the parenthesis
        let mut run: Vec<Word> = Vec::new();
        for w in ws.iter().rev() {
            let s = before.get(w.start..w.end).unwrap_or("");
            let gap = before
                .get(w.end..run.last().map_or(before.len(), |x| x.start))
                .unwrap_or("");
            if !gap.trim().is_empty() && !matches!(gap.trim(), "'s" | "’s" | "'" | "’") {
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
        let (Some(w0), Some(wl)) = (run.get(k), run.last()) else {
            continue;
        };
        let long = before.get(w0.start..wl.end).unwrap_or("").trim();
        let head = long.split_whitespace().last().unwrap_or("");
        let tail_head = tail.and_then(|w| {
            head_of(w).or(match w {
                "liberalization" | "liberalisation" | "reform" | "reforms" | "regime" | "sanctions" => {
                    Some((Class::Agreement, "policy"))
                }
                _ => None,
            })
        });
        if let Some(i) = t.owner(a).or_else(|| t.owner(long)) {
            t.surface(a, i, false);
            t.surface(long, i, false);
            continue;
        }
        // `Strategic Partnership (SP) Model`: the head follows the parenthesis
        if let (Some((class, kind)), Some(tl)) = (tail_head, tail) {
            let full = text.get(base + w0.start..whole.end()).unwrap_or("");
            let rule = if class == Class::Actor {
                "actor/acronym"
            } else {
                "agreement/acronym"
            };
            let short = format!("{a} {tl}");
            let plain = format!("{long} {tl}");
            t.discovered(class, kind, full, &[&short, &plain], rule);
            continue;
        }
        let Some((class, kind)) = head_of(head).or_else(|| leading_head(long)) else {
            continue;
        };
        let rule = if class == Class::Actor {
            "actor/acronym"
        } else {
            "agreement/acronym"
        };
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
                if !gap.chars().all(|c| c.is_whitespace() || c == '\'' || c == '’') || gap.trim() == gap {
                    break;
                }
            }
            let prev = if j > i {
                ws.get(j - 1).and_then(|p| text.get(p.start..p.end)).unwrap_or("")
            } else {
                ""
            };
            let number = s.chars().all(|c| c.is_ascii_digit());
            if (number && CONNECTORS.contains(&prev)) || (s == "the" && prev == "and") {
                break;
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
            let Some(w) = ws.get(start) else { break };
            let s = text.get(w.start..w.end).unwrap_or("");
            let soft = SOFT_START.contains(&s) && is_sentence_start(text, w.start);
            let number = s.chars().all(|c| c.is_ascii_digit());
            // `Iran-backed`, `U.S.-designated`, `Two-week`: a modifier, not a name
            let modifier = s
                .rsplit('-')
                .next()
                .is_some_and(|p| p.chars().next().is_some_and(char::is_lowercase));
            if NOT_NAME_START.contains(&s) || CONNECTORS.contains(&s) || soft || number || modifier {
                start += 1;
            } else {
                break;
            }
        }
        if start <= end {
            name_in_run(t, text, &ws, start, end);
            lower_head(t, text, &ws, start, end);
            designator(t, text, &ws, start, end);
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
            let opening = k == start && end > k + 1 && CONNECTORS.contains(&word(k + 1));
            if k > start || opening {
                found = Some((k, class, kind));
                break;
            }
        }
    }
    let Some((k, class, kind)) = found else { return };
    if TITLES.contains(&word(start)) || matches!(word(start), "Secretary" | "Minister" | "Speaker") {
        return;
    }
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
    let others: Vec<&str> = (s..k).map(word).filter(|w| is_cap(w) && head_of(w).is_none()).collect();
    let distinctive = others.iter().any(|w| distinctive(t, w));
    let quoted = ws.get(s).is_some_and(|a| {
        text.get(..a.start).is_some_and(|b| b.ends_with(['"', '“']))
            && ws
                .get(e)
                .is_some_and(|z| text.get(z.end..).is_some_and(|r| r.starts_with(['"', '”'])))
    });
    let after_article = ws.get(s).is_some_and(|a| {
        let b = text
            .get(..a.start)
            .unwrap_or("")
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        b.ends_with(" a") || b.ends_with(" an") || b.ends_with(" the")
    });
    let ok = match others.len() {
        0 => k == start && e > k,
        1 => distinctive || e > k || quoted || (after_article && class == Class::Agreement),
        _ => true,
    };
    if !ok {
        return;
    }
    // drop a leading possessive state or other known actor: `India's Defence Acquisition Procedure`
    while s < k {
        let w = ws.get(s).map(|w| (w.start, w.end)).unwrap_or((0, 0));
        let possessive = text
            .get(w.1..)
            .is_some_and(|r| r.starts_with("'s") || r.starts_with("’s"));
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
    let rule = if class == Class::Actor {
        "actor/head-word"
    } else {
        "agreement/head-word"
    };
    // a name that is all lexicon (`US Congress`) is left to the lexicon
    t.discovered(class, kind, name, &[], rule);
}

/// A word that makes a two-word name a name: known, an acronym, or with a digit.
fn distinctive(t: &Table, w: &str) -> bool {
    t.owner(w).is_some()
        || w.split(['-', '–']).any(|p| t.owner(p).is_some())
        || w.chars().any(|c| c.is_ascii_digit())
        || (w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
}

/// Every word of the run is a known name (or a connector): nothing new.
fn all_known(t: &Table, text: &str, ws: &[Word], start: usize, end: usize) -> bool {
    (start..=end).all(|k| {
        let w = ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
        CONNECTORS.contains(&w) || t.owner(w).is_some() || w.split(['-', '–']).all(|p| t.owner(p).is_some())
    })
}

/// `NATO Plus arrangement`, `GE F414 jet-engine agreement`: a name of two or more words, up to
/// two lower-case words, then a lower-case head noun.
fn lower_head(t: &mut Table, text: &str, ws: &[Word], start: usize, end: usize) {
    let word0 = ws.get(start).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    // `U.S.-Iran ceasefire`: a pair of known names joined by a hyphen names a bilateral agreement
    let pair = end == start && word0.split(['-', '–']).filter(|p| t.owner(p).is_some()).count() >= 2;
    if !pair && (end == start || all_known(t, text, ws, start, end)) {
        return;
    }
    // `a Neoclassical Realist framework`: a school of thought, not a name
    let last = ws.get(end).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    if ["ist", "ism", "ian", "ic", "al"].iter().any(|x| last.ends_with(x)) {
        return;
    }
    let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    for k in end + 1..=end + 3 {
        let w = word(k);
        if let Some((_, kind)) = LOWER_HEADS.iter().find(|(h, _)| *h == w) {
            let (Some(a), Some(b), Some(h)) = (ws.get(start), ws.get(end), ws.get(k)) else {
                return;
            };
            let contiguous = text
                .get(b.end..h.start)
                .is_some_and(|g| !g.contains([',', '.', ';', '(', ')', '"', '“', '”']) && !g.starts_with(['\'', '’']));
            if !contiguous {
                return;
            }
            let name = text.get(a.start..b.end).unwrap_or("");
            if t.owner(name)
                .and_then(|i| t.cands.get(i))
                .is_some_and(|c| c.class == Class::Actor)
            {
                return;
            }
            // `Two-week U.S.-Iran ceasefire`: a hyphenated modifier belongs to the full form
            let mut from = a.start;
            if let Some(p) = start.checked_sub(1).and_then(|p| ws.get(p)) {
                let pw = text.get(p.start..p.end).unwrap_or("");
                let modifier = is_cap(pw)
                    && pw.contains('-')
                    && pw.rsplit('-').next().is_some_and(|x| x.chars().all(char::is_lowercase));
                if modifier && text.get(p.end..a.start) == Some(" ") {
                    from = p.start;
                }
            }
            let full = text.get(from..h.end).unwrap_or("");
            let aliases: &[&str] = if pair { &[] } else { &[name] };
            t.discovered(Class::Agreement, kind, full, aliases, "agreement/head-word");
            return;
        }
        if w.is_empty() || is_cap(w) || !w.chars().all(|c| c.is_lowercase() || c == '-') {
            return;
        }
    }
}

/// `S-400`, `GE F414`: an equipment designator in a sentence about a sale or purchase is a deal.
fn designator(t: &mut Table, text: &str, ws: &[Word], start: usize, end: usize) {
    let Some(r) = DESIGNATOR.as_ref() else { return };
    let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
    let Some(d) = (start..=end).find(|&k| r.is_match(word(k))) else {
        return;
    };
    let (Some(a), Some(b)) = (ws.get(start), ws.get(d)) else {
        return;
    };
    let window = tail_window(text, a.start, 300);
    let lo = a.start - window.len() + window.rfind(". ").unwrap_or(0);
    let ahead = head_window(text, b.end, 300);
    let hi = b.end + ahead.find(". ").unwrap_or(ahead.len());
    let sentence = text.get(lo..hi).unwrap_or("");
    let deal = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| DEAL_WORDS.contains(&w.to_lowercase().as_str()));
    if !deal {
        return;
    }
    let name = text.get(a.start..b.end).unwrap_or("");
    if t.owner(name).is_some() {
        return;
    }
    t.discovered(Class::Agreement, "deal", name, &[], "agreement/designator");
}

/// A word that may be a given name or a surname.
const NOT_GIVEN_NAME: &[&str] = &[
    "Supreme", "Central", "North", "South", "East", "West", "Arab", "Middle", "Far", "Upper", "Lower", "Greater",
    "Inner", "Outer", "Freedom", "Human", "Holy", "Great", "Red", "Black", "Persian", "Gulf", "Pacific", "Atlantic",
    "Indian",
];
const NOT_SURNAME: &[&str] = &[
    "Leader",
    "House",
    "Gulf",
    "Asia",
    "Sea",
    "Ocean",
    "Africa",
    "Europe",
    "America",
    "Region",
    "Republic",
    "Kingdom",
    "Province",
    "City",
    "Island",
    "Islands",
    "Strait",
    "Bay",
    "Peninsula",
    "River",
    "Mountains",
    "Valley",
    "Desert",
    "Basin",
    "Coast",
    "Border",
    "Zone",
    "Street",
    "Square",
    "Times",
    "Post",
    "Journal",
    "News",
    "Press",
    "War",
];

fn name_like(t: &Table, w: &str) -> bool {
    let mut cs = w.chars();
    let first_upper = cs.next().is_some_and(char::is_uppercase);
    let rest_lower = cs.clone().all(|c| c.is_lowercase() || c == '-') && cs.any(char::is_lowercase);
    first_upper
        && rest_lower
        && w.chars().count() >= 3
        && !NOT_NAME_START.contains(&w)
        && !SOFT_START.contains(&w)
        && !MONTHS.contains(&w)
        && !TITLES.contains(&w)
        && head_of(w).is_none()
        && t.owner(w).is_none()
}

/// `the MPP's Gombojav Zandanshatar … Zandanshatar resigned`: two name-like words not in a
/// longer capitalised run, whose second word then stands alone at least twice, name a person.
fn surname_persons(t: &mut Table, doc: &Document) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut alone: BTreeMap<String, usize> = BTreeMap::new();
    for block in &doc.blocks {
        if matches!(block.kind, BlockKind::Heading { .. }) {
            continue;
        }
        let text = block.inline.text.as_str();
        let ws = words(text);
        let word = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end)).unwrap_or("");
        let gap = |k: usize| match (ws.get(k), ws.get(k + 1)) {
            (Some(a), Some(b)) => text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        };
        let mut k = 0;
        while k < ws.len() {
            let a = word(k);
            let b = word(k + 1);
            let prev_cap = k > 0 && is_cap(word(k - 1)) && gap(k - 1) == " ";
            let next_cap = is_cap(word(k + 2)) && gap(k + 1) == " ";
            let adjective = ["ian", "ese", "ish", "ic", "etan", "ern"]
                .iter()
                .any(|x| a.ends_with(x));
            let abstract_noun = ["ism", "ity", "tion"].iter().any(|x| b.ends_with(x));
            if gap(k) == " "
                && !NOT_GIVEN_NAME.contains(&a)
                && !NOT_SURNAME.contains(&b)
                && name_like(t, a)
                && name_like(t, b)
                && !prev_cap
                && !next_cap
                && !adjective
                && !abstract_noun
                && ws.get(k).is_some_and(|w| !is_sentence_start(text, w.start))
            {
                pairs.push((a.to_string(), b.to_string()));
                k += 2;
                continue;
            }
            if name_like(t, a) {
                *alone.entry(a.to_string()).or_default() += 1;
            }
            k += 1;
        }
    }
    for (a, b) in pairs {
        if alone.get(&b).copied().unwrap_or(0) >= 2 {
            let full = format!("{a} {b}");
            if t.owner(&full).is_none() {
                let i = t.discovered(Class::Actor, "person", &full, &[], "actor/surname");
                t.surface(&b, i, true);
            }
        }
    }
}

/// `Prime Minister Narendra Modi`: a title then a capitalised name.
fn titled(t: &mut Table, text: &str) {
    let Some(r) = TITLE.as_ref() else { return };
    for c in r.captures_iter(text) {
        let (Some(whole), Some(name)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let mut toks: Vec<&str> = name.as_str().split_whitespace().collect();
        // stop at a month, a known non-name or a lexicon state/organisation
        if let Some(p) = toks.iter().position(|w| {
            MONTHS.contains(w)
                || NOT_NAME_START.contains(w)
                || t.owner(w)
                    .is_some_and(|i| t.cands.get(i).is_some_and(|c| c.kind != "person"))
        }) {
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
            if text
                .get(pos..)
                .is_some_and(|r| r.starts_with("the ") || r.starts_with("The "))
            {
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
    let Some(b) = before.strip_suffix(' ') else {
        return start;
    };
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
        assert!(
            a.is_some_and(|e| e.class == Class::Agreement && e.mentions.len() >= 2 && e.rule == "agreement/acronym"),
            "{:?}",
            es.iter().map(|e| (&e.label, &e.aliases, e.rule)).collect::<Vec<_>>()
        );
        assert!(!labels(&es).iter().any(|l| l.contains("Gross")));
    }

    #[test]
    fn titled_persons_and_surnames() {
        let (es, _) = run("Khurelsukh spoke first. Then President Ukhnaagiin Khurelsukh met Prime Minister Narendra Modi. Khurelsukh left; Modi stayed.\n");
        let k = get(&es, "Ukhnaagiin Khurelsukh");
        assert!(
            k.is_some_and(|e| e.kind == "person" && e.mentions.len() == 2),
            "{:?}",
            labels(&es)
        );
        let m = get(&es, "Narendra Modi");
        assert!(m.is_some_and(
            |e| e.aliases.contains(&"Prime Minister Narendra Modi".into()) && e.aliases.contains(&"Modi".into())
        ));
    }

    #[test]
    fn head_words_and_operations() {
        let (es, _) = run("Congress passed the Critical Undersea Infrastructure Resilience Initiative Act in May. The US House Select Committee on Strategic Competition with China objected. Operation Epic Fury began.\n");
        let ls = labels(&es);
        assert!(
            ls.contains(&"Critical Undersea Infrastructure Resilience Initiative Act".into()),
            "{ls:?}"
        );
        assert!(
            ls.iter()
                .any(|l| l.ends_with("Committee on Strategic Competition with China")),
            "{ls:?}"
        );
        assert!(ls.contains(&"Operation Epic Fury".into()), "{ls:?}");
    }

    #[test]
    fn no_false_actors_from_capitals_months_headings_or_notes() {
        let text = "# The Grand Strategy Council Heading\n\nDespite this, in March the talks went on.¹ However, Policy matters.\n\n¹ John Smith, \"The Committee Report,\" Reuters, 2020.\n";
        let (es, _) = run(text);
        assert!(es.is_empty(), "{:?}", labels(&es));
    }

    #[test]
    fn deals_quoted_policies_and_lower_heads() {
        let (es, _) = run("India bought the S-400 air defense system. Mongolia pursues a \"third neighbor\" policy. They discussed a NATO Plus arrangement. The Indo-Pacific matters.\n");
        let ls = labels(&es);
        assert!(ls.contains(&"S-400".into()), "{ls:?}");
        assert!(ls.contains(&"third neighbor policy".into()), "{ls:?}");
        assert!(ls.contains(&"NATO Plus arrangement".into()), "{ls:?}");
        assert!(!ls.iter().any(|l| l.contains("Indo-Pacific")), "{ls:?}");
    }

    #[test]
    fn untitled_person_named_again_by_surname() {
        let (es, _) = run("A government formed under the party's Gombojav Zandanshatar. Later Zandanshatar resigned. Critics said Zandanshatar erred.\n");
        assert!(
            get(&es, "Gombojav Zandanshatar").is_some_and(|e| e.mentions.len() == 3),
            "{:?}",
            labels(&es)
        );
    }

    #[test]
    fn the_before_a_longer_name() {
        let (es, _) = run("In May the US House Select Committee on Strategic Competition with China spoke.\n");
        assert!(
            labels(&es)
                .iter()
                .any(|l| l == "US House Select Committee on Strategic Competition with China"),
            "{:?}",
            labels(&es)
        );
    }

    #[test]
    fn companies() {
        let (es, _) = run("The EU imposed sanctions on Nayara, one of India's two largest private oil refiners. Lockheed Martin and GE bid.\n");
        let ls = labels(&es);
        assert!(
            ls.contains(&"Nayara".into())
                && ls.contains(&"Lockheed Martin".into())
                && ls.contains(&"General Electric".into()),
            "{ls:?}"
        );
    }
}
