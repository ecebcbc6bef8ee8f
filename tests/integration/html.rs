//! Web pages: one page of our own making in each convention sites use for footnotes
//! (`tests/fixtures/html/NAME.html`, invented content), each with what a careful reader finds in
//! it (`NAME.gold.json`: per note, the sentence that carries its marker, the URLs and DOIs it
//! gives, the note an `Ibid.` repeats). Every marker must reach its note and every note its
//! sources; and hostile pages get one line, not a hang.

use crate::common::{policykg, tempdir};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    out.sort();
    out
}

fn build(path: &Path) -> (Value, String) {
    let name = path.file_stem().expect("stem").to_string_lossy().to_string();
    let (g, _) = policykg::build_file(
        path,
        &name,
        policykg::ReadOptions::default(),
        policykg::default_lexicon(),
    )
    .expect("the page is read");
    let text = g.text.clone().expect("a page's text goes with its graph");
    (policykg::export::json::value(&g), text)
}

fn norm_url(u: &str) -> String {
    let u = u.trim().trim_end_matches(['/', '.']).to_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    u.strip_prefix("www.").unwrap_or(u).to_string()
}

/// What the graph says about each note: the sources it cites, their URLs and DOIs.
struct Cited {
    sources: BTreeMap<u64, BTreeSet<String>>,
    urls: BTreeMap<u64, BTreeSet<String>>,
    dois: BTreeMap<u64, BTreeSet<String>>,
}

fn cited(g: &Value) -> Cited {
    let nodes: BTreeMap<&str, &Value> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_str().unwrap_or(""), n))
        .collect();
    let mut c = Cited {
        sources: BTreeMap::new(),
        urls: BTreeMap::new(),
        dois: BTreeMap::new(),
    };
    for e in g["edges"].as_array().expect("edges") {
        if e["kind"] != "cites" {
            continue;
        }
        let n = e["footnote"].as_u64().expect("footnote");
        let target = e["target"].as_str().unwrap_or("");
        c.sources.entry(n).or_default().insert(target.to_string());
        let Some(src) = nodes.get(target) else { continue };
        let mut urls: Vec<&str> = src["urls"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        urls.extend(src["url"].as_str());
        urls.extend(e["url"].as_str());
        c.urls.entry(n).or_default().extend(urls.into_iter().map(norm_url));
        if let Some(d) = src["doi"].as_str() {
            c.dois.entry(n).or_default().insert(d.to_lowercase());
        }
    }
    c
}

#[test]
fn every_marker_reaches_its_note_and_every_note_its_sources() {
    let mut failures = Vec::new();
    for path in fixtures() {
        let name = path.file_name().expect("name").to_string_lossy().to_string();
        let gold: Value = serde_json::from_slice(&std::fs::read(path.with_extension("gold.json")).expect("gold"))
            .expect("gold parses");
        let (g, text) = build(&path);
        let mut fail = |m: String| failures.push(format!("{name}: {m}"));
        let diags = g["graph"]["diagnostics"].as_array().expect("diagnostics");
        for d in diags {
            if matches!(d["code"].as_str(), Some("P001" | "P002" | "P004" | "P006")) {
                fail(format!("diagnostic {d}"));
            }
        }
        let claims: Vec<&Value> = g["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter(|n| n["kind"] == "claim")
            .collect();
        for c in &claims {
            let span = (
                c["span"][0].as_u64().unwrap_or(0) as usize,
                c["span"][1].as_u64().unwrap_or(0) as usize,
            );
            let first = c["text"].as_str().unwrap_or("").split_whitespace().next().unwrap_or("");
            if !text.get(span.0..span.1).is_some_and(|s| s.contains(first)) {
                fail(format!("claim span {span:?} is not its text in NAME.txt"));
            }
        }
        let c = cited(&g);
        let notes = gold["footnotes"].as_array().expect("footnotes");
        let marked: BTreeSet<u64> = claims
            .iter()
            .flat_map(|c| {
                c["footnotes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_u64)
            })
            .collect();
        let want: BTreeSet<u64> = notes.iter().filter_map(|f| f["n"].as_u64()).collect();
        if marked != want {
            fail(format!("claims carry notes {marked:?}, the page has {want:?}"));
        }
        for f in notes {
            let n = f["n"].as_u64().expect("n");
            if !c.sources.contains_key(&n) {
                fail(format!("note {n} cites nothing"));
            }
            for u in f["urls"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                if !c.urls.get(&n).is_some_and(|s| s.contains(&norm_url(u))) {
                    fail(format!("note {n} lacks its URL {u}: {:?}", c.urls.get(&n)));
                }
            }
            for d in f["dois"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                if !c.dois.get(&n).is_some_and(|s| s.contains(&d.to_lowercase())) {
                    fail(format!("note {n} lacks its DOI {d}"));
                }
            }
            if let Some(of) = f["ibid_of"].as_u64() {
                if !c.sources.contains_key(&n) || c.sources.get(&n) != c.sources.get(&of) {
                    fail(format!("Ibid. note {n} does not cite what note {of} cites"));
                }
            }
            let snippet = f["claim_snippet"].as_str().unwrap_or("");
            let carried = claims.iter().any(|cl| {
                cl["text"].as_str().is_some_and(|t| t.contains(snippet))
                    && cl["footnotes"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x.as_u64() == Some(n)))
            });
            if !carried {
                fail(format!("no claim holding {snippet:?} carries note {n}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_folder_build_reads_its_pages_and_writes_their_text() {
    let d = tempdir("html-folder");
    let pages = d.join("pages");
    std::fs::create_dir_all(&pages).expect("dir");
    for p in fixtures() {
        std::fs::copy(&p, pages.join(p.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(
        pages.join("old.HTM"),
        "<p>Old.<a href=#n>1</a></p><p id=n>A note, <i>Work</i>, 1999.</p>",
    )
    .expect("write");
    let out = policykg(&["build", "pages", "--out", "out", "--quiet"], &d);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for p in fixtures()
        .iter()
        .map(|p| p.file_stem().expect("stem").to_string_lossy().to_string())
    {
        let g: Value =
            serde_json::from_slice(&std::fs::read(d.join(format!("out/{p}.json"))).expect("json")).expect("parses");
        let doc = g["nodes"]
            .as_array()
            .and_then(|a| a.iter().find(|n| n["kind"] == "document"))
            .expect("document");
        assert_eq!(doc["format"], "html", "{p}");
        assert!(d.join(format!("out/{p}.txt")).is_file(), "{p}.txt");
    }
    assert!(d.join("out/old.json").is_file());
    assert!(d.join("out/corpus.json").is_file());
    // the viewer pages it wrote are not documents when the folder is built again
    std::fs::copy(d.join("out/old.html"), pages.join("viewer.html")).expect("copy");
    let again = policykg(&["build", "pages", "--out", "again", "--quiet"], &d);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(d.join("again/old.json").is_file());
    assert!(!d.join("again/viewer.json").exists());
}

#[test]
fn a_page_nested_a_million_deep_gets_one_line_and_the_others_are_built() {
    let d = tempdir("html-deep");
    std::fs::write(
        d.join("deep.html"),
        format!("<!DOCTYPE html>{}", "<div>".repeat(1_000_000)),
    )
    .expect("write");
    std::fs::write(
        d.join("ok.html"),
        "<p>Fine.<a href=#n>1</a></p><p id=n>A note, <i>Work</i>, 1999.</p>",
    )
    .expect("write");
    let out = policykg(&["build", "deep.html", "ok.html", "--out", "out"], &d);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("deep.html")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines.first().is_some_and(|l| l.contains("nested more than 512")),
        "{err}"
    );
    assert!(!d.join("out/deep.json").exists(), "nothing written for it");
    assert!(d.join("out/ok.json").is_file());
}

/// A page of `notes` claims, pandoc style, each note citing one of 500 works with its URL only
/// in a link, every tenth an `Ibid.`.
fn many_notes(notes: usize) -> String {
    let mut s = String::from("<!DOCTYPE html><html><body><h1>Many Notes</h1><p>");
    for i in 1..=notes {
        s.push_str(&format!(
            "Claim number {i} holds.<a href=\"#fn{i}\" class=\"footnote-ref\" id=\"fnref{i}\"><sup>{i}</sup></a> "
        ));
        if i % 10 == 0 {
            s.push_str("</p>\n<p>");
        }
    }
    s.push_str("</p><section class=\"footnotes\"><ol>\n");
    for i in 1..=notes {
        let body = if i % 10 == 0 {
            "Ibid.".to_string()
        } else {
            let w = i % 500;
            format!("Ann Lee, “<a href=\"https://example.org/w{w}\">Work {w}</a>,” <em>News</em>, 2024.")
        };
        s.push_str(&format!(
            "<li id=\"fn{i}\"><p>{body}<a href=\"#fnref{i}\" class=\"footnote-back\">↩︎</a></p></li>\n"
        ));
    }
    s.push_str("</ol></section></body></html>\n");
    s
}

fn check_many_notes(name: &str, notes: usize) {
    let d = tempdir(name);
    std::fs::write(d.join(format!("{name}.html")), many_notes(notes)).expect("write");
    let out = policykg(
        &[
            "build",
            &format!("{name}.html"),
            "--out",
            "out",
            "--quiet",
            "--format",
            "json",
        ],
        &d,
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    #[derive(serde::Deserialize)]
    struct Graph {
        nodes: Vec<Node>,
        edges: Vec<Kind>,
    }
    #[derive(serde::Deserialize)]
    struct Node {
        kind: String,
    }
    #[derive(serde::Deserialize)]
    struct Kind {
        kind: String,
    }
    let f = std::fs::File::open(d.join(format!("out/{name}.json"))).expect("json");
    let g: Graph = serde_json::from_reader(std::io::BufReader::new(f)).expect("parses");
    assert_eq!(g.nodes.iter().filter(|n| n.kind == "claim").count(), notes);
    assert_eq!(g.edges.iter().filter(|e| e.kind == "cites").count(), notes);
    let works: BTreeSet<usize> = (1..=notes).filter(|i| i % 10 != 0).map(|i| i % 500).collect();
    assert_eq!(g.nodes.iter().filter(|n| n.kind == "source").count(), works.len());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
#[ignore = "full-size inputs: run in release by .ci/run"]
fn huge_html_a_million_notes() {
    check_many_notes("huge-html-notes", 1_000_000);
}

#[test]
fn huge_html_at_small_scale() {
    check_many_notes("huge-html-small", 600);
}
