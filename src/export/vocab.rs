//! The exporters' shared vocabulary: what each node and edge kind is called in each format, the
//! colour each node is drawn in, and the type of each attribute column. One table, so that the
//! DOT diagrams and the viewer draw a kind alike, and Cypher, the Neo4j CSV, GraphML and RDF name
//! it alike.

use crate::graph::Value;
use crate::graph::{EdgeKind, KnowledgeGraph, Node, NodeKind};
use std::collections::{BTreeMap, BTreeSet};

/// A node kind as a class or label name: `Claim`, `Source`, … (Cypher and Neo4j labels, RDF
/// classes, the viewer's headings).
pub fn class(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Document => "Document",
        NodeKind::Claim => "Claim",
        NodeKind::Source => "Source",
        NodeKind::Actor => "Actor",
        NodeKind::Agreement => "Agreement",
        NodeKind::Driver => "Driver",
        NodeKind::Sentence => "Sentence",
    }
}

/// An edge kind as a class name: `Cites`, `CoMention`, … (the RDF class of an edge's node).
pub fn edge_class(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Cites => "Cites",
        EdgeKind::Mentions => "Mentions",
        EdgeKind::Relation => "Relation",
        EdgeKind::CoMention => "CoMention",
        EdgeKind::PartyTo => "PartyTo",
        EdgeKind::Supports => "Supports",
        EdgeKind::Involves => "Involves",
    }
}

/// An edge kind as a relationship type: `CITES`, `CO_MENTION`, … (Cypher and Neo4j).
pub fn rel_type(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Cites => "CITES",
        EdgeKind::Mentions => "MENTIONS",
        EdgeKind::Relation => "RELATION",
        EdgeKind::CoMention => "CO_MENTION",
        EdgeKind::PartyTo => "PARTY_TO",
        EdgeKind::Supports => "SUPPORTS",
        EdgeKind::Involves => "INVOLVES",
    }
}

/// A node's string field, or "".
pub fn text<'a>(n: &'a Node, key: &str) -> &'a str {
    n.attrs.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Fill and stroke of the kinds drawn in one colour.
const CLAIM: (&str, &str) = ("#4e79a7", "#2f4b6b");
const DOCUMENT: (&str, &str) = ("#7f7f7f", "#444444");
const CONVERGENCE: (&str, &str) = ("#e1f0dc", "#3f7a36");
const DIVERGENCE: (&str, &str) = ("#f3e3f0", "#8e4f84");
/// Stroke of the kinds coloured by type.
const TYPED_STROKE: &str = "#333333";

/// Colours of the kinds coloured by their `type` (actors, agreements, sources).
const PALETTE: [&str; 12] = [
    "#e15759", "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f", "#edc948", "#76b7b2", "#ff9da7", "#86bcb6",
    "#d37295", "#8cd17d",
];

/// The colours of one graph's nodes: claims, documents and drivers (by polarity) in fixed
/// colours; actors, agreements and sources by (kind, type), assigned in sorted order, so a type
/// has one colour in every drawing of the graph.
pub struct Palette {
    map: BTreeMap<(NodeKind, String), &'static str>,
}

/// One entry of a legend: its text, fill, stroke, and the kind it stands for.
pub struct Swatch {
    pub text: String,
    pub fill: &'static str,
    pub stroke: &'static str,
    pub kind: NodeKind,
}

impl Palette {
    pub fn new<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> Palette {
        let mut keys = BTreeSet::new();
        for n in nodes {
            if matches!(n.kind, NodeKind::Actor | NodeKind::Agreement | NodeKind::Source) {
                keys.insert((n.kind, text(n, "type").to_string()));
            }
        }
        let mut map = BTreeMap::new();
        let (mut ents, mut srcs) = (PALETTE.iter().cycle(), PALETTE.iter().cycle().skip(3));
        for k in keys {
            let c = if k.0 == NodeKind::Source {
                srcs.next()
            } else {
                ents.next()
            };
            if let Some(&c) = c {
                map.insert(k, c);
            }
        }
        Palette { map }
    }

    /// The palette of a whole graph.
    pub fn of(g: &KnowledgeGraph) -> Palette {
        Palette::new(g.nodes())
    }

    /// (fill, stroke) of a node.
    pub fn fill(&self, n: &Node) -> (&'static str, &'static str) {
        match n.kind {
            NodeKind::Claim | NodeKind::Sentence => CLAIM,
            NodeKind::Document => DOCUMENT,
            NodeKind::Driver => polarity(text(n, "polarity")),
            k => (
                self.map
                    .get(&(k, text(n, "type").to_string()))
                    .copied()
                    .unwrap_or("#9c755f"),
                TYPED_STROKE,
            ),
        }
    }

    /// The legend of the typed kinds among `kinds`: `actor: state`, `agreement: treaty`, … (a
    /// type named like its kind is the kind alone: `agreement`, not `agreement: agreement`).
    pub fn legend(&self, kinds: &[NodeKind]) -> Vec<Swatch> {
        self.map
            .iter()
            .filter(|((k, _), _)| kinds.contains(k))
            .map(|((k, ty), &fill)| Swatch {
                text: kind_and_type(*k, ty),
                fill,
                stroke: TYPED_STROKE,
                kind: *k,
            })
            .collect()
    }

    /// The legend entry of a kind drawn in one colour.
    pub fn swatch(kind: NodeKind, polarity_name: &str) -> Swatch {
        let (fill, stroke) = match kind {
            NodeKind::Claim => CLAIM,
            NodeKind::Document => DOCUMENT,
            _ => polarity(polarity_name),
        };
        let text = if kind == NodeKind::Driver {
            format!("driver: {polarity_name}")
        } else {
            kind.to_string()
        };
        Swatch {
            text,
            fill,
            stroke,
            kind,
        }
    }
}

fn polarity(p: &str) -> (&'static str, &'static str) {
    if p == "divergence" {
        DIVERGENCE
    } else {
        CONVERGENCE
    }
}

/// A colour of the palette lightened halfway to white, so black text on it stays readable.
/// Anything but `#rrggbb` is white.
pub fn light(hex: &str) -> String {
    let rgb = hex
        .strip_prefix('#')
        .filter(|h| h.len() == 6)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .unwrap_or(0xffffff);
    // (as `format!("#{:02x}{:02x}{:02x}")` writes the three channels, without its machinery:
    // one is made for every node drawn)
    let mut out = String::with_capacity(7);
    out.push('#');
    for shift in [16, 8, 0] {
        let channel = (rgb >> shift & 0xff) / 2 + 128;
        for digit in [channel >> 4, channel & 0xf] {
            out.push(char::from_digit(digit, 16).unwrap_or('0'));
        }
    }
    out
}

/// `actor: state`; `agreement` for an agreement of type `agreement`; `source: other` for no type.
pub fn kind_and_type(k: NodeKind, ty: &str) -> String {
    match ty {
        "" => [k.as_str(), ": other"].concat(),
        t if t == k.as_str() => k.to_string(),
        t => [k.as_str(), ": ", t].concat(),
    }
}

/// The type of an attribute's scalar values, as the typed formats (GraphML, the Neo4j CSV)
/// declare them: the narrowest type that holds every value of the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Bool,
    /// An integer within 32 bits.
    Int,
    /// An integer within 64 bits.
    Long,
    Double,
    Str,
}

impl Scalar {
    /// The type of one value; a list or an object is its JSON text (`Str`); None for null.
    pub fn of(v: &Value) -> Option<Scalar> {
        match v {
            Value::Null => None,
            Value::Bool(_) => Some(Scalar::Bool),
            Value::Number(n) => Some(match n.as_i64() {
                Some(i) if i32::try_from(i).is_ok() => Scalar::Int,
                Some(_) => Scalar::Long,
                // an integer beyond 64 signed bits fits no typed column
                None if n.is_u64() => Scalar::Str,
                None => Scalar::Double,
            }),
            _ => Some(Scalar::Str),
        }
    }

    /// The narrowest type holding both.
    pub fn join(self, other: Scalar) -> Scalar {
        use Scalar::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Int, Long) | (Long, Int) => Long,
            (Int | Long | Double, Int | Long | Double) => Double,
            _ => Str,
        }
    }

    /// The GraphML `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            Scalar::Bool => "boolean",
            Scalar::Int => "int",
            Scalar::Long => "long",
            Scalar::Double => "double",
            Scalar::Str => "string",
        }
    }

    /// The Neo4j import type (Neo4j's integers are all 64-bit).
    pub fn neo4j(self) -> &'static str {
        match self {
            Scalar::Bool => "boolean",
            Scalar::Int | Scalar::Long => "long",
            Scalar::Double => "double",
            Scalar::Str => "string",
        }
    }
}

/// Attribute name → the type of its values over every map given, in name order; `item` gives a
/// value's type (None: no type, as for null).
pub fn columns<'a, T: Copy, M: IntoIterator<Item = (&'a str, &'a Value)>>(
    maps: impl Iterator<Item = M>,
    item: impl Fn(&Value) -> Option<T>,
    join: impl Fn(T, T) -> T,
) -> BTreeMap<String, T> {
    let mut out: BTreeMap<String, T> = BTreeMap::new();
    for m in maps {
        for (k, v) in m {
            if let Some(t) = item(v) {
                match out.get_mut(k) {
                    Some(old) => *old = join(*old, t),
                    None => {
                        out.insert(k.to_string(), t);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_of_kinds() {
        assert_eq!(class(NodeKind::Claim), "Claim");
        assert_eq!(edge_class(EdgeKind::CoMention), "CoMention");
        assert_eq!(rel_type(EdgeKind::PartyTo), "PARTY_TO");
        // every name is the contract's string recased
        for k in EdgeKind::ALL {
            assert_eq!(rel_type(k), k.as_str().to_uppercase());
            assert_eq!(edge_class(k).to_lowercase(), k.as_str().replace('_', ""));
        }
        for k in NodeKind::ALL {
            assert_eq!(class(k).to_lowercase(), k.as_str());
        }
    }

    #[test]
    fn colours_lighten() {
        assert_eq!(light("#000000"), "#808080");
        assert_eq!(light("#ffffff"), "#ffffff");
        assert_eq!(light("bad"), "#ffffff");
        for rgb in (0..0x100_0000u32).step_by(4099) {
            let channel = |shift: u32| (rgb >> shift & 0xff) / 2 + 128;
            let want = format!("#{:02x}{:02x}{:02x}", channel(16), channel(8), channel(0));
            assert_eq!(light(&format!("#{rgb:06x}")), want);
            assert_eq!(light(&format!("#{rgb:06X}")), want);
        }
    }

    #[test]
    fn legend_does_not_repeat_a_kind() {
        assert_eq!(kind_and_type(NodeKind::Agreement, "agreement"), "agreement");
        assert_eq!(kind_and_type(NodeKind::Agreement, "treaty"), "agreement: treaty");
        assert_eq!(kind_and_type(NodeKind::Source, ""), "source: other");
    }

    #[test]
    fn scalar_types_join() {
        assert_eq!(Scalar::Int.join(Scalar::Long), Scalar::Long);
        assert_eq!(Scalar::Int.join(Scalar::Double), Scalar::Double);
        assert_eq!(Scalar::Int.join(Scalar::Str), Scalar::Str);
        assert_eq!(Scalar::Bool.join(Scalar::Int), Scalar::Str);
        assert_eq!(Scalar::of(&Value::from(json!(null))), None);
        assert_eq!(Scalar::of(&Value::from(json!([1, 2]))), Some(Scalar::Str));
        assert_eq!(Scalar::of(&Value::from(json!(1_u64 << 40))), Some(Scalar::Long));
        assert_eq!(Scalar::of(&Value::from(json!(u64::MAX))), Some(Scalar::Str));
        assert_eq!(Scalar::Int.neo4j(), "long");
    }
}
