//! Footnote markers in body blocks: found, checked against the notes, and cut out of the text.
//!
//! Styles: superscript digits (`century”.¹`), Markdown (`[^12]`), brackets (`[12]`, `[3, 4]`),
//! carets (`^12`), and, only in a document with a note list and no other markers, bare digits
//! glued to a word or punctuation (`challenges.1 Under`), kept only where they run in order.

use super::lines::{re, superscript_value};
use super::{Document, Marker};
use crate::diag::{code, Diagnostics};
use crate::span::Span;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| re(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^(\d{1,6})\]|\[(\d{1,5}(?:\s*[,–-]\s*\d{1,5})*)\]|\^(\d{1,5})"));
static TRAILING: LazyLock<Regex> = LazyLock::new(|| re(r"(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?\d{1,6}\]|\^\d{1,5})+$"));
static BARE_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"\d{1,7}"));

/// A heading's text without the markers at its end.
pub fn strip_trailing(s: &str) -> &str {
    match TRAILING.find(s.trim_end()) {
        Some(m) => s.get(..m.start()).unwrap_or(s),
        None => s,
    }
}

/// Finds the markers of every block, removes them from the text and records them.
pub fn attach(doc: &mut Document, text: &str, diags: &mut Diagnostics) {
    let defined: BTreeSet<u32> = doc.notes.iter().map(|n| n.n).collect();
    let mut found_any = false;
    for block in &mut doc.blocks {
        let found = find(&block.inline.text, &defined);
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

type Found = (usize, usize, Vec<u32>);

fn find(s: &str, defined: &BTreeSet<u32>) -> Vec<Found> {
    let mut out = Vec::new();
    for m in MARKER.captures_iter(s) {
        let Some(all) = m.get(0) else { continue };
        let numbers: Vec<u32> = if let Some(d) = m.get(1).or(m.get(3)) {
            d.as_str().parse().ok().into_iter().collect()
        } else if let Some(list) = m.get(2) {
            let ns = bracket_list(list.as_str());
            // `[2016]` or `[3]` of a reference list are markers only where such notes exist
            if ns.is_empty() || !ns.iter().all(|n| defined.contains(n)) {
                continue;
            }
            ns
        } else {
            let head = s.get(..all.start()).unwrap_or("");
            if head.chars().next_back().is_some_and(|c| c.is_ascii_digit()) {
                continue; // an exponent, not a note
            }
            let n = all
                .as_str()
                .chars()
                .filter_map(superscript_value)
                .fold(0u32, |n, d| n.saturating_mul(10).saturating_add(d));
            // a superscript with no such note is a marker (to be warned about) only in a document
            // that has notes, and never on a unit (`km²`, `m³`)
            if !defined.contains(&n) && (defined.is_empty() || unit_before(head)) {
                continue;
            }
            vec![n]
        };
        out.push((all.start(), all.end(), numbers));
    }
    out
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

/// Bare digits right after a letter or closing punctuation, followed by a space or the end,
/// accepted only as the next note (or one of the next few) so that years and amounts are left.
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
        let free = after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.'));
        let digits = m.as_str();
        let expected = |n: u32| defined.contains(&n) && n >= *next && n <= next.saturating_add(2);
        if glued && free {
            if let Some(n) = digits.parse::<u32>().ok().filter(|&n| expected(n)) {
                *next = n + 1;
                out.push((m.start(), m.end(), vec![n]));
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
                out.push((m.start() + 4, m.end(), vec![n]));
            }
        }
    }
    out
}

fn apply(block: &mut super::Block, found: Vec<Found>) {
    let cuts: Vec<(usize, usize)> = found.iter().map(|&(start, end, _)| (start, end)).collect();
    // a marker glued between two words or sentences stood for a space
    let placed = block.inline.cut(&cuts, |before, after| {
        before.is_some_and(|c| !c.is_whitespace())
            && after.is_some_and(|c| c.is_alphanumeric() && superscript_value(c).is_none())
    });
    let mut markers = Vec::new();
    for ((_, _, numbers), place) in found.into_iter().zip(placed) {
        let Some((at, span)) = place else { continue };
        for n in numbers {
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
            .map(|b| superscript_runs(&b.inline.text))
            .sum::<usize>();
        let message = match (doc.notes.len(), superscripts) {
            (0, 0) => "no footnote markers found: the graph has no claims".to_string(),
            (0, s) => format!(
                "{s} superscript number{} in the text but no notes (a Notes section or notes at page bottoms): the graph has no claims",
                if s == 1 { "" } else { "s" }
            ),
            (n, _) => format!(
                "{n} note{} found but no footnote marker in the text (superscript digits, [^N], [N] or ^N): the graph has no claims",
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

    #[test]
    fn bracket_lists() {
        assert_eq!(bracket_list("3, 4"), vec![3, 4]);
        assert_eq!(bracket_list("3-5"), vec![3, 4, 5]);
        assert_eq!(bracket_list("a"), Vec::<u32>::new());
    }

    #[test]
    fn units_are_not_markers() {
        let defined: BTreeSet<u32> = [1].into_iter().collect();
        let found = find("It covers 1,564,116 km² of steppe.¹", &defined);
        assert_eq!(found.iter().flat_map(|f| f.2.clone()).collect::<Vec<_>>(), vec![1]);
        assert!(find("An area of 20 km² only.", &BTreeSet::new()).is_empty());
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
    }

    #[test]
    fn bare_digits_follow_note_order() {
        let defined: BTreeSet<u32> = (1..=3).collect();
        let mut next = 1;
        let s = "In 2016 the challenges.1 Under 3 rules, tariffs2 rose $3.3 billion as of May 1, 20243";
        let mut later = 4;
        let ended: Vec<u32> = find_bare(
            "It arrived in April 2026.4 President Smith spoke on June 21.5",
            &(1..=5).collect(),
            &mut later,
        )
        .iter()
        .flat_map(|f| f.2.clone())
        .collect();
        assert_eq!(ended, vec![4, 5]);
        let found = find_bare(s, &defined, &mut next);
        let ns: Vec<u32> = found.iter().flat_map(|f| f.2.clone()).collect();
        assert_eq!(ns, vec![1, 2, 3]);
        assert_eq!(found.last().map(|f| (f.0, f.1)), Some((s.len() - 1, s.len())));
    }
}
