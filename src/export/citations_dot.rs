//! The citations picture in DOT (`NAME.citations.dot`): which claims cite which sources.
//!
//! Takes: a [`KnowledgeGraph`]. Gives: a left-to-right Graphviz digraph with the claims on the
//! left, in one cluster per section (the document's title first in a corpus), each a box with
//! the start of its sentence (the whole sentence in the tooltip); and the sources on the right,
//! in one cluster per kind (`journal`, `news`, `report`, …), each a note shape with its title
//! and outlet; a `cites` edge per note, labelled with the note number. At most [`MAX_CLAIMS`]
//! claims are drawn, in document order, with the sources they cite. Node ids are generated
//! (`c0`, `s0`); the policykg id is in `id`; every quoted value goes through [`escape::dot`].

use super::dot::{digraph, numbered, title, wrap};
use super::escape;
use super::vocab::{light, text, Palette};
use crate::graph::Value;
use crate::graph::{short, EdgeKind, KnowledgeGraph, Node, NodeKind};
use dot_writer::Attributes;
use foldhash::{HashMap, HashSet};
use std::collections::BTreeMap;

/// The most claims drawn: a taller picture passes the height Graphviz can render as a bitmap
/// (32,767 px) and no one reads it; the viewer and `policykg query` give all of them.
pub const MAX_CLAIMS: usize = 300;

/// A claim's section path as one line, its document's title first in a corpus.
fn section(n: &Node, g: &KnowledgeGraph) -> String {
    let mut parts: Vec<String> = Vec::new();
    if g.documents.len() > 1 {
        let doc = text(n, "document");
        parts.push(g.node(doc).map_or_else(|| doc.to_string(), |d| short(&d.label, 40)));
    }
    if let Some(a) = n.attrs.get("section").and_then(Value::as_array) {
        parts.extend(a.iter().filter_map(Value::as_str).map(|s| short(s, 50)));
    }
    if parts.is_empty() {
        "(no section)".to_string()
    } else {
        parts.join(" › ")
    }
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    super::in_memory(&|w| write_to(g, w))
}

/// [`write`] into `w`.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let palette = Palette::of(g);
    let all: Vec<&Node> = g.nodes().filter(|n| n.kind == NodeKind::Claim).collect();
    let claims: Vec<&Node> = all.iter().take(MAX_CLAIMS).copied().collect();
    let claim_at: HashMap<&str, usize> = claims.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let cites: Vec<(usize, &str, u64)> = g
        .edges()
        .filter(|(_, _, e)| e.kind == EdgeKind::Cites)
        .filter_map(|(s, t, e)| Some((*claim_at.get(s)?, t, e.attrs.get("footnote").and_then(Value::as_u64)?)))
        .collect();
    // the sources cited by the claims drawn, by kind, in graph order
    let cited: HashSet<&str> = cites.iter().map(|c| c.1).collect();
    let sources: Vec<&Node> = g
        .nodes()
        .filter(|n| n.kind == NodeKind::Source && cited.contains(n.id.as_str()))
        .collect();
    let source_at: HashMap<&str, usize> = sources.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut by_kind: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, n) in sources.iter().enumerate() {
        by_kind.entry(text(n, "type")).or_default().push(i);
    }
    // sections in the order of their first claim
    let mut sections: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, n) in claims.iter().enumerate() {
        let s = section(n, g);
        match sections.last_mut() {
            Some((last, members)) if *last == s => members.push(i),
            _ => sections.push((s, vec![i])),
        }
    }
    let mut caption = format!("{}: claims and the sources they cite", title(g));
    if claims.len() < all.len() {
        caption.push_str(&format!(
            " (the first {} claims of {}; the viewer shows all)",
            claims.len(),
            all.len()
        ));
    }
    let label = escape::dot(&caption);
    let graph = [
        ("rankdir", "LR", false),
        ("fontsize", "16", false),
        ("labelloc", "t", false),
        ("label", label.as_ref(), true),
        ("nodesep", "0.08", false),
        ("ranksep", "1.6", false),
    ];
    let nodes = [
        ("fontsize", "10", false),
        ("style", "filled", true),
        ("margin", "0.06,0.03", true),
    ];
    let edges = [
        ("fontsize", "8", false),
        ("color", "#777777", true),
        ("arrowsize", "0.6", false),
    ];
    digraph(w, &graph, &nodes, &edges, |graph| {
        for (s, members) in &sections {
            let mut cluster = graph.cluster();
            cluster
                .graph_attributes()
                .set("label", &escape::dot(s), true)
                .set("labeljust", "l", false)
                .set("fontsize", "12", false)
                .set("style", "rounded", true)
                .set("color", "#9fb3c8", true);
            for &i in members {
                let Some(n) = claims.get(i) else { continue };
                let full = n.attrs.get("text").and_then(Value::as_str).unwrap_or(&n.label);
                cluster
                    .node_named(numbered("c", i))
                    .set("label", &escape::dot(&wrap(&short(full, 80), 34)), true)
                    .set("shape", "box", false)
                    .set("fillcolor", "#e4ecf5", true)
                    .set("color", "#2f4b6b", true)
                    .set("tooltip", &escape::dot(&short(full, 600)), true)
                    .set("id", &escape::dot(&n.id), true);
            }
        }
        for (kind, members) in &by_kind {
            let mut cluster = graph.cluster();
            let label = if kind.is_empty() { "other" } else { kind };
            cluster
                .graph_attributes()
                .set("label", &escape::dot(&["Sources: ", label].concat()), true)
                .set("labeljust", "l", false)
                .set("fontsize", "12", false)
                .set("style", "rounded", true)
                .set("color", "#bbbbbb", true);
            for &i in members {
                let Some(n) = sources.get(i) else { continue };
                let mut label = wrap(&short(&n.label, 70), 34);
                let outlet = text(n, "container");
                if !outlet.is_empty() && outlet != n.label {
                    label.push('\n');
                    label.push_str(&short(outlet, 40));
                }
                let (fill, _) = palette.fill(n);
                let raw = n.attrs.get("raw").and_then(Value::as_str).unwrap_or(&n.label);
                cluster
                    .node_named(numbered("s", i))
                    .set("label", &escape::dot(&label), true)
                    .set("shape", "note", false)
                    .set("fillcolor", &light(fill), true)
                    .set("tooltip", &escape::dot(&short(raw, 600)), true)
                    .set("id", &escape::dot(&n.id), true);
            }
        }
        for (c, s, note) in cites {
            let Some(t) = source_at.get(s) else { continue };
            graph
                .edge(numbered("c", c), numbered("s", *t))
                .attributes()
                .set("label", itoa::Buffer::new().format(note), false)
                .set("tooltip", &numbered("note ", note), true);
        }
    })
}
