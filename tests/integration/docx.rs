//! Word documents (`tests/fixtures/docx/`, made once by `make.py` there, pandoc's by pandoc):
//! every marker reaches its note and the note's URL, whichever tool wrote the file and however
//! it numbers its notes; spans index `NAME.txt`; folder builds pick up `.docx`; and a file that is
//! no readable DOCX is one line and exit 1, the other documents still built.

use crate::common::{policykg, tempdir};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name)
}

/// Builds one fixture with the binary; its graph and its text.
fn build(name: &str) -> (serde_json::Value, String) {
    let dir = tempdir(&format!("docx-{name}"));
    let out = policykg(&["build", fixture(name).to_str().expect("path"), "--out", "out"], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stem = name.trim_end_matches(".docx");
    let json = std::fs::read(dir.join("out").join(format!("{stem}.json"))).expect("json");
    let text = std::fs::read_to_string(dir.join("out").join(format!("{stem}.txt"))).expect("txt");
    (serde_json::from_slice(&json).expect("JSON"), text)
}

/// For each note number: the claim that carries it, and the URL and DOI of what it cites.
type Links = BTreeMap<u64, (String, Option<String>, Option<String>)>;

fn links(g: &serde_json::Value) -> Links {
    let nodes: BTreeMap<&str, &serde_json::Value> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_str().expect("id"), n))
        .collect();
    let mut out = Links::new();
    for e in g["edges"].as_array().expect("edges") {
        if e["kind"] != "cites" {
            continue;
        }
        let claim = nodes[e["source"].as_str().expect("source")];
        let source = nodes[e["target"].as_str().expect("target")];
        let url = e["url"].as_str().or(source["url"].as_str()).map(String::from);
        out.insert(
            e["footnote"].as_u64().expect("footnote"),
            (
                claim["text"].as_str().expect("text").to_string(),
                url,
                source["doi"].as_str().map(String::from),
            ),
        );
    }
    out
}

/// Every claim's span slices `NAME.txt` to its sentence (markers written `[n]` there).
fn spans_exact(g: &serde_json::Value, text: &str) {
    let claims: Vec<&serde_json::Value> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "claim")
        .collect();
    assert!(!claims.is_empty());
    for c in claims {
        let span = c["span"].as_array().expect("span");
        let (a, b) = (
            span[0].as_u64().expect("a") as usize,
            span[1].as_u64().expect("b") as usize,
        );
        let slice = text.get(a..b).expect("span inside the text");
        let mut clean = slice.to_string();
        for n in c["footnotes"].as_array().expect("footnotes") {
            clean = clean.replace(&format!("[{n}]"), "");
        }
        let want = c["text"].as_str().expect("text");
        assert_eq!(clean.trim(), want, "span {a}..{b}");
    }
}

fn expect(name: &str, want: &[(u64, &str, Option<&str>, Option<&str>)]) -> serde_json::Value {
    let (g, text) = build(name);
    let got = links(&g);
    let numbers: Vec<u64> = got.keys().copied().collect();
    assert_eq!(
        numbers,
        want.iter().map(|w| w.0).collect::<Vec<_>>(),
        "{name}: the notes reached"
    );
    for &(n, claim, url, doi) in want {
        let (c, u, d) = &got[&n];
        // the claim by its start: the whole sentence is in the graph
        assert!(c.starts_with(claim), "{name}: note {n} is carried by {c:?}");
        assert_eq!((u.as_deref(), d.as_deref()), (url, doi), "{name}: note {n}");
    }
    spans_exact(&g, &text);
    assert_eq!(g["nodes"][0]["format"], "docx");
    g
}

#[test]
fn word_notes_numbered_by_reference_with_links_from_rels_and_fields() {
    let g = expect(
        "word-footnotes.docx",
        &[
            (
                1,
                "Permits for offshore wind farms",
                Some("https://example.org/seven-years"),
                None,
            ),
            // the note's link text is "report page": the URL is the HYPERLINK field's
            (
                2,
                "Grid connections added",
                Some("https://example.gov/queue-2021"),
                None,
            ),
            // id 5 in the file, the third reference in the text
            (
                3,
                "Negative bidding returned",
                Some("https://doi.org/10.5555/wm.2023.044"),
                Some("10.5555/wm.2023.044"),
            ),
            (4, "Developers objected", None, None),
            (
                5,
                "a single permitting desk",
                Some("https://example.gov/one-desk"),
                None,
            ),
        ],
    );
    let doc = &g["nodes"][0];
    assert_eq!(doc["title"], "Offshore Wind Permitting in the North Sea");
    assert_eq!(doc["authors"], serde_json::json!(["Jonas Weber"]));
}

#[test]
fn endnotes_alone_with_headings_by_outline_level() {
    let g = expect(
        "endnotes.docx",
        &[
            (
                1,
                "Only eleven glaciers",
                Some("https://example.org/jmh/quispe-2021"),
                None,
            ),
            // Ibid.
            (
                2,
                "Satellite altimetry",
                Some("https://example.org/jmh/quispe-2021"),
                None,
            ),
            (
                3,
                "Chile and Argentina agreed",
                Some("https://example.int/awc/protocol"),
                None,
            ),
        ],
    );
    let chile = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["kind"] == "claim" && n["text"].as_str().is_some_and(|t| t.starts_with("Chile")))
        .expect("claim");
    assert_eq!(chile["section"], serde_json::json!(["Funding", "Regional Cooperation"]));
}

#[test]
fn footnotes_and_endnotes_together_and_markers_in_table_cells() {
    expect(
        "foot-and-end.docx",
        &[
            (
                1,
                "Fleet purchases doubled",
                Some("https://example.org/buying-electric"),
                None,
            ),
            (
                2,
                "Chinese manufacturers",
                Some("https://example.cn/exporting-buses"),
                None,
            ),
            (3, "Bogotá ran 1,485", Some("https://example.co/fleet-2023"), None),
            (4, "Santiago ran 2,180", Some("https://example.cl/flota-2023"), None),
            (5, "Leasing models", Some("https://example.int/leasing"), None),
        ],
    );
}

#[test]
fn tracked_changes_read_as_accepted() {
    let (g, text) = build("tracked-changes.docx");
    assert!(text.contains("three times as many"), "{text}");
    assert!(!text.contains("twice"), "{text}");
    assert!(!text.contains("A deleted note"), "{text}");
    assert_eq!(text.matches("Grazing was banned").count(), 1, "{text}");
    let got = links(&g);
    assert_eq!(got.len(), 3);
    assert_eq!(got[&2].0, "Fish stocks recovered more slowly.");
    assert_eq!(got[&2].1.as_deref(), Some("https://example.eu/stocks-2022"));
    spans_exact(&g, &text);
}

#[test]
fn pandoc_notes_with_links() {
    expect(
        "pandoc.docx",
        &[
            (
                1,
                "Certified cooperatives in Sidama",
                Some("https://doi.org/10.5555/jam.2022.101"),
                Some("10.5555/jam.2022.101"),
            ),
            (
                2,
                "Audit costs absorbed",
                Some("https://doi.org/10.5555/jam.2022.101"),
                Some("10.5555/jam.2022.101"),
            ),
            (
                3,
                "Yields did not change",
                Some("https://example.et/cru/yields-2023"),
                None,
            ),
            // the link text is "online"
            (
                4,
                "Training programmes",
                Some("https://example.org/drying-tables"),
                None,
            ),
        ],
    );
}

#[test]
fn a_folder_build_reads_word_documents_but_not_word_lock_files() {
    let dir = tempdir("docx-folder");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).expect("dir");
    std::fs::copy(fixture("endnotes.docx"), docs.join("glaciers.docx")).expect("copy");
    std::fs::copy(fixture("pandoc.docx"), docs.join("Coffee.DOCX")).expect("copy");
    // the lock file Word keeps beside an open document: not a document
    std::fs::write(docs.join("~$glaciers.docx"), b"\x0bJonas Weber   ").expect("lock");
    let out = policykg(&["build", "docs", "--out", "out"], &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["glaciers.json", "glaciers.txt", "Coffee.json", "corpus.json"] {
        assert!(dir.join("out").join(f).exists(), "{f}");
    }
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

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A `word/document.xml` of `n` paragraphs.
fn body(n: usize) -> String {
    format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
        "<w:p><w:r><w:t>Text.</w:t></w:r></w:p>".repeat(n)
    )
}

#[test]
fn broken_word_files_are_one_line_each_and_the_rest_is_built() {
    let dir = tempdir("docx-broken");
    let good = std::fs::read(fixture("pandoc.docx")).expect("fixture");
    let deep = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}{}</w:body></w:document>"#,
        "<w:sdt><w:sdtContent>".repeat(5000),
        "</w:sdtContent></w:sdt>".repeat(5000)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut.docx",
            good.get(..good.len() / 2).expect("half").to_vec(),
            "truncated or malformed",
        ),
        (
            "noise.docx",
            b"PK\x03\x04\x14\0\0\0 garbage".to_vec(),
            "truncated or malformed",
        ),
        ("other.docx", zip(&[("readme.txt", b"hello")]), "no word/document.xml"),
        (
            "broken.docx",
            zip(&[("word/document.xml", b"<w:document><w:body>")]),
            "well-formed",
        ),
        ("deep.docx", zip(&[("word/document.xml", deep.as_bytes())]), "deep"),
        (
            "empty-styles.docx",
            zip(&[("word/document.xml", body(1).as_bytes()), ("word/styles.xml", b"<")]),
            "word/styles.xml",
        ),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    std::fs::copy(fixture("pandoc.docx"), dir.join("fine.docx")).expect("copy");
    let mut args: Vec<&str> = vec!["build"];
    args.extend(cases.iter().map(|c| c.0));
    args.extend(["fine.docx", "--out", "out"]);
    let out = policykg(&args, &dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (name, _, why) in &cases {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name}: {stderr}"));
        assert!(
            line.contains("cannot read this docx file") && line.contains(why),
            "{line}"
        );
        assert!(!dir.join("out").join(name.replace(".docx", ".json")).exists(), "{name}");
    }
    assert!(!stderr.contains("panick"), "{stderr}");
    assert!(dir.join("out/fine.json").exists());
}

/// A zip bomb: a part that inflates past the limit whatever its headers say. At full size (the
/// default limit of 128 MB) on the release binary, run by `.ci/run`; a small limit in every run.
fn bomb(size: usize) -> Vec<u8> {
    let filler = format!(
        r#"<w:document xmlns:w="{W}"><w:body><!--{}--></w:body></w:document>"#,
        " ".repeat(size)
    );
    zip(&[("word/document.xml", filler.as_bytes())])
}

#[test]
fn a_zip_bomb_is_refused_while_inflating() {
    let limits = policykg::read::docx::Limits {
        entries: 100,
        unpacked: 1024 * 1024,
    };
    let mut diags = policykg::diag::Diagnostics::new();
    let err = policykg::read::docx::read_with(&bomb(2 * 1024 * 1024), limits, &mut diags).expect_err("refused");
    assert!(err.0.contains("zip bomb"), "{}", err.0);
    // under the limit it is read
    assert!(
        policykg::read::docx::read_with(&zip(&[("word/document.xml", body(10).as_bytes())]), limits, &mut diags)
            .is_ok()
    );
}

#[test]
#[ignore = "full size: run on the release binary by .ci/run"]
fn huge_docx_zip_bomb_is_refused() {
    let dir = tempdir("docx-bomb");
    // about 200 KB on disk, 200 MB unpacked
    std::fs::write(dir.join("bomb.docx"), bomb(200 * 1024 * 1024)).expect("write");
    let out = policykg(&["build", "bomb.docx", "--out", "out"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bomb.docx: cannot read this docx file: refused as a zip bomb"),
        "{stderr}"
    );
}

/// Shapes that take quadratic time if any step is not linear: one paragraph of `n` words (with
/// a footnote each), `n` paragraphs inside tables nested 200 deep, `n` runs inside links nested
/// 200 deep. What each gives is checked; time is not asserted (a step gone quadratic makes the
/// full-size run, on the release binary in `.ci/run`, hang rather than fail).
fn shapes(n: usize) -> Vec<(&'static str, Vec<u8>, usize)> {
    let words = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p>{}</w:p></w:body></w:document>"#,
        r#"<w:r><w:t xml:space="preserve">word tab </w:t><w:tab/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>"#
            .repeat(n)
    );
    let notes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>A note.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let deep = 200;
    let tables = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}{}{}</w:body></w:document>"#,
        "<w:tbl><w:tr><w:tc>".repeat(deep),
        "<w:p><w:r><w:t>cell text</w:t></w:r></w:p>".repeat(n),
        "</w:tc></w:tr></w:tbl>".repeat(deep)
    );
    let links = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p>{}{}{}</w:p></w:body></w:document>"#,
        r#"<w:hyperlink w:anchor="x">"#.repeat(deep),
        "<w:r><w:t>linked </w:t></w:r>".repeat(n),
        "</w:hyperlink>".repeat(deep)
    );
    vec![
        (
            "words",
            zip(&[
                ("word/document.xml", words.as_bytes()),
                ("word/footnotes.xml", notes.as_bytes()),
            ]),
            n,
        ),
        ("tables", zip(&[("word/document.xml", tables.as_bytes())]), n),
        ("links", zip(&[("word/document.xml", links.as_bytes())]), n),
    ]
}

fn read_shapes(n: usize) {
    for (name, bytes, want) in shapes(n) {
        let mut diags = policykg::diag::Diagnostics::new();
        let r = policykg::read::docx::read(&bytes, &mut diags).unwrap_or_else(|p| panic!("{name}: {p}"));
        let (word, count) = match name {
            "words" => ("word", r.doc.blocks.iter().map(|b| b.markers.len()).sum::<usize>()),
            "tables" => ("cell text", r.text.matches("cell text").count()),
            _ => ("linked", r.text.matches("linked").count()),
        };
        assert_eq!(count, want, "{name}");
        assert_eq!(r.text.matches(word).count(), want, "{name}");
    }
}

#[test]
fn long_paragraphs_deep_tables_and_deep_links_are_read_at_small_scale() {
    read_shapes(2_000);
}

#[test]
#[ignore = "full size: run on the release binary by .ci/run"]
fn huge_docx_shapes_are_read_in_linear_time() {
    read_shapes(300_000);
}
