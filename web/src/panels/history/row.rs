//! One row of the history table: a component, so that a step re-renders only the rows
//! whose "current" mark changed.

use super::timeline::Timeline;
use std::rc::Rc;
use yew::prelude::*;

/// A row's inputs.
#[derive(Properties)]
pub struct RowProps {
    /// The history's rows.
    pub timeline: Rc<Timeline>,
    /// The event's index in the history.
    pub index: usize,
    /// Its position among the rows shown (for `aria-rowindex`).
    pub at: usize,
    /// It is the step-through's current event.
    pub current: bool,
    /// Called with the event's index when the row is clicked or activated with Enter.
    pub on_step_to: Callback<usize>,
}

impl PartialEq for RowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.index == other.index
            && self.at == other.at
            && self.current == other.current
            && self.on_step_to == other.on_step_to
    }
}

/// One event's row.
#[function_component(HistoryRow)]
pub fn history_row(props: &RowProps) -> Html {
    let Some(r) = props.timeline.rows.get(props.index) else {
        return html! {};
    };
    let index = props.index;
    let onclick = props.on_step_to.reform(move |_: MouseEvent| index);
    let onkeydown = {
        let on_step_to = props.on_step_to.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_step_to.emit(index);
            }
        })
    };
    let current = props.current;
    let duration = r.duration_ms.map(|d| format!("{d} ms")).unwrap_or_default();
    html! {
        <div data-testid="history-row" data-event-id={r.id.to_string()} role="row"
            aria-rowindex={(props.at + 2).to_string()} aria-current={current.then_some("step")}
            class={classes!("history-row", current.then_some("current"), r.failed.then_some("failed"))}
            {onclick} {onkeydown} tabindex="0">
            <div role="cell">{ r.id }</div>
            <div role="cell" class="kind" title={r.kind.clone()}>{ if r.failed { "✗ " } else { "" } }{ &r.kind }</div>
            <div role="cell" title={r.step.clone()}>{ &r.step }</div>
            <div role="cell" title={r.resource.clone()}>{ &r.resource }</div>
            <div role="cell" class="num">{ format!("{} ms", r.elapsed_ms) }</div>
            <div role="cell" class="num">{ duration }</div>
            <div role="cell">{ &r.timestamp }</div>
        </div>
    }
}
