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

use super::{body_sentences, BodySentence, Class, Entity, EntityType, Mention};
use crate::claims::Sentence;
use crate::document::Document;

/// The pronouns read: object and possessive forms (a subject pronoun opens its own clause,
/// often in the next sentence, where the antecedent is less sure).
const PRONOUNS: &[&str] = &["him", "his", "her"];

/// Adds the pronoun proxies of each sentence to the person it stands for.
pub fn resolve(doc: &Document, sentences: &[Sentence], entities: &mut [Entity]) {
    // the persons each sentence names, with where
    let mut persons: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sentences.len()];
    for (ei, e) in entities.iter().enumerate() {
        if e.kind != EntityType::Person {
            continue;
        }
        for m in &e.mentions {
            if let Some(v) = persons.get_mut(m.sentence) {
                v.push((m.end, ei));
            }
        }
    }
    for BodySentence {
        index: si,
        sent,
        block,
        s,
        ..
    } in body_sentences(doc, sentences)
    {
        let Some(named) = persons.get(si).filter(|v| !v.is_empty()) else {
            continue;
        };
        for (at, w) in word_spans(s) {
            if !PRONOUNS.contains(&w) {
                continue;
            }
            let start = sent.start + at;
            let mut before = named.iter().filter(|(end, _)| *end <= start).map(|(_, ei)| *ei);
            let Some(first) = before.next() else { continue };
            if before.any(|ei| ei != first) {
                continue;
            }
            let end = start + w.len();
            if let Some(e) = entities.get_mut(first) {
                e.proxies.push(Mention {
                    sentence: si,
                    block: sent.block,
                    start,
                    end,
                    span: block.inline.span(start, end),
                    surface: w.to_string(),
                });
            }
        }
    }
}

/// Nouns that stand for an entity of a type rather than by its own head word: `the country`
/// for a state, `the bloc` for a group.
const TYPE_NOUNS: &[(&str, EntityType)] = &[("country", EntityType::State), ("bloc", EntityType::Group)];

/// Adds `the <noun>` as a proxy of the one actor the paragraph named just before it whose
/// name's head word is that noun (`the Amazon Fund … the fund`, `the Commission … the
/// commission`) or whose type it names (`the country`, `the bloc`). The window is the sentence
/// up to the phrase and the two sentences before it in the same paragraph; with two candidates
/// nothing is guessed. `the fund's board` counts (a possessive), `the fund of the bank` does not
/// (another thing). Agreements are left alone: `the agreement` is as often a new one, or the
/// subject of a passive that says nothing of its parties.
pub fn definites(doc: &Document, sentences: &[Sentence], entities: &mut [Entity]) {
    // the entities each sentence names, with where they end
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
    for BodySentence {
        index: si,
        sent,
        block,
        s,
        ..
    } in body_sentences(doc, sentences)
    {
        let words: Vec<(usize, &str)> = word_spans(s).collect();
        for pair in words.windows(2) {
            let [(at_the, the), (at, noun)] = pair else { continue };
            if !matches!(*the, "the" | "The") || !noun.chars().all(char::is_lowercase) || at_the + 4 != *at {
                continue;
            }
            let from = sent.start + at_the;
            let start = sent.start + at;
            let end = start + noun.len();
            let after = block.inline.text.get(end..).unwrap_or("");
            if after.starts_with(" of ") || after.starts_with(['-', '\'', '’']) {
                continue;
            }
            let fits = |ei: usize| {
                entities.get(ei).is_some_and(|e| {
                    e.class == Class::Actor
                        && e.kind != EntityType::Person
                        && match TYPE_NOUNS.iter().find(|(n, _)| n == noun) {
                            Some((_, kind)) => e.kind == *kind,
                            None => heads.get(ei).is_some_and(|h| h == noun),
                        }
                })
            };
            // the window: this sentence up to the phrase, the two before it in the paragraph
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
            if let [ei] = candidates.as_slice() {
                found.push((
                    *ei,
                    Mention {
                        sentence: si,
                        block: sent.block,
                        start: from,
                        end,
                        span: block.inline.span(from, end),
                        surface: format!("{the} {noun}"),
                    },
                ));
            }
        }
    }
    for (ei, m) in found {
        if let Some(e) = entities.get_mut(ei) {
            e.proxies.push(m);
        }
    }
}

/// The words of `s` (letters only) with their offsets.
fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
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
