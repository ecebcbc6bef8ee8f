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
    assert!(stderr.contains("memo.md: 2 claims, 1 sources, 0 warnings"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out/memo.json")).expect("json written")).expect("valid JSON");
    assert_eq!(json["graph"]["documents"][0], "memo");
    assert!(d.join("out/memo.dot").exists());
    assert!(d.join("out/memo.citations.dot").exists());
    assert!(!d.join("out/corpus.json").exists(), "one document gives no corpus");
    // no temporary files are left behind
    let left: Vec<_> = std::fs::read_dir(d.join("out"))
        .expect("out")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
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

    let missing = policykg(&["build", "nope.md"], &d);
    assert_eq!(missing.status.code(), Some(2));
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
