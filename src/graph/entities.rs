//! Actor and agreement nodes; `mentions`, `co_mention`, `relation` and `party_to` edges.
//!
//! Takes: the [`Extraction`]'s entities (each mention knows its sentence) and relations, and the
//! claims. Gives: one node per entity (`actor:{id}` / `agreement:{id}`), a `mentions` edge from
//! each claim whose range holds a mention, a `co_mention` edge (one direction, sorted ids) weighted
//! by the number of sentences naming both, and the `relation` / `party_to` edges with their
//! predicate, evidence sentence, span and rule. The evidence is given as `policykg/2` has it: the
//! sentence's span and the id of the claim that is that sentence, or else of a `sentence` node
//! holding its text once (returned, for the caller to add last).

use super::build::{claim_id, place, text_and_label, Context, Input};
use super::model::{Edge, KnowledgeGraph, Node};
use super::{Attrs, EdgeKind, NodeKind, Str, Value};
use crate::claims::Claim;
use crate::extract::{Class, Entity, Extraction};
use crate::span::Span;
use foldhash::HashMap;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// The node id of an entity.
pub fn node_id(e: &Entity) -> String {
    match e.class {
        Class::Actor => ["actor:", &e.id].concat(),
        Class::Agreement => ["agreement:", &e.id].concat(),
    }
}

/// The entities' mentions by block: `(start, end, entity index)` in order of place.
pub type Mentions = BTreeMap<usize, Vec<(usize, usize, usize)>>;

/// [`Mentions`] of an extraction (made once a document: claims and drivers both ask it).
pub fn by_block(ex: &Extraction) -> Mentions {
    let mut per_block = Mentions::new();
    for (ei, e) in ex.entities.iter().enumerate() {
        for m in &e.mentions {
            per_block.entry(m.block).or_default().push((m.start, m.end, ei));
        }
    }
    for ms in per_block.values_mut() {
        ms.sort_unstable();
    }
    per_block
}

/// Adds the entities and their edges; gives the `sentence` nodes the relations name.
pub fn add(g: &mut KnowledgeGraph, cx: &Context) -> Vec<Node> {
    let (input, name, claims, ex, per_block) = (cx.input, &cx.name, cx.claims, cx.ex, &cx.mentions);
    let ids: Vec<String> = ex.entities.iter().map(node_id).collect();
    for (e, id) in ex.entities.iter().zip(&ids) {
        let mut a = Attrs::new();
        a.insert("type", Str::from_static(e.kind.as_str()));
        a.insert("aliases", json!(e.aliases));
        a.insert("mentions", json!(e.mentions.len()));
        a.insert("rule", Str::from_static(e.rule.id()));
        a.insert("document", name.clone());
        if let Some(m) = e.mentions.first() {
            a.insert("span", m.span);
        }
        g.add_node(Node {
            id: id.as_str().into(),
            kind: match e.class {
                Class::Actor => NodeKind::Actor,
                Class::Agreement => NodeKind::Agreement,
            },
            label: e.label.as_str().into(),
            attrs: a,
        });
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
                            key: Str::from_static("mentions"),
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
    // (one key for the document's co_mention edges, shared by them)
    let co_mention = Str::from(format!("co_mention:{}", input.id));
    for (a, b, w) in pairs {
        let mut attrs = Attrs::new();
        attrs.insert("weight", json!(w));
        attrs.insert("document", name.clone());
        g.add_edge(
            a,
            b,
            Edge {
                kind: EdgeKind::CoMention,
                key: co_mention.clone(),
                attrs,
            },
        );
    }
    // a relation's sentence: the claim that is that sentence, else a sentence node of its own
    // (each with its node's id, which the relations' `sentence` fields share)
    let claim_at: HashMap<(u32, u32), (&Claim, Str)> = claims
        .iter()
        .map(|c| {
            let id = claim_id(input.id, c.span);
            let id = g.node(&id).map_or_else(|| Str::from(id), |n| n.id.clone());
            ((c.span.start, c.span.end), (c, id))
        })
        .collect();
    let mut sentences: BTreeMap<u32, Node> = BTreeMap::new();
    let mut sentence_of = |span: Span, text: &str| -> Str {
        if let Some((_, id)) = claim_at.get(&(span.start, span.end)).filter(|(c, _)| c.text == text) {
            return id.clone();
        }
        let node = sentences
            .entry(span.start)
            .or_insert_with(|| sentence_node(input, name, span, text));
        node.id.clone()
    };
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
        attrs.insert("predicate", r.predicate.as_str());
        attrs.insert("family", Str::from_static(r.family.as_str()));
        attrs.insert("evidence_span", r.span);
        attrs.insert("sentence", sentence_of(r.span, &r.evidence));
        attrs.insert("document", name.clone());
        attrs.insert("span", r.span);
        attrs.insert("rule", Str::from_static(r.rule.id()));
        g.add_edge(
            s,
            o,
            Edge {
                kind,
                key: [
                    kind.as_str(),
                    ":",
                    &r.predicate,
                    ":",
                    input.id,
                    ":",
                    itoa::Buffer::new().format(r.span.start),
                ]
                .concat()
                .into(),
                attrs,
            },
        );
    }
    sentences.into_values().collect()
}

/// The id of the sentence node at `span` of a document.
pub fn sentence_id(doc: &str, span: Span) -> String {
    super::build::span_id("sentence:", doc, span)
}

/// A `sentence` node: the text of an evidence sentence that is not a claim, with its place.
fn sentence_node(input: &Input, name: &Value, span: Span, text: &str) -> Node {
    let (text, label) = text_and_label(text, 80);
    let mut attrs = Attrs::new();
    attrs.insert("text", text);
    attrs.insert("document", name.clone());
    attrs.insert("span", span);
    attrs.insert("line", json!(input.lines.line(span.start as usize)));
    place(&mut attrs, input, span);
    Node {
        id: sentence_id(input.id, span).into(),
        kind: NodeKind::Sentence,
        label,
        attrs,
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
