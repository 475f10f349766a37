//! The history table: a filter bar, "Export JSON", and only the rows in view drawn (fixed
//! row height, a sticky header; an ARIA table of grid rows, each laid out on its own, so
//! that moving the rows costs no table layout), the current event's row marked and kept in
//! view, and the current event's details under it.

use super::export;
use super::filter::{Filter, Kinds};
use super::timeline::{ExecutionRef, Timeline};
use super::window::{reveal, visible, ROW_H};
use crate::panels::pretty;
use crate::report::Row;
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The table's inputs.
#[derive(Properties)]
pub struct TableProps {
    /// The execution shown.
    pub history: ExecutionRef,
    /// Its rows and statuses, computed once per execution.
    pub timeline: Rc<Timeline>,
    /// The step-through position: an event index.
    pub cursor: usize,
    /// Called with an event index when its row is clicked (or activated with Enter).
    pub on_step_to: Callback<usize>,
    /// Denied calls by the id of the events of their Task attempt (started, failed).
    pub denied_calls: Rc<HashMap<u64, usize>>,
    /// Shows a call (an index into the report's calls).
    pub on_show_call: Callback<usize>,
}

impl PartialEq for TableProps {
    fn eq(&self, other: &Self) -> bool {
        self.history == other.history
            && Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.cursor == other.cursor
            && self.on_step_to == other.on_step_to
            && self.denied_calls == other.denied_calls
            && self.on_show_call == other.on_show_call
    }
}

/// The scrolling box's most height in CSS pixels (`.history-scroll`'s `max-height`).
const MAX_HEIGHT: f64 = 520.0;

/// The height of the scrolling box showing `rows` rows under the header.
fn view_height(rows: usize) -> f64 {
    ((rows + 1) as f64 * ROW_H).min(MAX_HEIGHT)
}

/// The history table.
#[function_component(HistoryTable)]
pub fn history_table(props: &TableProps) -> Html {
    let filter = use_state_eq(Filter::default);
    let shown = {
        let timeline = props.timeline.clone();
        use_memo((props.history.clone(), (*filter).clone()), move |(_, f)| {
            f.apply(&timeline.rows)
        })
    };
    // How far the box is scrolled, from its scroll events (never read back from the page
    // while rendering: a read then would force a layout in the middle of the update).
    let scroll_top = use_state_eq(|| 0.0);
    let scroller = use_node_ref();
    let onscroll = {
        let (scroller, scroll_top) = (scroller.clone(), scroll_top.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                scroll_top.set(f64::from(el.scroll_top()));
            }
        })
    };
    // Stepping keeps the current row in view.
    {
        let (scroller, scroll_top) = (scroller.clone(), scroll_top.clone());
        let at = shown.binary_search(&props.cursor).ok();
        let (top, rows) = (*scroll_top, shown.len());
        use_effect_with((props.cursor, at), move |(_, at)| {
            let Some(at) = *at else { return };
            let Some(el) = scroller.cast::<web_sys::Element>() else {
                return;
            };
            if let Some(to) = reveal(at, top, view_height(rows)) {
                el.set_scroll_top(to.round() as i32);
                scroll_top.set(to.round());
            }
        });
    }
    let range = visible(*scroll_top, view_height(shown.len()), shown.len());
    let events = props.history.events();
    // The whole list's height scrolls; the rows drawn are moved (not laid out again) to
    // where they belong.
    let height = (shown.len() + 1) as f64 * ROW_H;
    let offset = range.start as f64 * ROW_H;
    let rows = props.timeline.rows.as_slice();
    html! {
        <>
            { filter_bar(&filter, &props.timeline, &props.history, shown.len()) }
            <div class="history-scroll" ref={scroller} {onscroll} data-testid="history-scroll">
                <div data-testid="history-table" class="history" role="table" aria-label="Event history"
                    aria-rowcount={(shown.len() + 1).to_string()} style={format!("height:{height}px")}>
                    <div class="history-head" role="rowgroup">
                        <div class="history-row" role="row" aria-rowindex="1">
                            <div role="columnheader">{"ID"}</div><div role="columnheader">{"Type"}</div>
                            <div role="columnheader">{"Step"}</div><div role="columnheader">{"Resource"}</div>
                            <div role="columnheader" class="num">{"Started after"}</div>
                            <div role="columnheader" class="num">{"Duration"}</div><div role="columnheader">{"Timestamp"}</div>
                        </div>
                    </div>
                    <div class="history-body" role="rowgroup" style={format!("transform:translateY({offset}px)")}>
                        { for shown.get(range.clone()).unwrap_or_default().iter().zip(range).filter_map(|(&i, at)| {
                            Some(row(i, at, rows.get(i)?, i == props.cursor, &props.on_step_to))
                        }) }
                    </div>
                </div>
                if shown.is_empty() {
                    <p class="hint history-empty">{"No event matches the filter."}</p>
                }
            </div>
            { denied_call(rows.get(props.cursor), &props.denied_calls, &props.on_show_call) }
            { details(events.get(props.cursor), rows.get(props.cursor)) }
        </>
    }
}

/// One row: event `index` of the history, drawn at position `at` of the rows shown.
fn row(index: usize, at: usize, r: &Row, current: bool, on_step_to: &Callback<usize>) -> Html {
    let onclick = on_step_to.reform(move |_: MouseEvent| index);
    let onkeydown = {
        let on_step_to = on_step_to.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_step_to.emit(index);
            }
        })
    };
    let duration = r.duration_ms.map(|d| format!("{d} ms")).unwrap_or_default();
    html! {
        <div key={index} data-testid="history-row" data-event-id={r.id.to_string()} role="row"
            aria-rowindex={(at + 2).to_string()} aria-current={current.then_some("step")}
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

/// The filters, the count of rows shown and the export button.
fn filter_bar(
    filter: &UseStateHandle<Filter>,
    timeline: &Timeline,
    history: &ExecutionRef,
    shown: usize,
) -> Html {
    let on_kind = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let kinds = match value.as_str() {
                "" => Kinds::All,
                "!failures" => Kinds::Failures,
                k => Kinds::Only(k.to_string()),
            };
            filter.set(Filter {
                kinds,
                ..(*filter).clone()
            });
        })
    };
    let on_state = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let state = e.target_unchecked_into::<HtmlSelectElement>().value();
            filter.set(Filter {
                state,
                ..(*filter).clone()
            });
        })
    };
    let on_text = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            filter.set(Filter {
                text,
                ..(*filter).clone()
            });
        })
    };
    let clear = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(Filter::default()))
    };
    let export = {
        let history = history.clone();
        Callback::from(move |_: MouseEvent| {
            let name = history
                .record()
                .map(|r| r.name.as_str())
                .unwrap_or_default();
            let doc = export::history_document(history.events());
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            // Nothing to tell when a browser refuses downloads: the button just does nothing.
            let _ = export::download(&export::file_name(name), &text);
        })
    };
    let kind_value = match &filter.kinds {
        Kinds::All => String::new(),
        Kinds::Failures => "!failures".to_string(),
        Kinds::Only(k) => k.clone(),
    };
    let total = timeline.rows.len();
    html! {
        <div class="history-tools" role="search" aria-label="Filter the history">
            <select data-testid="history-filter-type" aria-label="Event type" onchange={on_kind}>
                <option value="" selected={kind_value.is_empty()}>{"All types"}</option>
                <option value="!failures" selected={kind_value == "!failures"}>{"Failures only"}</option>
                { for timeline.kinds.iter().map(|k| html! {
                    <option selected={kind_value == *k} value={k.clone()}>{ k.clone() }</option>
                }) }
            </select>
            <select data-testid="history-filter-state" aria-label="State" onchange={on_state}>
                <option value="" selected={filter.state.is_empty()}>{"All states"}</option>
                { for timeline.states().map(|s| html! {
                    <option selected={filter.state == s} value={s.to_string()}>{ s.to_string() }</option>
                }) }
            </select>
            <input type="search" data-testid="history-filter-text" aria-label="Text in the row"
                placeholder="Filter text" value={filter.text.clone()} oninput={on_text} />
            <span class="history-count" data-testid="history-count" aria-live="polite">
                { if filter.is_empty() { format!("{total} events") } else { format!("{shown} of {total} events") } }
            </span>
            if !filter.is_empty() {
                <button onclick={clear}>{"Clear"}</button>
            }
            <button data-testid="history-export" onclick={export}
                title="Download this execution's history as GetExecutionHistory returns it">{"Export JSON"}</button>
        </div>
    }
}

/// For the event of a Task attempt whose call IAM denied: a link to that call.
fn denied_call(
    row: Option<&Row>,
    denied: &HashMap<u64, usize>,
    on_show_call: &Callback<usize>,
) -> Html {
    let Some(&call) = row.and_then(|r| denied.get(&r.id)) else {
        return html! {};
    };
    html! {
        <p class="denied-call-link">
            {"IAM denied this Task's call. "}
            <button class="link" data-testid="history-denied-call" onclick={on_show_call.reform(move |_: MouseEvent| call)}>{"Show the call ↓"}</button>
        </p>
    }
}

/// The current event's details (its `*EventDetails` and the playground's annotations).
fn details(event: Option<&Value>, row: Option<&Row>) -> Html {
    let (Some(event), Some(row)) = (event, row) else {
        return html! {};
    };
    let details: Value = event
        .as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| k.ends_with("Details") || *k == "playground")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    html! {
        <details class="event-details" data-testid="event-details">
            <summary>{ format!("Event {} · {} details", row.id, row.kind) }</summary>
            <pre class="json">{ pretty(&details) }</pre>
        </details>
    }
}
