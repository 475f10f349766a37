//! Draws a [`Layout`] as SVG: edges under boxes, groups under their branches.

use super::layout::{
    Layout, NodeBox, NodeKind, BADGE_W, CIRCLE, HEADER_H, MAX_LABEL_CHARS, MAX_NAME_CHARS,
};
use super::model::EdgeKind;
use super::StateStatus;
use std::collections::HashMap;
use std::fmt::Write as _;
use yew::prelude::*;

/// What every drawn node needs besides its box.
pub(crate) struct Ctx<'a> {
    /// Status by state name.
    pub statuses: &'a HashMap<String, StateStatus>,
    /// The selected state.
    pub selected: Option<&'a str>,
    /// Called with a state's name when it is clicked or activated by keyboard.
    pub on_select: &'a Callback<String>,
    /// The failed states: name → the index of the event that failed it.
    pub failures: &'a HashMap<String, usize>,
    /// Called instead of `on_select` on a failed state, with its failing event's index.
    pub on_failure: &'a Callback<usize>,
    /// The Tasks whose nested execution started: name → the execution's index.
    pub nested: &'a HashMap<String, usize>,
    /// Called with a nested execution's index when its badge is clicked.
    pub on_open_nested: &'a Callback<usize>,
    /// Called with the selected state's name when its "test" badge is clicked.
    pub on_test: Option<&'a Callback<String>>,
    /// Unique prefix for this graph's marker ids.
    pub ids: &'a str,
}

impl Ctx<'_> {
    fn status(&self, name: &str) -> StateStatus {
        self.statuses
            .get(name)
            .copied()
            .unwrap_or(StateStatus::NotRun)
    }
}

/// Arrowhead markers, referenced as `url(#{ids}-arrow)` and `url(#{ids}-arrow-catch)`.
pub(crate) fn markers(ids: &str) -> Html {
    let arrow = |id: String, class: &'static str| {
        html! {
            <marker id={id} class={class} viewBox="0 0 10 10" refX="9" refY="5"
                markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" />
            </marker>
        }
    };
    html! {
        <defs>
            { arrow(format!("{ids}-arrow"), "sg-arrow") }
            { arrow(format!("{ids}-arrow-catch"), "sg-arrow sg-arrow-catch") }
        </defs>
    }
}

/// A laid-out machine: its edges, then its nodes (groups followed by their branches).
pub(crate) fn machine(l: &Layout, cx: &Ctx) -> Html {
    html! {
        <g class="sg-machine">
            { for l.edges.iter().map(|e| edge(l, e, cx)) }
            { for l.nodes.iter().map(|n| node(n, cx)) }
        </g>
    }
}

fn edge(l: &Layout, e: &super::layout::Edge, cx: &Ctx) -> Html {
    let end_name = |i: usize| match l.nodes.get(i) {
        Some(NodeBox {
            kind: NodeKind::Start,
            ..
        }) => "Start".to_owned(),
        Some(NodeBox {
            kind: NodeKind::End,
            ..
        }) => "End".to_owned(),
        Some(n) => n.name.clone(),
        None => String::new(),
    };
    let kind_class = match &e.kind {
        EdgeKind::Normal => "sg-edge-normal",
        EdgeKind::Choice { .. } => "sg-edge-choice",
        EdgeKind::Default => "sg-edge-default",
        EdgeKind::Catch { .. } => "sg-edge-catch",
    };
    let label = e.label();
    let marker = if matches!(e.kind, EdgeKind::Catch { .. }) {
        format!("url(#{}-arrow-catch)", cx.ids)
    } else {
        format!("url(#{}-arrow)", cx.ids)
    };
    let d = if e.back {
        rounded_path(&e.points, 8.0)
    } else {
        vertical_curves(&e.points)
    };
    let mut tip = format!("{} → {}", end_name(e.from), end_name(e.to));
    if let Some(label) = label {
        let _ = write!(tip, ": {label}");
    }
    let (lx, ly) = e.label_at;
    let anchor = e.anchor().as_str();
    html! {
        <g class={classes!("sg-edge", kind_class, e.back.then_some("sg-edge-back"))}>
            <title>{ tip }</title>
            <path d={d} marker-end={marker} />
            if let Some(label) = label {
                <text class="sg-label" x={num(lx)} y={num(ly)} text-anchor={anchor}
                    dominant-baseline="central">{ shorten(label, MAX_LABEL_CHARS) }</text>
            }
        </g>
    }
}

fn node(n: &NodeBox, cx: &Ctx) -> Html {
    match &n.kind {
        NodeKind::Start => html! {
            <circle class="sg-start" cx={num(n.cx())} cy={num(n.cy())} r={num(CIRCLE / 2.0)}>
                <title>{ "Start" }</title>
            </circle>
        },
        NodeKind::End => html! {
            <g class="sg-end">
                <title>{ "End" }</title>
                <circle cx={num(n.cx())} cy={num(n.cy())} r={num(CIRCLE / 2.0)} />
                <circle class="sg-end-dot" cx={num(n.cx())} cy={num(n.cy())} r={num(CIRCLE / 2.0 - 5.0)} />
            </g>
        },
        NodeKind::State { ty, nested } => state(n, ty, *nested, cx),
    }
}

fn state(n: &NodeBox, ty: &str, nested: bool, cx: &Ctx) -> Html {
    let status = cx.status(&n.name);
    let selected = cx.selected == Some(n.name.as_str());
    let shown_ty = if ty.is_empty() { "unknown type" } else { ty };
    let failing = cx.failures.get(&n.name).copied();
    let started = nested.then(|| cx.nested.get(&n.name).copied()).flatten();
    let mut label = format!("{}, {}, {}", n.name, shown_ty, status.words());
    let mut tip = format!("{} ({shown_ty}) — {}", n.name, status.words());
    if started.is_some() {
        tip.push_str(" — started a nested execution");
    }
    if failing.is_some() {
        tip.push_str(" — click to show the failing event");
        label.push_str(", shows the failing event");
    }
    // A failed state opens its failing event; any other is selected.
    let activate: Callback<()> = match failing {
        Some(i) => cx.on_failure.reform(move |_| i),
        None => {
            let name = n.name.clone();
            cx.on_select.reform(move |_| name.clone())
        }
    };
    let onclick = activate.reform(|_: MouseEvent| ());
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            activate.emit(());
        }
    });
    let open_nested = started.map(|i| {
        cx.on_open_nested.reform(move |e: MouseEvent| {
            e.stop_propagation();
            i
        })
    });
    let type_class = format!("sg-type-{}", ty.to_ascii_lowercase());
    let group = n.children.is_some();
    let glyph = status.glyph();
    let (x, y, w, h) = (n.x, n.y, n.w, n.h);
    // Inside the box, left of the status glyph.
    let badge_x = x + w - 28.0 - (BADGE_W - 8.0);
    // Text baseline: centre of the box, or of the header for groups.
    let text_y = if group { y + HEADER_H / 2.0 } else { n.cy() };
    let body = if group {
        html! {
            <>
                <rect class="sg-box sg-frame" x={num(x)} y={num(y)} width={num(w)} height={num(h)} rx="8" />
                <rect class="sg-header" x={num(x)} y={num(y)} width={num(w)} height={num(HEADER_H)} rx="8" />
                <text class="sg-name" x={num(x + 12.0)} y={num(text_y)} dominant-baseline="central">
                    { shorten(&n.name, MAX_NAME_CHARS) }
                    <tspan class="sg-kind" dx="8">{ shown_ty }</tspan>
                </text>
            </>
        }
    } else {
        html! {
            <>
                <rect class="sg-box" x={num(x)} y={num(y)} width={num(w)} height={num(h)} rx="6" />
                <text class="sg-name" x={num(x + 12.0)} y={num(text_y)} dominant-baseline="central">
                    { shorten(&n.name, MAX_NAME_CHARS) }
                </text>
            </>
        }
    };
    html! {
        <>
            <g data-testid="graph-node" data-state={n.name.clone()} data-status={status.as_str()}
                data-fail-event={failing.map(|i| i.to_string())}
                role="button" tabindex="0" aria-label={label}
                aria-pressed={if selected { "true" } else { "false" }}
                class={classes!("sg-node", format!("sg-{}", status.as_str()), type_class,
                    group.then_some("sg-group"), selected.then_some("sg-selected"))}
                {onclick} {onkeydown}>
                <title>{ tip }</title>
                <rect class="sg-ring" x={num(x - 4.0)} y={num(y - 4.0)}
                    width={num(w + 8.0)} height={num(h + 8.0)} rx="10" />
                { body }
                if !glyph.is_empty() {
                    <text class="sg-glyph" x={num(x + w - 16.0)} y={num(text_y)}
                        text-anchor="middle" dominant-baseline="central" aria-hidden="true">{ glyph }</text>
                }
                if let Some(onclick) = open_nested {
                    <g class="sg-badge" data-testid="graph-nested-badge" aria-hidden="true" {onclick}>
                        <rect x={num(badge_x)} y={num(n.cy() - 8.0)} width={num(BADGE_W - 8.0)}
                            height="16" rx="8" />
                        <text x={num(badge_x + (BADGE_W - 8.0) / 2.0)} y={num(n.cy())} text-anchor="middle"
                            dominant-baseline="central">{ "nested ↗" }</text>
                    </g>
                }
            </g>
            if let Some(on_test) = cx.on_test.filter(|_| selected) {
                { test_badge(n, on_test) }
            }
            { for n.children.iter().flatten().map(|c| branch(c, cx)) }
        </>
    }
}

/// The "test" badge above a selected state's top-right corner: runs that state alone.
fn test_badge(n: &NodeBox, on_test: &Callback<String>) -> Html {
    let name = n.name.clone();
    let onclick = on_test.reform(move |e: MouseEvent| {
        e.stop_propagation();
        name.clone()
    });
    let (w, h) = (58.0, 18.0);
    let x = n.x + n.w - w;
    let y = n.y - h - 4.0;
    html! {
        <g class="sg-badge sg-test" data-testid="graph-test-badge" {onclick}>
            <title>{ format!("Test {} alone (TestState)", n.name) }</title>
            <rect x={num(x)} y={num(y)} width={num(w)} height={num(h)} rx="9" />
            <text x={num(x + w / 2.0)} y={num(y + h / 2.0)} text-anchor="middle"
                dominant-baseline="central">{ "test ▸" }</text>
        </g>
    }
}

fn branch(c: &Layout, cx: &Ctx) -> Html {
    html! {
        <g class="sg-branch">
            <rect class="sg-branch-area" x={num(c.x)} y={num(c.y)}
                width={num(c.width)} height={num(c.height)} rx="6" />
            { machine(c, cx) }
        </g>
    }
}

/// Forward route: straight where vertical, else a cubic with vertical tangents.
fn vertical_curves(pts: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = pts.first() else {
        return d;
    };
    let _ = write!(d, "M{x0:.1},{y0:.1}");
    for w in pts.windows(2) {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        if (ax - bx).abs() < 0.5 {
            let _ = write!(d, " L{bx:.1},{by:.1}");
        } else {
            let my = (ay + by) / 2.0;
            let _ = write!(d, " C{ax:.1},{my:.1} {bx:.1},{my:.1} {bx:.1},{by:.1}");
        }
    }
    d
}

/// Orthogonal route with rounded corners of radius `r` (less where segments are short).
fn rounded_path(pts: &[(f64, f64)], r: f64) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = pts.first() else {
        return d;
    };
    let _ = write!(d, "M{x0:.1},{y0:.1}");
    for i in 1..pts.len() {
        let (px, py) = pts[i];
        if i + 1 == pts.len() {
            let _ = write!(d, " L{px:.1},{py:.1}");
            break;
        }
        let (ax, ay) = pts[i - 1];
        let (bx, by) = pts[i + 1];
        let len_in = (px - ax).hypot(py - ay);
        let len_out = (bx - px).hypot(by - py);
        let rr = r.min(len_in / 2.0).min(len_out / 2.0);
        if rr < 0.5 {
            let _ = write!(d, " L{px:.1},{py:.1}");
            continue;
        }
        let (sx, sy) = (px - (px - ax) / len_in * rr, py - (py - ay) / len_in * rr);
        let (ex, ey) = (px + (bx - px) / len_out * rr, py + (by - py) / len_out * rr);
        let _ = write!(d, " L{sx:.1},{sy:.1} Q{px:.1},{py:.1} {ex:.1},{ey:.1}");
    }
    d
}

/// At most `max` characters, with an ellipsis when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}
