//! Schemas `policykg/2` (the default) and `policykg/1` (`--schema 1`): a relation's evidence
//! sentence written once, in the claim or `sentence` node its `sentence` names, or repeated in
//! every edge's `evidence`; the two say the same, and `policykg/1` is what builds wrote before.

use crate::common::{policykg, tempdir};
use policykg::export::json;
use policykg::graph::{KnowledgeGraph, NodeKind, Schema};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The seeds' graphs and their corpus, as the build makes them (policykg/2).
fn seeds() -> Vec<KnowledgeGraph> {
    let paths = policykg::io::discover(&[PathBuf::from("seeds")]).expect("seeds/").paths;
    let names = policykg::io::names(&paths);
    let mut graphs: Vec<KnowledgeGraph> = paths
        .iter()
        .zip(&names)
        .map(|(p, n)| {
            policykg::build_file(p, n, policykg::ReadOptions::default(), policykg::default_lexicon())
                .expect("seed builds")
                .0
        })
        .collect();
    graphs.push(KnowledgeGraph::merge(&graphs));
    graphs
}

/// A `policykg/2` graph JSON rewritten by hand as `policykg/1` says it: every `sentence`
/// reference replaced by the text it names, where `evidence_span` stood; no `sentence` node.
fn by_hand_as_v1(v2: &Value) -> Value {
    let mut v = v2.clone();
    let texts: BTreeMap<String, Value> = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_str().expect("id").to_string(), n["text"].clone()))
        .collect();
    v["graph"]["schema"] = Value::from("policykg/1");
    v["nodes"]
        .as_array_mut()
        .expect("nodes")
        .retain(|n| n["kind"] != "sentence");
    for e in v["edges"].as_array_mut().expect("edges") {
        if e["kind"] != "relation" && e["kind"] != "party_to" {
            continue;
        }
        let old = e.as_object().expect("an edge").clone();
        let id = old["sentence"].as_str().expect("a sentence id").to_string();
        let mut new = Map::new();
        for (k, x) in old {
            match k.as_str() {
                "sentence" => {}
                "evidence_span" => {
                    new.insert("evidence".into(), texts[&id].clone());
                }
                _ => {
                    new.insert(k, x);
                }
            }
        }
        *e = Value::Object(new);
    }
    v
}

#[test]
fn schema_1_is_schema_2_with_every_evidence_written_out() {
    for g2 in seeds() {
        assert_eq!(g2.schema, Schema::V2);
        let v2: Value = serde_json::from_slice(&json::write(&g2)).expect("JSON");
        assert_eq!(v2["graph"]["schema"], "policykg/2");
        let mut g1 = g2.clone();
        g1.to_v1();
        let mut want = serde_json::to_vec_pretty(&by_hand_as_v1(&v2)).expect("JSON");
        want.push(b'\n');
        assert_eq!(
            String::from_utf8_lossy(&json::write(&g1)),
            String::from_utf8_lossy(&want)
        );
    }
}

#[test]
fn every_evidence_names_a_sentence_with_its_span_and_text() {
    let mut relations = 0;
    for g in seeds() {
        for (_, _, e) in g.edges().filter(|(_, _, e)| e.kind.is_relation()) {
            relations += 1;
            assert!(e.attrs.get("evidence").is_none(), "policykg/2 repeats no evidence");
            let id = e
                .attrs
                .get("sentence")
                .and_then(policykg::graph::Value::as_str)
                .expect("sentence");
            let n = g.node(id).unwrap_or_else(|| panic!("{id} is not a node"));
            assert!(matches!(n.kind, NodeKind::Claim | NodeKind::Sentence), "{id}");
            assert_eq!(n.attrs.get("span"), e.attrs.get("evidence_span"), "{id}");
            assert_eq!(e.attrs.get("span"), e.attrs.get("evidence_span"), "{id}");
            assert!(g.evidence(e).is_some_and(|t| !t.is_empty()), "{id}");
        }
        // a sentence node is named by some relation, and is no claim's sentence
        for n in g.nodes().filter(|n| n.kind == NodeKind::Sentence) {
            assert!(
                g.edges()
                    .any(|(_, _, e)| e.attrs.get("sentence").and_then(policykg::graph::Value::as_str) == Some(&n.id)),
                "{} is named by no relation",
                n.id
            );
            assert!(!g
                .nodes()
                .any(|c| c.kind == NodeKind::Claim && c.attrs.get("span") == n.attrs.get("span")));
        }
    }
    assert!(relations > 50, "{relations}");
}

#[test]
fn the_flag_writes_schema_1_and_a_merge_keeps_one_schema() {
    let d = tempdir("schema-flag");
    let seed = std::env::current_dir()
        .expect("cwd")
        .join("seeds/india-us-defense-relations.md");
    let seed = seed.to_str().expect("a UTF-8 path");
    for (flag, name, sentences) in [("1", "policykg/1", false), ("2", "policykg/2", true)] {
        let out = policykg(
            &["build", seed, "--out", flag, "--format", "json", "--schema", flag],
            &d,
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value =
            serde_json::from_slice(&std::fs::read(d.join(flag).join("india-us-defense-relations.json")).expect("read"))
                .expect("JSON");
        assert_eq!(v["graph"]["schema"], name);
        let has = v["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .any(|n| n["kind"] == "sentence");
        assert_eq!(has, sentences);
        // read back, it stays what it was
        let back = json::read(&std::fs::read(d.join(flag).join("india-us-defense-relations.json")).expect("read"))
            .expect("reads");
        assert_eq!(back.schema.as_str(), name);
    }
    let out = policykg(&["build", seed, "--schema", "3"], &d);
    assert_eq!(out.status.code(), Some(2));
    // a policykg/1 graph merged with a policykg/2 one gives policykg/1, the evidence written out
    let v1 = json::read(&std::fs::read(d.join("1/india-us-defense-relations.json")).expect("read")).expect("v1");
    let mut v2 = seeds().remove(0);
    v2.documents = vec!["other".into()];
    let mut corpus = KnowledgeGraph::new();
    corpus.absorb(v2);
    corpus.absorb(v1);
    assert_eq!(corpus.schema, Schema::V1);
    assert_eq!(corpus.count(NodeKind::Sentence), 0);
    assert!(corpus
        .edges()
        .filter(|(_, _, e)| e.kind.is_relation())
        .all(|(_, _, e)| e
            .attrs
            .get("evidence")
            .and_then(policykg::graph::Value::as_str)
            .is_some()
            && e.attrs.get("sentence").is_none()));
    let _ = std::fs::remove_dir_all(&d);
}
