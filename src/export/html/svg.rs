//! A [`Drawing`] → SVG markup. Every piece of document text goes through [`escape::xml`]; nodes
//! carry `data-i` (their index in the embedded JSON) so the page's script can find them, and in
//! the page they are focusable buttons.

use super::layout::{text_width, Drawing, Shape, FONT};
use crate::export::escape;
// (coordinates as `{:.1}` writes them, without its slow path: see `Fixed1`)
use crate::export::num::Fixed1 as F;
use crate::graph::Node;
use crate::graph::NodeKind;
use std::fmt::Write;

const LEGEND_ROW: f64 = 20.0;

/// Rows of the legend, wrapped at `w`: ((x, y) per item), total height.
fn legend_layout(d: &Drawing, page: bool) -> (Vec<(f64, f64)>, f64) {
    if d.legend.is_empty() || page {
        return (Vec::new(), 0.0);
    }
    let (mut x, mut y) = (10.0, 14.0);
    let mut at = Vec::new();
    for (text, ..) in &d.legend {
        let w = 28.0 + text_width(text, 11.0);
        if x > 10.0 && x + w > d.w {
            x = 10.0;
            y += LEGEND_ROW;
        }
        at.push((x, y));
        x += w;
    }
    (at, y + 16.0)
}

/// Total height of the drawing with its legend.
pub fn height(d: &Drawing, page: bool) -> f64 {
    legend_layout(d, page).1 + d.h
}

pub fn mark(out: &mut impl Write, shape: Shape, r: f64, fill: &str, stroke: &str) {
    let _ = match shape {
        Shape::Circle => write!(
            out,
            r#"<circle r="{}" fill="{fill}" stroke="{stroke}" stroke-width="1"/>"#,
            F(r)
        ),
        Shape::Diamond => {
            let r = r * 1.15;
            write!(
                out,
                r#"<path d="M0 {}L{r} 0L0 {r}L{} 0Z" fill="{fill}" stroke="{stroke}" stroke-width="1"/>"#,
                F(-r),
                F(-r),
                r = F(r)
            )
        }
        Shape::Rect { w, h } => write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1"/>"#,
            F(-w / 2.0),
            F(-h / 2.0),
            F(w),
            F(h)
        ),
    };
}

/// The legend as HTML for the page: one swatch (a small inline SVG) and a text per entry.
pub fn legend_html(d: &Drawing) -> String {
    let mut out = String::new();
    for (text, fill, stroke, shape) in &d.legend {
        let small = match shape {
            Shape::Rect { .. } => Shape::Rect { w: 14.0, h: 9.0 },
            s => *s,
        };
        out.push_str(r#"<span class="item"><svg width="16" height="14" viewBox="-8 -7 16 14" aria-hidden="true">"#);
        mark(&mut out, small, 5.0, fill, stroke);
        let _ = write!(out, "</svg>{}</span> ", escape::xml(text));
    }
    out
}

/// Writes the drawing's content (legend, edges, edge labels, headers, nodes) translated down by
/// `dy`. `page`: nodes become focusable buttons.
pub fn content(out: &mut impl Write, d: &Drawing, nodes: &[&Node], dy: f64, page: bool) {
    let (legend_at, legend_h) = legend_layout(d, page);
    let _ = write!(out, r#"<g class="drawing" transform="translate(0,{})">"#, F(dy));
    let _ = write!(
        out,
        r##"<defs><marker id="arrow-{v}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="#666666"/></marker></defs>"##,
        v = d.view
    );
    let _ = out.write_str(r##"<g class="legend" font-size="11" fill="#333333">"##);
    for ((text, fill, stroke, shape), (x, y)) in d.legend.iter().zip(&legend_at).filter(|_| !page) {
        let _ = write!(out, r#"<g transform="translate({},{})">"#, F(x + 6.0), F(*y));
        let small = match shape {
            Shape::Rect { .. } => Shape::Rect { w: 14.0, h: 9.0 },
            s => *s,
        };
        mark(out, small, 5.0, fill, stroke);
        let _ = write!(out, r#"<text x="12" y="4">{}</text></g>"#, escape::xml(text));
    }
    let _ = out.write_str("</g>");
    let _ = write!(out, r#"<g transform="translate(0,{})">"#, F(legend_h));
    let _ = out.write_str(r##"<g class="edges" fill="none" stroke="#8a8a8a" stroke-opacity="0.55">"##);
    for e in &d.edges {
        let _ = write!(
            out,
            r#"<path class="edge k-{}" data-s="{}" data-t="{}" d="{}" stroke-width="{}""#,
            escape::xml(&e.kind.replace(' ', " k-")),
            e.s,
            e.t,
            e.d,
            F(e.width)
        );
        if e.arrow {
            let _ = write!(out, r#" marker-end="url(#arrow-{})""#, d.view);
        }
        let _ = out.write_str("/>");
    }
    let _ = out.write_str("</g>");
    let _ = out.write_str(
        r##"<g class="edge-labels" font-size="10" fill="#444444" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">"##,
    );
    for e in &d.edges {
        if let Some((x, y, text)) = &e.label {
            let _ = write!(
                out,
                r#"<text data-s="{}" data-t="{}" x="{}" y="{}">{}</text>"#,
                e.s,
                e.t,
                F(*x),
                F(y + 3.0),
                escape::xml(text)
            );
        }
    }
    let _ = out.write_str("</g>");
    let _ = out.write_str(r##"<g class="headers" font-weight="bold" fill="#222222">"##);
    for h in &d.headers {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}">{}</text>"#,
            F(h.x),
            F(h.y),
            F(h.size),
            escape::xml(&h.text)
        );
    }
    let _ = out.write_str("</g>");
    let _ = write!(
        out,
        r##"<g class="nodes" font-size="{FONT}" fill="#1a1a1a" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"##
    );
    for n in &d.nodes {
        let Some(node) = nodes.get(n.i) else { continue };
        let full = match node.attrs.get("text").and_then(|v| v.as_str()) {
            Some(t) if node.kind == NodeKind::Claim => t,
            _ => node.label.as_str(),
        };
        let _ = write!(
            out,
            r#"<g class="node k-{}" data-i="{}""#,
            escape::xml(node.kind.as_str()),
            n.i
        );
        if page {
            let _ = write!(
                out,
                r#" tabindex="0" role="button" aria-label="{}: {}""#,
                crate::export::vocab::class(node.kind),
                escape::xml(&n.label)
            );
        }
        let _ = write!(
            out,
            r#" transform="translate({},{})"><title>{}</title>"#,
            F(n.x),
            F(n.y),
            escape::xml(full)
        );
        mark(out, n.shape, n.r, n.fill, n.stroke);
        let _ = write!(out, r#"<text x="{}" y="{}""#, F(n.lx), F(n.ly));
        if n.anchor != "start" {
            let _ = write!(out, r#" text-anchor="{}""#, n.anchor);
        }
        if n.strong {
            let _ = out.write_str(r#" font-weight="bold""#);
        }
        let _ = write!(out, ">{}</text></g>", escape::xml(&n.label));
    }
    let _ = out.write_str("</g></g></g>");
}

/// The three drawings stacked in one standalone SVG document, each under its title.
pub fn standalone(drawings: &[Drawing], nodes: &[&Node], title: &str) -> String {
    let w = drawings.iter().map(|d| d.w).fold(600.0f64, f64::max);
    let mut body = String::new();
    let mut y = 50.0;
    for d in drawings {
        let _ = write!(
            body,
            r##"<text x="10" y="{}" font-size="18" font-weight="bold" fill="#222222">{}</text>"##,
            F(y + 14.0),
            escape::xml(d.title)
        );
        y += 26.0;
        content(&mut body, d, nodes, y, false);
        y += height(d, false) + 40.0;
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{y:.0}\" viewBox=\"0 0 {w:.0} {y:.0}\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"10\" y=\"24\" font-size=\"20\" font-weight=\"bold\" fill=\"#111111\">{}</text>\n",
        escape::xml(title),
        escape::xml(title)
    );
    out.push_str(&body);
    out.push_str("\n</svg>\n");
    out
}
