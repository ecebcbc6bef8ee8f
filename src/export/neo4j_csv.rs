//! CSV files for Neo4j's offline bulk import (`neo4j-admin database import full`).
//!
//! Takes a [`KnowledgeGraph`]; gives one node file per node kind (`nodes_KIND.csv`) and one
//! relationship file per edge kind (`relationships_KIND.csv`), each with its own header row, as
//! Neo4j documents the import format:
//!
//! - nodes: `id:ID,:LABEL,kind,label,ATTR:TYPE,...`; the label is the kind in PascalCase as in
//!   the Cypher export (`claim` → `Claim`); ids share one global id space (they are unique
//!   across kinds);
//! - relationships: `:START_ID,:END_ID,:TYPE,key,kind,ATTR:TYPE,...`; the type is the kind in
//!   upper case (`cites` → `CITES`).
//!
//! Column types come from the values across the file: `long`, `double`, `boolean`, `string`,
//! and arrays of those (`aliases:string[]`, `span:long[]`); a column mixing types is `string`
//! (numbers as their JSON text). Array items are separated by U+001F
//! ([`escape::NEO4J_ARRAY_DELIMITER`]; pass `--array-delimiter=U+001F`), which
//! [`escape::neo4j_array_item`] removes from every item, since Neo4j has no escape for it. Object
//! items are flattened as in the Cypher export (`footnotes` → `india-us-defense-relations#12`).
//! A null is an empty field (no property). Text may hold line breaks inside quoted fields:
//! pass `--multiline-fields=true`. The `csv` crate does the quoting.

use super::cypher::flat_list;
use super::vocab::{self, Scalar as Ty};
use super::{escape, Sink};
use crate::graph::KnowledgeGraph;
use crate::graph::Value;
use crate::graph::{Attrs, EdgeKind, NodeKind};
use std::collections::BTreeMap;

/// (scalar type, is array) of a column; `None` when every value is null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Col(Ty, bool);

impl Col {
    fn of(v: &Value) -> Option<Col> {
        match v {
            Value::Array(_) | Value::Span(..) | Value::Shared(_) => {
                let t = flat_list(&v.items().unwrap_or_default())
                    .iter()
                    .filter_map(Ty::of)
                    .reduce(Ty::join)
                    .unwrap_or(Ty::Str);
                Some(Col(t, true))
            }
            Value::Object(_) => Some(Col(Ty::Str, false)),
            v => Ty::of(v).map(|t| Col(t, false)),
        }
    }

    fn join(self, other: Col) -> Col {
        if self.1 != other.1 {
            // array in one row, scalar in another: keep the array, items as strings
            return Col(Ty::Str, true);
        }
        Col(self.0.join(other.0), self.1)
    }

    fn header(self, name: &str) -> String {
        format!("{name}:{}{}", self.0.neo4j(), if self.1 { "[]" } else { "" })
    }
}

fn columns<'a>(maps: impl Iterator<Item = &'a Attrs>) -> BTreeMap<String, Col> {
    vocab::columns(maps, Col::of, Col::join)
}

fn scalar_text(v: &Value, ty: Ty) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.to_string(),
        Value::Number(n) if ty != Ty::Str => n.to_string(),
        Value::Bool(b) if ty == Ty::Bool => b.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn field(v: Option<&Value>, col: Col) -> String {
    let Some(v) = v else { return String::new() };
    match (v, col.1) {
        (Value::Null, _) => String::new(),
        (Value::Array(_) | Value::Span(..) | Value::Shared(_), true) => {
            let parts: Vec<String> = flat_list(&v.items().unwrap_or_default())
                .iter()
                .map(|i| escape::neo4j_array_item(&scalar_text(i, col.0)))
                .collect();
            parts.join(&escape::NEO4J_ARRAY_DELIMITER.to_string())
        }
        (v, true) => escape::neo4j_array_item(&scalar_text(v, col.0)),
        (v, false) => scalar_text(v, col.0),
    }
}

/// One file of the folder: the nodes of a kind, or the relationships of a kind.
#[derive(Clone, Copy)]
enum Table {
    Nodes(NodeKind),
    Edges(EdgeKind),
}

/// The exporter: the files of the folder `NAME.neo4j/`, each streamed.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    for (file, table) in tables(g) {
        out.file(&format!("{name}.neo4j/{file}"), &|w| write_table(g, table, w))?;
    }
    Ok(())
}

/// (file name inside `NAME.neo4j/`, bytes)
pub fn files(g: &KnowledgeGraph) -> Vec<(String, Vec<u8>)> {
    tables(g)
        .into_iter()
        .map(|(file, table)| (file, super::in_memory(&|w| write_table(g, table, w))))
        .collect()
}

/// The files: the nodes by kind, then the relationships by kind, kinds in first-seen order.
fn tables(g: &KnowledgeGraph) -> Vec<(String, Table)> {
    let mut nodes: Vec<NodeKind> = Vec::new();
    for n in g.nodes() {
        if !nodes.contains(&n.kind) {
            nodes.push(n.kind);
        }
    }
    let mut edges: Vec<EdgeKind> = Vec::new();
    for (_, _, e) in g.edges() {
        if !edges.contains(&e.kind) {
            edges.push(e.kind);
        }
    }
    let nodes = nodes
        .into_iter()
        .map(|k| (format!("nodes_{}.csv", file_part(k.as_str())), Table::Nodes(k)));
    let edges = edges
        .into_iter()
        .map(|k| (format!("relationships_{}.csv", file_part(k.as_str())), Table::Edges(k)));
    nodes.chain(edges).collect()
}

/// One file, row by row: the header, then a row per node or relationship of the kind.
fn write_table(g: &KnowledgeGraph, table: Table, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut csv = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w);
    match table {
        Table::Nodes(kind) => {
            let nodes = || g.nodes().filter(move |n| n.kind == kind);
            let mut cols = columns(nodes().map(|n| &n.attrs));
            for fixed in ["id", "kind", "label"] {
                cols.remove(fixed);
            }
            let mut header = vec!["id:ID".to_string(), ":LABEL".into(), "kind".into(), "label".into()];
            header.extend(cols.iter().map(|(k, c)| c.header(k)));
            csv.write_record(&header)?;
            for n in nodes() {
                let mut r = vec![
                    n.id.to_string(),
                    vocab::class(n.kind).to_string(),
                    n.kind.to_string(),
                    n.label.to_string(),
                ];
                r.extend(cols.iter().map(|(k, c)| field(n.attrs.get(k), *c)));
                csv.write_record(&r)?;
            }
        }
        Table::Edges(kind) => {
            let edges = || g.edges().filter(move |(_, _, e)| e.kind == kind);
            let mut cols = columns(edges().map(|(_, _, e)| &e.attrs));
            for fixed in ["key", "kind"] {
                cols.remove(fixed);
            }
            let mut header = vec![
                ":START_ID".to_string(),
                ":END_ID".into(),
                ":TYPE".into(),
                "key".into(),
                "kind".into(),
            ];
            header.extend(cols.iter().map(|(k, c)| c.header(k)));
            csv.write_record(&header)?;
            for (s, t, e) in edges() {
                let mut r = vec![
                    s.to_string(),
                    t.to_string(),
                    vocab::rel_type(e.kind).to_string(),
                    e.key.to_string(),
                    e.kind.to_string(),
                ];
                r.extend(cols.iter().map(|(k, c)| field(e.attrs.get(k), *c)));
                csv.write_record(&r)?;
            }
        }
    }
    csv.flush()
}

/// A kind as part of a file name: ASCII letters, digits, `_` and `-` only.
fn file_part(kind: &str) -> String {
    kind.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn column_types() {
        assert_eq!(Col::of(&Value::from(json!(["a", "b"]))), Some(Col(Ty::Str, true)));
        assert_eq!(Col::of(&Value::from(json!([1, 2]))), Some(Col(Ty::Int, true)));
        assert_eq!(Col::of(&Value::from(json!([[1, 2]]))), Some(Col(Ty::Str, true)));
        assert_eq!(Col::of(&Value::from(json!(null))), None);
        assert_eq!(Col(Ty::Long, false).join(Col(Ty::Str, false)), Col(Ty::Str, false));
        assert_eq!(Col(Ty::Long, true).header("span"), "span:long[]");
    }

    #[test]
    fn array_fields() {
        let d = escape::NEO4J_ARRAY_DELIMITER;
        let v = Value::from(json!(["a;b", format!("x{d}y"), {"document": "doc", "n": 3}]));
        assert_eq!(field(Some(&v), Col(Ty::Str, true)), format!("a;b{d}xy{d}doc#3"));
        assert_eq!(field(Some(&Value::from(json!(null))), Col(Ty::Str, true)), "");
    }
}
