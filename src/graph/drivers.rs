//! Driver nodes; `supports` and `involves` edges.
//!
//! Takes: the extraction's drivers, the claims and the entities. Gives: one `driver` node per
//! driver (id `driver:{polarity}:{level}:{normalised label}`), a `supports` edge from every claim
//! standing in a driver's section or table item to the driver, and an `involves` edge from the
//! driver to every actor and agreement named there, weighted by the number of mentions.

use super::build::{claim_id, Context};
use super::model::{Edge, KnowledgeGraph, Node};
use super::{Attrs, EdgeKind, NodeKind};
use super::{Str, Value};
use serde_json::json;
use std::collections::BTreeMap;

/// A driver's clean ranges by block.
type Ranges = BTreeMap<usize, Vec<(usize, usize)>>;

fn by_block(ranges: &[(usize, usize, usize)]) -> Ranges {
    let mut out = Ranges::new();
    for &(b, s, e) in ranges {
        out.entry(b).or_default().push((s, e));
    }
    out
}

/// Whether the clean range `[start, end)` of `block` overlaps one of the ranges.
fn inside(ranges: &Ranges, block: usize, start: usize, end: usize) -> bool {
    ranges.get(&block).is_some_and(|rs| overlaps(rs, start, end))
}

/// Whether `[start, end)` overlaps one of a block's ranges (an empty one at a range's start too).
fn overlaps(rs: &[(usize, usize)], start: usize, end: usize) -> bool {
    rs.iter()
        .any(|&(s, e)| start < e && (end > s || (end == start && start == s)))
}

/// Adds the drivers and their edges. A driver looks only at the mentions of its own blocks
/// (`cx.mentions`).
pub fn add(g: &mut KnowledgeGraph, cx: &Context) {
    let (input, name, claims, ex, per_block) = (cx.input, &cx.name, cx.claims, cx.ex, &cx.mentions);
    for d in &ex.drivers {
        let id = ["driver:", &d.key()].concat();
        let ranges = by_block(&d.ranges);
        let spans = &d.spans;
        let d_span = spans.first().copied().unwrap_or(d.span);
        let line = input.lines.line(d_span.start as usize);
        let mut attrs = Attrs::new();
        attrs.insert("polarity", json!(d.polarity));
        attrs.insert("level", json!(d.level));
        attrs.insert("origin", json!(d.origin));
        attrs.insert("description", json!(d.description));
        attrs.insert("aliases", json!(d.aliases));
        attrs.insert("document", name.clone());
        attrs.insert("span", d_span);
        attrs.insert("line", json!(line));
        if spans.len() > 1 {
            attrs.insert("spans", Value::Array(spans.iter().map(|&s| Value::from(s)).collect()));
        }
        attrs.insert("rules", json!(d.rules));
        g.add_node(Node {
            id: id.as_str().into(),
            kind: NodeKind::Driver,
            label: d.label.as_str().into(),
            attrs,
        });
        for c in claims.iter().filter(|c| inside(&ranges, c.block, c.start, c.end)) {
            let mut attrs = Attrs::new();
            attrs.insert("document", name.clone());
            attrs.insert(
                "rule",
                Str::from_static(d.rules.first().copied().unwrap_or("driver/section")),
            );
            g.add_edge(
                &claim_id(input.id, c.span),
                &id,
                Edge {
                    kind: EdgeKind::Supports,
                    key: Str::from_static("supports"),
                    attrs,
                },
            );
        }
        // mentions inside the driver's ranges, by entity (in the entities' order)
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for (b, rs) in &ranges {
            for &(start, end, ei) in per_block.get(b).into_iter().flatten() {
                if overlaps(rs, start, end) {
                    *counts.entry(ei).or_default() += 1;
                }
            }
        }
        for (e, n) in counts.into_iter().filter_map(|(ei, n)| Some((ex.entities.get(ei)?, n))) {
            let target = super::entities::node_id(e);
            if g.node(&target).is_none() {
                continue;
            }
            let mut attrs = Attrs::new();
            attrs.insert("weight", json!(n));
            attrs.insert("document", name.clone());
            g.add_edge(
                &id,
                &target,
                Edge {
                    kind: EdgeKind::Involves,
                    key: Str::from_static("involves"),
                    attrs,
                },
            );
        }
    }
}
