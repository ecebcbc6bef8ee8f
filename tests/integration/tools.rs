//! The outputs load in the real tools their users use: Graphviz renders every DOT file without a
//! warning, and NetworkX reads every JSON file as the contract promises.
//!
//! The README's test command (`.ci/run`) installs the tools and sets `POLICYKG_TOOLS=1`, which
//! makes a missing tool a failure; without it, a missing tool skips these checks.

use policykg::{io, Format};
use std::path::{Path, PathBuf};
use std::process::Command;

fn required() -> bool {
    std::env::var_os("POLICYKG_TOOLS").is_some()
}

fn python() -> String {
    std::env::var("POLICYKG_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// The seed alone and the seed with a fixture as a corpus, written to a temporary folder.
/// Each test writes into a folder of its own (`tag`): tests run in parallel threads.
fn outputs(tag: &str) -> Vec<PathBuf> {
    let dir = std::env::temp_dir().join(format!("policykg-tools-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let paths = vec![
        PathBuf::from("seeds/india-us-defense-relations.md"),
        PathBuf::from("tests/fixtures/hostile.md"),
    ];
    let names = io::names(&paths);
    let mut graphs = Vec::new();
    let mut files = Vec::new();
    for (p, n) in paths.iter().zip(&names) {
        let g = policykg::build_file(p, n, policykg::ReadOptions::default(), policykg::default_lexicon())
            .map(|(g, _)| g)
            .expect("builds");
        for (f, bytes) in policykg::render(n, &g, Format::DEFAULT) {
            std::fs::write(dir.join(&f), bytes).expect("write");
            files.push(dir.join(f));
        }
        graphs.push(g);
    }
    let corpus = policykg::graph::KnowledgeGraph::merge(&graphs);
    for (f, bytes) in policykg::render("corpus", &corpus, Format::DEFAULT) {
        std::fs::write(dir.join(&f), bytes).expect("write");
        files.push(dir.join(f));
    }
    files
}

fn available(cmd: &str, arg: &str) -> bool {
    let ok = Command::new(cmd)
        .arg(arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok || !required(),
        "{cmd} is required (POLICYKG_TOOLS is set) but does not run"
    );
    if !ok {
        eprintln!("skipped: {cmd} not installed (run .ci/run to install it)");
    }
    ok
}

fn with_ext(files: &[PathBuf], ext: &str) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == ext))
        .cloned()
        .collect()
}

#[test]
fn graphviz_renders_every_dot_file_without_warnings() {
    if !available("dot", "-V") {
        return;
    }
    for f in with_ext(&outputs("dot"), "dot") {
        let out = Command::new("dot").arg("-Tsvg").arg(&f).output().expect("dot runs");
        assert!(
            out.status.success(),
            "{}: {}",
            f.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}: {}",
            f.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    }
}

#[test]
fn networkx_loads_every_json_graph() {
    let py = python();
    let probe = Command::new(&py)
        .args(["-c", "import networkx"])
        .output()
        .map(|o| o.status.success());
    let ok = probe.unwrap_or(false);
    assert!(
        ok || !required(),
        "{py} with networkx is required (POLICYKG_TOOLS is set)"
    );
    if !ok {
        eprintln!("skipped: networkx not installed (run .ci/run to install it)");
        return;
    }
    let files = with_ext(&outputs("json"), "json");
    let script = Path::new("tests/tools/check_graph.py");
    for f in files {
        let g: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).expect("read")).expect("json");
        let out = Command::new(&py).arg(script).arg(&f).output().expect("python runs");
        assert!(
            out.status.success(),
            "{}: {}",
            f.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        // NetworkX counts what policykg wrote
        let counts = String::from_utf8_lossy(&out.stdout);
        let nodes = g["nodes"].as_array().map_or(0, |a| a.len());
        let edges = g["edges"].as_array().map_or(0, |a| a.len());
        assert!(
            counts.contains(&format!("nodes={nodes} edges={edges}")),
            "{}: {counts}",
            f.display()
        );
    }
}
