//! Fruchterman–Reingold force-directed placement over a petgraph graph, then overlap removal of
//! the nodes' boxes (a node's box holds its mark and its label). Deterministic: the start
//! positions come from a fixed-seed generator, nodes and edges are visited in index order, and
//! only `+ - * /` and `sqrt` are used, so two runs (and two machines) give the same numbers.
//!
//! Both passes compare every pair of nodes, n² work a round. Up to [`EXACT_MAX`] nodes that is
//! what they do; a larger graph (a corpus's actors, thousands in one component) is placed with
//! the repulsion of far nodes taken from their centre of mass in a quadtree (Barnes–Hut, as
//! d3-force and Gephi do) and its boxes separated through a grid of cells, so that only nearby
//! pairs are compared: n log n and n a round, where the exact passes took minutes.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A node's box around its position: `left`/`right` from x, `up`/`down` from y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    pub left: f64,
    pub right: f64,
    pub up: f64,
    pub down: f64,
}

/// A small linear congruential generator (Knuth's MMIX constants): fixed seed, same sequence
/// everywhere.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A node during the simulation: where it is, and where this round's forces push it.
#[derive(Clone, Copy)]
struct Body {
    pos: (f64, f64),
    disp: (f64, f64),
}

/// Mutable references to the distinct items `i` and `j` of `v`.
fn pair_mut<T>(v: &mut [T], i: usize, j: usize) -> Option<(&mut T, &mut T)> {
    match i.cmp(&j) {
        Ordering::Less => {
            let (head, tail) = v.split_at_mut_checked(j)?;
            Some((head.get_mut(i)?, tail.first_mut()?))
        }
        Ordering::Greater => pair_mut(v, j, i).map(|(a, b)| (b, a)),
        Ordering::Equal => None,
    }
}

/// The most nodes laid out comparing every pair (the seed's largest component has some sixty).
pub const EXACT_MAX: usize = 400;

/// How far a quadtree cell must be to stand for its nodes: its side over its distance.
const THETA: f64 = 1.0;

/// Places the nodes of `g` (weights: their boxes) with Fruchterman–Reingold at ideal edge length
/// `k`, then pushes apart boxes that overlap. Returns (x, y) per node index.
pub fn layout(g: &UnGraph<Extent, ()>, k: f64, seed: u64) -> Vec<(f64, f64)> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let side = k * (n as f64).sqrt() * 1.5;
    let mut rng = Lcg(seed);
    let mut bodies: Vec<Body> = (0..n)
        .map(|_| Body {
            pos: ((rng.next() - 0.5) * side, (rng.next() - 0.5) * side),
            disp: (0.0, 0.0),
        })
        .collect();
    // a large graph is placed in fewer rounds: its picture is read by zooming in, not whole
    let iterations = if n <= EXACT_MAX { 400 } else { 150 };
    let mut temp = side / 8.0;
    let cool = temp / iterations as f64;
    for _ in 0..iterations {
        if n <= EXACT_MAX {
            repel_exact(&mut bodies, k);
        } else {
            Quadtree::new(&bodies).repel(&mut bodies, k);
        }
        for e in g.edge_references() {
            // a self-loop has no direction to pull along
            let Some((a, b)) = pair_mut(&mut bodies, e.source().index(), e.target().index()) else {
                continue;
            };
            let (dx, dy) = (a.pos.0 - b.pos.0, a.pos.1 - b.pos.1);
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            // attraction d²/k along the unit vector: d·(dx, dy)/k
            let f = d / k;
            a.disp.0 -= dx * f;
            a.disp.1 -= dy * f;
            b.disp.0 += dx * f;
            b.disp.1 += dy * f;
        }
        for b in bodies.iter_mut() {
            // a weak pull to the centre keeps the component compact
            b.disp.0 -= b.pos.0 * 0.02;
            b.disp.1 -= b.pos.1 * 0.02;
            let (dx, dy) = b.disp;
            let d = (dx * dx + dy * dy).sqrt();
            if d > 0.0 {
                let step = d.min(temp);
                b.pos.0 += dx / d * step;
                b.pos.1 += dy / d * step;
            }
        }
        temp = (temp - cool).max(1.0);
    }
    let mut pos: Vec<(f64, f64)> = bodies.iter().map(|b| b.pos).collect();
    let boxes: Vec<Extent> = g.node_indices().map(|i| g[i]).collect();
    separate(&mut pos, &boxes, 6.0);
    pos
}

/// Repulsion between every pair: `k²/d` along the line between them.
fn repel_exact(bodies: &mut [Body], k: f64) {
    for b in bodies.iter_mut() {
        b.disp = (0.0, 0.0);
    }
    let mut rest = bodies;
    while let Some((a, tail)) = rest.split_first_mut() {
        for b in tail.iter_mut() {
            let (dx, dy) = (a.pos.0 - b.pos.0, a.pos.1 - b.pos.1);
            let d2 = (dx * dx + dy * dy).max(0.01);
            // repulsion k²/d along the unit vector: k²·(dx, dy)/d²
            let f = k * k / d2;
            a.disp.0 += dx * f;
            a.disp.1 += dy * f;
            b.disp.0 -= dx * f;
            b.disp.1 -= dy * f;
        }
        rest = tail;
    }
}

/// A cell of the quadtree: its square, the number of nodes in it and their centre of mass, and
/// either its four quarters or (a leaf) its nodes.
struct Cell {
    corner: (f64, f64),
    side: f64,
    mass: f64,
    centre: (f64, f64),
    /// Indices of the quarters in [`Quadtree::cells`]; empty for a leaf.
    quarters: Vec<usize>,
    /// The nodes of a leaf, as a range of [`Quadtree::order`].
    nodes: std::ops::Range<usize>,
}

impl Cell {
    /// Whether `p` lies in the cell's square: a cell holding the node pushed is never one mass
    /// to it (it would push the node with its own weight).
    fn holds(&self, p: (f64, f64)) -> bool {
        let (x, y) = self.corner;
        p.0 >= x && p.0 <= x + self.side && p.1 >= y && p.1 <= y + self.side
    }
}

/// The nodes' positions in a quadtree, for the repulsion of far nodes as one mass.
struct Quadtree {
    cells: Vec<Cell>,
    /// Node indices, grouped so that each cell's are a range.
    order: Vec<usize>,
}

impl Quadtree {
    /// Leaves hold at most this many nodes (or more where they lie closer than the depth allows).
    const LEAF: usize = 4;
    const DEPTH: usize = 24;

    fn new(bodies: &[Body]) -> Quadtree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for b in bodies {
            x0 = x0.min(b.pos.0);
            y0 = y0.min(b.pos.1);
            x1 = x1.max(b.pos.0);
            y1 = y1.max(b.pos.1);
        }
        let side = (x1 - x0).max(y1 - y0).max(1.0);
        let mut t = Quadtree {
            cells: Vec::new(),
            order: (0..bodies.len()).collect(),
        };
        t.build(bodies, 0..bodies.len(), (x0, y0), side, 0);
        t
    }

    /// Builds the cell of the nodes `order[range]`, in the square at `corner` with `side`, and
    /// gives its index.
    fn build(
        &mut self,
        bodies: &[Body],
        range: std::ops::Range<usize>,
        corner: (f64, f64),
        side: f64,
        depth: usize,
    ) -> usize {
        let (mut mass, mut sx, mut sy) = (0.0, 0.0, 0.0);
        for &i in self.order.get(range.clone()).unwrap_or_default() {
            if let Some(b) = bodies.get(i) {
                mass += 1.0;
                sx += b.pos.0;
                sy += b.pos.1;
            }
        }
        let at = self.cells.len();
        self.cells.push(Cell {
            corner,
            side,
            mass,
            centre: (sx / mass.max(1.0), sy / mass.max(1.0)),
            quarters: Vec::new(),
            nodes: range.clone(),
        });
        if range.len() <= Self::LEAF || depth >= Self::DEPTH {
            return at;
        }
        // the nodes sorted into the quarters (left-top, right-top, left-bottom, right-bottom),
        // each node by where it lies: stable, so the order is the same on every run
        let half = side / 2.0;
        let (mx, my) = (corner.0 + half, corner.1 + half);
        let quarter = |i: &usize| {
            let p = bodies.get(*i).map_or((0.0, 0.0), |b| b.pos);
            usize::from(p.0 >= mx) + 2 * usize::from(p.1 >= my)
        };
        if let Some(slice) = self.order.get_mut(range.clone()) {
            slice.sort_by_key(quarter);
        }
        let mut start = range.start;
        let mut quarters = Vec::with_capacity(4);
        for q in 0..4 {
            let len = self
                .order
                .get(start..range.end)
                .unwrap_or_default()
                .iter()
                .take_while(|i| quarter(i) == q)
                .count();
            if len > 0 {
                let c = (corner.0 + half * (q % 2) as f64, corner.1 + half * (q / 2) as f64);
                quarters.push(self.build(bodies, start..start + len, c, half, depth + 1));
            }
            start += len;
        }
        if let Some(cell) = self.cells.get_mut(at) {
            cell.quarters = quarters;
        }
        at
    }

    /// Each node's repulsion from all the others, `k²/d` along the line between them, a far
    /// cell's nodes counted at its centre of mass.
    fn repel(&self, bodies: &mut [Body], k: f64) {
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..bodies.len() {
            let Some(p) = bodies.get(i).map(|b| b.pos) else {
                continue;
            };
            let mut disp = (0.0, 0.0);
            stack.clear();
            stack.push(0);
            while let Some(c) = stack.pop() {
                let Some(cell) = self.cells.get(c) else {
                    continue;
                };
                let (dx, dy) = (p.0 - cell.centre.0, p.1 - cell.centre.1);
                let d2 = dx * dx + dy * dy;
                if cell.quarters.is_empty() {
                    for &j in self.order.get(cell.nodes.clone()).unwrap_or_default() {
                        if j == i {
                            continue;
                        }
                        let Some(q) = bodies.get(j).map(|b| b.pos) else {
                            continue;
                        };
                        let (dx, dy) = (p.0 - q.0, p.1 - q.1);
                        let f = k * k / (dx * dx + dy * dy).max(0.01);
                        disp.0 += dx * f;
                        disp.1 += dy * f;
                    }
                } else if cell.side * cell.side < THETA * THETA * d2 && !cell.holds(p) {
                    let f = cell.mass * k * k / d2.max(0.01);
                    disp.0 += dx * f;
                    disp.1 += dy * f;
                } else {
                    stack.extend(cell.quarters.iter().rev());
                }
            }
            if let Some(b) = bodies.get_mut(i) {
                b.disp = disp;
            }
        }
    }
}

/// Pushes apart every pair of boxes that overlap (plus `gap`), along the axis of least overlap,
/// until none does (or a round limit is hit). Beyond [`EXACT_MAX`] boxes, each round compares
/// only the boxes in neighbouring cells of a grid laid over them, cells as wide and tall as two
/// boxes can be apart and overlap, so that every pair that overlaps is among them; the grid is laid afresh each round, so
/// the round that moves nothing has compared every overlapping pair.
pub fn separate(pos: &mut [(f64, f64)], boxes: &[Extent], gap: f64) {
    let grid = pos.len() > EXACT_MAX;
    // (thousands of crowded boxes part slowly: what overlaps after a hundred rounds stays)
    let rounds = if grid { 100 } else { 500 };
    // two boxes overlap only when their positions are closer, across, than one's left and the
    // other's right (and the gap), and down, than one's top and the other's bottom: the grid's
    // cell, the same every round
    let most = |f: fn(&Extent) -> f64| boxes.iter().map(f).fold(0.0, f64::max);
    let cell = (
        (most(|b| b.left) + most(|b| b.right) + gap).max(1.0),
        (most(|b| b.up) + most(|b| b.down) + gap).max(1.0),
    );
    for _ in 0..rounds {
        let moved = if grid {
            separate_near(pos, boxes, gap, cell)
        } else {
            let mut moved = false;
            let (mut ps, mut bs) = (&mut *pos, boxes);
            while let (Some((p, ps_tail)), Some((a, bs_tail))) = (ps.split_first_mut(), bs.split_first()) {
                for (q, b) in ps_tail.iter_mut().zip(bs_tail) {
                    moved |= push_apart(p, a, q, b, gap);
                }
                (ps, bs) = (ps_tail, bs_tail);
            }
            moved
        };
        if !moved {
            break;
        }
    }
}

/// One round of [`separate`] over the pairs in neighbouring cells of a grid; whether it moved
/// anything.
fn separate_near(pos: &mut [(f64, f64)], boxes: &[Extent], gap: f64, (w, h): (f64, f64)) -> bool {
    let cell_of = |p: (f64, f64)| ((p.0 / w).floor() as i64, (p.1 / h).floor() as i64);
    let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (i, &p) in pos.iter().enumerate() {
        cells.entry(cell_of(p)).or_default().push(i);
    }
    let mut moved = false;
    for i in 0..pos.len() {
        let Some(&p) = pos.get(i) else {
            continue;
        };
        let (cx, cy) = cell_of(p);
        // the pairs (i, j) with j > i in the nine cells around i's, in the order of j
        let mut near: Vec<usize> = (-1..=1)
            .flat_map(|dx: i64| (-1..=1).map(move |dy: i64| (cx.saturating_add(dx), cy.saturating_add(dy))))
            .filter_map(|c| cells.get(&c))
            .flatten()
            .copied()
            .filter(|&j| j > i)
            .collect();
        near.sort_unstable();
        for j in near {
            let (Some(a), Some(b)) = (boxes.get(i), boxes.get(j)) else {
                continue;
            };
            if let Some((p, q)) = pair_mut(pos, i, j) {
                moved |= push_apart(p, a, q, b, gap);
            }
        }
    }
    moved
}

/// Moves `p` and `q` apart when their boxes `a` and `b` overlap (plus `gap`), each by half the
/// overlap along the axis where it is least; whether they overlapped.
fn push_apart(p: &mut (f64, f64), a: &Extent, q: &mut (f64, f64), b: &Extent, gap: f64) -> bool {
    let ox = (p.0 + a.right + gap).min(q.0 + b.right + gap) - (p.0 - a.left).max(q.0 - b.left);
    let oy = (p.1 + a.down + gap).min(q.1 + b.down + gap) - (p.1 - a.up).max(q.1 - b.up);
    if ox <= 0.0 || oy <= 0.0 {
        return false;
    }
    // on a tie, the earlier node goes left (or up)
    if ox < oy {
        let s = if p.0 <= q.0 { -1.0 } else { 1.0 };
        p.0 += s * (ox / 2.0 + 0.5);
        q.0 -= s * (ox / 2.0 + 0.5);
    } else {
        let s = if p.1 <= q.1 { -1.0 } else { 1.0 };
        p.1 += s * (oy / 2.0 + 0.5);
        q.1 -= s * (oy / 2.0 + 0.5);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed() -> Extent {
        Extent {
            left: 30.0,
            right: 30.0,
            up: 8.0,
            down: 20.0,
        }
    }

    #[test]
    fn deterministic_and_without_overlap() {
        let mut g = UnGraph::<Extent, ()>::new_undirected();
        let ix: Vec<_> = (0..12).map(|_| g.add_node(boxed())).collect();
        for w in ix.windows(2) {
            g.add_edge(w[0], w[1], ());
        }
        g.add_edge(ix[0], ix[6], ());
        let a = layout(&g, 80.0, 7);
        let b = layout(&g, 80.0, 7);
        assert_eq!(a, b);
        for i in 0..a.len() {
            for j in (i + 1)..a.len() {
                let apart = (a[i].0 - a[j].0).abs() >= 60.0 || (a[i].1 - a[j].1).abs() >= 28.0;
                assert!(apart, "{i} and {j} overlap: {:?} {:?}", a[i], a[j]);
            }
        }
    }

    /// Bodies at fixed-seed random places.
    fn scattered(n: usize, side: f64) -> Vec<Body> {
        let mut rng = Lcg(11);
        (0..n)
            .map(|_| Body {
                pos: ((rng.next() - 0.5) * side, (rng.next() - 0.5) * side),
                disp: (0.0, 0.0),
            })
            .collect()
    }

    /// The quadtree's repulsion is the exact one within a few per cent, summed over the nodes,
    /// and exact where every cell is near (a cell stands for its nodes only when it is far).
    #[test]
    fn quadtree_repulsion_is_close_to_the_exact() {
        // crowds of a few dozen nodes around far-apart places, as a corpus's actors gather
        // around the states they name
        let clustered = |n: usize| {
            let mut b = scattered(n, 60.0);
            for (i, x) in b.iter_mut().enumerate() {
                x.pos.0 += (i % 7) as f64 * 900.0;
                x.pos.1 += (i % 5) as f64 * 700.0;
            }
            b
        };
        let cases = [
            (scattered(1500, 3000.0), "scattered widely"),
            (scattered(800, 200.0), "scattered closely"),
            (scattered(500, 1.0e5), "scattered far"),
            (clustered(1200), "clustered"),
        ];
        for (bodies, what) in cases {
            let n = bodies.len();
            let (mut exact, mut approx) = (bodies.clone(), bodies);
            repel_exact(&mut exact, 95.0);
            Quadtree::new(&approx.clone()).repel(&mut approx, 95.0);
            let (mut err, mut total) = (0.0, 0.0);
            for (a, b) in approx.iter().zip(&exact) {
                err += ((a.disp.0 - b.disp.0).powi(2) + (a.disp.1 - b.disp.1).powi(2)).sqrt();
                total += (b.disp.0.powi(2) + b.disp.1.powi(2)).sqrt();
            }
            assert!(
                err / total < 0.05,
                "{n} nodes over {what}: relative error {}",
                err / total
            );
        }
        // coincident nodes: no division by zero, a bounded push
        let mut same = vec![
            Body {
                pos: (1.0, 1.0),
                disp: (0.0, 0.0),
            };
            600
        ];
        Quadtree::new(&same.clone()).repel(&mut same, 95.0);
        assert!(same.iter().all(|b| b.disp.0.is_finite() && b.disp.1.is_finite()));
    }

    /// A large sparse graph goes the quadtree's and the grid's way: the same numbers on every
    /// run, and no two boxes overlapping.
    #[test]
    fn large_graphs_are_placed_without_overlap() {
        let mut g = UnGraph::<Extent, ()>::new_undirected();
        let ix: Vec<_> = (0..EXACT_MAX + 300).map(|_| g.add_node(boxed())).collect();
        for w in ix.windows(2) {
            g.add_edge(w[0], w[1], ());
        }
        for i in (0..ix.len()).step_by(7) {
            g.add_edge(ix[i], ix[(i * 13) % ix.len()], ());
        }
        let a = layout(&g, 95.0, 3);
        assert_eq!(a, layout(&g, 95.0, 3));
        let b = boxed();
        for i in 0..a.len() {
            for j in (i + 1)..a.len() {
                let apart = (a[i].0 - a[j].0).abs() >= b.left + b.right || (a[i].1 - a[j].1).abs() >= b.up + b.down;
                assert!(apart, "{i} and {j} overlap: {:?} {:?}", a[i], a[j]);
            }
        }
    }

    /// Through the grid, boxes of different sizes in a crowd end with no pair overlapping, as
    /// comparing every pair leaves them; a position that is not finite ends the rounds without
    /// a panic.
    #[test]
    fn the_grid_leaves_no_pair_overlapping() {
        let boxes = vec![boxed(); EXACT_MAX + 10];
        for odd in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1.0e300] {
            let mut pos: Vec<(f64, f64)> = scattered(boxes.len(), 300.0).iter().map(|b| b.pos).collect();
            pos[0] = (odd, 0.0);
            pos[1] = (0.0, odd);
            separate(&mut pos, &boxes, 6.0);
        }
        let n = EXACT_MAX + 100;
        let mut rng = Lcg(5);
        let boxes: Vec<Extent> = (0..n)
            .map(|_| Extent {
                left: 5.0 + rng.next() * 60.0,
                right: 5.0 + rng.next() * 60.0,
                up: 5.0 + rng.next() * 10.0,
                down: 10.0 + rng.next() * 20.0,
            })
            .collect();
        let mut pos: Vec<(f64, f64)> = scattered(n, 3000.0).iter().map(|b| b.pos).collect();
        separate(&mut pos, &boxes, 6.0);
        for i in 0..n {
            for j in (i + 1)..n {
                let (p, q, a, b) = (pos[i], pos[j], boxes[i], boxes[j]);
                let ox = (p.0 + a.right + 6.0).min(q.0 + b.right + 6.0) - (p.0 - a.left).max(q.0 - b.left);
                let oy = (p.1 + a.down + 6.0).min(q.1 + b.down + 6.0) - (p.1 - a.up).max(q.1 - b.up);
                assert!(ox <= 0.0 || oy <= 0.0, "{i} and {j} overlap");
            }
        }
    }
}
