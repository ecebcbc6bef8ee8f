//! Lines of every page → what is body and what is not: page furniture, tables of contents and
//! footnotes.
//!
//! Takes: each page's [`Line`]s. Gives: [`Parts`]: the body lines of each page, and the notes,
//! each the lines it spans (across a page break where a long note goes on). The rules:
//! - **furniture**: a line near the top or bottom edge whose text, digits aside, recurs on many
//!   pages (a running title, `Congressional Research Service 3`), or that is only a page number;
//! - **contents**: a line ending in dot leaders and a page number;
//! - **notes**: at the bottom of a page, below the body, lines in a smaller size than the body;
//!   a note starts with its number, raised (`¹ Jane Doe …`) or set off by a space, and it is
//!   the next note's number (notes run in order through a document, so a list or a table at a
//!   page's foot is not taken for notes); lines before the page's first note go on with the last
//!   note of an earlier page.

use super::lines::{Line, Run};

/// One page's lines, as [`super::lines::lines`] gave them.
#[derive(Debug, Clone)]
pub struct PageLines {
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
    pub rules: Vec<(f32, f32, f32)>,
}

/// A footnote: its number and its lines with their page.
#[derive(Debug, Clone)]
pub struct Note {
    pub n: u32,
    pub lines: Vec<(u32, Line)>,
}

/// The body of one page.
#[derive(Debug, Clone)]
pub struct Body {
    pub number: u32,
    pub width: f32,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone)]
pub struct Parts {
    pub pages: Vec<Body>,
    pub notes: Vec<Note>,
    /// The size of the body text: the size most characters have.
    pub body_size: f32,
}

/// Splits every page into body and notes.
pub fn parts(pages: Vec<PageLines>) -> Parts {
    let body_size = body_size(&pages);
    let furniture = furniture(&pages);
    let raised = raised_numbers(&pages, body_size);
    let mut notes: Vec<Note> = Vec::new();
    let mut out = Vec::new();
    // a note that runs off the foot of a page goes on at the foot of the next
    let mut open = false;
    for (p, page) in pages.into_iter().enumerate() {
        let mut lines: Vec<Line> = Vec::new();
        for (i, line) in page.lines.into_iter().enumerate() {
            let drop =
                furniture.get(p).is_some_and(|f| f.contains(&i)) || line.plain().is_empty() || contents_line(&line);
            if !drop {
                lines.push(line);
            }
        }
        let ruled = ruled(&lines, &page.rules, page.width, body_size);
        let start = notes_start(
            &lines,
            body_size,
            notes.last().map_or(0, |n| n.n),
            open || ruled,
            raised,
        );
        let foot = lines.split_off(start.unwrap_or(lines.len()));
        for line in foot {
            let next = notes.last().map_or(1, |n| n.n + 1);
            match note_number(&line, body_size, raised) {
                Some(n) if n >= next && n <= next + 2 => {
                    let line = strip_number(line);
                    notes.push(Note {
                        n,
                        lines: vec![(page.number, line)],
                    });
                }
                _ => {
                    if continued_mark(&line) {
                        continue;
                    }
                    match notes.last_mut() {
                        Some(note) => note.lines.push((page.number, line)),
                        None => lines.push(line),
                    }
                }
            }
        }
        open = notes
            .last()
            .and_then(|n| n.lines.last())
            .is_some_and(|(pg, l)| *pg == page.number && !ends_note(&l.plain()));
        out.push(Body {
            number: page.number,
            width: page.width,
            lines,
        });
    }
    if notes.is_empty() {
        notes = endnotes(&mut out, body_size);
    }
    Parts {
        pages: out,
        notes,
        body_size,
    }
}

/// The size of the body text, to a quarter point: the size most characters have in the lines
/// that carry a raised number after their first word (footnote markers stand in the body), or,
/// in a document without them, in the upper part of each page (a page's notes, at its foot, can
/// hold more text than its body, and appendix tables more than the whole report).
fn body_size(pages: &[PageLines]) -> f32 {
    let count = |keep: &dyn Fn(&PageLines, &Line) -> bool| {
        let mut count: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
        for p in pages {
            for l in p.lines.iter().filter(|l| keep(p, l)) {
                for r in l.runs.iter().filter(|r| !r.raised) {
                    *count.entry((r.size * 4.0).round() as i32).or_default() += r.text.chars().count();
                }
            }
        }
        count
            .iter()
            .max_by_key(|&(size, n)| (*n, *size))
            .map(|(s, _)| *s as f32 / 4.0)
    };
    count(&|_, l| marked(l))
        .or_else(|| count(&|p, l| l.y > p.height * 0.45 && l.y < p.height * 0.9))
        .unwrap_or(10.0)
}

/// Whether a line carries a raised number after its first word: a footnote marker.
fn marked(l: &Line) -> bool {
    l.runs
        .iter()
        .skip(1)
        .any(|r| r.raised && r.text.trim().chars().all(|c| c.is_ascii_digit()) && !r.text.trim().is_empty())
}

/// The text of a line with its digits as `#`, for telling running headers and footers that
/// only differ by the page number (or have none on some pages).
fn shape(line: &Line) -> String {
    let mut out = String::new();
    for c in line.plain().chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out.trim().to_string()
}

/// For each page, the indices of its furniture lines: among the outermost lines near the top or
/// bottom edge (the outer eighth), a bare page number, or a text that recurs near the edges of
/// many pages. A note's first line (raised number, `Ibid.`) is never furniture, however often
/// its words recur.
fn furniture(pages: &[PageLines]) -> Vec<std::collections::BTreeSet<usize>> {
    let outer = |p: &PageLines| -> Vec<usize> {
        let mut idx: Vec<usize> = (0..p.lines.len()).collect();
        idx.sort_by(|&a, &b| {
            let (la, lb) = (p.lines.get(a).map_or(0.0, |l| l.y), p.lines.get(b).map_or(0.0, |l| l.y));
            lb.total_cmp(&la)
        });
        let band = |i: &usize| {
            p.lines
                .get(*i)
                .is_some_and(|l| l.y > p.height * 0.9 || l.y < p.height * 0.14)
        };
        let top = idx.iter().copied().take(3).filter(band);
        let bottom = idx.iter().rev().copied().take(3).filter(band);
        let mut v: Vec<usize> = top.chain(bottom).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let note_like = |l: &Line| {
        l.runs.first().is_some_and(|r| r.raised) || {
            let t = l.plain().to_ascii_lowercase();
            let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
            t.starts_with("ibid") || t.starts_with("id.")
        }
    };
    let mut seen: std::collections::BTreeMap<String, std::collections::BTreeSet<u32>> = Default::default();
    for p in pages {
        for i in outer(p) {
            if let Some(l) = p.lines.get(i) {
                seen.entry(key(l)).or_default().insert(p.number);
            }
        }
    }
    let often = (pages.len() / 5).max(2);
    // a running title in small print that repeats the title of the first page
    let title: Option<(String, f32)> = pages.first().and_then(|p| {
        let worded = |l: &&Line| l.plain().chars().filter(|c| c.is_alphabetic()).count() >= 2;
        let max = p.lines.iter().filter(worded).map(|l| l.size).fold(0.0f32, f32::max);
        p.lines
            .iter()
            .filter(worded)
            .find(|l| (l.size - max).abs() < 0.3)
            .map(|l| (bare(&shape(l)), l.size * 0.8))
    });
    pages
        .iter()
        .map(|p| {
            outer(p)
                .into_iter()
                .filter(|&i| {
                    p.lines.get(i).is_some_and(|l| {
                        let s = shape(l);
                        page_number(&s)
                            || !note_like(l) && seen.get(&key(l)).is_some_and(|pages| pages.len() >= often)
                            || title.as_ref().is_some_and(|t| l.size < t.1 && bare(&s) == t.0)
                    })
                })
                .collect()
        })
        .collect()
}

/// What recurs from page to page: a line's shape without numbers, in its size (a running title
/// in small print is not the title on the first page).
fn key(l: &Line) -> String {
    format!("{}@{}", bare(&shape(l)), (l.size * 2.0).round())
}

/// A shape without its numbers: `congressional research service #` and the same footer on a
/// page without a number are one.
fn bare(shape: &str) -> String {
    shape.split(' ').filter(|w| *w != "#").collect::<Vec<_>>().join(" ")
}

/// `#`, `- # -`, `page #`, `# of #`, a roman numeral.
fn page_number(shape: &str) -> bool {
    let s = shape.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let s = s.strip_prefix("page ").unwrap_or(s);
    s == "#"
        || s == "# of #"
        || s == "# / #"
        || (!s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
}

/// A line of a table of contents: a title, a run of leader dots, a page number.
fn contents_line(line: &Line) -> bool {
    let t = line.plain();
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let dots = t
        .chars()
        .rev()
        .take_while(|&c| c == '.' || c == ' ' || c == '…')
        .filter(|&c| c != ' ')
        .count();
    dots >= 5
}

/// Whether a short rule (the footnote rule TeX and others draw) stands between the body and the
/// small print at the page's foot: what is under it is notes, a note's continuation included.
fn ruled(lines: &[Line], rules: &[(f32, f32, f32)], width: f32, body: f32) -> bool {
    let small = |l: &Line| l.size < body * 0.94;
    let mut top = lines.len();
    while top > 0 && lines.get(top - 1).is_some_and(small) {
        top -= 1;
    }
    let (Some(first), above) = (lines.get(top), top.checked_sub(1).and_then(|i| lines.get(i))) else {
        return false;
    };
    rules
        .iter()
        .any(|&(x0, x1, y)| x1 - x0 < width * 0.5 && y > first.top() && above.is_none_or(|a| y < a.y))
}

/// Endnotes, in a document without notes at its page feet: after a line that says `Notes` (or
/// `Endnotes`, `Footnotes`, `References`: `document::lines::notes_heading`), the lines that start with the next note's number
/// (raised, or followed by a space or a full stop) start a note, the others go on with it, up
/// to the next heading in a larger size. Taken out of the body.
fn endnotes(pages: &mut [Body], body: f32) -> Vec<Note> {
    // the text reader's rule: the same headings open a note list in a PDF
    let is_heading = |l: &Line| crate::document::lines::notes_heading(&l.plain());
    let Some((p0, i0)) = pages
        .iter()
        .enumerate()
        .find_map(|(p, b)| b.lines.iter().position(is_heading).map(|i| (p, i)))
    else {
        return Vec::new();
    };
    let mut notes: Vec<Note> = Vec::new();
    let mut done = false;
    for (p, page) in pages.iter_mut().enumerate().skip(p0) {
        let from = if p == p0 { i0 + 1 } else { 0 };
        let mut kept: Vec<Line> = Vec::new();
        for (i, line) in std::mem::take(&mut page.lines).into_iter().enumerate() {
            if done || i < from {
                kept.push(line);
                continue;
            }
            let next = notes.last().map_or(1, |n| n.n + 1);
            match endnote_number(&line) {
                Some(n) if n == next || (n > next && n <= next + 2 && !notes.is_empty()) => {
                    notes.push(Note {
                        n,
                        lines: vec![(page.number, strip_number(line))],
                    });
                }
                _ if line.size >= body * 1.12 && !notes.is_empty() => {
                    done = true;
                    kept.push(line);
                }
                _ => match notes.last_mut() {
                    Some(note) => note.lines.push((page.number, line)),
                    None => kept.push(line),
                },
            }
        }
        page.lines = kept;
    }
    // the heading itself goes when it opened notes
    if !notes.is_empty() {
        if let Some(page) = pages.get_mut(p0) {
            if let Some(i) = page.lines.iter().position(is_heading) {
                page.lines.remove(i);
            }
        }
    }
    notes
}

/// The number an endnote starts with: raised digits, or digits and a space or a full stop.
fn endnote_number(line: &Line) -> Option<u32> {
    let first = line.runs.first()?;
    let t = first.text.trim_start();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let rest = t.get(digits.len()..).unwrap_or("");
    let set_off = first.raised && rest.is_empty()
        || rest.starts_with([' ', '\t', '\u{a0}'])
        || rest.starts_with(". ")
        || rest == ".";
    set_off.then(|| digits.parse().ok()).flatten()
}

/// Whether the document's notes start with raised numbers (most do): then a line in small print
/// that starts with a plain number (a table row, a legal citation `7 U.S.C. §1932`) starts none.
fn raised_numbers(pages: &[PageLines], body: f32) -> bool {
    let starts = pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| l.size < body * 0.94)
        .filter(|l| {
            l.runs.first().is_some_and(|r| {
                let t = r.text.trim();
                r.raised && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
            })
        })
        .count();
    starts >= 2
}

/// Where a page's notes begin: the first line of the run of small lines at its foot that is a
/// note's start (the next note's number) or, where the last note is still open, that run's top.
fn notes_start(lines: &[Line], body: f32, last: u32, open: bool, raised: bool) -> Option<usize> {
    let small = |l: &Line| l.size < body * 0.94;
    let mut top = lines.len();
    while top > 0 && lines.get(top - 1).is_some_and(small) {
        top -= 1;
    }
    let foot = lines.get(top..).unwrap_or(&[]);
    let first = foot
        .iter()
        .position(|l| note_number(l, body, raised).is_some_and(|n| n > last && n <= last + 3));
    // lines that go on with an earlier note: in the notes' size, not indented past where notes
    // start, no caption, and no marker of their own (a boxed text in small print has some)
    let goes_on = |ls: &[Line], size: f32, x: f32| {
        last > 0
            && ls
                .iter()
                .all(|l| !caption(l) && (l.size - size).abs() < 0.4 && l.x0 <= x + 1.0 && !marked(l))
    };
    // a page of small print only (a table, an appendix) holds notes only where an earlier
    // note goes on onto it
    if top == 0 && !open {
        return None;
    }
    match first {
        Some(k) => {
            let (size, x) = foot.get(k).map_or((0.0, 0.0), |l| (l.size, l.x0));
            let before = foot.get(..k).unwrap_or(&[]);
            Some(if goes_on(before, size, x) { top } else { top + k })
        }
        None if open && !foot.is_empty() => {
            let (size, x) = foot.first().map_or((0.0, 0.0), |l| (l.size, l.x0));
            goes_on(foot, size, x).then_some(top)
        }
        None => None,
    }
}

/// The number a note's first line starts with: raised digits at its start, or digits set off by
/// a space in a line smaller than the body.
fn note_number(line: &Line, body: f32, raised_only: bool) -> Option<u32> {
    let first: &Run = line.runs.first()?;
    if first.raised {
        let t = first.text.trim();
        return (t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten();
    }
    if line.size >= body * 0.94 || raised_only {
        return None;
    }
    let t = first.text.trim_start();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t.get(digits.len()..).unwrap_or("");
    let set_off = rest.starts_with([' ', '\t', '\u{a0}']) || rest.starts_with(". ");
    // a table row numbered down its first column is no note: its cells are numbers too
    let numbers = line
        .plain()
        .split_whitespace()
        .filter(|w| w.trim_end_matches(['%', ',']).parse::<f64>().is_ok())
        .count();
    (!digits.is_empty() && digits.len() <= 4 && set_off && numbers < 3)
        .then(|| digits.parse().ok())
        .flatten()
}

/// The line without its leading note number.
fn strip_number(mut line: Line) -> Line {
    if let Some(first) = line.runs.first_mut() {
        if first.raised {
            line.runs.remove(0);
        } else {
            let t = first.text.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let rest = t.get(digits..).unwrap_or("");
            let rest = rest.strip_prefix(". ").unwrap_or(rest).trim_start();
            first.text = rest.to_string();
        }
    }
    while line.runs.first().is_some_and(|r| r.text.trim().is_empty()) {
        line.runs.remove(0);
    }
    if let Some(first) = line.runs.first_mut() {
        first.text = first.text.trim_start().to_string();
        line.x0 = first.x0;
    }
    line
}

/// `Figure 3. Title`, `Table A-2: Title`, `Source:`, `Notes:`: a caption or the note of a
/// figure or table (but `Figure 3 shows …` is a sentence about it).
pub fn caption(line: &Line) -> bool {
    let t = line.plain();
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    let third = words.next();
    match first {
        "Figure" | "Table" | "Chart" | "Map" | "Exhibit" | "Box" | "Graph" => {
            let label = second.trim_end_matches(['.', ':']);
            let numbered = !label.is_empty()
                && label.len() <= 6
                && label.chars().any(|c| c.is_ascii_digit())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
            let titled = second.ends_with(['.', ':'])
                || third.is_none_or(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"')
                });
            numbered && titled
        }
        "Source:" | "Sources:" | "Note:" | "Notes:" => true,
        _ => false,
    }
}

/// Word's `(continued...)` under a note that goes on on the next page.
fn continued_mark(line: &Line) -> bool {
    let t = line.plain().to_ascii_lowercase();
    let t = t.trim();
    t.starts_with("(continued") && t.len() <= 16
}

/// Whether a note's text reads as finished.
fn ends_note(text: &str) -> bool {
    text.trim_end().ends_with(['.', ')', '”', '"', '’', ']', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f32, size: f32, raised: Option<&str>) -> Line {
        let mut runs = Vec::new();
        let mut x = 72.0;
        if let Some(n) = raised {
            runs.push(Run {
                text: n.into(),
                x0: x,
                x1: x + 4.0,
                y: y + 3.0,
                size: size * 0.66,
                raised: true,
            });
            x += 5.0;
        }
        runs.push(Run {
            text: text.into(),
            x0: x,
            x1: x + 300.0,
            y,
            size,
            raised: false,
        });
        Line {
            runs,
            y,
            size,
            x0: 72.0,
            x1: x + 300.0,
            row: 0,
        }
    }

    fn page(number: u32, lines: Vec<Line>) -> PageLines {
        PageLines {
            number,
            width: 612.0,
            height: 792.0,
            lines,
            rules: Vec::new(),
        }
    }

    #[test]
    fn notes_are_the_small_numbered_lines_at_the_foot_and_go_on_across_pages() {
        let body = "A sentence of body text that is long enough to set the body size of the page.";
        let p1 = page(
            1,
            vec![
                line("Running Title", 750.0, 8.0, None),
                line(body, 700.0, 11.0, None),
                line(body, 687.0, 11.0, None),
                line("Jane Doe, “Tariffs,” Daily News, 2024.", 120.0, 9.0, Some("1")),
                line("John Roe, “Ports,” Trade Weekly, March", 100.0, 9.0, Some("2")),
                line("Running Title 1", 40.0, 8.0, None),
            ],
        );
        let p2 = page(
            2,
            vec![
                line("Running Title", 750.0, 8.0, None),
                line(body, 700.0, 11.0, None),
                line("2023, https://example.org/ports.", 120.0, 9.0, None),
                line("Ibid.", 100.0, 9.0, Some("3")),
                line("Running Title 2", 40.0, 8.0, None),
            ],
        );
        let p3 = page(
            3,
            vec![
                line("Running Title", 750.0, 8.0, None),
                line(body, 700.0, 11.0, None),
                line("Running Title 3", 40.0, 8.0, None),
            ],
        );
        let parts = parts(vec![p1, p2, p3]);
        assert_eq!(parts.body_size, 11.0);
        let notes: Vec<(u32, Vec<String>)> = parts
            .notes
            .iter()
            .map(|n| (n.n, n.lines.iter().map(|(_, l)| l.plain()).collect()))
            .collect();
        assert_eq!(
            notes,
            vec![
                (1, vec!["Jane Doe, “Tariffs,” Daily News, 2024.".to_string()]),
                (
                    2,
                    vec![
                        "John Roe, “Ports,” Trade Weekly, March".to_string(),
                        "2023, https://example.org/ports.".to_string()
                    ]
                ),
                (3, vec!["Ibid.".to_string()]),
            ]
        );
        let body_lines: Vec<usize> = parts.pages.iter().map(|p| p.lines.len()).collect();
        assert_eq!(body_lines, vec![2, 1, 1]);
    }

    #[test]
    fn a_numbered_list_at_the_foot_is_not_notes() {
        let p = page(
            1,
            vec![
                line(
                    "Body text in the body size, long enough to count as the body.",
                    700.0,
                    11.0,
                    None,
                ),
                line("2019 was a year of small print at the foot.", 100.0, 9.0, None),
            ],
        );
        let parts = parts(vec![p]);
        assert!(parts.notes.is_empty());
        assert_eq!(parts.pages[0].lines.len(), 2);
    }

    #[test]
    fn a_numbered_table_row_is_not_a_note() {
        let row = line("29 05017 Arkansas Chicot 1 38.8 28.6 27.9", 100.0, 9.0, None);
        assert_eq!(note_number(&row, 11.0, false), None);
        let note = line("29 42 U.S.C. §1395 (2018).", 100.0, 9.0, None);
        assert_eq!(note_number(&note, 11.0, false), Some(29));
        assert_eq!(note_number(&note, 11.0, true), None);
    }

    #[test]
    fn contents_lines_and_captions() {
        assert!(contents_line(&line(
            "Introduction ........................ 1",
            500.0,
            11.0,
            None
        )));
        assert!(!contents_line(&line(
            "It rose to 3.5 percent in 2024.",
            500.0,
            11.0,
            None
        )));
        assert!(caption(&line(
            "Figure 1. Ticket Sales for Live Events",
            500.0,
            11.0,
            None
        )));
        assert!(caption(&line(
            "Source: CRS using information from GAO.",
            500.0,
            9.0,
            None
        )));
        assert!(!caption(&line("Table salt is cheap.", 500.0, 11.0, None)));
        assert!(!caption(&line(
            "Figure 3 shows staff on duty by year.",
            500.0,
            11.0,
            None
        )));
        assert!(caption(&line("Table A-2: Funding by State", 500.0, 11.0, None)));
    }
}
