//! A Cypher script for Neo4j 5, Memgraph and FalkorDB.
//!
//! Takes a [`KnowledgeGraph`]; gives a script of `;`-terminated statements:
//!
//! 1. a schema section between `// --- schema (Neo4j 5) ---` and `// --- end schema ---`: one
//!    uniqueness constraint on `id` per node label (`CREATE CONSTRAINT ... IF NOT EXISTS`),
//!    which engines without that syntax (FalkorDB, Memgraph) skip;
//! 2. one `MERGE (n:Label {id: ...}) SET n += {...}` per node: the label is the node kind in
//!    PascalCase (`claim` → `:Claim`; [`class`]);
//! 3. one `MATCH (a:L {id: ...}), (b:M {id: ...}) MERGE (a)-[r:TYPE {key: ...}]->(b) SET r += {...}`
//!    per edge: the type is the edge kind in upper case (`cites` → `:CITES`; [`rel_type`]).
//!
//! Loading is idempotent: nodes are merged on the stable `id`, relationships on their `key`
//! between the same two nodes, so a second load, or the load of another document's graph that
//! shares actors or sources, adds no duplicates (the later load's properties win).
//!
//! Properties are read generically and written as escaped Cypher literals
//! ([`escape::cypher_string`]): strings, integers, floats, booleans, and lists. Nulls are left out.
//! Lists hold scalars only in Cypher, so an object item is flattened: one with `document` and
//! `n` (a source's `footnotes`) becomes `"DOCUMENT#N"` (`india-us-defense-relations#12`), any
//! other object or nested list its compact JSON text; a list mixing strings and numbers is
//! written as strings throughout.

use super::escape;
use super::vocab::{class, rel_type};
use super::Sink;
use crate::graph::Attrs;
use crate::graph::KnowledgeGraph;
use crate::graph::Value;
use std::collections::{BTreeSet, HashMap};
use std::io::Write as _;

/// A list item as a scalar: scalars as they are, `{document, n, ...}` as `"DOCUMENT#N"`, any
/// other object or list as its compact JSON text.
pub fn flat_item(v: &Value) -> Value {
    match v {
        Value::Object(_) => match (v.get("document"), v.get("n")) {
            (Some(Value::String(d)), Some(n)) if !n.is_object() && !n.is_array() => {
                let n = n.as_str().map_or_else(|| n.to_string(), str::to_string);
                Value::from(format!("{d}#{n}"))
            }
            _ => Value::from(serde_json::to_string(v).unwrap_or_default()),
        },
        Value::Array(_) | Value::Span(..) | Value::Shared(_) => {
            Value::from(serde_json::to_string(v).unwrap_or_default())
        }
        other => other.clone(),
    }
}

/// A list as homogeneous scalars: nulls dropped, objects flattened, and every item as a
/// string when the items are not all of one scalar type.
pub fn flat_list(items: &[Value]) -> Vec<Value> {
    let flat: Vec<Value> = items.iter().filter(|v| !v.is_null()).map(flat_item).collect();
    let kind = |v: &Value| match v {
        Value::Bool(_) => 0,
        Value::Number(n) if n.is_i64() || n.is_u64() => 1,
        Value::Number(_) => 2,
        _ => 3,
    };
    let same = flat.iter().zip(flat.iter().skip(1)).all(|(a, b)| kind(a) == kind(b));
    if same {
        return flat;
    }
    flat.into_iter()
        .map(|v| match v {
            Value::String(s) => Value::String(s),
            other => Value::from(other.to_string()),
        })
        .collect()
}

fn literal(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => escape::cypher_string(s),
        Value::Array(_) | Value::Span(..) | Value::Shared(_) => {
            let items = v.items().unwrap_or_default();
            let parts: Vec<String> = flat_list(&items).iter().map(literal).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(_) => escape::cypher_string(&serde_json::to_string(v).unwrap_or_default()),
    }
}

/// `{k: v, ...}` of the non-null properties.
fn props(pairs: &[(&str, &Value)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| format!("{}: {}", escape::cypher_name(k), literal(v)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn with_attrs<'a>(first: Vec<(&'a str, &'a Value)>, attrs: &'a Attrs) -> Vec<(&'a str, &'a Value)> {
    let mut out = first;
    for (k, v) in attrs {
        if !out.iter().any(|(name, _)| *name == k) {
            out.push((k, v));
        }
    }
    out
}

/// The exporter: `NAME.cypher`, streamed.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.cypher"), &|w| write_to(g, w))
}

pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    super::in_memory(&|w| write_to(g, w))
}

/// [`write`] into `w`, statement by statement.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut s = std::io::BufWriter::with_capacity(1 << 16, w);
    writeln!(s, "// policykg graph of: {}", g.documents.join(", "))?;
    writeln!(
        s,
        "// Load with cypher-shell (Neo4j 5), mgconsole (Memgraph) or any client, statement by statement."
    )?;
    writeln!(
        s,
        "// Idempotent: nodes MERGE on `id`, relationships on `key`; loading twice changes nothing."
    )?;
    let labels: BTreeSet<&str> = g.nodes().map(|n| class(n.kind)).collect();
    s.write_all("\n// --- schema (Neo4j 5; engines without this syntax skip these lines) ---\n".as_bytes())?;
    for l in &labels {
        let name = escape::cypher_name(&format!("policykg_{}_id", l.to_lowercase()));
        writeln!(
            s,
            "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{}) REQUIRE n.id IS UNIQUE;",
            escape::cypher_name(l)
        )?;
    }
    s.write_all("// --- end schema ---\n\n// --- nodes ---\n".as_bytes())?;
    let mut kind_of: HashMap<&str, &str> = HashMap::new();
    for n in g.nodes() {
        let l = class(n.kind);
        let id = Value::from(n.id.clone());
        let kind = Value::from(n.kind.to_string());
        let lab = Value::from(n.label.clone());
        let set = with_attrs(vec![("kind", &kind), ("label", &lab)], &n.attrs);
        writeln!(
            s,
            "MERGE (n:{} {}) SET n += {};",
            escape::cypher_name(l),
            props(&[("id", &id)]),
            props(&set)
        )?;
        kind_of.insert(n.id.as_str(), l);
    }
    s.write_all("\n// --- relationships ---\n".as_bytes())?;
    for (src, dst, e) in g.edges() {
        let (Some(ls), Some(lt)) = (kind_of.get(src), kind_of.get(dst)) else {
            continue;
        };
        let a = Value::from(src.to_string());
        let b = Value::from(dst.to_string());
        let key = Value::from(e.key.clone());
        let kind = Value::from(e.kind.to_string());
        let set = with_attrs(vec![("kind", &kind)], &e.attrs);
        writeln!(
            s,
            "MATCH (a:{} {}), (b:{} {}) MERGE (a)-[r:{} {}]->(b) SET r += {};",
            escape::cypher_name(ls),
            props(&[("id", &a)]),
            escape::cypher_name(lt),
            props(&[("id", &b)]),
            escape::cypher_name(rel_type(e.kind)),
            props(&[("key", &key)]),
            props(&set)
        )?;
    }
    s.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flattening() {
        let fns = Value::from(json!([{"document": "d", "n": 12, "span": [1, 2]}, {"x": 1}]));
        let Value::Array(items) = fns else { return };
        assert_eq!(flat_list(&items), vec![json!("d#12"), json!(r#"{"x":1}"#)]);
        assert_eq!(
            flat_list(&[Value::from(json!(1)), Value::from(json!("a")), Value::Null]),
            vec![json!("1"), json!("a")]
        );
        assert_eq!(literal(&Value::from(json!([[1, 2], [3, 4]]))), "['[1,2]', '[3,4]']");
        assert_eq!(literal(&Value::from(json!(["O'B", 2.5]))), r"['O\'B', '2.5']");
    }
}
