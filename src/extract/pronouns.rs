//! Personal pronouns that stand for a person named earlier in their sentence, and definite noun
//! phrases (`the fund`, `the bloc`) that stand for an actor the paragraph just named.
//!
//! Takes: the document, its sentences and the entities found. Gives: each `him`, `his` or `her`
//! whose sentence names exactly one person before it becomes a proxy mention of that person (an
//! argument of relations, not a name: see [`super::Entity::proxies`]). `the ICC issued an arrest
//! warrant for him` after `President Vladimir Putin` in the same sentence relates the court to
//! Putin; `the court voided his dismissal` relates it to the one person the sentence named.
//!
//! Why only within a sentence and only with one candidate: the nearest person in the same
//! sentence is the antecedent in nearly every case a policy paper writes, and where two persons
//! are named (`Putin met Xi and thanked him`) the sentence alone cannot tell, so nothing is
//! guessed. `its` and `their` are left alone: they stand for states, bodies and groups, and
//! which of several the text does not say.

use super::{body_sentences, Class, Entity, EntityType, Mention};
use crate::claims::Sentence;
use crate::document::Document;
use std::sync::LazyLock;

/// The pronouns read: object and possessive forms (a subject pronoun opens its own clause,
/// often in the next sentence, where the antecedent is less sure).
const PRONOUNS: &[&str] = &["him", "his", "her"];

/// Nouns that stand for an entity of a type rather than by its own head word: `the country`
/// for a state, `the bloc` for a group.
const TYPE_NOUNS: &[(&str, EntityType)] = &[("country", EntityType::State), ("bloc", EntityType::Group)];

/// Adds to each entity the pronouns and definite noun phrases that stand for it, as proxies.
pub fn resolve(doc: &Document, sentences: &[Sentence], entities: &mut [Entity]) {
    // the entities each sentence names, with where each mention ends
    let mut named: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sentences.len()];
    for (ei, e) in entities.iter().enumerate() {
        for m in &e.mentions {
            if let Some(v) = named.get_mut(m.sentence) {
                v.push((m.end, ei));
            }
        }
    }
    let heads: Vec<String> = entities
        .iter()
        .map(|e| e.label.rsplit(' ').next().unwrap_or("").to_lowercase())
        .collect();
    let mut found: Vec<(usize, Mention)> = Vec::new();
    for b in body_sentences(doc, sentences) {
        let words: Vec<(usize, &str)> = word_spans(b.s).collect();
        let mention = |from: usize, end: usize| Mention {
            sentence: b.index,
            block: b.sent.block,
            start: from,
            end,
            span: b.block.inline.span(from, end),
            surface: b.text.get(from..end).unwrap_or("").to_string(),
        };
        for &(at, w) in &words {
            let start = b.sent.start + at;
            if let Some(ei) = pronoun(entities, named.get(b.index), w, start) {
                found.push((ei, mention(start, start + w.len())));
            }
        }
        for pair in words.windows(2) {
            let [(at_the, the), (at, noun)] = pair else { continue };
            if !matches!(*the, "the" | "The") || !noun.chars().all(char::is_lowercase) || at_the + 4 != *at {
                continue;
            }
            let (from, start) = (b.sent.start + at_the, b.sent.start + at);
            let after = b.text.get(start + noun.len()..).unwrap_or("");
            if after.starts_with(" of ") || after.starts_with(['-', '\'', '’']) {
                continue;
            }
            if let Some(ei) = definite(entities, &heads, &named, sentences, b.index, noun, start) {
                found.push((ei, mention(from, start + noun.len())));
            }
        }
    }
    for (ei, m) in found {
        if let Some(e) = entities.get_mut(ei) {
            e.proxies.push(m);
        }
    }
}

/// The person a pronoun `w` at `start` stands for: the one person its sentence names before it.
fn pronoun(entities: &[Entity], named: Option<&Vec<(usize, usize)>>, w: &str, start: usize) -> Option<usize> {
    if !PRONOUNS.contains(&w) {
        return None;
    }
    let mut before = named?
        .iter()
        .filter(|&&(end, ei)| end <= start && entities.get(ei).is_some_and(|e| e.kind == EntityType::Person))
        .map(|&(_, ei)| ei);
    let first = before.next()?;
    (!before.any(|ei| ei != first)).then_some(first)
}

/// The actor `the <noun>` (the noun at `start` in sentence `si`) stands for: the one actor the
/// paragraph named just before it whose name's head word is that noun (`the Amazon Fund … the
/// fund`, `the Commission … the commission`) or whose type it names (`the country`, `the
/// bloc`). The window is the sentence up to the phrase and the two sentences before it in the
/// same paragraph; with two candidates nothing is guessed. A possessive (`the fund's board`) or
/// `of` after the noun (`the fund of the bank`) names another thing. Agreements are left alone:
/// `the agreement` is as often a new one, or the subject of a passive that says nothing of its
/// parties.
fn definite(
    entities: &[Entity],
    heads: &[String],
    named: &[Vec<(usize, usize)>],
    sentences: &[Sentence],
    si: usize,
    noun: &str,
    start: usize,
) -> Option<usize> {
    let sent = sentences.get(si)?;
    let fits = |ei: usize| {
        entities.get(ei).is_some_and(|e| {
            e.class == Class::Actor
                && e.kind != EntityType::Person
                && match TYPE_NOUNS.iter().find(|(n, _)| *n == noun) {
                    Some((_, kind)) => e.kind == *kind,
                    None => heads.get(ei).is_some_and(|h| h == noun),
                }
        })
    };
    let mut candidates: Vec<usize> = Vec::new();
    for w in (si.saturating_sub(2)..=si).rev() {
        if sentences.get(w).is_none_or(|x| x.block != sent.block) {
            continue;
        }
        for &(e_end, ei) in named.get(w).map(Vec::as_slice).unwrap_or(&[]) {
            if (w < si || e_end <= start) && fits(ei) && !candidates.contains(&ei) {
                candidates.push(ei);
            }
        }
    }
    match candidates.as_slice() {
        [ei] => Some(*ei),
        _ => None,
    }
}

/// Letters: the characters of [`word_spans`].
static LETTERS: LazyLock<super::Chars> = LazyLock::new(|| super::Chars::new(char::is_alphabetic));

/// The words of `s` (letters only) with their offsets.
fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    super::runs(s, &LETTERS)
        .into_iter()
        .map(move |(a, b)| (a, s.get(a..b).unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::word_spans;

    #[test]
    fn words_carry_their_offsets() {
        let got: Vec<(usize, &str)> = word_spans("for him, his").collect();
        assert_eq!(got, vec![(0, "for"), (4, "him"), (9, "his")]);
    }
}
