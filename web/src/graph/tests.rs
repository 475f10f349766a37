//! Layout tests (native): `cargo test -p web graph`.

use super::layout::{Layout, NodeBox, NodeKind, BOX_H, MIN_BOX_W};
use super::model::EdgeKind;
use serde_json::{json, Value};
use std::collections::HashSet;

/// The layout with no nested execution started.
fn layout(definition: &Value) -> Layout {
    super::layout::layout(definition, &HashSet::new())
}

/// Every state box, at any depth (groups before their contents).
fn all_states(l: &Layout) -> Vec<&NodeBox> {
    fn collect<'a>(l: &'a Layout, acc: &mut Vec<&'a NodeBox>) {
        for n in &l.nodes {
            if !n.is_circle() {
                acc.push(n);
            }
            for c in n.children.iter().flatten() {
                collect(c, acc);
            }
        }
    }
    let mut acc = Vec::new();
    collect(l, &mut acc);
    acc
}

fn node<'a>(l: &'a Layout, name: &str) -> &'a NodeBox {
    all_states(l)
        .into_iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
}

fn idx(l: &Layout, name: &str) -> usize {
    l.nodes.iter().position(|n| n.name == name).unwrap()
}

fn end(l: &Layout) -> &NodeBox {
    l.nodes.iter().find(|n| n.kind == NodeKind::End).unwrap()
}

/// Boxes of one machine overlap nowhere (also across layers), recursively.
fn assert_no_overlap(l: &Layout) {
    for (i, a) in l.nodes.iter().enumerate() {
        for b in &l.nodes[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
        for c in a.children.iter().flatten() {
            assert_no_overlap(c);
        }
    }
}

/// Every box lies inside the drawing, recursively.
fn assert_inside(l: &Layout) {
    for n in &l.nodes {
        assert!(
            n.x >= l.x - 1e-6 && n.y >= l.y - 1e-6,
            "{n:?} outside {l:?}"
        );
        assert!(n.x + n.w <= l.x + l.width + 1e-6, "{} too wide", n.name);
        assert!(n.y + n.h <= l.y + l.height + 1e-6, "{} too tall", n.name);
        for c in n.children.iter().flatten() {
            assert!(c.x >= n.x && c.y >= n.y, "branch outside {}", n.name);
            assert!(
                c.x + c.width <= n.x + n.w + 1e-6,
                "branch wider than {}",
                n.name
            );
            assert!(
                c.y + c.height <= n.y + n.h + 1e-6,
                "branch taller than {}",
                n.name
            );
            assert_inside(c);
        }
    }
}

fn chain(n: usize) -> Value {
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let s = if i + 1 == n {
            json!({"Type": "Pass", "End": true})
        } else {
            json!({"Type": "Pass", "Next": format!("S{}", i + 1)})
        };
        states.insert(format!("S{i}"), s);
    }
    json!({"StartAt": "S0", "States": states})
}

#[test]
fn linear_chain_one_state_per_layer() {
    let l = layout(&chain(4));
    let ys: Vec<f64> = (0..4).map(|i| node(&l, &format!("S{i}")).y).collect();
    assert!(ys.windows(2).all(|w| w[0] + BOX_H < w[1]), "{ys:?}");
    let start = &l.nodes[0];
    assert_eq!(start.kind, NodeKind::Start);
    assert!(start.y + start.h < ys[0]);
    assert!(end(&l).y > ys[3] + BOX_H);
    // Centred: all on one vertical line, so edges are straight.
    let cx = node(&l, "S0").cx();
    assert!((0..4).all(|i| (node(&l, &format!("S{i}")).cx() - cx).abs() < 1e-6));
    assert_eq!(l.edges.len(), 5, "start + 3 next + end");
    assert!(l
        .edges
        .iter()
        .all(|e| !e.back && e.kind == EdgeKind::Normal));
    assert_inside(&l);
}

#[test]
fn box_width_follows_name() {
    let long = "A".repeat(30);
    let l = layout(&json!({"StartAt": long, "States": {
        long.clone(): {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}));
    assert_eq!(node(&l, "B").w, MIN_BOX_W);
    assert!(node(&l, &long).w >= 30.0 * 7.2);
}

fn choice() -> Value {
    json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [
            {"Variable": "$.x", "NumericEquals": 1, "Next": "A"},
            {"Variable": "$.x", "StringEqualsPath": "$.y", "Next": "B"}],
            "Default": "D"},
        "A": {"Type": "Succeed"},
        "B": {"Type": "Pass", "Next": "B2"},
        "B2": {"Type": "Pass", "End": true},
        "D": {"Type": "Fail", "Error": "E"}}})
}

#[test]
fn choice_fans_out_on_one_layer() {
    let l = layout(&choice());
    let (a, b, d) = (node(&l, "A"), node(&l, "B"), node(&l, "D"));
    assert_eq!(a.y, b.y);
    assert_eq!(b.y, d.y);
    assert!(a.y > node(&l, "C").y + BOX_H);
    let c = idx(&l, "C");
    let labels: Vec<&EdgeKind> = l
        .edges
        .iter()
        .filter(|e| e.from == c)
        .map(|e| &e.kind)
        .collect();
    assert_eq!(
        labels,
        [
            &EdgeKind::Choice {
                label: "$.x == 1".into()
            },
            &EdgeKind::Choice {
                label: "$.x == $.y".into()
            },
            &EdgeKind::Default
        ]
    );
    // End is below the longest path (C, B, B2).
    assert!(end(&l).y > node(&l, "B2").y + BOX_H);
    // The edges from C leave at distinct points.
    let starts: Vec<f64> = l
        .edges
        .iter()
        .filter(|e| e.from == c)
        .map(|e| e.points[0].0)
        .collect();
    assert!(starts.windows(2).all(|w| w[0] != w[1]), "{starts:?}");
    assert_no_overlap(&l);
    assert_inside(&l);
}

#[test]
fn long_edges_route_through_layers() {
    let l = layout(&choice());
    // A -> End skips the B2 layer: routed via a dummy, so more than two points, monotone in y.
    let a = idx(&l, "A");
    let e = l.edges.iter().find(|e| e.from == a).unwrap();
    assert!(e.points.len() > 2);
    assert!(e.points.windows(2).all(|w| w[0].1 <= w[1].1));
}

#[test]
fn loop_has_one_back_edge() {
    let l = layout(&json!({"StartAt": "Wait", "States": {
        "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
        "Check": {"Type": "Task", "Resource": "arn:x", "Next": "Done?"},
        "Done?": {"Type": "Choice", "Choices": [
            {"Variable": "$.done", "BooleanEquals": false, "Next": "Wait"}],
            "Default": "Ok"},
        "Ok": {"Type": "Succeed"}}}));
    let back: Vec<_> = l.edges.iter().filter(|e| e.back).collect();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].from, idx(&l, "Done?"));
    assert_eq!(back[0].to, idx(&l, "Wait"));
    // Layers still follow the forward path.
    assert!(node(&l, "Wait").y < node(&l, "Check").y);
    assert!(node(&l, "Check").y < node(&l, "Done?").y);
    assert!(node(&l, "Done?").y < node(&l, "Ok").y);
    // Drawn on the right, within the drawing.
    let lane = back[0].points[1].0;
    assert!(lane > node(&l, "Done?").x + node(&l, "Done?").w);
    assert!(lane < l.width);
    assert_inside(&l);
}

#[test]
fn self_loop_is_a_back_edge() {
    let l = layout(&json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "C"}],
              "Default": "S"},
        "S": {"Type": "Succeed"}}}));
    assert_eq!(l.edges.iter().filter(|e| e.back).count(), 1);
}

#[test]
fn catch_edges_are_labelled_with_errors() {
    let l = layout(&json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:x", "End": true,
              "Catch": [{"ErrorEquals": ["States.Timeout", "Custom"], "Next": "H"}]},
        "H": {"Type": "Pass", "End": true}}}));
    let t = idx(&l, "T");
    assert!(l.edges.iter().any(|e| e.from == t
        && e.kind
            == EdgeKind::Catch {
                label: "States.Timeout, Custom".into()
            }));
}

#[test]
fn parallel_group_contains_branches() {
    let l = layout(&json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "After", "Branches": [
            {"StartAt": "A1", "States": {"A1": {"Type": "Pass", "Next": "A2"},
                                         "A2": {"Type": "Pass", "End": true}}},
            {"StartAt": "B1", "States": {"B1": {"Type": "Task", "Resource": "arn:x", "End": true}}},
            "not a branch"]},
        "After": {"Type": "Succeed"}}}));
    let p = node(&l, "P");
    let kids = p.children.as_ref().unwrap();
    assert_eq!(kids.len(), 2);
    assert!(kids[0].x + kids[0].width <= kids[1].x, "side by side");
    for name in ["A1", "A2", "B1"] {
        let n = node(&l, name);
        assert!(
            n.x > p.x && n.x + n.w < p.x + p.w,
            "{name} inside P horizontally"
        );
        assert!(
            n.y > p.y && n.y + n.h < p.y + p.h,
            "{name} inside P vertically"
        );
    }
    assert!(node(&l, "After").y > p.y + p.h);
    assert_inside(&l);
    assert_no_overlap(&l);
}

#[test]
fn map_group_contains_processor_and_legacy_iterator() {
    for key in ["ItemProcessor", "Iterator"] {
        let l = layout(&json!({"StartAt": "M", "States": {
            "M": {"Type": "Map", "End": true, key: {"StartAt": "Item", "States": {
                "Item": {"Type": "Pass", "Next": "Inner"},
                "Inner": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Deep",
                    "States": {"Deep": {"Type": "Pass", "End": true}}}}}}}}}));
        let m = node(&l, "M");
        assert_eq!(m.children.as_ref().map(Vec::len), Some(1), "{key}");
        let (inner, deep) = (node(&l, "Inner"), node(&l, "Deep"));
        assert!(inner.children.is_some());
        assert!(deep.x > inner.x && deep.y > inner.y);
        assert!(inner.x + inner.w < m.x + m.w && inner.y + inner.h < m.y + m.h);
        assert_inside(&l);
    }
}

#[test]
fn only_tasks_whose_nested_execution_started_get_a_badge() {
    let def = json!({"StartAt": "N", "States": {
        "N": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Next": "S"},
        "S": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:startSyncExecution", "Next": "P"},
        "P": {"Type": "Parallel", "Next": "L", "Branches": [{"StartAt": "In", "States": {
            "In": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "End": true}}}]},
        "L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true}}});
    let started: HashSet<String> = ["S", "In", "L"].into_iter().map(String::from).collect();
    let l = super::layout::layout(&def, &started);
    let nested = |l: &Layout, name| match &node(l, name).kind {
        NodeKind::State { nested, .. } => *nested,
        _ => unreachable!(),
    };
    // N can start one but did not; L started one through a resource that cannot.
    assert!(!nested(&l, "N") && nested(&l, "S") && nested(&l, "In") && !nested(&l, "L"));
    assert!(node(&l, "S").w > node(&l, "N").w, "room for the badge");
    let none = layout(&def);
    assert!(["N", "S", "In", "L"].iter().all(|n| !nested(&none, n)));
}

#[test]
fn invalid_and_partial_definitions_do_not_panic() {
    let cases = [
        json!(null),
        json!(42),
        json!("StartAt"),
        json!([]),
        json!({}),
        json!({"StartAt": "Missing"}),
        json!({"StartAt": 3, "States": []}),
        json!({"StartAt": "A", "States": {"A": 1, "B": null}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Bogus", "Next": "Nowhere"}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [1, {"Next": 2}, {"Next": "A"}],
               "Default": "Gone"}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": [{}, null, {"States": 1}]}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": {}}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Map", "ItemProcessor": "x", "Next": "A"}}}),
        json!({"States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Task", "Catch": [{"Next": "A"}, 3, {"ErrorEquals": 1}]}}}),
    ];
    for c in &cases {
        let l = layout(c);
        assert!(l.width > 0.0 && l.height > 0.0, "{c}");
        assert_eq!(l.nodes[0].kind, NodeKind::Start);
        assert_no_overlap(&l);
        assert_inside(&l);
    }
    // Unknown types draw a plain box; missing targets are skipped.
    let l = layout(&cases[8]);
    assert_eq!(node(&l, "A").children, None);
    assert_eq!(l.edges.len(), 1, "only Start -> A");
}

#[test]
fn unreachable_states_are_still_drawn() {
    let l = layout(&json!({"StartAt": "A", "States": {
        "A": {"Type": "Succeed"}, "Orphan": {"Type": "Pass", "Next": "A"}}}));
    assert!(node(&l, "Orphan").y > l.nodes[0].y);
    assert_no_overlap(&l);
}

#[test]
fn deep_nesting_is_bounded() {
    let mut def = json!({"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}});
    for _ in 0..60 {
        def = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [def]}}});
    }
    let l = layout(&def);
    assert!(l.width.is_finite() && l.height.is_finite());
}

/// A branchy 60-state machine: a chain of Choice diamonds with catches and a loop.
fn big() -> Value {
    let mut states = serde_json::Map::new();
    for i in 0..20 {
        let (c, a, b, next) = (
            format!("Choice{i}"),
            format!("Left{i}"),
            format!("Right{i}"),
            if i == 19 {
                "Choice0".to_owned()
            } else {
                format!("Choice{}", i + 1)
            },
        );
        states.insert(
            c,
            json!({"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericLessThan": i, "Next": a}],
                   "Default": b}),
        );
        states.insert(
            a,
            json!({"Type": "Task", "Resource": "arn:x", "Next": next,
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Right19"}]}),
        );
        states.insert(
            b,
            json!({"Type": "Pass", "Next": next.clone(), "End": i == 19}),
        );
    }
    json!({"StartAt": "Choice0", "States": states})
}

#[test]
fn sixty_states_lay_out_quickly_without_overlap() {
    let def = big();
    let l = layout(&def);
    assert_eq!(all_states(&l).len(), 60);
    assert_no_overlap(&l);
    assert_inside(&l);
    assert!(l.edges.iter().any(|e| e.back));
    let t = std::time::Instant::now();
    for _ in 0..10 {
        std::hint::black_box(layout(&def));
    }
    // Generous bound for unoptimised test builds; release builds are far below 1 ms.
    assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
}

/// A Choice with `n` rules (long conditions) and a Default, each to its own state; one
/// rule loops back to the Choice, and a Task before it has a Catch.
fn wide_choice(n: usize) -> Value {
    let mut states = serde_json::Map::new();
    states.insert(
        "Work".into(),
        json!({"Type": "Task", "Resource": "arn:x", "Next": "Route",
               "Catch": [{"ErrorEquals": ["States.TaskFailed", "States.Timeout"], "Next": "Handle"}]}),
    );
    let mut rules: Vec<Value> = (0..n)
        .map(|i| json!({"Variable": "$.order.kind", "StringEquals": format!("kind-number-{i}"), "Next": format!("Branch{i}")}))
        .collect();
    rules.push(json!({"Variable": "$.retry", "BooleanEquals": true, "Next": "Work"}));
    states.insert(
        "Route".into(),
        json!({"Type": "Choice", "Choices": rules, "Default": "Other"}),
    );
    for i in 0..n {
        states.insert(format!("Branch{i}"), json!({"Type": "Pass", "End": true}));
    }
    states.insert("Other".into(), json!({"Type": "Fail", "Error": "E"}));
    states.insert("Handle".into(), json!({"Type": "Pass", "End": true}));
    json!({"StartAt": "Work", "States": states})
}

/// Every label box of a layout, with its edge, at any depth.
fn all_labels(l: &Layout) -> Vec<(super::rect::Rect, &super::layout::Edge)> {
    let mut out: Vec<_> = l
        .edges
        .iter()
        .filter_map(|e| Some((e.label_rect()?, e)))
        .collect();
    for n in &l.nodes {
        for c in n.children.iter().flatten() {
            out.extend(all_labels(c));
        }
    }
    out
}

#[test]
fn choice_labels_sit_on_their_edges_apart_from_each_other_and_the_boxes() {
    for n in [4, 5, 7] {
        let l = layout(&wide_choice(n));
        let labels = all_labels(&l);
        assert_eq!(
            labels.len(),
            n + 3,
            "n rules, the loop, Default and the Catch"
        );
        let boxes: Vec<_> = all_states(&l).into_iter().map(NodeBox::rect).collect();
        let bounds = l.bounds();
        for (i, (a, edge)) in labels.iter().enumerate() {
            for (b, other) in &labels[i + 1..] {
                assert!(
                    !a.overlaps(b),
                    "{n} rules: {:?} label {a:?} overlaps {:?} label {b:?}",
                    edge.label(),
                    other.label()
                );
            }
            for b in &boxes {
                assert!(
                    !a.overlaps(b),
                    "{n} rules: {:?} label on box {b:?}",
                    edge.label()
                );
            }
            assert!(bounds.contains(a), "{a:?} inside {bounds:?}");
            // On its own edge: a forward label's centre lies on the curve of the gap it
            // sits in; a back edge's label beside its vertical lane.
            let (x, y) = edge.label_at;
            if edge.back {
                let lane = edge.points[1].0;
                assert!((x - lane).abs() <= 4.0 + 1e-9, "beside the lane");
                let (lo, hi) = (edge.points[2].1, edge.points[1].1);
                assert!(y >= lo.min(hi) && y <= lo.max(hi), "along the lane");
            } else {
                let seg = edge
                    .points
                    .windows(2)
                    .find(|w| w[0].1 <= y && y <= w[1].1)
                    .unwrap_or_else(|| panic!("{:?} not along {:?}", edge.label_at, edge.points));
                let f = (y - seg[0].1) / (seg[1].1 - seg[0].1);
                let on = super::labels::curve_x(seg[0].0, seg[1].0, f);
                assert!(
                    (x - on).abs() < 0.5,
                    "{:?}: x {x} but the curve is at {on}",
                    edge.label()
                );
            }
        }
        assert_no_overlap(&l);
        assert_inside(&l);
    }
}

#[test]
fn the_bounds_hold_groups_labels_and_rings() {
    let l = layout(&json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "M", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Choice", "Choices": [
                {"Variable": "$.a", "IsPresent": true, "Next": "B1"},
                {"Variable": "$.b", "IsPresent": true, "Next": "B"}], "Default": "B2"},
                "B1": {"Type": "Succeed"}, "B2": {"Type": "Succeed"}}}]},
        "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "I", "States": {
            "I": {"Type": "Pass", "End": true}}}}}}));
    let b = l.bounds();
    for n in all_states(&l) {
        // The group box and the selection ring drawn 4 units outside it.
        assert!(
            b.contains(&n.rect().grown(4.0)),
            "{} ({:?}) outside {b:?}",
            n.name,
            n.rect()
        );
    }
    for (r, _) in all_labels(&l) {
        assert!(b.contains(&r));
    }
    assert!(b.x <= 0.0 && b.y <= 0.0 && b.right() >= l.width && b.bottom() >= l.height);
    // Found by name at any depth.
    assert_eq!(l.find("B1").map(|n| n.name.as_str()), Some("B1"));
    assert!(l.find("Nope").is_none());
}
