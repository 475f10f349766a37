//! The state machine graph: an SVG with a layered layout, states marked by status, that
//! zooms (buttons, Ctrl+wheel, pinch), pans (drag) and fits the pane.
//!
//! [`layout`] computes the geometry (pure Rust, memoized on the definition), `labels`
//! keeps edge labels apart, `camera` is the zoom and pan arithmetic, `gesture` reads
//! pointers, `view` draws it. Styles: `web/src/graph/graph.css`.

mod camera;
mod gesture;
mod labels;
pub mod layout;
pub mod model;
mod rank;
mod rect;
mod status;
#[cfg(test)]
mod tests;
mod view;
mod xplace;

use camera::{fit, pan, reveal, to_user, units_per_px, view_box, zoom, ZOOM_STEP};
use gesture::{Gesture, Move};
use gloo::events::{EventListener, EventListenerOptions};
use layout::Layout;
use rect::Rect;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};
use yew::prelude::*;

/// What happened to a state in the run, up to the step being shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateStatus {
    /// Not entered (yet).
    NotRun,
    /// The state being shown by the step-through.
    Current,
    /// Entered and left normally.
    Succeeded,
    /// Failed, and nothing caught it.
    Failed,
    /// Failed, and a Catch moved on.
    Caught,
}

/// The graph's inputs.
#[derive(Properties, PartialEq)]
pub struct GraphProps {
    /// A state machine definition (ASL JSON); an invalid one draws what it can.
    pub definition: Rc<Value>,
    /// Status by state name (names are unique across a whole state machine).
    #[prop_or_default]
    pub statuses: Rc<HashMap<String, StateStatus>>,
    /// The selected state's name (drawn with a focus-style ring).
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    /// Called with a state's name when it is clicked, or activated with Enter/Space.
    #[prop_or_default]
    pub on_select: Callback<String>,
    /// The failed states: name → the index of the history event that failed it. Clicking
    /// one calls `on_failure` with that index instead of `on_select`.
    #[prop_or_default]
    pub failures: Rc<HashMap<String, usize>>,
    /// Called with a failing event's index when a failed state is clicked.
    #[prop_or_default]
    pub on_failure: Callback<usize>,
    /// The Tasks whose nested execution started: name → the nested execution's index. Only
    /// these show the "nested ↗" badge.
    #[prop_or_default]
    pub nested: Rc<HashMap<String, usize>>,
    /// Called with a nested execution's index when its badge is clicked.
    #[prop_or_default]
    pub on_open_nested: Callback<usize>,
    /// When set, the selected state shows a "test" badge that calls it with the state's
    /// name (to run that state alone).
    #[prop_or_default]
    pub on_test: Option<Callback<String>>,
    /// Accessible title, e.g. the state machine's name.
    pub title: AttrValue,
}

/// Source of per-instance marker id prefixes (several graphs may share a page).
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// What the event handlers read: the layout drawn, the view shown, the fitted view.
struct Shown {
    laid: Rc<Layout>,
    view: Rect,
    fitted: Rect,
}

/// The graph component: the whole drawing fitted to its pane until the user zooms or
/// pans; stepping to a state out of view brings it into view.
#[function_component(StateGraph)]
pub fn state_graph(props: &GraphProps) -> Html {
    let laid = use_memo(
        (props.definition.clone(), props.nested.clone()),
        |(d, nested)| {
            let badges: HashSet<String> = nested.keys().cloned().collect();
            layout::layout(d, &badges)
        },
    );
    let ids = use_memo((), |_| {
        format!("sg{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
    });
    // The view set by zooming or panning, for the layout it was set on (a new layout fits).
    let zoomed = use_state(|| None::<(Rc<Layout>, Rect)>);
    let fitted = fit(laid.bounds());
    let view = zoomed
        .as_ref()
        .filter(|(l, _)| Rc::ptr_eq(l, &laid))
        .map_or(fitted, |(_, v)| *v);
    let shown = use_mut_ref(|| Shown {
        laid: laid.clone(),
        view,
        fitted,
    });
    *shown.borrow_mut() = Shown {
        laid: laid.clone(),
        view,
        fitted,
    };
    let svg = use_node_ref();
    let gesture = use_mut_ref(Gesture::default);
    // Set after a drag, so that the click ending it selects nothing.
    let swallow_click = use_mut_ref(|| false);
    // Changes the view; several changes before the next render add up.
    let set_view = {
        let setter = zoomed.setter();
        let shown = shown.clone();
        Rc::new(move |change: &dyn Fn(&Shown) -> Rect| {
            let mut s = shown.borrow_mut();
            s.view = change(&s);
            setter.set(Some((s.laid.clone(), s.view)));
        })
    };

    // Ctrl+wheel (and a trackpad's pinch, which browsers send as one) zooms about the
    // pointer; a plain wheel scrolls the page as usual.
    {
        let (svg, set_view) = (svg.clone(), set_view.clone());
        use_effect_with((), move |_| {
            let listener = svg.cast::<Element>().map(|el| {
                let target = el.clone();
                EventListener::new_with_options(
                    &el,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<WheelEvent>() else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) {
                            return;
                        }
                        e.prevent_default();
                        let (px, py, size) = local(&target, e.client_x(), e.client_y());
                        let factor = (-e.delta_y() * 0.002).exp();
                        set_view(&|s| {
                            zoom(s.view, s.fitted, factor, to_user(s.view, size, px, py))
                        });
                    },
                )
            });
            move || drop(listener)
        });
    }

    // Stepping to (or picking) a state out of view brings it into view.
    let current = props
        .statuses
        .iter()
        .find(|(_, s)| **s == StateStatus::Current)
        .map(|(n, _)| n.clone())
        .or_else(|| props.selected.as_ref().map(|s| s.to_string()));
    {
        let (shown, set_view) = (shown.clone(), set_view.clone());
        let customised = zoomed.as_ref().is_some_and(|(l, _)| Rc::ptr_eq(l, &laid));
        use_effect_with(current, move |current| {
            let Some(name) = current.as_deref() else {
                return;
            };
            if !customised {
                return;
            }
            let moved = {
                let s = shown.borrow();
                s.laid
                    .find(name)
                    .and_then(|n| reveal(s.view, s.fitted, n.rect().grown(8.0)))
            };
            if let Some(view) = moved {
                set_view(&|_| view);
            }
        });
    }

    let button = |f: f64| {
        let set_view = set_view.clone();
        Callback::from(move |_: MouseEvent| {
            set_view(&|s| zoom(s.view, s.fitted, f, s.view.centre()));
        })
    };
    let on_fit = {
        let (setter, shown) = (zoomed.setter(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            let mut s = shown.borrow_mut();
            s.view = s.fitted;
            setter.set(None);
        })
    };
    let onpointerdown = {
        let (gesture, swallow_click) = (gesture.clone(), swallow_click.clone());
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            *swallow_click.borrow_mut() = false;
            gesture.borrow_mut().down(
                e.pointer_id(),
                (f64::from(e.client_x()), f64::from(e.client_y())),
            );
        })
    };
    let onpointermove = {
        let (gesture, svg, set_view) = (gesture.clone(), svg.clone(), set_view.clone());
        Callback::from(move |e: PointerEvent| {
            let was_dragging = gesture.borrow().dragging();
            let change = gesture.borrow_mut().moved(
                e.pointer_id(),
                (f64::from(e.client_x()), f64::from(e.client_y())),
            );
            if change == Move::Still {
                return;
            }
            let Some(el) = svg.cast::<Element>() else {
                return;
            };
            if !was_dragging {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            let rect = el.get_bounding_client_rect();
            let size = (rect.width(), rect.height());
            match change {
                Move::Still => {}
                Move::Pan(dx, dy) => set_view(&|s| {
                    let u = units_per_px(s.view, size);
                    pan(s.view, s.fitted, -dx * u, -dy * u)
                }),
                Move::Pinch {
                    factor,
                    at,
                    pan: (dx, dy),
                } => set_view(&|s| {
                    let u = units_per_px(s.view, size);
                    let moved = pan(s.view, s.fitted, -dx * u, -dy * u);
                    let at = to_user(moved, size, at.0 - rect.left(), at.1 - rect.top());
                    zoom(moved, s.fitted, factor, at)
                }),
            }
        })
    };
    let onpointerup = {
        let (gesture, swallow_click) = (gesture.clone(), swallow_click.clone());
        Callback::from(move |e: PointerEvent| {
            let dragged = gesture.borrow_mut().up(e.pointer_id());
            *swallow_click.borrow_mut() = dragged;
        })
    };
    let on_select = {
        let (on_select, swallow_click) = (props.on_select.clone(), swallow_click.clone());
        Callback::from(move |name: String| {
            if !std::mem::take(&mut *swallow_click.borrow_mut()) {
                on_select.emit(name);
            }
        })
    };
    let on_failure = {
        let (on_failure, swallow_click) = (props.on_failure.clone(), swallow_click.clone());
        Callback::from(move |i: usize| {
            if !std::mem::take(&mut *swallow_click.borrow_mut()) {
                on_failure.emit(i);
            }
        })
    };
    let cx = view::Ctx {
        statuses: &props.statuses,
        selected: props.selected.as_deref(),
        on_select: &on_select,
        failures: &props.failures,
        on_failure: &on_failure,
        nested: &props.nested,
        on_open_nested: &props.on_open_nested,
        on_test: props.on_test.as_ref(),
        ids: &ids,
    };
    // The box keeps the drawing's proportions, never taller than the drawing at full size
    // (nor than most of the screen); the viewBox scales into it.
    let style = format!(
        "aspect-ratio: {:.0} / {:.0}; max-height: min({:.0}px, 70vh)",
        fitted.w.max(1.0),
        fitted.h.max(1.0),
        fitted.h.max(1.0)
    );
    html! {
        <div class="sg-wrap">
            <div class="sg-controls" role="group" aria-label="Zoom">
                <button data-testid="graph-zoom-in" onclick={button(ZOOM_STEP)} aria-label="Zoom in" title="Zoom in (Ctrl+wheel)">{"+"}</button>
                <button data-testid="graph-zoom-out" onclick={button(1.0 / ZOOM_STEP)} aria-label="Zoom out" title="Zoom out (Ctrl+wheel)">{"−"}</button>
                <button data-testid="graph-fit" onclick={on_fit} aria-label="Fit the graph to the pane" title="Fit">{"Fit"}</button>
            </div>
            <svg data-testid="graph" class="sg" role="group" aria-label={props.title.clone()}
                aria-roledescription="state machine graph" ref={svg}
                viewBox={view_box(view)} preserveAspectRatio="xMidYMid meet" {style}
                xmlns="http://www.w3.org/2000/svg"
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
                <title>{ props.title.clone() }</title>
                { view::markers(&ids) }
                { view::machine(&laid, &cx) }
            </svg>
        </div>
    }
}

/// A client point relative to `el`'s box, and the box's size, in CSS pixels.
fn local(el: &Element, client_x: i32, client_y: i32) -> (f64, f64, (f64, f64)) {
    let r = el.get_bounding_client_rect();
    (
        f64::from(client_x) - r.left(),
        f64::from(client_y) - r.top(),
        (r.width(), r.height()),
    )
}
