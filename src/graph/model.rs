//! Node, edge and graph types, and the corpus merge.
//!
//! The graph keeps its nodes and edges in two vectors, by position, with the order they are
//! written in and a hash table of each by its key. It never walks a node's edges (exporters
//! go by kind and id), so it keeps no adjacency lists: on a corpus of millions of edges those
//! were 16 bytes an edge, and an edge that cannot be re-pointed made the union of a corpus's
//! nodes rebuild the whole graph at its largest. The tables hold positions only, hashed by the
//! key and compared with the node or edge itself, so no id or edge key is stored twice.

use super::value::Str;
use super::Value;
use super::{Attrs, EdgeKind, NodeKind, Schema};
use crate::diag::Located;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use hashbrown::HashTable;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use thin_vec::ThinVec;

/// A node: a stable id derived from content, a kind, a label, and the kind's fields.
///
/// The id and label are [`Str`]s, one pointer each and shared by clones: a sentence's label is
/// the string of its text when they are equal, and a relation's `sentence` field the string of
/// its sentence's id, where each was a copy (a corpus holds millions).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: Str,
    pub kind: NodeKind,
    pub label: Str,
    pub attrs: Attrs,
}

/// An edge between two node ids; `key` tells apart parallel edges of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    /// (a [`Str`]: most edges' keys are one of a few words, or shared by a document's edges)
    pub key: Str,
    pub attrs: Attrs,
}

/// A node's or an edge's position in the graph's vectors; positions never leave this module.
type Ix = u32;

/// An edge with its ends' positions.
#[derive(Debug, Clone)]
struct Link {
    s: Ix,
    t: Ix,
    edge: Edge,
}

impl Link {
    /// What tells it from every other edge: its ends, kind and key.
    fn key(&self) -> (Ix, Ix, EdgeKind, &str) {
        (self.s, self.t, self.edge.kind, self.edge.key.as_str())
    }
}

/// A graph taken apart, see [`KnowledgeGraph::into_parts`].
struct Parts {
    documents: Vec<String>,
    diagnostics: Vec<Located>,
    /// Nodes in order, with their position in the graph they came from.
    nodes: Vec<(Ix, Node)>,
    /// Edges in order, between those positions.
    edges: Vec<Link>,
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
    /// Nodes by position; None where one was removed.
    nodes: Vec<Option<Node>>,
    /// Edges by position; None where one was removed or merged into another.
    edges: Vec<Option<Link>>,
    /// Each node's position, by its id.
    index: HashTable<Ix>,
    /// Output order of nodes and of edges, kept apart from the positions so that sorting moves
    /// no node or edge.
    order: Vec<Ix>,
    /// Each edge's position, by its ends, kind and key.
    edge_index: HashTable<Ix>,
    edge_order: Vec<Ix>,
    /// The tables' hasher (seeded per graph: ids come from the input).
    hasher: foldhash::fast::RandomState,
    /// Whether a merge appended to a long list, which [`KnowledgeGraph::settle`] then dedups.
    unsettled: bool,
}

/// The slot at a position.
fn at<T>(v: &[Option<T>], i: Ix) -> Option<&T> {
    v.get(i as usize)?.as_ref()
}

fn at_mut<T>(v: &mut [Option<T>], i: Ix) -> Option<&mut T> {
    v.get_mut(i as usize)?.as_mut()
}

/// The position the next item pushed onto `v` takes.
fn next_ix<T>(v: &[T]) -> Ix {
    // a graph of four billion nodes or edges does not fit in memory long before this saturates
    Ix::try_from(v.len()).unwrap_or(Ix::MAX)
}

impl KnowledgeGraph {
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    fn node_hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    fn edge_hash(&self, l: &Link) -> u64 {
        self.hasher.hash_one(l.key())
    }

    /// The position of the node with this id.
    fn find(&self, id: &str) -> Option<Ix> {
        let nodes = &self.nodes;
        let same = |&i: &Ix| at(nodes, i).is_some_and(|n| n.id == id);
        self.index.find(self.node_hash(id), same).copied()
    }

    /// Takes the node at `i` out of the graph (its edges stay: the caller re-points or drops
    /// them).
    fn take_node(&mut self, i: Ix) -> Option<Node> {
        let h = self.node_hash(&at(&self.nodes, i)?.id);
        if let Ok(entry) = self.index.find_entry(h, |&x| x == i) {
            entry.remove();
        }
        self.nodes.get_mut(i as usize)?.take()
    }

    /// Adds a node, or merges it into the node with the same id.
    pub fn add_node(&mut self, node: Node) {
        self.put_node(node, false);
    }

    /// [`KnowledgeGraph::add_node`], giving the node's position; with `defer`, long lists are
    /// appended to and left for [`KnowledgeGraph::settle`] (see [`merge_attrs`]).
    fn put_node(&mut self, node: Node, defer: bool) -> Ix {
        if let Some(i) = self.find(&node.id) {
            if let Some(old) = at_mut(&mut self.nodes, i) {
                self.unsettled |= merge_attrs(&mut old.attrs, node.attrs, defer);
            }
            return i;
        }
        let h = self.node_hash(&node.id);
        let i = next_ix(&self.nodes);
        self.nodes.push(Some(node));
        let (nodes, hasher) = (&self.nodes, &self.hasher);
        self.index
            .insert_unique(h, i, |&x| at(nodes, x).map_or(0, |n| hasher.hash_one(n.id.as_str())));
        self.order.push(i);
        i
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        at(&self.nodes, self.find(id)?)
    }

    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        let i = self.find(id)?;
        at_mut(&mut self.nodes, i)
    }

    /// Adds an edge between two existing nodes; an edge with the same ends, kind and key is
    /// merged instead. Returns false when an end is missing.
    pub fn add_edge(&mut self, source: &str, target: &str, edge: Edge) -> bool {
        let (Some(s), Some(t)) = (self.find(source), self.find(target)) else {
            return false;
        };
        self.put_edge(Link { s, t, edge }, false);
        true
    }

    /// The position of the edge with these ends, kind and key: found without walking the ends'
    /// edges, since a corpus's hubs (a state named in every document) have them by the thousand.
    fn find_edge(&self, h: u64, l: &Link) -> Option<Ix> {
        let edges = &self.edges;
        let same = |&i: &Ix| at(edges, i).is_some_and(|o| o.key() == l.key());
        self.edge_index.find(h, same).copied()
    }

    /// [`KnowledgeGraph::add_edge`] between two nodes of this graph; `defer` as for
    /// [`KnowledgeGraph::put_node`].
    fn put_edge(&mut self, link: Link, defer: bool) {
        let h = self.edge_hash(&link);
        if let Some(e) = self.find_edge(h, &link) {
            if let Some(old) = at_mut(&mut self.edges, e) {
                self.unsettled |= merge_attrs(&mut old.edge.attrs, link.edge.attrs, defer);
            }
            return;
        }
        let e = next_ix(&self.edges);
        self.edges.push(Some(link));
        self.index_edge(h, e);
        self.edge_order.push(e);
    }

    /// Enters the edge at `e` in the edge table.
    fn index_edge(&mut self, h: u64, e: Ix) {
        let (edges, hasher) = (&self.edges, &self.hasher);
        let rehash = |&x: &Ix| at(edges, x).map_or(0, |l| hasher.hash_one(l.key()));
        self.edge_index.insert_unique(h, e, rehash);
    }

    /// Nodes in a deterministic order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.order.iter().filter_map(|&i| at(&self.nodes, i))
    }

    /// Edges as (source id, target id, edge), in a deterministic order.
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str, &Edge)> {
        self.edge_order.iter().filter_map(|&e| {
            let l = at(&self.edges, e)?;
            Some((
                at(&self.nodes, l.s)?.id.as_str(),
                at(&self.nodes, l.t)?.id.as_str(),
                &l.edge,
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
            .edges
            .iter()
            .flatten()
            .filter(|l| l.edge.kind.is_relation())
            .filter_map(|l| l.edge.attrs.get("sentence").and_then(Value::as_str))
            .filter_map(|id| {
                let text = self.node(id)?.attrs.get("text")?.clone();
                Some((id.to_string(), text))
            })
            .collect();
        for l in self.edges.iter_mut().flatten().filter(|l| l.edge.kind.is_relation()) {
            evidence_to_v1(&mut l.edge.attrs, |id| texts.get(id).cloned().unwrap_or(Value::Null));
        }
        let sentences: Vec<Ix> = self
            .order
            .iter()
            .copied()
            .filter(|&i| at(&self.nodes, i).is_some_and(|n| n.kind == NodeKind::Sentence))
            .collect();
        if sentences.is_empty() {
            return;
        }
        for &i in &sentences {
            self.take_node(i);
        }
        let nodes = &self.nodes;
        self.order.retain(|&i| at(nodes, i).is_some());
        // (no edge joins a sentence; should one ever, it goes with it)
        let edges = &mut self.edges;
        let gone = |l: &Link| at(nodes, l.s).is_none() || at(nodes, l.t).is_none();
        for slot in edges.iter_mut() {
            if slot.as_ref().is_some_and(gone) {
                *slot = None;
            }
        }
        let edges = &self.edges;
        self.edge_order.retain(|&e| at(edges, e).is_some());
        self.edge_index.retain(|&mut e| at(edges, e).is_some());
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
        // (each name one allocation, shared by every node's list)
        let docs = Value::shared(documents.iter().map(|d| Str::from(d.as_str()).into()));
        // each node's position in `g` → its position here: edges are added by position, not id
        let mut here: Vec<Option<Ix>> = Vec::new();
        for (i, mut n) in nodes {
            // a node of an already merged graph has its own list
            if !n.attrs.get("documents").is_some_and(Value::is_list) {
                n.attrs.insert("documents", docs.clone());
            }
            n.attrs.shrink_to_fit();
            let to = self.put_node(n, true);
            if here.len() <= i as usize {
                here.resize(i as usize + 1, None);
            }
            if let Some(slot) = here.get_mut(i as usize) {
                *slot = Some(to);
            }
        }
        let here = |i: Ix| here.get(i as usize).copied().flatten();
        for Link { s, t, mut edge } in edges {
            if let (Some(s), Some(t)) = (here(s), here(t)) {
                edge.attrs.shrink_to_fit();
                self.put_edge(Link { s, t, edge }, true);
            }
        }
        self.documents.extend(documents);
        self.diagnostics.extend(diagnostics);
    }

    /// Takes the graph apart without copying: its nodes in order, with their positions, and its
    /// edges in order, between those positions.
    fn into_parts(self) -> Parts {
        let KnowledgeGraph {
            documents,
            diagnostics,
            mut nodes,
            mut edges,
            order,
            edge_order,
            ..
        } = self;
        let nodes = order
            .iter()
            .filter_map(|&i| Some((i, nodes.get_mut(i as usize)?.take()?)))
            .collect();
        let edges = edge_order
            .iter()
            .filter_map(|&e| edges.get_mut(e as usize)?.take())
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
        self.nodes.par_iter_mut().flatten().for_each(|n| {
            for key in ["documents", "same_as"] {
                // (a list of one, a document's own node's shared list, is in order and stays so)
                let list = n
                    .attrs
                    .get_mut(key)
                    .filter(|v| v.as_array().is_some_and(|a| a.len() > 1));
                if let Some(a) = list.and_then(Value::list_mut) {
                    a.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
                }
            }
            if let Some(Value::Array(a)) = n.attrs.get_mut("footnotes") {
                a.sort_by_cached_key(note);
            }
        });
        self.sort();
    }

    /// Unites nodes that share a key (see [`KnowledgeGraph::finish_corpus`]): union-find over the
    /// nodes in sorted order; each united node's fields are merged into its canonical one, and
    /// edges re-pointed to it in place, those that then coincide merged in edge order.
    fn unite(&mut self) {
        // only the nodes with keys (sources, actors, agreements) can unite; the rest (claims,
        // sentences: nearly all of a corpus) are left out of the sets, which are built when the
        // graph is at its largest
        let keyed: Vec<(Ix, &Node, Vec<String>)> = self
            .order
            .par_iter()
            .filter_map(|&i| Some((i, at(&self.nodes, i)?)))
            .map(|(i, n)| (i, n, unite_keys(n)))
            .filter(|(_, _, keys)| !keys.is_empty())
            .collect();
        let mut sets = Components {
            parent: (0..keyed.len()).collect(),
            tag: keyed.iter().map(|(_, n, _)| conflict_tag(n)).collect(),
        };
        let mut owner: HashMap<&str, usize> = HashMap::new();
        let mut any = false;
        for (j, (_, _, keys)) in keyed.iter().enumerate() {
            for k in keys {
                match owner.get(k.as_str()) {
                    None => {
                        owner.insert(k, j);
                    }
                    Some(&first) => any |= sets.union(first, j),
                }
            }
        }
        drop(owner);
        let nodes: Vec<(Ix, &Node)> = keyed.iter().map(|&(i, n, _)| (i, n)).collect();
        if !any {
            return;
        }
        // each component's members, in sorted order; the canonical one is the best id
        let mut members: BTreeMap<usize, Vec<(Ix, &Node)>> = BTreeMap::new();
        for (j, &m) in nodes.iter().enumerate() {
            members.entry(sets.find(j)).or_default().push(m);
        }
        // the nodes each canonical node absorbs, in sorted order
        let mut others: Vec<(Ix, Vec<Ix>)> = Vec::new();
        for group in members.values().filter(|g| g.len() > 1) {
            let Some(&(best, _)) = group
                .iter()
                .min_by(|a, b| (id_rank(a.1), &a.1.id).cmp(&(id_rank(b.1), &b.1.id)))
            else {
                continue;
            };
            others.push((best, group.iter().map(|&(m, _)| m).filter(|&m| m != best).collect()));
        }
        drop(members);
        drop(nodes);
        // each absorbed node's position → its canonical node's
        let mut canonical: HashMap<Ix, Ix> = HashMap::new();
        for (b, group) in others {
            let mut taken = Vec::with_capacity(group.len());
            for i in group {
                if let Some(other) = self.take_node(i) {
                    taken.push(other);
                    canonical.insert(i, b);
                }
            }
            let Some(node) = at_mut(&mut self.nodes, b) else {
                continue;
            };
            let mut same_as: ThinVec<Value> = ThinVec::new();
            for other in taken {
                same_as.push(other.id.into());
                self.unsettled |= merge_attrs(&mut node.attrs, other.attrs, true);
            }
            if !same_as.is_empty() {
                let list = Attrs::from_iter([("same_as", Value::Array(same_as))]);
                self.unsettled |= merge_attrs(&mut node.attrs, list, true);
            }
        }
        let nodes = &self.nodes;
        self.order.retain(|&i| at(nodes, i).is_some());
        // every edge again, in order: re-pointed, and merged into the first it now coincides with
        self.edge_index.clear();
        let order = std::mem::take(&mut self.edge_order);
        let mut kept = Vec::with_capacity(order.len());
        for e in order {
            let Some(mut link) = self.edges.get_mut(e as usize).and_then(Option::take) else {
                continue;
            };
            link.s = canonical.get(&link.s).copied().unwrap_or(link.s);
            link.t = canonical.get(&link.t).copied().unwrap_or(link.t);
            if link.s == link.t && link.edge.kind == EdgeKind::CoMention {
                continue;
            }
            let h = self.edge_hash(&link);
            if let Some(first) = self.find_edge(h, &link) {
                if let Some(old) = at_mut(&mut self.edges, first) {
                    self.unsettled |= merge_attrs(&mut old.edge.attrs, link.edge.attrs, true);
                }
                continue;
            }
            if let Some(slot) = self.edges.get_mut(e as usize) {
                *slot = Some(link);
            }
            self.index_edge(h, e);
            kept.push(e);
        }
        self.edge_order = kept;
    }

    /// Removes the repeats that merges left in long lists (see [`merge_attrs`]). Building and
    /// merging call it; a graph is settled whenever it is handed out.
    pub fn settle(&mut self) {
        if !std::mem::take(&mut self.unsettled) {
            return;
        }
        // (on the pool's threads for a corpus's graph; a document's, settled on its own thread
        // while the others build theirs, is not split)
        self.nodes
            .par_iter_mut()
            .with_min_len(SPLIT)
            .flatten()
            .for_each(|n| dedup_lists(&mut n.attrs));
        self.edges
            .par_iter_mut()
            .with_min_len(SPLIT)
            .flatten()
            .for_each(|l| dedup_lists(&mut l.edge.attrs));
    }

    /// Orders nodes by kind then id, and edges by kind, source, target and key.
    fn sort(&mut self) {
        let nodes = &self.nodes;
        // ids compared once, to rank them; the sorts compare the ranks (a corpus's edges, sorted
        // by their ends' ids, compared those strings over and over: most of its merge)
        let rank = id_ranks(nodes);
        let rank = |i: Ix| rank.get(i as usize).copied().unwrap_or(0);
        self.order.par_sort_by(|&a, &b| {
            let (Some(x), Some(y)) = (at(nodes, a), at(nodes, b)) else {
                return std::cmp::Ordering::Equal;
            };
            (x.kind, rank(a)).cmp(&(y.kind, rank(b)))
        });
        let edges = &self.edges;
        // each kind's place among the kinds' names, 0 for no edge (as "" before every name)
        let mut names = EdgeKind::ALL;
        names.sort_by_key(|k| k.as_str());
        let mut kinds = [0; EdgeKind::ALL.len()];
        for (place, k) in names.into_iter().enumerate() {
            if let Some(slot) = kinds.get_mut(k as usize) {
                *slot = place + 1;
            }
        }
        let key = |e: Ix| match at(edges, e) {
            Some(l) => (
                kinds.get(l.edge.kind as usize).copied().unwrap_or(0),
                rank(l.s),
                rank(l.t),
                l.edge.key.as_str(),
            ),
            None => (0, 0, 0, ""),
        };
        let text = |e: Ix| at(edges, e).map_or("", |l| l.edge.key.as_str());
        if nodes.len() < 1 << 30 {
            // the kind and both ranks packed into one number in their order (a rank is below
            // 2^30, a kind's place below 16), by position: 8 bytes an edge while they sort, the
            // edges' own keys compared only where the numbers tie
            let packed: Vec<u64> = (0..edges.len())
                .map(|e| {
                    let (kind, s, t, _) = Ix::try_from(e).map_or((0, 0, 0, ""), key);
                    (kind as u64) << 60 | u64::from(s) << 30 | u64::from(t)
                })
                .collect();
            let packed = |e: Ix| packed.get(e as usize).copied().unwrap_or(0);
            self.edge_order
                .par_sort_by(|&a, &b| packed(a).cmp(&packed(b)).then_with(|| text(a).cmp(text(b))));
        } else {
            // compared in place, not through copies of every edge's key, for a graph too large
            // to pack its ranks
            self.edge_order.par_sort_by(|&a, &b| key(a).cmp(&key(b)));
        }
    }
}

/// Each node's place in the order of the nodes' ids, by position: 1 for the smallest id, the same
/// for the same id, and 0 for no node and for an empty id (as `""` sorts before every id). Two
/// ranks compare as their ids do.
fn id_ranks(nodes: &[Option<Node>]) -> Vec<u32> {
    let id = |i: Ix| at(nodes, i).map_or("", |n| n.id.as_str());
    let mut by_id: Vec<Ix> = (0..nodes.len())
        .filter_map(|i| Ix::try_from(i).ok())
        .filter(|&i| at(nodes, i).is_some())
        .collect();
    // (unstable: only the same id ties, and it takes one rank)
    by_id.par_sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
    let mut ranks = vec![0; nodes.len()];
    let (mut rank, mut last) = (0, "");
    for i in by_id {
        let this = id(i);
        if this != last {
            rank += 1;
            last = this;
        }
        if let Some(slot) = ranks.get_mut(i as usize) {
            *slot = rank;
        }
    }
    ranks
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
            .map(|_| n.id.to_string()),
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
        match (into.get_mut(k.as_str()), v) {
            // (a span or a shared list united with another list becomes a list of its own: an
            // actor's spans in two documents, its list of documents)
            (Some(slot), v) if slot.is_list() && v.is_list() => {
                let (Some(a), Value::Array(b)) = (slot.list_mut(), v.into_list()) else {
                    continue;
                };
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
                    let mut seen: HashSet<String> = a.iter().map(item_key).collect();
                    a.extend(b.into_iter().filter(|x| seen.insert(item_key(x))));
                }
            }
            (Some(Value::Number(a)), Value::Number(b)) if matches!(k.as_str(), "mentions" | "weight") => {
                // (saturating: a graph JSON read may hold any count)
                let sum = a.as_u64().unwrap_or(0).saturating_add(b.as_u64().unwrap_or(0));
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

/// A list item as the set of a list's items knows it: its compact JSON, written once (the
/// value's `Display` writes it to a string, then copies that).
fn item_key(x: &Value) -> String {
    serde_json::to_string(x).unwrap_or_default()
}

/// Lists up to this long are united item by item as they merge.
const SHORT_LIST: usize = 16;

/// The fewest nodes or edges [`KnowledgeGraph::settle`] gives a thread: a document's graph (the
/// seed's: 263 nodes, 657 edges) is settled on the thread that built it, a corpus's (the 10 MB
/// corpus's: 40,707 nodes, 104,864 edges) on all.
const SPLIT: usize = 8192;

/// Removes repeated items from the long lists of `attrs`, keeping the first of each.
fn dedup_lists(attrs: &mut Attrs) {
    for v in attrs.values_mut() {
        // (a shared list is never appended to, but one given long and with repeats is mended too)
        if v.as_array().is_none_or(|a| a.len() <= SHORT_LIST) {
            continue;
        }
        if let Some(a) = v.list_mut() {
            let mut seen = HashSet::with_capacity(a.len());
            a.retain(|x| seen.insert(item_key(x)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(id: &str, kind: NodeKind, label: &str, attrs: serde_json::Value) -> Node {
        let attrs = match attrs {
            serde_json::Value::Object(m) => Attrs::from(m),
            _ => Attrs::new(),
        };
        let (id, label) = (id.into(), label.into());
        Node { id, kind, label, attrs }
    }

    fn edge(kind: EdgeKind, key: &str, attrs: serde_json::Value) -> Edge {
        let attrs = match attrs {
            serde_json::Value::Object(m) => Attrs::from(m),
            _ => Attrs::new(),
        };
        Edge {
            kind,
            key: key.to_string().into(),
            attrs,
        }
    }

    /// Ranks compare as the ids do, one rank to one id; an empty id and a missing node rank
    /// first, together, as `""` sorts.
    #[test]
    fn ranks_order_as_ids() {
        let ids = ["b:2", "a:10", "", "a:9", "b:2", "actor:x", "a:10"];
        let mut nodes: Vec<Option<Node>> = ids
            .iter()
            .map(|id| Some(node(id, NodeKind::Actor, "", json!({}))))
            .collect();
        nodes.insert(3, None);
        let ranks = id_ranks(&nodes);
        let id = |i: usize| nodes.get(i).and_then(Option::as_ref).map_or("", |n| n.id.as_str());
        for a in 0..nodes.len() {
            for b in 0..nodes.len() {
                assert_eq!(ranks[a].cmp(&ranks[b]), id(a).cmp(id(b)), "{:?} {:?}", id(a), id(b));
            }
        }
        assert_eq!((ranks[2], ranks[3]), (0, 0));
    }

    /// A span merged with another (an actor's mention in two documents) unites as the lists of
    /// their numbers did, in either order and with a span read back from a graph JSON.
    /// A relation's evidence in `policykg/1` is its sentence's text, where `evidence_span` stood;
    /// an edge that also had an `evidence` of its own (a hand-made graph) keeps one, the text.
    #[test]
    fn evidence_becomes_the_sentence_text_once() {
        let text = |_: &str| Value::from("The text.");
        let mut plain = Attrs::from_iter([
            ("predicate", json!("signed")),
            ("evidence_span", json!([1, 9])),
            ("sentence", json!("sentence:d:1")),
            ("document", json!("d")),
        ]);
        evidence_to_v1(&mut plain, text);
        assert_eq!(
            serde_json::to_string(&plain).ok().as_deref(),
            Some(r#"{"predicate":"signed","evidence":"The text.","document":"d"}"#)
        );
        let mut both = Attrs::from_iter([
            ("evidence_span", json!([1, 9])),
            ("sentence", json!("sentence:d:1")),
            ("document", json!("d")),
            ("evidence", json!("old")),
        ]);
        evidence_to_v1(&mut both, text);
        assert_eq!(
            serde_json::to_string(&both).ok().as_deref(),
            Some(r#"{"document":"d","evidence":"The text."}"#)
        );
    }

    #[test]
    fn spans_unite_as_lists() {
        let span = |a, b| Value::from(crate::span::Span::new(a, b));
        let united = |first: Value, second: Value| {
            let mut into = Attrs::from_iter([("span", first)]);
            merge_attrs(&mut into, Attrs::from_iter([("span", second)]), false);
            into.get("span").map(Value::to_json)
        };
        assert_eq!(united(span(31, 58), span(32, 59)), Some(json!([31, 58, 32, 59])));
        assert_eq!(united(span(31, 58), span(58, 90)), Some(json!([31, 58, 90])));
        assert_eq!(united(span(31, 58), span(31, 58)), Some(json!([31, 58])));
        let read = Value::from(json!([1, 2, 3, 4]));
        assert_eq!(united(span(31, 58), read.clone()), Some(json!([31, 58, 1, 2, 3, 4])));
        assert_eq!(united(read, span(31, 58)), Some(json!([1, 2, 3, 4, 31, 58])));
        assert_eq!(united(Value::Null, span(31, 58)), Some(json!([31, 58])));
        // a shared list (a document's name on its nodes) unites the same way, and is left as
        // it was for the others that hold it
        let shared = Value::shared([Value::from("a"), Value::from("b")]);
        assert_eq!(united(shared.clone(), shared.clone()), Some(json!(["a", "b"])));
        let read = Value::from(json!(["b", "c"]));
        assert_eq!(united(shared.clone(), read.clone()), Some(json!(["a", "b", "c"])));
        assert_eq!(united(read, shared.clone()), Some(json!(["b", "c", "a"])));
        assert_eq!(shared, json!(["a", "b"]));
    }

    /// In a corpus, each document's own nodes share one list of its name, and a node of several
    /// documents has a list of its own, in order.
    #[test]
    fn a_documents_nodes_share_its_list() {
        let doc = |name: &str| {
            let mut g = KnowledgeGraph::new();
            g.documents.push(name.to_string());
            for id in [
                format!("claim:{name}:1"),
                format!("claim:{name}:2"),
                "actor:x".to_string(),
            ] {
                g.add_node(node(&id, NodeKind::Claim, "c", json!({})));
            }
            g
        };
        let g = KnowledgeGraph::merge(&[doc("b"), doc("a")]);
        let list = |id: &str| g.node(id).and_then(|n| n.attrs.get("documents"));
        let (Some(Value::Shared(one)), Some(Value::Shared(two))) = (list("claim:a:1"), list("claim:a:2")) else {
            panic!("not shared: {:?}", list("claim:a:1"));
        };
        assert!(std::sync::Arc::ptr_eq(one, two));
        assert_eq!(list("claim:b:2").map(Value::to_json), Some(json!(["b"])));
        assert!(matches!(list("actor:x"), Some(Value::Array(_))));
        assert_eq!(list("actor:x").map(Value::to_json), Some(json!(["a", "b"])));
    }

    /// Counts add up to the largest one there is, never past it: a graph JSON read may hold any
    /// (found reading the `graph` fuzz target's code; overflowed, which debug builds panic on).
    #[test]
    fn counts_saturate() {
        let mut g = KnowledgeGraph::new();
        g.add_node(node("a", NodeKind::Actor, "A", json!({"mentions": u64::MAX})));
        g.add_node(node("a", NodeKind::Actor, "A", json!({"mentions": 2})));
        let mentions = g
            .node("a")
            .and_then(|n| n.attrs.get("mentions"))
            .and_then(Value::as_u64);
        assert_eq!(mentions, Some(u64::MAX));
    }

    /// One document naming one organisation two ways (neither from the lexicon), each way its
    /// own node until the corpus unites them.
    fn document() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        g.documents.push("a".into());
        g.add_node(node("claim:a:1", NodeKind::Claim, "c", json!({"text": "c"})));
        let org = json!({"type": "organization", "mentions": 1});
        g.add_node(node(
            "actor:foo-organisation",
            NodeKind::Actor,
            "Foo Organisation",
            org.clone(),
        ));
        g.add_node(node(
            "actor:foo-org",
            NodeKind::Actor,
            "FOO",
            json!({"type": "organization", "aliases": ["Foo Organisation"], "mentions": 2}),
        ));
        g.add_node(node("actor:bar", NodeKind::Actor, "Bar", org));
        for (t, n) in [("actor:foo-organisation", 1), ("actor:foo-org", 2)] {
            g.add_edge("claim:a:1", t, edge(EdgeKind::Mentions, "mentions", json!({})));
            g.add_edge(
                "actor:bar",
                t,
                edge(EdgeKind::Relation, "relation:met:a:1", json!({"n": n})),
            );
        }
        let co = edge(EdgeKind::CoMention, "co_mention:a", json!({"weight": 1}));
        g.add_edge("actor:foo-org", "actor:foo-organisation", co);
        g
    }

    #[test]
    fn union_re_points_edges_merges_those_that_meet_and_keeps_the_tables_whole() {
        let mut g = KnowledgeGraph::new();
        g.absorb(document());
        g.finish_corpus();
        let ids: Vec<&str> = g.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["claim:a:1", "actor:bar", "actor:foo-org"]);
        assert!(g.node("actor:foo-organisation").is_none());
        let kept = g.node("actor:foo-org").expect("the canonical node");
        assert_eq!(
            kept.attrs.get("same_as").map(Value::to_json),
            Some(json!(["actor:foo-organisation"]))
        );
        assert_eq!(kept.attrs.get("mentions").and_then(Value::as_u64), Some(3));
        // the two mentions and the two relations each became one, with the fields of the first in
        // edge order (the one to `actor:foo-org`, the smaller id);
        // the co-mention of the node with itself went
        let edges: Vec<(&str, &str, &str, Option<u64>)> = g
            .edges()
            .map(|(s, t, e)| (s, t, e.key.as_str(), e.attrs.get("n").and_then(Value::as_u64)))
            .collect();
        assert_eq!(
            edges,
            [
                ("claim:a:1", "actor:foo-org", "mentions", None),
                ("actor:bar", "actor:foo-org", "relation:met:a:1", Some(2)),
            ]
        );
        assert_eq!((g.node_count(), g.edge_count()), (3, 2));
        // the tables still find what is left, and merging the merged graph again changes nothing
        assert!(!g.add_edge(
            "actor:foo-organisation",
            "actor:bar",
            edge(EdgeKind::Mentions, "m", json!({}))
        ));
        assert!(g.add_edge(
            "claim:a:1",
            "actor:foo-org",
            edge(EdgeKind::Mentions, "mentions", json!({}))
        ));
        assert_eq!(g.edge_count(), 2);
        let again = KnowledgeGraph::merge(&[g.clone()]);
        let json = |g: &KnowledgeGraph| crate::export::json::write(g);
        assert_eq!(json(&again), json(&g));
    }
}
