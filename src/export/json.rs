//! Node-link JSON as the contract fixes it (`networkx.node_link_graph(data, edges="edges")`).

use super::pretty::Pretty;
use super::Sink;
use crate::diag::{Code, Located, Severity};
use crate::graph::{Attrs, Edge, EdgeKind, Key, KnowledgeGraph, Node, NodeKind, Schema, Str, Value as Field};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{json, Map, Value};

pub fn value(g: &KnowledgeGraph) -> Value {
    let nodes: Vec<Value> = g
        .nodes()
        .map(|n| {
            let mut m = Map::new();
            m.insert("id".into(), json!(n.id));
            m.insert("kind".into(), json!(n.kind));
            m.insert("label".into(), json!(n.label));
            for (k, v) in &n.attrs {
                m.insert(k.to_string(), v.to_json());
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
            m.insert("key".into(), json!(e.key.as_str()));
            m.insert("kind".into(), json!(e.kind));
            for (k, v) in &e.attrs {
                m.insert(k.to_string(), v.to_json());
            }
            Value::Object(m)
        })
        .collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "schema": g.schema.as_str(),
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
    super::in_memory(&|w| write_to(g, w))
}

/// [`write`] into `w`: the bytes serde_json pretty-prints [`Streamed`] into, written directly
/// (see [`super::pretty`]).
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut p = Pretty::new(w);
    p.open(b'{');
    p.name(true, "directed");
    p.raw(b"true");
    p.name(false, "multigraph");
    p.raw(b"true");
    p.name(false, "graph");
    p.open(b'{');
    p.name(true, "schema");
    p.string(g.schema.as_str());
    p.name(false, "documents");
    p.list(&g.documents, |p, d| {
        p.string(d);
        Ok(())
    })?;
    p.name(false, "diagnostics");
    p.list(&g.diagnostics, |p, d| p.serde(d))?;
    p.close(b'}', false);
    // a corpus's lists on the pool's threads: its JSON is written at the build's end, with
    // the threads free; a document's while the other threads build theirs, where batches would
    // only hold more
    let corpus = g.documents.len() > 1;
    p.name(false, "nodes");
    list(
        &mut p,
        corpus,
        g.nodes(),
        |n| weight(&n.attrs),
        |p, n| {
            let fixed = [
                ("id", n.id.as_str()),
                ("kind", n.kind.as_str()),
                ("label", n.label.as_str()),
            ];
            object(p, &fixed, &n.attrs)
        },
    )?;
    p.name(false, "edges");
    list(
        &mut p,
        corpus,
        g.edges(),
        |(_, _, e)| weight(&e.attrs),
        |p, (s, t, e)| {
            let fixed = [
                ("source", s),
                ("target", t),
                ("key", e.key.as_str()),
                ("kind", e.kind.as_str()),
            ];
            object(p, &fixed, &e.attrs)
        },
    )?;
    p.close(b'}', false);
    p.raw(b"\n");
    p.finish()
}

/// A list of nodes or edges: [`Pretty::par_list`] when `par`, else [`Pretty::list`].
fn list<T: Send>(
    p: &mut Pretty,
    par: bool,
    items: impl IntoIterator<Item = T>,
    weight: impl Fn(&T) -> usize,
    each: impl Fn(&mut Pretty, T) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    if par {
        p.par_list(items, weight, each)
    } else {
        p.list(items, each)
    }
}

/// What a node's or edge's object weighs for [`Pretty::par_list`]: one, and one for each item
/// of its lists.
fn weight(attrs: &Attrs) -> usize {
    attrs.iter().fold(1, |w, (_, v)| match v {
        Field::Array(items) => w + items.len(),
        _ => w,
    })
}

/// A node's or edge's object ([`ordered`]) into a [`Pretty`] writer.
fn object(p: &mut Pretty, fixed: &[(&str, &str)], attrs: &Attrs) -> std::io::Result<()> {
    p.open(b'{');
    let mut empty = true;
    for (k, part) in ordered(fixed, attrs) {
        p.name(empty, k);
        empty = false;
        match part {
            Part::Fixed(v) => p.string(v),
            Part::Field(v) => p.value(v)?,
        }
    }
    p.close(b'}', empty);
    Ok(())
}

/// A node's or edge's fields in the order its object has them: the fixed names first, each with
/// the attribute of that name in its place if there is one (as inserting into an ordered map
/// does), then the other attributes in their order. (The fixed values are strings, written as
/// they are: no JSON value is built for them.)
fn ordered<'a>(fixed: &'a [(&'a str, &'a str)], attrs: &'a Attrs) -> impl Iterator<Item = (&'a str, Part<'a>)> {
    // (nearly always no attribute has a fixed name: then the names are compared once, here, and
    // not again for each fixed name and each attribute)
    let shadowed = attrs.iter().any(|(k, _)| fixed.iter().any(|(f, _)| *f == k));
    let head = fixed.iter().map(move |&(k, v)| {
        let field = if shadowed { attrs.get(k) } else { None };
        (k, field.map_or(Part::Fixed(v), Part::Field))
    });
    let rest = attrs
        .iter()
        .filter(move |(k, _)| !shadowed || !fixed.iter().any(|(f, _)| f == k))
        .map(|(k, v)| (k, Part::Field(v)));
    head.chain(rest)
}

/// A value of [`ordered`]: a fixed string or an attribute.
enum Part<'a> {
    Fixed(&'a str),
    Field(&'a Field),
}

impl Serialize for Part<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self {
            Part::Fixed(v) => ser.serialize_str(v),
            Part::Field(v) => v.serialize(ser),
        }
    }
}

/// The whole document, serialised as [`value`] builds it (without building it).
#[derive(Clone, Copy)]
pub(crate) struct Streamed<'a> {
    g: &'a KnowledgeGraph,
    /// Whether a `policykg/2` graph is written as [`KnowledgeGraph::to_v1`] would make it, without
    /// a copy of the graph: no `sentence` node, each relation's `evidence` its sentence's text.
    v1: bool,
}

impl<'a> Streamed<'a> {
    /// The graph as it is: what [`write_to`] writes without serde, its reference in the tests.
    #[cfg(test)]
    pub(crate) fn new(g: &'a KnowledgeGraph) -> Streamed<'a> {
        Streamed { g, v1: false }
    }

    /// The graph as `policykg/1` has it, whatever its schema.
    pub(crate) fn v1(g: &'a KnowledgeGraph) -> Streamed<'a> {
        Streamed {
            g,
            v1: g.schema != Schema::V1,
        }
    }
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut m = ser.serialize_map(Some(5))?;
        m.serialize_entry("directed", &true)?;
        m.serialize_entry("multigraph", &true)?;
        m.serialize_entry("graph", &GraphAttrs(*self))?;
        m.serialize_entry("nodes", &Nodes(*self))?;
        m.serialize_entry("edges", &Edges(*self))?;
        m.end()
    }
}

struct GraphAttrs<'a>(Streamed<'a>);

impl Serialize for GraphAttrs<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let Streamed { g, v1 } = self.0;
        let schema = if v1 { Schema::V1 } else { g.schema };
        let mut m = ser.serialize_map(Some(3))?;
        m.serialize_entry("schema", schema.as_str())?;
        m.serialize_entry("documents", &g.documents)?;
        m.serialize_entry("diagnostics", &g.diagnostics)?;
        m.end()
    }
}

struct Nodes<'a>(Streamed<'a>);

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let Streamed { g, v1 } = self.0;
        let mut seq = ser.serialize_seq(None)?;
        for n in g.nodes().filter(|n| !(v1 && n.kind == NodeKind::Sentence)) {
            seq.serialize_element(&NodeObj(n))?;
        }
        seq.end()
    }
}

struct Edges<'a>(Streamed<'a>);

impl Serialize for Edges<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let Streamed { g, v1 } = self.0;
        let mut seq = ser.serialize_seq(None)?;
        let sentence = |id: &str| g.node(id).is_some_and(|n| n.kind == NodeKind::Sentence);
        for (s, t, e) in g.edges() {
            if v1 && (sentence(s) || sentence(t)) {
                // (none is built; `to_v1` drops it with its end)
                continue;
            }
            if v1 && e.kind.is_relation() {
                let mut old = e.clone();
                let text = |id: &str| {
                    g.node(id)
                        .and_then(|n| n.attrs.get("text"))
                        .cloned()
                        .unwrap_or(Field::Null)
                };
                crate::graph::evidence_to_v1(&mut old.attrs, text);
                seq.serialize_element(&EdgeObj(s, t, &old))?;
            } else {
                seq.serialize_element(&EdgeObj(s, t, e))?;
            }
        }
        seq.end()
    }
}

/// A node's or edge's object ([`ordered`]) through serde.
fn serialize_object<S: Serializer>(ser: S, fixed: &[(&str, &str)], attrs: &Attrs) -> Result<S::Ok, S::Error> {
    let mut m = ser.serialize_map(None)?;
    for (k, part) in ordered(fixed, attrs) {
        m.serialize_entry(k, &part)?;
    }
    m.end()
}

struct NodeObj<'a>(&'a Node);

impl Serialize for NodeObj<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let fixed = [
            ("id", n.id.as_str()),
            ("kind", n.kind.as_str()),
            ("label", n.label.as_str()),
        ];
        serialize_object(ser, &fixed, &n.attrs)
    }
}

struct EdgeObj<'a>(&'a str, &'a str, &'a Edge);

impl Serialize for EdgeObj<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let e = self.2;
        let fixed = [
            ("source", self.0),
            ("target", self.1),
            ("key", e.key.as_str()),
            ("kind", e.kind.as_str()),
        ];
        serialize_object(ser, &fixed, &e.attrs)
    }
}

/// A node as its object in the JSON.
pub fn node_value(n: &Node) -> Value {
    serde_json::to_value(NodeObj(n)).unwrap_or(Value::Null)
}

/// An edge as its object in the JSON.
pub fn edge_value(source: &str, target: &str, e: &Edge) -> Value {
    serde_json::to_value(EdgeObj(source, target, e)).unwrap_or(Value::Null)
}

/// Reads a graph JSON that [`write`] wrote back into a graph: the same nodes, edges and
/// diagnostics in the same order, so that writing it again gives the same bytes. The error names
/// what is not as the contract has it.
///
/// Each node and edge goes into the graph as it is parsed, its fields moved, not copied: the
/// parsed document is never held whole (a corpus's JSON, parsed, is several times its size on
/// disk). Edges listed before the nodes wait for them.
pub fn read(bytes: &[u8]) -> Result<KnowledgeGraph, String> {
    parse(&mut serde_json::Deserializer::from_slice(bytes))
}

/// [`read`] from a file as it is read: the file's bytes are not held either.
pub fn read_from(file: impl std::io::Read) -> Result<KnowledgeGraph, String> {
    let buffered = std::io::BufReader::with_capacity(1 << 16, file);
    parse(&mut serde_json::Deserializer::from_reader(buffered))
}

fn parse<'de, R: serde_json::de::Read<'de>>(de: &mut serde_json::Deserializer<R>) -> Result<KnowledgeGraph, String> {
    let mut r = Reading::default();
    let parsed = serde::de::DeserializeSeed::deserialize(Top(&mut r), &mut *de).and_then(|()| de.end());
    if let Some(e) = r.error {
        return Err(e);
    }
    if let Err(e) = parsed {
        return Err(match e.classify() {
            // parsed, but not an object
            serde_json::error::Category::Data if !r.graph => {
                "not a policykg graph (no `graph.schema` of `policykg/…`)".to_string()
            }
            _ => format!("not JSON: {e}"),
        });
    }
    if !r.graph {
        return Err("not a policykg graph (no `graph.schema` of `policykg/…`)".into());
    }
    if !r.nodes {
        return Err("no `nodes` list".into());
    }
    match r.waiting.take() {
        Some(edges) => {
            for (i, e) in edges.into_iter().enumerate() {
                r.edge(i, e)?;
            }
        }
        None if !r.edges => return Err("no `edges` list".into()),
        None => {}
    }
    Ok(r.g)
}

/// A graph JSON as it is read.
#[derive(Default)]
struct Reading {
    g: KnowledgeGraph,
    /// Whether the `graph` header, the `nodes` and the `edges` have been read.
    graph: bool,
    nodes: bool,
    edges: bool,
    /// Edges read before the nodes.
    waiting: Option<Vec<Field>>,
    /// The edges read so far.
    edge_count: usize,
    /// What is wrong, which stopped the parse.
    error: Option<String>,
    /// Each document's name as one shared string and as a shared list of it, for the fields
    /// that name a document: held as a build holds them (see [`Reading::compact`]).
    names: foldhash::HashMap<String, (Field, Field)>,
    /// The strings many fields repeat, each held once: the keys of edges other than relations
    /// (`mentions`, `cites:2`, a document's `co_mention:NAME`) and the values of the fields named
    /// in [`Reading::compact`], as a build shares them.
    words: hashbrown::HashSet<Str, foldhash::fast::RandomState>,
}

impl Reading {
    /// Takes the `graph` header: the schema, the documents and the diagnostics.
    fn header(&mut self, v: &Field) -> Result<(), String> {
        fn at<'v>(v: &'v Field, key: &str) -> &'v Field {
            v.get(key).unwrap_or(&Field::Null)
        }
        let schema = at(v, "schema").as_str().unwrap_or("");
        if !schema.starts_with("policykg/") {
            return Err("not a policykg graph (no `graph.schema` of `policykg/…`)".into());
        }
        let g = &mut self.g;
        g.schema = Schema::parse(schema)
            .ok_or_else(|| format!("unknown schema `{schema}` (known: policykg/1, policykg/2)"))?;
        g.documents = at(v, "documents")
            .as_array()
            .map(|a| a.iter().filter_map(Field::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        for d in &g.documents {
            let name = Field::from(Str::from(d.as_str()));
            let list = Field::shared([name.clone()]);
            self.names.insert(d.clone(), (name, list));
        }
        for d in at(v, "diagnostics").as_array().into_iter().flatten() {
            let num = |k: &str| at(d, k).as_u64().and_then(|n| u32::try_from(n).ok());
            let Some(code) = at(d, "code").as_str().and_then(Code::parse) else {
                return Err(format!("unknown diagnostic code {}", at(d, "code")));
            };
            g.diagnostics.push(Located {
                code,
                severity: Severity::Warning,
                document: at(d, "document").as_str().unwrap_or("").to_string(),
                line: num("line").unwrap_or(0),
                column: num("column").unwrap_or(0),
                note: num("note"),
                message: at(d, "message").as_str().unwrap_or("").to_string(),
            });
        }
        self.graph = true;
        Ok(())
    }

    /// Adds the `i`th node.
    fn node(&mut self, i: usize, n: Field) -> Result<(), String> {
        let Field::Object(o) = n else {
            return Err(format!("node {i} is not an object"));
        };
        let ([id, kind, label], mut attrs) = fields(o, ["id", "kind", "label"]);
        self.compact(&mut attrs);
        let kind = kind
            .as_str()
            .and_then(NodeKind::parse)
            .ok_or_else(|| format!("node {i}: unknown kind {kind}"))?;
        let Field::String(id) = id else {
            return Err(format!("node {i} has no id"));
        };
        let label = match label {
            // (a sentence's label is its text, one string as in a build)
            Field::String(l) => match attrs.get("text") {
                Some(Field::String(text)) if *text == *l => text.clone(),
                _ => l,
            },
            _ => Str::default(),
        };
        self.g.add_node(Node { id, kind, label, attrs });
        Ok(())
    }

    /// Adds the `i`th edge.
    fn edge(&mut self, i: usize, e: Field) -> Result<(), String> {
        let Field::Object(o) = e else {
            return Err(format!("edge {i} is not an object"));
        };
        let ([s, t, key, kind], mut attrs) = fields(o, ["source", "target", "key", "kind"]);
        self.compact(&mut attrs);
        let kind = kind
            .as_str()
            .and_then(EdgeKind::parse)
            .ok_or_else(|| format!("edge {i}: unknown kind {kind}"))?;
        let (Some(s), Some(t)) = (s.as_str(), t.as_str()) else {
            return Err(format!("edge {i} has no source or target"));
        };
        let key = match key {
            // (a relation's key is its own; the others' repeat)
            Field::String(k) if matches!(kind, EdgeKind::Relation | EdgeKind::PartyTo) => k,
            Field::String(k) => self.words.get_or_insert(k).clone(),
            _ => Str::default(),
        };
        if !self.g.add_edge(s, t, Edge { kind, key, attrs }) {
            return Err(format!("edge {i} joins a node the graph does not have"));
        }
        Ok(())
    }

    /// Holds a node's or an edge's fields as a build holds them, where the JSON gives each its
    /// own copy: a span as [`Field::Span`], a document's name in `document` as the one shared
    /// string and in `documents` as the one shared list (a corpus's fields name their document
    /// a million times). Each is equal to what it replaces and written as it, so a graph read
    /// is written back byte for byte; `query` on a large `corpus.json` holds a sixth less. The
    /// few words a kind's field takes (a rule, a relation's family and predicate, an entity's
    /// type) are each one string, and a relation's `sentence` is the string of its node's id.
    fn compact(&mut self, attrs: &mut Attrs) {
        let (names, words, g) = (&self.names, &mut self.words, &self.g);
        for (k, v) in attrs.iter_mut() {
            let shared = |v: &Field| names.get(v.as_str()?);
            match k {
                "rule" | "family" | "predicate" | "type" => {
                    if let Field::String(s) = v {
                        *v = Field::String(words.get_or_insert(std::mem::take(s)).clone());
                    }
                }
                "sentence" => {
                    if let Some(n) = v.as_str().and_then(|id| g.node(id)) {
                        *v = Field::String(n.id.clone());
                    }
                }
                "span" | "evidence_span" => {
                    if let Some((a, b)) = v.as_span() {
                        *v = Field::span(a, b);
                    }
                }
                "document" => {
                    if let Some((name, _)) = shared(v) {
                        *v = name.clone();
                    }
                }
                "documents" => {
                    if let Some([one]) = v.as_array() {
                        if let Some((_, list)) = shared(one) {
                            *v = list.clone();
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Keeps what is wrong, and gives the error that stops the parse.
    fn fail<E: serde::de::Error>(&mut self, e: String) -> E {
        self.error.get_or_insert(e);
        E::custom("stopped")
    }
}

/// The whole document: its fields in any order.
struct Top<'r>(&'r mut Reading);

/// The `nodes` or the `edges` list.
struct List<'r> {
    r: &'r mut Reading,
    edges: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for Top<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Top<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a graph JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let r = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "graph" => {
                    let v: Field = map.next_value()?;
                    if let Err(e) = r.header(&v) {
                        return Err(r.fail(e));
                    }
                }
                "nodes" | "edges" => {
                    let edges = key == "edges";
                    map.next_value_seed(List { r: &mut *r, edges })?;
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for List<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // (any value: one that is not a list is refused by name, below)
        d.deserialize_any(self)
    }
}

impl List<'_> {
    /// The list is something else.
    fn not_list<E: serde::de::Error>(self) -> Result<(), E> {
        let key = if self.edges { "edges" } else { "nodes" };
        Err(self.r.fail(format!("no `{key}` list")))
    }
}

impl<'de> serde::de::Visitor<'de> for List<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.not_list()
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.not_list()
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.not_list()
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.not_list()
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.not_list()
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.not_list()
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.not_list()
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let r = self.r;
        if !self.edges {
            let mut i = 0;
            while let Some(n) = seq.next_element::<Field>()? {
                if let Err(e) = r.node(i, n) {
                    return Err(r.fail(e));
                }
                i += 1;
            }
            r.nodes = true;
            return Ok(());
        }
        while let Some(e) = seq.next_element::<Field>()? {
            if !r.nodes {
                r.waiting.get_or_insert_with(Vec::new).push(e);
                continue;
            }
            let i = r.edge_count;
            r.edge_count += 1;
            if let Err(e) = r.edge(i, e) {
                return Err(r.fail(e));
            }
        }
        r.edges = true;
        Ok(())
    }
}

/// An object's fields named in `fixed` (null where missing), and the others in their order.
fn fields<const N: usize>(o: thin_vec::ThinVec<(Key, Field)>, fixed: [&str; N]) -> ([Field; N], Attrs) {
    let mut found: [Field; N] = std::array::from_fn(|_| Field::Null);
    let mut attrs = Attrs::new();
    for (k, v) in o {
        match fixed.iter().position(|f| k == *f) {
            Some(at) => {
                if let Some(slot) = found.get_mut(at) {
                    *slot = v;
                }
            }
            None => {
                // (an object's names are distinct once read: see `Value`'s reading)
                attrs.push(k, v);
            }
        }
    }
    (found, attrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A number is read back as the number written: serde_json's fast float parser (without its
    /// `float_roundtrip` feature) read `4.9999999999999995e+90` as another float, so a graph read
    /// and written again changed (found by the `graph` fuzz target).
    #[test]
    fn numbers_read_back_as_written() {
        let text = r#"{"directed": true, "multigraph": true,
            "graph": {"schema": "policykg/2", "documents": ["d"], "diagnostics": []},
            "nodes": [{"id": "d", "kind": "document", "label": "d",
                       "x": [4.9999999999999995e+90, 0.1, 1e-300, 123.456, 2.5e-8]}],
            "edges": []}"#;
        let once = write(&read(text.as_bytes()).unwrap_or_default());
        assert!(String::from_utf8_lossy(&once).contains("4.9999999999999995e+90"));
        assert_eq!(write(&read(&once).unwrap_or_default()), once);
    }

    #[test]
    fn reading_what_was_written_gives_the_same_bytes() {
        let text = "A Memo\n\nIntro\n\nThe United States imposed tariffs on China.¹ Ibid. it rose.²\n\n\
                    ¹ Jane Doe, “Tariffs,” *Daily News*, May 1, 2024, <https://example.org/t>.\n\n² Ibid., 4.\n\n\
                    ³ A note nothing cites.\n";
        let g = crate::build_text("memo", "memo.md", text);
        assert!(!g.diagnostics.is_empty() && g.edge_count() > 0);
        let bytes = write(&g);
        let back = read(&bytes).unwrap_or_default();
        assert_eq!(write(&back), bytes);
        assert!(read(b"{}").is_err());
        assert!(
            read(br#"{"graph": {"schema": "policykg/1"}, "nodes": [{"id": "x", "kind": "planet"}], "edges": []}"#)
                .is_err()
        );
    }

    /// A corpus read back holds its spans inline and each document's name once, as the build
    /// held them, is equal to the graph built and is written back byte for byte; what only
    /// looks like a span or a document's name is left as it is.
    #[test]
    fn a_corpus_is_read_as_compact_as_it_was_built() {
        let text = "A Memo\n\nThe United States imposed tariffs on China.¹ India signed the accord.²\n\n\
                    ¹ Jane Doe, “Tariffs,” *Daily News*, 2024.\n\n² Ibid., 4.\n";
        let mut g = KnowledgeGraph::merge(&[
            crate::build_text("a", "a.md", text),
            crate::build_text("b", "b.md", text),
        ]);
        let mut odd = Attrs::new();
        odd.insert("span", Field::from(serde_json::json!([1, 2, 3])));
        odd.insert("document", "c");
        odd.insert("documents", Field::from(serde_json::json!(["a", "b"])));
        let id = Str::from("odd");
        let (kind, label) = (NodeKind::Document, Str::default());
        g.add_node(Node {
            id,
            kind,
            label,
            attrs: odd,
        });
        let bytes = write(&g);
        let back = read(&bytes).unwrap_or_default();
        assert_eq!(write(&back), bytes);
        let claims: Vec<&Node> = back.nodes().filter(|n| n.kind == NodeKind::Claim).collect();
        assert!(claims.len() >= 4);
        for n in &claims {
            assert!(matches!(n.attrs.get("span"), Some(Field::Span(..))), "{n:?}");
            assert!(matches!(n.attrs.get("document"), Some(Field::String(_))));
            assert!(matches!(n.attrs.get("documents"), Some(Field::Shared(_))));
            assert_eq!(Some(*n), g.node(&n.id));
        }
        let list = |n: &Node| match n.attrs.get("documents") {
            Some(Field::Shared(l)) => Some(l.clone()),
            _ => None,
        };
        let (a, b): (Vec<&&Node>, Vec<&&Node>) = claims.iter().partition(|n| n.id.contains(":a:"));
        // one document's name: one string, which no other document's nodes hold
        let name = |n: &Node| match n.attrs.get("document") {
            Some(Field::String(s)) => Some(s.clone()),
            _ => None,
        };
        let (Some(x), Some(y)) = (a.first().and_then(|n| name(n)), a.get(1).and_then(|n| name(n))) else {
            panic!("no names");
        };
        assert!(Str::ptr_eq(&x, &y));
        assert!(b.iter().all(|n| name(n).is_some_and(|z| !Str::ptr_eq(&z, &x))));
        let (Some(a0), Some(a1)) = (a.first().and_then(|n| list(n)), a.get(1).and_then(|n| list(n))) else {
            panic!("no shared lists");
        };
        assert!(std::sync::Arc::ptr_eq(&a0, &a1));
        assert!(b
            .iter()
            .all(|n| list(n).is_some_and(|l| !std::sync::Arc::ptr_eq(&l, &a0))));
        let odd = back.node("odd").map(|n| &n.attrs);
        assert!(matches!(odd.and_then(|a| a.get("span")), Some(Field::Array(_))));
        // a name no document has is its own string
        let own = odd.and_then(|a| a.get("document"));
        assert!(matches!(own, Some(Field::String(s)) if s.as_str() == "c" && !Str::ptr_eq(s, &x)));
        assert!(matches!(odd.and_then(|a| a.get("documents")), Some(Field::Array(_))));
        // what a build shares, a graph read shares: a short claim's label and text, a relation's
        // sentence and that node's id, the keys edges repeat, a relation's rule
        let string = |v: Option<&Field>| match v {
            Some(Field::String(s)) => Some(s.clone()),
            _ => None,
        };
        for n in &claims {
            let text = string(n.attrs.get("text"));
            assert!(text.is_some_and(|t| Str::ptr_eq(&t, &n.label)), "{n:?}");
        }
        let of = |kind: EdgeKind| back.edges().filter(move |(_, _, e)| e.kind == kind).map(|(_, _, e)| e);
        let relations: Vec<&Edge> = of(EdgeKind::Relation).collect();
        assert!(relations.len() >= 2, "{relations:?}");
        for e in &relations {
            let sentence = string(e.attrs.get("sentence"));
            let node = sentence.as_ref().and_then(|id| back.node(id));
            assert!(node.is_some_and(|n| sentence.is_some_and(|s| Str::ptr_eq(&s, &n.id))));
        }
        let rules: Vec<Str> = relations.iter().filter_map(|e| string(e.attrs.get("rule"))).collect();
        assert!(rules
            .iter()
            .all(|r| rules.iter().all(|q| *q != *r || Str::ptr_eq(q, r))));
        let keys: Vec<&Str> = of(EdgeKind::Mentions).map(|e| &e.key).collect();
        assert!(keys.len() >= 4 && keys.iter().all(|k| keys.first().is_some_and(|f| Str::ptr_eq(f, k))));
    }

    #[test]
    fn streamed_equals_value() {
        let g = KnowledgeGraph::default();
        let mut want = serde_json::to_vec_pretty(&value(&g)).unwrap_or_default();
        want.push(b'\n');
        assert_eq!(write(&g), want);
    }

    /// The graph JSON written directly is what serde_json pretty-prints: on the seed's graph
    /// (every kind of node and edge, diagnostics, nested footnotes) and on a graph whose names
    /// and fields hold escaped characters, empty lists and objects, and nested numbers.
    #[test]
    fn written_as_serde_json_pretty_prints() {
        let serde = |g: &KnowledgeGraph| {
            let mut want = serde_json::to_vec_pretty(&Streamed::new(g)).unwrap_or_default();
            want.push(b'\n');
            want
        };
        let seed = include_str!("../../seeds/india-us-defense-relations.md");
        let g = crate::build_text("seed", "seed.md", seed);
        assert!(g.node_count() > 100 && !g.diagnostics.is_empty());
        assert_eq!(write(&g), serde(&g));
        let text = r#"{"directed": true, "multigraph": true,
            "graph": {"schema": "policykg/2", "documents": ["d\u0001\"q\""], "diagnostics": []},
            "nodes": [{"id": "d\\", "kind": "document", "label": "a\tb\u001fc\u007f\u00e9",
                       "x": [], "y": {}, "z": [{"a": [1, -2, 0.5]}], "kind ": null}],
            "edges": [{"source": "d\\", "target": "d\\", "key": "k\n", "kind": "mentions",
                       "source ": true}]}"#;
        let mut g = read(text.as_bytes()).unwrap_or_default();
        assert_eq!(g.edge_count(), 1);
        assert_eq!(write(&g), serde(&g));
        // a field named as a fixed one replaces its value in place
        if let Some(n) = g.node_mut("d\\") {
            n.attrs.insert("label", Field::from("another"));
            n.attrs.insert("id", Field::from(3u64));
        }
        let bytes = write(&g);
        assert!(String::from_utf8_lossy(&bytes).contains(r#""id": 3,"#));
        assert_eq!(bytes, serde(&g));
        assert_eq!(write(&KnowledgeGraph::default()), serde(&KnowledgeGraph::default()));
    }

    /// A graph JSON not as the contract has it is refused with what is wrong, node or edge by
    /// its position; one that is reads back with its fields in their order.
    #[test]
    fn read_names_what_is_wrong() {
        let head = r#"{"graph": {"schema": "policykg/2", "documents": ["d"]}, "#;
        let node = r#"{"id": "a", "kind": "actor", "label": "A", "z": 1, "b": [2]}"#;
        for (body, error) in [
            (r#""edges": []}"#.to_string(), "no `nodes` list"),
            (format!(r#""nodes": [{node}]}}"#), "no `edges` list"),
            (r#""nodes": [3], "edges": []}"#.to_string(), "node 0 is not an object"),
            (
                r#""nodes": [{"id": "a", "kind": "x"}], "edges": []}"#.to_string(),
                r#"node 0: unknown kind "x""#,
            ),
            (
                r#""nodes": [{"kind": "actor"}], "edges": []}"#.to_string(),
                "node 0 has no id",
            ),
            (
                format!(r#""nodes": [{node}], "edges": [{{"source": "a", "kind": "mentions"}}]}}"#),
                "edge 0 has no source or target",
            ),
            (
                format!(r#""nodes": [{node}], "edges": [{{"source": "a", "target": "b", "kind": "mentions"}}]}}"#),
                "edge 0 joins a node the graph does not have",
            ),
            (
                format!(r#""nodes": [{node}], "edges": [{{"source": "a", "target": "a"}}]}}"#),
                "edge 0: unknown kind null",
            ),
            (r#""nodes": 3, "edges": []}"#.to_string(), "no `nodes` list"),
            (r#""nodes": {"a": 1}, "edges": []}"#.to_string(), "no `nodes` list"),
            (r#""nodes": [], "edges": null}"#.to_string(), "no `edges` list"),
            (
                format!(r#""edges": [{{"source": "a", "target": "b", "kind": "mentions"}}], "nodes": [{node}]}}"#),
                "edge 0 joins a node the graph does not have",
            ),
        ] {
            assert_eq!(
                read(format!("{head}{body}").as_bytes()).err().as_deref(),
                Some(error),
                "{body}"
            );
        }
        let g = read(format!(r#"{head}"nodes": [{node}], "edges": []}}"#).as_bytes()).unwrap_or_default();
        let a = g.node("a").cloned().unwrap_or_else(|| Node {
            id: Str::default(),
            kind: NodeKind::Actor,
            label: Str::default(),
            attrs: Attrs::new(),
        });
        assert_eq!((a.kind, a.label.as_str()), (NodeKind::Actor, "A"));
        assert_eq!(a.attrs.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["z", "b"]);
        // read as it is parsed: edges before the nodes wait for them; the document must be whole
        let edge = r#"{"source": "a", "target": "a", "key": "k", "kind": "mentions"}"#;
        let late = read(format!(r#"{head}"edges": [{edge}], "nodes": [{node}]}}"#).as_bytes());
        assert_eq!(late.map(|g| g.edge_count()), Ok(1));
        let cut = read(format!(r#"{head}"nodes": [{node}, {{"id": "b""#).as_bytes());
        assert!(cut.err().is_some_and(|e| e.starts_with("not JSON: EOF")));
        let whole = format!(r#"{head}"nodes": [{node}], "edges": [{edge}]}}"#);
        let more = read(format!("{whole} x").as_bytes());
        assert!(more
            .err()
            .is_some_and(|e| e.starts_with("not JSON: trailing characters")));
        let from_file = read_from(whole.as_bytes()).map(|g| write(&g));
        assert_eq!(from_file, read(whole.as_bytes()).map(|g| write(&g)));
        assert!(from_file.is_ok());
        for other in ["[]", "3", "null", r#""x""#] {
            let e = read(other.as_bytes()).err();
            assert_eq!(
                e.as_deref(),
                Some("not a policykg graph (no `graph.schema` of `policykg/…`)"),
                "{other}"
            );
        }
    }
}
