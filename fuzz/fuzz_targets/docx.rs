//! The DOCX reader on any bytes: no panic, no hang, and a document it reads has every span inside
//! its text. An input that starts with `PK` is taken as the zip it is (the archive layer: headers,
//! sizes, inflating); any other is the XML of the parts, split at lines `%%`, packed here into a
//! zip (stored, so that every mutation reaches the XML): document, footnotes, endnotes, styles,
//! the document's relationships, the footnotes' relationships, core properties.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

const PARTS: [&str; 7] = [
    "word/document.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/styles.xml",
    "word/_rels/document.xml.rels",
    "word/_rels/footnotes.xml.rels",
    "docProps/core.xml",
];

const ROOT: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

fuzz_target!(|data: &[u8]| {
    let packed;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        packed = package(data);
        &packed
    };
    let mut diags = policykg::diag::Diagnostics::new();
    let Ok(r) = policykg::read::docx::read(bytes, &mut diags) else { return };
    let text = &r.text;
    for b in &r.doc.blocks {
        assert!(b.inline.full_span().end as usize <= text.len(), "block span past the text");
        for m in &b.markers {
            assert!(text.get(m.span.range()).is_some(), "marker span off the text");
        }
    }
    for n in &r.doc.notes {
        assert!(text.get(n.span.range()).is_some(), "note span off the text");
    }
    // the stages after reading, on what a small document gives (the `pipeline` target fuzzes
    // them at length; whole reports here would slow the reader's fuzzing tenfold)
    if r.text.len() <= 16 * 1024 {
        let g = policykg::build_read("fuzz", "fuzz.docx", r, diags, policykg::default_lexicon());
        let _ = policykg::render("fuzz", &g, &[policykg::Format::Json]);
    }
});

/// The parts split at `\n%%\n`, zipped without compression.
fn package(data: &[u8]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8]| {
        if z.start_file(name, opts).is_ok() {
            let _ = z.write_all(bytes);
        }
    };
    add("_rels/.rels", ROOT.as_bytes());
    for (name, part) in PARTS.iter().zip(split(data)) {
        add(name, part);
    }
    z.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn split(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(4).position(|w| w == b"\n%%\n") {
            Some(at) => {
                rest = r.get(at + 4..);
                r.get(..at)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}
