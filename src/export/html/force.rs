//! Fruchterman–Reingold force-directed placement over a petgraph graph, then overlap removal of
//! the nodes' boxes (a node's box holds its mark and its label). Deterministic: the start
//! positions come from a fixed-seed generator, nodes and edges are visited in index order, and
//! only `+ - * /` and `sqrt` are used, so two runs (and two machines) give the same numbers.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use std::cmp::Ordering;

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
    let iterations = 400;
    let mut temp = side / 8.0;
    let cool = temp / iterations as f64;
    for _ in 0..iterations {
        for b in bodies.iter_mut() {
            b.disp = (0.0, 0.0);
        }
        let mut rest = bodies.as_mut_slice();
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

/// Pushes apart every pair of boxes that overlap (plus `gap`), along the axis of least overlap,
/// until none does (or a round limit is hit).
pub fn separate(pos: &mut [(f64, f64)], boxes: &[Extent], gap: f64) {
    for _ in 0..500 {
        let mut moved = false;
        let (mut ps, mut bs) = (&mut *pos, boxes);
        while let (Some((p, ps_tail)), Some((a, bs_tail))) = (ps.split_first_mut(), bs.split_first()) {
            for (q, b) in ps_tail.iter_mut().zip(bs_tail) {
                let ox = (p.0 + a.right + gap).min(q.0 + b.right + gap) - (p.0 - a.left).max(q.0 - b.left);
                let oy = (p.1 + a.down + gap).min(q.1 + b.down + gap) - (p.1 - a.up).max(q.1 - b.up);
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
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
            }
            (ps, bs) = (ps_tail, bs_tail);
        }
        if !moved {
            break;
        }
    }
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
}
