//! The body lines of every page and the notes → the [`Writer`]: headings, paragraphs, list
//! items, tables and notes, in reading order, with each raised note number a marker.
//!
//! Takes: [`Parts`]. Gives: calls on a [`Writer`]. The rules, each a function below:
//! - [`drop_cap`]: a lone big initial letter joins the line it starts;
//! - [`boxes`] and [`order`]: lines stack into boxes (a column, a side box, a heading), read
//!   top to bottom where boxes share a column and left to right where they stand side by side;
//! - [`tables`]: rows split by wide gaps into short cells, two or more of them, are a table;
//! - [`heading_levels`]: a line noticeably larger than the body text is a heading, its level
//!   the rank of its size;
//! - [`breaks`]: a new paragraph where the space between lines grows or a line is indented; a
//!   paragraph a page break or a figure interrupts goes on until its sentence ends;
//! - [`joint`]: lines rejoined: a line that ends in a space glyph ends a word (Word writes
//!   them), a word hyphenated by TeX loses its hyphen, a URL broken at the line end is whole;
//! - [`pieces`]: raised digits that name a note are markers (not after a digit: `10⁶`), other
//!   raised text (`119ᵗʰ`) stays text.

use super::lines::{Line, Run};
use super::page::{caption, Parts};
use crate::document::BlockKind;
use crate::read::{Piece, Place, Writer};
use std::collections::BTreeSet;

/// Writes the document.
pub fn write(parts: &Parts, hyphenates: bool, w: &mut Writer) {
    let notes: BTreeSet<u32> = parts.notes.iter().map(|n| n.n).collect();
    let body = parts.body_size;
    let spaced = spaced(parts);
    let join = Join { spaced, hyphenates };
    let levels = heading_levels(parts);
    let mut pages: Vec<(u32, Vec<Line>)> = parts
        .pages
        .iter()
        .map(|p| (p.number, drop_cap(p.lines.clone(), body)))
        .collect();
    if let Some((_, first)) = pages.first_mut() {
        let title = title(first, body);
        if !title.is_empty() {
            w.title(&title, Vec::new());
        }
    }
    let mut flow = Flow {
        notes: &notes,
        join,
        levels: &levels,
        body,
        para: Para::default(),
        last: 0,
    };
    for (number, lines) in pages {
        let width = parts
            .pages
            .iter()
            .find(|p| p.number == number)
            .map_or(612.0, |p| p.width);
        let (tables, rest) = tables(lines, width);
        let mut items: Vec<Item> = boxes(rest).into_iter().map(Item::Box).collect();
        items.extend(tables.into_iter().map(Item::Table));
        for item in order(items) {
            match item {
                // a table, like a figure, stands apart from a paragraph that goes on past it
                Item::Table(rows) => {
                    if !flow.para.open() {
                        flow.para.flush(w);
                    }
                    table(&rows, number, &notes, &mut flow.last, w);
                }
                Item::Box(lines) => {
                    let goes_on = flow.para.open()
                        && lines.first().is_some_and(|l| {
                            (l.size - flow.para.size).abs() < 0.5 && !caption(l) && !bullet(&l.plain())
                        });
                    let heading = lines
                        .first()
                        .is_some_and(|l| flow.levels.iter().any(|&s| (s - l.size).abs() < 0.3));
                    if flow.para.open() && !goes_on && !heading {
                        // a box in between (small print, a side box): read on its own
                        let kept = std::mem::take(&mut flow.para);
                        flow.read_box(&lines, number, w);
                        flow.para.flush(w);
                        flow.para = kept;
                    } else {
                        flow.read_box(&lines, number, w);
                    }
                }
            }
        }
    }
    let mut para = flow.para;
    para.flush(w);
    for note in &parts.notes {
        let mut out: Vec<Piece> = Vec::new();
        let mut prev: Option<&Line> = None;
        for (page, line) in &note.lines {
            if let Some(p) = prev {
                apply(&mut out, joint(p, line, join));
            }
            // a note's text has no markers of its own: raised text in it is text
            out.extend(pieces(line, *page, &BTreeSet::new(), &mut 0));
            prev = Some(line);
        }
        w.note(note.n, out);
    }
}

/// The reading of the body: the paragraph being assembled and what it needs.
struct Flow<'a> {
    notes: &'a BTreeSet<u32>,
    join: Join,
    levels: &'a [f32],
    body: f32,
    para: Para,
    /// The last marker read: markers run in note order.
    last: u32,
}

impl Flow<'_> {
    /// Reads one box's lines into headings, paragraphs and list items.
    fn read_box(&mut self, lines: &[Line], page: u32, w: &mut Writer) {
        let mut prev: Option<&Line> = None;
        let left = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
        for line in lines {
            let plain = line.plain();
            if let Some(level) = self.levels.iter().position(|&s| (s - line.size).abs() < 0.3) {
                // consecutive lines of one heading
                let same =
                    prev.is_some_and(|p| (p.size - line.size).abs() < 0.3) && self.para.kind == Some(Kind::Heading);
                if !same {
                    self.para.flush(w);
                    self.para.kind = Some(Kind::Heading);
                    self.para.level = u8::try_from(level + 1).unwrap_or(6).min(6);
                } else if let Some(p) = prev {
                    self.para.joint(joint(p, line, self.join));
                }
                self.para.push(pieces(line, page, self.notes, &mut self.last));
                prev = Some(line);
                continue;
            }
            if caption(line) {
                self.para.flush(w);
                self.para.kind = Some(Kind::Skip);
                prev = Some(line);
                continue;
            }
            let bullet = bullet(&plain);
            let starts = match prev {
                Some(p) => bullet || breaks(p, line, left, self.body),
                // a new box goes on with an open paragraph (a page break, a figure)
                None => bullet || !self.para.open(),
            };
            if self.para.kind == Some(Kind::Skip) && prev.is_some() && !starts {
                // the rest of a caption or a figure's source
                prev = Some(line);
                continue;
            }
            if starts || !matches!(self.para.kind, Some(Kind::Text | Kind::Item)) {
                self.para.flush(w);
                self.para.kind = Some(if bullet { Kind::Item } else { Kind::Text });
                self.para.size = line.size;
            } else if let Some(p) = prev {
                self.para.joint(joint(p, line, self.join));
            } else {
                self.para.joint(Joint::Space);
            }
            let mut ps = pieces(line, page, self.notes, &mut self.last);
            if bullet {
                strip_bullet(&mut ps);
            }
            self.para.push(ps);
            prev = Some(line);
        }
    }
}

/// How lines join.
#[derive(Debug, Clone, Copy)]
struct Join {
    /// The PDF draws its spaces (a line that ends at a word ends with one).
    spaced: bool,
    /// The PDF was made by a program that hyphenates words at line ends by itself.
    hyphenates: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading,
    Text,
    Item,
    /// A caption or a figure's source, left out.
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    Space,
    Glue,
    /// Glued, the hyphen before dropped.
    Unhyphenate,
}

/// The paragraph being assembled.
#[derive(Debug, Default)]
struct Para {
    kind: Option<Kind>,
    level: u8,
    /// The size of its text.
    size: f32,
    pieces: Vec<Piece>,
}

impl Para {
    fn push(&mut self, pieces: Vec<Piece>) {
        self.pieces.extend(pieces);
    }

    fn joint(&mut self, j: Joint) {
        apply(&mut self.pieces, j);
    }

    /// Whether it stops mid-sentence, to go on in the next box.
    fn open(&self) -> bool {
        if !matches!(self.kind, Some(Kind::Text | Kind::Item)) {
            return false;
        }
        let last = self.pieces.iter().rev().find_map(|p| match p {
            Piece::Text { text, .. } if !text.trim().is_empty() => Some(text.trim_end()),
            Piece::Marker { .. } => Some("."),
            _ => None,
        });
        last.is_some_and(|t| !t.ends_with(['.', '?', '!', ':', '”', '"', ';']))
    }

    fn flush(&mut self, w: &mut Writer) {
        let pieces = std::mem::take(&mut self.pieces);
        match self.kind.take() {
            Some(Kind::Heading) => w.heading(self.level.max(1), &pieces),
            Some(Kind::Text) => w.block(BlockKind::Paragraph, &pieces),
            Some(Kind::Item) => w.block(BlockKind::ListItem, &pieces),
            Some(Kind::Skip) | None => {}
        }
    }
}

fn apply(pieces: &mut Vec<Piece>, j: Joint) {
    match j {
        Joint::Space => pieces.push(Piece::text(" ")),
        Joint::Glue => {}
        Joint::Unhyphenate => {
            if let Some(Piece::Text { text, .. }) = pieces.iter_mut().rev().find(|p| matches!(p, Piece::Text { .. })) {
                let t = text.trim_end().trim_end_matches('-').to_string();
                *text = t;
            }
        }
    }
}

/// Whether the document's lines end in space glyphs where they end a word: in a PDF made by a
/// word processor most do; in one typeset by position (TeX) none do.
fn spaced(parts: &Parts) -> bool {
    let lines: Vec<&Line> = parts.pages.iter().flat_map(|p| &p.lines).collect();
    let long = lines.iter().filter(|l| l.plain().len() > 40).count().max(1);
    let with = lines
        .iter()
        .filter(|l| l.plain().len() > 40 && l.ends_with_space())
        .count();
    with * 3 >= long
}

/// The sizes of headings, largest first: sizes clearly above the body's that some lines have.
fn heading_levels(parts: &Parts) -> Vec<f32> {
    let mut sizes: Vec<f32> = Vec::new();
    for l in parts.pages.iter().flat_map(|p| &p.lines) {
        let t = l.plain();
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        if l.size >= parts.body_size * 1.12 && letters >= 2 && !sizes.iter().any(|s| (s - l.size).abs() < 0.3) {
            sizes.push(l.size);
        }
    }
    sizes.sort_by(|a, b| b.total_cmp(a));
    sizes
}

/// The first page's largest text, when clearly larger than the body: the title (taken out).
fn title(lines: &mut Vec<Line>, body: f32) -> String {
    let max = lines.iter().map(|l| l.size).fold(0.0f32, f32::max);
    if max < body * 1.3 {
        return String::new();
    }
    let mut parts = Vec::new();
    lines.retain(|l| {
        if (l.size - max).abs() < 0.3 {
            parts.push(l.plain());
            false
        } else {
            true
        }
    });
    parts.join(" ")
}

/// A single large letter beside the first lines of a paragraph (a drop cap) is the first
/// letter of the topmost of them.
fn drop_cap(mut lines: Vec<Line>, body: f32) -> Vec<Line> {
    let caps: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.plain();
            t.chars().count() == 1 && t.chars().all(char::is_alphabetic) && l.size >= body * 2.0
        })
        .map(|(i, _)| i)
        .collect();
    for &i in caps.iter().rev() {
        let Some(cap) = lines.get(i).cloned() else { continue };
        let target = lines
            .iter()
            .enumerate()
            .filter(|(j, l)| {
                *j != i && l.y >= cap.y - 1.0 && l.y <= cap.y + cap.size && l.x0 > cap.x0 && l.x0 - cap.x1 < cap.size
            })
            .max_by(|a, b| a.1.y.total_cmp(&b.1.y))
            .map(|(j, _)| j);
        if let Some(j) = target {
            if let Some(first) = lines.get_mut(j).and_then(|l| l.runs.first_mut()) {
                first.text.insert_str(0, cap.plain().as_str());
            }
            lines.remove(i);
        }
    }
    lines
}

/// A box of lines, or a table's rows (each row its cells, each cell a line).
#[derive(Debug, Clone)]
enum Item {
    Box(Vec<Line>),
    Table(Vec<Vec<Line>>),
}

impl Item {
    /// `[x0, bottom, x1, top]`.
    fn bounds(&self) -> [f32; 4] {
        let lines: Vec<&Line> = match self {
            Item::Box(ls) => ls.iter().collect(),
            Item::Table(rows) => rows.iter().flatten().collect(),
        };
        let mut b = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
        for l in lines {
            b = [b[0].min(l.x0), b[1].min(l.y), b[2].max(l.x1), b[3].max(l.top())];
        }
        b
    }
}

/// Rows of a page split into two or more stretches with short ones among them, two or more
/// such rows near each other: tables. Gives the tables (rows of cells) and the other lines.
fn tables(lines: Vec<Line>, width: f32) -> (Vec<Vec<Vec<Line>>>, Vec<Line>) {
    let mut rows: Vec<Vec<Line>> = Vec::new();
    for l in lines {
        match rows.last_mut() {
            Some(r) if r.first().is_some_and(|f| f.row == l.row) => r.push(l),
            _ => rows.push(vec![l]),
        }
    }
    let tabular = |r: &Vec<Line>| r.len() >= 2 && r.iter().any(|l| l.x1 - l.x0 < width * 0.3);
    // most rows of a table are split into cells; two columns of text have few short lines
    let mut out_tables = Vec::new();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let Some(row) = rows.get(i) else { break };
        if !tabular(row) {
            rest.extend(row.iter().cloned());
            i += 1;
            continue;
        }
        // the run of tabular rows from here, with single lines inside its span that are narrow
        // (a cell's second line)
        let mut j = i + 1;
        let mut last_tab = i;
        while let Some(r) = rows.get(j) {
            let prev_y = rows.get(j - 1).and_then(|p| p.first()).map_or(0.0, |l| l.y);
            let y = r.first().map_or(0.0, |l| l.y);
            let size = r.first().map_or(10.0, |l| l.size);
            if prev_y - y > size * 3.0 {
                break;
            }
            if tabular(r) {
                last_tab = j;
            } else if r.iter().any(|l| l.x1 - l.x0 > width * 0.45) {
                break;
            }
            j += 1;
        }
        let span = rows.get(i..=last_tab).unwrap_or(&[]);
        let split = span.iter().filter(|r| tabular(r)).count();
        if last_tab > i && split * 5 >= span.len() * 3 && !columns(span, width) {
            out_tables.push(rows.get(i..=last_tab).unwrap_or(&[]).to_vec());
            i = last_tab + 1;
        } else {
            rest.extend(row.iter().cloned());
            i += 1;
        }
    }
    (out_tables, rest)
}

/// Rows of two long stretches each, the stretches starting at the same two places: two
/// columns of text, not a table.
fn columns(rows: &[Vec<Line>], width: f32) -> bool {
    let long = |l: &Line| l.x1 - l.x0 > width * 0.25;
    let two: Vec<&Vec<Line>> = rows.iter().filter(|r| r.len() == 2).collect();
    if two.len() * 2 < rows.len() {
        return false;
    }
    let starts = |k: usize| -> Vec<f32> { two.iter().filter_map(|r| r.get(k).map(|l| l.x0)).collect() };
    let aligned = |xs: Vec<f32>| {
        let lo = xs.iter().copied().fold(f32::INFINITY, f32::min);
        xs.iter().filter(|&&x| x - lo < 2.0).count() * 4 >= xs.len() * 3
    };
    let long_rows = two.iter().filter(|r| r.iter().filter(|l| long(l)).count() >= 1).count();
    aligned(starts(0)) && aligned(starts(1)) && long_rows * 2 >= two.len()
}

/// Lines stacked into boxes: a line joins the box whose last line stands just above it, in the
/// same column (overlapping it) and in a like size.
fn boxes(lines: Vec<Line>) -> Vec<Vec<Line>> {
    let mut lines = lines;
    lines.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<Line>> = Vec::new();
    for line in lines {
        let mut best: Option<(usize, f32)> = None;
        for (k, b) in out.iter().enumerate().rev().take(64) {
            let Some(last) = b.last() else { continue };
            let d = last.y - line.y;
            let size = last.size.max(line.size);
            let like = (last.size - line.size).abs() <= size * 0.12;
            let overlap = last.x1.min(line.x1) - last.x0.max(line.x0);
            let narrow = (last.x1 - last.x0).min(line.x1 - line.x0).max(1.0);
            if d > 0.0 && d <= size * 2.6 && like && overlap >= narrow * 0.3 && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((k, d));
            }
        }
        match best.and_then(|(k, _)| out.get_mut(k)) {
            Some(b) => b.push(line),
            None => out.push(vec![line]),
        }
    }
    out
}

/// Reading order of a page's items: an item comes after those above it that share its columns
/// and after those beside it on its left; of the items free to come next, the highest.
fn order(items: Vec<Item>) -> Vec<Item> {
    if items.len() > 400 {
        let mut items = items;
        items.sort_by(|a, b| b.bounds()[3].total_cmp(&a.bounds()[3]));
        return items;
    }
    let bounds: Vec<[f32; 4]> = items.iter().map(Item::bounds).collect();
    let before = |a: &[f32; 4], b: &[f32; 4]| {
        let x_overlap = a[2].min(b[2]) - a[0].max(b[0]) > 1.0;
        let y_overlap = a[3].min(b[3]) - a[1].max(b[1]) > 1.0;
        (x_overlap && a[3] > b[3]) || (!x_overlap && a[2] <= b[0] + 1.0 && y_overlap)
    };
    let mut left: Vec<usize> = (0..items.len()).collect();
    let mut sequence = Vec::with_capacity(items.len());
    while !left.is_empty() {
        let free: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&i| {
                left.iter().all(|&j| {
                    j == i || !matches!((bounds.get(j), bounds.get(i)), (Some(bj), Some(bi)) if before(bj, bi))
                })
            })
            .collect();
        let pool = if free.is_empty() { &left } else { &free };
        let pick = pool
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let (ba, bb) = (
                    bounds.get(a).copied().unwrap_or_default(),
                    bounds.get(b).copied().unwrap_or_default(),
                );
                ba[3].total_cmp(&bb[3]).then(bb[0].total_cmp(&ba[0]))
            })
            .unwrap_or(0);
        sequence.push(pick);
        left.retain(|&i| i != pick);
    }
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    sequence
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Whether `line` starts a new paragraph after `prev` in the same box: the space between them
/// is wider than the lines' own spacing, or it is indented where `prev` ended a sentence.
fn breaks(prev: &Line, line: &Line, left: f32, body: f32) -> bool {
    let d = prev.y - line.y;
    let size = prev.size.max(line.size);
    if d > size * 1.45 {
        return true;
    }
    let indented = line.x0 > left + size * 0.8 && line.x0 - prev.x0 > size * 0.8;
    let ended =
        prev.plain().trim_end().ends_with(['.', '?', '!', ':', '”', '"']) || prev.runs.last().is_some_and(|r| r.raised);
    let _ = body;
    indented && ended
}

/// How `line` joins the line before it.
fn joint(prev: &Line, line: &Line, join: Join) -> Joint {
    let last = prev.runs.last();
    if last.is_some_and(|r| r.raised) {
        return Joint::Space;
    }
    let prev_text = prev.text();
    let next_text = line.text();
    let next_first = next_text.trim_start().chars().next();
    let token = prev_text.split_whitespace().last().unwrap_or("");
    if join.spaced {
        // a line that stops mid-token (no space glyph after it) breaks a compound or a URL
        let mid_token =
            !prev.ends_with_space() && (token.ends_with(['-', '/', '_', '=', '&', '?', '#', '.']) || url_like(token));
        return if mid_token { Joint::Glue } else { Joint::Space };
    }
    if url_like(token) && !token.ends_with(['.', ',', ';', ')']) || token.ends_with(['/']) && url_like(token) {
        return Joint::Glue;
    }
    if let Some(stem) = token.strip_suffix('-') {
        let letter_before = stem.chars().next_back().is_some_and(char::is_alphabetic);
        if letter_before && next_first.is_some_and(char::is_lowercase) {
            return if join.hyphenates {
                Joint::Unhyphenate
            } else {
                Joint::Glue
            };
        }
        if letter_before {
            return Joint::Glue;
        }
    }
    Joint::Space
}

fn url_like(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.contains("doi.org/")
}

/// `•`, `▪`, `◦`, `‣`, `–` or `-` and a space: a list item.
fn bullet(plain: &str) -> bool {
    let mut cs = plain.chars();
    let first = cs.next();
    let second = cs.next();
    matches!(
        first,
        Some('•' | '▪' | '◦' | '‣' | '●' | '■' | '□' | '○' | '\u{f0b7}' | '\u{f0a7}')
    ) || (matches!(first, Some('–' | '-')) && second == Some(' '))
}

fn strip_bullet(pieces: &mut [Piece]) {
    if let Some(Piece::Text { text, .. }) = pieces.first_mut() {
        let t = text.trim_start();
        let mut cs = t.chars();
        cs.next();
        *text = cs.as_str().trim_start().to_string();
    }
}

/// The pieces of one line: its text and, for each raised number that names a note, a marker.
fn pieces(line: &Line, page: u32, notes: &BTreeSet<u32>, last: &mut u32) -> Vec<Piece> {
    let place = Some(Place {
        page,
        bbox: line.bbox(),
    });
    let mut out: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let mut prev: Option<&Run> = None;
    for r in &line.runs {
        if let Some(p) = prev {
            if gap(p, r) {
                text.push(' ');
            }
        }
        // after a digit a raised number is an exponent (`10⁶`), unless it is the next note
        // in order (`as of September 15, 2026⁴`)
        let numbers = if r.raised {
            marker_numbers(&r.text, notes)
                .filter(|ns| !text.ends_with(|c: char| c.is_ascii_digit()) || ns.first() == Some(&(*last + 1)))
        } else {
            None
        };
        if let Some(m) = numbers.as_ref().and_then(|ns| ns.last()) {
            *last = *m;
        }
        match numbers {
            Some(ns) => {
                if !text.is_empty() {
                    out.push(Piece::Text {
                        text: std::mem::take(&mut text),
                        emphasis: false,
                        link: None,
                        place,
                    });
                }
                for n in ns {
                    out.push(Piece::Marker { n, place });
                }
            }
            // a raised number that names no note is an exponent or a figure's number: written
            // as superscript digits, so that `10⁶` does not read as 106
            None if r.raised && r.text.trim().chars().all(|c| c.is_ascii_digit()) => {
                text.extend(r.text.trim().chars().map(superscript));
            }
            None => text.push_str(&r.text),
        }
        prev = Some(r);
    }
    if !text.is_empty() {
        out.push(Piece::Text {
            text,
            emphasis: false,
            link: None,
            place,
        });
    }
    out
}

fn gap(a: &Run, b: &Run) -> bool {
    if a.text.ends_with(char::is_whitespace) || b.text.starts_with(char::is_whitespace) {
        return false;
    }
    let size = if a.raised || b.raised {
        a.size.min(b.size)
    } else {
        a.size.max(b.size)
    };
    b.x0 - a.x1 > size * 0.17
}

/// The superscript form of an ASCII digit.
fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        other => other,
    }
}

/// `12`, `3,4`, `3, 4`, `3-5`: the notes a raised run names, when every one of them is a note.
fn marker_numbers(text: &str, notes: &BTreeSet<u32>) -> Option<Vec<u32>> {
    let t = text.trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' '))
    {
        return None;
    }
    let mut out = Vec::new();
    for part in t.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let mut ends = part.split(['-', '–']).map(|x| x.trim().parse::<u32>());
        match (ends.next(), ends.next()) {
            (Some(Ok(a)), None) => out.push(a),
            (Some(Ok(a)), Some(Ok(b))) if a < b && b - a <= 20 => out.extend(a..=b),
            _ => return None,
        }
    }
    (!out.is_empty() && out.iter().all(|n| notes.contains(n))).then_some(out)
}

/// A table's rows as cells.
fn table(rows: &[Vec<Line>], page: u32, notes: &BTreeSet<u32>, last: &mut u32, w: &mut Writer) {
    let cells: Vec<Vec<Vec<Piece>>> = rows
        .iter()
        .map(|r| r.iter().map(|l| pieces(l, page, notes, last)).collect())
        .collect();
    if let Some((header, body)) = cells.split_first() {
        w.table(header, body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raised_numbers_are_markers_only_for_notes() {
        let notes: BTreeSet<u32> = [1, 2, 3, 4].into_iter().collect();
        assert_eq!(marker_numbers("3", &notes), Some(vec![3]));
        assert_eq!(marker_numbers("2, 4", &notes), Some(vec![2, 4]));
        assert_eq!(marker_numbers("1-3", &notes), Some(vec![1, 2, 3]));
        assert_eq!(marker_numbers("9", &notes), None);
        assert_eq!(marker_numbers("th", &notes), None);
    }

    #[test]
    fn bullets() {
        assert!(bullet("• The first point"));
        assert!(bullet("– a dash item"));
        assert!(!bullet("-5 degrees"));
        assert!(!bullet("The text"));
    }
}
