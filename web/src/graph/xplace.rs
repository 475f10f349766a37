//! Horizontal placement of ranked items: start centred, then pull each item toward the
//! mean of its neighbours in the adjacent layer, keeping order and spacing (an isotonic
//! least-squares fit per layer), so edges run as straight as the order allows.

/// Down-and-up refinement passes.
const PASSES: usize = 3;
/// Weight of a dummy (long edge) relative to a box: long edges are straightened first.
const DUMMY_WEIGHT: f64 = 2.0;

/// Centre x of every item, the leftmost box edge at 0.
///
/// `widths[i]` is item i's width; `up`/`down` its neighbours one layer above/below;
/// items `>= n` are dummies; `gap` is the minimum space between neighbours in a layer.
pub(crate) fn place_x(
    layers: &[Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    widths: &[f64],
    n: usize,
    gap: f64,
) -> Vec<f64> {
    let mut x = vec![0.0; widths.len()];
    let row_w = |layer: &[usize]| {
        layer.iter().map(|&i| widths[i]).sum::<f64>() + gap * layer.len().saturating_sub(1) as f64
    };
    let widest = layers.iter().map(|l| row_w(l)).fold(0.0, f64::max);
    for layer in layers {
        let mut left = (widest - row_w(layer)) / 2.0;
        for &i in layer {
            x[i] = left + widths[i] / 2.0;
            left += widths[i] + gap;
        }
    }
    for _ in 0..PASSES {
        for layer in layers.iter().skip(1) {
            fit(layer, up, widths, n, gap, &mut x);
        }
        for layer in layers.iter().rev().skip(1) {
            fit(layer, down, widths, n, gap, &mut x);
        }
    }
    let min_left = layers
        .iter()
        .flatten()
        .map(|&i| x[i] - widths[i] / 2.0)
        .fold(f64::INFINITY, f64::min);
    if min_left.is_finite() {
        for v in &mut x {
            *v -= min_left;
        }
    }
    x
}

/// Moves one layer's items as close as possible (weighted least squares) to the mean x of
/// their neighbours, keeping their order and spacing.
fn fit(layer: &[usize], nbrs: &[Vec<usize>], widths: &[f64], n: usize, gap: f64, x: &mut [f64]) {
    // Offsets so that "spaced and ordered" becomes "non-decreasing": x_i = y_i + off_i.
    let mut off = Vec::with_capacity(layer.len());
    let mut acc = 0.0;
    for (k, &i) in layer.iter().enumerate() {
        if k > 0 {
            acc += (widths[layer[k - 1]] + widths[i]) / 2.0 + gap;
        }
        off.push(acc);
    }
    // Pool adjacent violators over (target y, weight).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new(); // (mean, weight, count)
    for (k, &i) in layer.iter().enumerate() {
        let ns = &nbrs[i];
        let (want, w) = if ns.is_empty() {
            (x[i], 0.01)
        } else {
            let mean = ns.iter().map(|&j| x[j]).sum::<f64>() / ns.len() as f64;
            (mean, if i >= n { DUMMY_WEIGHT } else { 1.0 })
        };
        blocks.push((want - off[k], w, 1));
        while blocks.len() > 1 && blocks[blocks.len() - 2].0 > blocks[blocks.len() - 1].0 {
            let (m2, w2, c2) = blocks.pop().unwrap_or_default();
            if let Some((m1, w1, c1)) = blocks.last_mut() {
                *m1 = (*m1 * *w1 + m2 * w2) / (*w1 + w2);
                *w1 += w2;
                *c1 += c2;
            }
        }
    }
    let mut k = 0;
    for (mean, _, count) in blocks {
        for _ in 0..count {
            x[layer[k]] = mean + off[k];
            k += 1;
        }
    }
}
