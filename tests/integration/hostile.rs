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

/// A sentence that never ends, naming actors all along (a file with no full stops; a graph
/// JSON given as a document): its relations share one copy of it. With a copy each, this
/// 40 KB line's 1,900 relations held 80 MB.
#[test]
fn a_long_sentence_with_many_relations_is_read_once() {
    let states = [
        "India", "Japan", "France", "Brazil", "Kenya", "Germany", "Mexico", "Canada", "Egypt", "Chile", "Peru",
        "Norway", "Spain", "Italy", "Ghana", "Nigeria", "Vietnam", "Turkey", "Poland", "Sweden",
    ];
    let mut text = String::from("Title\n\n");
    for _ in 0..5 {
        for a in states {
            for b in states.iter().filter(|&&b| b != a) {
                text.push_str(&format!("{a} sanctioned {b}, "));
            }
        }
    }
    text.push_str("and so on.\n");
    let g = graph(&text);
    let edges = g["edges"].as_array().expect("edges");
    let relations = edges
        .iter()
        .filter(|e| e["kind"] == "relation" || e["kind"] == "party_to")
        .count();
    assert!(relations > 100, "{relations} relations");
    assert_eq!(kinds(&g, "sentence"), 1);
}

#[test]
fn a_note_printing_thousands_of_urls_is_read_whole() {
    // in one citation's fields, in remark sentences after it, and after an Ibid.: every URL is
    // the work's (each field once cut by the URLs inside it: this was quadratic)
    let n = 5000;
    let fields: String = (0..n).map(|i| format!(" https://f.example.org/{i},")).collect();
    let remarks: String = (0..n).map(|i| format!(" See https://r.example.org/{i}.")).collect();
    let links: String = (0..n)
        .map(|i| format!(" It is [here](https://l.example.org/{i})."))
        .collect();
    let text = format!(
        "T\n\nOne.¹ Two.² Three.³\n\n¹ Jane Doe, “Fields,” 2020,{fields} 2021.\n\n² John Roe, “Remarks,” 2020. The agency is large.{remarks}\n\n³ Ibid.{links}\n"
    );
    let g = graph(&text);
    let sources: Vec<&serde_json::Value> = g["nodes"]
        .as_array()
        .expect("n")
        .iter()
        .filter(|s| s["kind"] == "source")
        .collect();
    let urls = |title: &str| {
        sources
            .iter()
            .find(|s| s["title"] == title)
            .and_then(|s| s["urls"].as_array())
            .map_or(0, Vec::len)
    };
    assert_eq!(urls("Fields"), n);
    assert_eq!(urls("Remarks"), 2 * n, "its remarks' and the Ibid.'s links");
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
    assert!(
        stderr.contains("error: out: is a file; --out names the folder"),
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
    // an explicit input that is not there (a dangling link) is reported and skipped like one
    // that cannot be read (below): the rest is built, and the exit status is 1
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("missing-target.md"), d.join("gone.md")).expect("symlink");
        let out = policykg(&["build", "ok.md", "gone.md", "--out", "out"], &d);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("error: gone.md: "), "{stderr}");
        assert!(d.join("out/ok.json").is_file(), "{stderr}");
    }
}

/// A graph JSON named as a document is one `error: PATH: …` line saying what it is and what
/// to ask it with, and is skipped; a JSON file of another kind is read as text, as any file
/// named is.
#[test]
fn a_graph_json_named_as_a_document_is_refused() {
    let d = tempdir("hostile-graph-json");
    std::fs::write(d.join("ok.md"), "T\n\nA claim.¹\n\n¹ A note.\n").expect("write");
    let out = policykg(&["build", "ok.md", "--out", "out", "--format", "json"], &d);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(d.join("other.json"), "{\"schema\": \"something/1\"}\n").expect("write");
    for args in [
        &["build", "ok.md", "out/ok.json", "other.json", "--out", "again"][..],
        &["check", "ok.md", "out/ok.json"][..],
    ] {
        let out = policykg(args, &d);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: out/ok.json: a policykg graph JSON, not a document"),
            "{args:?}: {stderr}"
        );
    }
    // (named before reading, `ok.md` beside `ok.json` is `ok-md`)
    assert!(d.join("again/ok-md.json").is_file() && d.join("again/other.json").is_file());
}

/// A document its reader may not open (mode 000), or a folder it may not list, is one
/// `error: PATH: …` line naming it and is skipped; the other documents are still built and the
/// exit status is 1. Root reads any file, so a test run as root builds as `nobody` (65534:65534).
#[cfg(unix)]
#[test]
fn a_file_or_folder_without_read_permission_is_reported_and_skipped() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    use std::path::{Path, PathBuf};

    const NOBODY: u32 = 65534;
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
    // every folder from `/` to `p` lets others pass (and `p` itself, when a file, be run)
    let reachable = |p: &Path| {
        p.ancestors()
            .all(|a| std::fs::metadata(a).is_ok_and(|m| m.mode() & 0o001 != 0))
    };

    let d = tempdir("hostile-mode000");
    let root = std::fs::metadata(&d).expect("temp dir").uid() == 0;
    let d = if !root || reachable(&d) {
        d
    } else {
        // TMPDIR is private to root: use a folder `nobody` can reach
        let base = ["/tmp", "/var/tmp", "/dev/shm"]
            .into_iter()
            .map(Path::new)
            .find(|b| reachable(b))
            .expect("a temporary folder others may enter, for running as nobody");
        let d = base.join(format!("policykg-hostile-mode000-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    };
    std::fs::write(d.join("ok.md"), "T\n\nA claim.¹\n\n¹ A note.\n").expect("write");
    std::fs::write(d.join("locked.md"), "T\n\nA secret.¹\n\n¹ A note.\n").expect("write");
    mode(&d.join("locked.md"), 0o000);
    std::fs::create_dir_all(d.join("sealed")).expect("mkdir");
    std::fs::write(d.join("sealed/inner.md"), "T\n\nA sealed claim.¹\n\n¹ A note.\n").expect("write");
    let mut bin = PathBuf::from(env!("CARGO_BIN_EXE_policykg"));
    if root {
        // nobody reads ok.md and writes `out/` into the folder, whatever the umask
        mode(&d, 0o777);
        mode(&d.join("ok.md"), 0o644);
        mode(&d.join("sealed/inner.md"), 0o644);
        if !reachable(&bin) {
            // the target folder is private to root: run a copy nobody may run
            let copy = d.join("policykg-bin");
            std::fs::copy(&bin, &copy).expect("copy the binary");
            mode(&copy, 0o755);
            bin = copy;
        }
    }
    // the folder is sealed last: nobody may no longer enter it
    mode(&d.join("sealed"), 0o000);
    for (args, out, named) in [
        (
            &["build", "ok.md", "locked.md", "--out"][..],
            "out-files",
            &["locked.md: "][..],
        ),
        (
            &["build", ".", "--jobs", "2", "--out"],
            "out-folder",
            &["locked.md: ", "sealed: "],
        ),
        (
            &["build", "ok.md", "sealed/inner.md", "--out"],
            "out-inner",
            &["inner.md: "],
        ),
    ] {
        let mut cmd = std::process::Command::new(&bin);
        cmd.args(args).arg(out).current_dir(&d);
        if root {
            cmd.uid(NOBODY).gid(NOBODY);
        }
        let run = cmd.output().expect("the binary runs");
        let stderr = String::from_utf8_lossy(&run.stderr);
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), named.len(), "{args:?}: {stderr}");
        for name in named {
            assert!(
                errors.iter().any(|e| e.contains(name)),
                "{args:?}: an error names {name}: {stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(run.status.code(), Some(1), "{args:?}: {stderr}");
        let out = d.join(out);
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("ok.json")).expect("ok.md is still built")).expect("JSON");
        assert_eq!(kinds(&json, "claim"), 1, "{args:?}");
        assert!(out.join("ok.dot").is_file(), "{args:?}");
        assert!(!out.join("locked.json").exists(), "{args:?}");
    }
    mode(&d.join("sealed"), 0o755);
    let _ = std::fs::remove_dir_all(&d);
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
