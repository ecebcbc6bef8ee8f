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

#[test]
fn notes_one_to_a_line_are_split_at_the_next_number() {
    let text = "# Title\n\nBody.<sup>1</sup> More.<sup>2</sup> Last.<sup>3</sup>\n\n---\n\n1 Jane Doe, “A Title,” 2020.\n2 Ibid, 8.\n4 not the next number\n3 “Another,” 2021.\n";
    let (d, diags) = doc(text);
    let notes: Vec<(u32, &str)> = d.notes.iter().map(|n| (n.n, n.inline.text.as_str())).collect();
    assert_eq!(
        notes,
        vec![
            (1, "Jane Doe, “A Title,” 2020."),
            (2, "Ibid, 8. 4 not the next number"),
            (3, "“Another,” 2021.")
        ]
    );
    for n in &d.notes {
        assert!(text
            .get(n.span.range())
            .is_some_and(|s| s.starts_with(&n.n.to_string())));
    }
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn restarted_numbering_names_the_notes_of_each_section() {
    let text = "# T\n\n## A\n\nOne.<sup>1</sup> Two.<sup>2</sup>\n\n---\n\n1. “A1,” 2020.\n2. “A2,” 2020.\n\n## B\n\nThree.<sup>1</sup> Four.<sup>2</sup>\n\n---\n\n1. “B1,” 2021.\n2. “B2,” 2021.\n";
    let (d, diags) = doc(text);
    let notes: Vec<(u32, &str)> = d.notes.iter().map(|n| (n.n, n.inline.text.as_str())).collect();
    assert_eq!(
        notes,
        vec![
            (1, "“A1,” 2020."),
            (2, "“A2,” 2020."),
            (3, "“B1,” 2021."),
            (4, "“B2,” 2021.")
        ]
    );
    let markers: Vec<u32> = d.blocks.iter().flat_map(|b| b.markers.iter().map(|m| m.n)).collect();
    assert_eq!(markers, vec![1, 2, 3, 4]);
    assert_eq!(d.note(3).map(|n| n.inline.text.as_str()), Some("“B1,” 2021."));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn a_restarted_marker_without_its_note_in_its_section_looks_back_then_warns() {
    let text = "# T\n\n## A\n\nOne.<sup>1</sup> Two.<sup>2</sup> Three.<sup>3</sup>\n\n---\n\n1. “A1,” 2020.\n2. “A2,” 2020.\n3. “A3,” 2020.\n\n## B\n\nFour.<sup>1</sup> Again.<sup>3</sup> Lost.<sup>9</sup>\n\n---\n\n1. “B1,” 2021.\n";
    let (d, diags) = doc(text);
    let markers: Vec<u32> = d.blocks.iter().flat_map(|b| b.markers.iter().map(|m| m.n)).collect();
    // B's 1 is the fourth note; its 3 is A's; its 9 names no note
    assert_eq!(markers, vec![1, 2, 3, 4, 3]);
    let lost = d
        .blocks
        .iter()
        .find(|b| b.inline.text.starts_with("Four"))
        .map(|b| b.inline.text.as_str());
    assert_eq!(lost, Some("Four. Again. Lost."));
    assert_eq!(diags.len(), 1, "{diags:?}");
}

#[test]
fn notes_headings_in_any_case_and_markup() {
    for h in [
        "## Notes",
        "REFERENCES AND NOTES",
        "*Endnotes:*",
        "  Footnotes  ",
        "Notes and References",
    ] {
        assert!(lines::notes_heading(h), "{h:?}");
    }
    for h in [
        "Notes on the war",
        "Sources of tension in the region",
        "",
        "Referencesx",
    ] {
        assert!(!lines::notes_heading(h), "{h:?}");
    }
}

proptest::proptest! {
    /// The first byte found sixteen at a time is the first found one by one, for the scans that
    /// use it (a sentence's end mark, a character a clause drops, one DOT escapes), at every
    /// length around a block of sixteen and the mark anywhere.
    #[test]
    fn first_byte_is_the_first_by_position(text in "[a-z .?!\"(),\\\\\n\u{7f}\u{85}é…“”—]{0,60}") {
        let bytes = text.as_bytes();
        let tests: [fn(u8) -> bool; 3] = [
            |b| matches!(b, b'.' | b'?' | b'!' | 0xe2),
            |b| matches!(b, b'"' | b'(' | b')' | b',' | 0xE2),
            |b| b < 0x20 || matches!(b, b'"' | b'\\' | 0x7f | 0xc2),
        ];
        for is in tests {
            proptest::prop_assert_eq!(first_byte(bytes, is), bytes.iter().position(|&b| is(b)));
        }
    }
}
