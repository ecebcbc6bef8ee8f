//! A PDF's pages → the glyphs drawn on them, with position, size and advance.
//!
//! Takes: a loaded PDF (lopdf, through pdf-extract's content-stream interpreter, which decodes
//! the fonts). Gives: for each page its size and its [`Glyph`]s in drawing order, and the thin
//! horizontal rules drawn on it (LaTeX draws the footnote rule; Word's is a glyph or nothing).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One glyph as drawn: its text (a ligature decodes to several characters), the origin of its
/// baseline, its size (the font size scaled by the text matrix) and its advance, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub advance: f32,
}

impl Glyph {
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// A page: its media box and what is drawn on it.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    /// Glyphs drawn turned (a landscape table, a margin note): counted, not read.
    pub turned: usize,
    /// Thin horizontal rules: (x0, x1, y).
    pub rules: Vec<(f32, f32, f32)>,
}

/// Collects the glyphs of every page, up to a budget of characters: a file that draws more
/// (a form drawn within itself many times over) stops with an error instead of hanging.
pub struct Collector<'a> {
    pub pages: Vec<Page>,
    budget: usize,
    /// Characters drawn, each counted against the budget (the one that finds it spent too).
    pub drawn: usize,
    /// Where pages are read at once, each by a collector of its own: the whole file's count,
    /// to which each adds what it draws, a batch at a time, and whether this collector stopped
    /// because the file's budget was spent.
    shared: Option<&'a AtomicUsize>,
    pub cut: bool,
    origin: (f32, f32),
}

/// How many characters a collector draws before it adds them to the file's count.
const BATCH: usize = 256;

/// The error a [`Collector`] stops with when its budget is spent.
pub const OVER_BUDGET: &str = "draws more text than any document of its size could hold";

/// That error, as the interpreter passes it on.
pub fn over_budget() -> OutputError {
    OutputError::IoError(std::io::Error::other(OVER_BUDGET))
}

impl<'a> Collector<'a> {
    /// A collector of a whole file, or with `shared`, of one of its pages read at once with
    /// the others (each page within the file's budget, and all of them together).
    pub fn new(budget: usize, shared: Option<&'a AtomicUsize>) -> Collector<'a> {
        Collector {
            pages: Vec::new(),
            budget,
            drawn: 0,
            shared,
            cut: false,
            origin: (0.0, 0.0),
        }
    }

    fn page(&mut self) -> Option<&mut Page> {
        self.pages.last_mut()
    }
}

fn len(a: f64, b: f64) -> f64 {
    (a * a + b * b).sqrt()
}

impl OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        number: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.origin = (media.llx as f32, media.lly as f32);
        self.pages.push(Page {
            number,
            width: (media.urx - media.llx).abs() as f32,
            height: (media.ury - media.lly).abs() as f32,
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.drawn += 1;
        if self.drawn > self.budget {
            return Err(over_budget());
        }
        if let Some(file) = self.shared.filter(|_| self.drawn.is_multiple_of(BATCH)) {
            if file.fetch_add(BATCH, Ordering::Relaxed) + BATCH > self.budget {
                self.cut = true;
                return Err(over_budget());
            }
        }
        let (ox, oy) = self.origin;
        let Some(page) = self.page() else { return Ok(()) };
        // upright text only: the x axis of the glyph runs along the page's
        if trm.m11 <= 0.0 || trm.m12.abs() > trm.m11.abs() * 0.05 {
            page.turned += 1;
            return Ok(());
        }
        let size = (font_size * len(trm.m21, trm.m22)).abs() as f32;
        let advance = (width * font_size * len(trm.m11, trm.m12)).abs() as f32;
        if !size.is_finite() || !advance.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let text: String = text.chars().filter(|c| *c != '\0').collect();
        if text.is_empty() {
            return Ok(());
        }
        page.glyphs.push(Glyph {
            text,
            x: trm.m31 as f32 - ox,
            y: trm.m32 as f32 - oy,
            size,
            advance,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        use pdf_extract::PathOp;
        let (ox, oy) = self.origin;
        let Some(page) = self.page() else { return Ok(()) };
        // a rule is one straight horizontal segment
        if let [PathOp::MoveTo(x0, y0), PathOp::LineTo(x1, y1)] = path.ops.as_slice() {
            if (y0 - y1).abs() < 0.5 {
                let at = |x: f64, y: f64| (x * ctm.m11 + y * ctm.m21 + ctm.m31, x * ctm.m12 + y * ctm.m22 + ctm.m32);
                let (a, b) = (at(*x0, *y0), at(*x1, *y1));
                if (a.1 - b.1).abs() < 0.5 {
                    page.rules
                        .push((a.0.min(b.0) as f32 - ox, a.0.max(b.0) as f32 - ox, a.1 as f32 - oy));
                }
            }
        }
        Ok(())
    }
}

/// The streams the document's fonts are made from, decompressed once, in place.
///
/// pdf-extract makes a page's fonts anew on every page (a font's resource name holds only within
/// its page's resources), and making a font decompresses the streams it is made from: the
/// program the document embeds for it (`FontFile`, `FontFile2`, `FontFile3`) and its character
/// maps (`ToUnicode`, an `Encoding` CMap). A report's few fonts were so inflated once per page
/// each: 14% of reading a PDF. Decompressed here, each is inflated once; the interpreter then
/// reads the same bytes. A stream that does not decompress is left as it is, as the interpreter
/// would have read it; so are the streams past [`UNPACKED`] times the file's size in all (a file
/// of compressed junk fonts, which the interpreter would inflate only if a page used them, and
/// then one at a time).
pub fn unpack_fonts(doc: &mut pdf_extract::Document, size: usize) {
    let mut files = std::collections::BTreeSet::new();
    for o in doc.objects.values() {
        font_files(o, 0, &mut files);
    }
    let mut room = size.saturating_mul(UNPACKED).max(UNPACKED_FLOOR);
    for id in files {
        if let Ok(pdf_extract::Object::Stream(s)) = doc.get_object_mut(id) {
            if !s.is_compressed() {
                continue;
            }
            // (left compressed if it does not decompress: the interpreter falls back alike)
            let Ok(plain) = s.decompressed_content() else { continue };
            let Some(left) = room.checked_sub(plain.len()) else {
                break;
            };
            room = left;
            s.set_plain_content(plain);
        }
    }
}

/// What [`unpack_fonts`] may hold: so many times the file's size, and at least the floor.
const UNPACKED: usize = 8;
const UNPACKED_FLOOR: usize = 16 << 20;

/// The keys by which a font or its descriptor names the streams it is made from.
const FONT_STREAMS: [&[u8]; 5] = [b"FontFile", b"FontFile2", b"FontFile3", b"ToUnicode", b"Encoding"];

/// The dictionaries that name them: fonts (a Type0 font's descendants within it) and font
/// descriptors.
const FONT_TYPES: [&[u8]; 2] = [b"Font", b"FontDescriptor"];

/// How deep [`font_files`] looks into an object's direct dictionaries and lists: a font's
/// descriptor is an indirect object, or a direct one within the font (two levels).
const FONT_DEPTH: usize = 4;

/// The streams that font dictionaries within `o` name (see [`FONT_STREAMS`]).
fn font_files(o: &pdf_extract::Object, depth: usize, files: &mut std::collections::BTreeSet<pdf_extract::ObjectId>) {
    use pdf_extract::Object;
    let dict = match o {
        Object::Dictionary(d) => d,
        Object::Array(a) if depth < FONT_DEPTH => {
            a.iter().for_each(|x| font_files(x, depth + 1, files));
            return;
        }
        _ => return,
    };
    let font = dict
        .get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|t| FONT_TYPES.contains(&t));
    for (k, v) in dict.iter() {
        match v {
            Object::Reference(id) if font && FONT_STREAMS.contains(&k.as_slice()) => {
                files.insert(*id);
            }
            Object::Dictionary(_) | Object::Array(_) if depth < FONT_DEPTH => font_files(v, depth + 1, files),
            _ => {}
        }
    }
}
