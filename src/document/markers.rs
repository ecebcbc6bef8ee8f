//! Footnote markers in body blocks: found, checked against the notes, and cut out of the text.
//!
//! Each [`Rule`] is one marker style. Bare digits are read only in a document with a note list
//! and no other markers, and only where they run in note order, so that years and amounts are
//! left alone. Where a document's notes restart their numbering (notes after each section,
//! numbered from 1 again), each marker is read against the notes of its own section and the
//! notes are numbered 1, 2, … through the document, so that a note number names one note.

use super::lines::{re, superscript_value};
use super::{Document, Inline, Marker};
use crate::diag::{code, Diagnostics};
use crate::span::Span;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// The rules that find a footnote marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Superscript digits glued to the text, as PDF converters write them: `century”.¹`. Not an
    /// exponent (`10⁶`) or a unit (`km²`), but a note glued to a year is one (`in 2019⁴`).
    Superscript,
    /// A Markdown footnote reference: `[^12]`.
    Markdown,
    /// Bracketed numbers, `[12]`, `[3, 4]`, `[3-5]`, where every number has a note (a
    /// reference list's `[2016]` is a year).
    Bracket,
    /// A caret: `^12`.
    Caret,
    /// An HTML superscript holding a number, as a web page converted to Markdown keeps it:
    /// `century.<sup>3</sup>`, `<sup>[3](#fn3)</sup>`, `<sup>3, 4</sup>`. Read like the
    /// superscript digits it stands for (`119<sup>th</sup>` holds no number; `10<sup>6</sup>`
    /// is an exponent).
    HtmlSup,
    /// A link whose text is a note number pointing into the page, as converters write a
    /// footnote reference: `[3](#fn3)`, `[[3]](#_ftn3)`; only where the note exists (`see
    /// [2](#part-2)` may be a link to a section).
    AnchorLink,
    /// Bare digits glued to a word or punctuation, as text extraction leaves a superscript:
    /// `challenges.1 Under`, `in 20264` (a year with note 4).
    BareGlued,
    /// Bare digits set off by a space after a sentence end, before the next sentence:
    /// `… in 2019. 14 The ministry …`. Only the next note in order (or one of the two after),
    /// like every bare-digit rule, so that `in 2019. 14 ministries` is left alone unless note 14
    /// is due.
    BareSpaced,
}

/// A marker found in a block's clean text: its range, the notes it names, the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    start: usize,
    end: usize,
    numbers: Vec<u32>,
    rule: Rule,
}

/// Compiles the patterns a document's markers need last (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&MARKER);
    LazyLock::force(&TRAILING);
}

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| re(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^([0-9]{1,6})\]|\[([0-9]{1,5}(?:\s*[,–-]\s*[0-9]{1,5})*)\]|\^([0-9]{1,5})"));
static TRAILING: LazyLock<Regex> = LazyLock::new(|| re(r"(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?[0-9]{1,6}\]|\^[0-9]{1,5})+$"));
static BARE_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]{1,7}"));

/// A heading's text without the markers at its end.
pub fn strip_trailing(s: &str) -> &str {
    match TRAILING.find(s.trim_end()) {
        Some(m) => s.get(..m.start()).unwrap_or(s),
        None => s,
    }
}

/// The end of a heading's text before the HTML superscripts that close it (`Lebanon<sup>29</sup>`).
pub fn strip_trailing_sup(inl: &Inline) -> usize {
    let mut end = inl.text.trim_end().len();
    for &(a, b) in inl.sup.iter().rev() {
        let inner = inl.text.get(a..b).unwrap_or("");
        if b >= end && a < end && !sup_numbers(inner).is_empty() {
            end = inl.text.get(..a).map_or(a, |t| t.trim_end().len());
        }
    }
    end
}

/// Finds the markers of every block, removes them from the text and records them.
pub fn attach(doc: &mut Document, text: &str, diags: &mut Diagnostics) {
    if restarts(doc) {
        attach_by_section(doc, diags);
        let defined: BTreeSet<u32> = doc.notes.iter().map(|n| n.n).collect();
        check(doc, text, &defined, diags);
        return;
    }
    let defined: BTreeSet<u32> = doc.notes.iter().map(|n| n.n).collect();
    let mut found_any = false;
    for block in &mut doc.blocks {
        let found = find(&block.inline, &defined);
        found_any |= !found.is_empty();
        apply(block, found);
    }
    if !found_any && !defined.is_empty() {
        // plain text: digits glued to the end of a word, read in note order
        let mut next = defined.first().copied().unwrap_or(1);
        for block in &mut doc.blocks {
            let found = find_bare(&block.inline.text, &defined, &mut next);
            apply(block, found);
        }
    }
    check(doc, text, &defined, diags);
}

/// Whether the notes restart their numbering: a run of notes after the first starts again at 1.
fn restarts(doc: &Document) -> bool {
    doc.groups.len() > 1
        && doc
            .groups
            .iter()
            .skip(1)
            .any(|g| doc.notes.get(g.note).is_some_and(|n| n.n == 1))
}

/// Notes numbered again in each section: every marker names a note of its own section (the run
/// of notes after it), else of the nearest section before that has one so numbered; the notes
/// are numbered 1, 2, … in document order.
fn attach_by_section(doc: &mut Document, diags: &mut Diagnostics) {
    // per group, printed number → new number (the first such note of the group)
    let mut maps: Vec<HashMap<u32, u32>> = Vec::with_capacity(doc.groups.len());
    let mut bounds = doc
        .groups
        .iter()
        .map(|g| g.note)
        .skip(1)
        .chain(std::iter::once(doc.notes.len()));
    let mut from = doc.groups.first().map_or(0, |g| g.note);
    for _ in &doc.groups {
        let to = bounds.next().unwrap_or(doc.notes.len());
        let mut map = HashMap::new();
        for (i, note) in doc.notes.iter().enumerate().take(to).skip(from) {
            map.entry(note.n).or_insert(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
        maps.push(map);
        from = to;
    }
    for (i, note) in doc.notes.iter_mut().enumerate() {
        note.n = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    doc.note_index.clear();
    for (i, note) in doc.notes.iter().enumerate() {
        doc.note_index.entry(note.n).or_insert(i);
    }
    // walk the blocks; `earlier` holds, per printed number, the note of the latest group passed
    let mut earlier: HashMap<u32, u32> = HashMap::new();
    let mut defined: BTreeSet<u32> = BTreeSet::new();
    let mut g = 0;
    let groups: Vec<usize> = doc.groups.iter().map(|g| g.block).collect();
    for (b, block) in doc.blocks.iter_mut().enumerate() {
        while groups.get(g).is_some_and(|&start| start <= b) {
            if let Some(m) = maps.get(g) {
                earlier.extend(m.iter().map(|(&k, &v)| (k, v)));
            }
            g += 1;
        }
        let own = maps.get(g);
        defined.extend(own.into_iter().flat_map(|m| m.keys().copied()));
        let mut found = find(&block.inline, &defined);
        for f in &mut found {
            let printed = std::mem::take(&mut f.numbers);
            for p in printed {
                match own.and_then(|m| m.get(&p)).or_else(|| earlier.get(&p)) {
                    Some(&n) => f.numbers.push(n),
                    None => {
                        let span = block.inline.span(f.start, f.end);
                        diags.warn(
                            code::MARKER_WITHOUT_NOTE,
                            span,
                            None,
                            format!("marker {p} has no note in its section"),
                        );
                    }
                }
            }
        }
        apply(block, found);
    }
}

/// The note numbers that the markers of a block could name, whether or not such notes exist: to
/// tell the notes of a section (under a rule after it) from a numbered list.
pub fn numbers(inl: &Inline) -> Vec<u32> {
    let mut out = Vec::new();
    for m in MARKER.captures_iter(&inl.text) {
        if let Some(d) = m.get(1).or(m.get(3)) {
            out.extend(d.as_str().parse::<u32>().ok());
        } else if let Some(list) = m.get(2) {
            out.extend(bracket_list(list.as_str()));
        } else if let Some(all) = m.get(0) {
            out.push(
                all.as_str()
                    .chars()
                    .filter_map(superscript_value)
                    .fold(0u32, |n, d| n.saturating_mul(10).saturating_add(d)),
            );
        }
    }
    for &(a, b) in &inl.sup {
        out.extend(sup_numbers(inl.text.get(a..b).unwrap_or("")));
    }
    for ((a, b), url) in &inl.links {
        if url.starts_with('#') {
            out.extend(sup_numbers(inl.text.get(*a..*b).unwrap_or("")));
        }
    }
    out
}

fn find(inl: &Inline, defined: &BTreeSet<u32>) -> Vec<Found> {
    let s = inl.text.as_str();
    let mut out = Vec::new();
    for m in MARKER.captures_iter(s) {
        let Some(all) = m.get(0) else { continue };
        let (numbers, rule) = if let Some(d) = m.get(1) {
            (d.as_str().parse().ok().into_iter().collect(), Rule::Markdown)
        } else if let Some(d) = m.get(3) {
            (d.as_str().parse().ok().into_iter().collect(), Rule::Caret)
        } else if let Some(list) = m.get(2) {
            let ns = bracket_list(list.as_str());
            // `[2016]` or `[3]` of a reference list are markers only where such notes exist
            if ns.is_empty() || !ns.iter().all(|n| defined.contains(n)) {
                continue;
            }
            (ns, Rule::Bracket)
        } else {
            let head = s.get(..all.start()).unwrap_or("");
            let n = all
                .as_str()
                .chars()
                .filter_map(superscript_value)
                .fold(0u32, |n, d| n.saturating_mul(10).saturating_add(d));
            if !superscript_marker(head, n, defined) {
                continue;
            }
            (vec![n], Rule::Superscript)
        };
        out.push(Found {
            start: all.start(),
            end: all.end(),
            numbers,
            rule,
        });
    }
    for &(a, b) in &inl.sup {
        let inner = s.get(a..b).unwrap_or("");
        let numbers = sup_numbers(inner);
        let Some(&first) = numbers.first() else { continue };
        let head = s.get(..a).unwrap_or("");
        if numbers.len() == 1 && !superscript_marker(head, first, defined)
            || numbers.len() > 1 && (defined.is_empty() || unit_before(head))
        {
            continue;
        }
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        out.push(Found {
            start: a + lead,
            end: b - trail,
            numbers,
            rule: Rule::HtmlSup,
        });
    }
    for ((a, b), url) in &inl.links {
        if !url.starts_with('#') {
            continue;
        }
        let numbers = sup_numbers(s.get(*a..*b).unwrap_or(""));
        if numbers.is_empty() || !numbers.iter().all(|n| defined.contains(n)) {
            continue;
        }
        out.push(Found {
            start: *a,
            end: *b,
            numbers,
            rule: Rule::AnchorLink,
        });
    }
    if !inl.sup.is_empty() || !inl.links.is_empty() {
        // one marker per place: `<sup>[3](#fn3)</sup>` is found by three rules
        out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut end = 0;
        out.retain(|f| {
            let keep = f.start >= end;
            if keep {
                end = f.end;
            }
            keep
        });
    }
    out
}

/// The note numbers an HTML superscript or a linked number holds: `3`, `[3]`, `3, 4`, `3–5`.
fn sup_numbers(inner: &str) -> Vec<u32> {
    let t = inner.trim();
    let t = t
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(t)
        .trim();
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return Vec::new();
    }
    bracket_list(t)
}

/// Whether superscript number `n` after `head` is a footnote marker: not an exponent (after a
/// digit, unless the digits are a year and the note exists: `in 2019⁴`), and, for a number with
/// no note, only in a document that has notes and never on a unit (`km²`, `m³`).
fn superscript_marker(head: &str, n: u32, defined: &BTreeSet<u32>) -> bool {
    if head.chars().next_back().is_some_and(|c| c.is_ascii_digit()) {
        return defined.contains(&n) && ends_with_year(head);
    }
    defined.contains(&n) || !defined.is_empty() && !unit_before(head)
}

/// Whether `head` ends with a year (`1900`–`2099`) that is not part of a longer number.
fn ends_with_year(head: &str) -> bool {
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let start = head.len() - digits;
    let before = head.get(..start).and_then(|h| h.chars().next_back());
    digits == 4
        && head
            .get(start..)
            .and_then(|y| y.parse::<u32>().ok())
            .is_some_and(|y| (1900..=2099).contains(&y))
        && !before.is_some_and(|c| matches!(c, '.' | ',' | '$' | '€' | '£'))
}

/// Whether the word before a superscript is a unit of measure.
fn unit_before(head: &str) -> bool {
    let word = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    matches!(
        word,
        "km" | "m" | "cm" | "mm" | "ft" | "in" | "mi" | "yd" | "sq" | "kg" | "s"
    )
}

/// `3, 4` or `3-5` inside brackets.
fn bracket_list(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut ends = part.split(['-', '–']).map(|x| x.trim().parse::<u32>());
        match (ends.next(), ends.next()) {
            (Some(Ok(a)), None) => out.push(a),
            (Some(Ok(a)), Some(Ok(b))) if a < b && b - a <= 20 => out.extend(a..=b),
            _ => return Vec::new(),
        }
    }
    out
}

/// Bare digits right after a letter or closing punctuation ([`Rule::BareGlued`]), or set off by
/// a space after a sentence end ([`Rule::BareSpaced`]), followed by a space or the end, accepted
/// only as the next note (or one of the next few) so that years and amounts are left.
fn find_bare(s: &str, defined: &BTreeSet<u32>, next: &mut u32) -> Vec<Found> {
    let mut out = Vec::new();
    for m in BARE_RUN.find_iter(s) {
        let head = s.get(..m.start()).unwrap_or("");
        let mut before = head.chars().rev();
        let (b1, b2) = (before.next(), before.next());
        let after = s.get(m.end()..).and_then(|a| a.chars().next());
        // `$3.7 billion`, `1,564`: digits after a decimal point or a thousands comma are a number,
        // unless a sentence ends right after them (`in April 2026.58 President`, `on June 21.12`)
        let rest = s.get(m.end()..).unwrap_or("");
        let sentence_ends = rest.trim_start().chars().next().is_none_or(char::is_uppercase)
            && rest.chars().next().is_none_or(char::is_whitespace);
        let decimal = b2.is_some_and(|c| c.is_ascii_digit()) && (b1 == Some(',') || b1 == Some('.') && !sentence_ends);
        let glued = !decimal
            && b1.is_some_and(|c| {
                c.is_lowercase() || matches!(c, '.' | ',' | ';' | ':' | ')' | '"' | '”' | '’' | '?' | '!')
            });
        let spaced = b1.is_some_and(|c| c == ' ' || c == '\u{a0}') && sentence_ends && sentence_end_before(head);
        let free = after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.'));
        let digits = m.as_str();
        let expected = |n: u32| defined.contains(&n) && n >= *next && n <= next.saturating_add(2);
        if (glued || spaced) && free {
            if let Some(n) = digits.parse::<u32>().ok().filter(|&n| expected(n)) {
                *next = n + 1;
                let rule = if glued { Rule::BareGlued } else { Rule::BareSpaced };
                out.push(Found {
                    start: m.start(),
                    end: m.end(),
                    numbers: vec![n],
                    rule,
                });
                continue;
            }
        }
        // `as of September 15, 20264`: a year with the next note glued to it
        let year = digits
            .get(..4)
            .and_then(|y| y.parse::<u32>().ok())
            .filter(|y| (1900..=2099).contains(y));
        if let (Some(_), Some(rest), true) = (year, digits.get(4..), free && digits.len() > 4 && !decimal) {
            if let Some(n) = rest.parse::<u32>().ok().filter(|&n| expected(n)) {
                *next = n + 1;
                out.push(Found {
                    start: m.start() + 4,
                    end: m.end(),
                    numbers: vec![n],
                    rule: Rule::BareGlued,
                });
            }
        }
    }
    out
}

/// Whether `head` (the text before a space) ends a sentence: `.`, `?` or `!`, with closing
/// quotes or brackets after it (`… in 2019.`, `… “final.”`).
fn sentence_end_before(head: &str) -> bool {
    let h = head.trim_end_matches([' ', '\u{a0}']);
    if h.len() + 2 < head.len() {
        return false; // one space, not a gap in a table or a list
    }
    h.trim_end_matches(['”', '"', '’', '\'', ')', ']'])
        .ends_with(['.', '?', '!'])
}

fn apply(block: &mut super::Block, found: Vec<Found>) {
    // the space that sets a bare number off goes with it (`in 2019. 14 The` → `in 2019. The`)
    let spaced = |f: &Found| f.rule == Rule::BareSpaced && f.start > 0;
    let cuts: Vec<(usize, usize)> = found
        .iter()
        .map(|f| (if spaced(f) { f.start - 1 } else { f.start }, f.end))
        .collect();
    // a marker glued between two words or sentences stood for a space
    let placed = block.inline.cut(&cuts, |before, after| {
        before.is_some_and(|c| !c.is_whitespace())
            && after.is_some_and(|c| c.is_alphanumeric() && superscript_value(c).is_none())
    });
    let mut markers = Vec::new();
    for (f, place) in found.into_iter().zip(placed) {
        let Some((at, mut span)) = place else { continue };
        if spaced(&f) {
            span = Span::new(span.start as usize + 1, span.end as usize);
        }
        for n in f.numbers {
            markers.push(Marker { n, at, span });
        }
    }
    block.markers = markers;
}

pub(super) fn check(doc: &Document, text: &str, defined: &BTreeSet<u32>, diags: &mut Diagnostics) {
    let _ = text;
    let mut used = BTreeSet::new();
    let mut any = false;
    for block in &doc.blocks {
        for m in &block.markers {
            any = true;
            used.insert(m.n);
            if !defined.contains(&m.n) {
                diags.warn(
                    code::MARKER_WITHOUT_NOTE,
                    m.span,
                    Some(m.n),
                    format!("marker {} has no note", m.n),
                );
            }
        }
    }
    let mut seen = BTreeSet::new();
    for note in &doc.notes {
        if !seen.insert(note.n) {
            diags.warn(
                code::DUPLICATE_NOTE_NUMBER,
                note.span,
                Some(note.n),
                format!("note {} is defined twice", note.n),
            );
        }
        if any && !used.contains(&note.n) {
            diags.warn(
                code::NOTE_WITHOUT_MARKER,
                note.span,
                Some(note.n),
                format!("note {} has no marker in the text", note.n),
            );
        }
    }
    if !any && !doc.blocks.is_empty() {
        // say which half is there, so that a graph with no claims is never a mystery
        let superscripts = doc
            .blocks
            .iter()
            .map(|b| superscript_runs(&b.inline.text) + b.inline.sup.len())
            .sum::<usize>();
        let message = match (doc.notes.len(), superscripts) {
            (0, 0) => "no footnote markers found: the graph has no claims".to_string(),
            (0, s) => format!(
                "{s} superscript number{} in the text but no notes (a Notes section or notes at page bottoms): the graph has no claims",
                if s == 1 { "" } else { "s" }
            ),
            (n, _) => format!(
                "{n} note{} found but no footnote marker in the text (superscript digits, <sup>N</sup>, [^N], [N] or ^N): the graph has no claims",
                if n == 1 { "" } else { "s" }
            ),
        };
        diags.warn(code::NO_MARKERS, Span::default(), None, message);
    }
}

/// Runs of superscript digits in `text`.
fn superscript_runs(text: &str) -> usize {
    let mut runs = 0;
    let mut inside = false;
    for c in text.chars() {
        let sup = superscript_value(c).is_some();
        runs += usize::from(sup && !inside);
        inside = sup;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Inline {
        super::super::inline::plain(s, 0)
    }

    fn md(s: &str) -> Inline {
        super::super::inline::clean(s, 0)
    }

    fn numbers_of(found: &[Found]) -> Vec<u32> {
        found.iter().flat_map(|f| f.numbers.clone()).collect()
    }

    #[test]
    fn bracket_lists() {
        assert_eq!(bracket_list("3, 4"), vec![3, 4]);
        assert_eq!(bracket_list("3-5"), vec![3, 4, 5]);
        assert_eq!(bracket_list("a"), Vec::<u32>::new());
    }

    /// A note number is ASCII digits, in a marker as in a note's label: `[^١]` is text (before,
    /// Unicode's `\d` took it as a marker of no number, cut from its sentence).
    #[test]
    fn other_scripts_digits_are_not_note_numbers() {
        let defined: BTreeSet<u32> = [1].into_iter().collect();
        let found = find(&md("Talks began.[^1] They ended.[^١] Then [٢] and ^٣."), &defined);
        assert_eq!((found.len(), numbers_of(&found)), (1, vec![1]));
    }

    #[test]
    fn units_are_not_markers() {
        let defined: BTreeSet<u32> = [1].into_iter().collect();
        let found = find(&plain("It covers 1,564,116 km² of steppe.¹"), &defined);
        assert_eq!(numbers_of(&found), vec![1]);
        assert!(find(&plain("An area of 20 km² only."), &BTreeSet::new()).is_empty());
    }

    #[test]
    fn a_superscript_after_a_year_is_a_note_after_other_numbers_an_exponent() {
        let defined: BTreeSet<u32> = (1..=6).collect();
        let found = find(
            &plain("Wounded as of September 15, 2026⁴ and 10⁶ tons, $2026⁵ or 1.2026⁶."),
            &defined,
        );
        assert_eq!(numbers_of(&found), vec![4]);
    }

    #[test]
    fn html_superscripts() {
        let defined: BTreeSet<u32> = (1..=4).collect();
        let inl = md("The 119<sup>th</sup> Congress acted.<sup>1</sup> It spent 10<sup>6</sup> dollars,<sup>[2](#fn2)</sup> and more.<sup> 3, 4 </sup>");
        let found = find(&inl, &defined);
        assert_eq!(numbers_of(&found), vec![1, 2, 3, 4]);
        assert!(found.iter().all(|f| f.rule == Rule::HtmlSup));
        assert_eq!(inl.text.get(found[2].start..found[2].end), Some("3, 4"));
        // a document without notes has no markers, only superscripts
        assert!(find(&inl, &BTreeSet::new()).is_empty());
    }

    #[test]
    fn linked_numbers_into_the_page() {
        let defined: BTreeSet<u32> = (1..=2).collect();
        let found = find(&md("Costs rose.[1](#fn1) See [2](#part-two) and [7](#fn7)."), &defined);
        assert_eq!(numbers_of(&found), vec![1, 2]);
        assert!(found.iter().all(|f| f.rule == Rule::AnchorLink));
        // the page's own links are not markers
        assert!(find(&md("See [3](https://example.org/3)."), &(1..=3).collect()).is_empty());
    }

    #[test]
    fn superscript_runs_are_counted() {
        assert_eq!(superscript_runs("rose.¹ Then fell.²³ In 2024."), 2);
        assert_eq!(superscript_runs("no markers"), 0);
    }

    #[test]
    fn trailing() {
        assert_eq!(strip_trailing("Lebanon[29]"), "Lebanon");
        assert_eq!(strip_trailing("Rise²³"), "Rise");
        assert_eq!(strip_trailing("G20"), "G20");
        let inl = md("Lebanon<sup>29</sup>");
        assert_eq!(inl.text.get(..strip_trailing_sup(&inl)), Some("Lebanon"));
        let inl = md("The 119<sup>th</sup>");
        assert_eq!(inl.text.get(..strip_trailing_sup(&inl)), Some("The 119th"));
    }

    #[test]
    fn bare_digits_follow_note_order() {
        let defined: BTreeSet<u32> = (1..=3).collect();
        let mut next = 1;
        let s = "In 2016 the challenges.1 Under 3 rules, tariffs2 rose $3.3 billion as of May 1, 20243";
        let mut later = 4;
        let ended: Vec<u32> = numbers_of(&find_bare(
            "It arrived in April 2026.4 President Smith spoke on June 21.5",
            &(1..=5).collect(),
            &mut later,
        ));
        assert_eq!(ended, vec![4, 5]);
        let found = find_bare(s, &defined, &mut next);
        assert_eq!(numbers_of(&found), vec![1, 2, 3]);
        assert_eq!(found.last().map(|f| (f.start, f.end)), Some((s.len() - 1, s.len())));
    }

    #[test]
    fn bare_digits_set_off_after_a_sentence_end() {
        let defined: BTreeSet<u32> = (13..=16).collect();
        let mut next = 13;
        // 13 and 14 are due; `12 ministries` is not; 15 ends a quotation; `at 16 sites` is no
        // sentence end
        let s = "In 2019. 12 ministries agreed. 13 The ministry spoke in 2019. 14 Then it said “no.” 15 Work began at 16 sites.";
        let found = find_bare(s, &defined, &mut next);
        assert_eq!(numbers_of(&found), vec![13, 14, 15]);
        assert!(found.iter().all(|f| f.rule == Rule::BareSpaced));
        // a number before a lower-case word is a count, not a marker
        let mut next = 13;
        assert!(find_bare("It was 2019. 13 ministries agreed.", &defined, &mut next).is_empty());
    }
}
