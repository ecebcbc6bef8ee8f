//! The PDF reader's layout analysis (lines, furniture, notes, reading order, paragraphs) over
//! glyphs made from the input bytes: no panic is allowed here, caught or not, and the output's
//! spans must index its text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use policykg::read::pdf::glyphs::{Glyph, Page};

/// Eight bytes a glyph: a character, x, y, size, advance (each a byte scaled to the page) and a
/// page break flag.
fn pages(data: &[u8]) -> Vec<Page> {
    const CHARS: &[&str] = &["a", "e", "T", " ", ".", "1", "2", "3", "“", "-", "/", "h", "fi", "•", "x", "9"];
    let mut pages = vec![Page { number: 1, width: 612.0, height: 792.0, ..Page::default() }];
    for g in data.chunks_exact(8) {
        let [c, x, y, y2, size, adv, flags, _] = [g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]];
        if flags & 0x80 != 0 && pages.len() < 64 {
            let n = pages.len() as u32 + 1;
            pages.push(Page { number: n, width: 612.0, height: 792.0, ..Page::default() });
        }
        let Some(page) = pages.last_mut() else { return pages };
        page.glyphs.push(Glyph {
            text: CHARS[usize::from(c) % CHARS.len()].to_string(),
            x: f32::from(x) * 2.4,
            y: f32::from(y) * 3.0 + f32::from(y2) / 64.0,
            size: 4.0 + f32::from(size % 40),
            advance: f32::from(adv) / 16.0,
        });
    }
    pages
}

fuzz_target!(|data: &[u8]| {
    let mut diags = policykg::diag::Diagnostics::new();
    let r = policykg::read::pdf::layout(pages(data), data.first().is_some_and(|b| b & 1 == 1), &mut diags);
    for b in &r.doc.blocks {
        assert!(r.text.get(b.inline.full_span().range()).is_some());
        for m in &b.markers {
            assert!(r.text.get(m.span.range()).is_some());
        }
    }
    for n in &r.doc.notes {
        assert!(r.text.get(n.span.range()).is_some());
    }
});
