//! Text → [`Document`]: front matter, blocks with their section path, tables, notes and markers.
//!
//! Takes: the text of a Markdown or plain-text document as PDF converters and editors write it.
//! Gives: a [`Document`] whose body blocks carry clean text (see [`inline`]), their section path
//! and the footnote markers found in them, plus the note definitions, whatever the footnote style:
//! superscript digits with notes at page bottoms, Markdown `[^n]`, bracketed `[n]` or caret `^n`
//! markers with a numbered note list at the end, HTML `<sup>n</sup>` with a note list or each
//! section's notes under a `---` rule (numbered on, or from 1 again in each section), or bare
//! digits glued to words or set off after a full stop.
//!
//! PDF damage is repaired here: running headers and footers and page-number lines are dropped,
//! a paragraph split by a page-bottom note block is joined again, and a note split across two
//! pages is joined again. Nothing here fails; what cannot be read becomes a diagnostic.

pub mod inline;
pub(crate) mod lines;
mod markers;

use crate::diag::{code, Diagnostics};
use crate::span::Span;
pub use inline::Inline;
use lines::{Chunk, ChunkKind};

/// What a body block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem,
    /// A table cell; `row` 0 is the header row.
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
}

/// A footnote marker in a block: note number, where it stood in the clean text (it is removed
/// from the text) and its span in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub n: u32,
    pub at: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Headings enclosing the block, outermost first.
    pub section: Vec<String>,
    pub inline: Inline,
    pub markers: Vec<Marker>,
}

/// A note definition: its number, its source span and its clean text.
#[derive(Debug, Clone)]
pub struct Note {
    pub n: u32,
    pub span: Span,
    pub inline: Inline,
}

/// A table: its header texts and, per body row, the index of each cell's block.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub blocks: Vec<Block>,
    pub tables: Vec<Table>,
    pub notes: Vec<Note>,
    /// Note number → index of its first definition in `notes`.
    note_index: std::collections::BTreeMap<u32, usize>,
    /// The runs of notes read between body blocks, in order (see [`Group`]).
    groups: Vec<Group>,
}

/// A run of note definitions with no body text between them (the notes at a page bottom, after a
/// section, or in a note list), and the body blocks before it: where a document numbers its notes
/// again in each section, a marker names a note of its own run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Group {
    /// Index in `notes` of the run's first note.
    note: usize,
    /// The number of body blocks read before the run.
    block: usize,
}

impl Document {
    /// The note numbered `n` (its first definition).
    pub fn note(&self, n: u32) -> Option<&Note> {
        self.note_index.get(&n).and_then(|&i| self.notes.get(i))
    }
}

/// How a document marks up its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Syntax {
    /// Markdown: emphasis, escapes, links and inline HTML are markup.
    #[default]
    Markdown,
    /// Plain text (`.txt`): every character is text.
    Plain,
}

impl Syntax {
    /// The syntax of a file, by its extension (`.txt` is plain; everything else Markdown).
    pub fn of_path(path: &std::path::Path) -> Syntax {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("txt" | "text") => Syntax::Plain,
            _ => Syntax::Markdown,
        }
    }
}

/// Reads a Markdown document. Total: any text gives a document.
pub fn read(text: &str, diags: &mut Diagnostics) -> Document {
    read_as(text, Syntax::Markdown, diags)
}

/// Compiles the reader's patterns, those a document needs last first (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    markers::warm_up();
    lines::warm_up();
}

/// Reads a document written in `syntax`.
pub fn read_as(text: &str, syntax: Syntax, diags: &mut Diagnostics) -> Document {
    let chunks = lines::chunks(text);
    let mut doc = Document::default();
    let mut reader = Reader {
        text,
        syntax,
        doc: &mut doc,
        stack: Vec::new(),
        last_body: None,
        pending_note: None,
        plain_notes: 0,
        in_group: false,
        marks: std::collections::BTreeSet::new(),
        marks_from: 0,
    };
    reader.front_matter(&chunks);
    reader.body(&chunks);
    // a footnote whose label is no note number is left out: said where it is defined
    for chunk in chunks.iter().filter(|c| c.kind == ChunkKind::NamedNote) {
        if let Some(label) = lines::named_note_label(chunk.full(text)) {
            let start = chunk.span.start as usize;
            diags.warn(
                code::NAMED_NOTE,
                Span::new(start, start + label.len() + 4),
                None,
                format!("footnote [^{label}] has no note number: it is left out, and its markers are read as text"),
            );
        }
    }
    for (i, note) in doc.notes.iter().enumerate() {
        doc.note_index.entry(note.n).or_insert(i);
    }
    markers::attach(&mut doc, text, diags);
    if text.trim().is_empty() {
        diags.warn(code::EMPTY_DOCUMENT, Span::default(), None, "the document is empty");
    }
    doc
}

/// Finishes a document that a reader of another format (`read`) assembled block by block, its
/// markers already placed: indexes its notes and checks the markers against them, as
/// [`read_as`] does for text.
pub fn assembled(doc: &mut Document, text: &str, diags: &mut Diagnostics) {
    doc.note_index.clear();
    for (i, note) in doc.notes.iter().enumerate() {
        doc.note_index.entry(note.n).or_insert(i);
    }
    let defined: std::collections::BTreeSet<u32> = doc.notes.iter().map(|n| n.n).collect();
    markers::check(doc, text, &defined, diags);
    if text.trim().is_empty() {
        diags.warn(code::EMPTY_DOCUMENT, Span::default(), None, "the document is empty");
    }
}

struct Reader<'a> {
    text: &'a str,
    syntax: Syntax,
    doc: &'a mut Document,
    /// Open headings: (level, text).
    stack: Vec<(u8, String)>,
    /// The last body paragraph, while a page break may still continue it.
    last_body: Option<usize>,
    /// The last note, while its text is incomplete (a page break may continue it).
    pending_note: Option<usize>,
    /// The number of the last page-bottom note written in plain digits.
    plain_notes: u32,
    /// Whether the last thing read was a note (a run of notes is open).
    in_group: bool,
    /// Marker numbers seen in the body since the last run of notes, read up to block `marks_from`.
    marks: std::collections::BTreeSet<u32>,
    marks_from: usize,
}

impl Reader<'_> {
    fn clean(&self, src: &str, base: usize) -> Inline {
        match self.syntax {
            Syntax::Markdown => inline::clean(src, base),
            Syntax::Plain => inline::plain(src, base),
        }
    }

    fn front_matter(&mut self, chunks: &[Chunk]) {
        let mut it = chunks
            .iter()
            .filter(|c| !matches!(c.kind, ChunkKind::Furniture | ChunkKind::Rule));
        let Some(first) = it.next() else { return };
        let title = match first.kind {
            ChunkKind::Heading { level: 1 } => Some(first),
            ChunkKind::Para if lines::title_like(first.body(self.text)) => Some(first),
            _ => None,
        };
        let Some(title) = title else { return };
        self.doc.title = Some(clean_heading(&self.clean(title.body(self.text), title.body_start)));
        if let Some(next) = it.next() {
            if next.kind == ChunkKind::Para {
                self.doc.authors = lines::author_line(next.body(self.text));
            }
        }
    }

    fn body(&mut self, chunks: &[Chunk]) {
        // a document that marks headings with `#` has no plain-line headings
        let markdown_headings = chunks
            .iter()
            .filter(|c| matches!(c.kind, ChunkKind::Heading { .. }))
            .count()
            >= 2;
        let mut seen_title = false;
        let mut in_notes = false;
        // a thematic break was the last chunk; notes under one end at a chunk that is neither a
        // note nor the rest of one
        let mut after_rule = false;
        let mut rule_notes = false;
        for (i, chunk) in chunks.iter().enumerate() {
            let src = chunk.body(self.text);
            match chunk.kind {
                ChunkKind::Furniture => continue,
                ChunkKind::Rule => {
                    after_rule = true;
                    if rule_notes {
                        (in_notes, rule_notes) = (false, false);
                    }
                    self.last_body = None;
                    self.pending_note = None;
                    continue;
                }
                ChunkKind::Heading { .. } | ChunkKind::Para if !seen_title && self.is_title(chunk) => {
                    seen_title = true;
                    continue;
                }
                ChunkKind::Para
                    if self.doc.blocks.is_empty()
                        && !self.doc.authors.is_empty()
                        && lines::author_line(src) == self.doc.authors =>
                {
                    continue
                }
                _ => {}
            }
            seen_title = true;
            // a line that only says `Notes` (`**Endnotes:**`) opens the notes like a heading, in a
            // document whose headings are `#` lines too; under a rule, it opens the section's notes
            let label = chunk.kind == ChunkKind::Para
                && lines::notes_heading(src)
                && lines::heading_level(src, markdown_headings).is_none();
            if label {
                in_notes = true;
                rule_notes = after_rule;
                self.last_body = None;
                continue;
            }
            if std::mem::take(&mut after_rule) && !in_notes {
                let first = match chunk.kind {
                    ChunkKind::Note { n } => Some(n),
                    ChunkKind::Item | ChunkKind::Para => lines::endnote_start(chunk.full(self.text)).map(|(n, _)| n),
                    _ => None,
                };
                if first.is_some_and(|n| self.section_marks().contains(&n)) {
                    (in_notes, rule_notes) = (true, true);
                }
            }
            match chunk.kind {
                ChunkKind::Furniture | ChunkKind::Rule => {}
                ChunkKind::Note { n } => {
                    self.push_notes(n, chunk, chunk.body_start);
                }
                ChunkKind::Heading { level } => {
                    in_notes = lines::notes_heading(src);
                    rule_notes = false;
                    self.heading(level, chunk);
                }
                ChunkKind::Table => {
                    self.last_body = None;
                    self.table(chunk);
                }
                // a footnote whose label is no note number (warned of in `read_as`): neither body
                // text nor the text of the note before it
                ChunkKind::NamedNote => self.pending_note = None,
                ChunkKind::Item | ChunkKind::Para => {
                    // a page-bottom note in plain numbers (`3 Jane Doe, “Title,” 2020.`): only
                    // the next number in sequence, and only text that reads as a citation
                    if !in_notes && chunk.kind == ChunkKind::Para {
                        let full = chunk.full(self.text);
                        if let Some((n, rest)) = lines::plain_note_start(full, self.plain_notes + 1) {
                            let start = chunk.span.start as usize + (full.len() - rest.len());
                            self.plain_notes = self.push_notes(n, chunk, start);
                            continue;
                        }
                    }
                    if in_notes {
                        let full = chunk.full(self.text);
                        if let Some((n, rest)) = lines::endnote_start(full) {
                            let start = chunk.span.start as usize + (full.len() - rest.len());
                            self.push_notes(n, chunk, start);
                            continue;
                        }
                        if let Some(last) = self.doc.notes.len().checked_sub(1) {
                            let rest_of_note = if rule_notes {
                                lines::note_continuation(src)
                            } else {
                                !lines::heading_like(src)
                            };
                            if rest_of_note {
                                self.continue_note(last, chunk);
                                continue;
                            }
                        }
                        if rule_notes {
                            // the section's notes are over: body text again
                            (in_notes, rule_notes) = (false, false);
                        }
                    }
                    if chunk.kind == ChunkKind::Para {
                        if let Some(level) = lines::heading_level(src, markdown_headings) {
                            in_notes = lines::notes_heading(src);
                            rule_notes = false;
                            self.heading(level, chunk);
                            continue;
                        }
                    }
                    let body_open = self
                        .last_body
                        .and_then(|b| self.doc.blocks.get(b))
                        .is_some_and(|b| lines::continues(&b.inline.text, src));
                    if let (Some(p), false) = (self.pending_note, body_open) {
                        if lines::note_continuation(src) && next_is_note(self.text, chunks, i, self.plain_notes + 1) {
                            self.continue_note(p, chunk);
                            continue;
                        }
                    }
                    self.paragraph(chunk);
                }
            }
        }
    }

    fn is_title(&self, chunk: &Chunk) -> bool {
        let Some(title) = &self.doc.title else { return false };
        clean_heading(&self.clean(chunk.body(self.text), chunk.body_start)) == *title
    }

    fn push_note(&mut self, n: u32, span: Span, inl: Inline) {
        if !self.in_group {
            self.in_group = true;
            self.doc.groups.push(Group {
                note: self.doc.notes.len(),
                block: self.doc.blocks.len(),
            });
            self.marks.clear();
            self.marks_from = self.doc.blocks.len();
        }
        let complete = lines::note_complete(&inl.text);
        self.doc.notes.push(Note { n, span, inline: inl });
        self.pending_note = (!complete).then_some(self.doc.notes.len() - 1);
    }

    /// The notes of a chunk whose first note, numbered `n`, has its text from `body`: one, or
    /// several written a line each (see [`lines::split_notes`]). Gives the last one's number.
    fn push_notes(&mut self, n: u32, chunk: &Chunk, body: usize) -> u32 {
        let (start, end) = (chunk.span.start as usize, chunk.span.end as usize);
        let mut last = n;
        for (k, from, body, end) in lines::split_notes(self.text, start, body, end, n) {
            let inl = self.clean(self.text.get(body..end).unwrap_or(""), body);
            self.push_note(k, Span::new(from, end), inl);
            last = k;
        }
        last
    }

    /// The marker numbers in the body since the last run of notes (each block read once).
    fn section_marks(&mut self) -> &std::collections::BTreeSet<u32> {
        for block in self.doc.blocks.iter().skip(self.marks_from) {
            self.marks.extend(markers::numbers(&block.inline));
        }
        self.marks_from = self.doc.blocks.len();
        &self.marks
    }

    fn continue_note(&mut self, idx: usize, chunk: &Chunk) {
        let inl = self.clean(chunk.body(self.text), chunk.body_start);
        if let Some(note) = self.doc.notes.get_mut(idx) {
            note.inline.append(&inl, chunk.span.start as usize);
            note.span = note.span.cover(chunk.span);
            if lines::note_complete(&note.inline.text) {
                self.pending_note = None;
            }
        }
    }

    fn heading(&mut self, level: u8, chunk: &Chunk) {
        self.last_body = None;
        self.in_group = false;
        let inl = self.clean(chunk.body(self.text), chunk.body_start);
        let name = clean_heading(&inl);
        while self.stack.last().is_some_and(|(l, _)| *l >= level) {
            self.stack.pop();
        }
        self.stack.push((level, name));
        self.doc.blocks.push(Block {
            kind: BlockKind::Heading { level },
            section: self.section(),
            inline: inl,
            markers: Vec::new(),
        });
    }

    fn section(&self) -> Vec<String> {
        self.stack
            .iter()
            .map(|(_, s)| s.clone())
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn paragraph(&mut self, chunk: &Chunk) {
        let inl = self.clean(chunk.body(self.text), chunk.body_start);
        if inl.text.is_empty() {
            return;
        }
        self.in_group = false;
        if let Some(prev) = self.last_body.and_then(|i| self.doc.blocks.get_mut(i)) {
            if lines::continues(&prev.inline.text, &inl.text) {
                prev.inline.append(&inl, chunk.span.start as usize);
                return;
            }
        }
        let kind = if chunk.kind == ChunkKind::Item {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        self.doc.blocks.push(Block {
            kind,
            section: self.section(),
            inline: inl,
            markers: Vec::new(),
        });
        self.last_body = Some(self.doc.blocks.len() - 1);
    }

    fn table(&mut self, chunk: &Chunk) {
        self.in_group = false;
        let rows = lines::table_rows(self.text, chunk);
        let Some((header, body)) = rows.split_first() else {
            return;
        };
        let header_text: Vec<String> = header
            .iter()
            .map(|&(a, b)| self.clean(self.text.get(a..b).unwrap_or(""), a).text)
            .collect();
        // a table whose header row is empty continues the previous one (split by a page break)
        let continues = header_text.iter().all(|h| h.is_empty())
            && self
                .doc
                .tables
                .last()
                .is_some_and(|t| t.header.len() == header_text.len());
        let (table, body_rows): (usize, Vec<&Vec<(usize, usize)>>) = if continues {
            (self.doc.tables.len() - 1, body.iter().collect())
        } else {
            self.doc.tables.push(Table {
                header: header_text,
                rows: Vec::new(),
            });
            (self.doc.tables.len() - 1, body.iter().collect())
        };
        for cells in body_rows {
            let row_no = self.doc.tables.get(table).map(|t| t.rows.len() + 1).unwrap_or(1);
            let mut row = Vec::new();
            for (col, &(a, b)) in cells.iter().enumerate() {
                let inl = self.clean(self.text.get(a..b).unwrap_or(""), a);
                self.doc.blocks.push(Block {
                    kind: BlockKind::Cell {
                        table,
                        row: row_no,
                        col,
                    },
                    section: self.section(),
                    inline: inl,
                    markers: Vec::new(),
                });
                row.push(self.doc.blocks.len() - 1);
            }
            if let Some(t) = self.doc.tables.get_mut(table) {
                t.rows.push(row);
            }
        }
    }
}

/// Whether the next content chunk is a note definition (of either kind: a marked note, or the
/// page-bottom note in plain digits that comes next).
fn next_is_note(text: &str, chunks: &[Chunk], i: usize, plain_next: u32) -> bool {
    chunks
        .iter()
        .skip(i + 1)
        .find(|c| c.kind != ChunkKind::Furniture)
        .is_some_and(|c| {
            matches!(c.kind, ChunkKind::Note { .. })
                || c.kind == ChunkKind::Para && lines::plain_note_start(c.full(text), plain_next).is_some()
        })
}

/// Heading text without bullets, emphasis or trailing markers and colons.
pub fn clean_heading(inl: &Inline) -> String {
    let t = inl
        .text
        .get(..markers::strip_trailing_sup(inl))
        .unwrap_or(&inl.text)
        .trim();
    let t = t.trim_start_matches(['▪', '•', '■', '●', '◦', '-', '*', '#', ' ', '\u{a0}']);
    let t = markers::strip_trailing(t);
    t.trim().trim_end_matches([':', '*']).trim().to_string()
}

/// `s` in lower case: `s` itself when it has no upper-case letter to lower (ASCII without
/// capitals, nearly every word a rule lowers), else [`str::to_lowercase`]'s copy.
pub(crate) fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// Where the first byte of `bytes` that `is` says yes to stands. Sixteen bytes are tested at a
/// time, every one of them, without a branch: for a test of a few byte values (`matches!`) the
/// compiler makes that a few vector compares. Only the block that holds one is then read byte
/// by byte, and the last few bytes. For the scans that pass over most of a text to the next of a
/// few marks (a sentence's end, a character a clause drops).
#[inline]
pub(crate) fn first_byte(bytes: &[u8], is: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(16);
    for (k, block) in (&mut blocks).enumerate() {
        if block_has(block, is) {
            return block.iter().position(|&x| is(x)).map(|i| 16 * k + i);
        }
    }
    let tail = blocks.remainder();
    tail.iter().position(|&x| is(x)).map(|i| bytes.len() - tail.len() + i)
}

/// Whether `is` says yes to a byte of `block`, a block of sixteen (false for any other length):
/// every byte asked, without a branch, which the compiler makes a few vector compares when `is`
/// tests a few byte values without one (`(b == b'.') | (b == b'!')`).
#[inline]
pub(crate) fn block_has(block: &[u8], is: impl Fn(u8) -> bool) -> bool {
    <&[u8; 16]>::try_from(block).is_ok_and(|b| b.iter().fold(false, |any, &x| any | is(x)))
}

#[cfg(test)]
mod tests;
