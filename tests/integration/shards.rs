//! Corpora beyond one machine (README): documents built in shards, each shard by its own
//! `policykg build` (any batch runner, any machine), then merged by id, give the nodes and edges
//! of one build of all the documents, up to what only the corpus merge does: nodes it unites
//! under one id (`same_as`: a work keyed by DOI in one paper and by URL in another) are one
//! there and two in the merged shards. Checked twice: the per-document Cypher loaded into one
//! database where nodes `MERGE` on `id` and relationships on `key`, and the shards' `corpus.json`
//! merged by id, with every per-document output byte for byte the one build's and every Cypher
//! statement idempotent.

use crate::common::{policykg, tempdir};
use crate::corpus::{A, B};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A node as the database holds it after MERGE: (label, id).
type NodeKey = (String, String);
/// A relationship after MERGE: (type, key, start id, end id).
type RelKey = (String, String, String, String);

/// The single-quoted string literals of a Cypher line, unescaped, in order.
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some('r') => s.push('\r'),
                    Some('t') => s.push('\t'),
                    Some(x) => s.push(x),
                    None => {}
                },
                x => s.push(x),
            }
        }
        out.push(s);
    }
    out
}

/// The text between `open` and the next `close` after it.
fn between<'a>(line: &'a str, open: &str, close: &str) -> &'a str {
    let start = line.find(open).expect("the statement's shape") + open.len();
    let len = line[start..].find(close).expect("the statement's shape");
    &line[start..start + len]
}

/// What loading these Cypher files into one database gives: its nodes and relationships.
fn load(files: &[&Path]) -> (BTreeSet<NodeKey>, BTreeSet<RelKey>) {
    let (mut nodes, mut rels) = (BTreeSet::new(), BTreeSet::new());
    for f in files {
        for line in std::fs::read_to_string(f).expect("cypher written").lines() {
            if line.starts_with("MERGE (n:") {
                let id = literals(line).remove(0);
                nodes.insert((between(line, "MERGE (n:", " {").to_string(), id));
            } else if line.starts_with("MATCH (a:") {
                let mut l = literals(line).into_iter();
                let (a, b, key) = (l.next().expect("a"), l.next().expect("b"), l.next().expect("key"));
                rels.insert((between(line, "-[r:", " {").to_string(), key, a, b));
            }
        }
    }
    (nodes, rels)
}

/// The ids a corpus build united under another (`same_as`), each to the id it kept.
fn united(corpus: &Value) -> BTreeMap<String, String> {
    let mut kept = BTreeMap::new();
    for n in corpus["nodes"].as_array().expect("nodes") {
        for other in n["same_as"].as_array().into_iter().flatten() {
            kept.insert(
                other.as_str().expect("an id").into(),
                n["id"].as_str().expect("id").into(),
            );
        }
    }
    kept
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("written")).expect("JSON")
}

#[test]
fn shards_merged_by_id_give_the_one_build() {
    let d = tempdir("shards");
    let seed = std::fs::read_to_string("seeds/india-us-defense-relations.md").expect("seed");
    // two shards, as two machines would have them; and all of it in one place
    for (dir, name, text) in [
        ("one", "a.md", A),
        ("two", "b.md", B),
        ("two", "seed.md", seed.as_str()),
    ] {
        std::fs::create_dir_all(d.join(dir)).expect("mkdir");
        std::fs::create_dir_all(d.join("all")).expect("mkdir");
        std::fs::write(d.join(dir).join(name), text).expect("write");
        std::fs::write(d.join("all").join(name), text).expect("write");
    }
    for dir in ["one", "two", "all"] {
        let out = policykg(
            &[
                "build",
                dir,
                "--out",
                &format!("out-{dir}"),
                "--format",
                "json,cypher",
                "--quiet",
            ],
            &d,
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // every per-document file of both shards, loaded into one database
    let shard_files = [
        d.join("out-one/a.cypher"),
        d.join("out-two/b.cypher"),
        d.join("out-two/seed.cypher"),
    ];
    let (nodes, rels) = load(&shard_files.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let (want_nodes, want_rels) = load(&[&d.join("out-all/corpus.cypher")]);
    // the ids the one build united under another (`same_as`), to the id it kept
    let corpus = read_json(&d.join("out-all/corpus.json"));
    let kept = united(&corpus);
    assert!(
        kept.contains_key("source:url:example.org/articles/trade-wars"),
        "the one build unites the work cited by DOI and by URL: {kept:?}"
    );
    let to = |id: &String| kept.get(id).unwrap_or(id).clone();
    let united_nodes: BTreeSet<NodeKey> = nodes.iter().map(|(l, id)| (l.clone(), to(id))).collect();
    let united_rels: BTreeSet<RelKey> = rels
        .iter()
        .map(|(t, k, a, b)| (t.clone(), k.clone(), to(a), to(b)))
        .collect();
    assert_eq!(united_nodes, want_nodes);
    assert_eq!(united_rels, want_rels);
    // and without that step, the database holds exactly one node more per united id
    assert_eq!(nodes.len(), want_nodes.len() + kept.len());
    assert!(
        nodes.len() > 100 && rels.len() > 300,
        "{} nodes, {} rels",
        nodes.len(),
        rels.len()
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// Cites A's work by its DOI (so in A's shard the two meet under one id) and names the actors
/// of the other shard.
const C: &str = "Partners in Asia\n\nAnn Moe\n\nOverview\n\nIndia and the United States signed a logistics agreement in 2016.¹ Japan welcomed the step.²\n\n¹ Jane Doe, “Trade Wars and Alliances in Asia,” *Journal of Things* 12, no. 3 (2024): 5, doi:10.1234/jot.2024.7.\n\n² Ibid., 9.\n";

/// A node-link graph's node ids and edges, an edge as (kind, source, target, key).
type Ids = (BTreeSet<String>, BTreeSet<(String, String, String, String)>);

fn ids(g: &Value) -> Ids {
    let s = |v: &Value| v.as_str().expect("a string").to_string();
    let nodes = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| s(&n["id"]))
        .collect();
    let edges = g["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| (s(&e["kind"]), s(&e["source"]), s(&e["target"]), s(&e["key"])))
        .collect();
    (nodes, edges)
}

/// The statements of a Cypher file, one a line, outside comments and blank lines.
fn statements(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("cypher written")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(str::to_string)
        .collect()
}

/// Shards given as lists of files (as `split` and `xargs` give them in the README), each built
/// into its own folder: every per-document output is byte for byte the one build's, the
/// shards' `corpus.json` merged by id (nodes by id, edges by kind, ends and key) give the one
/// build's node and edge ids once the ids only the one build united (`same_as`) are mapped to
/// the id it kept, and every Cypher statement is a MERGE, so loading twice is loading once.
#[test]
fn shard_graphs_merged_by_id_give_the_one_build() {
    let d = tempdir("shards-json");
    std::fs::create_dir_all(d.join("docs")).expect("mkdir");
    let seed = std::fs::read_to_string("seeds/india-us-defense-relations.md").expect("seed");
    for (name, text) in [("a.md", A), ("b.md", B), ("c.md", C), ("seed.md", seed.as_str())] {
        std::fs::write(d.join("docs").join(name), text).expect("write");
    }
    let build = |inputs: &[&str], out: &str| {
        let mut args = vec!["build"];
        args.extend_from_slice(inputs);
        args.extend(["--out", out, "--format", "json,cypher", "--quiet"]);
        let o = policykg(&args, &d);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    build(&["docs"], "all");
    // A's work by DOI with C, B's by URL with the seed
    let shards = [("s1", ["a", "c"]), ("s2", ["b", "seed"])];
    for (out, docs) in &shards {
        let inputs: Vec<String> = docs.iter().map(|n| format!("docs/{n}.md")).collect();
        build(&inputs.iter().map(String::as_str).collect::<Vec<_>>(), out);
    }

    // a document's outputs depend on that document alone
    for (out, docs) in &shards {
        for n in docs {
            for ext in ["json", "cypher"] {
                let file = format!("{n}.{ext}");
                assert!(
                    std::fs::read(d.join(out).join(&file)).expect("shard output")
                        == std::fs::read(d.join("all").join(&file)).expect("one-build output"),
                    "{out}/{file} differs from the one build's"
                );
            }
        }
    }

    // the shards' graphs merged by id
    let (mut nodes, mut edges) = (BTreeSet::new(), BTreeSet::new());
    let mut per_shard = Vec::new();
    for (out, _) in &shards {
        let (n, e) = ids(&read_json(&d.join(out).join("corpus.json")));
        nodes.extend(n.iter().cloned());
        edges.extend(e.iter().cloned());
        per_shard.push(n);
    }
    let shared: BTreeSet<&String> = per_shard[0].intersection(&per_shard[1]).collect();
    for id in ["actor:india", "actor:united-states"] {
        assert!(shared.contains(&id.to_string()), "{id} in both shards: {shared:?}");
    }
    let corpus = read_json(&d.join("all/corpus.json"));
    let (want_nodes, want_edges) = ids(&corpus);
    let kept = united(&corpus);
    // what differs: exactly the ids the one build united under another
    let extra: BTreeSet<String> = nodes.difference(&want_nodes).cloned().collect();
    assert!(want_nodes.is_subset(&nodes));
    assert_eq!(extra, kept.keys().cloned().collect::<BTreeSet<_>>());
    assert!(
        extra.contains("source:url:example.org/articles/trade-wars"),
        "A's work is keyed by DOI in one shard and by URL in the other: {extra:?}"
    );
    let to = |id: &String| kept.get(id).unwrap_or(id).clone();
    let united: BTreeSet<String> = nodes.iter().map(to).collect();
    let united_edges: BTreeSet<_> = edges
        .iter()
        // the one build drops a co-mention of a node with itself once united
        .filter(|(k, s, t, _)| !(k == "co_mention" && to(s) == to(t)))
        .map(|(k, s, t, key)| (k.clone(), to(s), to(t), key.clone()))
        .collect();
    assert_eq!(united, want_nodes);
    assert_eq!(united_edges, want_edges);

    // every statement is idempotent: constraints IF NOT EXISTS, nodes MERGE on id (each once),
    // relationships MERGE on key between nodes MATCHed by id; no CREATE of data
    for (out, docs) in &shards {
        let files = docs
            .iter()
            .map(|n| format!("{n}.cypher"))
            .chain(["corpus.cypher".into()]);
        for f in files {
            let path = d.join(out).join(&f);
            let mut merged = BTreeSet::new();
            for s in statements(&path) {
                let idempotent = if s.starts_with("CREATE CONSTRAINT ") {
                    s.contains(" IF NOT EXISTS FOR (n:") && s.ends_with(" REQUIRE n.id IS UNIQUE;")
                } else if s.starts_with("MERGE (n:") {
                    assert!(merged.insert(literals(&s).remove(0)), "{f}: a node merged twice: {s}");
                    between(&s, " {", "}").starts_with("id: '") && s.contains(") SET n += {")
                } else {
                    s.starts_with("MATCH (a:")
                        && between(&s, "MERGE (a)-[r:", "]->(b)").contains(" {key: '")
                        && s.contains("]->(b) SET r += {")
                };
                assert!(idempotent, "{f}: not idempotent: {s}");
            }
            let (n, e) = ids(&read_json(&path.with_extension("json")));
            assert_eq!(merged, n, "{f}: one MERGE per node");
            let twice = load(&[&path, &path]);
            assert_eq!(twice, load(&[&path]));
            assert_eq!(twice.1.len(), e.len(), "{f}: one relationship per edge");
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}
