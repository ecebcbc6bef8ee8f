//! Who did what: typed relations between two entities named in one sentence.
//!
//! Takes: a [`Document`] and its [`Entity`]s with their mentions. Gives: [`Relation`]s, each with
//! its predicate (the verb phrase as written), its evidence sentence and span, and its rule:
//!
//! - `relation/verb`: `A <verb phrase> B` where the words between two consecutive mentions hold a
//!   verb (`imposed sanctions on`, `met`, `visited`, `purchased … from`); an actor followed by an
//!   agreement gives `party_to`. Coordinated subjects (`A and B signed C`) and objects
//!   (`joined B and C`) share the predicate. A relative clause (`A, who proposed …`) keeps `A`.
//! - `relation/passive`: `A was designated … by B` gives `B designated A`: passive voice does not
//!   reverse who did what.
//! - `relation/possessive`: `A's designation as B`, `A's purchases of B`.
//! - `relation/membership`: `G (A, B, and C)` gives `A member of G`.
//! - `relation/both-countries`: `both countries signed X` gives `party_to` for the two states last
//!   named.
//! - `relation/fronted`: `By participating in A and B, C …` gives `C participating in A`.

use super::{Class, Entity, EntityType, Family, Relation, Rule};
use crate::claims::Sentence;
use crate::document::{BlockKind, Document};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A mention inside one sentence: entity index and clean range.
#[derive(Debug, Clone, Copy)]
struct M {
    e: usize,
    start: usize,
    end: usize,
}

/// The verb table: `lexicon/verbs.tsv`, each inflected form with its family.
const VERB_TABLE: &str = include_str!("lexicon/verbs.tsv");

/// Verb form → family, read once from [`VERB_TABLE`] (a bad row is dropped here and failed by
/// the tests).
static VERB_FAMILY: LazyLock<HashMap<&'static str, Family>> = LazyLock::new(|| {
    let mut out = HashMap::new();
    for line in VERB_TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let Some((family, forms)) = line.split_once('\t') else {
            continue;
        };
        let Some(family) = Family::parse(family) else { continue };
        for form in forms.split('|') {
            out.insert(form, family);
        }
    }
    out
});

/// The reciprocal nouns: `lexicon/reciprocal.tsv`.
const RECIPROCAL_TABLE: &str = include_str!("lexicon/reciprocal.tsv");

/// Noun → (predicate, family), read once from [`RECIPROCAL_TABLE`].
static RECIPROCAL: LazyLock<HashMap<&'static str, (&'static str, Family)>> = LazyLock::new(|| {
    RECIPROCAL_TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let (noun, pred, family) = (cols.next()?, cols.next()?, Family::parse(cols.next()?)?);
            Some((noun, (pred, family)))
        })
        .collect()
});

/// Verbs whose coordinated subjects act together on a reciprocal noun: `A, B and C formed a
/// coalition`, `A and B signed an accord`.
const JOINT_VERBS: &[&str] = &[
    "formed",
    "form",
    "forms",
    "signed",
    "sign",
    "signs",
    "concluded",
    "reached",
    "agreed",
    "negotiated",
    "held",
    "established",
    "created",
    "launched",
];

/// Nouns a joint verb makes reciprocal.
const JOINT_NOUNS: &[&str] = &[
    "coalition",
    "alliance",
    "agreement",
    "accord",
    "pact",
    "treaty",
    "deal",
    "truce",
    "ceasefire",
    "partnership",
    "talks",
    "government",
    "union",
    "federation",
    "bloc",
    "compact",
    "memorandum",
];

/// The family of a verb form (`imposed` → sanction), if the verb table holds it; a present
/// participle is looked up by its other forms (`joining` → `joins`, `participating` →
/// `participates`).
pub(crate) fn verb_family(w: &str) -> Option<Family> {
    if let Some(f) = VERB_FAMILY.get(w) {
        return Some(*f);
    }
    let stem = w.strip_suffix("ing").filter(|s| s.len() >= 2)?;
    ["s", "es", "ed", "d"]
        .iter()
        .find_map(|x| VERB_FAMILY.get(format!("{stem}{x}").as_str()).copied())
        .or_else(|| VERB_FAMILY.get(format!("{stem}es").as_str()).copied())
}

/// Words between two mentions that end the clause: no relation across them.
const BREAKS: &[&str] = &[
    "while", "whereas", "but", "although", "though", "because", "since", "if", "unless", "when",
];

/// Prepositions that may end a predicate: `imposed tariffs on`, `member of`.
const PREPOSITIONS: &[&str] = &[
    "on", "of", "with", "to", "in", "into", "from", "for", "against", "as", "by", "at", "over", "about", "toward",
    "towards", "upon", "onto", "between", "among", "across", "through",
];

const AUX: &[&str] = &["is", "are", "was", "were", "has", "have", "had", "be", "been", "being"];

/// The relations the document's sentences state between the entities' mentions.
pub fn extract(doc: &Document, sentences: &[Sentence], entities: &[Entity]) -> Vec<Relation> {
    // mentions per sentence, in order
    let mut per_sentence: Vec<Vec<M>> = vec![Vec::new(); sentences.len()];
    for (ei, e) in entities.iter().enumerate() {
        for m in e.mentions.iter().chain(&e.proxies) {
            if let Some(v) = per_sentence.get_mut(m.sentence) {
                v.push(M {
                    e: ei,
                    start: m.start,
                    end: m.end,
                });
            }
        }
    }
    let mut out: Vec<Relation> = Vec::new();
    // the two states last named, for `both countries`
    let mut recent_states: Vec<usize> = Vec::new();
    for (sent, ms) in sentences.iter().zip(per_sentence.iter_mut()) {
        let Some(block) = doc.blocks.get(sent.block) else {
            continue;
        };
        ms.sort_by_key(|m| (m.start, m.end));
        if !matches!(block.kind, BlockKind::Heading { .. }) {
            let mut ctx = Ctx {
                doc,
                entities,
                block: sent.block,
                text: block.inline.text.as_str(),
                sent: (sent.start, sent.end),
                out: &mut out,
            };
            ctx.sentence(ms, &recent_states);
        }
        for m in ms.iter() {
            if entities.get(m.e).is_some_and(|x| x.kind == EntityType::State) {
                recent_states.retain(|&x| x != m.e);
                recent_states.push(m.e);
            }
        }
    }
    dedup(out)
}

fn dedup(rels: Vec<Relation>) -> Vec<Relation> {
    let mut seen = std::collections::BTreeSet::new();
    rels.into_iter()
        .filter(|r| r.subject != r.object)
        .filter(|r| seen.insert((r.subject, r.object, r.predicate.clone(), r.span)))
        .collect()
}

struct Ctx<'a> {
    doc: &'a Document,
    entities: &'a [Entity],
    block: usize,
    text: &'a str,
    sent: (usize, usize),
    out: &'a mut Vec<Relation>,
}

impl Ctx<'_> {
    fn class(&self, e: usize) -> Option<Class> {
        self.entities.get(e).map(|x| x.class)
    }

    fn between(&self, a: usize, b: usize) -> &str {
        self.text.get(a..b).unwrap_or("")
    }

    fn push(&mut self, subject: usize, object: usize, predicate: &str, rule: Rule) {
        self.push_family(subject, object, predicate, family_of(predicate.trim()), rule);
    }

    fn push_family(&mut self, subject: usize, object: usize, predicate: &str, family: Family, rule: Rule) {
        let predicate = predicate.trim();
        if predicate.is_empty() || subject == object {
            return;
        }
        let party_to = self.class(subject) == Some(Class::Actor) && self.class(object) == Some(Class::Agreement);
        let (s, e) = self.sent;
        let evidence = squash(self.text.get(s..e).unwrap_or(""));
        let span = self
            .doc
            .blocks
            .get(self.block)
            .map(|b| b.inline.span(s, e))
            .unwrap_or_default();
        self.out.push(Relation {
            subject,
            object,
            predicate: predicate.to_string(),
            family,
            party_to,
            block: self.block,
            evidence,
            span,
            rule,
        });
    }

    fn sentence(&mut self, ms: &[M], recent_states: &[usize]) {
        self.membership(ms);
        self.both_countries(ms, recent_states);
        self.fronted(ms);
        self.reciprocal(ms);
        self.joint(ms);
        let mut k = 0;
        while k + 1 < ms.len() {
            let (Some(&a), Some(&b)) = (ms.get(k), ms.get(k + 1)) else {
                break;
            };
            k += 1;
            if a.e == b.e {
                continue;
            }
            let gap = self.between(a.end, b.start).to_string();
            let gap = gap.as_str();
            if self.adjacent(a, b, gap) {
                continue;
            }
            // `Panama-flagged tankers`, `a Chile-based firm`: a name in a compound modifier only
            // classifies a thing; it is neither subject nor object
            if self.classifier(a) || self.classifier(b) {
                continue;
            }
            let Some(Pred {
                text: pred,
                passive,
                rule,
                examples,
            }) = predicate(gap)
            else {
                continue;
            };
            // `A proposed including B in C`: the predicate reaches on to an agreement
            if !passive {
                if let Some(c) = ms.get(k + 1) {
                    let g2 = self.between(b.end, c.start).trim();
                    let prep = g2.split_whitespace().next().unwrap_or("");
                    let short = g2.split_whitespace().count() <= 2;
                    if short
                        && matches!(prep, "in" | "into" | "to" | "from")
                        && self.class(c.e) == Some(Class::Agreement)
                    {
                        let surface = self.between(b.start, b.end).to_string();
                        self.push(a.e, c.e, &format!("{pred} {surface} {prep}"), Rule::RelationVerb);
                    }
                }
            }
            // coordinated subjects before `a`: `A and B signed`
            // (the link next to `a` must be `and`/`or`: `Despite X, A signed` is no list)
            let mut subjects = vec![a.e];
            let mut j = k - 1;
            while j > 0 {
                let (Some(p), Some(q)) = (ms.get(j - 1), ms.get(j)) else {
                    break;
                };
                let gap = self.between(p.end, q.start);
                let closing = j + 1 == k;
                if is_list_gap(gap) && (!closing || is_and(gap)) {
                    subjects.push(p.e);
                    j -= 1;
                } else {
                    break;
                }
            }
            // coordinated objects after `b`
            // (a list of objects must close with `and`/`or`: `invaded B, C hoped` is no list)
            let mut objects = vec![b.e];
            let mut j = k;
            let mut closed = false;
            while let (Some(p), Some(q)) = (ms.get(j), ms.get(j + 1)) {
                let gap = self.between(p.end, q.start);
                if is_list_gap(gap) {
                    objects.push(q.e);
                    j += 1;
                    if is_and(gap) {
                        closed = true;
                        break;
                    }
                } else {
                    break;
                }
            }
            if !closed && !examples {
                objects.truncate(1);
            }
            for &s in &subjects {
                for &o in &objects {
                    if passive {
                        self.push(o, s, &pred, rule);
                    } else {
                        self.push(s, o, &pred, rule);
                    }
                }
            }
        }
    }

    /// Whether the mention is the first part of a compound modifier: `Panama-flagged`,
    /// `U.S.-based` (but `NATO-led`, which [`Ctx::adjacent`] reads as a relation).
    fn classifier(&self, m: M) -> bool {
        let after = self.text.get(m.end..).unwrap_or("");
        let Some(rest) = after.strip_prefix('-').or_else(|| after.strip_prefix('–')) else {
            return false;
        };
        rest.chars().next().is_some_and(char::is_lowercase) && !rest.starts_with("led")
    }

    /// `A US "Indo-Pacific strategy," launched …`, `China's Belt and Road Initiative`: an actor
    /// right before an agreement is a party to it.
    fn adjacent(&mut self, a: M, b: M, gap: &str) -> bool {
        if self.class(a.e) != Some(Class::Actor) || self.class(b.e) != Some(Class::Agreement) {
            return false;
        }
        let g = gap.trim();
        if matches!(g, "'s" | "’s") {
            self.push(a.e, b.e, "party to", Rule::RelationPossessive);
            return true;
        }
        if g.chars().all(|c| matches!(c, '"' | '“' | '”')) {
            let rest = self.text.get(b.end..self.sent.1).unwrap_or("");
            let rest = rest.trim_start_matches(['"', '“', '”', ',', ' ']);
            let w = rest.split_whitespace().next().unwrap_or("");
            let pred = if w.len() > 4 && w.ends_with("ed") {
                w
            } else {
                "party to"
            };
            self.push(a.e, b.e, pred, Rule::RelationAdjacent);
            return true;
        }
        if g == "-led" || g == "–led" {
            self.push(a.e, b.e, "led", Rule::RelationAdjacent);
            return true;
        }
        false
    }

    /// `the conflict between the United States and Iran`, `a meeting between Putin and Xi`,
    /// `the Russia-Ukraine war`: a reciprocal noun relates the two parties named around it.
    fn reciprocal(&mut self, ms: &[M]) {
        for pair in ms.windows(2) {
            let [a, b] = pair else { continue };
            if a.e == b.e || self.class(a.e) != Some(Class::Actor) || self.class(b.e) != Some(Class::Actor) {
                continue;
            }
            let gap = self.between(a.end, b.start).trim();
            let noun = if matches!(gap, "and" | "and the") {
                // `NOUN between A and B`
                let before = self.text.get(self.sent.0..a.start).unwrap_or("");
                let before = before.trim_end().strip_suffix("the").unwrap_or(before).trim_end();
                let Some(rest) = before.strip_suffix("between") else {
                    continue;
                };
                rest.split_whitespace().last().unwrap_or("").to_lowercase()
            } else if matches!(gap, "-" | "–") {
                // `the A-B NOUN`
                let after = self.text.get(b.end..self.sent.1).unwrap_or("");
                after.split_whitespace().next().unwrap_or("").to_lowercase()
            } else {
                continue;
            };
            let noun = noun.trim_matches(|c: char| !c.is_alphanumeric());
            if let Some(&(pred, family)) = RECIPROCAL.get(noun) {
                self.push_family(a.e, b.e, pred, family, Rule::RelationReciprocal);
            }
        }
    }

    /// `The MPP, the DP, and the HUN party formed a coalition government`: coordinated subjects
    /// of a joint verb with a reciprocal noun are related to one another.
    fn joint(&mut self, ms: &[M]) {
        let mut k = 0;
        while k < ms.len() {
            // the longest list starting at k
            let mut j = k;
            let mut closed = false;
            while let (Some(p), Some(q)) = (ms.get(j), ms.get(j + 1)) {
                let gap = self.between(p.end, q.start);
                if !is_list_gap(gap) {
                    break;
                }
                closed = is_and(gap);
                j += 1;
                if closed {
                    break;
                }
            }
            if j > k && closed {
                if let Some(last) = ms.get(j) {
                    let next = ms.get(j + 1).map_or(self.sent.1, |n| n.start);
                    let after = self.text.get(last.end..next).unwrap_or("");
                    let ws: Vec<&str> = after
                        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';'))
                        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                        .filter(|w| !w.is_empty())
                        .take(6)
                        .collect();
                    // `party formed a coalition government`: an optional class noun, the verb,
                    // then the reciprocal noun within three words
                    let v = ws
                        .iter()
                        .take(3)
                        .position(|w| JOINT_VERBS.contains(w) && !matches!(*w, "party" | "parties"));
                    if let Some(v) = v {
                        let tail: Vec<&str> = ws.iter().skip(v).take(5).copied().collect();
                        if let Some(n) = tail.iter().position(|w| JOINT_NOUNS.contains(w)) {
                            let mut pred: Vec<&str> = tail.iter().take(n + 1).copied().collect();
                            if tail.get(n + 1) == Some(&"government") {
                                pred.push("government");
                            }
                            let pred = format!("{} with", pred.join(" "));
                            let subjects: Vec<usize> = ms.get(k..=j).unwrap_or(&[]).iter().map(|m| m.e).collect();
                            for (x, &a) in subjects.iter().enumerate() {
                                for &b in subjects.get(x + 1..).unwrap_or(&[]) {
                                    self.push(a, b, &pred, Rule::RelationJoint);
                                }
                            }
                        }
                    }
                }
            }
            k = j + 1;
        }
    }

    /// `The QUAD (the U.S., Japan, India, and Australia)`; `a pact between A, B, and C (AUKUS)`.
    fn membership(&mut self, ms: &[M]) {
        for (k, g) in ms.iter().enumerate() {
            if self.entities.get(g.e).is_none_or(|x| x.kind != EntityType::Group) {
                continue;
            }
            let before = self.text.get(..g.start).unwrap_or("").trim_end();
            let after = self.text.get(g.end..).unwrap_or("");
            if before.ends_with('(') && after.starts_with(')') && k > 0 {
                let mut members = Vec::new();
                let mut j = k;
                while j > 0 {
                    let (Some(p), Some(q)) = (ms.get(j - 1), ms.get(j)) else {
                        break;
                    };
                    let gap = self.between(p.end, q.start);
                    let ok = if j == k { gap.trim() == "(" } else { is_list_gap(gap) };
                    if !ok || self.class(p.e) != Some(Class::Actor) {
                        break;
                    }
                    members.push(p.e);
                    j -= 1;
                }
                if members.len() >= 2 {
                    for m in members {
                        self.push(m, g.e, "member of", Rule::RelationMembership);
                    }
                }
                continue;
            }
            let rest = self.text.get(g.end..).unwrap_or("");
            let trimmed = rest.trim_start();
            let Some(after) = trimmed.strip_prefix('(') else {
                continue;
            };
            let open = g.end + (rest.len() - trimmed.len()) + 1;
            let Some(close) = after.find(')').map(|c| open + c) else {
                continue;
            };
            let members: Vec<usize> = ms
                .get(k + 1..)
                .unwrap_or(&[])
                .iter()
                .filter(|m| m.start >= open && m.end <= close)
                .filter(|m| self.class(m.e) == Some(Class::Actor))
                .map(|m| m.e)
                .collect();
            if members.len() < 2 {
                continue;
            }
            for m in members {
                self.push(m, g.e, "member of", Rule::RelationMembership);
            }
        }
    }

    /// `both countries signed X`: the two states last named are parties.
    fn both_countries(&mut self, ms: &[M], recent: &[usize]) {
        let (s, e) = self.sent;
        let sent = self.text.get(s..e).unwrap_or("");
        let lower = sent.to_lowercase();
        let Some(at) = ["both countries", "the two countries", "both sides", "both states"]
            .iter()
            .find_map(|p| lower.find(p))
        else {
            return;
        };
        let after = lower.get(at..).unwrap_or("");
        let verb = [
            "signed",
            "sign",
            "agreed",
            "concluded",
            "finalized",
            "finalised",
            "negotiated",
        ]
        .iter()
        .find(|v| after.split(|c: char| !c.is_alphanumeric()).take(6).any(|w| w == **v));
        let Some(verb) = verb else { return };
        let named: Vec<usize> = ms
            .iter()
            .filter(|m| self.class(m.e) == Some(Class::Actor))
            .map(|m| m.e)
            .collect();
        let parties: Vec<usize> = if named.len() >= 2 {
            named
                .iter()
                .copied()
                .filter(|&x| self.entities.get(x).is_some_and(|y| y.kind == EntityType::State))
                .collect()
        } else {
            recent.iter().rev().take(2).copied().collect()
        };
        if parties.len() < 2 {
            return;
        }
        let agreements: Vec<usize> = ms
            .iter()
            .filter(|m| self.class(m.e) == Some(Class::Agreement))
            .map(|m| m.e)
            .collect();
        for &a in &agreements {
            for &p in &parties {
                self.push(p, a, verb, Rule::RelationBothCountries);
            }
        }
    }

    /// `By actively participating in groups like BRICS and the SCO, New Delhi continues …`.
    fn fronted(&mut self, ms: &[M]) {
        let (s, e) = self.sent;
        let sent = self.text.get(s..e).unwrap_or("");
        let Some(rest) = sent.strip_prefix("By ") else { return };
        let Some(comma) = rest.find(", ") else { return };
        let clause_end = s + 3 + comma;
        let Some(subject) = ms
            .iter()
            .find(|m| m.start > clause_end && self.class(m.e) == Some(Class::Actor))
        else {
            return;
        };
        let gap = self.between(clause_end, subject.start);
        if !gap.trim_start_matches(", ").chars().all(|c| c.is_whitespace()) {
            return;
        }
        let objects: Vec<M> = ms.iter().copied().filter(|m| m.end <= clause_end).collect();
        let Some(first) = objects.first() else { return };
        let pred: Vec<&str> = self
            .between(s + 3, first.start)
            .split_whitespace()
            .filter(|w| !w.ends_with("ly"))
            .take_while(|w| !matches!(*w, "groups" | "platforms" | "forums" | "like" | "such"))
            .collect();
        let pred = pred.join(" ");
        for o in objects {
            self.push(subject.e, o.e, &pred, Rule::RelationFronted);
        }
    }
}

/// The family of a predicate: that of its first word the verb table knows (`imposed tariffs on`
/// → sanction); `member of` is membership, `party to` an agreement.
pub(crate) fn family_of(predicate: &str) -> Family {
    if predicate.starts_with("member of") {
        return Family::Membership;
    }
    if predicate == "party to" {
        return Family::Agreement;
    }
    predicate
        .split_whitespace()
        .find_map(|w| verb_family(&w.to_lowercase()))
        .unwrap_or(Family::Other)
}

fn is_and(gap: &str) -> bool {
    let g = gap.trim().trim_start_matches(',').trim();
    g.starts_with("and") || g.starts_with("or") || g == "&"
}

fn is_list_gap(gap: &str) -> bool {
    let g = gap.trim();
    let g = g
        .strip_suffix(" the")
        .or_else(|| g.strip_suffix(", the"))
        .map_or(g, |x| if x.is_empty() { "," } else { x });
    matches!(
        g,
        "," | "and" | ", and" | "or" | ", or" | "&" | "/" | "-" | "–" | "and the" | ", and the"
    )
}

/// The predicate a gap between two mentions states: (predicate, passive, rule).
/// What the words between two mentions state.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pred {
    text: String,
    passive: bool,
    rule: Rule,
    /// The object opens a list of examples (`partners, including A, B and C`): every item is
    /// an object, whether or not the list closes with `and`.
    examples: bool,
}

/// Words after a clause's last comma that open a list of examples of what came before.
const EXAMPLES: &[&str] = &[
    "including",
    "such as",
    "notably",
    "especially",
    "particularly",
    "among them",
];

fn predicate(gap: &str) -> Option<Pred> {
    if gap.len() > 90 || gap.contains([';', ':', '(', ')']) {
        return None;
    }
    let cleaned: String = gap.chars().filter(|c| !matches!(c, '“' | '”' | '"')).collect();
    let gap = cleaned.as_str();
    if let Some((head, tail)) = gap.rsplit_once(',') {
        let tail = tail.trim();
        let tail = tail.strip_suffix(" the").unwrap_or(tail);
        // `partners, including A, B and C`: the predicate is what came before the list
        if EXAMPLES.contains(&tail) && !head.contains(',') && !head.trim().is_empty() {
            return verb_phrase(head).map(|(text, passive, rule)| Pred {
                text,
                passive,
                rule,
                examples: true,
            });
        }
        // `the annual Khaan Quest exercise, co-sponsored by B`: a participle with its agent
        if let Some(p) = participle_by(tail) {
            return Some(Pred {
                text: p.to_string(),
                passive: true,
                rule: Rule::RelationPassive,
                examples: false,
            });
        }
    }
    verb_phrase(gap).map(|(text, passive, rule)| Pred {
        text,
        passive,
        rule,
        examples: false,
    })
}

/// `co-sponsored by`, `judges sanctioned by the`: a past participle right before `by`.
fn participle_by(words: &str) -> Option<&str> {
    let ws: Vec<&str> = words.split_whitespace().collect();
    let ws = match ws.as_slice() {
        [rest @ .., "by", "the"] | [rest @ .., "by"] => rest,
        _ => return None,
    };
    let p = *ws.last()?;
    let ok = ws.len() <= 3
        && p.chars().all(|c| c.is_lowercase() || c == '-')
        && (p.ends_with("ed") || matches!(p, "led" | "held" | "sold" | "bought" | "struck" | "signed"))
        && verb_family(p).is_some();
    ok.then_some(p)
}

/// The verb phrase of a gap without a list: (predicate, passive, rule).
fn verb_phrase(gap: &str) -> Option<(String, bool, Rule)> {
    let mut g = gap.trim();
    // `A, who proposed …`
    for rel in [", who ", ", which "] {
        if let Some(r) = gap.strip_prefix(rel) {
            g = r.trim();
        }
    }
    if g.contains(',') {
        return None;
    }
    // `A's designation as B`
    for p in ["'s ", "’s "] {
        if let Some(r) = g.strip_prefix(p.trim_start()) {
            let ws: Vec<&str> = r.split_whitespace().collect();
            if (2..=5).contains(&ws.len())
                && ws.last().is_some_and(|w| {
                    matches!(
                        *w,
                        "as" | "of" | "with" | "to" | "in" | "on" | "from" | "a" | "an" | "the"
                    )
                })
            {
                let words: Vec<&str> = ws.into_iter().filter(|w| !matches!(*w, "a" | "an" | "the")).collect();
                return Some((words.join(" "), false, Rule::RelationPossessive));
            }
            return None;
        }
    }
    let ws: Vec<&str> = g.split_whitespace().collect();
    if ws.is_empty() || ws.len() > 9 || ws.iter().any(|w| BREAKS.contains(&w.to_lowercase().as_str())) {
        return None;
    }
    if ws
        .first()
        .is_some_and(|w| matches!(*w, "and" | "or" | "of" | "in" | "to" | "for"))
    {
        return None;
    }
    let has_verb = ws.iter().any(|w| {
        let w = w.to_lowercase();
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        verb_family(w).is_some() || (w.len() > 5 && w.ends_with("ed"))
    });
    if !has_verb {
        return None;
    }
    // passive with an agent: `was designated … by`
    let passive = ws.first().is_some_and(|w| AUX.contains(w)) && ws.last() == Some(&"by");
    // `judges sanctioned by`: a participle with its agent, no auxiliary
    if !passive {
        if let Some(p) = participle_by(g) {
            return Some((p.to_string(), true, Rule::RelationPassive));
        }
    }
    let mut words: Vec<&str> = ws
        .iter()
        .copied()
        .filter(|w| !AUX.contains(w) && !matches!(*w, "also" | "then" | "even" | "later" | "recently" | "reportedly"))
        .collect();
    if passive {
        words.pop();
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "the" | "a" | "an" | "its" | "their" | "his" | "her"))
    {
        words.pop();
    }
    // reported speech (`said that`) names no relation between the two
    if words.last().is_some_and(|w| *w == "that") {
        return None;
    }
    // `met trade adviser`, `hosted the annual`: words after the verb that neither end in a
    // preposition nor lead to one describe the object, not the relation
    let is_verb = |w: &str| {
        let w = w.to_lowercase();
        verb_family(&w).is_some() || (w.len() > 5 && w.ends_with("ed"))
    };
    // (a verb: one the table knows, a past or present participle, or an infinitive after `to`)
    let verb_at = |k: usize| {
        words.get(k).is_some_and(|w| {
            is_verb(w)
                || (w.len() > 5 && w.ends_with("ing"))
                || (k > 0 && words.get(k - 1) == Some(&"to") && w.chars().all(char::is_lowercase))
        })
    };
    let last = words.len().saturating_sub(1);
    if !words.last().is_some_and(|w| PREPOSITIONS.contains(w)) && !verb_at(last) {
        if let Some(v) = (0..words.len()).rev().find(|&k| verb_at(k)) {
            words.truncate(v + 1);
        }
    }
    let rule = if passive {
        Rule::RelationPassive
    } else {
        Rule::RelationVerb
    };
    Some((words.join(" "), passive, rule))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use crate::diag::Diagnostics;
    use crate::extract::Lexicon;

    fn rels(text: &str) -> Vec<(String, String, String, bool)> {
        let mut d = Diagnostics::default();
        let doc = crate::document::read(text, &mut d);
        let sentences = crate::claims::sentences(&doc);
        let es = crate::extract::entities::extract(&doc, &sentences, &Lexicon::default_lexicon());
        let rs = super::extract(&doc, &sentences, &es);
        rs.iter()
            .map(|r| {
                let l = |i: usize| es.get(i).map(|e| e.label.clone()).unwrap_or_default();
                (l(r.subject), r.predicate.clone(), l(r.object), r.party_to)
            })
            .collect()
    }

    fn has(rs: &[(String, String, String, bool)], s: &str, p: &str, o: &str) -> bool {
        rs.iter().any(|r| r.0 == s && r.1 == p && r.2 == o)
    }

    #[test]
    fn verb_table_rows_parse() {
        for line in super::VERB_TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (family, forms) = line.split_once('\t').unwrap_or(("", ""));
            assert!(super::Family::parse(family).is_some(), "bad family in {line:?}");
            assert!(
                forms.split('|').all(|f| !f.is_empty() && f == f.trim()),
                "bad forms in {line:?}"
            );
        }
        assert_eq!(super::family_of("imposed tariffs on"), super::Family::Sanction);
        assert_eq!(super::family_of("member of"), super::Family::Membership);
    }

    #[test]
    fn verbs_between_two_entities() {
        let rs = rels("In July, the EU also imposed sanctions on Russia. Japan met China.\n");
        assert!(has(&rs, "European Union", "imposed sanctions on", "Russia"), "{rs:?}");
        assert!(has(&rs, "Japan", "met", "China"), "{rs:?}");
    }

    #[test]
    fn passive_does_not_reverse() {
        let rs = rels("Ukraine was invaded by Russia in 2022.\n");
        assert!(has(&rs, "Russia", "invaded", "Ukraine"), "{rs:?}");
    }

    #[test]
    fn membership_in_parentheses() {
        let rs = rels("The QUAD (the U.S., Japan, India, and Australia) met.\n");
        for s in ["United States", "Japan", "India", "Australia"] {
            assert!(has(&rs, s, "member of", "Quadrilateral Security Dialogue"), "{rs:?}");
        }
    }

    #[test]
    fn party_to_from_possessive_and_both_countries() {
        let rs = rels("This marked India's designation as a Major Defense Partner. The US and India talked. Later both countries signed the Foo Bar Framework.\n");
        assert!(
            rs.iter()
                .any(|r| r.0 == "India" && r.2.starts_with("Major Defense Partner") && r.3),
            "{rs:?}"
        );
        assert!(has(&rs, "United States", "signed", "Foo Bar Framework"), "{rs:?}");
        assert!(has(&rs, "India", "signed", "Foo Bar Framework"), "{rs:?}");
    }

    #[test]
    fn membership_after_a_list_and_adjacent_parties() {
        let rs = rels("They formed a pact between Australia, the United Kingdom, and the United States (AUKUS). China's Belt and Road Initiative grew.\n");
        for s in ["Australia", "United Kingdom", "United States"] {
            assert!(has(&rs, s, "member of", "AUKUS"), "{rs:?}");
        }
        assert!(
            rs.iter()
                .any(|r| r.0 == "China" && r.2 == "Belt and Road Initiative" && r.3),
            "{rs:?}"
        );
    }

    #[test]
    fn no_relation_across_clauses_or_lists() {
        let rs = rels("India, Japan and Australia talked, while China waited.\n");
        assert!(rs.is_empty(), "{rs:?}");
    }
}
