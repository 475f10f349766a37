//! The combinatorial half of the layered layout, on an abstract directed graph:
//! back-edge detection, longest-path layering, virtual (dummy) items on long
//! edges, and barycenter ordering within layers.
//!
//! Node 0 is the root (the virtual Start); every other node is at least on layer 1.

/// Layers and orders, before any coordinates.
#[derive(Debug)]
pub(crate) struct Ranking {
    /// Per edge: it closes a cycle, so it is left out of the layering and drawn on the side.
    pub back: Vec<bool>,
    /// Layers top to bottom, each its items left to right. Items `< n` are nodes;
    /// items `>= n` are dummies standing for a long edge crossing that layer.
    pub layers: Vec<Vec<usize>>,
    /// Per item: its layer.
    pub layer_of: Vec<usize>,
    /// Per edge: the dummies it passes through, top to bottom (empty for short and back edges).
    pub via: Vec<Vec<usize>>,
    /// Per item: its neighbours one layer up (over forward edges and dummies).
    pub up: Vec<Vec<usize>>,
    /// Per item: its neighbours one layer down.
    pub down: Vec<Vec<usize>>,
}

/// Ordering sweeps (each one down and one up).
const SWEEPS: usize = 4;

/// Ranks `n` nodes joined by `edges` (from, to); out-of-range edge ends must not be passed.
pub(crate) fn rank(n: usize, edges: &[(usize, usize)]) -> Ranking {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(u, _)) in edges.iter().enumerate() {
        out[u].push(i);
    }
    let (back, post) = find_back_edges(n, edges, &out);

    // Longest path over forward edges, in topological (reverse post-) order.
    let mut layer_of = vec![0usize; n];
    for &u in post.iter().rev() {
        if u != 0 {
            layer_of[u] = layer_of[u].max(1);
        }
        for &e in &out[u] {
            let v = edges[e].1;
            if !back[e] {
                layer_of[v] = layer_of[v].max(layer_of[u] + 1);
            }
        }
    }

    // Dummies on long edges, and item adjacency (forward, one layer apart).
    let mut via = vec![Vec::new(); edges.len()];
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, &(u, v)) in edges.iter().enumerate() {
        if back[e] {
            continue;
        }
        let mut prev = u;
        for l in layer_of[u] + 1..layer_of[v] {
            let d = layer_of.len();
            layer_of.push(l);
            up.push(vec![prev]);
            down.push(Vec::new());
            down[prev].push(d);
            via[e].push(d);
            prev = d;
        }
        down[prev].push(v);
        up[v].push(prev);
    }

    // Initial order: nodes by DFS post order reversed (roughly discovery), then dummies.
    let depth = layer_of.iter().max().map_or(0, |m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for &u in post.iter().rev() {
        layers[layer_of[u]].push(u);
    }
    for (d, &l) in layer_of.iter().enumerate().skip(n) {
        layers[l].push(d);
    }
    order(&mut layers, &layer_of, &up, &down);
    Ranking {
        back,
        layers,
        layer_of,
        via,
        up,
        down,
    }
}

/// Iterative DFS from node 0, then from any node not yet seen.
/// Returns the back-edge flags and the post order.
fn find_back_edges(
    n: usize,
    edges: &[(usize, usize)],
    out: &[Vec<usize>],
) -> (Vec<bool>, Vec<usize>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; n];
    let mut back = vec![false; edges.len()];
    let mut post = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::Open;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (u, i) = *top;
            if let Some(&e) = out[u].get(i) {
                top.1 += 1;
                let v = edges[e].1;
                match mark[v] {
                    Mark::New => {
                        mark[v] = Mark::Open;
                        stack.push((v, 0));
                    }
                    Mark::Open => back[e] = true,
                    Mark::Done => {}
                }
            } else {
                mark[u] = Mark::Done;
                post.push(u);
                stack.pop();
            }
        }
    }
    (back, post)
}

/// Barycenter sweeps; keeps the order with the fewest crossings.
fn order(layers: &mut [Vec<usize>], layer_of: &[usize], up: &[Vec<usize>], down: &[Vec<usize>]) {
    let mut pos = vec![0usize; layer_of.len()];
    let index = |layers: &[Vec<usize>], pos: &mut [usize]| {
        for layer in layers {
            for (i, &x) in layer.iter().enumerate() {
                pos[x] = i;
            }
        }
    };
    index(layers, &mut pos);
    let mut best = layers.to_vec();
    let mut best_cross = crossings(layers, down, &pos);
    for _ in 0..SWEEPS {
        if best_cross == 0 {
            break;
        }
        for layer in layers.iter_mut().skip(1) {
            sort_by_barycenter(layer, up, &mut pos);
        }
        for layer in layers.iter_mut().rev().skip(1) {
            sort_by_barycenter(layer, down, &mut pos);
        }
        let c = crossings(layers, down, &pos);
        if c < best_cross {
            best_cross = c;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
}

/// Sorts one layer by the mean position of each item's neighbours in the adjacent layer
/// (items without neighbours keep their place), then re-indexes it.
fn sort_by_barycenter(layer: &mut [usize], nbrs: &[Vec<usize>], pos: &mut [usize]) {
    let mut keyed: Vec<(f64, usize)> = layer
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let ns = &nbrs[x];
            let key = if ns.is_empty() {
                i as f64
            } else {
                ns.iter().map(|&y| pos[y] as f64).sum::<f64>() / ns.len() as f64
            };
            (key, x)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (i, (_, x)) in keyed.into_iter().enumerate() {
        layer[i] = x;
        pos[x] = i;
    }
}

/// Number of edge crossings between adjacent layers.
fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for layer in layers {
        segs.clear();
        for &u in layer {
            segs.extend(down[u].iter().map(|&v| (pos[u], pos[v])));
        }
        for (i, a) in segs.iter().enumerate() {
            for b in &segs[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    total += 1;
                }
            }
        }
    }
    total
}
