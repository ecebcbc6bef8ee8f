//! Graphviz DOT: the relationship diagram (`NAME.dot`), and the exporter that writes it with the
//! citations picture ([`super::citations_dot`], `NAME.citations.dot`) and the drivers view
//! ([`super::drivers_dot`], `NAME.drivers.dot`, when the document names drivers).
//!
//! The relationship diagram is drawn for a person to read on one screen: the actors (ellipses)
//! and agreements (rounded boxes), coloured by type as in the viewer and sized by mentions; an
//! arrow for each pair the text relates (`relation`, `party_to`), labelled with the first
//! predicate and how many more there are; a dashed line, wider with the count, for each other
//! pair named together in at least [`CO_MENTION_MIN`] sentences; and, in a block of rows, the
//! actors and agreements with neither. At most [`MAX_ENTITIES`] are drawn (the most mentioned),
//! and a `size` attribute keeps the picture within 30 × 30 inches (2,880 px at Graphviz's
//! 96 dpi). Node ids are generated (`n0`, `n1`, …); the policykg id is in `id`, the whole name
//! with aliases in `tooltip`; every quoted value goes through [`escape::dot`].

use super::escape;
use super::num::{fixed0, fixed1};
use super::vocab::{kind_and_type, light, text, Palette};
use super::{citations_dot, drivers_dot, Sink};
use crate::graph::Value;
use crate::graph::{short, EdgeKind, KnowledgeGraph, Node, NodeKind};
use dot_writer::{Attributes, AttributesList, DotWriter, Scope};
use foldhash::HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Sentences naming both, from which a pair the text does not relate gets a dashed line.
pub const CO_MENTION_MIN: u64 = 2;
/// The most actors and agreements drawn: the most mentioned.
pub const MAX_ENTITIES: usize = 150;
/// Graphviz scales a larger drawing down to this many inches.
pub const SIZE: &str = "30,30";

/// The exporter: `NAME.dot`, `NAME.citations.dot` and, when the graph has drivers,
/// `NAME.drivers.dot`.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.dot"), &|w| write_to(g, w))?;
    out.file(&format!("{name}.citations.dot"), &|w| citations_dot::write_to(g, w))?;
    if g.count(NodeKind::Driver) > 0 {
        out.file(&format!("{name}.drivers.dot"), &|w| drivers_dot::write_to(g, w))?;
    }
    Ok(())
}

/// Label text broken into lines of about `width` characters.
pub(crate) fn wrap(s: &str, width: usize) -> String {
    // (at most the text's length: a space or line break stands for at least one white space)
    let mut out = String::with_capacity(s.len());
    let mut line = 0;
    for w in s.split_whitespace() {
        let n = w.chars().count();
        if line > 0 && line + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += n;
    }
    out
}

/// Attributes as (name, value, whether the value is quoted).
pub(crate) type List<'a> = &'a [(&'a str, &'a str, bool)];

/// Writes a left-to-right digraph into `w`, Helvetica throughout: the graph, node and edge
/// attributes given, then what `body` draws. dot-writer panics on a write error, so it writes
/// into a writer that never fails, and the first error is returned once it is done.
pub(crate) fn digraph(
    w: &mut dyn std::io::Write,
    graph: List,
    nodes: List,
    edges: List,
    body: impl FnOnce(&mut Scope),
) -> std::io::Result<()> {
    fn set(mut attrs: AttributesList, list: List) {
        attrs.set("fontname", "Helvetica", true);
        for &(k, v, quoted) in list {
            attrs.set(k, v, quoted);
        }
    }
    let mut out = super::Latch::new(w);
    {
        let mut writer = DotWriter::from(&mut out);
        writer.set_pretty_print(true);
        let mut scope = writer.digraph();
        set(scope.graph_attributes(), graph);
        set(scope.node_attributes(), nodes);
        set(scope.edge_attributes(), edges);
        body(&mut scope);
    }
    out.finish()
}

/// The graph's title: its document's, or the corpus's.
pub(crate) fn title(g: &KnowledgeGraph) -> String {
    match g.documents.as_slice() {
        [one] => g.node(one).map_or_else(|| one.clone(), |n| n.label.to_string()),
        many => format!("Corpus of {} documents", many.len()),
    }
}

fn mentions(n: &Node) -> u64 {
    n.attrs.get("mentions").and_then(Value::as_u64).unwrap_or(0)
}

/// One drawn pair the text relates: its edges as (from, to, predicate).
type Related<'a> = Vec<(usize, usize, &'a str)>;

/// What the diagram draws, by position in `entities`.
struct Diagram<'a> {
    entities: Vec<&'a Node>,
    related: BTreeMap<(usize, usize), Related<'a>>,
    together: BTreeMap<(usize, usize), u64>,
    /// Actors and agreements in the graph, drawn or not.
    total: usize,
}

impl<'a> Diagram<'a> {
    fn of(g: &'a KnowledgeGraph) -> Diagram<'a> {
        let all: Vec<&Node> = g.nodes().filter(|n| n.kind.is_entity()).collect();
        let mut ranked: Vec<usize> = (0..all.len()).collect();
        ranked.sort_by_key(|&i| std::cmp::Reverse(all.get(i).map_or(0, |n| mentions(n))));
        let keep: BTreeSet<usize> = ranked.into_iter().take(MAX_ENTITIES).collect();
        let entities: Vec<&Node> = keep.iter().filter_map(|&i| all.get(i).copied()).collect();
        let at: HashMap<&str, usize> = entities.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let mut related: BTreeMap<(usize, usize), Related> = BTreeMap::new();
        let mut together: BTreeMap<(usize, usize), u64> = BTreeMap::new();
        for (s, t, e) in g.edges() {
            let (Some(&a), Some(&b)) = (at.get(s), at.get(t)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let pair = (a.min(b), a.max(b));
            if e.kind.is_relation() {
                let p = e
                    .attrs
                    .get("predicate")
                    .and_then(Value::as_str)
                    .unwrap_or(e.kind.as_str());
                related.entry(pair).or_default().push((a, b, p));
            } else if e.kind == EdgeKind::CoMention {
                *together.entry(pair).or_default() += e.attrs.get("weight").and_then(Value::as_u64).unwrap_or(1);
            }
        }
        together.retain(|pair, w| *w >= CO_MENTION_MIN && !related.contains_key(pair));
        Diagram {
            entities,
            related,
            together,
            total: all.len(),
        }
    }

    /// Entities with no line drawn to them.
    fn alone(&self) -> Vec<usize> {
        let linked: BTreeSet<usize> = self
            .related
            .keys()
            .chain(self.together.keys())
            .flat_map(|&(a, b)| [a, b])
            .collect();
        (0..self.entities.len()).filter(|i| !linked.contains(i)).collect()
    }
}

/// The relationship diagram.
pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    super::in_memory(&|w| write_to(g, w))
}

/// [`write`] into `w`.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let d = Diagram::of(g);
    let palette = Palette::of(g);
    let alone = d.alone();
    let mut caption = format!("{}: actors and agreements", title(g));
    if d.entities.len() < d.total {
        caption.push_str(&format!(
            " (the {} most mentioned of {}; the viewer shows all)",
            d.entities.len(),
            d.total
        ));
    }
    let label = legend(&caption, &palette, !d.related.is_empty(), !d.together.is_empty());
    let graph = [
        ("rankdir", "LR", false),
        ("fontsize", "16", false),
        ("labelloc", "t", false),
        ("label", label.as_str(), false),
        ("nodesep", "0.15", false),
        ("ranksep", "0.4", false),
        ("size", SIZE, true),
        ("outputorder", "edgesfirst", false),
    ];
    let nodes = [
        ("style", "filled,rounded", true),
        ("fontsize", "11", false),
        ("margin", "0.05,0.03", true),
    ];
    let edges = [
        ("fontsize", "8", false),
        ("color", "#555555", true),
        ("arrowsize", "0.7", false),
    ];
    digraph(w, &graph, &nodes, &edges, |graph| {
        let linked: BTreeSet<usize> = (0..d.entities.len()).filter(|i| !alone.contains(i)).collect();
        for &i in &linked {
            if let Some(n) = d.entities.get(i) {
                let size = 10.0 + (2.0 * (mentions(n).max(1) as f64).log2()).min(8.0);
                entity(&mut graph.node_named(numbered("n", i)), n, &palette, size, 18);
            }
        }
        for (&(a, b), list) in &d.related {
            let forward = list.iter().all(|&(s, _, _)| s == a);
            let backward = list.iter().all(|&(s, _, _)| s == b);
            let (from, to) = if backward { (b, a) } else { (a, b) };
            let mut label = clip(list.first().map_or("", |&(_, _, p)| p), 24);
            if list.len() > 1 {
                label.push_str(&numbered(" (+", list.len() - 1));
                label.push(')');
            }
            let predicates: BTreeSet<&str> = list.iter().map(|&(_, _, p)| p).collect();
            let width = 1.0 + 0.5 * (list.len() as f64 - 1.0).min(3.0);
            let edge = graph.edge(numbered("n", from), numbered("n", to));
            let mut attrs = edge.attributes();
            attrs
                .set("label", &escape::dot(&label), true)
                .set(
                    "tooltip",
                    &escape::dot(&predicates.into_iter().collect::<Vec<_>>().join("; ")),
                    true,
                )
                .set("penwidth", &fixed1(width), false);
            if !forward && !backward {
                attrs.set("dir", "both", false);
            }
        }
        for (&(a, b), &w) in &d.together {
            let width = 0.6 + (w as f64).log2().min(4.0);
            graph
                .edge(numbered("n", a), numbered("n", b))
                .attributes()
                .set("dir", "none", false)
                .set("style", "dashed", false)
                .set("color", "#999999", true)
                .set("penwidth", &fixed1(width), false)
                .set("tooltip", &(numbered("named together in ", w) + " sentences"), true);
        }
        if !alone.is_empty() {
            let mut cluster = graph.cluster();
            cluster
                .graph_attributes()
                .set("label", "Also mentioned, with no relation stated", true)
                .set("fontsize", "12", false)
                .set("style", "rounded", true)
                .set("color", "#bbbbbb", true);
            for &i in &alone {
                if let Some(n) = d.entities.get(i) {
                    entity(&mut cluster.node_named(numbered("n", i)), n, &palette, 10.0, 20);
                }
            }
            // a block of rows: each node points invisibly at the one a row further on
            let rows = (alone.len() as f64 / 2.0).sqrt().ceil() as usize;
            for (a, b) in alone.iter().zip(alone.iter().skip(rows.max(1))) {
                cluster
                    .edge(numbered("n", *a), numbered("n", *b))
                    .attributes()
                    .set("style", "invis", false);
            }
        }
    })
}

/// `prefix` and a number (a generated node id, `n12`; a tooltip, `note 3`), as `format!` writes
/// it, without its machinery (one is made for every node and edge drawn).
pub(crate) fn numbered(prefix: &str, i: impl itoa::Integer) -> String {
    [prefix, itoa::Buffer::new().format(i)].concat()
}

/// `prefix`, then how many mentions (`; 1 mention`, `involves: 3 mentions`), without `format!`.
pub(crate) fn mentioned(prefix: &str, n: u64) -> String {
    numbered(prefix, n) + if n == 1 { " mention" } else { " mentions" }
}

/// `s` cut to at most `max` characters with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

/// An actor or agreement node's attributes.
fn entity(node: &mut dot_writer::Node, n: &Node, palette: &Palette, size: f64, width: usize) {
    let (fill, stroke) = palette.fill(n);
    let shape = if n.kind == NodeKind::Agreement {
        "box"
    } else {
        "ellipse"
    };
    let mut tip = [&n.label, " (", &kind_and_type(n.kind, text(n, "type")), ")"].concat();
    let aliases: Vec<&str> = n
        .attrs
        .get("aliases")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).filter(|a| *a != n.label).collect())
        .unwrap_or_default();
    if !aliases.is_empty() {
        tip.push_str("; also: ");
        tip.push_str(&aliases.join(", "));
    }
    let m = mentions(n);
    tip.push_str(&mentioned("; ", m));
    node.set("label", &escape::dot(&wrap(&short(&n.label, 60), width)), true)
        .set("shape", shape, false)
        .set("fillcolor", &light(fill), true)
        .set("color", stroke, true)
        .set("fontsize", &fixed0(size), false)
        .set("tooltip", &escape::dot(&short(&tip, 600)), true)
        .set("id", &escape::dot(&n.id), true);
}

/// Swatches per row of the legend.
const LEGEND_COLUMNS: usize = 5;

/// The title and legend, as the graph's HTML-like label: the caption, then a swatch per colour
/// and a line per line style drawn, in rows of [`LEGEND_COLUMNS`].
fn legend(caption: &str, palette: &Palette, related: bool, together: bool) -> String {
    let mut cells: Vec<String> = palette
        .legend(&[NodeKind::Actor, NodeKind::Agreement])
        .into_iter()
        .map(|s| {
            let shape = if s.kind == NodeKind::Agreement {
                "box"
            } else {
                "ellipse"
            };
            [
                r#"<td bgcolor=""#,
                &light(s.fill),
                r#"" width="20"> </td><td align="left">"#,
                &escape::xml(&s.text),
                " (",
                shape,
                ")</td>",
            ]
            .concat()
        })
        .collect();
    if related {
        cells.push(r#"<td>→</td><td align="left">stated relation: predicate (+ more)</td>"#.to_string());
    }
    if together {
        cells.push(format!(
            r#"<td>- -</td><td align="left">named together in {CO_MENTION_MIN}+ sentences</td>"#
        ));
    }
    let rows: String = cells
        .chunks(LEGEND_COLUMNS)
        .map(|row| ["<tr>", &row.concat(), "</tr>"].concat())
        .collect();
    format!(
        r#"<<table border="0" cellborder="0" cellspacing="1"><tr><td colspan="{}"><font point-size="18">{}</font></td></tr>{rows}</table>>"#,
        LEGEND_COLUMNS * 2,
        escape::xml(caption)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_clip_and_wrap() {
        assert_eq!(clip("designation as a Major Defense Partner", 12), "designation…");
        assert_eq!(wrap("a bb ccc dddd", 6), "a bb\nccc\ndddd");
    }
}
