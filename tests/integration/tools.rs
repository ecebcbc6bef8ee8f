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

/// The width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let be = |r: std::ops::Range<usize>| u32::from_be_bytes(bytes[r].try_into().expect("4 bytes"));
    assert_eq!(&bytes[1..4], b"PNG", "a PNG");
    (be(16..20), be(20..24))
}

#[test]
fn the_seed_relationship_diagram_fits_one_screen_with_every_actor_and_agreement() {
    if !available("dot", "-V") {
        return;
    }
    let files = outputs("diagram");
    let seed = files
        .iter()
        .find(|f| f.file_name().is_some_and(|n| n == "india-us-defense-relations.dot"))
        .expect("the seed's NAME.dot");
    // `dot -Tpng NAME.dot`, no other options, as a user runs it
    let png = Command::new("dot").arg("-Tpng").arg(seed).output().expect("dot runs");
    assert!(
        png.status.success() && png.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&png.stderr)
    );
    let (w, h) = png_size(&png.stdout);
    assert!(w.max(h) <= 3000, "{w} × {h} px");
    // every actor and agreement is drawn: its id is an element of the rendered picture
    let svg = Command::new("dot").arg("-Tsvg").arg(seed).output().expect("dot runs");
    let svg = String::from_utf8_lossy(&svg.stdout);
    let json = seed.with_extension("json");
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(json).expect("json")).expect("json");
    let entities: Vec<&str> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "actor" || n["kind"] == "agreement")
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(
        entities.len() > 50,
        "the seed names {} actors and agreements",
        entities.len()
    );
    for id in entities {
        // Graphviz writes `-` as a character reference
        let escaped = id.replace('&', "&amp;").replace('"', "&quot;").replace('-', "&#45;");
        assert!(svg.contains(&format!(r#"id="{escaped}""#)), "{id} is not drawn");
    }
    // and the drawing is the readable one: no claims or sources in it
    assert!(!svg.contains(r#"id="claim:"#) && !svg.contains(r#"id="source:"#));
}
