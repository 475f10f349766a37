//! The state machine graph: an SVG with a layered layout, states marked by status.
//!
//! [`layout`] computes the geometry (pure Rust, memoized on the definition);
//! `view` draws it. Styles: `web/src/graph/graph.css`.

pub mod layout;
pub mod model;
mod rank;
mod status;
#[cfg(test)]
mod tests;
mod view;
mod xplace;

use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// Accessible title, e.g. the state machine's name.
    pub title: AttrValue,
}

/// Source of per-instance marker id prefixes (several graphs may share a page).
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// The graph component: a scrollable SVG; the `Current` state (else the selected one)
/// is scrolled into view when it changes.
#[function_component(StateGraph)]
pub fn state_graph(props: &GraphProps) -> Html {
    let laid = use_memo(props.definition.clone(), |d| layout::layout(d));
    let ids = use_memo((), |_| {
        format!("sg{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
    });
    let current_ref = use_node_ref();
    let selected_ref = use_node_ref();
    let current = props
        .statuses
        .iter()
        .find(|(_, s)| **s == StateStatus::Current)
        .map(|(n, _)| n.clone());
    {
        let current_ref = current_ref.clone();
        use_effect_with(current.clone(), move |cur| {
            if cur.is_some() {
                scroll_into_view(&current_ref);
            }
        });
    }
    {
        let (current_ref, selected_ref) = (current_ref.clone(), selected_ref.clone());
        let is_current = props.selected.as_deref() == current.as_deref();
        use_effect_with(props.selected.clone(), move |sel| {
            if sel.is_some() {
                scroll_into_view(if is_current {
                    &current_ref
                } else {
                    &selected_ref
                });
            }
        });
    }
    let cx = view::Ctx {
        statuses: &props.statuses,
        selected: props.selected.as_deref(),
        on_select: &props.on_select,
        current_ref: &current_ref,
        selected_ref: &selected_ref,
        ids: &ids,
    };
    let (w, h) = (laid.width.ceil(), laid.height.ceil());
    html! {
        <div class="sg-scroll">
            <svg data-testid="graph" class="sg" role="group" aria-label={props.title.clone()}
                aria-roledescription="state machine graph"
                viewBox={format!("0 0 {w} {h}")} width={w.to_string()} height={h.to_string()}
                xmlns="http://www.w3.org/2000/svg">
                <title>{ props.title.clone() }</title>
                { view::markers(&ids) }
                { view::machine(&laid, &cx) }
            </svg>
        </div>
    }
}

/// Scrolls the referenced element into view if it is off screen (smoothly, unless the
/// user prefers reduced motion).
fn scroll_into_view(node: &NodeRef) {
    let Some(el) = node.cast::<web_sys::Element>() else {
        return;
    };
    let reduce = web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches());
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(if reduce {
        web_sys::ScrollBehavior::Auto
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}
