//! Bytes of a document that is not text → its text and [`Document`]: PDF, HTML and DOCX.
//!
//! Takes: the bytes of one input. Gives: a [`Read`]: the text the reader extracted (written
//! beside the graph as `NAME.txt`, so that every span can be checked against it byte for byte),
//! the same [`Document`] the text readers give (blocks with their section path, tables, markers
//! and notes, every span into that text), and for a PDF the page and box of each piece of text.
//! Each format's reader finds the structure its own way (glyph geometry for PDF, the DOM for
//! HTML, Word's XML for DOCX) and hands it to one [`Writer`], so nothing downstream changes.
//!
//! [`Format::sniff`] tells the formats apart by content first (`%PDF-`, a zip holding
//! `word/document.xml`, `<!DOCTYPE html` or `<html`), by extension second. A file that cannot be
//! read (encrypted, scanned without a text layer, truncated, a zip bomb) is a [`Problem`]: one
//! line, and nothing is written for it.

pub mod docx;
pub mod html;
pub mod pdf;
mod writer;

use crate::diag::Diagnostics;
use crate::document::Document;
use crate::span::Span;
pub use writer::{Piece, Writer};

/// The formats a document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown or plain text: read by `document`, not here.
    Text,
    Pdf,
    Html,
    Docx,
}

impl Format {
    /// The name the graph gives it (the document node's `format`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// What the bytes are: by their content where it says, else by the file's extension.
    pub fn sniff(path: &std::path::Path, bytes: &[u8]) -> Format {
        let head = bytes.get(..1024).unwrap_or(bytes);
        if find(head, b"%PDF-").is_some() {
            return Format::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") && find(bytes, b"word/document.xml").is_some() {
            return Format::Docx;
        }
        let lead: String = lead(bytes).chars().take(14).collect::<String>().to_ascii_lowercase();
        if lead.starts_with("<!doctype html") || lead.starts_with("<html") {
            return Format::Html;
        }
        match extension(path).as_deref() {
            Some("pdf") => Format::Pdf,
            Some("docx") => Format::Docx,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// Whether the bytes are a graph JSON policykg wrote (`{`, then `"schema": "policykg/…"` in its
/// header, which the writer puts in the first few lines): a graph to ask with `query`, not a
/// document. Read as text, such a file is a few enormous sentences, whose graph means nothing.
pub fn is_graph_json(bytes: &[u8]) -> bool {
    let head = lead(bytes);
    head.starts_with('{')
        && head.split("\"schema\"").skip(1).any(|rest| {
            let value = rest.trim_start().strip_prefix(':').map(str::trim_start);
            value.is_some_and(|v| v.starts_with("\"policykg/"))
        })
}

/// The first kilobyte as text, from where it starts: no byte-order mark, no white space before.
/// (Asked of every document: borrowed from the bytes where they are UTF-8, as most are.)
fn lead(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    fn trim(s: &str) -> &str {
        s.trim_start_matches('\u{feff}').trim_start()
    }
    match String::from_utf8_lossy(bytes.get(..1024).unwrap_or(bytes)) {
        Cow::Borrowed(s) => Cow::Borrowed(trim(s)),
        Cow::Owned(s) => Cow::Owned(trim(&s).to_string()),
    }
}

fn extension(path: &std::path::Path) -> Option<String> {
    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where a piece of text stands in the original: its 1-based page and its box in PDF points
/// (`[x0, y0, x1, y1]`, origin at the page's bottom left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub page: u32,
    pub bbox: [f32; 4],
}

/// What a reader of another format gives besides the document: the format, the number of pages
/// and, for each piece of the text, where it stood.
#[derive(Debug, Clone)]
pub struct Layout {
    pub format: Format,
    pub pages: Option<u32>,
    /// Spans of the text with their place, sorted by start.
    pub places: Vec<(Span, Place)>,
}

impl Layout {
    /// The page a span starts on, and the box around its pieces on that page.
    pub fn locate(&self, span: Span) -> Option<Place> {
        let first = self.places.partition_point(|(s, _)| s.end <= span.start);
        let mut out: Option<Place> = None;
        for (s, p) in self.places.iter().skip(first) {
            if s.start >= span.end.max(span.start + 1) {
                break;
            }
            match &mut out {
                None => out = Some(*p),
                Some(o) if o.page == p.page => {
                    o.bbox = [
                        o.bbox[0].min(p.bbox[0]),
                        o.bbox[1].min(p.bbox[1]),
                        o.bbox[2].max(p.bbox[2]),
                        o.bbox[3].max(p.bbox[3]),
                    ];
                }
                Some(_) => {}
            }
        }
        out
    }
}

/// A document read from another format.
#[derive(Debug, Clone)]
pub struct Read {
    /// The extracted text: every span of `doc` indexes it.
    pub text: String,
    pub doc: Document,
    pub layout: Layout,
}

/// Why a file could not be read at all (as opposed to a diagnostic about its content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl Problem {
    pub fn new(message: impl Into<String>) -> Problem {
        Problem(message.into())
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

thread_local! {
    /// Whether this thread is inside a reader, whose panics are caught and reported as problems.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs a panic hook that keeps quiet about panics a reader's [`read`] catches (a PDF crate
/// failing on a damaged file): they are reported as one line, not as a backtrace. Other panics
/// go to the hook there was before. For programs; the `policykg` binary calls it at start.
pub fn quiet_caught_panics() {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !READING.with(std::cell::Cell::get) {
            before(info);
        }
    }));
}

/// Runs `f`, part of a reader, on whichever thread runs it (a PDF's pages are read on the
/// pool's threads): a panic is caught, kept quiet as [`read`]'s are, and given back, for the
/// reader to raise again where reading in turn would have met it.
pub(crate) fn caught<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    reading(true, || std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)))
}

/// Runs `f` outside the reader: while a reader waits for its pages, its thread may be given other
/// work (another document's), whose panics are not a reader's and must be heard.
pub(crate) fn outside<T>(f: impl FnOnce() -> T) -> T {
    reading(false, f)
}

/// Runs `f` with this thread taken as inside a reader or not, then as it was (restored, not
/// cleared: a thread waiting for pages may read another file's meanwhile).
fn reading<T>(inside: bool, f: impl FnOnce() -> T) -> T {
    let before = READING.with(|r| r.replace(inside));
    let result = f();
    READING.with(|r| r.set(before));
    result
}

/// Reads `bytes` as `format` (not [`Format::Text`]). Never panics: a reader that does is caught
/// and its panic becomes the problem.
pub fn read(format: Format, bytes: &[u8], diags: &mut Diagnostics) -> Result<Read, Problem> {
    let run = || match format {
        Format::Pdf => pdf::read(bytes, diags),
        Format::Html => html::read(bytes, diags),
        Format::Docx => docx::read(bytes, diags),
        Format::Text => Err(Problem::new("a text document is read by `document`")),
    };
    match caught(run) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Problem::new(format!(
                "the {} reader failed on it ({what})",
                format.name()
            )))
        }
    }
}

#[cfg(test)]
mod tests;
