//! Node, edge and graph types, and the corpus merge.

use super::{Attrs, EdgeKind, NodeKind, Schema};
use crate::diag::Located;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use serde_json::Value;
use std::collections::BTreeMap;

/// A node: a stable id derived from content, a kind, a label, and the kind's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    pub attrs: Attrs,
}

/// An edge between two node ids; `key` tells apart parallel edges of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    pub key: String,
    pub attrs: Attrs,
}

/// A graph taken apart, see [`KnowledgeGraph::into_parts`].
struct Parts {
    documents: Vec<String>,
    diagnostics: Vec<Located>,
    /// Nodes in order, with their index in the graph they came from.
    nodes: Vec<(NodeIndex, Node)>,
    /// Edges in order, between those indices.
    edges: Vec<(NodeIndex, NodeIndex, Edge)>,
}

#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    pub documents: Vec<String>,
    pub diagnostics: Vec<Located>,
    /// The text a reader extracted from a PDF, HTML or DOCX document, which every span indexes:
    /// written beside the graph as `NAME.txt`. None for a text document (its file is its text)
    /// and for a corpus.
    pub text: Option<String>,
    /// How relations give their evidence, and so which `graph.schema` the JSON says (see
    /// [`KnowledgeGraph::to_v1`]).
    pub schema: Schema,
    graph: StableDiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    /// Insertion order of nodes and edges, kept explicitly so that output order never depends on
    /// petgraph's storage.
    order: Vec<NodeIndex>,
    /// Each edge by its ends, kind and key.
    edge_index: HashMap<(NodeIndex, NodeIndex, EdgeKind, String), EdgeIndex>,
    edge_order: Vec<EdgeIndex>,
    /// Whether a merge appended to a long list, which [`KnowledgeGraph::settle`] then dedups.
    unsettled: bool,
}

impl KnowledgeGraph {
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    /// Adds a node, or merges it into the node with the same id.
    pub fn add_node(&mut self, node: Node) {
        self.put_node(node, false);
    }

    /// [`KnowledgeGraph::add_node`], giving the node's index; with `defer`, long lists are
    /// appended to and left for [`KnowledgeGraph::settle`] (see [`merge_attrs`]).
    fn put_node(&mut self, node: Node, defer: bool) -> NodeIndex {
        match self.index.get(&node.id) {
            Some(&i) => {
                if let Some(old) = self.graph.node_weight_mut(i) {
                    self.unsettled |= merge_attrs(&mut old.attrs, node.attrs, defer);
                }
                i
            }
            None => {
                let id = node.id.clone();
                let i = self.graph.add_node(node);
                self.index.insert(id, i);
                self.order.push(i);
                i
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
        self.put_edge(s, t, edge, false);
        true
    }

    /// [`KnowledgeGraph::add_edge`] between two nodes of this graph; `defer` as for
    /// [`KnowledgeGraph::put_node`].
    fn put_edge(&mut self, s: NodeIndex, t: NodeIndex, edge: Edge, defer: bool) {
        // the edge with these ends, kind and key, found without walking the ends' edges: a
        // corpus's hubs (a state named in every document) have edges by the thousand
        let k = (s, t, edge.kind, edge.key.clone());
        if let Some(&e) = self.edge_index.get(&k) {
            if let Some(w) = self.graph.edge_weight_mut(e) {
                self.unsettled |= merge_attrs(&mut w.attrs, edge.attrs, defer);
            }
            return;
        }
        let e = self.graph.add_edge(s, t, edge);
        self.edge_index.insert(k, e);
        self.edge_order.push(e);
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

    pub fn count(&self, kind: NodeKind) -> usize {
        self.nodes().filter(|n| n.kind == kind).count()
    }

    /// The evidence sentence of a `relation` or `party_to` edge: its `evidence` (`policykg/1`),
    /// or the text of the claim or `sentence` node its `sentence` names (`policykg/2`).
    pub fn evidence<'g>(&'g self, e: &'g Edge) -> Option<&'g str> {
        if let Some(text) = e.attrs.get("evidence").and_then(Value::as_str) {
            return Some(text);
        }
        let id = e.attrs.get("sentence").and_then(Value::as_str)?;
        self.node(id)?.attrs.get("text").and_then(Value::as_str)
    }

    /// Turns a `policykg/2` graph into the `policykg/1` graph of the same document(s): each
    /// `relation` and `party_to` edge's `evidence_span` becomes `evidence`, the text of the
    /// claim or `sentence` node its `sentence` names, in the same place, and `sentence` goes;
    /// then the `sentence` nodes go (no edge joins them). Written out, it is byte for byte what
    /// the build wrote before `policykg/2` existed.
    pub fn to_v1(&mut self) {
        if self.schema == Schema::V1 {
            return;
        }
        self.schema = Schema::V1;
        let texts: HashMap<String, Value> = self
            .graph
            .edge_weights()
            .filter(|e| e.kind.is_relation())
            .filter_map(|e| e.attrs.get("sentence").and_then(Value::as_str))
            .filter_map(|id| {
                let text = self.node(id)?.attrs.get("text")?.clone();
                Some((id.to_string(), text))
            })
            .collect();
        for e in self.graph.edge_weights_mut().filter(|e| e.kind.is_relation()) {
            evidence_to_v1(&mut e.attrs, |id| texts.get(id).cloned().unwrap_or(Value::Null));
        }
        let sentences: Vec<NodeIndex> = self
            .order
            .iter()
            .copied()
            .filter(|&i| self.graph.node_weight(i).is_some_and(|n| n.kind == NodeKind::Sentence))
            .collect();
        if sentences.is_empty() {
            return;
        }
        for &i in &sentences {
            if let Some(n) = self.graph.remove_node(i) {
                self.index.remove(&n.id);
            }
        }
        self.order.retain(|&i| self.graph.node_weight(i).is_some());
        // (no edge joins a sentence; should one ever, it went with it)
        let graph = &self.graph;
        self.edge_order.retain(|&e| graph.edge_weight(e).is_some());
        self.edge_index.retain(|_, e| graph.edge_weight(*e).is_some());
    }

    /// Merges several documents' graphs into one corpus graph: [`KnowledgeGraph::absorb`] of each
    /// graph in the order of their documents, then [`KnowledgeGraph::finish_corpus`]. The result
    /// does not depend on the order of `graphs`, and merging merged graphs gives what merging
    /// their documents' graphs does.
    pub fn merge(graphs: &[KnowledgeGraph]) -> KnowledgeGraph {
        let mut sorted: Vec<&KnowledgeGraph> = graphs.iter().collect();
        sorted.sort_by(|a, b| a.documents.cmp(&b.documents));
        let mut out = KnowledgeGraph::new();
        for g in sorted {
            out.absorb(g.clone());
        }
        out.finish_corpus();
        out
    }

    /// Adds one document's graph (or a merged graph) to this corpus graph, taking its nodes and
    /// edges without copying them, so the caller can build documents one by one and keep only
    /// the corpus. Nodes with the same id become one: lists united, `mentions` and `weight`
    /// added, other fields keep the first value that is not null; each node gets a `documents`
    /// list of the documents it comes from. For output independent of input order, absorb
    /// graphs in the order of their document ids, then call [`KnowledgeGraph::finish_corpus`].
    pub fn absorb(&mut self, mut g: KnowledgeGraph) {
        // one schema for the whole: an empty graph takes the other's; else the older of the two
        if self.order.is_empty() && self.documents.is_empty() {
            self.schema = g.schema;
        } else if self.schema == Schema::V1 {
            g.to_v1();
        } else if g.schema == Schema::V1 {
            self.to_v1();
        }
        // repeats `g` itself left in long lists are settled with this graph's
        self.unsettled |= g.unsettled;
        let Parts {
            documents,
            diagnostics,
            nodes,
            edges,
        } = g.into_parts();
        let docs: Vec<Value> = documents.iter().map(|d| Value::String(d.clone())).collect();
        // each node's index in `g` → its index here: edges are added by index, not by id
        let mut here: Vec<Option<NodeIndex>> = Vec::new();
        for (i, mut n) in nodes {
            // a node of an already merged graph has its own list
            if !matches!(n.attrs.get("documents"), Some(Value::Array(_))) {
                n.attrs.insert("documents", Value::Array(docs.clone()));
            }
            n.attrs.shrink_to_fit();
            let at = self.put_node(n, true);
            if here.len() <= i.index() {
                here.resize(i.index() + 1, None);
            }
            if let Some(slot) = here.get_mut(i.index()) {
                *slot = Some(at);
            }
        }
        let here = |i: NodeIndex| here.get(i.index()).copied().flatten();
        for (s, t, mut w) in edges {
            if let (Some(s), Some(t)) = (here(s), here(t)) {
                w.attrs.shrink_to_fit();
                self.put_edge(s, t, w, true);
            }
        }
        self.documents.extend(documents);
        self.diagnostics.extend(diagnostics);
    }

    /// Takes the graph apart without copying: its nodes in order, and its edges in order, with
    /// the nodes' indices. (Removing edges one at a time walks each end's list of edges, which
    /// is quadratic on a corpus's hubs.)
    fn into_parts(self) -> Parts {
        let KnowledgeGraph {
            documents,
            diagnostics,
            graph,
            order,
            edge_order,
            ..
        } = self;
        let (ns, es) = graph.into_nodes_edges_iters();
        // by index; the iterators give indices in ascending order, skipping removed ones
        let mut slots: Vec<Option<Node>> = Vec::new();
        for n in ns {
            slots.resize_with(n.index.index(), || None);
            slots.push(Some(n.weight));
        }
        let mut links: Vec<Option<(NodeIndex, NodeIndex, Edge)>> = Vec::new();
        for e in es {
            links.resize_with(e.index.index(), || None);
            links.push(Some((e.source, e.target, e.weight)));
        }
        let edges = edge_order
            .iter()
            .filter_map(|e| links.get_mut(e.index())?.take())
            .collect();
        let nodes = order
            .iter()
            .filter_map(|&i| Some((i, slots.get_mut(i.index())?.take()?)))
            .collect();
        Parts {
            documents,
            diagnostics,
            nodes,
            edges,
        }
    }

    /// Ends a corpus merge: unites nodes that name one thing under different ids (below), sorts
    /// the `documents` lists, and orders nodes and edges by kind and id.
    ///
    /// Sources unite when they share a key: the DOI, any URL (normalised as in source ids) or
    /// the title with the first author's family name, unless their DOIs differ; one keyed
    /// `source:doi:X` in one document and `source:url:Y` in another, where both print URL Y, is
    /// one node. Actors and agreements of one kind and type unite when a name of one (label or
    /// alias, normalised, four characters or more) is a name of the other, unless both are
    /// distinct lexicon entries. The united node keeps the best id (a DOI over a URL over a
    /// title; a lexicon entry; else the smallest) and lists the others in `same_as`.
    pub fn finish_corpus(&mut self) {
        self.documents.sort();
        self.documents.dedup();
        self.sort();
        self.unite();
        self.settle();
        // lists that are sets of documents or notes, in one order however the corpus was grouped
        let note = |v: &Value| (v["document"].as_str().map(str::to_string), v["n"].as_u64());
        for i in &self.order {
            let Some(n) = self.graph.node_weight_mut(*i) else {
                continue;
            };
            for key in ["documents", "same_as"] {
                if let Some(Value::Array(a)) = n.attrs.get_mut(key) {
                    a.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
                }
            }
            if let Some(Value::Array(a)) = n.attrs.get_mut("footnotes") {
                a.sort_by_cached_key(note);
            }
        }
        self.sort();
    }

    /// Unites nodes that share a key (see [`KnowledgeGraph::finish_corpus`]): union-find over the
    /// nodes in sorted order, then one rebuild of the graph when anything was united.
    fn unite(&mut self) {
        let nodes: Vec<&Node> = self.nodes().collect();
        let mut sets = Components {
            parent: (0..nodes.len()).collect(),
            tag: nodes.iter().map(|n| conflict_tag(n)).collect(),
        };
        let mut owner: HashMap<String, usize> = HashMap::new();
        let mut any = false;
        for (i, n) in nodes.iter().enumerate() {
            for k in unite_keys(n) {
                match owner.get(&k) {
                    None => {
                        owner.insert(k, i);
                    }
                    Some(&j) => any |= sets.union(j, i),
                }
            }
        }
        if !any {
            return;
        }
        // each component's members, in sorted order; the canonical one is the best id
        let mut members: BTreeMap<usize, Vec<(usize, &Node)>> = BTreeMap::new();
        for (i, &n) in nodes.iter().enumerate() {
            members.entry(sets.find(i)).or_default().push((i, n));
        }
        // the members each canonical node absorbs; a node absorbed by another is not kept
        let mut others: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut absorbed = vec![false; nodes.len()];
        for group in members.values().filter(|g| g.len() > 1) {
            let Some(&(best, _)) = group
                .iter()
                .min_by(|a, b| (id_rank(a.1), &a.1.id).cmp(&(id_rank(b.1), &b.1.id)))
            else {
                continue;
            };
            for &(m, _) in group.iter().filter(|(m, _)| *m != best) {
                others.entry(best).or_default().push(m);
                if let Some(a) = absorbed.get_mut(m) {
                    *a = true;
                }
            }
        }
        let (unsettled, schema) = (self.unsettled, self.schema);
        let Parts {
            documents,
            diagnostics,
            nodes,
            edges,
        } = std::mem::take(self).into_parts();
        // a node's position in `nodes` by its old index, for the edges
        let mut pos_of: Vec<Option<usize>> = Vec::new();
        let mut taken: Vec<Option<Node>> = Vec::with_capacity(nodes.len());
        for (p, (i, n)) in nodes.into_iter().enumerate() {
            if pos_of.len() <= i.index() {
                pos_of.resize(i.index() + 1, None);
            }
            if let Some(slot) = pos_of.get_mut(i.index()) {
                *slot = Some(p);
            }
            taken.push(Some(n));
        }
        // each position's index in the rebuilt graph: an absorbed node's is its canonical one's
        let mut placed: Vec<Option<NodeIndex>> = vec![None; taken.len()];
        self.unsettled = unsettled;
        self.schema = schema;
        self.documents = documents;
        self.diagnostics = diagnostics;
        for i in 0..taken.len() {
            if absorbed.get(i).copied().unwrap_or(false) {
                continue;
            }
            let Some(mut node) = taken.get_mut(i).and_then(Option::take) else {
                continue;
            };
            let mut same_as: Vec<Value> = Vec::new();
            for &j in others.get(&i).into_iter().flatten() {
                if let Some(other) = taken.get_mut(j).and_then(Option::take) {
                    same_as.push(Value::String(other.id));
                    self.unsettled |= merge_attrs(&mut node.attrs, other.attrs, true);
                }
            }
            if !same_as.is_empty() {
                self.unsettled |= merge_attrs(
                    &mut node.attrs,
                    Attrs::from_iter([("same_as", Value::Array(same_as))]),
                    true,
                );
            }
            let at = self.put_node(node, true);
            for p in std::iter::once(i).chain(others.get(&i).into_iter().flatten().copied()) {
                if let Some(slot) = placed.get_mut(p) {
                    *slot = Some(at);
                }
            }
        }
        let new = |i: NodeIndex| {
            pos_of
                .get(i.index())
                .copied()
                .flatten()
                .and_then(|p| placed.get(p).copied().flatten())
        };
        for (s, t, w) in edges {
            let (Some(s), Some(t)) = (new(s), new(t)) else {
                continue;
            };
            if s == t && w.kind == EdgeKind::CoMention {
                continue;
            }
            self.put_edge(s, t, w, true);
        }
    }

    /// Removes the repeats that merges left in long lists (see [`merge_attrs`]). Building and
    /// merging call it; a graph is settled whenever it is handed out.
    pub fn settle(&mut self) {
        if !std::mem::take(&mut self.unsettled) {
            return;
        }
        for n in self.graph.node_weights_mut() {
            dedup_lists(&mut n.attrs);
        }
        for e in self.graph.edge_weights_mut() {
            dedup_lists(&mut e.attrs);
        }
    }

    /// Orders nodes by kind then id, and edges by kind, source, target and key.
    fn sort(&mut self) {
        let g = &self.graph;
        self.order.sort_by(|&a, &b| {
            let (Some(x), Some(y)) = (g.node_weight(a), g.node_weight(b)) else {
                return std::cmp::Ordering::Equal;
            };
            (x.kind, &x.id).cmp(&(y.kind, &y.id))
        });
        let key = |e: EdgeIndex| {
            let (s, t) = g.edge_endpoints(e).unwrap_or_default();
            let w = g.edge_weight(e);
            (
                w.map_or("", |w| w.kind.as_str()),
                g.node_weight(s).map_or("", |n| n.id.as_str()),
                g.node_weight(t).map_or("", |n| n.id.as_str()),
                w.map_or("", |w| w.key.as_str()),
            )
        };
        // compared in place, not through cached copies of every edge's ids and key: those were
        // taken when a corpus graph is at its largest (at the end of the build)
        self.edge_order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    }
}

/// A `relation` or `party_to` edge's fields as [`KnowledgeGraph::to_v1`] turns them: `sentence`
/// goes and, when it named a node, `evidence_span` becomes `evidence` in its place (else
/// `evidence` is set), the text `text` gives for that id.
pub(crate) fn evidence_to_v1(attrs: &mut Attrs, text: impl FnOnce(&str) -> Value) {
    let Some(Value::String(id)) = attrs.remove("sentence") else {
        return;
    };
    let text = text(&id);
    if attrs.replace("evidence_span", "evidence", text.clone()).is_none() {
        attrs.insert("evidence", text);
    }
}

/// Union-find over node positions, each component tagged with what its members must agree on.
struct Components {
    parent: Vec<usize>,
    /// The conflict tag of each component's root: a DOI, a lexicon id.
    tag: Vec<Option<String>>,
}

impl Components {
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i).filter(|&&p| p != i) {
            // path halving
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }

    /// Unites the components of `a` and `b` unless their tags conflict; says whether it did.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        let tag = |i: usize| self.tag.get(i).and_then(Option::as_ref);
        if let (Some(x), Some(y)) = (tag(a), tag(b)) {
            if x != y {
                return false;
            }
        }
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        if let Some(p) = self.parent.get_mut(child) {
            *p = root;
        }
        if tag(root).is_none() {
            let moved = self.tag.get_mut(child).and_then(Option::take);
            if let Some(t) = self.tag.get_mut(root) {
                *t = moved;
            }
        }
        true
    }
}

/// What two nodes that share a key must also agree on to be united: a source's DOI, an
/// entity's lexicon id.
fn conflict_tag(n: &Node) -> Option<String> {
    match n.kind {
        NodeKind::Source => n.attrs.get("doi").and_then(Value::as_str).map(str::to_lowercase),
        NodeKind::Actor | NodeKind::Agreement => n
            .attrs
            .get("rule")
            .and_then(Value::as_str)
            .filter(|r| r.ends_with("/lexicon"))
            .map(|_| n.id.clone()),
        _ => None,
    }
}

/// The keys under which a node unites with others of a corpus (see `finish_corpus`).
fn unite_keys(n: &Node) -> Vec<String> {
    let str_of = |k: &str| n.attrs.get(k).and_then(Value::as_str);
    let mut out: Vec<String> = Vec::new();
    match n.kind {
        NodeKind::Source => {
            if let Some(doi) = str_of("doi") {
                out.push(format!("doi:{}", doi.to_lowercase()));
            }
            let urls = n.attrs.get("urls").and_then(Value::as_array);
            for u in str_of("url")
                .into_iter()
                .chain(urls.into_iter().flatten().filter_map(Value::as_str))
            {
                out.push(format!("url:{}", crate::notes::normalise_url(u)));
            }
            if let Some(t) = str_of("title") {
                let t = crate::notes::normalise(t);
                if t.split(' ').count() >= 4 {
                    let who = n
                        .attrs
                        .get("authors")
                        .and_then(Value::as_array)
                        .and_then(|a| a.first())
                        .and_then(Value::as_str)
                        .map(crate::notes::family)
                        .or_else(|| str_of("institution").map(crate::notes::normalise))
                        .unwrap_or_default();
                    out.push(format!("title:{t}|{who}"));
                }
            }
        }
        NodeKind::Actor | NodeKind::Agreement => {
            let ty = str_of("type").unwrap_or("");
            let aliases = n.attrs.get("aliases").and_then(Value::as_array);
            for name in std::iter::once(n.label.as_str()).chain(aliases.into_iter().flatten().filter_map(Value::as_str))
            {
                let k = crate::notes::normalise(name);
                let k = k.strip_prefix("the ").unwrap_or(&k);
                if k.len() >= 4 {
                    out.push(format!("name:{}:{ty}:{k}", n.kind));
                }
            }
        }
        _ => {}
    }
    out.sort();
    out.dedup();
    out
}

/// Which id a united node keeps: a DOI key over a URL over a title over the rest; an entity
/// from the lexicon over a discovered one.
fn id_rank(n: &Node) -> usize {
    if n.kind == NodeKind::Source {
        return ["source:doi:", "source:url:", "source:title:"]
            .iter()
            .position(|p| n.id.starts_with(p))
            .unwrap_or(3);
    }
    usize::from(conflict_tag(n).is_none())
}

/// Merges attributes of the same node or edge seen twice (in two documents): lists are united
/// (first seen first), counts added, other values keep the first non-null one.
///
/// Short lists are united at once. With `defer`, long ones (a work cited across a whole corpus)
/// are only appended to, and the return value says so: testing each new item against a long
/// list, or hashing the list again at every merge, made the corpus merge quadratic in the number
/// of documents. The caller then removes the repeats once, with [`KnowledgeGraph::settle`].
pub fn merge_attrs(into: &mut Attrs, from: Attrs, defer: bool) -> bool {
    let mut appended = false;
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Array(a)), Value::Array(b)) => {
                if a.len() + b.len() <= SHORT_LIST {
                    for x in b {
                        if !a.contains(&x) {
                            a.push(x);
                        }
                    }
                } else if defer {
                    a.extend(b);
                    appended = true;
                } else {
                    let mut seen: HashSet<String> = a.iter().map(Value::to_string).collect();
                    a.extend(b.into_iter().filter(|x| seen.insert(x.to_string())));
                }
            }
            (Some(Value::Number(a)), Value::Number(b)) if matches!(k.as_ref(), "mentions" | "weight") => {
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
    appended
}

/// Lists up to this long are united item by item as they merge.
const SHORT_LIST: usize = 16;

/// Removes repeated items from the long lists of `attrs`, keeping the first of each.
fn dedup_lists(attrs: &mut Attrs) {
    for v in attrs.values_mut() {
        if let Value::Array(a) = v {
            if a.len() > SHORT_LIST {
                let mut seen = HashSet::with_capacity(a.len());
                a.retain(|x| seen.insert(x.to_string()));
            }
        }
    }
}
