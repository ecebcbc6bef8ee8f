//! Node-link JSON as the contract fixes it (`networkx.node_link_graph(data, edges="edges")`).

use crate::graph::KnowledgeGraph;
use serde_json::{json, Map, Value};

pub const SCHEMA: &str = "policykg/1";

pub fn value(g: &KnowledgeGraph) -> Value {
    let nodes: Vec<Value> = g
        .nodes()
        .map(|n| {
            let mut m = Map::new();
            m.insert("id".into(), json!(n.id));
            m.insert("kind".into(), json!(n.kind));
            m.insert("label".into(), json!(n.label));
            for (k, v) in &n.attrs {
                m.insert(k.clone(), v.clone());
            }
            Value::Object(m)
        })
        .collect();
    let edges: Vec<Value> = g
        .edges()
        .map(|(s, t, e)| {
            let mut m = Map::new();
            m.insert("source".into(), json!(s));
            m.insert("target".into(), json!(t));
            m.insert("key".into(), json!(e.key));
            m.insert("kind".into(), json!(e.kind));
            for (k, v) in &e.attrs {
                m.insert(k.clone(), v.clone());
            }
            Value::Object(m)
        })
        .collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "schema": SCHEMA,
            "documents": g.documents,
            "diagnostics": g.diagnostics,
        },
        "nodes": nodes,
        "edges": edges,
    })
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&value(g)).unwrap_or_default();
    out.push(b'\n');
    out
}
