//! Personal pronouns that stand for a person named earlier in their sentence.
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

use super::{body_sentences, BodySentence, Entity, EntityType, Mention};
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
