//! Actor and agreement nodes; `mentions`, `co_mention`, `relation` and `party_to` edges.
//!
//! Takes: the [`Extraction`]'s entities (each mention knows its sentence) and relations, and the
//! claims. Gives: one node per entity (`actor:{id}` / `agreement:{id}`), a `mentions` edge from
//! each claim whose range holds a mention, a `co_mention` edge (one direction, sorted ids) weighted
//! by the number of sentences naming both, and the `relation` / `party_to` edges with their
//! predicate, evidence sentence, span and rule.

use super::build::{claim_id, Input};
use super::model::{Edge, KnowledgeGraph, Node};
use super::{Attrs, EdgeKind, NodeKind};
use crate::claims::Claim;
use crate::extract::{Class, Entity, Extraction};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// The node id of an entity.
pub fn node_id(e: &Entity) -> String {
    match e.class {
        Class::Actor => format!("actor:{}", e.id),
        Class::Agreement => format!("agreement:{}", e.id),
    }
}

pub fn add(g: &mut KnowledgeGraph, input: &Input, claims: &[Claim], ex: &Extraction) {
    let ids: Vec<String> = ex.entities.iter().map(node_id).collect();
    for (e, id) in ex.entities.iter().zip(&ids) {
        let mut a = Attrs::new();
        a.insert("type", json!(e.kind.as_str()));
        a.insert("aliases", json!(e.aliases));
        a.insert("mentions", json!(e.mentions.len()));
        a.insert("rule", json!(e.rule.id()));
        a.insert("document", json!(input.id));
        if let Some(m) = e.mentions.first() {
            a.insert("span", json!([m.span.start, m.span.end]));
        }
        g.add_node(Node {
            id: id.clone(),
            kind: match e.class {
                Class::Actor => NodeKind::Actor,
                Class::Agreement => NodeKind::Agreement,
            },
            label: e.label.clone(),
            attrs: a,
        });
    }
    // mentions per block: (start, end, entity index)
    let mut per_block: BTreeMap<usize, Vec<(usize, usize, usize)>> = BTreeMap::new();
    for (ei, e) in ex.entities.iter().enumerate() {
        for m in &e.mentions {
            per_block.entry(m.block).or_default().push((m.start, m.end, ei));
        }
    }
    for ms in per_block.values_mut() {
        ms.sort_unstable();
    }
    for c in claims {
        let Some(ms) = per_block.get(&c.block) else { continue };
        let cid = claim_id(input.id, c.span);
        let mut seen = BTreeSet::new();
        for (_, _, ei) in within(ms, c.start, c.end) {
            if seen.insert(ei) {
                if let Some(id) = ids.get(ei) {
                    g.add_edge(
                        &cid,
                        id,
                        Edge {
                            kind: EdgeKind::Mentions,
                            key: "mentions".into(),
                            attrs: Attrs::new(),
                        },
                    );
                }
            }
        }
    }
    // co-mentions: the entities of each sentence, pair by pair
    let mut per_sentence: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (ei, e) in ex.entities.iter().enumerate() {
        for m in &e.mentions {
            per_sentence.entry(m.sentence).or_default().insert(ei);
        }
    }
    let mut weights: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for set in per_sentence.values() {
        let v: Vec<usize> = set.iter().copied().collect();
        for (i, &a) in v.iter().enumerate() {
            for &b in v.get(i + 1..).unwrap_or(&[]) {
                let (Some(x), Some(y)) = (ids.get(a), ids.get(b)) else {
                    continue;
                };
                let key = if x <= y { (a, b) } else { (b, a) };
                *weights.entry(key).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<(&String, &String, u64)> = weights
        .iter()
        .filter_map(|(&(a, b), &w)| Some((ids.get(a)?, ids.get(b)?, w)))
        .collect();
    pairs.sort();
    for (a, b, w) in pairs {
        let mut attrs = Attrs::new();
        attrs.insert("weight", json!(w));
        attrs.insert("document", json!(input.id));
        g.add_edge(
            a,
            b,
            Edge {
                kind: EdgeKind::CoMention,
                key: format!("co_mention:{}", input.id),
                attrs,
            },
        );
    }
    for r in &ex.relations {
        let (Some(s), Some(o)) = (ids.get(r.subject), ids.get(r.object)) else {
            continue;
        };
        let kind = if r.party_to {
            EdgeKind::PartyTo
        } else {
            EdgeKind::Relation
        };
        let mut attrs = Attrs::new();
        attrs.insert("predicate", json!(r.predicate));
        attrs.insert("family", json!(r.family.as_str()));
        attrs.insert("evidence", json!(r.evidence));
        attrs.insert("document", json!(input.id));
        attrs.insert("span", json!([r.span.start, r.span.end]));
        attrs.insert("rule", json!(r.rule.id()));
        g.add_edge(
            s,
            o,
            Edge {
                kind,
                key: format!("{kind}:{}:{}:{}", r.predicate, input.id, r.span.start),
                attrs,
            },
        );
    }
}

/// The mentions (sorted by start) that lie inside `[start, end]`, found by binary search so that
/// a block with many sentences stays linear.
fn within(ms: &[(usize, usize, usize)], start: usize, end: usize) -> Vec<(usize, usize, usize)> {
    let from = ms.partition_point(|m| m.0 < start);
    ms.get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|m| m.0 < end)
        .filter(|m| m.1 <= end)
        .copied()
        .collect()
}
