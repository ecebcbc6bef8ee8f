use super::*;
use std::io::Write;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

/// A part of notes (`footnotes` or `endnotes`) with Word's two separators first.
fn notes(kind: &str, inner: &str) -> String {
    let one = kind.trim_end_matches('s');
    format!(
        r#"<?xml version="1.0"?><w:{kind} {NS}><w:{one} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{one}><w:{one} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{one}>{inner}</w:{kind}>"#
    )
}

/// A note as Word writes it: its own reference mark first.
fn note(kind: &str, id: u32, runs: &str) -> String {
    let mark = if kind == "footnote" {
        "footnoteRef"
    } else {
        "endnoteRef"
    };
    format!(
        r#"<w:{kind} w:id="{id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{mark}/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:{kind}>"#
    )
}

fn p(style: &str, runs: &str) -> String {
    if style.is_empty() {
        format!("<w:p>{runs}</w:p>")
    } else {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
    }
}

fn t(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn fref(id: u32) -> String {
    format!(r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#)
}

fn eref(id: u32) -> String {
    format!(r#"<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{id}"/></w:r>"#)
}

const STYLES: &str = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style>
<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/></w:style>
<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
</w:styles>"#;

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn rels(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in items {
        let mode = if *kind == "hyperlink" {
            r#" TargetMode="External""#
        } else {
            ""
        };
        s.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"{mode}/>"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        z.start_file(*name, opts).expect("entry");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("zip").into_inner()
}

/// A package of a body and optional notes, with styles and the usual relationships.
fn package(body: &str, footnotes: Option<&str>, endnotes: Option<&str>, extra: &[(&str, &str)]) -> Vec<u8> {
    let doc = document(body);
    let mut parts: Vec<(&str, Vec<u8>)> = vec![
        ("word/document.xml", doc.into_bytes()),
        ("word/styles.xml", STYLES.as_bytes().to_vec()),
        (
            "word/_rels/document.xml.rels",
            rels(&[
                ("rId1", "styles", "styles.xml"),
                ("rId2", "footnotes", "footnotes.xml"),
                ("rId3", "endnotes", "endnotes.xml"),
                ("rId9", "hyperlink", "https://example.org/body-link"),
            ])
            .into_bytes(),
        ),
    ];
    if let Some(f) = footnotes {
        parts.push(("word/footnotes.xml", notes("footnotes", f).into_bytes()));
    }
    if let Some(e) = endnotes {
        parts.push(("word/endnotes.xml", notes("endnotes", e).into_bytes()));
    }
    for (name, text) in extra {
        parts.push((name, text.as_bytes().to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    zip(&refs)
}

fn read_ok(bytes: &[u8]) -> Read {
    let mut diags = Diagnostics::new();
    read(bytes, &mut diags).expect("a readable DOCX")
}

fn problem(bytes: &[u8], limits: Limits) -> String {
    let mut diags = Diagnostics::new();
    match read_with(bytes, limits, &mut diags) {
        Ok(r) => panic!("read, but should be refused: {}", r.text),
        Err(p) => p.0,
    }
}

/// (marker number, its note's text) for every marker of the document, in order.
fn linked(r: &Read) -> Vec<(u32, String)> {
    r.doc
        .blocks
        .iter()
        .flat_map(|b| &b.markers)
        .map(|m| {
            let note = r.doc.note(m.n).map(|n| n.inline.text.clone()).unwrap_or_default();
            (m.n, note)
        })
        .collect()
}

#[test]
fn notes_are_numbered_by_their_references_whatever_their_ids() {
    // Word's ids start at 1, and after an edit they need not follow the text
    let body = p(
        "",
        &format!(
            "{}{}{}{}{}{}",
            t("Grain exports rose."),
            fref(2),
            t(" Freight rates fell."),
            fref(1),
            t(" Ports reopened."),
            fref(3)
        ),
    );
    let foot = [
        note("footnote", 1, &t("Lena Ortiz, “Freight,” Baltic Review, May 2, 2021.")),
        note("footnote", 2, &t("Omar Haddad, “Grain,” Harvest Quarterly, 2020.")),
        note("footnote", 3, &t("Port Authority, Annual Report 2021.")),
    ]
    .concat();
    let r = read_ok(&package(&body, Some(&foot), None, &[]));
    let got = linked(&r);
    assert_eq!(
        got,
        vec![
            (1, "Omar Haddad, “Grain,” Harvest Quarterly, 2020.".to_string()),
            (2, "Lena Ortiz, “Freight,” Baltic Review, May 2, 2021.".to_string()),
            (3, "Port Authority, Annual Report 2021.".to_string()),
        ]
    );
    assert!(
        r.text
            .contains("Grain exports rose.[1] Freight rates fell.[2] Ports reopened.[3]"),
        "{}",
        r.text
    );
    // the separators are no notes
    assert_eq!(r.doc.notes.len(), 3);
}

#[test]
fn footnotes_and_endnotes_are_numbered_on_through_both() {
    let body = p(
        "",
        &format!("{}{}{}{}{}{}", t("A."), fref(1), t(" B."), eref(1), t(" C."), fref(2)),
    );
    let foot = [
        note("footnote", 1, &t("Foot one.")),
        note("footnote", 2, &t("Foot two.")),
    ]
    .concat();
    let end = note("endnote", 1, &t("End one."));
    let r = read_ok(&package(&body, Some(&foot), Some(&end), &[]));
    let got: Vec<(u32, String)> = linked(&r);
    assert_eq!(
        got,
        vec![
            (1, "Foot one.".to_string()),
            (2, "End one.".to_string()),
            (3, "Foot two.".to_string())
        ]
    );
}

#[test]
fn links_in_notes_come_from_the_notes_own_relationships_and_from_fields() {
    let body = p(
        "",
        &format!(
            "{}{}{}{}{}{}",
            t("One."),
            fref(1),
            t(" Two."),
            fref(2),
            t(" Three."),
            fref(3)
        ),
    );
    let foot = [
        note(
            "footnote",
            1,
            &format!(r#"{}<w:hyperlink r:id="rId4">{}</w:hyperlink>{}"#, t("See the "), t("ministry’s page"), t(".")),
        ),
        note(
            "footnote",
            2,
            &format!(
                r#"{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.net/fleet" \o "Fleet"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}"#,
                t("Tomas Berg, “Fleet Renewal,” "),
                t("online"),
                t(", 2022.")
            ),
        ),
        // a field never updated: no result, its target is all there is
        note(
            "footnote",
            3,
            &format!(r#"{}<w:fldSimple w:instr=" HYPERLINK &quot;https://example.com/tide&quot; "/>"#, t("Tide tables, ")),
        ),
    ]
    .concat();
    let own = rels(&[("rId4", "hyperlink", "https://example.gov/ministry")]);
    let r = read_ok(&package(
        &body,
        Some(&foot),
        None,
        &[("word/_rels/footnotes.xml.rels", &own)],
    ));
    let n1 = r.doc.note(1).expect("note 1");
    assert_eq!(n1.inline.text, "See the ministry’s page.");
    assert_eq!(
        n1.inline.links.first().map(|l| l.1.as_str()),
        Some("https://example.gov/ministry")
    );
    let n2 = r.doc.note(2).expect("note 2");
    assert_eq!(n2.inline.text, "Tomas Berg, “Fleet Renewal,” online, 2022.");
    assert_eq!(
        n2.inline.links.first().map(|l| l.1.as_str()),
        Some("https://example.net/fleet")
    );
    let n3 = r.doc.note(3).expect("note 3");
    assert_eq!(n3.inline.text, "Tide tables, https://example.com/tide");
}

#[test]
fn headings_come_from_outline_levels_and_style_names() {
    let styles = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Kapitel"><w:name w:val="Kapitel"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>"#;
    let body = [
        p("berschrift1", &t("Rivers")),
        p("Kapitel", &t("Dams")),
        p("", &format!("{}{}", t("Silt built up."), fref(1))),
        r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Turbines</w:t></w:r></w:p>"#.to_string(),
        p("", &format!("{}{}", t("Output fell."), fref(2))),
        // body-text level overrides a heading style
        r#"<w:p><w:pPr><w:pStyle w:val="Kapitel"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Not a heading.</w:t></w:r></w:p>"#.to_string(),
        p("berschrift1", &t("Coasts")),
    ]
    .concat();
    let foot = [note("footnote", 1, &t("N1.")), note("footnote", 2, &t("N2."))].concat();
    let doc = document(&body);
    let bytes = zip(&[
        ("word/document.xml", doc.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/footnotes.xml", notes("footnotes", &foot).as_bytes()),
    ]);
    let r = read_ok(&bytes);
    let heads: Vec<(u8, String)> = r
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some((level, b.inline.text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        heads,
        vec![
            (1, "Rivers".into()),
            (2, "Dams".into()),
            (3, "Turbines".into()),
            (1, "Coasts".into())
        ]
    );
    let output = r
        .doc
        .blocks
        .iter()
        .find(|b| b.inline.text == "Output fell.")
        .expect("paragraph");
    assert_eq!(output.section, vec!["Rivers", "Dams", "Turbines"]);
    // two level-1 headings: neither is the title
    assert_eq!(r.doc.title, None);
}

#[test]
fn the_title_comes_from_the_title_style_the_package_or_a_lone_opening_heading() {
    let body = [
        p("Title", &t("Tidal Power in Brittany")),
        p("Heading1", &t("Context")),
        p("", &t("Text.")),
    ]
    .concat();
    let r = read_ok(&package(&body, None, None, &[]));
    assert_eq!(r.doc.title.as_deref(), Some("Tidal Power in Brittany"));
    assert!(r.text.starts_with("Tidal Power in Brittany\n\n# Context"), "{}", r.text);

    let body = [
        p("Heading1", &t("Snow Cover in the Andes")),
        p("Heading2", &t("Data")),
        p("", &t("Text.")),
    ]
    .concat();
    let r = read_ok(&package(&body, None, None, &[]));
    assert_eq!(r.doc.title.as_deref(), Some("Snow Cover in the Andes"));
    let data = r.doc.blocks.first().expect("heading");
    assert_eq!(data.section, vec!["Data"]);

    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Rail Freight Reform</dc:title><dc:creator>Ines Park; Joel Mensah</dc:creator></cp:coreProperties>"#;
    let root = rels(&[("rId1", "officeDocument", "word/document.xml")]).replace(
        "</Relationships>",
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#,
    );
    let body = [p("", &t("Text."))].concat();
    let r = read_ok(&package(
        &body,
        None,
        None,
        &[("_rels/.rels", &root), ("docProps/core.xml", core)],
    ));
    assert_eq!(r.doc.title.as_deref(), Some("Rail Freight Reform"));
    assert_eq!(r.doc.authors, vec!["Ines Park", "Joel Mensah"]);
}

#[test]
fn tracked_changes_read_as_accepted() {
    let body = p(
        "",
        &format!(
            r#"{}<w:del w:id="7" w:author="A"><w:r><w:delText>old words </w:delText></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:del><w:ins w:id="8" w:author="A">{}</w:ins>{}<w:moveFrom w:id="9">{}</w:moveFrom>"#,
            t("Quotas were "),
            t("cut by a third."),
            fref(1),
            t(" moved away")
        ),
    );
    let foot = [note("footnote", 1, &t("Kept.")), note("footnote", 2, &t("Deleted."))].concat();
    let r = read_ok(&package(&body, Some(&foot), None, &[]));
    assert!(r.text.contains("Quotas were cut by a third.[1]\n"), "{}", r.text);
    // the note whose reference was deleted is no note of the document
    assert_eq!(r.doc.notes.len(), 1);
    assert_eq!(linked(&r), vec![(1, "Kept.".to_string())]);
}

#[test]
fn runs_give_emphasis_and_special_characters_their_text() {
    let body = p(
        "",
        &format!(
            r#"{}<w:r><w:rPr><w:i/></w:rPr><w:t>Harbour Notes</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Emphasis"/></w:rPr><w:t> Weekly</w:t></w:r><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t>,</w:t></w:r><w:r><w:tab/><w:t>co</w:t><w:softHyphen/><w:t>operation</w:t><w:br/><w:t>well</w:t><w:noBreakHyphen/><w:t>known </w:t><w:sym w:font="Symbol" w:char="F061"/><w:t xml:space="preserve"> </w:t><w:sym w:font="Wingdings" w:char="F0E8"/><w:t>end &amp; more</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>"#,
            t("In ")
        ),
    );
    let r = read_ok(&package(&body, None, None, &[]));
    let b = r.doc.blocks.first().expect("paragraph");
    assert_eq!(
        b.inline.text,
        "In Harbour Notes Weekly, cooperation well-known α end & more"
    );
    let at = b.inline.text.find("Harbour").expect("Harbour");
    assert!(b.inline.emphasised(at, at + "Harbour Notes Weekly".len()));
    assert!(!b.inline.emphasised(0, 2));
}

#[test]
fn lists_tables_text_boxes_and_contents() {
    let body = [
        p("TOC1", &t("Fisheries\t3")),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>First item.</w:t></w:r></w:p>"#.to_string(),
        p("ListParagraph", &t("Second item.")),
        r#"<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Species</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Catch</w:t></w:r></w:p></w:tc></w:tr>"#.to_string(),
        format!(r#"<w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p>{}{}</w:p><w:p>{}</w:p></w:tc></w:tr></w:tbl>"#, t("Cod"), t("Fell by half."), fref(1), t("(2021)")),
        format!(
            r#"<w:p>{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>{}{}</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>{}</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>{}</w:p>"#,
            t("Anchor text."),
            t("Boxed claim."),
            fref(2),
            t("Boxed claim."),
            t(" More anchor text.")
        ),
    ]
    .concat();
    let foot = [
        note("footnote", 1, &t("Catch data.")),
        note("footnote", 2, &t("Box source.")),
    ]
    .concat();
    let r = read_ok(&package(&body, Some(&foot), None, &[]));
    assert!(!r.text.contains("Fisheries"), "{}", r.text);
    let items: Vec<&str> = r
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .map(|b| b.inline.text.as_str())
        .collect();
    assert_eq!(items, vec!["First item.", "Second item."]);
    let table = r.doc.tables.first().expect("table");
    assert_eq!(table.header, vec!["Species", "Catch"]);
    assert_eq!(
        linked(&r),
        vec![(1, "Catch data.".to_string()), (2, "Box source.".to_string())]
    );
    assert!(r.text.contains("| Cod | Fell by half.[1] (2021) |"), "{}", r.text);
    // the text box once, after the paragraph that holds it
    assert_eq!(r.text.matches("Boxed claim.").count(), 1);
    assert!(
        r.text.contains("Anchor text. More anchor text.\n\nBoxed claim.[2]"),
        "{}",
        r.text
    );
}

#[test]
fn a_custom_mark_is_not_text() {
    let body = p(
        "",
        &format!(
            r#"{}<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>"#,
            t("Acknowledged.")
        ),
    );
    let foot = r#"<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> With thanks to the reviewers.</w:t></w:r></w:p></w:footnote>"#;
    let r = read_ok(&package(&body, Some(foot), None, &[]));
    assert_eq!(linked(&r), vec![(1, "With thanks to the reviewers.".to_string())]);
}

#[test]
fn a_broken_package_is_one_problem() {
    let limits = Limits::default();
    let good = package(&p("", &t("Text.")), None, None, &[]);
    // truncated
    let cut = good.get(..good.len() / 2).unwrap_or(&[]);
    assert!(problem(cut, limits).contains("truncated or malformed"));
    assert!(problem(b"PK\x03\x04 not really", limits).contains("truncated or malformed"));
    // a zip without the main part
    let other = zip(&[("notes.txt", b"hello")]);
    assert!(problem(&other, limits).contains("no word/document.xml"));
    // broken XML
    let broken = zip(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    assert!(problem(&broken, limits).contains("word/document.xml is not well-formed XML"));
    // nested too deep
    let deep = format!(
        "{}{}",
        "<w:sdt>".repeat(MAX_DEPTH + 10),
        "</w:sdt>".repeat(MAX_DEPTH + 10)
    );
    let deep = zip(&[("word/document.xml", document(&deep).as_bytes())]);
    assert!(problem(&deep, limits).contains("more than 1024 deep"));
}

#[test]
fn zip_bombs_are_refused_by_what_they_unpack_to() {
    let small = Limits {
        entries: 10,
        unpacked: 64 * 1024,
    };
    // an honest entry too big
    let filler = format!("<!-- {} -->", "x".repeat(100_000));
    let big = zip(&[("word/document.xml", document(&filler).as_bytes())]);
    assert!(problem(&big, small).contains("zip bomb"), "{}", problem(&big, small));
    // the same, its sizes in the headers lowered to look small: inflating is what counts
    let mut lying = big.clone();
    let size = (document(&filler).len() as u32).to_le_bytes();
    let fake = 100u32.to_le_bytes();
    for at in (0..lying.len().saturating_sub(4)).rev() {
        if lying.get(at..at + 4) == Some(&size[..]) {
            if let Some(s) = lying.get_mut(at..at + 4) {
                s.copy_from_slice(&fake);
            }
        }
    }
    let msg = problem(&lying, small);
    assert!(msg.contains("zip bomb") || msg.contains("cannot unpack"), "{msg}");
    // too many entries
    let names: Vec<String> = (0..11).map(|i| format!("media/{i}.bin")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    assert!(problem(&zip(&parts), small).contains("entries"));
    // an entry count that only the end record claims
    let mut claim = zip(&[("word/document.xml", document("").as_bytes())]);
    let eocd = claim.windows(4).rposition(|w| w == b"PK\x05\x06").expect("end record");
    if let Some(s) = claim.get_mut(eocd + 8..eocd + 12) {
        s.copy_from_slice(&[0xff, 0xfe, 0xff, 0xfe]);
    }
    assert!(problem(&claim, Limits::default()).contains("entries"));
}
