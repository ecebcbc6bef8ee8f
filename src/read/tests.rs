use super::*;
use crate::document::BlockKind;
use std::path::Path;

#[test]
fn formats_are_told_by_content_then_extension() {
    let p = Path::new("x.md");
    assert_eq!(Format::sniff(p, b"%PDF-1.7\n..."), Format::Pdf);
    assert_eq!(Format::sniff(p, b"\xef\xbb\xbf  <!DOCTYPE HTML><html>"), Format::Html);
    assert_eq!(Format::sniff(p, b"<html lang=en>"), Format::Html);
    assert_eq!(Format::sniff(p, b"PK\x03\x04....word/document.xml...."), Format::Docx);
    assert_eq!(Format::sniff(p, b"PK\x03\x04 a zip of something else"), Format::Text);
    assert_eq!(Format::sniff(p, b"# Title\n\nText."), Format::Text);
    assert_eq!(Format::sniff(Path::new("page.HTM"), b"<p>fragment</p>"), Format::Html);
    assert_eq!(Format::sniff(Path::new("x.pdf"), b"garbage"), Format::Pdf);
}

fn text(s: &str) -> Piece {
    Piece::text(s)
}

#[test]
fn writer_lays_out_text_and_keeps_spans_exact() {
    let place = |page| Place {
        page,
        bbox: [10.0, 20.0, 30.0, 40.0],
    };
    let mut w = Writer::new(Format::Pdf);
    w.title("A  Report\n", vec!["Ana Ruiz".into()]);
    w.heading(1, &[text("Background")]);
    w.block(
        BlockKind::Paragraph,
        &[
            Piece::Text {
                text: "Tariffs rose\nin 2024.".into(),
                emphasis: false,
                link: None,
                place: Some(place(1)),
            },
            Piece::Marker {
                n: 1,
                place: Some(place(1)),
            },
            Piece::Text {
                text: " Trade fell in ".into(),
                emphasis: false,
                link: None,
                place: Some(place(2)),
            },
            Piece::Text {
                text: "Chile".into(),
                emphasis: true,
                link: Some("https://example.org/chile".into()),
                place: Some(place(2)),
            },
            text("."),
            Piece::marker(2),
        ],
    );
    w.note(
        1,
        vec![
            text("Jane Doe, “Tariffs,” "),
            Piece::Text {
                text: "Daily News".into(),
                emphasis: true,
                link: None,
                place: None,
            },
            text(", 2024."),
        ],
    );
    w.note(2, vec![text("Ibid.")]);
    let mut diags = Diagnostics::new();
    let r = w.finish(&mut diags);
    assert_eq!(
        r.text,
        "A Report\n\nAna Ruiz\n\n# Background\n\nTariffs rose in 2024.[1] Trade fell in Chile.[2]\n\nNotes\n\n[1] Jane Doe, “Tariffs,” Daily News, 2024.\n[2] Ibid.\n"
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(r.doc.title.as_deref(), Some("A Report"));
    let para = r.doc.blocks.get(1).expect("paragraph");
    assert_eq!(para.section, vec!["Background".to_string()]);
    assert_eq!(para.inline.text, "Tariffs rose in 2024. Trade fell in Chile.");
    let ms: Vec<(u32, &str)> = para.markers.iter().map(|m| (m.n, m.span.slice(&r.text))).collect();
    assert_eq!(ms, vec![(1, "[1]"), (2, "[2]")]);
    // every clean byte maps back to the same byte of the text
    let t = &para.inline.text;
    let chile = t.find("Chile").expect("Chile");
    assert_eq!(para.inline.span(chile, chile + 5).slice(&r.text), "Chile");
    assert!(para.inline.emphasised(chile, chile + 5));
    assert_eq!(
        para.inline.links.first().map(|l| l.1.as_str()),
        Some("https://example.org/chile")
    );
    let note = r.doc.note(1).expect("note 1");
    assert_eq!(note.span.slice(&r.text), "[1] Jane Doe, “Tariffs,” Daily News, 2024.");
    let news = note.inline.text.find("Daily").expect("Daily");
    assert!(note.inline.emphasised(news, news + 10));
    // the page of a sentence is where it starts; its box covers its pieces on that page
    let whole = para.inline.full_span();
    assert_eq!(r.layout.locate(whole).map(|p| p.page), Some(1));
}

#[test]
fn markers_without_notes_are_warned_about() {
    let mut w = Writer::new(Format::Html);
    w.block(BlockKind::Paragraph, &[text("A claim."), Piece::marker(3)]);
    let mut diags = Diagnostics::new();
    let _ = w.finish(&mut diags);
    assert_eq!(diags.len(), 1);
}
