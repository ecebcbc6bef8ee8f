//! The structure a reader found → the extracted text (`NAME.txt`) and its [`Document`].
//!
//! Takes: headings, paragraphs, list items, table rows and notes, each as [`Piece`]s of text
//! (with emphasis, link targets and, for PDF, the page and box they came from) and footnote
//! markers. Gives: a [`Read`]: the text, laid out one block a line (markers written `[n]`, the
//! notes last under `Notes`), and a [`Document`] whose every span indexes that text, so that
//! nothing after the reader knows which format the document came in.

use super::{Format, Layout, Place, Read};
use crate::diag::Diagnostics;
use crate::document::{self, Block, BlockKind, Document, Inline, Marker, Note, Table};
use crate::span::Span;

/// A piece of a block: text, or a footnote marker.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text {
        text: String,
        /// Italic or bold.
        emphasis: bool,
        /// The target of the link this text is, where it differs from the text.
        link: Option<String>,
        /// Where it stands in the original (PDF).
        place: Option<Place>,
    },
    Marker {
        n: u32,
        place: Option<Place>,
    },
}

impl Piece {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Piece {
        Piece::Text {
            text: text.into(),
            emphasis: false,
            link: None,
            place: None,
        }
    }

    pub fn marker(n: u32) -> Piece {
        Piece::Marker { n, place: None }
    }
}

/// Assembles a [`Read`].
#[derive(Debug)]
pub struct Writer {
    format: Format,
    text: String,
    doc: Document,
    places: Vec<(Span, Place)>,
    /// Open headings: (level, text).
    stack: Vec<(u8, String)>,
    notes: Vec<(u32, Vec<Piece>)>,
    pages: Option<u32>,
}

impl Writer {
    pub fn new(format: Format) -> Writer {
        Writer {
            format,
            text: String::new(),
            doc: Document::default(),
            places: Vec::new(),
            stack: Vec::new(),
            notes: Vec::new(),
            pages: None,
        }
    }

    /// The document's title (written first) and authors.
    pub fn title(&mut self, title: &str, authors: Vec<String>) {
        let title = squeeze(title);
        if title.is_empty() {
            return;
        }
        self.text.push_str(&title);
        self.text.push_str("\n\n");
        if !authors.is_empty() {
            self.text.push_str(&authors.join(", "));
            self.text.push_str("\n\n");
        }
        self.doc.title = Some(title);
        self.doc.authors = authors;
    }

    /// The number of pages of the original (PDF).
    pub fn pages(&mut self, n: u32) {
        self.pages = Some(n);
    }

    /// A heading at `level` (1 outermost); it opens a section.
    pub fn heading(&mut self, level: u8, pieces: &[Piece]) {
        let level = level.clamp(1, 6);
        let start = self.text.len();
        for _ in 0..level {
            self.text.push('#');
        }
        self.text.push(' ');
        let (inline, markers) = self.line(pieces);
        let name = document::clean_heading(&inline);
        if name.is_empty() {
            self.text.truncate(start);
            return;
        }
        self.text.push_str("\n\n");
        while self.stack.last().is_some_and(|(l, _)| *l >= level) {
            self.stack.pop();
        }
        self.stack.push((level, name));
        self.doc.blocks.push(Block {
            kind: BlockKind::Heading { level },
            section: self.section(),
            inline,
            markers,
        });
    }

    /// A paragraph or list item.
    pub fn block(&mut self, kind: BlockKind, pieces: &[Piece]) {
        let start = self.text.len();
        if kind == BlockKind::ListItem {
            self.text.push_str("- ");
        }
        let (inline, markers) = self.line(pieces);
        if inline.text.is_empty() && markers.is_empty() {
            self.text.truncate(start);
            return;
        }
        self.text.push_str("\n\n");
        self.doc.blocks.push(Block {
            kind,
            section: self.section(),
            inline,
            markers,
        });
    }

    /// A table: the header row, then the body rows, each a list of cells.
    pub fn table(&mut self, header: &[Vec<Piece>], rows: &[Vec<Vec<Piece>>]) {
        let table = self.doc.tables.len();
        let mut t = Table::default();
        for cell in header {
            self.text.push_str("| ");
            let (inline, _) = self.line(cell);
            self.text.push(' ');
            t.header.push(inline.text);
        }
        if !header.is_empty() {
            self.text.push_str("|\n");
        }
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            for (col, cell) in row.iter().enumerate() {
                self.text.push_str("| ");
                let (inline, markers) = self.line(cell);
                self.text.push(' ');
                cells.push(self.doc.blocks.len());
                self.doc.blocks.push(Block {
                    kind: BlockKind::Cell { table, row: r + 1, col },
                    section: self.section(),
                    inline,
                    markers,
                });
            }
            self.text.push_str("|\n");
            t.rows.push(cells);
        }
        self.text.push('\n');
        self.doc.tables.push(t);
    }

    /// A note's text, numbered `n`; notes are written after the body, in the order given.
    pub fn note(&mut self, n: u32, pieces: Vec<Piece>) {
        self.notes.push((n, pieces));
    }

    /// The text and the document, its notes indexed and its markers checked against them.
    pub fn finish(mut self, diags: &mut Diagnostics) -> Read {
        let notes = std::mem::take(&mut self.notes);
        if !notes.is_empty() {
            self.text.push_str("Notes\n\n");
        }
        for (n, pieces) in notes {
            let start = self.text.len();
            self.text.push_str(&format!("[{n}] "));
            let (inline, _) = self.line(&pieces);
            let end = self.text.len();
            self.text.push('\n');
            self.doc.notes.push(Note {
                n,
                span: Span::new(start, end),
                inline,
            });
        }
        document::assembled(&mut self.doc, &self.text, diags);
        self.places.sort_by_key(|&(s, _)| (s.start, s.end));
        Read {
            text: self.text,
            doc: self.doc,
            layout: Layout {
                format: self.format,
                pages: self.pages,
                places: self.places,
            },
        }
    }

    fn section(&self) -> Vec<String> {
        self.stack.iter().map(|(_, s)| s.clone()).collect()
    }

    /// Writes `pieces` on the current line: their clean text (markers cut out, mapped to the
    /// `[n]` written for them), and the markers.
    fn line(&mut self, pieces: &[Piece]) -> (Inline, Vec<Marker>) {
        let base = self.text.len();
        let mut emphasis = Vec::new();
        let mut links = Vec::new();
        let mut cuts = Vec::new();
        let mut numbers = Vec::new();
        for piece in pieces {
            let start = self.text.len();
            match piece {
                Piece::Text {
                    text,
                    emphasis: emph,
                    link,
                    place,
                } => {
                    push_squeezed(&mut self.text, text);
                    let end = self.text.len();
                    if end == start {
                        continue;
                    }
                    if *emph {
                        emphasis.push((start - base, end - base));
                    }
                    if let Some(l) = link {
                        links.push(((start - base, end - base), l.clone()));
                    }
                    if let Some(p) = place {
                        self.places.push((Span::new(start, end), *p));
                    }
                }
                Piece::Marker { n, place } => {
                    self.text.push_str(&format!("[{n}]"));
                    let end = self.text.len();
                    cuts.push((start - base, end - base));
                    numbers.push(*n);
                    if let Some(p) = place {
                        self.places.push((Span::new(start, end), *p));
                    }
                }
            }
        }
        // a line is one line: trailing spaces go, so that the span of the block ends at its text
        while self.text.len() > base && self.text.ends_with(' ') {
            self.text.pop();
        }
        let src = self.text.get(base..).unwrap_or("");
        let mut inline = document::inline::plain(src, base);
        inline.emphasis = clip(&emphasis, inline.text.len());
        inline.links = links
            .into_iter()
            .filter(|&((a, b), _)| a < b && b <= inline.text.len())
            .collect();
        let placed = inline.cut(&cuts, |before, after| {
            before.is_some_and(|c| !c.is_whitespace()) && after.is_some_and(char::is_alphanumeric)
        });
        let markers = numbers
            .into_iter()
            .zip(placed)
            .filter_map(|(n, p)| p.map(|(at, span)| Marker { n, at, span }))
            .collect();
        (inline, markers)
    }
}

fn clip(ranges: &[(usize, usize)], len: usize) -> Vec<(usize, usize)> {
    ranges
        .iter()
        .map(|&(a, b)| (a.min(len), b.min(len)))
        .filter(|(a, b)| a < b)
        .collect()
}

/// Whitespace runs (line breaks, tabs, no-break and other Unicode spaces) become one space, none
/// at the start of a line, and control characters go: a block is one line of plain text.
fn push_squeezed(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_whitespace() {
            // (a line's lead, `# `, `- `, `| `, `[n] `, ends in a space too)
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
}

fn squeeze(s: &str) -> String {
    let mut out = String::new();
    push_squeezed(&mut out, s);
    out.trim().to_string()
}
