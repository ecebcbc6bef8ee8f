//! Beyond one machine (README): documents built in shards, each shard by its own `policykg
//! build` (any batch runner, any machine), their per-document Cypher loaded into one graph
//! database where nodes `MERGE` on `id` and relationships on `key`, give the nodes and
//! relationships of one build of all the documents, up to what only the corpus merge does:
//! nodes the merge unites under one id (`same_as`: a work keyed by DOI in one paper and by URL
//! in another) are one there and two in the database.

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

#[test]
fn shards_merged_by_id_give_the_one_build() {
    let d = tempdir("shards");
    let seed = std::fs::read_to_string(
        std::env::current_dir()
            .expect("cwd")
            .join("seeds/india-us-defense-relations.md"),
    )
    .expect("seed");
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
    let corpus: Value =
        serde_json::from_slice(&std::fs::read(d.join("out-all/corpus.json")).expect("corpus")).expect("JSON");
    let mut kept: BTreeMap<String, String> = BTreeMap::new();
    for n in corpus["nodes"].as_array().expect("nodes") {
        for other in n["same_as"].as_array().into_iter().flatten() {
            kept.insert(
                other.as_str().expect("an id").into(),
                n["id"].as_str().expect("id").into(),
            );
        }
    }
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
