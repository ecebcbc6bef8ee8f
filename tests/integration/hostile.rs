//! Hostile and odd input: every one gives a graph or a one-line error, never a panic, and the
//! outputs stay whole. (Speed on huge inputs is measured by `benches/`, not timed here.)

use crate::common::{policykg, tempdir};

fn graph(text: &str) -> serde_json::Value {
    let g = policykg::build_text("t", "t.md", text);
    serde_json::from_slice(&policykg::export::json::write(&g)).expect("JSON")
}

fn kinds(g: &serde_json::Value, kind: &str) -> usize {
    g["nodes"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|n| n["kind"] == kind).count())
}

#[test]
fn empty_and_blank_documents_give_a_document_node_and_a_warning() {
    for text in ["", "   \n\t\n  ", "\u{feff}"] {
        let g = graph(text);
        assert_eq!(kinds(&g, "document"), 1);
        assert_eq!(kinds(&g, "claim"), 0);
        assert!(
            !g["graph"]["diagnostics"].as_array().expect("diagnostics").is_empty(),
            "{text:?}"
        );
    }
}

#[test]
fn line_endings_do_not_matter() {
    let lf = "Title\n\nIntro\n\nPrices rose.¹ Then fell.²\n\n¹ Jane Doe, “A,” *News*, May 1, 2024.\n\n² John Roe, “B,” *News*, May 2, 2024.\n";
    let claims = |t: &str| -> Vec<String> {
        graph(t)["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter(|n| n["kind"] == "claim")
            .map(|n| n["text"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let want = claims(lf);
    assert_eq!(want.len(), 2);
    assert_eq!(claims(&lf.replace('\n', "\r\n")), want, "CRLF");
    assert_eq!(claims(&lf.replace('\n', "\r")), want, "CR alone (old Mac files)");
}

#[test]
fn many_notes_and_a_long_line_are_read() {
    let sup = |n: usize| -> String {
        n.to_string()
            .chars()
            .map(|d| "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(d as usize - '0' as usize).unwrap_or('⁰'))
            .collect()
    };
    let n = 3000;
    let mut text = String::from("Title\n\nIntro\n\n");
    for i in 1..=n {
        text.push_str(&format!("Claim number {i} holds.{} ", sup(i)));
    }
    text.push_str("\n\n");
    for i in 1..=n {
        text.push_str(&format!(
            "{} Jane Doe, “Work {i},” *Outlet*, <https://example.org/{i}>.\n\n",
            sup(i)
        ));
    }
    let g = graph(&text);
    assert_eq!(kinds(&g, "claim"), n, "one paragraph, one line, {n} claims");
    assert_eq!(kinds(&g, "source"), n);
}

#[test]
fn markers_without_notes_and_notes_without_markers_are_warnings() {
    let g = graph("T\n\nA claim.¹ Another.⁵\n\n¹ A note.\n\n² An orphan note.\n");
    let codes: Vec<&str> = g["graph"]["diagnostics"]
        .as_array()
        .expect("d")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"P001") && codes.contains(&"P002"), "{codes:?}");
}

#[test]
fn malformed_and_nested_tables_and_url_only_notes() {
    let text = "T\n\n| a | b\n|---|\n| <ul><li>x <ul><li>y</li></ul></li> | | | extra |\n| unclosed <ul><li>z\n\nText.¹\n\n¹ <https://example.org/only-a-url>\n";
    let g = graph(text);
    assert_eq!(kinds(&g, "claim"), 1);
    let src = g["nodes"]
        .as_array()
        .expect("n")
        .iter()
        .find(|n| n["kind"] == "source")
        .cloned()
        .expect("a source");
    assert_eq!(src["url"], "https://example.org/only-a-url");
}

#[test]
fn an_output_folder_that_is_a_file_is_an_error() {
    let d = tempdir("hostile-outfile");
    std::fs::write(d.join("doc.md"), "T\n\nA claim.¹\n\n¹ A note.\n").expect("write");
    std::fs::write(d.join("out"), "not a folder").expect("write");
    let out = policykg(&["build", "doc.md", "--out", "out"], &d);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{stderr}"
    );
}

#[test]
fn an_unreadable_file_is_reported_and_skipped() {
    let d = tempdir("hostile-perm");
    std::fs::write(d.join("ok.md"), "T\n\nA claim.¹\n\n¹ A note.\n").expect("write");
    std::fs::create_dir_all(d.join("dir.md")).expect("a folder named like a document");
    let out = policykg(&["build", "ok.md", "dir.md", "--out", "out"], &d);
    // a folder named `dir.md` holds no documents: a usage error before anything is built
    assert_eq!(out.status.code(), Some(2));
    // a file that cannot be read (a dangling link here: permissions do not stop root)
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("missing-target.md"), d.join("gone.md")).expect("symlink");
        let out = policykg(&["build", "ok.md", "gone.md", "--out", "out"], &d);
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn a_failed_write_leaves_previous_outputs_whole() {
    let d = tempdir("hostile-keep");
    std::fs::write(d.join("doc.md"), "T\n\nA claim.¹\n\n¹ A note.\n").expect("write");
    assert!(policykg(&["build", "doc.md", "--out", "out"], &d).status.success());
    let before = std::fs::read(d.join("out/doc.json")).expect("json");
    // the document becomes unreadable: its old outputs stay as they were
    std::fs::write(d.join("doc.md"), b"\x00\x01binary").expect("write");
    assert_eq!(
        policykg(&["build", "doc.md", "--out", "out"], &d).status.code(),
        Some(1)
    );
    assert_eq!(std::fs::read(d.join("out/doc.json")).expect("json"), before);
}
