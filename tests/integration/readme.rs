//! The README's examples are the program's real output: its JSON example is a selection of the
//! seed graph's fields, its build transcript what a build prints, its table of warnings the codes
//! the program has.

use crate::common::{policykg, tempdir};
use policykg::diag::Code;
use serde_json::Value;
use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string("README.md").expect("README.md")
}

/// The body of the first fenced block of `lang` after the line holding `after`.
fn block_after(text: &str, after: &str, lang: &str) -> String {
    let from = text.find(after).unwrap_or_else(|| panic!("README has no `{after}`"));
    let rest = &text[from..];
    let open = format!("```{lang}\n");
    let start = rest.find(&open).expect("a fenced block") + open.len();
    let end = rest[start..].find("\n```").expect("the block ends") + start;
    rest[start..end].to_string()
}

#[test]
fn the_json_example_is_the_seed_graph() {
    let example = block_after(&readme(), "A claim and a source from `graphs/", "json");
    let graph: Value =
        serde_json::from_slice(&std::fs::read("graphs/india-us-defense-relations.json").expect("graph")).expect("JSON");
    let shown: Vec<Value> = serde_json::Deserializer::from_str(&example)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .expect("the example is JSON objects");
    assert_eq!(shown.len(), 2);
    for node in shown {
        let id = node["id"].as_str().expect("an id");
        let real = graph["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["id"] == id)
            .unwrap_or_else(|| panic!("{id} is not in the seed graph"));
        for (field, value) in node.as_object().expect("an object") {
            assert_eq!(&real[field], value, "{id}: `{field}` in the README is stale");
        }
    }
}

#[test]
fn the_build_transcript_is_what_a_build_prints() {
    let transcript = block_after(&readme(), "prints every warning about each document", "text");
    // `policykg build` in a copy of the repository's seeds/
    let d = tempdir("readme-build");
    let root = std::env::current_dir().expect("cwd");
    std::fs::create_dir_all(d.join("seeds")).expect("mkdir");
    for e in std::fs::read_dir(root.join("seeds")).expect("seeds/").flatten() {
        std::fs::copy(e.path(), d.join("seeds").join(e.file_name())).expect("copy");
    }
    let out = policykg(&["build"], &d);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in transcript.lines() {
        assert!(
            stderr.lines().any(|l| l == line),
            "README line not printed: {line}\n{stderr}"
        );
    }
    assert_eq!(stderr.lines().last(), transcript.lines().last(), "the last line");
}

#[test]
fn the_corpus_transcript_is_what_a_corpus_build_prints() {
    let transcript = block_after(&readme(), "A corpus build ends with a summary line", "text");
    let d = tempdir("readme-corpus");
    let root = std::env::current_dir().expect("cwd");
    let seed = root.join("seeds/india-us-defense-relations.md");
    let fixture = root.join("tests/fixtures/hostile.md");
    for (from, to) in [
        (&seed, "seeds/india-us-defense-relations.md"),
        (&fixture, "tests/fixtures/hostile.md"),
    ] {
        std::fs::create_dir_all(d.join(to).parent().expect("parent")).expect("mkdir");
        std::fs::copy(from, d.join(to)).expect("copy");
    }
    let out = policykg(&["build", "seeds", "tests/fixtures/hostile.md", "--out", "out"], &d);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last: Vec<&str> = stderr
        .lines()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert_eq!(last, transcript.lines().collect::<Vec<_>>(), "{stderr}");
}

#[test]
fn the_table_of_warnings_has_every_code() {
    let text = readme();
    for code in Code::ALL {
        let row = format!("| {} | {} |", code.as_str(), code.summary());
        assert!(text.contains(&row), "README lacks the row `{row}`");
    }
    let rows = text.lines().filter(|l| l.starts_with("| P0")).count();
    assert_eq!(
        rows,
        Code::ALL.len(),
        "a README row for a code the program does not have"
    );
}

#[test]
fn the_readme_names_what_the_test_command_needs() {
    let text = readme();
    let quick = block_after(&text, "## Quick start", "sh");
    assert!(quick.contains(".ci/run"));
    for needed in [
        "rustup", "sudo", "apt-get", "python3", "venv", "npm", "graphviz", "chromium",
    ] {
        assert!(text.contains(needed), "the README does not name `{needed}`");
    }
    assert!(Path::new(".ci/run").exists());
}

#[test]
fn the_check_transcript_ends_as_checking_seeds_does() {
    let transcript = block_after(&readme(), "policykg check paper.md --format sarif", "text");
    let out = policykg(&["check"], Path::new("."));
    assert_eq!(out.status.code(), Some(1), "the seeds have findings");
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(report.lines().last(), transcript.lines().last(), "{report}");
    for line in transcript.lines().filter(|l| *l != "…") {
        assert!(report.lines().any(|l| l == line), "README line not printed: {line}");
    }
}
