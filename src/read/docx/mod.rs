//! DOCX → [`Read`]: a Word document's paragraphs, headings, lists, tables and notes, handed to
//! the [`Writer`] as the text readers' structure.
//!
//! Takes: the bytes of a `.docx` (a zip of XML parts). Gives: the text and [`Document`] the
//! writer lays out. The main part (`word/document.xml`, found through the package's
//! relationships) gives the body; `word/styles.xml` says which paragraphs are headings (by
//! outline level and style name), the title and list items; `word/footnotes.xml` and
//! `word/endnotes.xml` give the notes, and each part's relationships the targets of its
//! hyperlinks. Notes are numbered 1, 2, 3… in the order of their references
//! in the body, footnotes and endnotes alike (pandoc's ids start at 21 and Word's at 1; neither
//! is what a reader sees), so numbers are unique in a document.
//!
//! The title is the paragraph in the Title style, else `dc:title` of `docProps/core.xml`, else
//! a level-1 heading that opens the document and is its only one. The authors are the
//! paragraphs in the Author style, else `dc:creator`.
//!
//! A file that is not a readable package (truncated, malformed, a zip bomb, no main part, XML
//! that is broken or nested too deep) is a [`Problem`]: one line.
//!
//! [`Document`]: crate::document::Document

mod package;
mod styles;
mod walk;
mod xml;

use super::{Format, Piece, Problem, Read, Writer};
use crate::diag::Diagnostics;
use crate::document::BlockKind;
use package::Package;
use std::collections::HashMap;
use styles::Styles;
use walk::{Bit, Item, Mode, NoteKind, Para, Ref, Role, Row};

pub use package::Limits;
pub use xml::MAX_DEPTH;

/// Reads a DOCX within the default [`Limits`].
pub fn read(bytes: &[u8], diags: &mut Diagnostics) -> Result<Read, Problem> {
    read_with(bytes, Limits::default(), diags)
}

/// Reads a DOCX within `limits`.
pub fn read_with(bytes: &[u8], limits: Limits, diags: &mut Diagnostics) -> Result<Read, Problem> {
    let mut pkg = Package::open(bytes, limits)?;
    let root = pkg.rels("")?;
    let main = root
        .part_of("officeDocument")
        .unwrap_or("word/document.xml")
        .to_string();
    let Some(body) = pkg.part(&main)? else {
        return Err(Problem::new(format!("the package has no {main}: not a Word document")));
    };
    let rels = pkg.rels(&main)?;
    let part_of = |kind: &str, usual: &str| rels.part_of(kind).unwrap_or(usual).to_string();
    let styles_name = part_of("styles", "word/styles.xml");
    let styles = match pkg.part(&styles_name)? {
        Some(b) => Styles::parse(&b, &styles_name)?,
        None => Styles::default(),
    };
    let body = walk::walk(&body, &main, &styles, &rels, Mode::Body)?;
    let mut notes: HashMap<Ref, Vec<Item>> = HashMap::new();
    for (kind, rel, usual) in [
        (NoteKind::Foot, "footnotes", "word/footnotes.xml"),
        (NoteKind::End, "endnotes", "word/endnotes.xml"),
    ] {
        let name = part_of(rel, usual);
        let Some(bytes) = pkg.part(&name)? else { continue };
        let own = pkg.rels(&name)?;
        for (id, items) in walk::walk(&bytes, &name, &styles, &own, Mode::Notes)?.notes {
            notes.entry(Ref { kind, id }).or_insert(items);
        }
    }
    let core = match root.part_of("core-properties") {
        Some(name) => {
            let name = name.to_string();
            match pkg.part(&name)? {
                Some(b) => core(&b, &name)?,
                None => Core::default(),
            }
        }
        None => Core::default(),
    };
    Ok(emit(body.items, &notes, core, diags))
}

/// What `docProps/core.xml` says.
#[derive(Debug, Default)]
struct Core {
    title: String,
    creator: String,
}

fn core(bytes: &[u8], name: &str) -> Result<Core, Problem> {
    let mut out = Core::default();
    let mut r = xml::Reader::new(bytes, name);
    let mut field: Option<bool> = None;
    loop {
        match r.next()? {
            xml::Step::End => return Ok(out),
            xml::Step::Open { ns, e, empty } => {
                field = match (ns, xml::local(&e), empty) {
                    (xml::Ns::Dc, b"title", false) => Some(true),
                    (xml::Ns::Dc, b"creator", false) => Some(false),
                    _ => None,
                };
            }
            xml::Step::Close => field = None,
            xml::Step::Text(t) => match field {
                Some(true) => out.title.push_str(&t),
                Some(false) => out.creator.push_str(&t),
                None => {}
            },
        }
    }
}

/// Hands the walked document to the writer: title and authors first, then the body in order,
/// numbering the notes as their references come, then the notes.
fn emit(mut items: Vec<Item>, notes: &HashMap<Ref, Vec<Item>>, core: Core, diags: &mut Diagnostics) -> Read {
    let title = take_title(&mut items, &core.title);
    let mut authors: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Para(p) if p.role == Role::Author => Some(plain(&p.bits)),
            _ => None,
        })
        .filter(|a| !a.is_empty())
        .collect();
    if authors.is_empty() {
        authors = core
            .creator
            .split(';')
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty())
            .collect();
    }
    let mut w = Writer::new(Format::Docx);
    if let Some(t) = &title {
        w.title(t, authors);
    }
    let mut numbers = Numbers::default();
    for item in &items {
        match item {
            Item::Para(p) => {
                let pieces = numbers.pieces(&p.bits);
                match p.role {
                    Role::Heading(level) => w.heading(level, &pieces),
                    Role::Item => w.block(BlockKind::ListItem, &pieces),
                    Role::Body | Role::Title => w.block(BlockKind::Paragraph, &pieces),
                    Role::Author if title.is_none() => w.block(BlockKind::Paragraph, &pieces),
                    Role::Author | Role::Contents => {}
                }
            }
            Item::Table(rows) => table(&mut w, rows, &mut numbers),
        }
    }
    for (n, r) in numbers.order.iter().enumerate() {
        let Some(items) = notes.get(r) else { continue };
        w.note(n as u32 + 1, Numbers::unnumbered(&bits_of(items)));
    }
    w.finish(diags)
}

/// The title: the first paragraph in the Title style (taken out of the body), else the
/// package's own title, else a level-1 heading that opens the body and is its only one. A
/// heading that opens the body and repeats the title is taken out.
fn take_title(items: &mut Vec<Item>, core: &str) -> Option<String> {
    let is_para = |i: &Item, role: Role| matches!(i, Item::Para(p) if p.role == role);
    if let Some(at) = items.iter().position(|i| is_para(i, Role::Title)) {
        let t = match items.remove(at) {
            Item::Para(p) => plain(&p.bits),
            Item::Table(_) => String::new(),
        };
        if !t.is_empty() {
            return Some(t);
        }
    }
    let first = items.iter().position(|i| match i {
        Item::Para(p) => p.role != Role::Contents && !plain(&p.bits).is_empty(),
        Item::Table(_) => true,
    });
    let opening = first.and_then(|at| match items.get(at) {
        Some(Item::Para(p)) if p.role == Role::Heading(1) => Some((at, plain(&p.bits))),
        _ => None,
    });
    let core = core.split_whitespace().collect::<Vec<_>>().join(" ");
    if !core.is_empty() {
        if let Some((at, t)) = opening {
            if t == core {
                items.remove(at);
            }
        }
        return Some(core);
    }
    let (at, t) = opening?;
    let level_ones = items.iter().filter(|i| is_para(i, Role::Heading(1))).count();
    if level_ones == 1 {
        items.remove(at);
        return Some(t);
    }
    None
}

/// A table: the first row is its header when marked as one, or when the table has more rows
/// and the first carries no note reference (a header's references would be lost).
fn table(w: &mut Writer, rows: &[Row], numbers: &mut Numbers) {
    let Some((first, rest)) = rows.split_first() else {
        return;
    };
    let refs = first
        .cells
        .iter()
        .any(|c| bits_of(c).iter().any(|b| matches!(b, Bit::Ref(_))));
    let (header, body) = if !refs && (first.header || !rest.is_empty()) {
        (Some(first), rest)
    } else {
        (None, rows)
    };
    let header: Vec<Vec<Piece>> = header
        .map(|r| r.cells.iter().map(|c| Numbers::unnumbered(&bits_of(c))).collect())
        .unwrap_or_default();
    let body: Vec<Vec<Vec<Piece>>> = body
        .iter()
        .map(|r| r.cells.iter().map(|c| numbers.pieces(&bits_of(c))).collect())
        .collect();
    w.table(&header, &body);
}

fn bits_of(items: &[Item]) -> Vec<Bit> {
    let mut bits = Vec::new();
    flatten(items, &mut bits);
    bits
}

/// The bits of items in order, paragraphs and cells apart by a space.
fn flatten(items: &[Item], out: &mut Vec<Bit>) {
    for item in items {
        match item {
            Item::Para(Para {
                role: Role::Contents, ..
            }) => {}
            Item::Para(p) => {
                space(out);
                out.extend(p.bits.iter().cloned());
            }
            Item::Table(rows) => {
                for row in rows {
                    for cell in &row.cells {
                        flatten(cell, out);
                    }
                }
            }
        }
    }
}

fn space(out: &mut Vec<Bit>) {
    if !out.is_empty() {
        out.push(Bit::Text {
            text: " ".into(),
            emphasis: false,
            link: None,
        });
    }
}

/// The plain text of bits, spaces squeezed.
fn plain(bits: &[Bit]) -> String {
    let mut s = String::new();
    for b in bits {
        if let Bit::Text { text, .. } = b {
            s.push_str(text);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Note numbers in the order references come.
#[derive(Debug, Default)]
struct Numbers {
    by_ref: HashMap<Ref, u32>,
    order: Vec<Ref>,
}

impl Numbers {
    /// The pieces of bits, each reference a marker with its note's number.
    fn pieces(&mut self, bits: &[Bit]) -> Vec<Piece> {
        bits.iter()
            .map(|b| match b {
                Bit::Text { text, emphasis, link } => Piece::Text {
                    text: text.clone(),
                    emphasis: *emphasis,
                    link: link.clone(),
                    place: None,
                },
                Bit::Ref(r) => {
                    let next = self.order.len() as u32 + 1;
                    let n = *self.by_ref.entry(r.clone()).or_insert_with(|| {
                        self.order.push(r.clone());
                        next
                    });
                    Piece::marker(n)
                }
            })
            .collect()
    }

    /// The pieces of bits where a reference is no marker (a note's or a header's text).
    fn unnumbered(bits: &[Bit]) -> Vec<Piece> {
        bits.iter()
            .filter_map(|b| match b {
                Bit::Text { text, emphasis, link } => Some(Piece::Text {
                    text: text.clone(),
                    emphasis: *emphasis,
                    link: link.clone(),
                    place: None,
                }),
                Bit::Ref(_) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
