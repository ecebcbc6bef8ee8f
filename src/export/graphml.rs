//! GraphML for Gephi, yEd, NetworkX (`read_graphml`) and igraph.
//!
//! Takes a [`KnowledgeGraph`]; gives one directed GraphML document written with quick-xml's
//! writer. Every attribute any node or edge carries gets a declared `<key>` (ids `n_NAME` for
//! nodes, `e_NAME` for edges, `g_NAME` for the graph) with `attr.name` = the attribute's name and
//! `attr.type` from the values it holds across the whole graph: `boolean`, `int` (all integers
//! within 32 bits), `long`, `double`, else `string`. Attributes are read generically, so a new
//! node or edge kind needs no change here.
//!
//! Values: a null attribute is left out (GraphML has no null); a list or an object (`authors`,
//! `span`, `footnotes`, ...) is written as its compact JSON text, e.g. `["Ashley J. Tellis"]` or
//! `[{"document":"india-us-defense-relations","n":12,"span":[1,9]}]`, so `json.loads` gives it
//! back exactly. XML 1.0 cannot hold most C0 control characters even as references, so
//! [`escape::xml`] drops them (tab, line feed and carriage return are kept). A key that holds both numbers and strings across the graph is a `string` key,
//! and its numbers are written as their JSON text.
//!
//! Every node has `kind` and `label`; every edge has an `id` (`e0`, `e1`, ... in edge order),
//! `kind` and `key` (the policykg edge key, unique per source and target). The graph carries
//! `schema`, `documents` and `diagnostics` (JSON text).

use super::escape;
use super::vocab::{columns, Scalar as Ty};
use super::Sink;
use crate::graph::Value;
use crate::graph::{Attrs, Edge, KnowledgeGraph, Node};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write as _;

/// Attribute name → type, over every map given, in name order.
fn keys<'a, M: IntoIterator<Item = (&'a str, &'a Value)>>(maps: impl Iterator<Item = M>) -> BTreeMap<String, Ty> {
    columns(maps, Ty::of, Ty::join)
}

/// A key id: `PREFIX_NAME` with anything outside `[A-Za-z0-9_.-]` as `_` (the key's real name is
/// in `attr.name`).
fn key_id(prefix: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}_{clean}")
}

/// The text of a value under a key of type `ty`.
fn text(v: &Value, ty: Ty) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.to_string()),
        Value::Bool(b) if ty == Ty::Bool => Some(b.to_string()),
        Value::Number(n) if ty != Ty::Str => Some(n.to_string()),
        other => Some(serde_json::to_string(other).unwrap_or_default()),
    }
}

fn attr<'a>(name: &'a str, value: &str) -> Attribute<'a> {
    Attribute {
        key: QName(name.as_bytes()),
        value: Cow::Owned(escape::xml(value).into_bytes()),
    }
}

struct Out<W: std::io::Write> {
    w: Writer<W>,
}

impl<W: std::io::Write> Out<W> {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> std::io::Result<()> {
        let mut el = BytesStart::new(name);
        for (k, v) in attrs {
            el.push_attribute(attr(k, v));
        }
        self.w.write_event(Event::Start(el))
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> std::io::Result<()> {
        let mut el = BytesStart::new(name);
        for (k, v) in attrs {
            el.push_attribute(attr(k, v));
        }
        self.w.write_event(Event::Empty(el))
    }

    fn end(&mut self, name: &str) -> std::io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    fn data(&mut self, key: &str, value: &str) -> std::io::Result<()> {
        self.start("data", &[("key", key)])?;
        self.w
            .write_event(Event::Text(BytesText::from_escaped(escape::xml(value))))?;
        self.end("data")
    }

    fn declare(&mut self, prefix: &str, domain: &str, keys: &BTreeMap<String, Ty>) -> std::io::Result<()> {
        for (name, ty) in keys {
            let id = key_id(prefix, name);
            self.empty(
                "key",
                &[
                    ("id", &id),
                    ("for", domain),
                    ("attr.name", name),
                    ("attr.type", ty.graphml()),
                ],
            )?;
        }
        Ok(())
    }

    fn attrs<'a>(
        &mut self,
        prefix: &str,
        keys: &BTreeMap<String, Ty>,
        m: impl IntoIterator<Item = (&'a str, &'a Value)>,
    ) -> std::io::Result<()> {
        for (name, v) in m {
            let Some(ty) = keys.get(name) else { continue };
            if let Some(t) = text(v, *ty) {
                self.data(&key_id(prefix, name), &t)?;
            }
        }
        Ok(())
    }
}

/// A node's fields as GraphML sees them: `kind`, `label`, then the attributes, each name once
/// (its first value).
fn node_fields<'a>(n: &'a Node, kind: &'a Value, label: &'a Value) -> impl Iterator<Item = (&'a str, &'a Value)> {
    once_each([("kind", kind), ("label", label)].into_iter().chain(n.attrs.iter()))
}

/// An edge's fields: `kind`, `key`, then the attributes, each name once (its first value).
fn edge_fields<'a>(e: &'a Edge, kind: &'a Value, key: &'a Value) -> impl Iterator<Item = (&'a str, &'a Value)> {
    once_each([("kind", kind), ("key", key)].into_iter().chain(e.attrs.iter()))
}

/// The fields whose name has not come before: a field a caller of the library set under the name
/// of one written first (`kind`, `label`, `key`) does not repeat it.
fn once_each<'a>(fields: impl Iterator<Item = (&'a str, &'a Value)>) -> impl Iterator<Item = (&'a str, &'a Value)> {
    let mut seen: Vec<&str> = Vec::new();
    fields.filter(move |(k, _)| {
        let new = !seen.contains(k);
        seen.push(k);
        new
    })
}

/// The exporter: `NAME.graphml`, streamed.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.graphml"), &|w| write_to(g, w))
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    super::in_memory(&|w| write_to(g, w))
}

/// [`write`] into `w`, read from the graph as it is written: no copy of its fields.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut graph_attrs = Attrs::new();
    graph_attrs.insert("schema", Value::from(g.schema.as_str()));
    graph_attrs.insert("documents", Value::from(g.documents.clone()));
    graph_attrs.insert(
        "diagnostics",
        serde_json::to_value(&g.diagnostics).map_or(Value::Null, Value::from),
    );
    // a kind, label or key is a string: its key is a string key
    let string = Value::from("");
    let node_keys = keys(g.nodes().map(|n| node_fields(n, &string, &string)));
    let edge_keys = keys(g.edges().map(|(_, _, e)| edge_fields(e, &string, &string)));
    let graph_keys = keys(std::iter::once(&graph_attrs));

    let mut out = Out {
        w: Writer::new_with_indent(std::io::BufWriter::with_capacity(1 << 16, w), b' ', 2),
    };
    out.w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    out.start(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    out.declare("g", "graph", &graph_keys)?;
    out.declare("n", "node", &node_keys)?;
    out.declare("e", "edge", &edge_keys)?;
    let name = g.documents.join("+");
    out.start("graph", &[("id", &name), ("edgedefault", "directed")])?;
    out.attrs("g", &graph_keys, &graph_attrs)?;
    for n in g.nodes() {
        let (kind, label) = (Value::from(n.kind.as_str()), Value::from(n.label.as_str()));
        out.start("node", &[("id", &n.id)])?;
        out.attrs("n", &node_keys, node_fields(n, &kind, &label))?;
        out.end("node")?;
    }
    for (i, (s, t, e)) in g.edges().enumerate() {
        let (kind, key) = (Value::from(e.kind.as_str()), Value::from(e.key.clone()));
        let id = format!("e{i}");
        out.start("edge", &[("id", &id), ("source", s), ("target", t)])?;
        out.attrs("e", &edge_keys, edge_fields(e, &kind, &key))?;
        out.end("edge")?;
    }
    out.end("graph")?;
    out.end("graphml")?;
    let mut w = out.w.into_inner();
    w.write_all(b"\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_as_text() {
        assert_eq!(
            text(&Value::from(json!([1, "a"])), Ty::Str).as_deref(),
            Some(r#"[1,"a"]"#)
        );
        assert_eq!(text(&Value::from(json!(3)), Ty::Str).as_deref(), Some("3"));
        assert_eq!(text(&Value::from(json!(true)), Ty::Bool).as_deref(), Some("true"));
        assert_eq!(text(&Value::from(json!(null)), Ty::Str), None);
        assert_eq!(key_id("n", "a b:c"), "n_a_b_c");
    }
}
