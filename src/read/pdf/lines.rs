//! A page's glyphs → its lines: runs of glyphs on one baseline, with the superscripts (footnote
//! markers, ordinals) that stand raised beside them folded into the line they belong to.
//!
//! Takes: the [`Glyph`]s of one page in drawing order. Gives: [`Line`]s from the top of the page
//! down, each a list of [`Run`]s from left to right; a line broken by a wide gap (a table's
//! columns, a page's two columns) gives one line per stretch, sharing its `row`.

use super::glyphs::Glyph;

/// Glyphs of one size on one baseline, drawn one after another.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// The baseline.
    pub y: f32,
    pub size: f32,
    /// Smaller than its line and above its baseline: a superscript.
    pub raised: bool,
}

/// One line of text, or one stretch of a line split by a wide gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub runs: Vec<Run>,
    /// The baseline of its main text.
    pub y: f32,
    /// The size of its main text (the size most of its characters have, superscripts apart).
    pub size: f32,
    pub x0: f32,
    pub x1: f32,
    /// Lines split from one baseline share a row.
    pub row: usize,
}

impl Line {
    /// Its text, runs joined as they stand (a space where a gap is).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, r) in self.runs.iter().enumerate() {
            if i > 0 && gap_between(self.runs.get(i - 1), r) {
                push_space(&mut out);
            }
            out.push_str(&r.text);
        }
        out
    }

    /// Its text without superscripts, trimmed.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for (i, r) in self.runs.iter().enumerate() {
            if r.raised {
                continue;
            }
            if i > 0 && gap_between(self.runs.get(i - 1), r) {
                push_space(&mut out);
            }
            out.push_str(&r.text);
        }
        out.trim().to_string()
    }

    /// Whether its last glyph is a space: a line that ends at a word boundary says so in a PDF
    /// whose text holds its spaces (Word, most office suites).
    pub fn ends_with_space(&self) -> bool {
        self.runs.last().is_some_and(|r| r.text.ends_with(char::is_whitespace))
    }

    pub fn top(&self) -> f32 {
        self.y + self.size * 0.75
    }

    /// `[x0, y0, x1, y1]`: from below the baseline to the top of its tallest glyph.
    pub fn bbox(&self) -> [f32; 4] {
        let top = self.runs.iter().map(|r| r.y + r.size * 0.75).fold(self.top(), f32::max);
        [self.x0, self.y - self.size * 0.25, self.x1, top]
    }
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Whether two runs side by side stand apart by a word space.
fn gap_between(a: Option<&Run>, b: &Run) -> bool {
    let Some(a) = a else { return false };
    if a.text.ends_with(char::is_whitespace) || b.text.starts_with(char::is_whitespace) {
        return false;
    }
    // a superscript sits against its word; the text after it is spaced by its own glyphs
    let size = if a.raised || b.raised {
        a.size.min(b.size)
    } else {
        a.size.max(b.size)
    };
    b.x0 - a.x1 > size * WORD_GAP
}

/// A gap wider than this many ems between two glyphs is a word space where the PDF draws none.
const WORD_GAP: f32 = 0.17;
/// A gap wider than this many ems splits a line: a table's columns, a page's two columns.
const SPLIT_GAP: f32 = 2.2;

/// The lines of a page, top to bottom, left to right.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let runs = runs(glyphs);
    let mut rows = rows(runs);
    fold_superscripts(&mut rows);
    let mut out = Vec::new();
    for (row, runs) in rows.into_iter().enumerate() {
        split(row, runs, &mut out);
    }
    out
}

/// Consecutive glyphs on one baseline in one size, without a backward jump or a wide gap.
fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut end = f32::NEG_INFINITY;
    for g in glyphs {
        let joins = out.last().is_some_and(|r| {
            (r.y - g.y).abs() <= r.size.min(g.size) * 0.08
                && (r.size - g.size).abs() <= r.size.max(g.size) * 0.06
                && g.x >= end - r.size * 0.6
                && g.x - end <= r.size.max(g.size) * SPLIT_GAP
        });
        match out.last_mut() {
            Some(r) if joins => {
                if g.x - end > r.size * WORD_GAP && !g.is_space() && !r.text.ends_with(char::is_whitespace) {
                    r.text.push(' ');
                }
                r.text.push_str(&g.text);
                r.x1 = r.x1.max(g.x + g.advance);
            }
            _ => out.push(Run {
                text: g.text.clone(),
                x0: g.x,
                x1: g.x + g.advance,
                y: g.y,
                size: g.size,
                raised: false,
            }),
        }
        end = g.x + g.advance;
    }
    out.retain(|r| !r.text.trim().is_empty() || r.text.contains(' '));
    out
}

/// Runs grouped by baseline, top of the page first.
fn rows(mut runs: Vec<Run>) -> Vec<Vec<Run>> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        // a drop cap shares the baseline of a line it stands beside, not its row
        let same = out.last().and_then(|row| row.first()).is_some_and(|f| {
            (f.y - r.y).abs() <= f.size.min(r.size) * 0.2 && f.size.max(r.size) <= f.size.min(r.size) * 2.0
        });
        match out.last_mut() {
            Some(row) if same => row.push(r),
            _ => out.push(vec![r]),
        }
    }
    for row in &mut out {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out
}

/// The size most of a row's characters have.
fn main_size(row: &[Run]) -> f32 {
    let mut best = (0usize, 0.0f32);
    for r in row {
        let n: usize = row
            .iter()
            .filter(|o| (o.size - r.size).abs() < 0.3)
            .map(|o| o.text.chars().count())
            .sum();
        if n > best.0 || (n == best.0 && r.size > best.1) {
            best = (n, r.size);
        }
    }
    best.1
}

/// A row of small text standing a little above a row of larger text, inside its stretch, is
/// that row's superscripts: `Activate.¹`, `118ᵗʰ`, a note's own number. Raised by 0.15 to 0.75
/// of the larger size and at most 0.9 of it, it cannot be a line of its own: lines are at least
/// an em apart.
fn fold_superscripts(rows: &mut Vec<Vec<Run>>) {
    let mut i = 0;
    while i < rows.len() {
        let target = {
            let Some(row) = rows.get(i) else { break };
            let size = main_size(row);
            let y = row.first().map(|r| r.y).unwrap_or(0.0);
            // the row below (a superscript stands above its line)
            (i + 1..rows.len().min(i + 4)).find(|&j| {
                rows.get(j).is_some_and(|base| {
                    let bsize = main_size(base);
                    let by = base.first().map(|r| r.y).unwrap_or(0.0);
                    let rise = y - by;
                    size <= bsize * 0.9
                        && rise >= bsize * 0.12
                        && rise <= bsize * 0.75
                        && row.iter().all(|r| {
                            base.iter()
                                .any(|b| r.x0 >= b.x0 - bsize * 1.5 && r.x1 <= b.x1 + bsize * 1.5)
                        })
                })
            })
        };
        match target {
            Some(j) => {
                let mut row = rows.remove(i);
                for r in &mut row {
                    r.raised = true;
                }
                if let Some(base) = rows.get_mut(j - 1) {
                    base.extend(row);
                    base.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                }
            }
            None => i += 1,
        }
    }
    // a run of smaller text raised within a row (drawn on the same baseline band)
    for row in rows.iter_mut() {
        let size = main_size(row);
        let y = row
            .iter()
            .find(|r| (r.size - size).abs() < 0.3)
            .map(|r| r.y)
            .unwrap_or(0.0);
        for r in row.iter_mut() {
            let rise = r.y - y;
            if r.size <= size * 0.9 && rise >= size * 0.12 {
                r.raised = true;
            }
        }
    }
}

/// Splits a row at wide gaps into lines: a gap over [`SPLIT_GAP`] ems that is also well over the
/// row's usual gap where it has several (a justified line stretched to the margin has all its
/// gaps wide alike).
fn split(row: usize, runs: Vec<Run>, out: &mut Vec<Line>) {
    let size = main_size(&runs);
    let gaps: Vec<f32> = runs
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.x0 - a.x1),
            _ => None,
        })
        .filter(|g| *g > 0.0)
        .collect();
    let mut sorted = gaps.clone();
    sorted.sort_by(f32::total_cmp);
    // a row of many runs all apart alike is one justified line stretched to its margin
    let usual = if sorted.len() >= 3 {
        sorted.get((sorted.len() - 1) / 2).copied().unwrap_or(0.0)
    } else {
        0.0
    };
    let mut current: Vec<Run> = Vec::new();
    for r in runs {
        let wide = current.last().is_some_and(|p| {
            let g = r.x0 - p.x1;
            g > size.max(r.size) * SPLIT_GAP && g > usual * 2.5 && !r.raised
        });
        if wide {
            out.push(line(row, std::mem::take(&mut current)));
        }
        current.push(r);
    }
    if !current.is_empty() {
        out.push(line(row, current));
    }
}

fn line(row: usize, runs: Vec<Run>) -> Line {
    let size = main_size(&runs);
    let y = runs
        .iter()
        .find(|r| (r.size - size).abs() < 0.3 && !r.raised)
        .or(runs.first())
        .map(|r| r.y)
        .unwrap_or(0.0);
    let x0 = runs.iter().map(|r| r.x0).fold(f32::INFINITY, f32::min);
    let x1 = runs.iter().map(|r| r.x1).fold(f32::NEG_INFINITY, f32::max);
    Line {
        runs,
        y,
        size,
        x0,
        x1,
        row,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let g = Glyph {
                    text: c.to_string(),
                    x,
                    y,
                    size,
                    advance: size * 0.5,
                };
                x += size * 0.5;
                g
            })
            .collect()
    }

    #[test]
    fn a_raised_small_number_is_a_superscript_of_its_line() {
        let mut g = word("Activate.", 100.0, 700.0, 11.0);
        g.extend(word("1", 149.5, 704.5, 7.0));
        g.extend(word(" Then", 153.0, 700.0, 11.0));
        let lines = lines(&g);
        assert_eq!(lines.len(), 1, "{lines:#?}");
        let l = &lines[0];
        assert_eq!(l.size, 11.0);
        let raised: Vec<&str> = l.runs.iter().filter(|r| r.raised).map(|r| r.text.as_str()).collect();
        assert_eq!(raised, vec!["1"]);
        assert_eq!(l.plain(), "Activate. Then");
    }

    #[test]
    fn lines_an_em_apart_stay_apart() {
        let mut g = word("first line", 100.0, 700.0, 11.0);
        g.extend(word("second", 100.0, 687.0, 11.0));
        assert_eq!(lines(&g).len(), 2);
    }

    #[test]
    fn gaps_make_spaces_and_wide_gaps_split() {
        let mut g = word("left", 100.0, 700.0, 10.0);
        g.extend(word("word", 122.0, 700.0, 10.0));
        g.extend(word("cell", 300.0, 700.0, 10.0));
        let lines = lines(&g);
        assert_eq!(
            lines.iter().map(Line::plain).collect::<Vec<_>>(),
            vec!["left word", "cell"]
        );
        assert_eq!(lines[0].row, lines[1].row);
    }
}
