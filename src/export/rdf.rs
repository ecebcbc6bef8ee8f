//! RDF as Turtle, serialised by oxttl from oxrdf terms (never by hand).
//!
//! Takes a [`KnowledgeGraph`]; gives Turtle under two namespaces of ours:
//!
//! - `https://policykg.org/id/` + the percent-encoded stable id ([`escape::iri_segment`]) names
//!   every node (`pkgid:claim:india-us-defense-relations:1692`), and
//!   `https://policykg.org/id/edge/SOURCE/KEY/TARGET` every edge;
//! - `https://policykg.org/ns#` (prefix `pkg:`) holds our terms: a class per node kind in
//!   PascalCase (`pkg:Claim`, `pkg:Source`, ...), a property per edge kind (`pkg:cites`,
//!   `pkg:mentions`, ...) and per attribute name (`pkg:footnote`, `pkg:predicate`, ...).
//!
//! Reused vocabularies: `rdfs:label` for the label, `dcterms:identifier` for the stable id,
//! `dcterms:title`, `dcterms:issued` (a source's `date`), `schema:author` (each author's display
//! string), `schema:text`, `schema:url` (the URL exactly as printed, as a string: schema.org's
//! URL is a kind of Text, and printed URLs are not always valid IRIs), `bibo:doi`, and
//! `prov:wasDerivedFrom` for claim → source besides `pkg:cites`. Claims are also
//! `schema:Claim`, sources and documents `schema:CreativeWork`.
//!
//! Attributes are read generically: a string equal to a node's id (`document`) becomes a link
//! to that node; integers, floats and booleans are typed literals; `date` and `accessed` are
//! `xsd:date`, `xsd:gYearMonth` or `xsd:gYear` after their precision; a list gives one triple
//! per item (order is in the JSON export); an object (a source's `footnotes` item) is a blank
//! node with its own attributes; nulls are left out. Every edge is a direct triple
//! `SOURCE pkg:KIND TARGET` and, to carry its attributes, a node of class `pkg:KIND` in
//! PascalCase (`pkg:Cites`) with `pkg:source`, `pkg:target`, `pkg:key` and the attributes.

use super::escape;
use super::vocab::{class, edge_class};
use super::Sink;
use crate::graph::Attrs;
use crate::graph::EdgeKind;
use crate::graph::KnowledgeGraph;
use crate::graph::Value;
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleSerializer;
use std::collections::HashSet;

pub const NS: &str = "https://policykg.org/ns#";
pub const ID: &str = "https://policykg.org/id/";
const SCHEMA: &str = "https://schema.org/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const PROV: &str = "http://www.w3.org/ns/prov#";
const BIBO: &str = "http://purl.org/ontology/bibo/";

fn iri(s: String) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// The IRI of a node id.
pub fn node_iri(id: &str) -> NamedNode {
    iri(format!("{ID}{}", escape::iri_segment(id)))
}

/// Our term for a name: ASCII letters, digits and `_` (others as `_`).
fn term(name: &str) -> NamedNode {
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' })
        .collect();
    iri(format!("{NS}{clean}"))
}

/// The predicate for an attribute name: a reused vocabulary's where one fits, else ours.
fn predicate(name: &str) -> NamedNode {
    match name {
        "title" => iri(format!("{DCTERMS}title")),
        "date" => iri(format!("{DCTERMS}issued")),
        "authors" => iri(format!("{SCHEMA}author")),
        "text" => iri(format!("{SCHEMA}text")),
        "url" | "urls" => iri(format!("{SCHEMA}url")),
        "doi" => iri(format!("{BIBO}doi")),
        other => term(other),
    }
}

/// `2025`, `2025-08`, `2025-08-07` as xsd:gYear, xsd:gYearMonth, xsd:date; else a string.
fn date_literal(s: &str) -> Literal {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let dash = |i: usize| b.get(i) == Some(&b'-');
    let ty = match b.len() {
        4 if digits(0..4) => Some(xsd::G_YEAR),
        7 if digits(0..4) && dash(4) && digits(5..7) => Some(xsd::G_YEAR_MONTH),
        10 if digits(0..4) && dash(4) && digits(5..7) && dash(7) && digits(8..10) => Some(xsd::DATE),
        _ => None,
    };
    match ty {
        Some(t) => Literal::new_typed_literal(s, t),
        None => Literal::new_simple_literal(s),
    }
}

/// Where the triples go, one by one, in order.
struct Out<'g, F: FnMut(Triple)> {
    emit: F,
    ids: HashSet<&'g str>,
    blank: usize,
}

impl<F: FnMut(Triple)> Out<'_, F> {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        (self.emit)(Triple::new(s, p, o));
    }

    /// The triples of one attribute.
    fn value(&mut self, s: &NamedOrBlankNode, name: &str, v: &Value) {
        let p = predicate(name);
        match v {
            Value::Null => {}
            Value::Bool(b) => self.add(s.clone(), p, Literal::from(*b)),
            Value::Number(n) => {
                let lit = if let Some(i) = n.as_i64() {
                    Literal::from(i)
                } else if let Some(u) = n.as_u64() {
                    Literal::new_typed_literal(u.to_string(), xsd::INTEGER)
                } else {
                    Literal::from(n.as_f64().unwrap_or_default())
                };
                self.add(s.clone(), p, lit);
            }
            Value::String(text) if self.ids.contains(text.as_str()) && name != "label" => {
                self.add(s.clone(), p, node_iri(text));
            }
            Value::String(text) if name == "date" || name == "accessed" => {
                self.add(s.clone(), p, date_literal(text));
            }
            Value::String(text) => self.add(s.clone(), p, Literal::new_simple_literal(text.as_str())),
            Value::Array(_) | Value::Span(..) | Value::Shared(_) => {
                for item in v.items().unwrap_or_default().iter() {
                    self.value(s, name, item);
                }
            }
            Value::Object(m) => {
                let b = BlankNode::new_unchecked(format!("b{}", self.blank));
                self.blank += 1;
                self.add(s.clone(), p, b.clone());
                let bs = NamedOrBlankNode::from(b);
                for (k, v) in m {
                    self.value(&bs, k, v);
                }
            }
        }
    }

    fn attrs(&mut self, s: &NamedOrBlankNode, m: &Attrs) {
        for (k, v) in m {
            self.value(s, k, v);
        }
    }
}

/// The extra class a node kind has in a reused vocabulary.
fn extra_class(kind: &str) -> Option<NamedNode> {
    match kind {
        "claim" => Some(iri(format!("{SCHEMA}Claim"))),
        "source" | "document" => Some(iri(format!("{SCHEMA}CreativeWork"))),
        _ => None,
    }
}

/// The exporter: `NAME.ttl`, streamed.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.ttl"), &|w| write_to(g, w))
}

/// The prefixes of the Turtle file, which `policykg query GRAPH sparql` declares too.
pub const PREFIXES: [(&str, &str); 8] = [
    ("pkg", NS),
    ("pkgid", ID),
    ("schema", SCHEMA),
    ("dcterms", DCTERMS),
    ("prov", PROV),
    ("bibo", BIBO),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    match write_to(g, &mut out) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// [`write`] into `w`, triple by triple as they are made: the triples of a corpus are never all
/// in memory.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let ser = PREFIXES
        .iter()
        .try_fold(TurtleSerializer::new(), |s, (p, i)| s.with_prefix(*p, *i))
        .map_err(std::io::Error::other)?;
    let mut w = ser.for_writer(std::io::BufWriter::with_capacity(1 << 16, w));
    let mut written = Ok(());
    each_triple(g, |t| {
        if written.is_ok() {
            written = w.serialize_triple(&t);
        }
    });
    written?;
    std::io::Write::flush(&mut w.finish()?)
}

/// Each triple of the graph to `emit`, in the order the Turtle file gives them.
pub(crate) fn each_triple(g: &KnowledgeGraph, emit: impl FnMut(Triple)) {
    let mut out = Out {
        emit,
        ids: g.nodes().map(|n| n.id.as_str()).collect(),
        blank: 0,
    };
    for n in g.nodes() {
        let s = NamedOrBlankNode::from(node_iri(&n.id));
        out.add(s.clone(), rdf::TYPE.into_owned(), term(class(n.kind)));
        if let Some(c) = extra_class(n.kind.as_str()) {
            out.add(s.clone(), rdf::TYPE.into_owned(), c);
        }
        out.add(
            s.clone(),
            iri(format!("{DCTERMS}identifier")),
            Literal::new_simple_literal(n.id.as_str()),
        );
        out.add(
            s.clone(),
            rdfs::LABEL.into_owned(),
            Literal::new_simple_literal(n.label.as_str()),
        );
        out.attrs(&s, &n.attrs);
    }
    for (src, dst, e) in g.edges() {
        let (a, b) = (node_iri(src), node_iri(dst));
        out.add(a.clone(), term(e.kind.as_str()), b.clone());
        if e.kind == EdgeKind::Cites {
            out.add(a.clone(), iri(format!("{PROV}wasDerivedFrom")), b.clone());
        }
        let edge = iri(format!(
            "{ID}edge/{}/{}/{}",
            escape::iri_segment(src),
            escape::iri_segment(&e.key),
            escape::iri_segment(dst)
        ));
        let es = NamedOrBlankNode::from(edge);
        out.add(es.clone(), rdf::TYPE.into_owned(), term(edge_class(e.kind)));
        out.add(es.clone(), term("source"), a);
        out.add(es.clone(), term("target"), b);
        out.add(es.clone(), term("key"), Literal::new_simple_literal(e.key.as_str()));
        out.attrs(&es, &e.attrs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date_literal("2025").datatype(), xsd::G_YEAR);
        assert_eq!(date_literal("2025-08").datatype(), xsd::G_YEAR_MONTH);
        assert_eq!(date_literal("2025-08-07").datatype(), xsd::DATE);
        assert_eq!(date_literal("May 2025").datatype(), xsd::STRING);
    }

    #[test]
    fn iris_are_valid() {
        for id in ["claim:doc:1", "source:url:a.org/x?y=\"1\" z", "actor:中文"] {
            assert!(NamedNode::new(node_iri(id).into_string()).is_ok(), "{id}");
        }
    }
}
