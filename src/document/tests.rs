use super::*;

fn doc(text: &str) -> (Document, Diagnostics) {
    let mut d = Diagnostics::new();
    let doc = read(text, &mut d);
    (doc, d)
}

#[test]
fn superscript_notes_and_page_break() {
    let text = "A Title Here\n\nJane Doe*\n\n* Jane Doe is a fellow.\n\nIntroduction\n\nThe first claim.¹ And it goes on to say\n\n¹ Note one, accessed May 1, 2020,\n\nA Title Here\n\nthat it continues.²\n\n² Note two.\n\nA Title Here\n\nMore.\n\nA Title Here\n";
    let (d, diags) = doc(text);
    assert_eq!(d.title.as_deref(), Some("A Title Here"));
    assert_eq!(d.authors, vec!["Jane Doe".to_string()]);
    assert_eq!(d.notes.len(), 2);
    let body: Vec<&str> = d.blocks.iter().map(|b| b.inline.text.as_str()).collect();
    assert_eq!(
        body,
        vec![
            "Introduction",
            "The first claim. And it goes on to say that it continues.",
            "More."
        ]
    );
    let b = &d.blocks[1];
    assert_eq!(b.section, vec!["Introduction".to_string()]);
    assert_eq!(b.markers.iter().map(|m| m.n).collect::<Vec<_>>(), vec![1, 2]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn adjacent_markers_keep_spans_on_char_boundaries() {
    let text = "¹\r\n\r\nIbid.a[^1]¹\n\n";
    let (d, _) = doc(text);
    for b in &d.blocks {
        let sp = b.inline.full_span();
        assert!(
            text.get(sp.range()).is_some(),
            "{:?} {:?} {:?}",
            b.inline.text,
            sp,
            b.markers
        );
    }
}
