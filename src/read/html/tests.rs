use super::*;

fn read_page(html: &str) -> Read {
    let mut diags = Diagnostics::new();
    read(html.as_bytes(), &mut diags).expect("read")
}

/// Every marker of the body, in order, with the text of its note.
fn linked(r: &Read) -> Vec<(u32, String)> {
    r.doc
        .blocks
        .iter()
        .flat_map(|b| &b.markers)
        .map(|m| (m.n, r.doc.note(m.n).map(|n| n.inline.text.clone()).unwrap_or_default()))
        .collect()
}

fn body(r: &Read) -> Vec<String> {
    r.doc.blocks.iter().map(|b| b.inline.text.clone()).collect()
}

fn pairs(v: &[(u32, &str)]) -> Vec<(u32, String)> {
    v.iter().map(|&(n, s)| (n, s.to_string())).collect()
}

#[test]
fn pandoc_notes_are_laid_out_like_text() {
    let r = read_page(
        r##"<!DOCTYPE html><html><head><title>A Report</title><style>p{color:red}</style></head><body>
<header id="title-block-header"><h1 class="title">A Report</h1></header>
<nav id="TOC"><ul><li><a href="#bg">Background</a></li></ul></nav>
<h2 id="bg">Background</h2>
<p>Tariffs rose.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> Trade fell.<a href="#fn2" class="footnote-ref" id="fnref2"><sup>2</sup></a></p>
<section class="footnotes" role="doc-endnotes"><hr /><ol>
<li id="fn1"><p>Jane Doe, “Tariffs,” <em>Daily News</em>, 2024.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>Ibid.<a href="#fnref2" class="footnote-back">↩︎</a></p></li>
</ol></section></body></html>"##,
    );
    assert_eq!(
        r.text,
        "A Report\n\n## Background\n\nTariffs rose.[1] Trade fell.[2]\n\nNotes\n\n[1] Jane Doe, “Tariffs,” Daily News, 2024.\n[2] Ibid.\n"
    );
    let note = r.doc.note(1).expect("note 1");
    let news = note.inline.text.find("Daily").expect("Daily");
    assert!(note.inline.emphasised(news, news + 10));
    assert_eq!(
        r.doc.blocks.get(1).map(|b| b.section.clone()),
        Some(vec!["Background".to_string()])
    );
}

#[test]
fn a_named_reference_cited_twice_is_one_note() {
    let r = read_page(
        r##"<p>First.<sup id="cite_ref-smith_1-0" class="reference"><a href="#cite_note-smith-1">[1]</a></sup>
Second.<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup>
Third.<sup id="cite_ref-smith_1-1" class="reference"><a href="#cite_note-smith-1">[1]</a></sup>
Aside.<sup id="cite_ref-3" class="reference"><a href="#cite_note-3">[a]</a></sup></p>
<ol class="references">
<li id="cite_note-smith-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-smith_1-0"><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-smith_1-1"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text">Smith, <i>Fish</i>, 2001.</span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> <span class="reference-text">Roe, <i>Boats</i>, 1999.</span></li>
<li id="cite_note-3"><span class="mw-cite-backlink"><b><a href="#cite_ref-3">^</a></b></span> <span class="reference-text">An aside.</span></li>
</ol>"##,
    );
    assert_eq!(
        linked(&r),
        pairs(&[
            (1, "Smith, Fish, 2001."),
            (2, "Roe, Boats, 1999."),
            (1, "Smith, Fish, 2001."),
            // a lettered note follows the numbered ones
            (3, "An aside."),
        ])
    );
    assert_eq!(body(&r), vec!["First. Second. Third. Aside."]);
}

#[test]
fn an_ordinal_or_a_power_is_not_a_marker() {
    let r = read_page(
        r##"<p>In the 119<sup>th</sup> Congress, 10<sup>6</sup> tonnes moved.<sup><a href="#n1" id="r1">1</a></sup></p>
<p id="n1"><a href="#r1">1.</a> A note.</p>"##,
    );
    assert_eq!(body(&r), vec!["In the 119th Congress, 10⁶ tonnes moved."]);
    assert_eq!(linked(&r), pairs(&[(1, "A note.")]));
}

#[test]
fn brackets_and_commas_around_markers_go_with_them() {
    let r = read_page(
        r##"<p>A claim.<sup>[<a href="#n1">1</a>]</sup> Another.<sup><a href="#n2">2</a>, <a href="#n3">3</a></sup></p>
<div class="notes"><p id="n1">One, <i>Work</i>, 2001.</p><p id="n2">Two, <i>Work</i>, 2002.</p><p id="n3">Three, <i>Work</i>, 2003.</p></div>"##,
    );
    assert_eq!(body(&r), vec!["A claim. Another."]);
    assert_eq!(linked(&r).len(), 3);
}

#[test]
fn a_link_to_a_section_is_not_a_marker() {
    let r = read_page(r##"<p>See part <a href="#p2">2</a>.</p><h2 id="p2">Part two</h2><p>Text.</p>"##);
    assert!(r.doc.notes.is_empty());
    assert_eq!(body(&r), vec!["See part 2.", "Part two", "Text."]);
}

#[test]
fn notes_in_a_table_and_back_links_named_like_markers() {
    let r = read_page(
        r##"<P>Signed in 1980.<SUP><A HREF="#fn1" NAME="ifn1">1</A></SUP> Ratified later.<SUP><A HREF="#fn2" NAME="ifn2">2</A></SUP>
<TABLE><TR><TD><A HREF="#ifn1" NAME="fn1">1</A></TD><TD>Treaty Series, vol. 1276.</TD></TR>
<TR><TD><A HREF="#ifn2" NAME="fn2">2</A></TD><TD>Ibid., Article 9.</TD></TR></TABLE>"##,
    );
    assert_eq!(
        linked(&r),
        pairs(&[(1, "Treaty Series, vol. 1276."), (2, "Ibid., Article 9.")])
    );
    assert!(r.doc.tables.is_empty(), "the notes' rows are notes, not a table");
}

#[test]
fn several_notes_in_one_paragraph_are_cut_at_their_anchors() {
    let r = read_page(
        r##"<p>One.<a href="#f1">1</a> Two.<a href="#f2">2</a></p>
<p><a name="f1"></a>1. Ann Lee, <i>Rivers</i>, 2010.<br><a name="f2"></a>2. Bo Chan, <i>Lakes</i>, 2012.</p>"##,
    );
    assert_eq!(
        linked(&r),
        pairs(&[(1, "Ann Lee, Rivers, 2010."), (2, "Bo Chan, Lakes, 2012.")])
    );
}

#[test]
fn lists_numbered_afresh_are_numbered_in_document_order() {
    let r = read_page(
        r##"<h2>One</h2><p>A.<a href="#a1">1</a> B.<a href="#a2">2</a></p>
<ol><li id="a1">Note A.</li><li id="a2">Note B.</li></ol>
<h2>Two</h2><p>C.<a href="#b1">1</a></p><ol><li id="b1">Note C.</li></ol>"##,
    );
    assert_eq!(linked(&r), pairs(&[(1, "Note A."), (2, "Note B."), (3, "Note C.")]));
    // the printed number stays in the text, and the graph's numbers name one note each
    assert!(r.text.contains("C.[3]"), "{}", r.text);
}

#[test]
fn links_in_notes_are_kept_for_the_citation() {
    let r = read_page(
        r##"<p>Claim.<a href="#n1">1</a></p><ol><li id="n1">Ann Lee, “<a href="https://example.org/rivers">Rivers</a>,” <em>Water</em>, 2010.</li></ol>"##,
    );
    let note = r.doc.note(1).expect("note");
    assert_eq!(note.inline.text, "Ann Lee, “Rivers,” Water, 2010.");
    let links: Vec<&str> = note.inline.links.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(links, vec!["https://example.org/rivers"]);
}

#[test]
fn page_chrome_is_dropped() {
    let r = read_page(
        r##"<html><head><title>T</title><script>var x = "<p>no</p>";</script></head><body>
<header><nav><a href="/">Home</a></nav></header>
<div role="navigation">Menu</div>
<main><h1>Title</h1><p>Kept.<span class="sr-only">Hidden</span><span style="display: none">Gone</span></p>
<form><label>Email</label><input name="e"><button>Go</button></form></main>
<aside>Sidebar</aside><footer>Copyright</footer></body></html>"##,
    );
    assert_eq!(body(&r), vec!["Title", "Kept."]);
    assert_eq!(r.doc.title.as_deref(), Some("Title"));
}

#[test]
fn unlinked_superscripts_with_a_notes_list() {
    let r = read_page(
        r##"<h1>Rails</h1><p>A concession in 1899.<sup>1</sup> Welcomed at first.<sup>2</sup> An area of 5 km<sup>2</sup>.</p>
<h2>Notes</h2><ol><li>Earle, <em>Turkey</em>, 1923, 67.</li><li>Ibid., 181.</li></ol>"##,
    );
    assert_eq!(
        linked(&r),
        pairs(&[(1, "Earle, Turkey, 1923, 67."), (2, "Ibid., 181.")])
    );
    assert!(
        body(&r).iter().any(|b| b.ends_with("An area of 5 km².")),
        "{:?}",
        body(&r)
    );
}

#[test]
fn unlinked_notes_after_each_section() {
    let r = read_page(
        r##"<h2>One</h2><p>A.<sup>1</sup> B.<sup>2</sup></p><hr><p><sup>1</sup> Note A.</p><p><sup>2</sup> Note B.</p>
<h2>Two</h2><p>C.<sup>1</sup></p><hr><p>1. Note C.</p>"##,
    );
    assert_eq!(linked(&r), pairs(&[(1, "Note A."), (2, "Note B."), (3, "Note C.")]));
    assert_eq!(body(&r), vec!["One", "A. B.", "Two", "C."]);
}

#[test]
fn a_numbered_list_without_notes_context_is_not_notes() {
    let r = read_page(r##"<p>Three steps.<sup>1</sup></p><ol><li>First step here.</li><li>Second.</li></ol>"##);
    assert!(r.doc.notes.is_empty());
    assert_eq!(body(&r).len(), 3);
}

#[test]
fn hostile_pages_are_refused_in_one_line_or_read() {
    let mut diags = Diagnostics::new();
    let deep = "<div>".repeat(20_000);
    let e = read(deep.as_bytes(), &mut diags).expect_err("too deep");
    assert!(!e.0.contains('\n'));
    let attrs = format!(
        "<p {}>x",
        (0..2000).map(|i| format!("a{i}")).collect::<Vec<_>>().join(" ")
    );
    assert!(read(attrs.as_bytes(), &mut diags).is_err());
    for junk in [
        &b"\xff\xfe\x00<\x00p"[..],
        b"<a href=#>1</a><a name=>",
        b"<sup><a href='#x'>1</a></sup><p id=x>",
        b"",
    ] {
        let _ = read(junk, &mut diags);
    }
}

#[test]
fn a_note_that_points_at_itself_or_back_is_no_marker() {
    // a link to an earlier place, and a link inside its own note, are not markers
    let r = read_page(
        r##"<p id="top">Start.</p><p>Back to <a href="#top">1</a>. <span id="s"><a href="#s">2</a> self</span></p>"##,
    );
    assert!(r.doc.notes.is_empty());
}
