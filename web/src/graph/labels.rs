//! Where edge labels go: each on its own edge, clear of the other labels and of the boxes.
//!
//! Forward edges leaving one row cross the gap under it as curves; their labels sit on
//! horizontal lanes in that gap, each label on the lowest lane (and so at the point of its
//! curve) where it overlaps no other, the gap growing by a lane when the labels need it. A back
//! edge's label slides along its vertical lane to a free spot.

use super::rect::Rect;

/// Drawn height of a label (11px text and its halo).
pub const LABEL_H: f64 = 14.0;
/// Height of a lane in a gap between rows.
const LANE_H: f64 = 16.0;
/// Space kept between the lanes and the rows above and below.
const LANE_PAD: f64 = 4.0;
/// Room left and right of a label's text for its halo.
const HALO: f64 = 2.0;
/// Most lanes a gap gets; past that, labels share lanes as best they can.
const MAX_LANES: usize = 12;

/// The x of a forward edge's curve (from `ax` at the top of a gap to `bx` at its bottom,
/// vertical tangents at both ends, as the view draws it) at fraction `f` of the gap's height.
pub fn curve_x(ax: f64, bx: f64, f: f64) -> f64 {
    if (ax - bx).abs() < 0.5 {
        return ax;
    }
    // The cubic's y runs 1.5t − 1.5t² + t³ of the way down (increasing): invert it.
    let f = f.clamp(0.0, 1.0);
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..40 {
        let t = (lo + hi) / 2.0;
        if 1.5 * t - 1.5 * t * t + t * t * t < f {
            lo = t;
        } else {
            hi = t;
        }
    }
    let t = (lo + hi) / 2.0;
    ax + (bx - ax) * (3.0 * t * t - 2.0 * t * t * t)
}

/// A label on a forward edge crossing a gap.
#[derive(Clone, Debug)]
pub(crate) struct GapLabel {
    /// The edge's x at the top of the gap.
    pub ax: f64,
    /// The edge's x at the bottom of the gap.
    pub bx: f64,
    /// The label's text width.
    pub w: f64,
}

/// The labels of one gap placed: the gap's height, and for each label (in the order
/// given) its centre as (x, distance below the top of the gap).
pub(crate) struct Lanes {
    /// The height the gap needs (at least `min_gap`).
    pub height: f64,
    /// Each label's centre.
    pub at: Vec<(f64, f64)>,
}

/// The label box centred at (x, y) for a text `w` wide.
pub(crate) fn label_box(x: f64, y: f64, w: f64) -> Rect {
    Rect {
        x: x - w / 2.0 - HALO,
        y: y - LABEL_H / 2.0,
        w: w + 2.0 * HALO,
        h: LABEL_H,
    }
}

/// Puts the labels of one gap on as few lanes as keeps them apart. `min_gap` is the gap's
/// height without labels; label centres stay within `[left, right]` (minus half their
/// width) so that they stay inside the drawing.
pub(crate) fn place_in_gap(labels: &[GapLabel], min_gap: f64, left: f64, right: f64) -> Lanes {
    if labels.is_empty() {
        return Lanes {
            height: min_gap,
            at: Vec::new(),
        };
    }
    let most = labels.len().min(MAX_LANES);
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| {
        let (la, lb) = (&labels[a], &labels[b]);
        la.ax.total_cmp(&lb.ax).then(la.bx.total_cmp(&lb.bx))
    });
    let mut best: Option<(usize, Lanes)> = None;
    for lanes in 1..=most {
        let height = min_gap.max(lanes as f64 * LANE_H + 2.0 * LANE_PAD);
        let first = (height - lanes as f64 * LANE_H) / 2.0 + LANE_H / 2.0;
        let lane_y = |j: usize| first + j as f64 * LANE_H;
        // A lone label sits mid-edge; several start from the lowest lane, where the edges
        // have fanned out towards their targets and the labels have room side by side.
        let lane_order: Vec<usize> = (0..lanes).rev().collect();
        let mut at = vec![(0.0, 0.0); labels.len()];
        let mut placed: Vec<Rect> = Vec::new();
        let mut clashes = 0;
        for &k in &order {
            let l = &labels[k];
            let centre = |j: usize| {
                let y = lane_y(j);
                let half = l.w / 2.0 + HALO;
                let x = curve_x(l.ax, l.bx, y / height);
                (x.max(left + half).min((right - half).max(left + half)), y)
            };
            let free = lane_order.iter().copied().find(|&j| {
                let (x, y) = centre(j);
                !placed.iter().any(|p| p.overlaps(&label_box(x, y, l.w)))
            });
            if free.is_none() {
                clashes += 1;
            }
            let (x, y) = centre(free.unwrap_or(lane_order[0]));
            placed.push(label_box(x, y, l.w));
            at[k] = (x, y);
        }
        let done = clashes == 0;
        let better = best.as_ref().is_none_or(|(c, _)| clashes < *c);
        if done || better {
            best = Some((clashes, Lanes { height, at }));
        }
        if done {
            break;
        }
    }
    best.map(|(_, l)| l).unwrap_or(Lanes {
        height: min_gap,
        at: Vec::new(),
    })
}

/// The y of a back edge's label on its vertical lane from `top` to `bottom`: the middle,
/// else the nearest spot where the box `boxed(y)` overlaps none of `taken`.
pub(crate) fn slide_on_lane(
    top: f64,
    bottom: f64,
    boxed: impl Fn(f64) -> Rect,
    taken: &[Rect],
) -> f64 {
    let middle = (top + bottom) / 2.0;
    let reach = ((bottom - top) / 2.0 - LABEL_H / 2.0).max(0.0);
    let step = LABEL_H / 2.0;
    let tries = (reach / step).floor() as usize;
    (0..=tries)
        .flat_map(|k| {
            let d = k as f64 * step;
            [middle - d, middle + d]
        })
        .find(|&y| !taken.iter().any(|t| t.overlaps(&boxed(y))))
        .unwrap_or(middle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_runs_from_top_to_bottom_through_the_middle() {
        assert_eq!(curve_x(10.0, 110.0, 0.0), 10.0);
        assert!((curve_x(10.0, 110.0, 1.0) - 110.0).abs() < 1e-6);
        assert!((curve_x(10.0, 110.0, 0.5) - 60.0).abs() < 1e-6);
        assert_eq!(curve_x(5.0, 5.2, 0.3), 5.0);
        // Monotone between its ends.
        let xs: Vec<f64> = (0..=10)
            .map(|i| curve_x(0.0, -50.0, i as f64 / 10.0))
            .collect();
        assert!(xs.windows(2).all(|w| w[1] <= w[0]), "{xs:?}");
    }

    #[test]
    fn labels_in_one_gap_never_overlap() {
        // Five long labels leaving one box 24 px apart, fanning out to boxes 160 px apart.
        let labels: Vec<GapLabel> = (0..5)
            .map(|i| GapLabel {
                ax: 400.0 + (i as f64 - 2.0) * 24.0,
                bx: 400.0 + (i as f64 - 2.0) * 160.0,
                w: 150.0,
            })
            .collect();
        let lanes = place_in_gap(&labels, 48.0, 0.0, 800.0);
        assert!(lanes.height > 48.0, "the gap grows");
        let boxes: Vec<Rect> = labels
            .iter()
            .zip(&lanes.at)
            .map(|(l, &(x, y))| label_box(x, y, l.w))
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(
                a.y >= 0.0 && a.bottom() <= lanes.height,
                "{a:?} inside the gap"
            );
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
        // A single label stays mid-gap on its edge.
        let one = place_in_gap(&labels[..1], 48.0, 0.0, 800.0);
        assert_eq!(one.height, 48.0);
        assert_eq!(one.at[0].1, 24.0);
        assert!((one.at[0].0 - curve_x(labels[0].ax, labels[0].bx, 0.5)).abs() < 1e-9);
    }

    #[test]
    fn a_back_label_slides_off_a_taken_spot() {
        let boxed = |y: f64| Rect {
            x: 100.0,
            y: y - LABEL_H / 2.0,
            w: 60.0,
            h: LABEL_H,
        };
        assert_eq!(slide_on_lane(0.0, 200.0, boxed, &[]), 100.0);
        let taken = [boxed(100.0)];
        let y = slide_on_lane(0.0, 200.0, boxed, &taken);
        assert!(
            !boxed(y).overlaps(&taken[0]) && (0.0..=200.0).contains(&y),
            "{y}"
        );
    }
}
