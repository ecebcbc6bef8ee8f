//! The driver view in DOT (`NAME.drivers.dot`): drivers clustered by polarity and level, with
//! the actors and agreements they involve.
//!
//! Takes: a [`KnowledgeGraph`]. Gives: a Graphviz digraph with one cluster per polarity and level
//! (convergence in green, divergence in red), each driver a rounded box labelled with its name
//! (its description in the tooltip), and on the right the actors and agreements the drivers
//! involve, joined by `involves` edges whose width grows with the number of mentions and whose
//! colour is the driver's polarity. To stay readable, each driver shows at most
//! [`MAX_INVOLVED`] entities, its most mentioned ones. Node ids are generated (`d0`, `e0`); every
//! quoted value goes through [`escape::dot`].

use super::dot::{digraph, mentioned, numbered, wrap};
use super::escape;
use super::num::fixed1;
use crate::graph::{short, KnowledgeGraph, Node};
use crate::graph::{EdgeKind, NodeKind};
use dot_writer::Attributes;
use foldhash::{HashMap, HashMapExt, HashSet};

/// The most entities drawn for one driver.
pub const MAX_INVOLVED: usize = 5;

const GROUPS: [(&str, &str, &str, &str, &str); 4] = [
    ("convergence", "systemic", "Convergence: systemic", "#eef7e9", "#cde8c0"),
    ("convergence", "domestic", "Convergence: domestic", "#eef7e9", "#e2f1da"),
    ("divergence", "systemic", "Divergence: systemic", "#fbeceb", "#f4c9c5"),
    ("divergence", "domestic", "Divergence: domestic", "#fbeceb", "#f9dedb"),
];

fn field<'a>(n: &'a Node, k: &str) -> &'a str {
    n.attrs.get(k).and_then(|v| v.as_str()).unwrap_or("")
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    super::in_memory(&|w| write_to(g, w))
}

/// [`write`] into `w`.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let drivers: Vec<&Node> = g.nodes().filter(|n| n.kind == NodeKind::Driver).collect();
    let driver_ids: HashMap<&str, String> = drivers
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), numbered("d", i)))
        .collect();
    // involves edges per driver, most mentioned first (stable for ties), at most MAX_INVOLVED;
    // gathered in one pass over the edges (a pass per driver was drivers × edges on a corpus)
    let mut by_driver: HashMap<&str, Vec<(&str, &str, u64)>> = HashMap::new();
    for (s, t, e) in g.edges() {
        if e.kind == EdgeKind::Involves && driver_ids.contains_key(s) {
            let weight = e.attrs.get("weight").and_then(|w| w.as_u64()).unwrap_or(1);
            by_driver.entry(s).or_default().push((s, t, weight));
        }
    }
    let mut involves: Vec<(&str, &str, u64, &str)> = Vec::new();
    for d in &drivers {
        let mut mine = by_driver.remove(d.id.as_str()).unwrap_or_default();
        mine.sort_by_key(|m| std::cmp::Reverse(m.2));
        mine.truncate(MAX_INVOLVED);
        let edge_color = if field(d, "polarity") == "convergence" {
            "#5b9a45"
        } else {
            "#b5443b"
        };
        involves.extend(mine.into_iter().map(|(s, t, w)| (s, t, w, edge_color)));
    }
    let involved: HashSet<&str> = involves.iter().map(|&(_, t, _, _)| t).collect();
    let mut entity_ids: HashMap<&str, String> = HashMap::new();
    let mut entities: Vec<&Node> = Vec::new();
    for n in g
        .nodes()
        .filter(|n| n.kind == NodeKind::Actor || n.kind == NodeKind::Agreement)
    {
        if involved.contains(n.id.as_str()) {
            entity_ids.insert(n.id.as_str(), numbered("e", entities.len()));
            entities.push(n);
        }
    }
    let graph = [
        ("rankdir", "LR", false),
        ("fontsize", "12", false),
        ("labelloc", "t", false),
        ("label", "Drivers of convergence and divergence", true),
        ("nodesep", "0.2", false),
        ("ranksep", "1.4", false),
    ];
    let edges = [("fontsize", "9", false), ("arrowsize", "0.6", false)];
    digraph(w, &graph, &[("fontsize", "10", false)], &edges, |graph| {
        for (polarity, level, title, bg, fill) in GROUPS {
            let members: Vec<&&Node> = drivers
                .iter()
                .filter(|n| field(n, "polarity") == polarity && field(n, "level") == level)
                .collect();
            if members.is_empty() {
                continue;
            }
            let mut cluster = graph.cluster();
            cluster
                .graph_attributes()
                .set("label", &escape::dot(title), true)
                .set("style", "filled,rounded", true)
                .set("fillcolor", bg, true)
                .set(
                    "color",
                    if polarity == "convergence" {
                        "#5b9a45"
                    } else {
                        "#b5443b"
                    },
                    true,
                )
                .set("fontsize", "11", false);
            for n in members {
                let Some(id) = driver_ids.get(n.id.as_str()) else {
                    continue;
                };
                let desc = field(n, "description");
                let tip = [&n.label, " (", polarity, ", ", level, "): ", &short(desc, 400)].concat();
                cluster
                    .node_named(id.as_str())
                    .set("label", &escape::dot(&wrap(&short(&n.label, 90), 28)), true)
                    .set("shape", "box", false)
                    .set("style", "filled,rounded", true)
                    .set("fillcolor", fill, true)
                    .set("tooltip", &escape::dot(&tip), true)
                    .set("id", &escape::dot(&n.id), true);
            }
        }
        for n in &entities {
            let Some(id) = entity_ids.get(n.id.as_str()) else {
                continue;
            };
            let (shape, fill) = if n.kind == NodeKind::Agreement {
                ("hexagon", "#f8d7e3")
            } else {
                ("ellipse", "#d9f2d0")
            };
            graph
                .node_named(id.as_str())
                .set("label", &escape::dot(&wrap(&short(&n.label, 50), 20)), true)
                .set("shape", shape, false)
                .set("style", "filled", true)
                .set("fillcolor", fill, true)
                .set(
                    "tooltip",
                    &escape::dot(&[n.kind.as_str(), ": ", &n.label].concat()),
                    true,
                )
                .set("id", &escape::dot(&n.id), true);
        }
        for (s, t, w, color) in involves {
            let (Some(s), Some(t)) = (driver_ids.get(s), entity_ids.get(t)) else {
                continue;
            };
            let width = fixed1(0.8 + (w.min(8) as f64) * 0.4);
            let tip = mentioned("involves: ", w);
            graph
                .edge(s.as_str(), t.as_str())
                .attributes()
                .set("penwidth", &width, false)
                .set("color", color, true)
                .set("tooltip", &escape::dot(&tip), true);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Attrs, Edge, EdgeKind, Node, NodeKind};
    use serde_json::json;

    fn node(id: &str, kind: NodeKind, label: &str, attrs: serde_json::Value) -> Node {
        Node {
            id: id.into(),
            kind,
            label: label.into(),
            attrs: attrs.as_object().cloned().unwrap_or_default().into(),
        }
    }

    #[test]
    fn clusters_and_escaping() {
        let mut g = KnowledgeGraph::new();
        g.add_node(node(
            "driver:convergence:systemic:a",
            NodeKind::Driver,
            "Shared \"threat\" \\ perception",
            json!({"polarity": "convergence", "level": "systemic", "description": "line\nbreak"}),
        ));
        g.add_node(node(
            "driver:divergence:domestic:b",
            NodeKind::Driver,
            "Bureaucratic inertia",
            json!({"polarity": "divergence", "level": "domestic", "description": ""}),
        ));
        g.add_node(node("actor:x", NodeKind::Actor, "State \"X\"", json!({})));
        g.add_edge(
            "driver:convergence:systemic:a",
            "actor:x",
            Edge {
                kind: EdgeKind::Involves,
                key: crate::graph::Str::from_static("involves"),
                attrs: {
                    let mut m = Attrs::new();
                    m.insert("weight", json!(3));
                    m
                },
            },
        );
        let text = String::from_utf8(write(&g)).unwrap_or_default();
        assert_eq!(text.matches("subgraph cluster_").count(), 2);
        assert!(text.contains(r#"Shared \"threat\" \\ perception"#));
        assert!(text.contains("d0 -> e0"));
        assert!(!text.contains("line\nbreak"));
    }
}
