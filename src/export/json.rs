//! Node-link JSON as the contract fixes it (`networkx.node_link_graph(data, edges="edges")`).

use super::Sink;
use crate::graph::{Attrs, Edge, KnowledgeGraph, Node};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{json, Map, Value};
use std::io::Write;

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
                m.insert(k.to_string(), v.clone());
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
                m.insert(k.to_string(), v.clone());
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

/// The exporter: `NAME.json`, streamed.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.json"), &|w| write_to(g, w))
}

/// The same bytes as pretty-printing [`value`], streamed: no copy of the graph.
pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    // writing to memory cannot fail
    let _ = write_to(g, &mut out);
    out
}

/// [`write`] into `w`.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // the serialiser writes token by token: buffered here, those are copies, not calls through `w`
    let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut out, &Streamed(g))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The whole document, serialised as [`value`] builds it.
struct Streamed<'a>(&'a KnowledgeGraph);

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut m = ser.serialize_map(Some(5))?;
        m.serialize_entry("directed", &true)?;
        m.serialize_entry("multigraph", &true)?;
        m.serialize_entry("graph", &GraphAttrs(g))?;
        m.serialize_entry("nodes", &Nodes(g))?;
        m.serialize_entry("edges", &Edges(g))?;
        m.end()
    }
}

struct GraphAttrs<'a>(&'a KnowledgeGraph);

impl Serialize for GraphAttrs<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut m = ser.serialize_map(Some(3))?;
        m.serialize_entry("schema", SCHEMA)?;
        m.serialize_entry("documents", &self.0.documents)?;
        m.serialize_entry("diagnostics", &self.0.diagnostics)?;
        m.end()
    }
}

struct Nodes<'a>(&'a KnowledgeGraph);

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut seq = ser.serialize_seq(None)?;
        for n in self.0.nodes() {
            seq.serialize_element(&NodeObj(n))?;
        }
        seq.end()
    }
}

struct Edges<'a>(&'a KnowledgeGraph);

impl Serialize for Edges<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut seq = ser.serialize_seq(None)?;
        for (s, t, e) in self.0.edges() {
            seq.serialize_element(&EdgeObj(s, t, e))?;
        }
        seq.end()
    }
}

/// Fixed keys first, then the attributes; an attribute named like a fixed key replaces its value
/// in place (as inserting into the ordered map does).
fn object<S: Serializer>(ser: S, fixed: &[(&str, Value)], attrs: &Attrs) -> Result<S::Ok, S::Error> {
    let mut m = ser.serialize_map(None)?;
    for (k, v) in fixed {
        m.serialize_entry(k, attrs.get(k).unwrap_or(v))?;
    }
    for (k, v) in attrs {
        if !fixed.iter().any(|(f, _)| *f == k) {
            m.serialize_entry(k, v)?;
        }
    }
    m.end()
}

struct NodeObj<'a>(&'a Node);

impl Serialize for NodeObj<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let fixed = [("id", json!(n.id)), ("kind", json!(n.kind)), ("label", json!(n.label))];
        object(ser, &fixed, &n.attrs)
    }
}

struct EdgeObj<'a>(&'a str, &'a str, &'a Edge);

impl Serialize for EdgeObj<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let e = self.2;
        let fixed = [
            ("source", json!(self.0)),
            ("target", json!(self.1)),
            ("key", json!(e.key)),
            ("kind", json!(e.kind)),
        ];
        object(ser, &fixed, &e.attrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_equals_value() {
        let g = KnowledgeGraph::default();
        let mut want = serde_json::to_vec_pretty(&value(&g)).unwrap_or_default();
        want.push(b'\n');
        assert_eq!(write(&g), want);
    }
}
