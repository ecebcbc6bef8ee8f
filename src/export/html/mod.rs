//! The offline viewer: a [`KnowledgeGraph`] → one self-contained HTML page (`NAME.html`), and
//! the same drawing as a standalone SVG (`NAME.svg`).
//!
//! The graph is laid out here, in Rust ([`layout`], [`force`]): three drawings, written as SVG
//! into the page ([`svg`]). The page embeds the contract's node-link JSON
//! ([`crate::export::json::value`]) in a `<script type="application/json">` element, escaped for
//! that context, and carries the project's own small script (`page.js`) for tabs, pan and zoom,
//! selection, the side panel, search, filters and the diagnostics list. Nothing is loaded from
//! anywhere: no CDN, no font, no image; a Content-Security-Policy forbids any fetch. Document text
//! is data, never markup: XML-escaped in the SVG, JSON-escaped in the data, and the script builds
//! the panel with text nodes only.
//!
//! The page embeds the graph as `policykg/1` has it, each relation's evidence sentence written
//! into the edge, whichever schema the build writes: a page is read by a person, its script reads
//! one shape, and the page of a `policykg/2` build is the same bytes as that of `--schema 1`. The
//! graph is read so as the page is written ([`Indexed::v1`], `json::Streamed::v1`), not copied.

pub mod force;
pub mod layout;
pub mod svg;

use super::Sink;
use crate::export::escape;
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::graph::{NodeKind, Schema};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

const TEMPLATE: &str = include_str!("template.html");
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// The graph's nodes by position (the order of [`KnowledgeGraph::nodes`], which is the order of
/// the JSON's `nodes`), and its edges as position pairs.
pub struct Indexed<'a> {
    pub nodes: Vec<&'a Node>,
    pub edges: Vec<(usize, usize, &'a Edge)>,
    pub documents: &'a [String],
    /// The document nodes by id (asked once for each claim of a corpus).
    titles: BTreeMap<&'a str, &'a str>,
}

impl<'a> Indexed<'a> {
    pub fn new(g: &'a KnowledgeGraph) -> Indexed<'a> {
        Indexed::keeping(g, |_| true)
    }

    /// The graph as `policykg/1` has it: without `sentence` nodes (see
    /// [`KnowledgeGraph::to_v1`]; the drawings read no relation's evidence).
    fn v1(g: &'a KnowledgeGraph) -> Indexed<'a> {
        let v2 = g.schema != Schema::V1;
        Indexed::keeping(g, |n| !(v2 && n.kind == NodeKind::Sentence))
    }

    /// The nodes `keep` keeps, and the edges between them.
    fn keeping(g: &'a KnowledgeGraph, keep: impl Fn(&Node) -> bool) -> Indexed<'a> {
        let nodes: Vec<&Node> = g.nodes().filter(|n| keep(n)).collect();
        let pos: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let edges = g
            .edges()
            .filter_map(|(s, t, e)| Some((*pos.get(s)?, *pos.get(t)?, e)))
            .collect();
        let titles = nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Document)
            .map(|n| (n.id.as_str(), n.label.as_str()))
            .collect();
        Indexed {
            nodes,
            edges,
            documents: &g.documents,
            titles,
        }
    }

    /// The node at position `i`.
    pub fn node(&self, i: usize) -> Option<&'a Node> {
        self.nodes.get(i).copied()
    }

    /// The title of the document with id `doc`, else the id.
    pub fn doc_title(&self, doc: &str) -> String {
        self.titles.get(doc).map_or(doc, |t| *t).to_string()
    }

    fn title(&self) -> String {
        match self.documents {
            [one] => self.doc_title(one),
            [] => "Knowledge graph".to_string(),
            many => format!("Corpus of {} documents", many.len()),
        }
    }
}

/// The exporter of the standalone SVG: `NAME.svg`.
pub fn export_svg(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.svg"), &|w| w.write_all(&svg(g)))
}

/// The standalone SVG: the three drawings stacked, with their titles and legends.
pub fn svg(g: &KnowledgeGraph) -> Vec<u8> {
    let ix = Indexed::new(g);
    let drawings = layout::all(&ix);
    svg::standalone(&drawings, &ix.nodes, &ix.title()).into_bytes()
}

/// The exporter: `NAME.html`, streamed.
pub fn export(name: &str, g: &KnowledgeGraph, out: &mut dyn Sink) -> crate::Result<()> {
    out.file(&format!("{name}.html"), &|w| write_to(g, w))
}

/// The self-contained page (of the graph as `policykg/1` has it).
pub fn write(g: &KnowledgeGraph) -> Vec<u8> {
    crate::export::in_memory(&|w| write_to(g, w))
}

/// Nodes and edges beyond which a page's data is streamed into it (see [`write_to`]): the seed
/// × 100 has some 64,000, a paper a few hundred.
const LARGE: usize = 20_000;

/// The page's data: the graph's JSON as `policykg/1` has it, compact, escaped for the `<script>`
/// element as it is serialised.
fn embed(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // (buffered: the serialiser writes token by token)
    let mut out = std::io::BufWriter::with_capacity(1 << 16, escape::ScriptJson::new(w));
    serde_json::to_writer(&mut out, &crate::export::json::Streamed::v1(g))?;
    out.into_inner()
        .map_err(std::io::IntoInnerError::into_error)?
        .finish()?;
    Ok(())
}

/// [`write`] into `w`. A `policykg/2` graph is read as `policykg/1` has it, not copied.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let ix = Indexed::v1(g);
    // A small graph's data is serialised beside the drawings, on the build's threads (a
    // one-paper build waits on its page last); a large one's, the bulk of its page, is written
    // straight into the file when its place comes, never held in memory.
    let large = g.node_count() + g.edge_count() > LARGE;
    let (drawings, data) = rayon::join(
        || layout::all(&ix),
        || {
            (!large).then(|| {
                let mut data = Vec::new();
                match embed(g, &mut data) {
                    Ok(()) => data,
                    Err(_) => b"{}".to_vec(),
                }
            })
        },
    );
    let title = ix.title();
    // each view's opening tag; its drawing is written into the file in its place, not held:
    // a corpus's citations view draws every claim
    let mut heads: Vec<String> = Vec::with_capacity(drawings.len());
    let mut tabs = String::new();
    let mut legends = String::new();
    for (k, d) in drawings.iter().enumerate() {
        let h = svg::height(d, true);
        let _ = write!(
            legends,
            r#"<details class="legend" open data-view="{v}"{hidden}><summary>Legend</summary>{items}</details>"#,
            v = d.view,
            hidden = if k == 0 { "" } else { " hidden" },
            items = svg::legend_html(d)
        );
        let _ = write!(
            tabs,
            r#"<button type="button" role="tab" class="tab" id="tab-{v}" aria-controls="view-{v}" aria-selected="{sel}" data-view="{v}">{t} <span class="count">{n}</span></button>"#,
            v = d.view,
            t = d.title,
            sel = k == 0,
            n = d.nodes.len()
        );
        let mut views = String::new();
        let _ = write!(
            views,
            r#"<svg class="view" id="view-{v}" role="tabpanel" aria-labelledby="tab-{v}" data-w="{w:.0}" data-h="{h:.0}"{focus} viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif"{hidden}>"#,
            v = d.view,
            w = d.w,
            focus = d
                .focus
                .map(|(x, y)| format!(r#" data-cx="{x:.0}" data-cy="{y:.0}""#))
                .unwrap_or_default(),
            hidden = if k == 0 { "" } else { " hidden" }
        );
        if d.nodes.is_empty() {
            let _ = write!(
                views,
                r##"<text x="20" y="90" font-size="14" fill="#555555">Nothing to show: this graph has no {} yet.</text>"##,
                d.view
            );
        }
        heads.push(views);
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
    let mut rest = TEMPLATE;
    while let Some(a) = rest.find("{{") {
        out.write_all(rest.get(..a).unwrap_or_default().as_bytes())?;
        let Some(b) = rest[a..].find("}}").map(|b| a + b) else {
            break;
        };
        match &rest[a + 2..b] {
            "TITLE" => out.write_all(escape::xml(&title).as_bytes())?,
            "STYLE" => out.write_all(STYLE.as_bytes())?,
            "TABS" => out.write_all(tabs.as_bytes())?,
            "VIEWS" => {
                for (d, head) in drawings.iter().zip(&heads) {
                    out.write_all(head.as_bytes())?;
                    let mut svg = crate::export::FmtIo::new(&mut out);
                    svg::content(&mut svg, d, &ix.nodes, 0.0, true);
                    svg.finish()?;
                    out.write_all(b"</svg>")?;
                }
            }
            "LEGENDS" => out.write_all(legends.as_bytes())?,
            "DATA" => match &data {
                Some(data) => out.write_all(data)?,
                None => embed(g, &mut out)?,
            },
            "SCRIPT" => out.write_all(SCRIPT.as_bytes())?,
            other => out.write_all(other.as_bytes())?,
        }
        rest = &rest[b + 2..];
    }
    out.write_all(rest.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    /// A file that fails once, at the write that would pass `room` bytes, and takes the rest:
    /// an error anywhere must reach the caller, even one the writes after it do not repeat.
    struct Full {
        room: usize,
        got: usize,
        failed: bool,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if !self.failed && self.got + buf.len() > self.room {
                self.failed = true;
                return Err(std::io::Error::other("disk full"));
            }
            self.got += buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The drawings go straight into the file: a file that fails anywhere, in a drawing too,
    /// fails the page (never a page cut short taken for whole).
    #[test]
    fn a_failed_write_fails_the_page() {
        // enough claims that the drawings outgrow the page's 64 KiB buffer
        let mut text = String::from("A Memo\n\nIntro\n\n");
        for n in 1..=300 {
            text.push_str(&format!(
                "The United States imposed tariffs on China in round {n}.[^{n}] "
            ));
        }
        text.push_str("\n\n");
        for n in 1..=300 {
            text.push_str(&format!(
                "[^{n}]: Jane Doe, “Tariffs {n},” *Daily News*, <https://example.org/t/{n}>.\n\n"
            ));
        }
        let g = crate::build_text("memo", "memo.md", &text);
        let page = super::write(&g);
        let mut whole = Full {
            room: page.len(),
            got: 0,
            failed: false,
        };
        assert!(super::write_to(&g, &mut whole).is_ok());
        assert_eq!(whole.got, page.len());
        let view = String::from_utf8_lossy(&page).find(r#"<svg class="view""#).unwrap_or(0);
        assert!(view > 0, "the page has its drawings");
        // the page is written through a 64 KiB buffer: cut within the drawings and past them
        assert!(page.len() > view + 140_000, "drawings of {} bytes", page.len() - view);
        for room in [view + 100, view + 70_000, page.len() - 1] {
            let mut short = Full {
                room,
                got: 0,
                failed: false,
            };
            let result = super::write_to(&g, &mut short).map_err(|e| e.to_string());
            assert_eq!(result, Err("disk full".to_string()), "room {room} of {}", page.len());
        }
    }
}
