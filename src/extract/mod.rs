//! Sentences → entities, relations and drivers.
//!
//! Takes: a [`Document`] (its blocks, sections and tables), its [`Sentence`]s (split once, by
//! [`crate::claims::sentences`]) and a [`Lexicon`]. Gives: an [`Extraction`]: the actors and
//! agreements the body text names, one entity however it is named, each mention with its
//! sentence, block, clean offsets and source span ([`entities`]); the typed relations between
//! them with their evidence sentence ([`relations`], a stage of its own over the mentions); and
//! the drivers of convergence and divergence the document names ([`drivers`]). Every entity and
//! relation names the [`Rule`] that found it. Notes are never read here: note authors and outlets
//! are sources, not actors.

pub mod described;
pub mod drivers;
pub mod entities;
pub mod lexicon;
mod prefixes;
pub mod pronouns;
pub mod relations;
pub mod rule;
pub mod vocab;

use crate::claims::Sentence;
use crate::diag::Diagnostics;
use crate::document::{Block, BlockKind, Document};
use crate::span::Span;
pub use drivers::Driver;
pub use lexicon::Lexicon;
pub use rule::Rule;
pub use vocab::{EntityType, Family};

/// Actor or agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Actor,
    Agreement,
}

/// One place an entity is named: sentence and block index, clean byte range in that block,
/// source span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into the document's sentences.
    pub sentence: usize,
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub surface: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id: the lexicon entry's id, else the normalised canonical name.
    pub id: String,
    pub class: Class,
    /// `state`, `person`, `organization`, `group`, `company`; or for agreements `treaty`, `law`, …
    pub kind: EntityType,
    pub label: String,
    /// Every surface form seen.
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    /// Where a state's adjective stands for its officials, forces, goods or government
    /// (`Indian officials said`, `Russian oil`): an argument of relations, not a mention (an
    /// adjective is no name of the state; `Panama-flagged tankers` is neither).
    pub proxies: Vec<Mention>,
    /// The rule that found it, e.g. `actor/lexicon`, `agreement/acronym`.
    pub rule: Rule,
}

/// A typed statement between two entities, from one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub subject: usize,
    pub object: usize,
    pub predicate: String,
    /// The predicate's kind.
    pub family: Family,
    /// `party_to` (actor → agreement) rather than `relation`.
    pub party_to: bool,
    pub block: usize,
    /// The sentence's text, one allocation for all the relations of a sentence: a sentence
    /// with many mentions has many relations, and a copy each made a long one (a document
    /// with no sentence ends) quadratic in memory.
    pub evidence: std::sync::Arc<str>,
    pub span: Span,
    pub rule: Rule,
}

#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
    pub drivers: Vec<Driver>,
}

/// Runs every extractor: entities (and the pronouns that stand for persons), then relations
/// over their mentions, then drivers.
pub fn extract(doc: &Document, sentences: &[Sentence], lexicon: &Lexicon, diags: &mut Diagnostics) -> Extraction {
    let mut entities = entities::extract(doc, sentences, lexicon);
    described::find(doc, sentences, &mut entities);
    pronouns::resolve(doc, sentences, &mut entities);
    let relations = relations::extract(doc, sentences, &entities);
    let drivers = drivers::extract(doc, diags);
    Extraction {
        entities,
        relations,
        drivers,
    }
}

/// Headings of a document's back matter: the publisher's disclaimer and the notes about its
/// authors name the publisher and its readers, not the argument's actors (`This document was
/// prepared by the Congressional Research Service (CRS)`).
const BACK_MATTER: &[&str] = &[
    "disclaimer",
    "author information",
    "author contact information",
    "about the author",
    "about the authors",
    "acknowledgments",
    "acknowledgements",
    "copyright",
];

/// Whether the block stands under a back-matter heading ([`BACK_MATTER`]).
pub(crate) fn back_matter(block: &Block) -> bool {
    // (asked of every sentence by every rule: an ASCII heading is compared without a
    // lower-cased copy, as the list is ASCII lower case)
    block.section.iter().any(|h| {
        let h = h.trim().trim_end_matches([':', '.']);
        if h.is_ascii() {
            BACK_MATTER.iter().any(|b| b.eq_ignore_ascii_case(h))
        } else {
            // (a heading with a character that lower-cases to none in ASCII, a dash or an accented
            // letter, is none of them: told without a lower-cased copy)
            h.chars()
                .all(|c| c.is_ascii() || c.to_lowercase().all(|l| l.is_ascii()))
                && BACK_MATTER.contains(&h.to_lowercase().as_str())
        }
    })
}

/// A body sentence (headings and back matter are not read for entities and relations): its index, the sentence,
/// its block, the block's text and the sentence's own text.
pub(crate) struct BodySentence<'a> {
    pub index: usize,
    pub sent: &'a Sentence,
    pub block: &'a Block,
    pub text: &'a str,
    pub s: &'a str,
}

/// The document's body sentences, in order.
pub(crate) fn body_sentences<'a>(
    doc: &'a Document,
    sentences: &'a [Sentence],
) -> impl Iterator<Item = BodySentence<'a>> {
    sentences.iter().enumerate().filter_map(|(index, sent)| {
        let block = doc.blocks.get(sent.block)?;
        if matches!(block.kind, BlockKind::Heading { .. }) || back_matter(block) {
            return None;
        }
        let text = block.inline.text.as_str();
        let s = text.get(sent.start..sent.end)?;
        Some(BodySentence {
            index,
            sent,
            block,
            text,
            s,
        })
    })
}

/// The characters that make a rule's words: the question itself, and its answers for ASCII
/// asked once, as two tables of bytes: those that open a run when outside one, and those that
/// close it when inside one (a byte beyond ASCII does both: its character is decoded and asked).
pub(crate) struct Chars {
    inside: fn(char) -> bool,
    opens: [bool; 256],
    closes: [bool; 256],
}

impl Chars {
    pub(crate) fn new(inside: fn(char) -> bool) -> Chars {
        // (None: a byte beyond ASCII)
        let ascii = |b: usize| u8::try_from(b).ok().filter(u8::is_ascii).map(|b| inside(char::from(b)));
        Chars {
            inside,
            opens: std::array::from_fn(|b| ascii(b).unwrap_or(true)),
            closes: std::array::from_fn(|b| ascii(b).is_none_or(|yes| !yes)),
        }
    }
}

/// The maximal runs of `text` whose characters are `chars`, as byte ranges in order: the words of
/// a rule, by its own word characters. The ASCII bytes between runs are passed in one tight loop
/// and a run's in another, each byte looked up in a table; a character beyond ASCII is decoded
/// and asked. The rules split every block and sentence so.
pub(crate) fn runs(text: &str, chars: &Chars) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // whether the character at `i` is inside, and its length (None at the end)
    let decoded = |i: usize| -> Option<(bool, usize)> {
        let c = text.get(i..)?.chars().next()?;
        Some(((chars.inside)(c), c.len_utf8()))
    };
    // the first byte at or after `i` that `stops` says may stop a loop, else the end
    let skip = |i: usize, stops: &[bool; 256]| -> usize {
        bytes.get(i..).map_or(i, |r| {
            i + r
                .iter()
                .position(|&b| stops.get(usize::from(b)).copied().unwrap_or(true))
                .unwrap_or(r.len())
        })
    };
    // (room for a word every five bytes, about prose's: the list is made once, not grown by
    // doubling, nearly always)
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0;
    loop {
        // between runs
        loop {
            i = skip(i, &chars.opens);
            match bytes.get(i) {
                None => return out,
                Some(b) if b.is_ascii() => break,
                Some(_) => match decoded(i) {
                    Some((false, n)) => i += n,
                    Some((true, _)) => break,
                    None => return out,
                },
            }
        }
        let start = i;
        // a run
        loop {
            i = skip(i, &chars.closes);
            match bytes.get(i) {
                Some(b) if !b.is_ascii() => match decoded(i) {
                    Some((true, n)) => i += n,
                    _ => break,
                },
                _ => break,
            }
        }
        out.push((start, i));
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// [`super::runs`] as first written: character by character, by std's decoding.
    pub(crate) fn runs_by_char(text: &str, inside: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (start, inside(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    proptest::proptest! {
        /// Runs read byte by byte are the runs read character by character, for the word
        /// characters of the entity rules and of the described agreements: texts of ASCII,
        /// letters and digits beyond it, the curly apostrophe, quotes, dashes, spaces.
        #[test]
        fn runs_as_read_by_character(text in "[a-zA-Z0-9 .,;$'’+&()“”—éÄΩ٣😀\u{a0}-]{0,400}") {
            let entity = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | '+' | '&');
            let described = |c: char| c.is_alphanumeric() || matches!(c, '-' | '$' | '.' | ',' | '\'' | '’');
            proptest::prop_assert_eq!(super::runs(&text, &super::Chars::new(entity)), runs_by_char(&text, entity));
            proptest::prop_assert_eq!(super::runs(&text, &super::Chars::new(described)), runs_by_char(&text, described));
        }

        /// Runs of what is not white space are std's `split_whitespace`, runs of letters its split
        /// at every other character: the words of the proxies and of the pronouns.
        #[test]
        fn runs_are_std_splits(text in "[a-zA-Z0-9 .,;'’()“”—éÄΩ٣😀\\t\\n\\r\u{a0}\u{85}\u{2003}\u{3000}-]{0,400}") {
            let words = |ranges: Vec<(usize, usize)>| -> Vec<String> {
                ranges.into_iter().map(|(a, b)| text.get(a..b).unwrap_or("?").to_string()).collect()
            };
            let spaced: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            proptest::prop_assert_eq!(words(super::runs(&text, &super::Chars::new(|c| !c.is_whitespace()))), spaced);
            let letters: Vec<String> =
                text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_string).collect();
            proptest::prop_assert_eq!(words(super::runs(&text, &super::Chars::new(char::is_alphabetic))), letters);
        }
    }
}
