//! Literate case files: one document per phenomenon, with the graph it must give.
//!
//! Every `tests/cases/<stage>/*.md`, `*.txt` and `*.html` file is one case:
//!
//! ```text
//! <!-- case: one-line description of the phenomenon -->
//! ...input document...
//! <!-- expect -->
//! ...summary lines...
//! ```
//!
//! The first line names the case; the input is every byte after it up to the line that is exactly
//! `<!-- expect -->` (a trailing `\r` is allowed); what follows is the expected summary. The input
//! is handed to `policykg::build_text` byte for byte (CRLF included), so spans in the summary are
//! offsets into it; an `.html` case is read by the HTML reader, and its spans index the text that
//! reader extracts. The summary is
//!
//! ```text
//! document ID | title: … | authors: …
//! claim [1,2] Section > Subsection | sentence text
//!   -> [1] source label | locator: 12 | accessed: 2024-05-01 | url: …
//! source [1,3] | title: … | authors: A; B | institution: … | container: … | date: … | accessed: … | url: … | urls: …; … | doi: …
//! warning P001 12:5 note 3
//! ```
//!
//! (claims in document order, each followed by its `cites` edges; then sources; then
//! diagnostics; absent fields are left out). Each claim's span must also cover its first and last
//! words in the input (provenance is exact).
//!
//! Cases of the `extract/` stage (one per extraction rule, named after the rule's id) give the
//! entities and relations instead of claims and sources:
//!
//! ```text
//! actor United States | type: state | rule: actor/lexicon | aliases: the US; Washington
//! agreement Trade Act of 1974 | type: law | rule: agreement/head-word
//! relation European Union -> imposed sanctions on -> Nayara | family: sanction | rule: relation/verb
//! party_to India -> signed -> Foo Accord | family: agreement | rule: relation/both-countries
//! ```
//!
//! (entities in the graph's order, aliases other than the label; then relations in the graph's
//! order). Each entity's first mention span must hold one of its surface forms.
//!
//! `POLICYKG_BLESS=1 cargo test --test integration` rewrites every differing expected section from the
//! tool's output; only bless what a careful reader would agree with.

#![allow(clippy::unwrap_used)] // a test: a panic is the failure report

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const CASE: &str = "<!-- case:";
const EXPECT: &str = "<!-- expect -->";

struct Case {
    path: PathBuf,
    /// The case line, its newline included.
    head: String,
    input: String,
    expected: String,
}

fn case_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut out = Vec::new();
    let mut stages: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    stages.sort();
    for stage in stages {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&stage)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt" || e == "html"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

fn parse(path: &Path) -> Result<Case, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let head_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let head = &text[..head_end];
    if !head.starts_with(CASE) || !head.trim_end().ends_with("-->") {
        return Err(format!("the first line must be `{CASE} … -->`"));
    }
    let mut at = head_end;
    let mut expect_at = None;
    for line in text[head_end..].split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == EXPECT {
            expect_at = Some((at, at + line.len()));
            break;
        }
        at += line.len();
    }
    let Some((input_end, expected_start)) = expect_at else {
        return Err(format!("no `{EXPECT}` line"));
    };
    Ok(Case {
        path: path.to_path_buf(),
        head: head.to_string(),
        input: text[head_end..input_end].to_string(),
        expected: text[expected_start..].replace('\r', ""),
    })
}

fn s(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(s).collect())
        .unwrap_or_default()
}

fn fields(out: &mut String, node: &Value, keys: &[&str]) {
    for k in keys {
        let v = &node[*k];
        let text = if v.is_array() {
            let items = strs(v);
            (!items.is_empty()).then(|| items.join("; "))
        } else {
            s(v)
        };
        if let Some(t) = text {
            write!(out, " | {k}: {t}").unwrap();
        }
    }
}

/// The entities and relations of one document's graph (the summary of an `extract/` case), and
/// the provenance problems found on the way.
fn entity_summary(input: &str, graph: &Value) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut problems = Vec::new();
    let nodes = graph["nodes"].as_array().unwrap();
    let edges = graph["edges"].as_array().unwrap();
    let label = |id: &str| {
        nodes
            .iter()
            .find(|n| n["id"] == id)
            .and_then(|n| s(&n["label"]))
            .unwrap_or_else(|| id.to_string())
    };
    for n in nodes
        .iter()
        .filter(|n| n["kind"] == "actor" || n["kind"] == "agreement")
    {
        let name = s(&n["label"]).unwrap_or_default();
        write!(out, "{} {name}", s(&n["kind"]).unwrap_or_default()).unwrap();
        fields(&mut out, n, &["type", "rule"]);
        let aliases: Vec<String> = strs(&n["aliases"]).into_iter().filter(|a| *a != name).collect();
        if !aliases.is_empty() {
            write!(out, " | aliases: {}", aliases.join("; ")).unwrap();
        }
        out.push('\n');
        let (start, end) = (
            n["span"][0].as_u64().unwrap_or(0) as usize,
            n["span"][1].as_u64().unwrap_or(0) as usize,
        );
        let forms = strs(&n["aliases"]);
        if !input
            .get(start..end)
            .is_some_and(|slice| forms.iter().any(|f| slice.contains(f.as_str())))
        {
            problems.push(format!("{name}: span {start}..{end} holds none of its forms {forms:?}"));
        }
    }
    for e in edges
        .iter()
        .filter(|e| e["kind"] == "relation" || e["kind"] == "party_to")
    {
        writeln!(
            out,
            "{} {} -> {} -> {} | family: {} | rule: {}",
            s(&e["kind"]).unwrap_or_default(),
            label(&s(&e["source"]).unwrap_or_default()),
            s(&e["predicate"]).unwrap_or_default(),
            label(&s(&e["target"]).unwrap_or_default()),
            s(&e["family"]).unwrap_or_default(),
            s(&e["rule"]).unwrap_or_default()
        )
        .unwrap();
    }
    (out, problems)
}

/// The summary of one document's graph, and the provenance problems found on the way.
fn summary(input: &str, graph: &Value) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut problems = Vec::new();
    let nodes = graph["nodes"].as_array().unwrap();
    let edges = graph["edges"].as_array().unwrap();
    let label = |id: &str| {
        nodes
            .iter()
            .find(|n| n["id"] == id)
            .and_then(|n| s(&n["label"]))
            .unwrap_or_else(|| id.to_string())
    };
    for n in nodes.iter().filter(|n| n["kind"] == "document") {
        write!(out, "document {}", s(&n["id"]).unwrap_or_default()).unwrap();
        fields(&mut out, n, &["title", "authors"]);
        out.push('\n');
    }
    for n in nodes.iter().filter(|n| n["kind"] == "claim") {
        let text = s(&n["text"]).unwrap_or_default();
        let notes: Vec<String> = strs(&n["footnotes"]);
        let section = strs(&n["section"]).join(" > ");
        writeln!(out, "claim [{}] {} | {}", notes.join(","), section, text).unwrap();
        let (start, end) = (
            n["span"][0].as_u64().unwrap() as usize,
            n["span"][1].as_u64().unwrap() as usize,
        );
        match input.get(start..end) {
            None => problems.push(format!("claim span {start}..{end} is not a slice of the input: {text}")),
            Some(slice) => {
                let words: Vec<&str> = text
                    .split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|w| !w.is_empty())
                    .collect();
                for w in [words.first(), words.last()].into_iter().flatten() {
                    if !slice.contains(w) {
                        problems.push(format!("claim span {start}..{end} {slice:?} lacks {w:?} of: {text}"));
                    }
                }
            }
        }
        for e in edges.iter().filter(|e| e["kind"] == "cites" && e["source"] == n["id"]) {
            let target = s(&e["target"]).unwrap_or_default();
            write!(
                out,
                "  -> [{}] {}",
                s(&e["footnote"]).unwrap_or_default(),
                label(&target)
            )
            .unwrap();
            fields(&mut out, e, &["locator", "accessed", "url"]);
            out.push('\n');
        }
    }
    for n in nodes.iter().filter(|n| n["kind"] == "source") {
        let notes: Vec<String> = n["footnotes"]
            .as_array()
            .map(|a| a.iter().filter_map(|f| s(&f["n"])).collect())
            .unwrap_or_default();
        write!(out, "source [{}]", notes.join(",")).unwrap();
        let keys = [
            "title",
            "authors",
            "institution",
            "container",
            "date",
            "accessed",
            "url",
            "urls",
            "doi",
        ];
        fields(&mut out, n, &keys);
        out.push('\n');
    }
    for d in graph["graph"]["diagnostics"].as_array().unwrap() {
        write!(
            out,
            "warning {} {}:{}",
            s(&d["code"]).unwrap_or_default(),
            s(&d["line"]).unwrap_or_default(),
            s(&d["column"]).unwrap_or_default()
        )
        .unwrap();
        if let Some(n) = s(&d["note"]) {
            write!(out, " note {n}").unwrap();
        }
        out.push('\n');
    }
    (out, problems)
}

/// A line diff (longest common subsequence): `-` expected, `+` actual.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            writeln!(out, "   {}", a[i]).unwrap();
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            writeln!(out, " - {}", a[i]).unwrap();
            i += 1;
        } else {
            writeln!(out, " + {}", b[j]).unwrap();
            j += 1;
        }
    }
    out
}

/// Runs one case: the failures it gives (none when it passes or was blessed).
fn run(path: &Path, bless: bool) -> Vec<String> {
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let case = match parse(path) {
        Ok(c) => c,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let id = path.file_stem().unwrap().to_string_lossy().to_string();
    // a web page is read by the HTML reader; its spans index the text it extracts
    let (graph, text) = if path.extension().is_some_and(|e| e == "html") {
        let mut diags = policykg::diag::Diagnostics::new();
        match policykg::read::read(policykg::read::Format::Html, case.input.as_bytes(), &mut diags) {
            Ok(r) => {
                let g = policykg::build_read(&id, &name, r, diags, policykg::default_lexicon());
                let text = g.text.clone().unwrap_or_default();
                (g, text)
            }
            Err(p) => return vec![format!("{name}: not read: {p}")],
        }
    } else {
        (policykg::build_text(&id, &name, &case.input), case.input.clone())
    };
    let value = policykg::export::json::value(&graph);
    let stage = path.parent().and_then(|p| p.file_name()).unwrap_or_default();
    let (actual, problems) = if stage == "extract" {
        entity_summary(&text, &value)
    } else {
        summary(&text, &value)
    };
    let mut failures: Vec<String> = problems.into_iter().map(|p| format!("{name}: {p}")).collect();
    if actual != case.expected {
        if bless {
            let text = format!("{}{}{EXPECT}\n{actual}", case.head, case.input);
            std::fs::write(&case.path, text).unwrap();
        } else {
            failures.push(format!(
                "{name}: summary differs (- expected, + actual)\n{}",
                diff(&case.expected, &actual)
            ));
        }
    }
    failures
}

#[test]
fn cases() {
    let bless = std::env::var_os("POLICYKG_BLESS").is_some_and(|v| v == "1");
    let files = case_files();
    assert!(!files.is_empty(), "no case files under tests/cases");
    // the cases are independent: run them on every core, report them in file order
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().flat_map(|p| run(p, bless)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let failing = failures
        .iter()
        .filter_map(|f| f.split(": ").next())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert!(
        failures.is_empty(),
        "{failing} of {} cases fail:\n\n{}",
        files.len(),
        failures.join("\n")
    );
}
