//! Sentences and claims: the document's sentences, split once, and every body, heading or table
//! sentence that carries a footnote marker.
//!
//! Takes: a [`Document`]. Gives: its [`Sentence`]s, and [`Claim`]s in document order, each with its whole sentence
//! (markers removed, a sentence split by a page break already joined by the reader), its section
//! path, its source span and its note numbers.

use crate::document::{first_byte, BlockKind, Document, Marker};
use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The block it stands in, and its clean byte range in that block's text.
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub section: Vec<String>,
    pub span: Span,
    /// Its markers, in order; a note number may appear once per marker.
    pub markers: Vec<Marker>,
}

impl Claim {
    /// Note numbers in marker order, each once.
    pub fn notes(&self) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for m in &self.markers {
            if !out.contains(&m.n) {
                out.push(m.n);
            }
        }
        out
    }
}

/// A sentence of the document: its block and its clean byte range in that block's text. Every
/// block is split once, here; claims, entities, relations and co-mentions all read these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// Every sentence of the document's blocks, in document order: a heading is one sentence,
/// whatever punctuation it has.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let spans = match block.kind {
            BlockKind::Heading { .. } => vec![(0, block.inline.text.len())],
            _ => of_block(block),
        };
        out.extend(spans.into_iter().map(|(start, end)| Sentence { block: i, start, end }));
    }
    out
}

/// The claims of a document: its sentences (from [`sentences`]) that carry markers.
pub fn claims(doc: &Document, sentences: &[Sentence]) -> Vec<Claim> {
    let mut out = Vec::new();
    for run in sentences.chunk_by(|a, b| a.block == b.block) {
        let Some(i) = run.first().map(|s| s.block) else {
            continue;
        };
        let Some(block) = doc.blocks.get(i) else { continue };
        if block.markers.is_empty() {
            continue;
        }
        let text = &block.inline.text;
        // the markers by position, walked once along the sentences (which come in order): one
        // scan of every marker per sentence was quadratic on a long paragraph
        let mut by_at: Vec<&Marker> = block.markers.iter().collect();
        by_at.sort_by_key(|m| m.at);
        let mut next = 0;
        for (k, sent) in run.iter().enumerate() {
            let (s, e) = (sent.start, sent.end);
            // a marker belongs to the sentence it ends or stands in; one in the gap between two
            // sentences (after the full stop) belongs to the one before
            let next_start = run.get(k + 1).map_or(usize::MAX, |n| n.start);
            while by_at.get(next).is_some_and(|m| m.at < s) {
                next += 1;
            }
            let mut markers: Vec<Marker> = Vec::new();
            while let Some(m) = by_at.get(next).filter(|m| m.at <= e || m.at < next_start) {
                markers.push(**m);
                next += 1;
            }
            if markers.is_empty() {
                continue;
            }
            let raw = text.get(s..e).unwrap_or("");
            out.push(Claim {
                block: i,
                start: s,
                end: e,
                text: squash(raw),
                section: block.section.clone(),
                span: block.inline.span(s, e),
                markers,
            });
        }
    }
    out
}

/// Collapses runs of white space into one space; emphasis marks that Markdown could not pair
/// (`**Costs.**³`) are dropped from the ends.
fn squash(s: &str) -> String {
    let s = s.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Abbreviations that end with a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "al", "apr", "approx", "art", "aug", "capt", "cf", "ch", "cmdr", "co", "col", "corp", "dec", "dept", "dr",
    "e.g", "ed", "eds", "esp", "est", "etc", "feb", "fig", "figs", "gen", "gov", "hon", "i.e", "inc", "jan", "jr",
    "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "op", "p",
    "para", "pp", "prof", "pt", "rep", "rev", "sec", "sen", "sep", "sept", "sgt", "sr", "st", "vol", "vols", "vs",
];

const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»', '*', '_'];

/// Sentence ranges of a block's clean text: list items start sentences, and a footnote marker
/// right after a full stop ends one even after an abbreviation (`… from the U.S.⁶ The …`).
fn of_block(block: &crate::document::Block) -> Vec<(usize, usize)> {
    let stops: Vec<usize> = block.markers.iter().map(|m| m.at).collect();
    split(&block.inline.text, &block.inline.items, &stops)
}

/// Sentence ranges of `text`; `breaks` are offsets that always start a sentence (list items).
pub fn split_text(text: &str, breaks: &[usize]) -> Vec<(usize, usize)> {
    split(text, breaks, &[])
}

/// The sentences of `text`: cut at every offset of `breaks` (sorted, as a block's list items
/// are) and after every full stop, question or exclamation mark or ellipsis that ends one. Only
/// those places are looked at: the bytes between are passed over (a byte that may be such a
/// mark is one of `.?!` or the lead byte of `…`).
fn split(text: &str, breaks: &[usize], stops: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = skip_space(text, 0);
    let char_at = |p: usize| text.get(p..).and_then(|r| r.chars().next());
    let bytes = text.as_bytes();
    let mut breaks = breaks.iter().copied().peekable();
    let mut i = 0;
    while i < text.len() {
        let mark = bytes
            .get(i..)
            .and_then(|rest| first_byte(rest, |b| (b == b'.') | (b == b'?') | (b == b'!') | (b == 0xe2)))
            .map_or(text.len(), |k| i + k);
        // the list items up to the mark (one at the mark first): each starts a sentence
        while let Some(b) = breaks.next_if(|&b| b <= mark) {
            if b >= i && b > start && b < text.len() && text.is_char_boundary(b) {
                push(text, &mut out, start, b);
                start = skip_space(text, b);
            }
        }
        let Some(c) = char_at(mark) else { break };
        i = mark + c.len_utf8();
        if let Some(end) = sentence_end(text, mark, c, stops) {
            push(text, &mut out, start, end);
            start = skip_space(text, end);
            i = end;
        }
    }
    if start < text.len() {
        push(text, &mut out, start, text.len());
    }
    out
}

/// Where the sentence ends when the character `c` at `at` is a full stop, question or
/// exclamation mark or ellipsis that ends one: after the closing quotes and brackets it runs on
/// over, before white space or the text's end. `stops` are the offsets right after a footnote
/// marker, where a sentence ends even after an abbreviation.
fn sentence_end(text: &str, at: usize, c: char, stops: &[usize]) -> Option<usize> {
    if !matches!(c, '.' | '?' | '!' | '…') {
        return None;
    }
    let char_at = |p: usize| text.get(p..).and_then(|r| r.chars().next());
    let mut end = at + c.len_utf8();
    while let Some(ch) = char_at(end).filter(|&ch| CLOSERS.contains(&ch) || matches!(ch, '.' | '?' | '!')) {
        end += ch.len_utf8();
    }
    let space = char_at(end).is_none_or(char::is_whitespace);
    (space && (is_boundary(text, at, c, end) || stops.binary_search(&end).is_ok() && starts_sentence(text, end)))
        .then_some(end)
}

fn push(text: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let s = text.get(start..end).unwrap_or("");
    let trimmed = s.trim_end();
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '•' | '▪' | '◦'))
            .len();
    if lead < trimmed.len() {
        out.push((start + lead, start + trimmed.len()));
    }
}

fn skip_space(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + (rest.len() - rest.trim_start().len())
}

/// Whether what follows `end` can open a sentence (or nothing follows).
fn starts_sentence(text: &str, end: usize) -> bool {
    let next = text.get(end..).unwrap_or("").trim_start();
    let Some(first) = next.chars().next() else { return true };
    first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '[' | '•' | '▪' | '*' | '¿' | '¡')
}

/// Whether the stop `c` at `i` (its closers end at `end`) ends a sentence.
fn is_boundary(text: &str, i: usize, c: char, end: usize) -> bool {
    if !starts_sentence(text, end) {
        return false;
    }
    if c != '.' {
        return true;
    }
    let before = text.get(..i).unwrap_or("");
    let word: &str = before
        .rsplit(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '[' | '"' | '“' | '‘'))
        .next()
        .unwrap_or("");
    let lower = crate::document::lower(word);
    if ABBREVIATIONS.contains(&lower.as_ref()) {
        // "no. 3" and "vs. US" never end a sentence; "Dec." before a digit neither
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|ch| ch.is_alphabetic()).collect();
    // initials and dotted abbreviations: "S. Jaishankar", "M.K. Narayanan", "U.S. Department"
    if letters.len() == 1 && letters.iter().all(|ch| ch.is_uppercase()) {
        return false;
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) && !word.is_empty() {
        // "… with the U.S. The next round …": a dotted abbreviation ends a sentence only before
        // a word that opens sentences and never names anything
        let next_word: String = text
            .get(end..)
            .unwrap_or("")
            .split_whitespace()
            .next()
            .unwrap_or("")
            .into();
        return OPENERS.contains(&next_word.trim_matches(|c: char| !c.is_alphabetic()));
    }
    true
}

/// Words that open sentences and are not names.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "Despite",
    "During",
    "Each",
    "For",
    "Furthermore",
    "He",
    "However",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Moreover",
    "Most",
    "Nevertheless",
    "On",
    "She",
    "Since",
    "Some",
    "Such",
    "That",
    "The",
    "Their",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "Under",
    "We",
    "When",
    "While",
    "Yet",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::split`] as first written: every character asked in turn, each offset looked up
    /// among the breaks (where a sentence ends at a mark is [`sentence_end`]'s, shared).
    fn split_by_char(text: &str, breaks: &[usize], stops: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = skip_space(text, 0);
        let mut i = 0;
        while let Some(c) = text.get(i..).and_then(|r| r.chars().next()) {
            if i > start && breaks.binary_search(&i).is_ok() {
                push(text, &mut out, start, i);
                start = skip_space(text, i);
            }
            let at = i;
            i += c.len_utf8();
            if let Some(end) = sentence_end(text, at, c, stops) {
                push(text, &mut out, start, end);
                start = skip_space(text, end);
                i = end;
            }
        }
        if start < text.len() {
            push(text, &mut out, start, text.len());
        }
        out
    }

    proptest::proptest! {
        /// The split that looks only at marks and breaks cuts where the split of every character
        /// does: texts of words, abbreviations, marks, closers and characters beyond ASCII, with
        /// breaks and marker stops anywhere (inside a character too).
        #[test]
        fn split_looks_at_all_it_needs(
            text in "([A-Za-z0-9 .?!…”’)\\]»*_“—é\n]|U\\.S\\. |e\\.g\\. |No\\. ){0,40}",
            mut breaks in proptest::collection::vec(0usize..120, 0..6),
            mut stops in proptest::collection::vec(0usize..120, 0..6),
        ) {
            breaks.sort_unstable();
            stops.sort_unstable();
            proptest::prop_assert_eq!(super::split(&text, &breaks, &stops), split_by_char(&text, &breaks, &stops));
        }
    }

    fn split(text: &str) -> Vec<&str> {
        split_text(text, &[]).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split("The U.S. Department agreed. External Affairs Minister S. Jaishankar spoke. Former NSA M.K. Narayanan said no. 3 was e.g. fine."),
            vec![
                "The U.S. Department agreed.",
                "External Affairs Minister S. Jaishankar spoke.",
                "Former NSA M.K. Narayanan said no. 3 was e.g. fine."
            ]
        );
    }

    #[test]
    fn dotted_abbreviation_before_an_opener_ends_a_sentence() {
        assert_eq!(
            split("Talks stalled with the U.S. The next round failed. The U.S. Navy sailed."),
            vec![
                "Talks stalled with the U.S.",
                "The next round failed.",
                "The U.S. Navy sailed."
            ]
        );
    }

    #[test]
    fn quotes_after_the_stop() {
        assert_eq!(
            split("It was “defining”. US perceived it. He said “yes.” Then 3.5% rose."),
            vec![
                "It was “defining”.",
                "US perceived it.",
                "He said “yes.”",
                "Then 3.5% rose."
            ]
        );
    }

    #[test]
    fn lowercase_after_stop_continues() {
        assert_eq!(
            split("See Dr. Smith vs. Jones and etc. more. Next."),
            vec!["See Dr. Smith vs. Jones and etc. more.", "Next."]
        );
    }

    #[test]
    fn list_items_break() {
        let t = "• Shared concerns. • Defense industrial interests";
        let items = vec![4, 24];
        let got: Vec<&str> = split_text(t, &items).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(got, vec!["Shared concerns.", "Defense industrial interests"]);
    }
}
