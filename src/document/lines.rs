//! Lines → chunks: the block structure of a document, decided line by line.
//!
//! A chunk is a run of non-blank lines (or a line that starts a note, a table or a heading),
//! classified as heading, note definition, table, list item, paragraph or page furniture
//! (running headers and footers, page numbers).

use crate::pattern::Start;
use crate::span::Span;
use foldhash::{HashMap, HashMapExt};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    Heading {
        level: u8,
    },
    /// A note definition at a page bottom (`¹ …`) or in Markdown (`[^1]: …`).
    Note {
        n: u32,
    },
    /// A Markdown footnote definition whose label is no note number (`[^smith]: …`, see
    /// [`named_note_label`]): left out of the document, with a warning.
    NamedNote,
    Table,
    Item,
    Para,
    /// A thematic break (`---`, `***`, `___`) standing alone: in a web page converted to
    /// Markdown it often opens the notes of the section above it.
    Rule,
    /// Running header or footer, page number, the author's asterisk note: not content.
    Furniture,
}

#[derive(Debug, Clone)]
pub struct Chunk {
    pub kind: ChunkKind,
    /// The whole chunk.
    pub span: Span,
    /// Where its content starts, after a heading's `#`, a note's number or an item's bullet.
    pub body_start: usize,
}

impl Chunk {
    pub fn body<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.body_start..self.span.end as usize).unwrap_or("")
    }

    pub fn full<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";

pub fn superscript_value(c: char) -> Option<u32> {
    SUPERSCRIPTS
        .chars()
        .position(|s| s == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// Leading superscript digits of `s` as a number, and the rest.
pub fn leading_superscript(s: &str) -> Option<(u32, &str)> {
    let mut n: u32 = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        match superscript_value(c) {
            Some(d) => {
                n = n.saturating_mul(10).saturating_add(d);
                end = i + c.len_utf8();
            }
            None => break,
        }
    }
    (end > 0).then(|| (n, s.get(end..).unwrap_or("")))
}

static MD_NOTE: LazyLock<Start> = LazyLock::new(|| start(r"^\[\^([0-9]{1,6})\]:[ \t]*"));
static HEADING: LazyLock<Start> = LazyLock::new(|| start(r"^(#{1,6})[ \t]+"));
static ITEM: LazyLock<Start> = LazyLock::new(|| start(r"^(?:[-*+•◦]|\d{1,3}[.)])[ \t]+"));
static BRACKET_ITEM: LazyLock<Start> = LazyLock::new(|| start(r"^\[\d{1,5}\][ \t]+\S"));
static CAPTION: LazyLock<Start> = LazyLock::new(|| {
    start(
        r"(?i)^\s*(?:table|figure|fig\.|chart|map|box|part|chapter|section|annex|appendix|case|exhibit)\s+[0-9IVXivx]",
    )
});
static PAGE_NUMBER: LazyLock<Start> =
    LazyLock::new(|| start(r"(?i)^\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$"));
static ENDNOTE: LazyLock<Start> = LazyLock::new(|| {
    start(concat!(
        r"^(?:\[(?:\[([0-9]{1,5})\]|([0-9]{1,5}))\]\(#[^)\s]*\)[.)]?[ \t]*",
        r"|\[([0-9]{1,5})\][ \t]*|\^([0-9]{1,5})[ \t]*|([0-9]{1,5})[.)]?[ \t]+",
        r"|<sup>[ \t]*\[?([0-9]{1,5})\]?(?:\(#[^)\s]*\))?[ \t]*</sup>[.)]?[ \t]*)"
    ))
});
/// `<sup>3</sup>` (or `<sup>[3](#fn3)</sup>`) opening a note: the HTML superscript style.
static SUP_LEAD: LazyLock<Start> =
    LazyLock::new(|| start(r"^<sup>[ \t]*\[?([0-9]{1,5})\]?(?:\(#[^)\s]*\))?[ \t]*</sup>[.)]?[ \t]*"));
static RULE: LazyLock<Start> = LazyLock::new(|| start(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$"));
static TRAILING_MARKERS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?[0-9]{1,5}\]|\^[0-9]{1,5})+\s*$"));

/// Compiles this module's patterns in about the reverse of the order a document's thread first
/// needs them (see [`crate::warm_up`]): the two threads meet in the middle.
pub(crate) fn warm_up() {
    LazyLock::force(&NUMBERED);
    LazyLock::force(&LETTERED);
    LazyLock::force(&ROMAN);
    LazyLock::force(&GLUED_BREAK);
    LazyLock::force(&TRAILING_MARKERS);
    for p in [&CAPTION, &PAGE_NUMBER, &SUP_LEAD, &BRACKET_ITEM] {
        LazyLock::force(p);
    }
}

/// Compiles a constant pattern; the unit tests run every one of them.
#[allow(clippy::expect_used)]
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant regex")
}

/// Compiles a constant pattern anchored at the start (see [`Start`]).
#[allow(clippy::expect_used)]
fn start(pattern: &str) -> Start {
    Start::new(pattern).expect("constant pattern anchored at the start")
}

/// Splits the text into chunks.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut current: Option<(usize, usize, bool)> = None; // start, end, is_table
    let mut offset = 0;
    for line in lines_of(text) {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            if let Some((s, e, _)) = current.take() {
                out.push(classify(text, s, e));
            }
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        // a thematic break after a blank line stands alone (after a text line, `---` underlines
        // a setext heading and stays with it)
        if current.is_none() && RULE.is_match(trimmed) {
            out.push(Chunk {
                kind: ChunkKind::Rule,
                span: Span::new(start + lead, start + lead + trimmed.len()),
                body_start: start + lead + trimmed.len(),
            });
            continue;
        }
        let table = trimmed.starts_with('|');
        // notes, headings, list items and numbered note-list entries start a block of their own
        // even without a blank line before them, and so does a Markdown footnote named, not
        // numbered (else it would run on as the text of the note before it)
        let starts_new = leading_superscript(trimmed).is_some_and(|(_, rest)| !rest.trim().is_empty())
            || MD_NOTE.is_match(trimmed)
            || named_note_label(trimmed).is_some()
            || HEADING.is_match(trimmed)
            || ITEM.is_match(trimmed)
            || BRACKET_ITEM.is_match(trimmed);
        match current {
            Some((s, _, was_table)) if !starts_new && was_table == table => current = Some((s, end, table)),
            _ => {
                if let Some((s, e, _)) = current.take() {
                    out.push(classify(text, s, e));
                }
                current = Some((start + lead, end, table));
            }
        }
    }
    if let Some((s, e, _)) = current {
        out.push(classify(text, s, e));
    }
    mark_furniture(text, &mut out);
    out
}

/// Lines with their ends: `\n`, `\r\n`, or a lone `\r` (old Mac files) end a line.
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // (a byte search: line ends are ASCII, and a character search decodes every character)
        let cut = match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
            Some(i) if rest.get(i..i + 2) == Some("\r\n") => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        let (line, tail) = rest.split_at(cut);
        rest = tail;
        Some(line)
    })
}

fn classify(text: &str, start: usize, end: usize) -> Chunk {
    let src = text.get(start..end).unwrap_or("");
    let chunk = |kind, body: usize| Chunk {
        kind,
        span: Span::new(start, end),
        body_start: start + body,
    };
    if src.starts_with('|') {
        return chunk(ChunkKind::Table, 0);
    }
    if let Some(m) = HEADING.captures(src) {
        let level = m.get(1).map_or(1, |h| h.as_str().len());
        return chunk(
            ChunkKind::Heading {
                level: level.min(6) as u8,
            },
            m.get(0).map_or(0, |m| m.end()),
        );
    }
    if let Some(m) = MD_NOTE.captures(src) {
        // (a label that is no number is never note 0: the line is read as what else it is)
        if let Some(n) = m.get(1).and_then(|d| d.as_str().parse().ok()) {
            return chunk(ChunkKind::Note { n }, m.get(0).map_or(0, |m| m.end()));
        }
    }
    if named_note_label(src).is_some() {
        return chunk(ChunkKind::NamedNote, 0);
    }
    if let Some((n, rest)) = leading_superscript(src).or_else(|| sup_lead(src)) {
        let rest_trim = rest.trim_start();
        return chunk(ChunkKind::Note { n }, src.len() - rest_trim.len());
    }
    if PAGE_NUMBER.is_match(src) {
        return chunk(ChunkKind::Furniture, 0);
    }
    if let Some(m) = ITEM.find(src) {
        return chunk(ChunkKind::Item, m.end());
    }
    chunk(ChunkKind::Para, 0)
}

/// The label of a Markdown footnote definition whose label is no note number: a name
/// (`[^smith]: …`, `[^note-1]:`), another script's digits (`[^١]:`) or more digits than a note
/// number has (`[^1234567]:`): [`ChunkKind::NamedNote`], since a note is known by its number.
/// None for a numbered one (`[^12]:`) and for any other line.
pub fn named_note_label(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("[^")?;
    // (the label ends at the first `]`, which it cannot hold)
    let end = rest.find(']')?;
    let label = rest.get(..end)?;
    if !rest.get(end..)?.starts_with("]:") || label.is_empty() || label.chars().count() > 64 {
        return None;
    }
    let numbered = label.len() <= 6 && label.bytes().all(|b| b.is_ascii_digit());
    let odd = label.contains(|c: char| c.is_whitespace() || matches!(c, '[' | '^'));
    (!numbered && !odd).then_some(label)
}

/// `s` without the brackets that close it right after its last word or stop (`… Joined.[^x]`,
/// `… Joined.”[^x][^y]`): markers this tool does not read, or remarks (`… 2021.[Smith 2020]`).
/// `s` itself when it ends with none.
fn before_brackets(s: &str) -> &str {
    let mut t = s;
    while let Some(head) = t.strip_suffix(']') {
        match head.rfind('[') {
            Some(open) if head.len() - open <= 40 => t = head.get(..open).unwrap_or(head),
            _ => break,
        }
    }
    t
}

/// Single-line paragraphs repeated three times or more (numbers aside) are running headers or
/// footers; the first one stays when it opens the document (it is the title).
fn mark_furniture(text: &str, chunks: &mut [Chunk]) {
    // the line's letters and digits, page numbers at either end dropped; captions
    // ("Table 3", "Figure 2") and `#` headings are never furniture
    let key = |c: &Chunk| -> Option<String> {
        let s = c.full(text);
        if s.contains('\n') || s.len() > 160 || c.kind != ChunkKind::Para || CAPTION.is_match(s) {
            return None;
        }
        let trimmed = s
            .trim()
            .trim_matches(|ch: char| ch.is_ascii_digit() || matches!(ch, ' ' | '|' | '-' | '–' | '·'));
        // `23 Ibid.` repeats, but it is a note, not page furniture
        // (the start lowered, as `to_lowercase` lowers it, without a copy of the line)
        if trimmed.chars().flat_map(char::to_lowercase).take(4).eq("ibid".chars()) {
            return None;
        }
        let k: String = trimmed
            .chars()
            .filter(|ch| ch.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        (!k.is_empty()).then_some(k)
    };
    // (each line's key made once: the counts and the marking read the same keys)
    let keys: Vec<Option<String>> = chunks.iter().map(key).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in keys.iter().flatten() {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    let first_content = chunks.iter().position(|c| c.kind != ChunkKind::Furniture);
    // the title repeated is a running header even when a short excerpt repeats it only once
    let title_key = first_content.and_then(|i| keys.get(i)).and_then(Option::as_ref);
    for (i, (c, k)) in chunks.iter_mut().zip(&keys).enumerate() {
        if let Some(k) = k {
            let min = if Some(k) == title_key { 2 } else { 3 };
            if counts.get(k.as_str()).copied().unwrap_or(0) >= min && Some(i) != first_content {
                c.kind = ChunkKind::Furniture;
            }
        }
    }
    // the author's asterisk note near the top ("* Jane Doe is a fellow at …")
    for c in chunks.iter_mut().take(12) {
        let s = c.full(text);
        if (s.starts_with("* ") || s.starts_with("† ") || s.starts_with("*\u{a0}"))
            && s.chars().nth(2).is_some_and(char::is_uppercase)
            && !s.contains("\n*")
        {
            c.kind = ChunkKind::Furniture;
        }
    }
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// A line that can be a document title.
pub fn title_like(s: &str) -> bool {
    let s = s.trim();
    // a sentence with its note marker (`… in 2019.[1]`, or one this tool does not read,
    // `… in 2019.[^x]`) is no title, though a title may carry one
    let bare = without_end_markers(s);
    !s.contains('\n')
        && (1..=24).contains(&words(s).len())
        && !bare.ends_with(['.', ',', ';'])
        && !ends_before_brackets(s)
        && starts_upper(s)
}

/// Whether `s` ends a sentence right before the brackets it closes with (`… met Israel.[^x]`,
/// `… Joined.”[^x][^y]`); a stop set off by a space (`A. [Reserved]`) is no end.
fn ends_before_brackets(s: &str) -> bool {
    let closed = before_brackets(s);
    closed.len() < s.len()
        && closed
            .trim_end_matches(['”', '’', '"', '\'', ')'])
            .ends_with(['.', ',', ';'])
}

/// `s` without the note markers it ends with: `[1]`, `[^1]`, `[1, 2]`, `<sup>1</sup>`, `¹²`.
fn without_end_markers(s: &str) -> &str {
    let mut s = s.trim_end();
    loop {
        let before = s.len();
        if let Some(head) = s.strip_suffix(']') {
            if let Some(open) = head.rfind('[') {
                let inner = head[open + 1..].trim_start_matches('^');
                if !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'))
                {
                    s = head[..open].trim_end();
                }
            }
        } else if let Some(head) = s.strip_suffix("</sup>") {
            if let Some(open) = head.rfind("<sup>") {
                s = head[..open].trim_end();
            }
        } else {
            s = s.trim_end_matches(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰']);
        }
        if s.len() == before {
            return s;
        }
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| !matches!(c, '*' | '_' | '"' | '“' | '\'' | '‘' | '▪' | '•' | ' '))
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The author line under a title: "Jane Doe*", "By Jane Doe and John Roe".
pub fn author_line(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.contains('\n') || words(s).len() > 16 {
        return Vec::new();
    }
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).unwrap_or(s);
    let s = s.trim_end_matches(['*', '†', '‡', ' ', '¹', '²', '³']);
    let parts: Vec<String> = s
        .split([',', '&', ';'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_matches(['*', '†']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let name_like = |p: &String| {
        let w = words(p);
        (2..=4).contains(&w.len())
            && w.iter()
                .all(|t| t.chars().next().is_some_and(char::is_uppercase) && !t.ends_with(':'))
    };
    if !parts.is_empty() && parts.iter().all(name_like) {
        parts
    } else {
        Vec::new()
    }
}

/// Whether a one-line paragraph reads as a heading rather than a sentence or a fragment.
pub fn heading_like(s: &str) -> bool {
    let s = s.trim();
    if s.contains('\n') || s.len() > 140 {
        return false;
    }
    let s = TRAILING_MARKERS.replace(s, "");
    let s = s.trim().trim_matches(['*', '_']).trim();
    let w = words(s);
    // a sentence's end, also right before the brackets it closes with (a marker this tool does
    // not read)
    if w.is_empty() || w.len() > 16 || s.ends_with(['.', ',', ';']) || ends_before_brackets(s) || !starts_upper(s) {
        return false;
    }
    if s.matches(", ").count() >= 3 || s.contains(". ") && !s.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    // a sentence break, even one hidden by a glued note number (`… a claim.1 Another …`)
    let broken = s.contains(". ") || GLUED_BREAK.is_match(s);
    if broken && !LETTERED.is_match(s) && !ROMAN.is_match(s) && !NUMBERED.is_match(s) {
        return false;
    }
    let long: Vec<&&str> = w
        .iter()
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let lower = long
        .iter()
        .filter(|t| t.chars().next().is_some_and(char::is_lowercase))
        .count();
    long.is_empty() || lower * 2 <= long.len()
}

/// A sentence end with a note number glued to it: `… a claim.1 Another …`.
static GLUED_BREAK: LazyLock<Regex> = LazyLock::new(|| re(r#"[a-z][.?!][”"’)]?[0-9]{1,3}\s+[A-Z]"#));
static LETTERED: LazyLock<Start> = LazyLock::new(|| start(r"^[A-H]\.\s+\S"));
static ROMAN: LazyLock<Start> = LazyLock::new(|| start(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.\s+\S"));
static NUMBERED: LazyLock<Start> = LazyLock::new(|| start(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S"));

/// The level of a heading written as a plain line, or None when the line is not one.
/// Bullet sub-headings (`▪ *Title*`) are read in any document; other plain lines only where the
/// document does not mark its headings with `#`.
pub fn heading_level(s: &str, markdown_headings: bool) -> Option<u8> {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix(['▪', '■', '●', '◆', '►']) {
        return heading_like(rest.trim()).then_some(3);
    }
    if markdown_headings || !heading_like(t) {
        return None;
    }
    if ROMAN.is_match(t) {
        return Some(1);
    }
    if LETTERED.is_match(t) {
        return Some(2);
    }
    if let Some(m) = NUMBERED.captures(t) {
        let depth = m.get(1).map_or(1, |d| d.as_str().split('.').count());
        return Some((1 + depth).min(6) as u8);
    }
    Some(1)
}

/// A heading that opens the note list.
pub fn notes_heading(s: &str) -> bool {
    let t = s.trim().trim_start_matches('#').trim().trim_matches(['*', '_', ':']);
    // asked of every paragraph: one longer than any heading could lower-case to (a character
    // of 4 bytes at most for each of a heading's ASCII letters) is none, and needs no
    // lower-cased copy
    if t.len() > 4 * LONGEST_NOTES_HEADING {
        return false;
    }
    NOTES_HEADINGS.contains(&t.to_lowercase().as_str())
}

/// The headings that open a note list, lower-case ASCII.
const NOTES_HEADINGS: &[&str] = &[
    "notes",
    "endnotes",
    "end notes",
    "footnotes",
    "references",
    "sources",
    "references and notes",
    "notes and references",
];

/// The length of the longest of [`NOTES_HEADINGS`].
const LONGEST_NOTES_HEADING: usize = {
    let mut longest = 0;
    let mut rest = NOTES_HEADINGS;
    while let [first, tail @ ..] = rest {
        if first.len() > longest {
            longest = first.len();
        }
        rest = tail;
    }
    longest
};

/// `<sup>3</sup> Jane Doe, …`: a note in the HTML superscript style, with text after its number.
pub fn sup_lead(s: &str) -> Option<(u32, &str)> {
    let m = SUP_LEAD.captures(s)?;
    let n = m.get(1)?.as_str().parse().ok()?;
    let rest = s.get(m.get(0)?.end()..)?;
    (!rest.trim().is_empty()).then_some((n, rest))
}

/// `12. …`, `[12] …`, `^12 …`, `¹² …`, `<sup>12</sup> …` or a linked `[12](#ref12) …` at the
/// start of an item of a note list.
pub fn endnote_start(s: &str) -> Option<(u32, &str)> {
    // a converted page's anchor for the note (`<a id="fn1"></a>1. …`) is no text
    let s = s.get(ANCHOR.find(s).map_or(0, |m| m.end())..).unwrap_or(s);
    if let Some((n, rest)) = leading_superscript(s) {
        return Some((n, rest.trim_start()));
    }
    let m = ENDNOTE.captures(s)?;
    let n = (1..=6).find_map(|i| m.get(i)).and_then(|d| d.as_str().parse().ok())?;
    let end = m.get(0).map_or(0, |m| m.end());
    let rest = s.get(end..).unwrap_or("");
    // a converted page's link back to the marker (`1. [^](#cite-1) Jane Doe, …`) is no text
    let back = BACK_LINK.find(rest).map_or(0, |b| b.end());
    Some((n, rest.get(back..).unwrap_or(rest)))
}

/// Empty HTML anchors before a note's number: `<a id="fn1"></a>`, `<span id="fn1"></span>`.
static ANCHOR: LazyLock<Start> = LazyLock::new(|| start(r"^(?:<(?:a|span)\b[^>]*>[ \t]*</(?:a|span)>[ \t]*)+"));

/// A note's link back to its marker: `[^](#ref1)`, `[↑](#ref1)`, `[↩](#ref1)`, `[[1]](#_ftnref1)`.
static BACK_LINK: LazyLock<Start> =
    LazyLock::new(|| start(r"^\[(?:\^|↑|↩\x{FE0E}?|\[?[0-9]{1,5}\]?)\]\(#[^)\s]*\)[ \t]*"));

/// The notes of a chunk of a note list written one to a line without blank lines between
/// (`1 Jane Doe, “Title,” 2020.` / `2 Ibid, 8.`): the chunk `[start, end)` of `text`, whose first
/// note is numbered `first`, is cut before every line that starts with the next number and
/// reads as the start of a note (a capital, a quote, emphasis). Gives `(n, start, body start,
/// end)` per note, the body after its number. Linear in the chunk.
pub fn split_notes(
    text: &str,
    start: usize,
    body_start: usize,
    end: usize,
    first: u32,
) -> Vec<(u32, usize, usize, usize)> {
    let mut out = Vec::new();
    let (mut n, mut from, mut body) = (first, start, body_start);
    let mut offset = start;
    for line in lines_of(text.get(start..end).unwrap_or("")) {
        let at = offset;
        offset += line.len();
        if at == start {
            continue;
        }
        let next = n.saturating_add(1);
        let Some((k, rest)) = endnote_start(line).filter(|&(k, _)| k == next) else {
            continue;
        };
        let opens = rest
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '*' | '_' | '['));
        if opens {
            out.push((n, from, body, trim_end(text, body, at)));
            (n, from, body) = (k, at, at + (line.len() - rest.len()));
        }
    }
    out.push((n, from, body, end));
    out
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let s = text.get(start..end).unwrap_or("");
    start + s.trim_end().len()
}

/// `7 Jane Doe, “Title,” 2020.` at a page bottom: the number `expected` (no full stop after it),
/// then text that reads as a citation (a year with a quoted or linked title, a URL, `Ibid.`).
pub fn plain_note_start(s: &str, expected: u32) -> Option<(u32, &str)> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let n: u32 = digits.parse().ok().filter(|&n| n == expected)?;
    let rest = s.get(digits.len()..)?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    let lower = rest.to_lowercase();
    let ibid = lower.starts_with("ibid") || lower.starts_with("id.");
    let year = YEAR.is_match(rest);
    let titled = rest.contains(['“', '"', '*', '_']) || rest.contains("http") || lower.contains("accessed");
    (rest.starts_with(|c: char| c.is_uppercase() || matches!(c, '“' | '"' | '*' | '_')) && (ibid || year && titled))
        .then_some((n, rest))
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:1[89]|20)[0-9][0-9]\b"));

/// Whether a note's text is finished, or a page break may have cut it.
pub fn note_complete(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?', ')', '”', '"', '’', '>', ']']) {
        return true;
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    last.starts_with("http") || last.starts_with("doi:")
}

/// Whether a paragraph reads as the rest of a note cut by a page break.
pub fn note_continuation(src: &str) -> bool {
    let t = src.trim_start();
    t.starts_with('<') || t.starts_with("http") || t.starts_with("doi") || t.starts_with(char::is_lowercase)
}

/// Whether `next` continues the paragraph `prev` across a page break.
pub fn continues(prev: &str, next: &str) -> bool {
    let p = TRAILING_MARKERS.replace(prev.trim_end(), "");
    let p = p.trim_end();
    let ended = p
        .trim_end_matches(['”', '"', '’', '\'', ')', ']', '*', '_'])
        .ends_with(['.', '!', '?', ':']);
    !ended && next.trim_start().starts_with(char::is_lowercase)
}

/// Cell ranges of each row of a pipe table (delimiter rows dropped).
pub fn table_rows(text: &str, chunk: &Chunk) -> Vec<Vec<(usize, usize)>> {
    let mut rows = Vec::new();
    let mut offset = chunk.span.start as usize;
    for line in lines_of(chunk.full(text)) {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let t = content.trim();
        // the delimiter row; an all-empty row (`| | |`) is a row, the header of a table's
        // continuation after a page break
        if t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t')) {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let mut cells = Vec::new();
        let mut cell_start = start + lead;
        let bytes = t.as_bytes();
        let mut escaped = false;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'|' && !escaped {
                if i > 0 {
                    cells.push(trim_range(text, cell_start, start + lead + i));
                }
                cell_start = start + lead + i + 1;
            }
            escaped = b == b'\\' && !escaped;
        }
        if cell_start < start + lead + t.len() {
            cells.push(trim_range(text, cell_start, start + lead + t.len()));
        }
        rows.push(cells);
    }
    rows
}

fn trim_range(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = text.get(a..b).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (a + lead, (b - trail).max(a + lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line that ends a sentence right before its closing brackets is no heading; a title that
    /// ends with a bracket of its own, or a lettered one with a remark, still is.
    #[test]
    fn a_sentence_before_a_closing_bracket_is_no_heading() {
        assert!(!heading_like(
            "Egypt Signed the Accord in 2021.[^1] Then Israel Joined.[^x]"
        ));
        assert!(!heading_like("Egypt Signed the Accord in 2021.[Smith 2020]"));
        assert!(!heading_like("Then Israel Joined the Talks.”[^x][^y]"));
        assert!(heading_like("Regional Security Architecture [Draft]"));
        assert!(heading_like("A. [Reserved]"));
        assert!(!title_like("Egypt Signed the Accord in 2021.[^x]"));
        assert!(title_like("Regional Security Architecture [Draft]"));
    }

    /// A footnote named, not numbered, is told apart from a numbered one and from other text.
    #[test]
    fn named_note_labels() {
        assert_eq!(named_note_label("[^smith2020]: Smith, 2020."), Some("smith2020"));
        assert_eq!(named_note_label("[^١]: Ali, 2021."), Some("١"));
        assert_eq!(named_note_label("[^1234567]: Smith."), Some("1234567"));
        for not in [
            "[^12]: Smith.",
            "[^]: x",
            "[^a b]: x",
            "See [^x]: y",
            "[^x] no colon",
            "[1]: x",
            "[^x]]: y",
        ] {
            assert_eq!(named_note_label(not), None, "{not}");
        }
    }

    /// A note's label is ASCII digits: `[^١]:` is a paragraph, not note 0 (Unicode's `\d`
    /// took it, and `u32` cannot parse its number).
    #[test]
    fn a_label_in_other_digits_is_not_a_note() {
        let kind = |t: &str| classify(t, 0, t.len()).kind;
        assert_eq!(kind("[^12]: Smith, 2020."), ChunkKind::Note { n: 12 });
        assert_eq!(kind("[^١٢]: Smith, 2020."), ChunkKind::NamedNote);
        // (digits that only mark structure, a list item's, stay any script's)
        assert_eq!(kind("١٢. Smith, 2020."), ChunkKind::Item);
    }

    /// Every pattern of this module compiles, and each start pattern is anchored at the start
    /// (`start` refuses it otherwise): they are compiled where a document first needs them.
    #[test]
    fn every_pattern_compiles() {
        LazyLock::force(&MD_NOTE);
        LazyLock::force(&HEADING);
        LazyLock::force(&ITEM);
        LazyLock::force(&BRACKET_ITEM);
        LazyLock::force(&CAPTION);
        LazyLock::force(&PAGE_NUMBER);
        LazyLock::force(&ENDNOTE);
        LazyLock::force(&SUP_LEAD);
        LazyLock::force(&RULE);
        LazyLock::force(&TRAILING_MARKERS);
        LazyLock::force(&GLUED_BREAK);
        LazyLock::force(&LETTERED);
        LazyLock::force(&ROMAN);
        LazyLock::force(&NUMBERED);
        LazyLock::force(&ANCHOR);
        LazyLock::force(&BACK_LINK);
        LazyLock::force(&YEAR);
        // a start pattern compiles whole only for a text that needs it: here, all of them
        for p in [
            &MD_NOTE,
            &HEADING,
            &ITEM,
            &BRACKET_ITEM,
            &CAPTION,
            &PAGE_NUMBER,
            &ENDNOTE,
            &SUP_LEAD,
            &RULE,
            &LETTERED,
            &ROMAN,
            &NUMBERED,
            &ANCHOR,
            &BACK_LINK,
        ] {
            assert!(p.compiles_whole());
        }
    }
}
