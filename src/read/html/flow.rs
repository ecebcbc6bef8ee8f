//! The page's text, in reading order, into the [`Writer`]: headings, paragraphs and list items,
//! tables, and the notes' text.
//!
//! One loop over the flattened page, with a stack of the open elements: a block element (a
//! paragraph, list item, div, cell, …) ends the block before it and starts a new one; inline
//! elements only add pieces. Text carries its emphasis and the page its link points to (a
//! note's URL is often only in a link's `href`). Markers become [`Piece::Marker`]s; the notes'
//! ranges are left out of the body and written as notes.

use super::dom::{Dom, Item, Tag};
use super::notes::{self, Notes};
use crate::document::BlockKind;
use crate::read::{Piece, Writer};

/// Whether a tag starts a new line.
fn is_block(tag: Tag) -> bool {
    !matches!(tag, Tag::A | Tag::Sup | Tag::Inline | Tag::Q | Tag::Br)
}

/// The title and the authors (`<meta name=author>` and its kin). The title is the first `h1`,
/// of the text or else of the page header, that `<title>` repeats (a site adds its name there);
/// else an element the page calls its title (Word's `MsoTitle`); else the first `h1`; else
/// `<title>`.
pub fn front(dom: &Dom) -> (String, Vec<String>) {
    let mut h1: Option<String> = None;
    let mut header_h1: Option<String> = None;
    let mut classed: Option<String> = None;
    let mut head_title: Option<String> = None;
    let mut authors = Vec::new();
    for (i, it) in dom.items.iter().enumerate() {
        let Some(el) = it.el else { continue };
        match it.tag {
            Tag::Title if head_title.is_none() => head_title = Some(squeeze(&dom.text_of(i, 300))),
            Tag::Meta => {
                let name = dom.attr(i, "name").unwrap_or("").to_ascii_lowercase();
                if matches!(
                    name.as_str(),
                    "author" | "citation_author" | "dc.creator" | "dcterms.creator"
                ) {
                    if let Some(a) = dom.attr(i, "content").map(str::trim).filter(|a| !a.is_empty()) {
                        if !authors.iter().any(|x: &String| x == a) {
                            authors.push(a.to_string());
                        }
                    }
                }
            }
            _ if in_script(dom, i) => {}
            Tag::H(1) => {
                let t = squeeze(&dom.text_of(i, 300));
                if t.is_empty() {
                    continue;
                }
                let slot = if it.hidden { &mut header_h1 } else { &mut h1 };
                slot.get_or_insert(t);
            }
            _ if !it.hidden && classed.is_none() && el.classes().any(|c| c == "title" || c == "MsoTitle") => {
                let t = squeeze(&dom.text_of(i, 300));
                if !t.is_empty() {
                    classed = Some(t);
                }
            }
            _ => {}
        }
    }
    let in_head = |t: &String| head_title.as_ref().is_none_or(|h| h.contains(t.as_str()));
    let title = h1
        .clone()
        .filter(in_head)
        .or(header_h1.clone().filter(in_head))
        .or(classed)
        .or(h1)
        .or(header_h1)
        .or(head_title.clone())
        .unwrap_or_default();
    (title, authors)
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn in_script(dom: &Dom, i: usize) -> bool {
    let mut up = dom.parent(i);
    while let Some(p) = up {
        if dom
            .get(p)
            .and_then(|it| it.el)
            .is_some_and(|el| matches!(el.name(), "script" | "template" | "noscript" | "svg"))
        {
            return true;
        }
        up = dom.parent(p);
    }
    false
}

/// Writes the body of the page.
pub fn body(dom: &Dom, notes: &Notes, w: &mut Writer) {
    let mut f = Flow {
        dom,
        notes,
        w,
        pieces: Vec::new(),
        lists: 0,
        breaks: 0,
    };
    f.run();
}

/// Writes the notes.
pub fn notes(dom: &Dom, notes: &Notes, w: &mut Writer) {
    for note in &notes.notes {
        let mut pieces = inline(dom, notes, note.start, note.stop, true);
        trim_lead(&mut pieces, note.printed);
        w.note(note.n, pieces);
    }
}

struct Flow<'d, 'a, 'w> {
    dom: &'d Dom<'a>,
    notes: &'d Notes,
    w: &'w mut Writer,
    pieces: Vec<Piece>,
    /// Open list items.
    lists: usize,
    /// `<br>`s in a row.
    breaks: usize,
}

impl Flow<'_, '_, '_> {
    fn flush(&mut self) {
        self.breaks = 0;
        if self.pieces.is_empty() {
            return;
        }
        let kind = if self.lists > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        self.w.block(kind, &self.pieces);
        self.pieces.clear();
    }

    fn run(&mut self) {
        let dom = self.dom;
        // a page that marks its main content has the rest as chrome (its notes are still read)
        let (mut i, stop) = main(dom).map_or((0, dom.len()), |m| (m, dom.end(m)));
        let mut open: Vec<usize> = Vec::new();
        while i < stop {
            while let Some(&top) = open.last() {
                if dom.end(top) > i {
                    break;
                }
                open.pop();
                self.close(top);
            }
            if let Some(stop) = self.notes.segment(i) {
                i = stop.max(i + 1);
                continue;
            }
            let Some(it) = dom.get(i) else { break };
            if it.chrome {
                i = dom.end(i);
                continue;
            }
            if it.el.is_none() {
                if !it.text.is_empty() {
                    if !it.text.trim().is_empty() {
                        self.breaks = 0;
                    }
                    self.pieces.push(text_piece(it));
                }
                i += 1;
                continue;
            }
            if let Some(n) = self.notes.marker(i) {
                push_marker(&mut self.pieces, n);
                i = dom.end(i);
                continue;
            }
            match it.tag {
                Tag::H(level) => {
                    self.flush();
                    let pieces = inline(dom, self.notes, i + 1, dom.end(i), false);
                    self.w.heading(level, &pieces);
                    i = dom.end(i);
                    continue;
                }
                Tag::Table if !layout(dom, i) => {
                    self.flush();
                    self.table(i);
                    i = dom.end(i);
                    continue;
                }
                Tag::Br => {
                    // two line breaks in a row end a paragraph, as on old pages
                    self.breaks += 1;
                    if self.breaks >= 2 {
                        self.flush();
                    } else {
                        self.pieces.push(Piece::text(" "));
                    }
                }
                Tag::Q => self.pieces.push(Piece::text("“")),
                Tag::Li => {
                    self.flush();
                    self.lists += 1;
                }
                tag if is_block(tag) => self.flush(),
                _ => {}
            }
            open.push(i);
            i += 1;
        }
        while let Some(top) = open.pop() {
            self.close(top);
        }
        self.flush();
    }

    fn close(&mut self, i: usize) {
        match self.dom.tag(i) {
            Some(Tag::Q) => self.pieces.push(Piece::text("”")),
            Some(Tag::Li) => {
                self.flush();
                self.lists = self.lists.saturating_sub(1);
            }
            Some(tag) if is_block(tag) => self.flush(),
            _ => {}
        }
    }

    /// A data table: its caption as a paragraph, then its rows (the first is the header when
    /// it is in `thead` or all `th`).
    fn table(&mut self, t: usize) {
        let dom = self.dom;
        let end = dom.end(t);
        let mut rows: Vec<(bool, Vec<Vec<Piece>>)> = Vec::new();
        let mut j = t + 1;
        while j < end {
            if let Some(stop) = self.notes.segment(j) {
                j = stop.max(j + 1);
                continue;
            }
            let Some(it) = dom.get(j) else { break };
            if it.chrome {
                j = dom.end(j);
                continue;
            }
            match it.tag {
                Tag::Tr => {
                    let mut cells = Vec::new();
                    let mut all_th = true;
                    let mut k = j + 1;
                    while k < dom.end(j) {
                        if let Some(Tag::Cell { th }) = dom.tag(k) {
                            all_th &= th;
                            cells.push(inline(dom, self.notes, k + 1, dom.end(k), false));
                            k = dom.end(k);
                        } else {
                            k += 1;
                        }
                    }
                    let head = all_th || in_thead(dom, j, t);
                    if cells.iter().any(|c| !blank(c)) {
                        rows.push((head, cells));
                    }
                    j = dom.end(j);
                }
                Tag::Block if it.el.is_some_and(|e| e.name() == "caption") => {
                    let pieces = inline(dom, self.notes, j + 1, dom.end(j), false);
                    self.w.block(BlockKind::Paragraph, &pieces);
                    j = dom.end(j);
                }
                _ => j += 1,
            }
        }
        let mut rows = rows.into_iter().peekable();
        let header = match rows.peek() {
            Some((true, _)) => rows.next().map(|(_, cells)| cells).unwrap_or_default(),
            _ => Vec::new(),
        };
        let body: Vec<Vec<Vec<Piece>>> = rows.map(|(_, cells)| cells).collect();
        if !header.is_empty() || !body.is_empty() {
            self.w.table(&header, &body);
        }
    }
}

/// The page's main content: its `main` element (or `role=main`), when it has one.
fn main(dom: &Dom) -> Option<usize> {
    let mut found = (0..dom.len()).filter(|&i| {
        dom.get(i).is_some_and(|it| {
            !it.hidden && (it.el.is_some_and(|e| e.name() == "main") || dom.attr(i, "role") == Some("main"))
        })
    });
    let first = found.next()?;
    // several: they are not one main content
    found.all(|j| j < dom.end(first)).then_some(first)
}

fn blank(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .all(|p| matches!(p, Piece::Text { text, .. } if text.trim().is_empty()))
}

fn in_thead(dom: &Dom, row: usize, table: usize) -> bool {
    let mut up = dom.parent(row);
    while let Some(p) = up {
        if p <= table {
            return false;
        }
        if dom.tag(p) == Some(Tag::Thead) {
            return true;
        }
        up = dom.parent(p);
    }
    false
}

/// A table that lays out the page rather than holding data: one with headings, lists, nested
/// tables or long passages of text in its cells. Its cells are read as blocks.
fn layout(dom: &Dom, t: usize) -> bool {
    let end = dom.end(t);
    let mut paragraphs = 0usize;
    let mut j = t + 1;
    while j < end {
        let Some(it) = dom.get(j) else { break };
        match it.tag {
            Tag::H(_) | Tag::Table | Tag::Ol | Tag::Ul | Tag::Section => return true,
            Tag::P | Tag::Div => paragraphs += 1,
            _ => {}
        }
        j += 1;
    }
    // Word's tables put one paragraph in each cell; a layout table holds many per cell
    let cells = (t + 1..end)
        .filter(|&k| matches!(dom.tag(k), Some(Tag::Cell { .. })))
        .count();
    let rows = (t + 1..end).filter(|&k| dom.tag(k) == Some(Tag::Tr)).count();
    // one cell a row is a column of text, not data
    paragraphs > 2 * cells.max(1) || cells <= rows
}

/// A text node's piece. Digits in a superscript that is not a marker are written as
/// superscript digits (`10<sup>6</sup>` is 10⁶, not 106).
fn text_piece(it: &Item) -> Piece {
    let text = if it.sup && it.text.bytes().any(|b| b.is_ascii_digit()) {
        it.text.chars().map(superscript).collect()
    } else {
        it.text.to_string()
    };
    Piece::Text {
        link: it.link.filter(|l| l.trim() != text.trim()).map(str::to_string),
        text,
        emphasis: it.emphasis,
        place: None,
    }
}

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
        '+' => '⁺',
        '-' | '−' => '⁻',
        _ => c,
    }
}

/// The pieces of `start..stop` as one line: blocks inside are separated by spaces, markers are
/// markers, other notes' ranges are left out, and in a note (`note`) its back-links are too.
pub fn inline(dom: &Dom, notes: &Notes, start: usize, stop: usize, note: bool) -> Vec<Piece> {
    let mut out = Vec::new();
    // elements open here that add something when they close
    let mut closing: Vec<(usize, &'static str)> = Vec::new();
    let mut i = start;
    while i < stop {
        while let Some(&(end, s)) = closing.last() {
            if end > i {
                break;
            }
            closing.pop();
            out.push(Piece::text(s));
        }
        if i != start || !note {
            if let Some(seg_end) = notes.segment(i) {
                i = seg_end.max(i + 1);
                continue;
            }
        }
        let Some(it) = dom.get(i) else { break };
        if (it.chrome && i != start) || (note && notes.backlink(i)) {
            i = dom.end(i);
            continue;
        }
        if it.el.is_none() {
            if !it.text.is_empty() {
                out.push(text_piece(it));
            }
            i += 1;
            continue;
        }
        if let Some(n) = notes.marker(i) {
            push_marker(&mut out, n);
            i = dom.end(i);
            continue;
        }
        match it.tag {
            Tag::Q => {
                out.push(Piece::text("“"));
                closing.push((dom.end(i), "”"));
            }
            Tag::Br => out.push(Piece::text(" ")),
            tag if is_block(tag) && i != start => {
                out.push(Piece::text(" "));
                closing.push((dom.end(i), " "));
            }
            _ => {}
        }
        i += 1;
    }
    while let Some((end, s)) = closing.pop() {
        if end <= stop {
            out.push(Piece::text(s));
        }
    }
    out
}

/// Adds a marker; a comma or dash that only separates it from the marker before (`1, 2`) goes.
fn push_marker(pieces: &mut Vec<Piece>, n: u32) {
    let sep = |p: &Piece| matches!(p, Piece::Text { text, .. } if text.chars().all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '–' | '-')));
    let tail = pieces.iter().rev().take_while(|p| sep(p)).count();
    let before = pieces.len() - tail;
    if tail > 0 && before > 0 && matches!(pieces.get(before - 1), Some(Piece::Marker { .. })) {
        pieces.truncate(before);
    }
    pieces.push(Piece::marker(n));
}

/// Drops what leads a note before its text: a way back (`^`, `↩`) and its printed number.
fn trim_lead(pieces: &mut Vec<Piece>, printed: Option<u32>) {
    let mut label_done = false;
    let mut k = 0;
    while let Some(p) = pieces.get_mut(k) {
        match p {
            Piece::Text { text, .. } => {
                let t = text.trim_start();
                if t.is_empty() || notes::is_arrow(t) {
                    text.clear();
                    k += 1;
                    continue;
                }
                let t = t.trim_start_matches(|c: char| c.is_whitespace() || notes::arrow(c));
                if !label_done {
                    let rest = notes::strip_label(t, printed);
                    if rest.len() != t.len() {
                        label_done = true;
                        let rest = rest.to_string();
                        *text = rest;
                        if text.trim().is_empty() {
                            k += 1;
                            continue;
                        }
                        break;
                    }
                }
                *text = t.to_string();
                break;
            }
            Piece::Marker { .. } => break,
        }
    }
    pieces.retain(|p| !matches!(p, Piece::Text { text, .. } if text.is_empty()));
}
