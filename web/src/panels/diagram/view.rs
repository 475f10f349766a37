//! Draws a [`Diagram`]: one column per account, boxes for state machines, roles and
//! resources, numbered edges; and the numbered list of hops.

use super::model::{Diagram, Edge, NodeKind};
use std::rc::Rc;
use yew::prelude::*;

const COLUMN_W: f64 = 230.0;
const GAP_X: f64 = 110.0;
const NODE_H: f64 = 40.0;
const STEP_Y: f64 = 54.0;
/// Room right of the last column for the arcs of calls within it.
const ARC_ROOM: f64 = 80.0;
const TOP: f64 = 44.0;
const PAD: f64 = 12.0;
/// The least the drawing is scaled down to fit its box (its 12px names stay 9px high);
/// a narrower box (a phone) scrolls it sideways instead.
const MIN_SCALE: f64 = 0.75;

/// The diagram's inputs.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub diagram: Rc<Diagram>,
    /// `(id, alias)` of every account, for the column titles.
    pub names: Rc<Vec<(String, String)>>,
    /// Called with a call's index when an edge or hop is chosen.
    pub on_call: Callback<usize>,
    /// The heading.
    #[prop_or(AttrValue::from("Across accounts"))]
    pub title: AttrValue,
    /// What the section is, for assistive technology.
    #[prop_or(AttrValue::from("Who called whom, across accounts"))]
    pub label: AttrValue,
    /// The section's test id, also the prefix of its arrowheads' ids.
    #[prop_or(AttrValue::from("crossing"))]
    pub id: AttrValue,
}

struct Geometry {
    /// Each node's box: x, y.
    at: Vec<(f64, f64)>,
    width: f64,
    height: f64,
}

fn geometry(d: &Diagram) -> Geometry {
    let mut at = vec![(0.0, 0.0); d.nodes.len()];
    let mut rows = 0usize;
    for (c, account) in d.accounts.iter().enumerate() {
        let x = PAD + c as f64 * (COLUMN_W + GAP_X);
        let column = d.column(account);
        rows = rows.max(column.len());
        for (r, &n) in column.iter().enumerate() {
            at[n] = (x + 12.0, TOP + r as f64 * STEP_Y);
        }
    }
    Geometry {
        at,
        width: PAD * 2.0
            + d.accounts.len() as f64 * COLUMN_W
            + d.accounts.len().saturating_sub(1) as f64 * GAP_X
            + ARC_ROOM,
        height: TOP + rows as f64 * STEP_Y + PAD,
    }
}

/// The path of an edge: a cubic curve, as its four points.
fn route(g: &Geometry, e: &Edge, lane: f64) -> [(f64, f64); 4] {
    let w = COLUMN_W - 24.0;
    let (fx, fy) = g.at[e.from];
    let (tx, ty) = g.at[e.to];
    let (fy, ty) = (fy + NODE_H / 2.0, ty + NODE_H / 2.0);
    if (fx - tx).abs() < 1.0 {
        // Same column: an arc out to the right, wider for each curve out of the same box.
        let x = fx + w;
        let bulge = x + 30.0 + lane * 22.0;
        [(x, fy), (bulge, fy), (bulge, ty), (x, ty)]
    } else {
        let (sx, ex) = if tx > fx { (fx + w, tx) } else { (fx, tx + w) };
        let mx = (sx + ex) / 2.0;
        [(sx, fy), (mx, fy), (mx, ty), (ex, ty)]
    }
}

/// The SVG path of a curve.
fn path_of([a, b, c, d]: [(f64, f64); 4]) -> String {
    format!(
        "M{},{} C{},{} {},{} {},{}",
        a.0, a.1, b.0, b.1, c.0, c.1, d.0, d.1
    )
}

/// The point of a curve at `t` (0 at its start, 1 at its end).
fn point_at([a, b, c, d]: [(f64, f64); 4], t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let (k0, k1, k2, k3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        k0 * a.0 + k1 * b.0 + k2 * c.0 + k3 * d.0,
        k0 * a.1 + k1 * b.1 + k2 * c.1 + k3 * d.1,
    )
}

/// Where a badge of half-width `half` sits on a curve: its middle, or the first point
/// further along either way that keeps clear of the badges already placed (two curves
/// that cross in the middle would otherwise hide one badge under the other).
fn badge_at(curve: [(f64, f64); 4], half: f64, placed: &[Badge]) -> Badge {
    let clear = |b: &Badge| {
        placed.iter().all(|q| {
            (b.x - q.x).abs() >= b.half + q.half + GAP || (b.y - q.y).abs() >= 2.0 * BADGE_R + GAP
        })
    };
    let at = |t: f64| {
        let (x, y) = point_at(curve, t);
        Badge { x, y, half }
    };
    [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]
        .into_iter()
        .map(at)
        .find(clear)
        .unwrap_or_else(|| at(0.5))
}

/// A badge placed on a curve: its centre and half its width.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Badge {
    x: f64,
    y: f64,
    half: f64,
}

/// The half-height of a badge (a circle when it holds one or two digits).
const BADGE_R: f64 = 9.0;
/// The room kept between two badges.
const GAP: f64 = 4.0;

/// The half-width of a badge saying `text`.
fn badge_half(text: &str) -> f64 {
    (3.3 * text.chars().count() as f64 + 5.0).max(BADGE_R)
}

/// The edges drawn as one curve: those between the same two nodes (a role calling three
/// actions on one parameter), by their indices, in the order first met.
fn strands(d: &Diagram) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, e) in d.edges.iter().enumerate() {
        let same = |s: &&mut Vec<usize>| {
            let f = &d.edges[s[0]];
            f.from == e.from && f.to == e.to
        };
        match out.iter_mut().find(same) {
            Some(s) => s.push(i),
            None => out.push(vec![i]),
        }
    }
    out
}

/// The hop numbers of a strand's edges (indices from 0) as its badge says them: `3`,
/// `1–3`, `2, 5`, `1–3, 6`.
fn numbers(members: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &m in members {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == m => *last = m,
            _ => runs.push((m, m)),
        }
    }
    runs.iter()
        .map(|&(a, b)| match b - a {
            0 => format!("{}", a + 1),
            _ => format!("{}–{}", a + 1, b + 1),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::StateMachine => "sm",
        NodeKind::Role => "role",
        NodeKind::Resource => "resource",
    }
}

/// The diagram and its list of hops.
#[function_component(CrossingDiagram)]
pub fn crossing_diagram(props: &DiagramProps) -> Html {
    let d = &props.diagram;
    if d.edges.is_empty() {
        return html! {};
    }
    let g = geometry(d);
    let name = |id: &str| {
        props
            .names
            .iter()
            .find(|(a, _)| a == id)
            .map(|(_, alias)| alias.clone())
            .filter(|a| !a.is_empty())
            .map_or_else(|| id.to_string(), |a| format!("{a} · {id}"))
    };
    let pick = |call: usize| {
        let cb = props.on_call.clone();
        Callback::from(move |_| cb.emit(call))
    };
    let mut lanes = std::collections::HashMap::<usize, f64>::new();
    let mut placed = Vec::new();
    let edges = strands(d).into_iter().map(|members| {
        let e = &d.edges[members[0]];
        let lane = if d.nodes[e.from].account == d.nodes[e.to].account {
            let l = lanes.entry(e.from).or_insert(0.0);
            *l += 1.0;
            *l - 1.0
        } else {
            0.0
        };
        let curve = route(&g, e, lane);
        let text = numbers(&members);
        let badge = badge_at(curve, badge_half(&text), &placed);
        placed.push(badge);
        let denied = members.iter().find(|&&m| !d.edges[m].allowed);
        let allowed = denied.is_none();
        let call = d.edges[*denied.unwrap_or(&members[0])].call;
        let class = classes!("edge", if allowed { "allowed" } else { "denied" }, e.crosses.then_some("crosses"));
        let actions = members
            .iter()
            .map(|&m| format!("{} {}", m + 1, d.edges[m].action))
            .collect::<Vec<_>>()
            .join(", ");
        let title = format!("{actions}: {} → {}", d.nodes[e.from].label(), d.nodes[e.to].label());
        html! {
            <g class={class} onclick={pick(call)} role="link" aria-label={title.clone()}>
                <title>{ title }</title>
                <path d={path_of(curve)} marker-end={format!("url(#{}-arrow-{})", props.id, if allowed { "ok" } else { "denied" })} />
                <rect class="badge" x={(badge.x - badge.half).to_string()} y={(badge.y - BADGE_R).to_string()}
                    width={(2.0 * badge.half).to_string()} height={(2.0 * BADGE_R).to_string()} rx={BADGE_R.to_string()} />
                <text x={badge.x.to_string()} y={(badge.y + 4.0).to_string()} text-anchor="middle">{ text }</text>
            </g>
        }
    });
    let columns = d.accounts.iter().enumerate().map(|(c, account)| {
        let x = PAD + c as f64 * (COLUMN_W + GAP_X);
        html! {
            <g class="account-column">
                <rect x={x.to_string()} y="4" width={COLUMN_W.to_string()} height={(g.height - 8.0).to_string()} rx="8" />
                <text x={(x + 10.0).to_string()} y="24" class="account-title">{ name(account) }</text>
            </g>
        }
    });
    let nodes = d.nodes.iter().enumerate().map(|(n, node)| {
        let (x, y) = g.at[n];
        let name = if node.name.chars().count() > 27 {
            format!("{}…", node.name.chars().take(26).collect::<String>())
        } else {
            node.name.clone()
        };
        html! {
            <g class={classes!("node", kind_class(node.kind))}>
                <title>{ node.label() }</title>
                <rect x={x.to_string()} y={y.to_string()} width={(COLUMN_W - 24.0).to_string()} height={NODE_H.to_string()} rx="6" />
                <text x={(x + 8.0).to_string()} y={(y + 14.0).to_string()} class="kind">{ node.noun }</text>
                <text x={(x + 8.0).to_string()} y={(y + 31.0).to_string()}>{ name }</text>
            </g>
        }
    });
    let hops = d.edges.iter().enumerate().map(|(i, e)| {
        let (from, to) = (&d.nodes[e.from], &d.nodes[e.to]);
        html! {
            <li class={classes!(if e.allowed { "allowed" } else { "denied" })}>
                <button class="hop" data-testid="hop" data-result={if e.allowed { "allowed" } else { "denied" }} onclick={pick(e.call)}>
                    <span class="n">{ i + 1 }</span>
                    <span>{ from.label() }</span>
                    <span class="arrow" aria-hidden="true">{ if e.crosses { " ⇒ " } else { " → " } }</span>
                    <code>{ &e.action }</code>
                    <span class="arrow" aria-hidden="true">{ " → " }</span>
                    <span>{ to.label() }</span>
                    if e.calls > 1 { <span class="hop-note">{ format!(" ({} calls)", e.calls) }</span> }
                    if e.crosses { <span class="hop-note">{ format!(" (into {})", to.account) }</span> }
                    <span class="verdict">{ if e.allowed { " ✓" } else { " ✗ denied" } }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="crossing" aria-label={props.label.clone()} data-testid={props.id.clone()}>
            <h2>{ props.title.clone() }</h2>
            <div class="crossing-scroll">
            <svg class="crossing-svg" viewBox={format!("0 0 {} {}", g.width, g.height)}
                 width={g.width.to_string()} style={format!("min-width:{}px", (g.width * MIN_SCALE).round())}
                 role="img" aria-label="Diagram of the calls between accounts">
                <defs>
                    <marker id={format!("{}-arrow-ok", props.id)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head ok" /></marker>
                    <marker id={format!("{}-arrow-denied", props.id)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head denied" /></marker>
                </defs>
                { for columns }
                { for nodes }
                { for edges }
            </svg>
            </div>
            <ol class="hops">{ for hops }</ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_edges_keep_their_numbers_apart() {
        // Two edges between the same columns in opposite directions cross at their middles.
        let down = [(100.0, 20.0), (150.0, 20.0), (150.0, 72.0), (200.0, 72.0)];
        let up = [(100.0, 72.0), (150.0, 72.0), (150.0, 20.0), (200.0, 20.0)];
        let first = badge_at(down, BADGE_R, &[]);
        assert_eq!(
            (first.x, first.y),
            (150.0, 46.0),
            "a lone edge's number sits in its middle"
        );
        let second = badge_at(up, BADGE_R, &[first]);
        let (dx, dy) = ((first.x - second.x).abs(), (first.y - second.y).abs());
        assert!(
            dx >= 2.0 * BADGE_R || dy >= 2.0 * BADGE_R,
            "{first:?} and {second:?} overlap"
        );
    }

    #[test]
    fn calls_between_the_same_two_boxes_are_one_strand() {
        let role = "arn:aws:iam::111111111111:role/Reader";
        let parameter = "arn:aws:ssm:us-east-1:111111111111:parameter/Config";
        let other = "arn:aws:iam::222222222222:role/Other";
        let hop = |a: &str, r: &str| (role.to_string(), a.to_string(), r.to_string());
        let d = Diagram::of_hops(
            &[
                hop("ssm:GetParameter", parameter),
                hop("sts:AssumeRole", other),
                hop("ssm:GetParameters", parameter),
            ],
            &["111111111111".into(), "222222222222".into()],
        );
        assert_eq!(strands(&d), vec![vec![0, 2], vec![1]]);
    }

    #[test]
    fn a_strand_says_its_numbers_as_runs() {
        assert_eq!(numbers(&[2]), "3");
        assert_eq!(numbers(&[0, 1, 2]), "1–3");
        assert_eq!(numbers(&[1, 4]), "2, 5");
        assert_eq!(numbers(&[0, 1, 2, 5]), "1–3, 6");
        assert_eq!(badge_half("3"), BADGE_R);
        assert!(badge_half("1–3, 6") > BADGE_R);
    }
}
