//! PDF input: the fixtures of `tests/fixtures/pdf/` (made by its `make.py`), each built by the
//! binary as a user would, and the graph JSON and `NAME.txt` checked.

use crate::common::{policykg, tempdir};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

/// Builds `name` into a fresh folder; gives the graph, the text and the folder.
fn build(name: &str) -> (Value, String, PathBuf) {
    let dir = tempdir(&format!("pdf-{name}"));
    let out = policykg(
        &[
            "build",
            fixture(name).to_str().unwrap(),
            "--out",
            "out",
            "--format",
            "json",
        ],
        &dir,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stem = name.trim_end_matches(".pdf");
    let g: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out").join(format!("{stem}.json"))).unwrap()).unwrap();
    let text = std::fs::read_to_string(dir.join("out").join(format!("{stem}.txt"))).unwrap();
    (g, text, dir)
}

fn nodes<'a>(g: &'a Value, kind: &str) -> Vec<&'a Value> {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind)
        .collect()
}

/// Each claim: (its text, its note numbers, its page).
fn claims(g: &Value) -> Vec<(String, Vec<u64>, u64)> {
    nodes(g, "claim")
        .into_iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap().to_string(),
                c["footnotes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_u64().unwrap())
                    .collect(),
                c["page"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The notes each source is cited by, with its URL and DOI.
fn sources(g: &Value) -> Vec<(Vec<u64>, String, String)> {
    nodes(g, "source")
        .into_iter()
        .map(|s| {
            (
                s["footnotes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["n"].as_u64().unwrap())
                    .collect(),
                s["url"].as_str().unwrap_or("").to_string(),
                s["doi"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_word_processor_report_gives_every_claim_its_notes_page_and_box() {
    let (g, text, _) = build("report.pdf");
    let doc = &nodes(&g, "document")[0];
    assert_eq!(doc["format"], "pdf");
    assert_eq!(doc["pages"], 2);
    assert_eq!(doc["title"], "Water Rights in the Lower Basin");
    let claims = claims(&g);
    let notes: Vec<u64> = claims.iter().flat_map(|c| c.1.clone()).collect();
    assert_eq!(notes, vec![1, 2, 3, 4, 5, 6, 7], "every marker, in order: {claims:#?}");
    let texts: Vec<&str> = claims.iter().map(|c| c.0.as_str()).collect();
    // the drop cap is the first letter of its word; an ordinal and an exponent are not markers;
    // a compound broken at a line end keeps its hyphen
    assert!(texts.contains(&"Every summer the reservoirs of the lower basin fall, and the states that share the river argue over who must cut first."));
    assert!(texts.iter().any(|t| t.contains("its 21st century critics")
        && t.contains("flows near 10⁶ acre-feet")
        && t.contains("a fee-bearing market")));
    // the small print in a box is its own paragraph, with its own marker
    assert!(texts.contains(&"Terms used in this report: an acre-foot is the water that covers an acre to a depth of one foot, about 326,000 gallons."));
    // a sentence cut by the page break (and by the box between) is whole, on the page it starts
    let whole = claims.iter().find(|c| c.1 == [5]).unwrap();
    assert!(
        whole.0.ends_with("could reach dead pool levels within two years."),
        "{}",
        whole.0
    );
    assert_eq!(whole.2, 1);
    assert_eq!(claims.iter().find(|c| c.1 == [6]).unwrap().2, 2);
    // running header and footer, caption and source line: none of them in the text
    assert_eq!(text.matches("Water Rights in the Lower Basin").count(), 1);
    for gone in ["Basin Policy Institute", "Figure 1", "Source:", "(continued"] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    // a note continued on the next page, and a URL broken at a line end, are whole
    let srcs = sources(&g);
    assert!(
        srcs.contains(&(
            vec![1, 5],
            "https://example.org/basin/sharing-a-shrinking-river".into(),
            String::new()
        )),
        "{srcs:?}"
    );
    assert!(srcs
        .iter()
        .any(|s| s.0 == [2] && s.1 == "https://example.gov/reclamation/agreement-2023"));
    assert!(srcs.iter().any(|s| s.0 == [6, 7] && s.2 == "10.5555/cbo.2024.17"));
    // every claim has a box on its page, and its span indexes NAME.txt
    for c in nodes(&g, "claim") {
        let b: Vec<f64> = c["bbox"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        assert!(b[0] < b[2] && b[1] < b[3] && b[0] >= 0.0 && b[3] <= 792.0, "{b:?}");
        let span = c["span"].as_array().unwrap();
        let (a, z) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        let first_word = c["text"].as_str().unwrap().split_whitespace().next().unwrap();
        assert!(text[a..z].starts_with(first_word), "{} / {}", &text[a..z], first_word);
    }
    // notes carry their page too
    let cited = nodes(&g, "source")
        .into_iter()
        .flat_map(|s| s["footnotes"].as_array().unwrap().clone())
        .find(|f| f["n"] == 2)
        .unwrap();
    assert_eq!(cited["page"], 1);
}

#[test]
fn a_typeset_report_loses_the_hyphens_it_added_and_keeps_urls_whole() {
    let (g, text, _) = build("typeset.pdf");
    let claims = claims(&g);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert!(claims[0].0.contains("closed the neighboring ports"), "{}", claims[0].0);
    assert_eq!(
        claims[1].0,
        "Neighboring states objected when cheap grain stayed in their markets, and several imposed bans in 2023."
    );
    assert!(sources(&g)
        .iter()
        .any(|s| s.0 == [2] && s.1 == "https://example.eu/trade/grain-bans"));
    // the page number alone at the foot is not text
    assert!(!text.lines().any(|l| l.trim() == "1"), "{text}");
}

#[test]
fn two_columns_are_read_one_after_the_other() {
    let (g, _, _) = build("columns.pdf");
    let claims = claims(&g);
    let notes: Vec<u64> = claims.iter().flat_map(|c| c.1.clone()).collect();
    assert_eq!(notes, vec![1, 2, 3, 4]);
    assert_eq!(
        claims[0].0,
        "Coastal towns in the north have lost their fishing jobs for a decade, and the fleet is now half the size it was in 2014."
    );
    assert!(claims[2].0.starts_with("Inland, the farms have grown larger"));
}

#[test]
fn unreadable_pdfs_are_one_line_each_and_the_rest_is_built() {
    let dir = tempdir("pdf-bad");
    let good = std::fs::read(fixture("report.pdf")).unwrap();
    std::fs::write(dir.join("truncated.pdf"), &good[..good.len() / 3]).unwrap();
    std::fs::write(dir.join("garbage.pdf"), b"%PDF-1.7\nthis is not a PDF at all\n").unwrap();
    std::fs::write(dir.join("empty.pdf"), b"").unwrap();
    for f in ["encrypted.pdf", "scan.pdf", "report.pdf"] {
        std::fs::copy(fixture(f), dir.join(f)).unwrap();
    }
    let out = policykg(&["build", ".", "--out", "out", "--format", "json"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    for (file, why) in [
        ("encrypted.pdf", "needs a password"),
        ("scan.pdf", "no text layer"),
        ("garbage.pdf", "damaged or not a PDF"),
        ("empty.pdf", "pdf"),
    ] {
        assert!(
            errors.iter().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {err}"
        );
        let stem = file.trim_end_matches(".pdf");
        assert!(
            !dir.join("out").join(format!("{stem}.json")).exists(),
            "{file} wrote a graph"
        );
    }
    // a truncated file is an error or what could be read of it, never a panic
    assert!(!err.contains("panicked"), "{err}");
    assert!(dir.join("out/report.json").exists() && dir.join("out/report.txt").exists());
    assert!(err.lines().all(|l| !l.contains("backtrace")));
    // built again into the same folder: the NAME.txt written there is not read as a document
    let again = policykg(&["build", ".", "--out", "out", "--format", "json"], &dir);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("out/report.txt"));
}

/// A PDF of the given objects (numbered from 1; object 1 the catalog), with a correct xref.
fn assemble(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn stream(dict: &str, content: &str) -> String {
    format!("<< {dict} /Length {} >>\nstream\n{content}\nendstream", content.len())
}

/// A one-page PDF whose page draws form 5, followed by `forms` (objects 5, 6, …).
fn with_forms(forms: Vec<String>) -> Vec<u8> {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> /XObject << /X 5 0 R >> >> >>".to_string(),
        stream("", "BT /F1 11 Tf 72 700 Td (A page that draws a form.) Tj ET /X Do"),
    ];
    let mut forms = forms.into_iter();
    objects.push(forms.next().unwrap());
    objects.push(font);
    objects.extend(forms);
    assemble(&objects)
}

#[test]
fn pdfs_built_to_hang_or_recurse_are_refused() {
    let dir = tempdir("pdf-hostile");
    // a form that draws itself
    let selfish = with_forms(vec![stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >>",
        "/X Do",
    )]);
    // forms each drawing the next twenty times, eight deep: 20^7 draws of nothing
    let mut bomb = Vec::new();
    for k in 0..8 {
        let next = if k == 0 { 7 } else { 7 + k };
        let draws = if k == 7 { String::new() } else { "/N Do ".repeat(20) };
        bomb.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /N {next} 0 R >> >>"),
            &draws,
        ));
        if k == 0 {
            bomb.push("<< >>".to_string()); // object 6 is the font, object 7 the next form
        }
    }
    let bomb = {
        let mut objs = vec![bomb.remove(0)];
        objs.extend(bomb.into_iter().filter(|o| o != "<< >>"));
        with_forms(objs)
    };
    // a page tree whose parents loop
    let looped = assemble(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_string(),
        stream("", "BT /F1 11 Tf 72 700 Td (Looping.) Tj ET"),
    ]);
    // arrays nested a hundred thousand deep
    let deep = assemble(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /Deep {}{} >>",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_string(),
    ]);
    // a page count of a billion, with one page
    let counted = assemble(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        stream("", "BT /F1 11 Tf 72 700 Td (One page after all.) Tj ET"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ]);
    for (name, bytes) in [
        ("selfish", &selfish),
        ("bomb", &bomb),
        ("looped", &looped),
        ("deep", &deep),
        ("counted", &counted),
    ] {
        std::fs::write(dir.join(format!("{name}.pdf")), bytes).unwrap();
    }
    let started = std::time::Instant::now();
    let out = policykg(&["build", ".", "--out", "out", "--format", "json"], &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && !err.contains("overflow"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    for (file, why) in [("selfish.pdf", "draws itself"), ("bomb.pdf", "too many times")] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("error:") && l.contains(file) && l.contains(why)),
            "{file}: {err}"
        );
    }
    for file in ["looped.pdf", "deep.pdf"] {
        assert!(
            err.lines().any(|l| l.starts_with("error:") && l.contains(file)),
            "{file}: {err}"
        );
    }
    assert!(dir.join("out/counted.json").exists(), "{err}");
}

#[test]
fn endnotes_under_a_notes_heading_are_notes() {
    let (g, text, _) = build("endnotes.pdf");
    let claims = claims(&g);
    let notes: Vec<u64> = claims.iter().flat_map(|c| c.1.clone()).collect();
    assert_eq!(notes, vec![1, 2, 3], "{claims:#?}");
    let srcs = sources(&g);
    assert!(
        srcs.iter()
            .any(|s| s.0 == [1] && s.1 == "https://example.org/afc/review-2024.pdf"),
        "{srcs:?}"
    );
    assert!(
        srcs.iter().any(|s| s.0 == [2, 3]),
        "Ibid. is the note before it: {srcs:?}"
    );
    // the notes are out of the body; the heading after them is back in it
    assert!(!text.contains("1. Andean"), "{text}");
    assert!(text.contains("## About the Author"), "{text}");
}
