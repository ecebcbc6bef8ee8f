//! Graphviz DOT: short generated node ids, names only in escaped, quoted labels, shape and
//! colour by kind, the whole text in a tooltip.

use super::escape;
use crate::graph::{short, KnowledgeGraph, Node};
use dot_writer::{Attributes, DotWriter};
use std::collections::HashMap;

struct Style {
    shape: &'static str,
    fill: &'static str,
    width: usize,
}

fn style(kind: &str) -> Style {
    let (shape, fill, width) = match kind {
        "document" => ("folder", "#cfd8dc", 40),
        "claim" => ("box", "#fff3c4", 48),
        "source" => ("note", "#d7ecff", 40),
        "actor" => ("ellipse", "#d9f2d0", 30),
        "agreement" => ("hexagon", "#f8d7e3", 30),
        "driver" => ("diamond", "#e6dcf5", 30),
        _ => ("ellipse", "#eeeeee", 30),
    };
    Style { shape, fill, width }
}

/// Label text broken into lines of about `width` characters.
pub(crate) fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in s.split_whitespace() {
        if line > 0 && line + w.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += w.chars().count();
    }
    out
}

fn tooltip(n: &Node) -> String {
    let full = n.attrs.get("text").and_then(|v| v.as_str()).unwrap_or(&n.label);
    format!("{}: {}", n.kind, short(full, 600))
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    // writing to memory cannot fail
    let _ = write_to(g, &mut out);
    out
}

/// [`write`] into `w`.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // dot-writer panics on a write error: it gets a writer that never fails, and the first
    // error is returned once it is done
    let mut out = super::Latch::new(w);
    {
        let mut writer = DotWriter::from(&mut out);
        writer.set_pretty_print(true);
        let mut graph = writer.digraph();
        graph
            .graph_attributes()
            .set("rankdir", "LR", false)
            .set("fontname", "Helvetica", true)
            .set("overlap", "false", false);
        graph
            .node_attributes()
            .set("style", "filled", true)
            .set("fontname", "Helvetica", true)
            .set("fontsize", "10", false);
        graph
            .edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "9", false);
        let mut ids: HashMap<&str, String> = HashMap::new();
        for (i, n) in g.nodes().enumerate() {
            let dot_id = format!("n{i}");
            ids.insert(n.id.as_str(), dot_id.clone());
            let st = style(n.kind.as_str());
            let mut node = graph.node_named(dot_id);
            node.set("label", &escape::dot(&wrap(&short(&n.label, 90), st.width)), true)
                .set("shape", st.shape, false)
                .set("fillcolor", st.fill, true)
                .set("tooltip", &escape::dot(&tooltip(n)), true)
                .set("id", &escape::dot(&n.id), true);
        }
        for (s, t, e) in g.edges() {
            let (Some(s), Some(t)) = (ids.get(s), ids.get(t)) else {
                continue;
            };
            let label = match e.attrs.get("footnote").and_then(|v| v.as_u64()) {
                Some(n) => n.to_string(),
                None => e
                    .attrs
                    .get("predicate")
                    .and_then(|v| v.as_str())
                    .unwrap_or(e.kind.as_str())
                    .to_string(),
            };
            graph
                .edge(s.as_str(), t.as_str())
                .attributes()
                .set("label", &escape::dot(&label), true)
                .set("tooltip", &escape::dot(e.kind.as_str()), true);
        }
    }
    out.finish()
}
