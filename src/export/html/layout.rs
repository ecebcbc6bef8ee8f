//! The three drawings of the viewer, laid out in Rust: **relationships** (force-directed, one
//! connected component at a time, packed on shelves), **citations** (claims by section on the
//! left, sources on the right at the height of the claims citing them) and **drivers** (drivers
//! grouped by polarity × level in the middle, supporting claims left, involved actors and
//! agreements right). Every position is a pure function of the graph: no hash order, fixed seeds.

use super::force::{self, Extent};
use super::Indexed;
use crate::export::num::Fixed1 as F;
use crate::export::vocab::{Palette, Swatch};
use crate::graph::Node;
use crate::graph::Value;
use crate::graph::{EdgeKind, NodeKind};
use petgraph::graph::UnGraph;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// Font size of node labels in the drawing (px).
pub const FONT: f64 = 12.0;
const ROW: f64 = 22.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Circle,
    Diamond,
    Rect { w: f64, h: f64 },
}

#[derive(Debug, Clone)]
pub struct DNode {
    /// Index into the graph's node list (and the embedded JSON's `nodes`).
    pub i: usize,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub shape: Shape,
    /// (colours are the palette's: no string of their own per node)
    pub fill: &'static str,
    pub stroke: &'static str,
    pub label: String,
    /// Label position relative to the node, and its anchor (`start`, `middle`, `end`).
    pub lx: f64,
    pub ly: f64,
    pub anchor: &'static str,
    pub strong: bool,
}

#[derive(Debug, Clone)]
pub struct DEdge {
    pub s: usize,
    pub t: usize,
    pub kind: Cow<'static, str>,
    pub d: String,
    pub width: f64,
    pub arrow: bool,
    pub label: Option<(f64, f64, String)>,
}

#[derive(Debug, Clone)]
pub struct Header {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub size: f64,
}

#[derive(Debug, Clone)]
pub struct Drawing {
    pub view: &'static str,
    pub title: &'static str,
    pub w: f64,
    pub h: f64,
    pub nodes: Vec<DNode>,
    pub edges: Vec<DEdge>,
    pub headers: Vec<Header>,
    pub legend: Vec<(String, String, String, Shape)>,
    /// Where the page centres the view at first (the most mentioned node), if anywhere.
    pub focus: Option<(f64, f64)>,
}

/// Estimated width of `s` in px at font size `size` (generous, so estimated boxes hold the real
/// text).
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if c as u32 >= 0x1100 {
                1.05
            } else if c.is_uppercase() || c.is_ascii_digit() || matches!(c, 'm' | 'w' | '@' | '%') {
                0.74
            } else if matches!(c, 'i' | 'l' | 'j' | '.' | ',' | '\'' | ' ' | '!' | '|') {
                0.34
            } else {
                0.6
            }
        })
        .sum::<f64>()
        * size
}

/// `s` on one line (whitespace runs and control characters collapsed to one space), cut to at
/// most `max` characters with an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    let one: String = s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let mut out: String = one.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

fn num(n: &Node, key: &str) -> f64 {
    n.attrs.get(key).and_then(Value::as_f64).unwrap_or(0.0)
}

fn text<'a>(n: &'a Node, key: &str) -> &'a str {
    n.attrs.get(key).and_then(Value::as_str).unwrap_or("")
}

fn mentions(n: &Node) -> f64 {
    num(n, "mentions")
}

/// The legend of the typed kinds among `kinds`, with the shapes the drawings give them.
fn legend_of(colours: &Palette, kinds: &[NodeKind]) -> Vec<(String, String, String, Shape)> {
    colours.legend(kinds).into_iter().map(swatch).collect()
}

fn swatch(s: Swatch) -> (String, String, String, Shape) {
    let shape = match s.kind {
        NodeKind::Agreement => Shape::Diamond,
        NodeKind::Driver => Shape::Rect { w: 18.0, h: 10.0 },
        _ => Shape::Circle,
    };
    (s.text, s.fill.to_string(), s.stroke.to_string(), shape)
}

fn shape_of(n: &Node) -> Shape {
    if n.kind == NodeKind::Agreement {
        Shape::Diamond
    } else {
        Shape::Circle
    }
}

fn curve(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    let xm = (x1 + x2) / 2.0;
    let (x1, y1, xm, x2, y2) = (F(x1), F(y1), F(xm), F(x2), F(y2));
    format!("M{x1} {y1}C{xm} {y1} {xm} {y2} {x2} {y2}")
}

pub fn all(ix: &Indexed) -> Vec<Drawing> {
    let colours = Palette::new(ix.nodes.iter().copied());
    // each drawing is laid out on its own, so on the build's threads at once
    let (r, (c, d)) = rayon::join(
        || relationships(ix, &colours),
        || rayon::join(|| citations(ix, &colours), || drivers(ix, &colours)),
    );
    vec![r, c, d]
}

fn is_entity(n: &Node) -> bool {
    matches!(n.kind, NodeKind::Actor | NodeKind::Agreement)
}

/// Actors and agreements; `relation` and `party_to` edges labelled by predicate.
pub fn relationships(ix: &Indexed, colours: &Palette) -> Drawing {
    // unordered pair → its edges as (source, target, predicate, kind)
    type Pairs<'a> = BTreeMap<(usize, usize), Vec<(usize, usize, String, &'a str)>>;
    let mut pairs: Pairs = BTreeMap::new();
    for &(s, t, e) in &ix.edges {
        if matches!(e.kind, EdgeKind::Relation | EdgeKind::PartyTo)
            && s != t
            && ix.node(s).is_some_and(is_entity)
            && ix.node(t).is_some_and(is_entity)
        {
            let p = e
                .attrs
                .get("predicate")
                .and_then(Value::as_str)
                .unwrap_or(e.kind.as_str())
                .to_string();
            pairs
                .entry((s.min(t), s.max(t)))
                .or_default()
                .push((s, t, p, e.kind.as_str()));
        }
    }
    let radius = |n: &Node| (5.0 + 2.2 * num(n, "mentions").sqrt()).min(20.0);
    let label_of = |n: &Node| clip(&n.label, 28);
    let extent = |n: &Node| {
        let r = radius(n);
        let half = (text_width(&label_of(n), FONT) / 2.0).max(r);
        Extent {
            left: half,
            right: half,
            up: r,
            down: r + FONT + 6.0,
        }
    };
    // connected components over the related entities, in node order
    let related: BTreeSet<usize> = pairs.keys().flat_map(|&(a, b)| [a, b]).collect();
    let mut comp: BTreeMap<usize, usize> = BTreeMap::new();
    let mut parent: BTreeMap<usize, usize> = related.iter().map(|&i| (i, i)).collect();
    fn find(p: &mut BTreeMap<usize, usize>, i: usize) -> usize {
        let mut r = i;
        while let Some(&q) = p.get(&r) {
            if q == r {
                break;
            }
            r = q;
        }
        p.insert(i, r);
        r
    }
    for &(a, b) in pairs.keys() {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &related {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a.first().cmp(&b.first())));
    for (ci, g) in groups.iter().enumerate() {
        for &i in g {
            comp.insert(i, ci);
        }
    }
    // each component's pairs, in the order of `pairs` (one pass: a corpus has components by the
    // thousand)
    let mut links: Vec<Vec<(usize, usize)>> = vec![Vec::new(); groups.len()];
    for &(a, b) in pairs.keys() {
        if let Some(l) = comp.get(&a).and_then(|&c| links.get_mut(c)) {
            l.push((a, b));
        }
    }
    // lay out each component, then pack them on shelves
    let mut placed: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    // per component: its nodes at (x, y) from its corner, its width and height
    type Laid = (Vec<(usize, f64, f64)>, f64, f64);
    let mut laid: Vec<Laid> = Vec::new();
    for (ci, g) in groups.iter().enumerate() {
        // the component's entities and their boxes, in the order of the layout's positions
        let boxes: Vec<(usize, Extent)> = g.iter().filter_map(|&i| Some((i, extent(ix.node(i)?)))).collect();
        let mut ug = UnGraph::<Extent, ()>::new_undirected();
        let local: BTreeMap<usize, petgraph::graph::NodeIndex> =
            boxes.iter().map(|&(i, e)| (i, ug.add_node(e))).collect();
        for &(a, b) in links.get(ci).into_iter().flatten() {
            if let (Some(&la), Some(&lb)) = (local.get(&a), local.get(&b)) {
                ug.add_edge(la, lb, ());
            }
        }
        let pos = force::layout(&ug, 95.0, 0x5eed + ci as u64);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (&(_, e), &(x, y)) in boxes.iter().zip(&pos) {
            x0 = x0.min(x - e.left);
            x1 = x1.max(x + e.right);
            y0 = y0.min(y - e.up);
            y1 = y1.max(y + e.down);
        }
        let pts = boxes
            .iter()
            .zip(&pos)
            .map(|(&(i, _), &(x, y))| (i, x - x0, y - y0))
            .collect();
        laid.push((pts, x1 - x0, y1 - y0));
    }
    let shelf = laid.first().map_or(0.0, |l| l.1).max(900.0);
    let (mut x, mut y, mut row_h, mut w) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    let pad = 40.0;
    for (pts, lw, lh) in &laid {
        if x > 0.0 && x + lw > shelf {
            x = 0.0;
            y += row_h + pad;
            row_h = 0.0;
        }
        for &(i, px, py) in pts {
            placed.insert(i, (px + x + 10.0, py + y + 10.0));
        }
        x += lw + pad;
        w = w.max(x);
        row_h = row_h.max(*lh);
    }
    let mut h = if laid.is_empty() { 0.0 } else { y + row_h + 20.0 };
    let mut nodes = Vec::new();
    for (&i, &(px, py)) in &placed {
        let Some(n) = ix.node(i) else {
            continue;
        };
        let r = radius(n);
        let (fill, stroke) = colours.fill(n);
        nodes.push(DNode {
            i,
            x: px,
            y: py,
            r,
            shape: shape_of(n),
            fill,
            stroke,
            label: label_of(n),
            lx: 0.0,
            ly: r + FONT + 1.0,
            anchor: "middle",
            strong: mentions(n) >= 20.0,
        });
    }
    let focus = nodes
        .iter()
        .max_by(|a, b| {
            let (ma, mb) = (ix.node(a.i).map_or(0.0, mentions), ix.node(b.i).map_or(0.0, mentions));
            ma.total_cmp(&mb).then(b.i.cmp(&a.i))
        })
        .map(|d| (d.x, d.y));
    // edges, shortened to the marks' rims, with labels where they fit
    let mut taken = Taken::default();
    for d in &nodes {
        if let Some(e) = ix.node(d.i).map(extent) {
            taken.push((d.x - e.left, d.y - e.up, d.x + e.right, d.y + e.down));
        }
    }
    let mut edges = Vec::new();
    for (&(a, b), list) in &pairs {
        let (Some(&(ax, ay)), Some(&(bx, by))) = (placed.get(&a), placed.get(&b)) else {
            continue;
        };
        let forward = list.iter().all(|(s, ..)| *s == a);
        let backward = list.iter().all(|(s, ..)| *s == b);
        let ((sx, sy, si), (tx, ty, ti)) = if backward {
            ((bx, by, b), (ax, ay, a))
        } else {
            ((ax, ay, a), (bx, by, b))
        };
        let (Some(sn), Some(tn)) = (ix.node(si), ix.node(ti)) else {
            continue;
        };
        let (dx, dy) = (tx - sx, ty - sy);
        let d = (dx * dx + dy * dy).sqrt().max(0.1);
        let (rs, rt) = (radius(sn), radius(tn) + if forward || backward { 3.0 } else { 0.0 });
        let (x1, y1, x2, y2) = (sx + dx / d * rs, sy + dy / d * rs, tx - dx / d * rt, ty - dy / d * rt);
        let mut text = clip(list.first().map_or("", |(_, _, p, _)| p), 26);
        if list.len() > 1 {
            text = format!("{text} (+{})", list.len() - 1);
        }
        let tw = text_width(&text, 10.0) + 4.0;
        let mut label = None;
        for t in [0.5, 0.38, 0.62, 0.28, 0.72] {
            let (lx, ly) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
            let bx = (lx - tw / 2.0, ly - 9.0, lx + tw / 2.0, ly + 4.0);
            if taken.free(bx) {
                taken.push(bx);
                label = Some((lx, ly, text.clone()));
                break;
            }
        }
        edges.push(DEdge {
            s: si,
            t: ti,
            // the kinds of relation edge between the pair, either way
            kind: list
                .iter()
                .map(|&(.., k)| k)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
            d: format!("M{} {}L{} {}", F(x1), F(y1), F(x2), F(y2)),
            width: 1.2 + (list.len() as f64 - 1.0).min(3.0) * 0.7,
            arrow: forward || backward,
            label,
        });
    }
    // the entities with no stated relation, in a grid below
    let mut rest: Vec<(usize, &Node)> = ix
        .nodes
        .iter()
        .copied()
        .enumerate()
        .filter(|&(i, n)| is_entity(n) && !placed.contains_key(&i))
        .collect();
    rest.sort_by(|&(a, an), &(b, bn)| mentions(bn).total_cmp(&mentions(an)).then(a.cmp(&b)));
    let mut headers = Vec::new();
    if !rest.is_empty() {
        let top = h + 24.0;
        headers.push(Header {
            x: 10.0,
            y: top,
            text: "Also mentioned, with no relation stated:".into(),
            size: 13.0,
        });
        let cell = 210.0;
        let cols = ((w.max(900.0) / cell).floor() as usize).max(1);
        w = w.max(cols as f64 * cell);
        for (k, &(i, n)) in rest.iter().enumerate() {
            let r = radius(n).min(9.0);
            let (fill, stroke) = colours.fill(n);
            nodes.push(DNode {
                i,
                x: 20.0 + (k % cols) as f64 * cell,
                y: top + 26.0 + (k / cols) as f64 * ROW,
                r,
                shape: shape_of(n),
                fill,
                stroke,
                label: clip(&n.label, 24),
                lx: 14.0,
                ly: 4.0,
                anchor: "start",
                strong: false,
            });
        }
        h = top + 26.0 + (rest.len().div_ceil(cols)) as f64 * ROW;
    }
    // Tab order follows reading order: bands of 60 px from the top, left to right in each
    nodes.sort_by(|a, b| {
        ((a.y / 60.0).floor(), a.x, a.i)
            .partial_cmp(&((b.y / 60.0).floor(), b.x, b.i))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Drawing {
        view: "relationships",
        title: "Relationships",
        w: w.max(400.0) + 20.0,
        h: h.max(100.0),
        nodes,
        edges,
        headers,
        legend: legend_of(colours, &[NodeKind::Actor, NodeKind::Agreement]),
        focus,
    }
}

/// Boxes (`x0, y0, x1, y1`) placed so far, filed by the cells of a grid they cover, so that
/// whether a new box is free of them asks only those in its cells: a corpus's drawing has
/// thousands of marks and labels, and comparing each label with all of them was n².
#[derive(Default)]
struct Taken {
    boxes: Vec<(f64, f64, f64, f64)>,
    cells: foldhash::HashMap<(i64, i64), Vec<usize>>,
    /// Boxes too odd for the grid (a coordinate not finite, or spanning thousands of cells),
    /// asked every time.
    odd: Vec<usize>,
}

impl Taken {
    /// A cell's width and height: about a label's.
    const CELL: (f64, f64) = (160.0, 40.0);
    /// The most cells a box is filed under, across or down.
    const SPAN: i64 = 1_000;

    /// The cells `b` covers: two boxes that overlap share one (a point of both lies in it).
    /// None for a box the grid does not hold.
    fn cells_of(b: (f64, f64, f64, f64)) -> Option<impl Iterator<Item = (i64, i64)>> {
        if ![b.0, b.1, b.2, b.3].iter().all(|v| v.is_finite()) {
            return None;
        }
        let (w, h) = Self::CELL;
        let (x0, x1) = ((b.0 / w).floor() as i64, (b.2 / w).floor() as i64);
        let (y0, y1) = ((b.1 / h).floor() as i64, (b.3 / h).floor() as i64);
        if x1.saturating_sub(x0) > Self::SPAN || y1.saturating_sub(y0) > Self::SPAN {
            return None;
        }
        Some((x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y))))
    }

    fn push(&mut self, b: (f64, f64, f64, f64)) {
        let i = self.boxes.len();
        self.boxes.push(b);
        match Self::cells_of(b) {
            Some(cells) => {
                for c in cells {
                    self.cells.entry(c).or_default().push(i);
                }
            }
            None => self.odd.push(i),
        }
    }

    /// Whether `b` overlaps no box placed (touching is not overlapping).
    fn free(&self, b: (f64, f64, f64, f64)) -> bool {
        let apart = |o: &(f64, f64, f64, f64)| b.2 <= o.0 || b.0 >= o.2 || b.3 <= o.1 || b.1 >= o.3;
        let Some(cells) = Self::cells_of(b) else {
            return self.boxes.iter().all(apart);
        };
        cells
            .filter_map(|c| self.cells.get(&c))
            .flatten()
            .chain(&self.odd)
            .filter_map(|&i| self.boxes.get(i))
            .all(apart)
    }
}

/// The mean of the heights in `at` of `ids`.
fn mean_at<'a>(at: &BTreeMap<usize, f64>, ids: impl ExactSizeIterator<Item = &'a usize>) -> f64 {
    let n = ids.len();
    ids.filter_map(|i| at.get(i).copied()).sum::<f64>() / n as f64
}

/// Items of one column placed at the mean height of their neighbours, kept `gap` apart.
fn place_by_barycentre(items: &mut [(usize, f64, f64)], start: f64) {
    // (node, barycentre, radius)
    items.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut prev: Option<(f64, f64)> = None;
    for it in items.iter_mut() {
        let min = prev.map_or(start, |(y, r)| y + (r + it.2 + 6.0).max(ROW));
        it.1 = it.1.max(min);
        prev = Some((it.1, it.2));
    }
}

/// A section path as one header no wider than `max` px: the innermost heading as whole as room
/// allows, the outer ones shortened.
fn section_title(path: &[String], max: f64) -> String {
    let Some((last, outer)) = path.split_last() else {
        return "(no section)".to_string();
    };
    let outer: Vec<String> = outer.iter().map(|p| clip(p, 16)).collect();
    let mut keep = last.chars().count();
    loop {
        let mut parts = outer.clone();
        parts.push(clip(last, keep));
        let title = parts.join(" › ");
        if keep <= 12 || text_width(&title, 13.5) <= max {
            return title;
        }
        keep -= 2;
    }
}

fn claim_sort_key(n: &Node) -> (String, u64) {
    let span = n
        .attrs
        .get("span")
        .and_then(Value::items)
        .and_then(|s| s.first()?.as_u64())
        .unwrap_or(0);
    (text(n, "document").to_string(), span)
}

/// Claims grouped by section, each linked to the sources it cites.
pub fn citations(ix: &Indexed, colours: &Palette) -> Drawing {
    let mut claims: Vec<(usize, &Node)> = ix
        .nodes
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::Claim)
        .collect();
    claims.sort_by_cached_key(|&(i, n)| (claim_sort_key(n), i));
    let several = ix.documents.len() > 1;
    let (cx, sx) = (370.0, 560.0);
    let mut nodes = Vec::new();
    let mut headers = vec![
        Header {
            x: 10.0,
            y: 16.0,
            text: "Claims, by section".into(),
            size: 14.0,
        },
        Header {
            x: sx - 6.0,
            y: 16.0,
            text: "Sources (size: citing claims)".into(),
            size: 14.0,
        },
    ];
    let mut y = 30.0;
    let mut last: Option<String> = None;
    let mut at: BTreeMap<usize, f64> = BTreeMap::new();
    for &(i, n) in &claims {
        let mut path: Vec<String> = n
            .attrs
            .get("section")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        if several {
            path.insert(0, ix.doc_title(text(n, "document")));
        }
        let key = if path.is_empty() {
            "(no section)".to_string()
        } else {
            path.join(" › ")
        };
        if last.as_ref() != Some(&key) {
            y += 26.0;
            headers.push(Header {
                x: 10.0,
                y,
                text: section_title(&path, sx - 40.0),
                size: 12.5,
            });
            y += 4.0;
            last = Some(key);
        }
        y += ROW;
        at.insert(i, y);
        nodes.push(claim_dot(i, n, (cx, y), 50, colours));
    }
    let mut citing: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(s, t, e) in &ix.edges {
        if e.kind == EdgeKind::Cites && at.contains_key(&s) {
            citing.entry(t).or_default().insert(s);
        }
    }
    let radius = |c: usize| (4.0 + 2.4 * (c as f64 - 1.0).max(0.0).sqrt()).min(13.0);
    let mut items: Vec<(usize, f64, f64)> = citing
        .iter()
        .map(|(&t, cs)| (t, mean_at(&at, cs.iter()), radius(cs.len())))
        .collect();
    for (i, n) in ix.nodes.iter().enumerate() {
        if n.kind == NodeKind::Source && !citing.contains_key(&i) {
            items.push((i, f64::MAX / 4.0, 4.0));
        }
    }
    place_by_barycentre(&mut items, 52.0);
    let mut h = y;
    let mut edges = Vec::new();
    for &(i, sy, r) in &items {
        let Some(n) = ix.node(i) else {
            continue;
        };
        let c = citing.get(&i).map_or(0, BTreeSet::len);
        let (fill, stroke) = colours.fill(n);
        let mut label = clip(&n.label, 40);
        if c > 1 {
            label = format!("{label}  ×{c}");
        }
        nodes.push(DNode {
            i,
            x: sx,
            y: sy,
            r,
            shape: Shape::Circle,
            fill,
            stroke,
            label,
            lx: r + 6.0,
            ly: 4.0,
            anchor: "start",
            strong: c >= 3,
        });
        h = h.max(sy);
        for &cl in citing.get(&i).into_iter().flatten() {
            let Some(&cy) = at.get(&cl) else {
                continue;
            };
            edges.push(DEdge {
                s: cl,
                t: i,
                kind: Cow::Borrowed("cites"),
                d: curve(cx + 4.5, cy, sx - r, sy),
                width: if c >= 3 { 1.4 } else { 1.0 },
                arrow: false,
                label: None,
            });
        }
    }
    let mut legend = vec![swatch(Palette::swatch(NodeKind::Claim, ""))];
    legend.extend(legend_of(colours, &[NodeKind::Source]));
    Drawing {
        view: "citations",
        title: "Citations",
        w: sx + 300.0,
        h: h + 24.0,
        nodes,
        edges,
        headers,
        legend,
        focus: None,
    }
}

/// Drivers grouped by polarity × level, the claims supporting them and the actors and
/// agreements they involve.
pub fn drivers(ix: &Indexed, colours: &Palette) -> Drawing {
    const ORDER: [(&str, &str); 4] = [
        ("convergence", "systemic"),
        ("convergence", "domestic"),
        ("divergence", "systemic"),
        ("divergence", "domestic"),
    ];
    // (rank, polarity, level) → its drivers
    type Groups<'a> = BTreeMap<(usize, String, String), Vec<(usize, &'a Node)>>;
    let mut groups: Groups = BTreeMap::new();
    for (i, &n) in ix.nodes.iter().enumerate() {
        if n.kind == NodeKind::Driver {
            let (p, l) = (text(n, "polarity").to_string(), text(n, "level").to_string());
            let rank = ORDER.iter().position(|&(a, b)| a == p && b == l).unwrap_or(ORDER.len());
            groups.entry((rank, p, l)).or_default().push((i, n));
        }
    }
    let (cx, dx, bw, ex) = (270.0, 485.0, 230.0, 690.0);
    let mut headers = vec![
        Header {
            x: 10.0,
            y: 16.0,
            text: "Claims supporting them".into(),
            size: 14.0,
        },
        Header {
            x: dx - bw / 2.0,
            y: 16.0,
            text: "Drivers".into(),
            size: 14.0,
        },
        Header {
            x: ex - 6.0,
            y: 16.0,
            text: "Actors, agreements".into(),
            size: 14.0,
        },
    ];
    let mut nodes = Vec::new();
    let mut at: BTreeMap<usize, f64> = BTreeMap::new();
    let mut y = 30.0;
    for ((_, p, l), list) in &groups {
        y += 26.0;
        let title = format!(
            "{} · {}",
            if p.is_empty() { "?" } else { p },
            if l.is_empty() { "?" } else { l }
        );
        headers.push(Header {
            x: dx - bw / 2.0,
            y,
            text: title,
            size: 12.5,
        });
        y += 6.0;
        for &(i, n) in list {
            y += 28.0;
            at.insert(i, y);
            let (fill, stroke) = colours.fill(n);
            nodes.push(DNode {
                i,
                x: dx,
                y,
                r: 12.0,
                shape: Shape::Rect { w: bw, h: 24.0 },
                fill,
                stroke,
                label: clip(&n.label, 32),
                lx: 0.0,
                ly: 4.0,
                anchor: "middle",
                strong: false,
            });
        }
    }
    let mut h = y;
    let mut left: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut right: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for &(s, t, e) in &ix.edges {
        if e.kind == EdgeKind::Supports && at.contains_key(&t) && ix.node(s).is_some_and(|n| n.kind == NodeKind::Claim)
        {
            left.entry(s).or_default().push(t);
        }
        if e.kind == EdgeKind::Involves && at.contains_key(&s) && ix.node(t).is_some_and(is_entity) {
            let w = e.attrs.get("weight").and_then(Value::as_f64).unwrap_or(1.0);
            right.entry(t).or_default().push((s, w));
        }
    }
    let mut edges = Vec::new();
    let mut litems: Vec<(usize, f64, f64)> = left.iter().map(|(&c, ds)| (c, mean_at(&at, ds.iter()), 4.5)).collect();
    place_by_barycentre(&mut litems, 52.0);
    for &(i, cy, _) in &litems {
        let Some(n) = ix.node(i) else {
            continue;
        };
        nodes.push(claim_dot(i, n, (cx, cy), 38, colours));
        h = h.max(cy);
        for &d in left.get(&i).into_iter().flatten() {
            let Some(&y) = at.get(&d) else {
                continue;
            };
            edges.push(DEdge {
                s: i,
                t: d,
                kind: Cow::Borrowed("supports"),
                d: curve(cx + 4.5, cy, dx - bw / 2.0, y),
                width: 1.0,
                arrow: false,
                label: None,
            });
        }
    }
    let radius = |n: &Node| (4.0 + 1.6 * num(n, "mentions").sqrt()).min(10.0);
    let mut ritems: Vec<(usize, f64, f64)> = right
        .iter()
        .filter_map(|(&t, ds)| Some((t, mean_at(&at, ds.iter().map(|d| &d.0)), radius(ix.node(t)?))))
        .collect();
    place_by_barycentre(&mut ritems, 52.0);
    for &(i, ey, r) in &ritems {
        let Some(n) = ix.node(i) else {
            continue;
        };
        let (fill, stroke) = colours.fill(n);
        nodes.push(DNode {
            i,
            x: ex,
            y: ey,
            r,
            shape: shape_of(n),
            fill,
            stroke,
            label: clip(&n.label, 26),
            lx: r + 6.0,
            ly: 4.0,
            anchor: "start",
            strong: false,
        });
        h = h.max(ey);
        for &(d, w) in right.get(&i).into_iter().flatten() {
            let Some(&y) = at.get(&d) else {
                continue;
            };
            edges.push(DEdge {
                s: d,
                t: i,
                kind: Cow::Borrowed("involves"),
                d: curve(dx + bw / 2.0, y, ex - r, ey),
                width: (0.8 + w.sqrt() * 0.5).min(3.0),
                arrow: false,
                label: None,
            });
        }
    }
    let mut legend = vec![
        swatch(Palette::swatch(NodeKind::Claim, "")),
        swatch(Palette::swatch(NodeKind::Driver, "convergence")),
        swatch(Palette::swatch(NodeKind::Driver, "divergence")),
    ];
    legend.extend(legend_of(colours, &[NodeKind::Actor, NodeKind::Agreement]));
    Drawing {
        view: "drivers",
        title: "Drivers",
        w: ex + 195.0,
        h: h + 24.0,
        nodes,
        edges,
        headers,
        legend,
        focus: None,
    }
}

/// A claim as a small dot at `at`, labelled on its left with its text clipped to `width`.
fn claim_dot(i: usize, n: &Node, at: (f64, f64), width: usize, colours: &Palette) -> DNode {
    let (fill, stroke) = colours.fill(n);
    let full = if text(n, "text").is_empty() {
        &n.label
    } else {
        text(n, "text")
    };
    DNode {
        i,
        x: at.0,
        y: at.1,
        r: 4.5,
        shape: Shape::Circle,
        fill,
        stroke,
        label: clip(full, width),
        lx: -9.0,
        ly: 4.0,
        anchor: "end",
        strong: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asking the grid whether a box is free gives what comparing it with every box placed
    /// gives, for boxes of any size and place, touching ones and ones across cell edges.
    #[test]
    fn taken_answers_as_every_box_does() {
        let mut state: u64 = 17;
        let mut next = move |scale: f64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.3) * scale
        };
        let mut taken = Taken::default();
        let mut all: Vec<(f64, f64, f64, f64)> = Vec::new();
        let (mut free, mut not) = (0, 0);
        for i in 0..3000 {
            let (x, y) = (next(2000.0).round(), next(600.0).round());
            let (w, h) = (next(300.0).abs().max(1.0).round(), next(60.0).abs().max(1.0).round());
            // every fifth box touches the last one placed, right along its edge
            let b = match all.last() {
                Some(o) if i % 5 == 0 => (o.2, o.1, o.2 + w, o.1 + h),
                // boxes the grid cannot hold: not finite, or wider than its span of cells
                _ if i % 97 == 0 => (f64::NAN, y, x + w, y + h),
                _ if i % 89 == 0 => (x, y, f64::INFINITY, y + h),
                _ if i % 83 == 0 => (x - 1.0e9, y, x + w, y + h),
                _ => (x, y, x + w, y + h),
            };
            let brute = all.iter().all(|o| b.2 <= o.0 || b.0 >= o.2 || b.3 <= o.1 || b.1 >= o.3);
            assert_eq!(taken.free(b), brute, "box {i}: {b:?}");
            if brute {
                free += 1;
                taken.push(b);
                all.push(b);
            } else {
                not += 1;
            }
        }
        assert!(free > 100 && not > 100, "{free} free, {not} not");
    }
}
