//! PDF → [`Read`]: the glyphs of every page, read into lines, page furniture, footnotes and
//! body, and written as the same document the text readers give.
//!
//! Takes: the bytes of a PDF. Gives: its text, its [`Document`](crate::document::Document) and
//! the page and box of every piece of it. In four steps, one module each:
//! - [`glyphs`]: pdf-extract interprets the content streams and decodes the fonts; each glyph
//!   comes with its baseline origin, size and advance. The pages are read at once on the pool's
//!   threads, into what reading them in turn gives (see [`at_once`]);
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
    letter_boxes(&mut doc);
    glyphs::unpack_fonts(&mut doc, bytes.len());
    let budget = bytes.len().saturating_mul(GLYPHS_PER_BYTE).max(GLYPHS_FLOOR);
    let (pages, result) = at_once(&doc, budget).unwrap_or_else(|| in_turn(&doc, budget));
    match result {
        Ok(()) => Ok(pages),
        Err(pdf_extract::OutputError::IoError(e)) if e.to_string() == glyphs::OVER_BUDGET => {
            Err(Problem::new(glyphs::OVER_BUDGET))
        }
        // what was read before a damaged page is kept
        Err(_) if pages.iter().any(|p| !p.glyphs.is_empty()) => Ok(pages),
        Err(e) => Err(Problem::new(format!("its content cannot be read ({e})"))),
    }
}

/// The size a page is read at when neither it nor a parent says (US Letter, as PDF viewers take
/// it), in points.
const LETTER: [i64; 4] = [0, 0, 612, 792];

/// Gives a page whose size neither it nor any parent gives (its `MediaBox`, which the format
/// requires) the size viewers give it, Letter: pdf-extract fails the whole file on such a page,
/// pages already read lost. Only a box missing from the whole chain: one that is there but
/// malformed is left as it is. (The chains end: `guard::parents` checked them.)
fn letter_boxes(doc: &mut pdf_extract::Document) {
    let unboxed = |page| guard::chain(doc, page).is_ok_and(|c| !c.iter().any(|d| d.has(b"MediaBox")));
    let missing: Vec<_> = doc.get_pages().into_values().filter(|&p| unboxed(p)).collect();
    for page in missing {
        if let Ok(d) = doc.get_dictionary_mut(page) {
            d.set(
                "MediaBox",
                LETTER.iter().map(|&n| n.into()).collect::<Vec<pdf_extract::Object>>(),
            );
        }
    }
}

/// What reading a file's pages gives: the pages read, up to and with the one that failed, and
/// whether one did.
type Pages = (Vec<glyphs::Page>, Result<(), pdf_extract::OutputError>);

/// Reads the pages one after another.
fn in_turn(doc: &pdf_extract::Document, budget: usize) -> Pages {
    let mut collector = glyphs::Collector::new(budget, None);
    let result = pdf_extract::output_doc(doc, &mut collector);
    (collector.pages, result)
}

/// The most pages read at once, and the most entries of the page tree listed in all for it:
/// pdf-extract finds a page by listing the whole page tree, so reading page by page lists it once
/// per page (and a file can pad its tree with entries that are no pages).
const AT_ONCE: usize = 1_000;
const LISTED: usize = 10_000_000;

/// How many entries listing the page tree goes through, at most: the kids of every node of the
/// tree (of every `Pages` dictionary in the file, reached or not).
fn tree_entries(doc: &pdf_extract::Document) -> usize {
    use pdf_extract::Object;
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .filter(|d| d.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"Pages"))
        .map(|d| d.get(b"Kids").and_then(Object::as_array).map_or(0, Vec::len))
        .fold(0usize, usize::saturating_add)
}

/// Reads the pages at once on the pool's threads, each page into a collector of its own, and
/// gives what [`in_turn`] gives: the pages in order up to the first that fails, and its error,
/// the budget counted in page order; a page's panic raised again where reading in turn would have
/// met it. None with one thread or page, over [`AT_ONCE`] pages, and when the file's budget ran
/// out while its pages were read at once, as then only reading in turn tells which page spent
/// it. Reading the pages one by one is what pdf-extract does anyway: it makes each page's fonts
/// anew, and keeps nothing else from a page to the next.
fn at_once(doc: &pdf_extract::Document, budget: usize) -> Option<Pages> {
    use rayon::prelude::*;
    let numbers: Vec<u32> = doc.get_pages().into_keys().collect();
    if numbers.len() < 2
        || numbers.len() > AT_ONCE
        || numbers.len().saturating_mul(tree_entries(doc)) > LISTED
        || rayon::current_num_threads() < 2
    {
        return None;
    }
    let file = std::sync::atomic::AtomicUsize::new(0);
    // (each page a reader's part on whichever thread reads it; this thread, while it waits,
    // may be given another document's work)
    let read: Vec<_> = super::outside(|| {
        numbers
            .par_iter()
            .map(|&n| {
                let mut page = glyphs::Collector::new(budget, Some(&file));
                let result = super::caught(|| pdf_extract::output_doc_page(doc, &mut page, n));
                (page.pages, page.drawn, page.cut, result)
            })
            .collect()
    });
    let mut pages = Vec::with_capacity(read.len());
    let mut drawn = 0usize;
    for (more, n, cut, result) in read {
        if cut {
            return None;
        }
        pages.extend(more);
        drawn = drawn.saturating_add(n);
        if drawn > budget {
            return Some((pages, Err(glyphs::over_budget())));
        }
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Some((pages, Err(e))),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    Some((pages, Ok(())))
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

    /// A ToUnicode map that reads `A` as `Z` and `B` as `Y`.
    const MAP: &[u8] = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
        /CMapName /Test def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\n\
        endcodespacerange\n2 beginbfchar\n<41> <005A>\n<42> <0059>\nendbfchar\nendcmap\n\
        CMapName currentdict /CMap defineresource pop\nend\nend\n";

    /// A PDF of one page per content stream, each compressed, in Helvetica as `F1` with
    /// [`MAP`] compressed as its ToUnicode map. Gives the file, the map's id and the first page's
    /// content's.
    fn pdf(contents: &[&[u8]]) -> (Vec<u8>, ObjectId, ObjectId) {
        pdf_with(contents, |_| true)
    }

    /// [`pdf`], where a page for which `boxed` says false has no media box.
    fn pdf_with(contents: &[&[u8]], boxed: impl Fn(usize) -> bool) -> (Vec<u8>, ObjectId, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let map = compressed(&mut doc, MAP);
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
        for (i, content) in contents.iter().enumerate() {
            let content = compressed(&mut doc, content);
            first.get_or_insert(content);
            let mut page = dict(vec![
                ("Type", name("Page")),
                ("Parent", Object::Reference(pages_id)),
                ("Contents", Object::Reference(content)),
                ("Resources", resources.clone().into()),
            ]);
            if boxed(i) {
                page.set("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()]);
            }
            kids.push(Object::Reference(doc.add_object(page)));
        }
        let count = i64::try_from(kids.len()).unwrap();
        let pages = dict(vec![
            ("Type", name("Pages")),
            ("Count", count.into()),
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

    /// Each page's text.
    fn texts(pages: &[glyphs::Page]) -> Vec<String> {
        pages
            .iter()
            .map(|p| p.glyphs.iter().map(|g| g.text.as_str()).collect())
            .collect()
    }

    const AB: &[u8] = b"BT /F1 12 Tf 72 700 Td (AB) Tj ET";

    #[test]
    fn a_fonts_streams_are_unpacked_once_and_read_the_same() {
        let (bytes, map, content) = pdf(&[AB, AB]);
        let mut doc = Document::load_mem(&bytes).unwrap();
        // a dictionary that is no font's, naming a map as a font would
        let junk = compressed(&mut doc, MAP);
        doc.add_object(dict(vec![("ToUnicode", Object::Reference(junk))]));
        glyphs::unpack_fonts(&mut doc, bytes.len());
        let stream = |id| doc.get_object(id).and_then(Object::as_stream).unwrap();
        // the font's map is decompressed in place; a page's content is not a font's, nor is
        // what a dictionary without a font's type names
        assert!(!stream(map).is_compressed());
        assert!(std::str::from_utf8(&stream(map).content)
            .unwrap()
            .contains("beginbfchar"));
        assert!(stream(content).is_compressed());
        assert!(stream(junk).is_compressed());
        // and the interpreter reads the map on every page as it did compressed
        assert_eq!(texts(&pages(&bytes).unwrap()), ["ZY", "ZY"]);
    }

    /// `f` on a pool of `n` threads.
    fn on<T: Send>(n: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
            .install(f)
    }

    /// What reading the pages gives, as words: each page's text, and the error. (A file over its
    /// budget is refused whatever was read of it: its pages are left out.)
    fn outcome((pages, result): Pages) -> (Vec<String>, Option<String>) {
        let error = result.err().map(|e| e.to_string());
        if error.as_ref().is_some_and(|e| e.contains(glyphs::OVER_BUDGET)) {
            return (Vec::new(), error);
        }
        (texts(&pages), error)
    }

    fn over(o: (Vec<String>, Option<String>)) -> bool {
        o.1.is_some_and(|e| e.contains(glyphs::OVER_BUDGET))
    }

    /// Reading a file's pages at once gives what reading them in turn does: the same pages in
    /// order, and the budget spent (or not) as it is in page order.
    #[test]
    fn pages_read_at_once_are_pages_read_in_turn() {
        let ten = b"BT /F1 12 Tf 72 700 Td (AAAAABBBBB) Tj ET".as_slice();
        let (bytes, _, _) = pdf(&[ten, AB, ten, AB]);
        let doc = Document::load_mem(&bytes).unwrap();
        // 24 characters in all: a budget of 24 holds them, one of 23 does not
        for budget in [24, 23, 12, 10, 9, 1000] {
            let turn = outcome(in_turn(&doc, budget));
            let once = on(2, || at_once(&doc, budget)).map(outcome);
            assert_eq!(once.as_ref(), Some(&turn), "budget {budget}");
        }
        assert_eq!(outcome(in_turn(&doc, 24)).1, None);
        assert!(over(outcome(in_turn(&doc, 23))));
        // one thread, or one page, are read in turn
        assert!(on(1, || at_once(&doc, 24)).is_none());
        let (one, _, _) = pdf(&[AB]);
        let doc = Document::load_mem(&one).unwrap();
        assert!(on(2, || at_once(&doc, 24)).is_none());
    }

    /// When the pages read at once spend the file's budget, only reading in turn tells which
    /// page spent it: they are read again so.
    #[test]
    fn a_budget_spent_at_once_is_counted_again_in_turn() {
        let many = format!("BT /F1 12 Tf 72 700 Td ({}) Tj ET", "A".repeat(300));
        let (bytes, _, _) = pdf(&[many.as_bytes(); 4]);
        let doc = Document::load_mem(&bytes).unwrap();
        // four pages add a batch each to the file's count: the fourth batch is over 1,000
        assert!(on(2, || at_once(&doc, 1000)).is_none());
        assert!(over(outcome(in_turn(&doc, 1000))));
        assert_eq!(
            on(2, || at_once(&doc, 1200)).map(outcome),
            Some(outcome(in_turn(&doc, 1200)))
        );
    }

    /// A page without a size of its own or its parents' is read at Letter's, not a panic that
    /// loses the file.
    #[test]
    fn a_page_without_a_size_is_read_as_letter() {
        let (bytes, _, _) = pdf_with(&[AB, AB, AB], |i| i != 1);
        let pages = pages(&bytes).unwrap();
        assert_eq!(texts(&pages), ["ZY", "ZY", "ZY"]);
        let sizes: Vec<(f32, f32)> = pages.iter().map(|p| (p.width, p.height)).collect();
        assert_eq!(sizes, [(612.0, 792.0); 3]);
        // a box of the page's own is kept
        let (bytes, _, _) = pdf(&[AB]);
        let mut doc = Document::load_mem(&bytes).unwrap();
        let page = doc.get_pages()[&1];
        let own: Vec<Object> = vec![0.into(), 0.into(), 300.into(), 400.into()];
        doc.get_dictionary_mut(page).unwrap().set("MediaBox", own.clone());
        letter_boxes(&mut doc);
        let now = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().clone();
        assert_eq!(format!("{now:?}"), format!("{:?}", Object::Array(own)));
    }

    /// A page that panics the interpreter fails the file as it does read in turn, with the same
    /// message, unless the budget is spent on the pages before it; pages after it do not count.
    #[test]
    fn a_page_that_panics_fails_the_file_alike() {
        // (the second page has no media box: the interpreter's expect panics)
        let many = format!("BT /F1 12 Tf 72 700 Td ({}) Tj ET", "A".repeat(300));
        let (bytes, _, _) = pdf_with(&[AB, AB, many.as_bytes()], |i| i != 1);
        let doc = Document::load_mem(&bytes).unwrap();
        // what reading gives, in words: its outcome, or its panic's message
        let said = |r: std::thread::Result<Pages>| match r {
            Ok(pages) => format!("{:?}", outcome(pages)),
            Err(p) => p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| format!("panic: {s}")))
                .unwrap_or_default(),
        };
        for budget in [1, 2, 100, 1000] {
            let turn = said(crate::read::caught(|| in_turn(&doc, budget)));
            let once = said(crate::read::caught(|| on(2, || at_once(&doc, budget)).unwrap()));
            assert_eq!(once, turn, "budget {budget}");
        }
        // a budget of 1: spent on the first page, before the panic
        assert!(said(crate::read::caught(|| in_turn(&doc, 1))).contains(glyphs::OVER_BUDGET));
        assert!(said(crate::read::caught(|| in_turn(&doc, 2))).contains("MediaBox"));
    }
}
