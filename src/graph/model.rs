//! Node, edge and graph types, and the corpus merge.

use crate::diag::Located;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A node: a stable id derived from content, a kind (`document`, `claim`, `source`, …), a label,
/// and the kind's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub attrs: Map<String, Value>,
}

/// An edge between two node ids; `key` tells apart parallel edges of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub kind: &'static str,
    pub key: String,
    pub attrs: Map<String, Value>,
}

#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    pub documents: Vec<String>,
    pub diagnostics: Vec<Located>,
    graph: StableDiGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
    /// Insertion order of nodes and edges, kept explicitly so that output order never depends on
    /// petgraph's storage.
    order: Vec<NodeIndex>,
    edge_keys: BTreeSet<(String, String, String)>,
    edge_order: Vec<petgraph::stable_graph::EdgeIndex>,
}

impl KnowledgeGraph {
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    /// Adds a node, or merges it into the node with the same id.
    pub fn add_node(&mut self, node: Node) {
        match self.index.get(&node.id) {
            Some(&i) => {
                if let Some(old) = self.graph.node_weight_mut(i) {
                    merge_attrs(&mut old.attrs, node.attrs);
                }
            }
            None => {
                let id = node.id.clone();
                let i = self.graph.add_node(node);
                self.index.insert(id, i);
                self.order.push(i);
            }
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).and_then(|&i| self.graph.node_weight(i))
    }

    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        let i = *self.index.get(id)?;
        self.graph.node_weight_mut(i)
    }

    /// Adds an edge between two existing nodes; an edge with the same ends, kind and key is
    /// merged instead. Returns false when an end is missing.
    pub fn add_edge(&mut self, source: &str, target: &str, edge: Edge) -> bool {
        let (Some(&s), Some(&t)) = (self.index.get(source), self.index.get(target)) else {
            return false;
        };
        let k = (
            source.to_string(),
            target.to_string(),
            format!("{}\u{0}{}", edge.kind, edge.key),
        );
        if self.edge_keys.contains(&k) {
            if let Some(e) = self.graph.edges_connecting(s, t).map(|e| e.id()).find(|&e| {
                self.graph
                    .edge_weight(e)
                    .is_some_and(|w| w.kind == edge.kind && w.key == edge.key)
            }) {
                if let Some(w) = self.graph.edge_weight_mut(e) {
                    merge_attrs(&mut w.attrs, edge.attrs);
                }
            }
            return true;
        }
        self.edge_keys.insert(k);
        let e = self.graph.add_edge(s, t, edge);
        self.edge_order.push(e);
        true
    }

    /// Nodes in a deterministic order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.order.iter().filter_map(|&i| self.graph.node_weight(i))
    }

    /// Edges as (source id, target id, edge), in a deterministic order.
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str, &Edge)> {
        self.edge_order.iter().filter_map(|&e| {
            let (s, t) = self.graph.edge_endpoints(e)?;
            Some((
                self.graph.node_weight(s)?.id.as_str(),
                self.graph.node_weight(t)?.id.as_str(),
                self.graph.edge_weight(e)?,
            ))
        })
    }

    pub fn node_count(&self) -> usize {
        self.order.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edge_order.len()
    }

    pub fn count(&self, kind: &str) -> usize {
        self.nodes().filter(|n| n.kind == kind).count()
    }

    /// Merges several documents' graphs into one. The result does not depend on the order of
    /// `graphs`: nodes and edges are sorted by kind and id.
    pub fn merge(graphs: &[KnowledgeGraph]) -> KnowledgeGraph {
        let mut sorted: Vec<&KnowledgeGraph> = graphs.iter().collect();
        sorted.sort_by(|a, b| a.documents.cmp(&b.documents));
        let mut out = KnowledgeGraph::new();
        for g in &sorted {
            out.documents.extend(g.documents.iter().cloned());
            out.diagnostics.extend(g.diagnostics.iter().cloned());
            for n in g.nodes() {
                out.add_node(n.clone());
            }
        }
        for g in &sorted {
            for (s, t, e) in g.edges() {
                out.add_edge(s, t, e.clone());
            }
        }
        out.documents.sort();
        out.documents.dedup();
        out.sort();
        out
    }

    /// Orders nodes by kind then id, and edges by kind, source, target and key.
    fn sort(&mut self) {
        let g = &self.graph;
        self.order.sort_by(|&a, &b| {
            let (Some(x), Some(y)) = (g.node_weight(a), g.node_weight(b)) else {
                return std::cmp::Ordering::Equal;
            };
            (kind_rank(x.kind), &x.id).cmp(&(kind_rank(y.kind), &y.id))
        });
        let key = |e: petgraph::stable_graph::EdgeIndex| {
            let (s, t) = g.edge_endpoints(e).unwrap_or_default();
            let w = g.edge_weight(e);
            (
                w.map(|w| w.kind).unwrap_or(""),
                g.node_weight(s).map(|n| n.id.clone()).unwrap_or_default(),
                g.node_weight(t).map(|n| n.id.clone()).unwrap_or_default(),
                w.map(|w| w.key.clone()).unwrap_or_default(),
            )
        };
        self.edge_order.sort_by_cached_key(|&e| key(e));
    }
}

fn kind_rank(kind: &str) -> usize {
    ["document", "claim", "source", "actor", "agreement", "driver"]
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(99)
}

/// Merges attributes of the same node or edge seen twice (in two documents): lists are united
/// (first seen first), counts added, other values keep the first non-null one.
pub fn merge_attrs(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Array(a)), Value::Array(b)) => {
                for x in b {
                    if !a.contains(&x) {
                        a.push(x);
                    }
                }
            }
            (Some(Value::Number(a)), Value::Number(b)) if matches!(k.as_str(), "mentions" | "weight") => {
                let sum = a.as_u64().unwrap_or(0) + b.as_u64().unwrap_or(0);
                *a = sum.into();
            }
            (Some(slot @ Value::Null), v) => *slot = v,
            (Some(_), _) => {}
            (None, v) => {
                into.insert(k, v);
            }
        }
    }
}
