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
mod guard;
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
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if glyphs == 0 {
        return Err(Problem::new("it has no text layer (a scan?); run it through OCR first"));
    }
    Ok(layout(pages, hyphenating_producer(bytes), diags))
}

/// The second half of [`read`]: pages of glyphs → the document. `hyphenates` says the PDF was
/// made by a program that hyphenates words at line ends by itself (TeX). Total: any glyphs give
/// a document.
pub fn layout(pages: Vec<glyphs::Page>, hyphenates: bool, diags: &mut Diagnostics) -> Read {
    let mut w = Writer::new(Format::Pdf);
    w.pages(u32::try_from(pages.len()).unwrap_or(u32::MAX));
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
    flow::write(&parts, hyphenates, &mut w);
    w.finish(diags)
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
    glyphs::unpack_fonts(&mut doc);
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

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

    fn name(s: &str) -> Object {
        Object::Name(s.as_bytes().to_vec())
    }

    fn dict(pairs: Vec<(&str, Object)>) -> Dictionary {
        let mut d = Dictionary::new();
        for (k, v) in pairs {
            d.set(k, v);
        }
        d
    }

    fn compressed(doc: &mut Document, content: &[u8]) -> ObjectId {
        // (padded with spaces: lopdf compresses only what compression makes smaller)
        let mut content = content.to_vec();
        content.resize(content.len() + 200, b' ');
        let mut s = Stream::new(Dictionary::new(), content);
        s.compress().unwrap();
        assert!(s.is_compressed());
        doc.add_object(s)
    }

    /// Two pages that show `AB` in a font whose compressed ToUnicode map reads it as `ZY`; gives
    /// the file and the ids of the map and of the first page's content.
    fn mapped() -> (Vec<u8>, ObjectId, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let cmap = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
            /CMapName /Test def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\n\
            endcodespacerange\n2 beginbfchar\n<41> <005A>\n<42> <0059>\nendbfchar\nendcmap\n\
            CMapName currentdict /CMap defineresource pop\nend\nend\n";
        let map = compressed(&mut doc, cmap);
        let font = doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type1")),
            ("BaseFont", name("Helvetica")),
            ("ToUnicode", Object::Reference(map)),
        ]));
        let pages_id = doc.new_object_id();
        let resources = dict(vec![("Font", dict(vec![("F1", Object::Reference(font))]).into())]);
        let mut kids = Vec::new();
        let mut first = None;
        for _ in 0..2 {
            let content = compressed(&mut doc, b"BT /F1 12 Tf 72 700 Td (AB) Tj ET");
            first.get_or_insert(content);
            kids.push(Object::Reference(doc.add_object(dict(vec![
                ("Type", name("Page")),
                ("Parent", Object::Reference(pages_id)),
                ("Contents", Object::Reference(content)),
                ("Resources", resources.clone().into()),
                ("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()].into()),
            ]))));
        }
        let pages = dict(vec![
            ("Type", name("Pages")),
            ("Count", 2.into()),
            ("Kids", kids.into()),
        ]);
        doc.objects.insert(pages_id, pages.into());
        let catalog = doc.add_object(dict(vec![
            ("Type", name("Catalog")),
            ("Pages", Object::Reference(pages_id)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        (bytes, map, first.unwrap())
    }

    #[test]
    fn a_fonts_streams_are_unpacked_once_and_read_the_same() {
        let (bytes, map, content) = mapped();
        let mut doc = Document::load_mem(&bytes).unwrap();
        glyphs::unpack_fonts(&mut doc);
        let stream = |id| doc.get_object(id).and_then(Object::as_stream).unwrap();
        // the font's map is decompressed in place; a page's content is not a font's
        assert!(!stream(map).is_compressed());
        assert!(std::str::from_utf8(&stream(map).content)
            .unwrap()
            .contains("beginbfchar"));
        assert!(stream(content).is_compressed());
        // and the interpreter reads the map on every page as it did compressed
        let pages = pages(&bytes).unwrap();
        let text: Vec<String> = pages
            .iter()
            .map(|p| p.glyphs.iter().map(|g| g.text.as_str()).collect())
            .collect();
        assert_eq!(text, ["ZY", "ZY"]);
    }
}
