//! Byte spans into a document's text and the line index that turns an offset into `line:column`.
//!
//! Takes: byte offsets. Gives: [`Span`] (a `u32` byte range) and [`LineIndex`].

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: to_u32(start),
            end: to_u32(end.max(start)),
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers, or "" when it does not fall on char boundaries of `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// Offsets are capped at `u32::MAX`; documents are limited far below that before they get here.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Start offsets of every line, for turning byte offsets into 1-based line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters before it) every [`MARK`] bytes or so: a column is counted from
    /// the nearest mark, not from the start of its line, which on a one-line document of many
    /// megabytes made each lookup a scan of the whole line.
    marks: Vec<(usize, usize)>,
}

const MARK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        while at < text.len() {
            let mut next = (at + MARK).min(text.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text.get(at..next).map_or(0, |s| s.chars().count());
            marks.push((next, chars));
            at = next;
        }
        LineIndex { starts, marks }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        to_u32(self.starts.partition_point(|&s| s <= offset).max(1))
    }

    /// 1-based line and column (column counted in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let col = self
            .chars_before(text, offset)
            .saturating_sub(self.chars_before(text, start));
        (to_u32(line), to_u32(col + 1))
    }

    /// Characters of `text` before a byte offset.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = self.marks.partition_point(|&(at, _)| at <= offset);
        let (at, chars) = self.marks.get(k.saturating_sub(1)).copied().unwrap_or((0, 0));
        chars + text.get(at..offset).map_or(0, |s| s.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let text = "ab\ncdé\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 7), (2, 4));
        assert_eq!(idx.line_col(text, 8), (3, 1));
    }

    #[test]
    fn columns_on_a_long_line_count_characters() {
        let line = "é".repeat(10_000) + "x";
        let text = format!("a\n{line}\nb");
        let idx = LineIndex::new(&text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(idx.line_col(&text, x), (2, 10_001));
        assert_eq!(idx.line_col(&text, text.len() - 1), (3, 1));
        assert_eq!(idx.line(x), 2);
    }

    #[test]
    fn slice_is_total() {
        let s = Span::new(1, 2);
        assert_eq!(s.slice("é"), "");
        assert_eq!(Span::new(0, 99).slice("ab"), "");
        assert_eq!(Span::new(0, 1).slice("ab"), "a");
    }
}
