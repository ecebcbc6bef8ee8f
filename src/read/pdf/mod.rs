//! PDF → [`Read`]: the glyphs of every page, read into lines, page furniture, footnotes and
//! body, and written as the same document the text readers give.
//!
//! Takes: the bytes of a PDF. Gives: its text, its [`Document`](crate::document::Document) and
//! the page and box of every piece of it. In four steps, one module each:
//! - [`glyphs`]: pdf-extract interprets the content streams and decodes the fonts; each glyph
//!   comes with its baseline origin, size and advance;
//! - [`lines`]: glyphs → lines by baseline, superscripts (markers, ordinals) folded into their
//!   line and flagged as raised;
//! - [`page`]: what is not body: running headers and footers and page numbers (by position and
//!   repetition), tables of contents (dot leaders), and the footnotes: the smaller lines at the
//!   bottom of a page that start with the next note's number, continued onto the next page;
//! - [`flow`]: the body lines → headings (by size), paragraphs (by spacing and indent), list
//!   items and tables, in reading order (columns and side boxes apart), a paragraph joined again
//!   across a page break, a word hyphenated or a URL broken at a line end rejoined, and each
//!   raised note number a marker.
//!
//! Nothing here trusts the file: every call into the PDF crates runs under `catch_unwind` (in
//! [`super::read`]), the work a file can cause is bounded (a budget of glyphs, a check of form
//! XObjects that draw themselves), and an encrypted file, a scan without a text layer or a
//! truncated file is a [`Problem`] naming what is wrong.

mod flow;
pub mod glyphs;
pub mod lines;
mod page;

use super::{Format, Problem, Read, Writer};
use crate::diag::Diagnostics;

/// The most glyphs a file may draw per byte it holds (plus a floor): text compresses about
/// tenfold; a file that draws far more is drawing the same thing over and over.
const GLYPHS_PER_BYTE: usize = 40;
const GLYPHS_FLOOR: usize = 2_000_000;
/// The most pages read.
const MAX_PAGES: usize = 20_000;

pub fn read(bytes: &[u8], diags: &mut Diagnostics) -> Result<Read, Problem> {
    let pages = pages(bytes)?;
    let mut w = Writer::new(Format::Pdf);
    w.pages(u32::try_from(pages.len()).unwrap_or(u32::MAX));
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if glyphs == 0 {
        return Err(Problem::new("it has no text layer (a scan?); run it through OCR first"));
    }
    let producer_hyphenates = hyphenating_producer(bytes);
    let lines: Vec<page::PageLines> = pages
        .into_iter()
        .map(|p| page::PageLines {
            number: p.number,
            height: p.height,
            width: p.width,
            lines: lines::lines(&p.glyphs),
            rules: p.rules,
        })
        .collect();
    let parts = page::parts(lines);
    flow::write(&parts, producer_hyphenates, &mut w);
    Ok(w.finish(diags))
}

/// The pages of the PDF with their glyphs.
fn pages(bytes: &[u8]) -> Result<Vec<glyphs::Page>, Problem> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| Problem::new(load_error(&e)))?;
    if doc.is_encrypted() {
        // most "encrypted" PDFs only restrict printing or copying: the empty password opens them
        doc.decrypt("")
            .map_err(|_| Problem::new("it is encrypted and needs a password"))?;
    }
    let count = doc.get_pages().len();
    if count == 0 {
        return Err(Problem::new("it has no pages"));
    }
    if count > MAX_PAGES {
        return Err(Problem::new(format!(
            "it has {count} pages, over the limit of {MAX_PAGES}"
        )));
    }
    guard::parents(&doc).map_err(Problem::new)?;
    guard::forms(&doc).map_err(Problem::new)?;
    let budget = bytes.len().saturating_mul(GLYPHS_PER_BYTE).max(GLYPHS_FLOOR);
    let mut collector = glyphs::Collector::new(budget);
    match pdf_extract::output_doc(&doc, &mut collector) {
        Ok(()) => Ok(collector.pages),
        Err(pdf_extract::OutputError::IoError(e)) if e.to_string() == glyphs::OVER_BUDGET => {
            Err(Problem::new(glyphs::OVER_BUDGET))
        }
        // what was read before a damaged page is kept
        Err(_) if collector.pages.iter().any(|p| !p.glyphs.is_empty()) => Ok(collector.pages),
        Err(e) => Err(Problem::new(format!("its content cannot be read ({e})"))),
    }
}

fn load_error(e: &pdf_extract::Error) -> String {
    let s = e.to_string();
    if s.to_ascii_lowercase().contains("encrypt") || s.to_ascii_lowercase().contains("decrypt") {
        "it is encrypted and needs a password".to_string()
    } else {
        format!("it is damaged or not a PDF ({s})")
    }
}

/// Whether the file was made by TeX, which hyphenates words at line ends by itself (a Word
/// document's line-end hyphens are the author's).
fn hyphenating_producer(bytes: &[u8]) -> bool {
    let head = bytes.get(bytes.len().saturating_sub(64 * 1024)..).unwrap_or(bytes);
    let hay = String::from_utf8_lossy(head);
    let first = String::from_utf8_lossy(bytes.get(..64 * 1024).unwrap_or(bytes));
    ["pdfTeX", "LuaTeX", "XeTeX", "TeX Output", "dvipdfm"]
        .iter()
        .any(|p| hay.contains(p) || first.contains(p))
}

mod guard {
    //! Checks before the content streams are run: form XObjects that draw themselves, directly
    //! or through others, would recurse without end in the interpreter.

    use pdf_extract::{Dictionary, Document, Object, ObjectId};
    use std::collections::{BTreeMap, BTreeSet};

    /// Every page's chain of parents ends: the interpreter looks up inherited attributes through
    /// it without a limit of its own.
    pub fn parents(doc: &Document) -> Result<(), String> {
        for (_, page) in doc.get_pages() {
            let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
            let mut at = page;
            loop {
                if !seen.insert(at) || seen.len() > 64 {
                    return Err("its page tree loops".into());
                }
                match doc.get_dictionary(at).ok().and_then(|d| d.get(b"Parent").ok()) {
                    Some(Object::Reference(p)) => at = *p,
                    _ => break,
                }
            }
        }
        Ok(())
    }

    /// The deepest nesting of forms drawn inside forms that is read.
    const MAX_DEPTH: usize = 24;

    pub fn forms(doc: &Document) -> Result<(), String> {
        // each form XObject → the forms its resources name
        let mut children: BTreeMap<ObjectId, Vec<ObjectId>> = BTreeMap::new();
        let mut roots: BTreeSet<ObjectId> = BTreeSet::new();
        for (_, page) in doc.get_pages() {
            if let Ok(dict) = doc.get_dictionary(page) {
                roots.extend(xobjects(doc, dict, 0));
            }
        }
        let mut todo: Vec<ObjectId> = roots.iter().copied().collect();
        while let Some(id) = todo.pop() {
            if children.contains_key(&id) {
                continue;
            }
            let kids = match doc.get_object(id).and_then(Object::as_stream) {
                Ok(s) => xobjects(doc, &s.dict, 0),
                Err(_) => Vec::new(),
            };
            todo.extend(kids.iter().copied());
            children.insert(id, kids);
            if children.len() > 100_000 {
                return Err("it holds too many drawing forms".into());
            }
        }
        // depth-first, without recursion: a form met again on its own path is a cycle
        let mut depth: BTreeMap<ObjectId, usize> = BTreeMap::new();
        for &root in &roots {
            let mut stack: Vec<(ObjectId, usize)> = vec![(root, 0)];
            let mut on_path: Vec<ObjectId> = Vec::new();
            while let Some((id, i)) = stack.pop() {
                if i == 0 {
                    if on_path.contains(&id) {
                        return Err("a drawing form draws itself".into());
                    }
                    if depth.contains_key(&id) {
                        continue;
                    }
                    on_path.push(id);
                    if on_path.len() > MAX_DEPTH {
                        return Err("its drawing forms are nested too deep".into());
                    }
                }
                let kids = children.get(&id).map(Vec::as_slice).unwrap_or(&[]);
                match kids.get(i) {
                    Some(&k) => {
                        stack.push((id, i + 1));
                        if !depth.contains_key(&k) {
                            stack.push((k, 0));
                        } else if on_path.contains(&k) {
                            return Err("a drawing form draws itself".into());
                        }
                    }
                    None => {
                        on_path.pop();
                        depth.insert(id, 0);
                    }
                }
            }
        }
        Ok(())
    }

    /// The form XObjects named in the resources of a page or form (inherited resources of a
    /// page are read from its parents, at most a few levels up).
    fn xobjects(doc: &Document, dict: &Dictionary, up: usize) -> Vec<ObjectId> {
        let mut out = Vec::new();
        let resources = dict.get(b"Resources").ok().and_then(|r| match r {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
        match resources {
            Some(res) => {
                let xo = res.get(b"XObject").ok().and_then(|x| match x {
                    Object::Reference(id) => doc.get_dictionary(*id).ok(),
                    Object::Dictionary(d) => Some(d),
                    _ => None,
                });
                if let Some(xo) = xo {
                    for (_, v) in xo.iter() {
                        if let Object::Reference(id) = v {
                            let form = doc.get_object(*id).and_then(Object::as_stream).is_ok_and(|s| {
                                s.dict
                                    .get(b"Subtype")
                                    .and_then(Object::as_name)
                                    .is_ok_and(|n| n == b"Form")
                            });
                            if form {
                                out.push(*id);
                            }
                        }
                    }
                }
            }
            None if up < 32 => {
                if let Ok(Object::Reference(parent)) = dict.get(b"Parent") {
                    if let Ok(p) = doc.get_dictionary(*parent) {
                        if !std::ptr::eq(p, dict) {
                            out = xobjects(doc, p, up + 1);
                        }
                    }
                }
            }
            None => {}
        }
        out
    }
}

#[cfg(test)]
mod debug {
    #[test]
    #[ignore]
    fn dump() {
        let path = std::env::var("PDF").unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_default();
        let pages = super::pages(&bytes).unwrap_or_default();
        for p in pages {
            for l in super::lines::lines(&p.glyphs) {
                eprintln!(
                    "p{} row{} y={:.1} x={:.1}-{:.1} s={:.1} {:?}",
                    p.number,
                    l.row,
                    l.y,
                    l.x0,
                    l.x1,
                    l.size,
                    l.text()
                );
            }
        }
    }
}
