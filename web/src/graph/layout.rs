//! The layered layout of a state machine: boxes, groups and routed edges, in SVG user units.
//!
//! Pure Rust (no DOM), so it is tested natively. See [`layout`].

use super::labels::{self, place_in_gap, slide_on_lane, GapLabel};
use super::model::{read_machine, EdgeKind, Machine};
use super::rank::{rank, Ranking};
use super::rect::Rect;
use super::xplace::place_x;
use serde_json::Value;
use std::collections::HashSet;

/// Estimated width of one character of a state name (monospace, 12px).
pub const CHAR_W: f64 = 7.2;
/// Minimum width of a state box.
pub const MIN_BOX_W: f64 = 120.0;
/// Height of a state box.
pub const BOX_H: f64 = 36.0;
/// Diameter of the virtual Start and End circles.
pub const CIRCLE: f64 = 24.0;
/// Names longer than this are shortened with an ellipsis.
pub const MAX_NAME_CHARS: usize = 40;
/// Edge labels longer than this are shortened (the full text is in the tooltip).
pub const MAX_LABEL_CHARS: usize = 24;
/// Estimated width of one character of an edge label (monospace, 11px).
const LABEL_CHAR_W: f64 = 6.6;
/// Extra width of a Task box whose nested execution started, for its badge.
pub const BADGE_W: f64 = 64.0;
/// Height of a group's header (name and type).
pub const HEADER_H: f64 = 30.0;
/// Inner padding of a group.
const PAD: f64 = 12.0;
/// Gap between branches inside a group.
const BRANCH_GAP: f64 = 16.0;
/// Horizontal gap between items of a layer.
const NODE_GAP: f64 = 32.0;
/// Vertical gap between layers (room for edge labels).
const LAYER_GAP: f64 = 48.0;
/// Width reserved for a long edge crossing a layer.
const DUMMY_W: f64 = 12.0;
/// Margin around the top-level drawing.
const MARGIN: f64 = 16.0;
/// Distance from the drawing to the first back-edge lane, and between lanes.
const LANE_GAP: f64 = 20.0;
/// Horizontal spacing of edge ends on one side of a box.
const PORT_STEP: f64 = 24.0;

/// What a box stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// The virtual start circle.
    Start,
    /// The virtual end circle.
    End,
    /// A state.
    State {
        /// Its `Type` as written ("" when missing).
        ty: String,
        /// A Task that starts a nested execution and did (it shows a badge).
        nested: bool,
    },
}

/// A placed box (or circle, or group) with absolute coordinates of its top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    /// The state's name ("" for Start and End).
    pub name: String,
    /// What it stands for.
    pub kind: NodeKind,
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// For Parallel/Map groups: the branches (or item processor), side by side inside the box.
    pub children: Option<Vec<Layout>>,
}

impl NodeBox {
    /// Centre x.
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// Centre y.
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// True for the Start and End circles.
    pub fn is_circle(&self) -> bool {
        !matches!(self.kind, NodeKind::State { .. })
    }

    /// Its box.
    pub fn rect(&self) -> Rect {
        Rect {
            x: self.x,
            y: self.y,
            w: self.w,
            h: self.h,
        }
    }
}

/// How a label's text is anchored at [`Edge::label_at`] (SVG `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Centred on the point (forward edges).
    Middle,
    /// Starting at the point (back edges on the right).
    Start,
    /// Ending at the point (back edges on the left).
    End,
}

impl Anchor {
    /// The `text-anchor` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Middle => "middle",
            Anchor::Start => "start",
            Anchor::End => "end",
        }
    }
}

/// A routed edge between two boxes of the same [`Layout`].
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Index of the source in [`Layout::nodes`].
    pub from: usize,
    /// Index of the target in [`Layout::nodes`].
    pub to: usize,
    /// Why it exists.
    pub kind: EdgeKind,
    /// Closes a cycle: drawn on the right side, going back up.
    pub back: bool,
    /// Route, first point on the source, last on the target. Forward edges run downwards
    /// (draw each step as a curve with vertical tangents); back edges are an orthogonal
    /// polyline out to a lane on the right and back in.
    pub points: Vec<(f64, f64)>,
    /// Where to draw the label, if the kind has one.
    pub label_at: (f64, f64),
}

impl Edge {
    /// The label's full text, if the kind has one.
    pub fn label(&self) -> Option<&str> {
        match &self.kind {
            EdgeKind::Normal => None,
            EdgeKind::Default => Some("default"),
            EdgeKind::Choice { label } | EdgeKind::Catch { label } => Some(label),
        }
    }

    /// How the label's text is anchored at [`Edge::label_at`].
    pub fn anchor(&self) -> Anchor {
        match self.points.as_slice() {
            [a, b, ..] if self.back && b.0 < a.0 => Anchor::End,
            _ if self.back => Anchor::Start,
            _ => Anchor::Middle,
        }
    }

    /// The box the label is drawn in (with its halo), if it has one.
    pub fn label_rect(&self) -> Option<Rect> {
        let w = label_width(self.label()?);
        let (x, y) = self.label_at;
        let centre = match self.anchor() {
            Anchor::Middle => x,
            Anchor::Start => x + w / 2.0,
            Anchor::End => x - w / 2.0,
        };
        Some(labels::label_box(centre, y, w))
    }
}

/// A laid-out state machine (or sub-machine): absolute coordinates.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// Left of the area.
    pub x: f64,
    /// Top of the area.
    pub y: f64,
    /// Width of the area.
    pub width: f64,
    /// Height of the area.
    pub height: f64,
    /// Boxes: the virtual Start first, the virtual End (if anything ends) last.
    pub nodes: Vec<NodeBox>,
    /// Edges; missing targets are skipped.
    pub edges: Vec<Edge>,
}

/// Room kept around a box for the selection ring drawn outside it.
const RING: f64 = 4.0;

impl Layout {
    /// What is drawn, at any depth: every box with its selection ring, every group and
    /// branch area, every edge and every label.
    pub fn bounds(&self) -> Rect {
        let mut b = Rect {
            x: self.x,
            y: self.y,
            w: self.width,
            h: self.height,
        };
        for n in &self.nodes {
            b = b.union(&n.rect().grown(RING));
            for c in n.children.iter().flatten() {
                b = b.union(&c.bounds());
            }
        }
        for e in &self.edges {
            for &(x, y) in &e.points {
                b = b.union(&Rect {
                    x,
                    y,
                    w: 0.0,
                    h: 0.0,
                });
            }
            if let Some(r) = e.label_rect() {
                b = b.union(&r);
            }
        }
        b
    }

    /// The box of the state called `name`, at any depth.
    pub fn find(&self, name: &str) -> Option<&NodeBox> {
        self.nodes.iter().find_map(|n| {
            if !n.is_circle() && n.name == name {
                return Some(n);
            }
            n.children.iter().flatten().find_map(|c| c.find(name))
        })
    }

    /// Moves everything, children included, by (dx, dy).
    pub fn translate(&mut self, dx: f64, dy: f64) {
        self.x += dx;
        self.y += dy;
        for n in &mut self.nodes {
            n.x += dx;
            n.y += dy;
            for c in n.children.iter_mut().flatten() {
                c.translate(dx, dy);
            }
        }
        for e in &mut self.edges {
            for p in &mut e.points {
                p.0 += dx;
                p.1 += dy;
            }
            e.label_at.0 += dx;
            e.label_at.1 += dy;
        }
    }
}

/// Lays out an ASL definition; never panics, whatever the JSON.
/// `badges` names the Tasks whose nested execution started: only these, if their resource
/// starts executions, get the room and the mark of a badge.
pub fn layout(definition: &Value, badges: &HashSet<String>) -> Layout {
    let mut m = read_machine(definition);
    keep_badges(&mut m, badges);
    let mut l = layout_machine(&m, MARGIN);
    let (dx, dy) = (-l.x, -l.y);
    l.translate(dx, dy);
    l
}

/// Clears the nested mark of every Task not in `badges`, at any depth.
fn keep_badges(m: &mut Machine, badges: &HashSet<String>) {
    for s in &mut m.states {
        s.nested = s.nested && badges.contains(&s.name);
        for b in &mut s.branches {
            keep_badges(b, badges);
        }
    }
}

/// Display width of a name in characters (shortened past [`MAX_NAME_CHARS`]).
pub fn name_chars(name: &str) -> usize {
    name.chars().count().min(MAX_NAME_CHARS)
}

/// Width of a plain state box for a name (room for the name, a status glyph and padding).
pub fn box_width(name: &str) -> f64 {
    (name_chars(name) as f64 * CHAR_W + 48.0).max(MIN_BOX_W)
}

/// Lays out one machine with its top-left at (0, 0).
fn layout_machine(m: &Machine, margin: f64) -> Layout {
    // Nodes: Start, the states, then End if anything ends.
    let mut nodes = vec![circle(NodeKind::Start)];
    for s in &m.states {
        let kind = NodeKind::State {
            ty: s.ty.clone(),
            nested: s.nested,
        };
        nodes.push(if s.branches.is_empty() {
            NodeBox {
                name: s.name.clone(),
                kind,
                x: 0.0,
                y: 0.0,
                w: box_width(&s.name) + if s.nested { BADGE_W } else { 0.0 },
                h: BOX_H,
                children: None,
            }
        } else {
            group(&s.name, kind, &s.ty, &s.branches)
        });
    }
    let index_of = |name: &str| m.states.iter().position(|s| s.name == name).map(|i| i + 1);
    let mut edges: Vec<(usize, usize, EdgeKind)> = Vec::new();
    if let Some(start) = m.start.as_deref().and_then(index_of) {
        edges.push((0, start, EdgeKind::Normal));
    }
    for (i, s) in m.states.iter().enumerate() {
        for (target, kind) in &s.out {
            if let Some(t) = index_of(target) {
                edges.push((i + 1, t, kind.clone()));
            }
        }
    }
    if m.states.iter().any(|s| s.ends) {
        let end = nodes.len();
        nodes.push(circle(NodeKind::End));
        for (i, s) in m.states.iter().enumerate() {
            if s.ends {
                edges.push((i + 1, end, EdgeKind::Normal));
            }
        }
    }
    let pairs: Vec<(usize, usize)> = edges.iter().map(|&(u, v, _)| (u, v)).collect();
    let ranking = rank(nodes.len(), &pairs);
    place(nodes, edges, &ranking, margin)
}

fn circle(kind: NodeKind) -> NodeBox {
    NodeBox {
        name: String::new(),
        kind,
        x: 0.0,
        y: 0.0,
        w: CIRCLE,
        h: CIRCLE,
        children: None,
    }
}

/// A Parallel/Map group: its branches laid out and placed side by side under a header.
fn group(name: &str, kind: NodeKind, ty: &str, branches: &[Machine]) -> NodeBox {
    let mut children: Vec<Layout> = branches.iter().map(|b| layout_machine(b, 0.0)).collect();
    let inner_w: f64 = children.iter().map(|c| c.width).sum::<f64>()
        + BRANCH_GAP * (children.len().saturating_sub(1)) as f64;
    let inner_h = children.iter().map(|c| c.height).fold(0.0, f64::max);
    let header_w = (name_chars(name) + ty.chars().count() + 2) as f64 * CHAR_W + 48.0;
    let w = (inner_w + 2.0 * PAD).max(header_w).max(MIN_BOX_W);
    let h = HEADER_H + inner_h + 2.0 * PAD;
    // Centre the branches horizontally, top-aligned under the header.
    let mut x = (w - inner_w) / 2.0;
    for c in &mut children {
        let (dx, dy) = (x - c.x, HEADER_H + PAD - c.y);
        c.translate(dx, dy);
        x += c.width + BRANCH_GAP;
    }
    NodeBox {
        name: name.to_owned(),
        kind,
        x: 0.0,
        y: 0.0,
        w,
        h,
        children: Some(children),
    }
}

/// Coordinates: layers top to bottom, each layer centred; then edge routes.
fn place(
    mut nodes: Vec<NodeBox>,
    edges: Vec<(usize, usize, EdgeKind)>,
    r: &Ranking,
    margin: f64,
) -> Layout {
    let n = nodes.len();
    let sizes: Vec<(f64, f64)> = (0..r.layer_of.len())
        .map(|i| nodes.get(i).map_or((DUMMY_W, 0.0), |b| (b.w, b.h)))
        .collect();
    let size = |item: usize| sizes[item];
    let widths: Vec<f64> = sizes.iter().map(|s| s.0).collect();
    let mut item_x = place_x(&r.layers, &r.up, &r.down, &widths, n, NODE_GAP);
    for x in &mut item_x {
        *x += margin;
    }
    // Each row's extent (for back-edge lanes) and the drawing's.
    let row_left: Vec<f64> = r
        .layers
        .iter()
        .map(|layer| {
            layer
                .iter()
                .map(|&i| item_x[i] - widths[i] / 2.0)
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let row_right: Vec<f64> = r
        .layers
        .iter()
        .map(|layer| {
            layer
                .iter()
                .map(|&i| item_x[i] + widths[i] / 2.0)
                .fold(0.0, f64::max)
        })
        .collect();
    let content_w = row_right.iter().copied().fold(margin, f64::max) - margin;
    let row_h: Vec<f64> = r
        .layers
        .iter()
        .map(|layer| layer.iter().map(|&i| size(i).1).fold(0.0, f64::max))
        .collect();
    for (i, node) in nodes.iter_mut().enumerate() {
        node.x = item_x[i] - node.w / 2.0;
    }

    // Forward edges: ports spread along the bottom of the source and the top of the target,
    // in the left-to-right order of where the edge goes next / comes from.
    let first_x = |e: usize| r.via[e].first().map_or(item_x[edges[e].1], |&d| item_x[d]);
    let last_x = |e: usize| r.via[e].last().map_or(item_x[edges[e].0], |&d| item_x[d]);
    let mut out_port = vec![0.0; edges.len()];
    let mut in_port = vec![0.0; edges.len()];
    for (u, node) in nodes.iter().enumerate() {
        let mut outs: Vec<usize> = (0..edges.len())
            .filter(|&e| edges[e].0 == u && !r.back[e])
            .collect();
        outs.sort_by(|&a, &b| first_x(a).total_cmp(&first_x(b)));
        for (k, &e) in outs.iter().enumerate() {
            out_port[e] = port(node, k, outs.len());
        }
        let mut ins: Vec<usize> = (0..edges.len())
            .filter(|&e| edges[e].1 == u && !r.back[e])
            .collect();
        ins.sort_by(|&a, &b| last_x(a).total_cmp(&last_x(b)));
        for (k, &e) in ins.iter().enumerate() {
            in_port[e] = port(node, k, ins.len());
        }
    }

    // Labels of forward edges sit in the gap under their source's row, which grows when
    // they need more than one lane to stay apart.
    let widths_of_labels: Vec<f64> = label_ws(&edges).collect();
    let drawing_w = content_w + 2.0 * margin;
    let mut gap_labels: Vec<Vec<usize>> = vec![Vec::new(); r.layers.len()];
    for (e, &(u, v, _)) in edges.iter().enumerate() {
        if !r.back[e] && widths_of_labels[e] > 0.0 && r.layer_of[u] < r.layer_of[v] {
            gap_labels[r.layer_of[u]].push(e);
        }
    }
    let mut gap_h = vec![LAYER_GAP; r.layers.len()];
    let mut label_in_gap = vec![(0.0, 0.0); edges.len()];
    for (l, in_gap) in gap_labels.iter().enumerate() {
        let labels: Vec<GapLabel> = in_gap
            .iter()
            .map(|&e| GapLabel {
                ax: out_port[e],
                bx: r.via[e].first().map_or(in_port[e], |&d| item_x[d]),
                w: widths_of_labels[e],
            })
            .collect();
        let lanes = place_in_gap(&labels, LAYER_GAP, 0.0, drawing_w);
        gap_h[l] = lanes.height;
        for (&e, &at) in in_gap.iter().zip(&lanes.at) {
            label_in_gap[e] = at;
        }
    }

    let mut row_top = Vec::with_capacity(r.layers.len());
    let mut y = margin;
    for (l, layer) in r.layers.iter().enumerate() {
        let h = row_h[l];
        for &i in layer {
            if i < n {
                nodes[i].y = y + (h - nodes[i].h) / 2.0;
                let (dx, dy) = (nodes[i].x, nodes[i].y);
                for c in nodes[i].children.iter_mut().flatten() {
                    c.translate(dx, dy);
                }
            }
        }
        row_top.push(y);
        y += h + gap_h[l];
    }
    let last_gap = gap_h.last().copied().unwrap_or(LAYER_GAP);
    let mut width = drawing_w;
    let height = (y - last_gap + margin).max(2.0 * margin);

    let mut slot = vec![0usize; r.layer_of.len()];
    for layer in &r.layers {
        for (k, &i) in layer.iter().enumerate() {
            slot[i] = k;
        }
    }
    let mut routes: Vec<Vec<(f64, f64)>> = vec![Vec::new(); edges.len()];
    let mut label_at = vec![(0.0, 0.0); edges.len()];
    let mut taken: Vec<Rect> = nodes.iter().map(NodeBox::rect).collect();
    for (e, &(u, v, _)) in edges.iter().enumerate() {
        if r.back[e] {
            continue;
        }
        let (src, dst) = (&nodes[u], &nodes[v]);
        let (lu, lv) = (r.layer_of[u], r.layer_of[v]);
        // Boxes lower than their row run straight to its bottom (and into the top of
        // the target's row), so curves only bend in the gaps between rows.
        let mut pts = vec![(out_port[e], src.y + src.h)];
        let src_bottom = row_top[lu] + row_h[lu];
        if src.y + src.h < src_bottom - 0.5 {
            pts.push((out_port[e], src_bottom));
        }
        for &d in &r.via[e] {
            let l = r.layer_of[d];
            pts.push((item_x[d], row_top[l]));
            pts.push((item_x[d], row_top[l] + row_h[l]));
        }
        if dst.y > row_top[lv] + 0.5 {
            pts.push((in_port[e], row_top[lv]));
        }
        pts.push((in_port[e], dst.y));
        if widths_of_labels[e] > 0.0 {
            let (x, below) = label_in_gap[e];
            label_at[e] = (x, src_bottom + below);
            taken.push(labels::label_box(
                x,
                src_bottom + below,
                widths_of_labels[e],
            ));
        }
        routes[e] = pts;
    }
    // Back edges: out of the source's side to a lane beside every layer in between, up,
    // and into the target's same side; the side crossing fewer boxes in both rows. The
    // label slides along the lane clear of the labels and boxes placed so far.
    let (mut right_lanes, mut left_lanes) = (0usize, 0usize);
    let mut min_x: f64 = 0.0;
    for (e, &(u, v, _)) in edges.iter().enumerate() {
        if !r.back[e] {
            continue;
        }
        let label_w = widths_of_labels[e];
        let (src, dst) = (&nodes[u], &nodes[v]);
        let (lu, lv) = (r.layer_of[u], r.layer_of[v]);
        let rows = lu.min(lv)..=lu.max(lv);
        let on_left = slot[u] + slot[v]
            < (r.layers[lu].len() - 1 - slot[u]) + (r.layers[lv].len() - 1 - slot[v]);
        let (y0, y1) = (src.cy() + 6.0, dst.cy() - 6.0);
        let (lane, sx, dx, text_x) = if on_left {
            left_lanes += 1;
            let left = rows.map(|l| row_left[l]).fold(f64::INFINITY, f64::min);
            let lane = left - LANE_GAP * left_lanes as f64;
            min_x = min_x.min(lane - 4.0 - label_w - margin);
            (lane, src.x, dst.x, lane - 4.0 - label_w / 2.0)
        } else {
            right_lanes += 1;
            let right = rows.map(|l| row_right[l]).fold(0.0, f64::max);
            let lane = right + LANE_GAP * right_lanes as f64;
            width = width.max(lane + 4.0 + label_w + margin);
            (
                lane,
                src.x + src.w,
                dst.x + dst.w,
                lane + 4.0 + label_w / 2.0,
            )
        };
        let boxed = |y: f64| labels::label_box(text_x, y, label_w);
        let ly = if label_w > 0.0 {
            slide_on_lane(y1.min(y0), y0.max(y1), boxed, &taken)
        } else {
            (y0 + y1) / 2.0
        };
        if label_w > 0.0 {
            taken.push(boxed(ly));
        }
        label_at[e] = (if on_left { lane - 4.0 } else { lane + 4.0 }, ly);
        routes[e] = vec![(sx, y0), (lane, y0), (lane, y1), (dx, y1)];
    }
    let edges = edges
        .into_iter()
        .zip(routes)
        .zip(label_at)
        .enumerate()
        .map(|(e, (((from, to, kind), points), label_at))| Edge {
            from,
            to,
            kind,
            back: r.back[e],
            points,
            label_at,
        })
        .collect();
    let mut laid = Layout {
        x: 0.0,
        y: 0.0,
        width,
        height,
        nodes,
        edges,
    };
    if min_x < 0.0 {
        // Left lanes (and their labels) stick out: shift everything right.
        laid.translate(-min_x, 0.0);
        laid.x = 0.0;
        laid.width -= min_x;
    }
    laid
}

/// Estimated drawn width of each edge's label (0 for unlabelled edges).
fn label_ws(edges: &[(usize, usize, EdgeKind)]) -> impl Iterator<Item = f64> + '_ {
    edges.iter().map(|(_, _, kind)| match kind {
        EdgeKind::Normal => 0.0,
        EdgeKind::Default => label_width("default"),
        EdgeKind::Choice { label } | EdgeKind::Catch { label } => label_width(label),
    })
}

/// Estimated drawn width of an edge label (11px monospace, shortened past [`MAX_LABEL_CHARS`]).
pub fn label_width(label: &str) -> f64 {
    label.chars().count().min(MAX_LABEL_CHARS) as f64 * LABEL_CHAR_W
}

/// The x of the k-th of `count` edge ends on a side of a box (circles use their centre).
fn port(node: &NodeBox, k: usize, count: usize) -> f64 {
    if node.is_circle() || count <= 1 {
        return node.cx();
    }
    let step = PORT_STEP.min(node.w * 0.7 / count as f64);
    node.cx() + (k as f64 - (count - 1) as f64 / 2.0) * step
}
