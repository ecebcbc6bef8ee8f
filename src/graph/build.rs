//! A document's stages → its graph: the document node, claims, sources and `cites` edges.

use super::entities::Mentions;
use super::model::{Edge, KnowledgeGraph, Node};
use super::{Attrs, EdgeKind, NodeKind};
use super::{Str, Value};
use crate::claims::Claim;
use crate::document::Document;
use crate::extract::Extraction;
use crate::notes::{Notes, Source};
use crate::read::Layout;
use crate::span::{LineIndex, Span};
use serde_json::json;

/// What `build` needs to know of the input.
pub struct Input<'a> {
    /// The document id (its file stem, sanitised).
    pub id: &'a str,
    /// The path as given on the command line.
    pub path: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    /// For a document read from PDF, HTML or DOCX: its format, pages and where its text stood.
    pub layout: Option<&'a Layout>,
}

/// What the entity and driver stages add a document's nodes and edges from.
pub struct Context<'a> {
    pub input: &'a Input<'a>,
    /// The document's name as the value its fields hold: one allocation for every field of its
    /// graph that names it (see [`Str`]).
    pub name: Value,
    pub claims: &'a [Claim],
    pub ex: &'a Extraction,
    /// The entities' mentions by block, which claims and drivers both look up.
    pub mentions: Mentions,
}

pub fn build(input: &Input, doc: &Document, claims: &[Claim], notes: &Notes, ex: &Extraction) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    g.documents.push(input.id.to_string());
    // (the document's name, one allocation for every field of its graph that names it)
    let name = Value::from(Str::from(input.id));
    let mut attrs = Attrs::new();
    attrs.insert("title", doc.title.as_deref());
    attrs.insert("authors", json!(doc.authors));
    attrs.insert("path", json!(input.path));
    if let Some(l) = input.layout {
        attrs.insert("format", json!(l.format.name()));
        if let Some(n) = l.pages {
            attrs.insert("pages", json!(n));
        }
    }
    g.add_node(Node {
        id: input.id.into(),
        kind: NodeKind::Document,
        label: doc.title.as_deref().unwrap_or(input.id).into(),
        attrs,
    });
    // (each heading one allocation, and each list of headings one, shared by the claims under it)
    let mut headings: foldhash::HashMap<&str, Str> = foldhash::HashMap::default();
    let mut sections: foldhash::HashMap<&[String], Value> = foldhash::HashMap::default();
    for c in claims {
        let id = claim_id(input.id, c.span);
        let line = input.lines.line(c.span.start as usize);
        let (text, label) = text_and_label(&c.text, 80);
        let mut attrs = Attrs::new();
        attrs.insert("text", text);
        attrs.insert("document", name.clone());
        let section = sections.entry(&c.section).or_insert_with(|| {
            let list = c.section.iter().map(|h| {
                let shared = headings.entry(h.as_str()).or_insert_with(|| Str::from(h.as_str()));
                Value::from(shared.clone())
            });
            Value::shared(list)
        });
        attrs.insert("section", section.clone());
        attrs.insert("span", c.span);
        attrs.insert("line", json!(line));
        attrs.insert("footnotes", json!(c.notes()));
        place(&mut attrs, input, c.span);
        g.add_node(Node {
            id: id.into(),
            kind: NodeKind::Claim,
            label,
            attrs,
        });
    }
    for s in &notes.sources {
        g.add_node(source_node(input, &name, doc, s));
    }
    for c in claims {
        let id = claim_id(input.id, c.span);
        for m in &c.markers {
            for cite in notes.cites_of(m.n) {
                let Some(src) = notes.sources.get(cite.source) else {
                    continue;
                };
                let mut attrs = Attrs::new();
                attrs.insert("footnote", json!(m.n));
                attrs.insert("document", name.clone());
                attrs.insert("accessed", cite.accessed.as_deref());
                attrs.insert("locator", cite.locator.as_deref());
                if let Some(u) = &cite.url {
                    attrs.insert("url", u.as_str());
                }
                attrs.insert("span", m.span);
                g.add_edge(
                    &id,
                    &source_id(src),
                    Edge {
                        kind: EdgeKind::Cites,
                        key: ["cites:", itoa::Buffer::new().format(m.n)].concat().into(),
                        attrs,
                    },
                );
            }
        }
    }
    let cx = Context {
        input,
        name,
        claims,
        ex,
        mentions: super::entities::by_block(ex),
    };
    let sentences = super::entities::add(&mut g, &cx);
    super::drivers::add(&mut g, &cx);
    for n in sentences {
        g.add_node(n);
    }
    g.settle();
    g
}

pub fn claim_id(doc: &str, span: Span) -> String {
    span_id("claim:", doc, span)
}

/// The id of a node that stands at `span` of a document: `prefix`, the document and the span's
/// start (`claim:seed:1234`), joined without `format!` (one is made for every claim and sentence).
pub(super) fn span_id(prefix: &str, doc: &str, span: Span) -> String {
    [prefix, doc, ":", itoa::Buffer::new().format(span.start)].concat()
}

pub fn source_id(s: &Source) -> String {
    ["source:", &s.key].concat()
}

/// `page` and `bbox` of a span of a PDF's text.
pub(super) fn place(attrs: &mut Attrs, input: &Input, at: Span) {
    if let Some(p) = input.layout.and_then(|l| l.locate(at)) {
        attrs.insert("page", json!(p.page));
        attrs.insert("bbox", bbox(p.bbox));
    }
}

/// A box in PDF points, to a hundredth of a point.
fn bbox(b: [f32; 4]) -> Value {
    let r = |x: f32| (f64::from(x) * 100.0).round() / 100.0;
    Value::Array(b.iter().map(|&x| r(x).into()).collect())
}

fn source_node(input: &Input, name: &Value, doc: &Document, s: &Source) -> Node {
    let c = &s.citation;
    let mut a = Attrs::new();
    a.insert("type", json!(c.kind));
    a.insert("title", c.title.as_deref());
    a.insert("authors", json!(c.authors));
    a.insert("institution", c.institution.as_deref());
    a.insert("container", c.container.as_deref());
    a.insert("volume", c.volume.as_deref());
    a.insert("issue", c.issue.as_deref());
    a.insert("pages", c.pages.as_deref());
    a.insert("date", c.date.as_deref());
    a.insert("accessed", c.accessed.as_deref());
    a.insert("url", c.url.as_deref());
    if s.urls.len() > 1 {
        a.insert("urls", json!(s.urls));
    }
    a.insert("doi", c.doi.as_deref());
    let notes: thin_vec::ThinVec<Value> = s
        .notes
        .iter()
        .map(|&n| {
            let at = doc.note(n).map(|x| x.span).unwrap_or(s.span);
            let mut o = thin_vec::thin_vec![
                ("document".into(), name.clone()),
                ("n".into(), Value::from(n)),
                ("span".into(), Value::from(at)),
            ];
            if let Some(p) = input.layout.and_then(|l| l.locate(at)) {
                o.push(("page".into(), Value::from(p.page)));
                o.push(("bbox".into(), bbox(p.bbox)));
            }
            Value::Object(o)
        })
        .collect();
    a.insert("footnotes", Value::Array(notes));
    a.insert("raw", s.raw.as_str());
    let label = c
        .title
        .clone()
        .or_else(|| c.container.clone())
        .or_else(|| c.institution.clone())
        .or_else(|| c.url.clone())
        .unwrap_or_else(|| short(&s.raw, 80));
    Node {
        id: source_id(s).into(),
        kind: NodeKind::Source,
        label: short(&label, 120).into(),
        attrs: a,
    }
}

/// A node's text, and its label as [`short`] makes it: one string when the text is its own label
/// (a text of up to `max` characters; a corpus holds a label for each claim and sentence).
pub fn text_and_label(text: &str, max: usize) -> (Str, Str) {
    let whole = Str::from(text);
    let label = short(text, max);
    if label == text {
        (whole.clone(), whole)
    } else {
        (whole, label.into())
    }
}

/// At most `max` characters, cut at a word with an ellipsis.
pub fn short(s: &str, max: usize) -> String {
    // (no longer in bytes than `max`: no longer in characters, and no need to count them)
    if s.len() <= max {
        return s.to_string();
    }
    // (the first `max` characters as a slice of `s`, not collected into a string of their own)
    let Some((end, _)) = s.char_indices().nth(max) else {
        return s.to_string();
    };
    let cut = s.get(..end).unwrap_or(s);
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut.get(..i).unwrap_or(cut),
        _ => cut,
    };
    [cut.trim_end_matches([',', ';', ':', ' ']), "…"].concat()
}

#[cfg(test)]
mod tests {
    use crate::graph::{EdgeKind, NodeKind, Str};

    /// A text that is its own label is one string for both, and a relation's `sentence` is the
    /// string of its sentence node's id: a corpus holds one of each per claim and sentence.
    #[test]
    fn a_node_shares_its_text_and_its_sentence_id() {
        let text = "Intro\n\nIndia signed the accord with Japan in 2019 after many rounds of talks between \
                    their trade ministries.¹ Brazil sanctioned Russia.\n\n¹ A Note, 2020.\n";
        let g = crate::build_text("d", "d.md", text);
        let text_of = |id: &str| match g.node(id).and_then(|n| n.attrs.get("text")) {
            Some(crate::graph::Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        let sentence = g.nodes().find(|n| n.kind == NodeKind::Sentence);
        let Some(s) = sentence else {
            panic!("no sentence node: {:#?}", g.nodes().collect::<Vec<_>>());
        };
        assert!(text_of(&s.id).is_some_and(|t| Str::ptr_eq(&t, &s.label)));
        let claim = g.nodes().find(|n| n.kind == NodeKind::Claim);
        let Some(c) = claim else {
            panic!("no claim");
        };
        let long = text_of(&c.id);
        assert!(long.as_ref().is_some_and(|t| t.len() > 80 && !Str::ptr_eq(t, &c.label)));
        assert!(c.label.ends_with('…'));
        let by_sentence: Vec<Str> = g
            .edges()
            .filter(|(_, _, e)| e.kind == EdgeKind::Relation)
            .filter_map(|(_, _, e)| match e.attrs.get("sentence") {
                Some(crate::graph::Value::String(id)) => Some(id.clone()),
                _ => None,
            })
            .collect();
        assert!(by_sentence.iter().any(|id| Str::ptr_eq(id, &s.id)), "{by_sentence:?}");
        assert!(by_sentence.iter().any(|id| Str::ptr_eq(id, &c.id)), "{by_sentence:?}");
    }
}
