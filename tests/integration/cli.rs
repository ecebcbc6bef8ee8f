//! The command line end to end: outputs, summaries, exit codes and one-line errors.

use crate::common::{policykg, tempdir};
use std::path::Path;

const DOC: &str = "A Memo\n\nIntro\n\nTariffs rose.¹ Then fell.²\n\n¹ Jane Doe, “Tariffs,” *Daily News*, May 1, 2024, <https://example.org/t>.\n\n² Ibid., 4.\n";

#[test]
fn builds_a_document_into_json_and_dot() {
    let d = tempdir("cli-one");
    std::fs::write(d.join("memo.md"), DOC).expect("write");
    let out = policykg(&["build", "memo.md", "--out", "out"], &d);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("memo.md: 2 claims, 1 source, 0 warnings; title “A Memo”"),
        "{stderr}"
    );
    // the last line names what was written and the page to open
    assert_eq!(
        stderr.lines().last(),
        Some("wrote json, dot, html for 1 document to out/; open out/memo.html"),
        "{stderr}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out/memo.json")).expect("json written")).expect("valid JSON");
    assert_eq!(json["graph"]["documents"][0], "memo");
    assert!(d.join("out/memo.dot").exists());
    assert!(d.join("out/memo.citations.dot").exists());
    assert!(d.join("out/memo.html").exists(), "the viewer is written by default");
    assert!(!d.join("out/corpus.json").exists(), "one document gives no corpus");
    // no temporary files are left behind
    let left: Vec<_> = std::fs::read_dir(d.join("out"))
        .expect("out")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 4, "{left:?}");
}

#[test]
fn two_documents_give_a_corpus() {
    let d = tempdir("cli-corpus");
    std::fs::create_dir_all(d.join("docs/sub")).expect("mkdir");
    std::fs::write(d.join("docs/a.md"), DOC).expect("write");
    std::fs::write(d.join("docs/sub/b.txt"), DOC.replace("Tariffs rose", "Prices rose")).expect("write");
    let out = policykg(&["build", "docs", "--out", "out"], &d);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let corpus: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out/corpus.json")).expect("corpus")).expect("valid JSON");
    let sources = corpus["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "source")
        .count();
    assert_eq!(sources, 1, "the work both cite is one node");
    assert_eq!(corpus["graph"]["documents"], serde_json::json!(["a", "b"]));
}

#[test]
fn bad_inputs_fail_with_one_line() {
    let d = tempdir("cli-bad");
    std::fs::write(d.join("bin.md"), b"abc\x00def").expect("write");
    std::fs::write(d.join("latin.md"), b"caf\xe9 au lait").expect("write");
    std::fs::write(d.join("ok.md"), DOC).expect("write");
    let out = policykg(&["build", "bin.md", "latin.md", "ok.md", "--out", "out"], &d);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: bin.md: looks binary"), "{stderr}");
    assert!(stderr.contains("error: latin.md: not UTF-8 at byte 3"), "{stderr}");
    assert!(d.join("out/ok.json").exists(), "the good document is still built");
    assert!(!d.join("out/bin.json").exists() && !d.join("out/latin.json").exists());

    // a missing input among good ones is reported and skipped, as an unreadable one is
    let missing = policykg(&["build", "nope.md", "ok.md", "--out", "out2"], &d);
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("error: nope.md: "), "{stderr}");
    assert!(stderr.contains("for 1 of 2 documents"), "{stderr}");
    assert!(d.join("out2/ok.json").exists(), "the good document is still built");
    std::fs::create_dir_all(d.join("empty")).expect("mkdir");
    let empty = policykg(&["build", "empty"], &d);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no documents found"));
    let flag = policykg(&["build", "--bogus"], &d);
    assert_eq!(flag.status.code(), Some(2));
}

#[test]
fn marker_free_document_is_not_an_error() {
    let d = tempdir("cli-plain");
    std::fs::write(d.join("plain.md"), "Just prose.\n\nNo notes at all.\n").expect("write");
    let out = policykg(&["build", "plain.md", "--out", "out"], &d);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning[P004]"));
    let strict = policykg(&["build", "plain.md", "--out", "out", "--deny-warnings"], &d);
    assert_eq!(strict.status.code(), Some(1));
    // it says why it failed, even when told to be quiet
    let quiet = policykg(&["build", "plain.md", "--out", "out", "--deny-warnings", "-q"], &d);
    assert_eq!(quiet.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&quiet.stderr),
        "error: 1 warning, and --deny-warnings makes warnings fail the build\n"
    );
}

#[test]
fn half_a_footnote_apparatus_is_said_never_a_silent_zero() {
    let d = tempdir("cli-half");
    // notes, but no markers in the text
    std::fs::write(
        d.join("notes.md"),
        "A Memo\n\nTariffs rose. Then fell.\n\nNotes\n\n1. Jane Doe, “Tariffs,” 2024.\n\n2. John Roe, “Fall,” 2024.\n",
    )
    .expect("write");
    // superscript markers, but no notes
    std::fs::write(d.join("marks.md"), "A Memo\n\nTariffs rose.¹ Then fell.²\n").expect("write");
    for (doc, said) in [
        (
            "notes.md",
            "warning[P004]: 2 notes found but no footnote marker in the text",
        ),
        (
            "marks.md",
            "warning[P004]: 2 superscript numbers in the text but no notes",
        ),
    ] {
        let out = policykg(&["build", doc, "--out", "out"], &d);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains(said), "{doc}: {stderr}");
        assert!(stderr.contains(": 0 claims,"), "{doc}: {stderr}");
    }
    // the title the reader took is said; so is its absence
    std::fs::write(
        d.join("untitled.md"),
        "Tariffs rose in 2024\nand fell again.¹\n\n¹ Jane Doe, “T,” 2024.\n",
    )
    .expect("write");
    let out = policykg(&["build", "marks.md", "untitled.md", "--out", "out"], &d);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("marks.md: 0 claims, 0 sources, 1 warning; title “A Memo”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("untitled.md: 1 claim, 1 source, 0 warnings; no title found"),
        "{stderr}"
    );
}

#[test]
fn quiet_prints_no_warnings_and_a_corpus_ends_with_its_summary() {
    let d = tempdir("cli-quiet");
    std::fs::write(d.join("a.md"), DOC).expect("write");
    std::fs::write(d.join("b.md"), DOC.replace("Tariffs rose", "Prices rose")).expect("write");
    std::fs::write(d.join("plain.md"), "Just prose.\n\nNo notes at all.\n").expect("write");
    let quiet = policykg(&["build", "a.md", "b.md", "plain.md", "--out", "out", "--quiet"], &d);
    assert!(quiet.status.success());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "", "--quiet prints nothing");
    // the warnings stay in the JSON
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out/plain.json")).expect("json")).expect("JSON");
    assert_eq!(json["graph"]["diagnostics"][0]["code"], "P004");
    let loud = policykg(&["build", "a.md", "b.md", "plain.md", "--out", "out"], &d);
    let stderr = String::from_utf8_lossy(&loud.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.get(lines.len().wrapping_sub(2)).copied(),
        Some(
            "corpus: 3 documents; 4 claims, 1 source, 0 actors, 0 agreements, 0 drivers; \
             shared by two or more documents: 1 source, 0 actors and agreements; 1 warning (P004 ×1)"
        ),
        "{stderr}"
    );
    assert_eq!(
        lines.last().copied(),
        Some("wrote json, dot, html for 3 documents to out/; open out/corpus.html")
    );
}

#[test]
fn stale_temporaries_of_a_killed_build_are_removed_by_the_next() {
    let d = tempdir("cli-stale");
    std::fs::write(d.join("memo.md"), DOC).expect("write");
    std::fs::create_dir_all(d.join("out/memo.neo4j")).expect("mkdir");
    // what `kill -9` mid-build leaves: temporaries of a process that is gone (pid 0 is never
    // a user process), beside a file of the user's that only looks alike
    for f in [".memo.json.tmp-0-3", "memo.neo4j/.nodes_claim.csv.tmp-0-9"] {
        std::fs::write(d.join("out").join(f), "half a file").expect("write");
    }
    std::fs::write(d.join("out/.notes.tmp"), "mine").expect("write");
    assert!(policykg(&["build", "memo.md", "--out", "out", "-q"], &d)
        .status
        .success());
    assert!(!d.join("out/.memo.json.tmp-0-3").exists());
    assert!(!d.join("out/memo.neo4j/.nodes_claim.csv.tmp-0-9").exists());
    assert!(d.join("out/.notes.tmp").exists(), "a file that is not ours stays");
}

#[test]
fn format_help_lists_the_formats_and_the_usage_shows_every_option_optional() {
    let out = policykg(&["build", "--format", "help"], Path::new("."));
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for f in policykg::Format::ALL {
        assert!(help.contains(&format!("  {:<10} ", f.name())), "{help}");
    }
    let usage = policykg(&["build", "--help"], Path::new("."));
    let text = String::from_utf8_lossy(&usage.stdout);
    assert!(
        text.contains("Usage: policykg build [INPUT ...] [--out DIR] [--format LIST] [OPTIONS]"),
        "{text}"
    );
    let bad = policykg(&["build", "--format", "pdf"], Path::new("."));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`--format help` describes them"));
}

#[test]
fn help_explains_every_flag() {
    let out = policykg(&["build", "--help"], Path::new("."));
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--out",
        "--format",
        "--jobs",
        "--deny-warnings",
        "--quiet",
        "--max-size",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn legacy_encodings_are_read_only_when_asked_and_never_silently() {
    let d = tempdir("cli-enc");
    std::fs::write(
        d.join("latin.md"),
        b"Caf\xe9 policy rose.\xb9\n\n\xb9 Jane Doe, \xabTitle\xbb, 2020.\n",
    )
    .expect("write");
    let refused = policykg(&["build", "latin.md", "--out", "out"], &d);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("(try --encoding windows-1252)"));
    let read = policykg(&["build", "latin.md", "--out", "out", "--encoding", "windows-1252"], &d);
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));
    assert!(String::from_utf8_lossy(&read.stderr).contains("note: latin.md: not UTF-8, decoded as windows-1252"));
    let json = std::fs::read_to_string(d.join("out/latin.json")).expect("json");
    assert!(
        json.contains("Café policy rose."),
        "the superscript ¹ (0xB9) is a marker once decoded"
    );
    let bad = policykg(&["build", "latin.md", "--encoding", "klingon"], &d);
    assert_eq!(bad.status.code(), Some(2));
}
