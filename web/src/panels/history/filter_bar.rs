//! The bar above the history table: filters by event type, state and text, the count of
//! rows shown, and "Export JSON".

use super::export;
use super::filter::{Filter, Kinds};
use super::timeline::{ExecutionRef, Timeline};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The bar's inputs.
#[derive(Properties)]
pub struct FilterBarProps {
    /// The execution shown (for the export).
    pub history: ExecutionRef,
    /// Its rows (for the types and states to pick from).
    pub timeline: Rc<Timeline>,
    /// The filter in force.
    pub filter: Filter,
    /// How many rows it shows.
    pub shown: usize,
    /// Sets another filter.
    pub on_filter: Callback<Filter>,
}

impl PartialEq for FilterBarProps {
    fn eq(&self, other: &Self) -> bool {
        self.history == other.history
            && Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.filter == other.filter
            && self.shown == other.shown
            && self.on_filter == other.on_filter
    }
}

/// The value of the type selector for the failures-only choice (no event type starts so).
const FAILURES: &str = "!failures";

/// The filter and export bar.
#[function_component(FilterBar)]
pub fn filter_bar(props: &FilterBarProps) -> Html {
    let change = |edit: fn(&mut Filter, String), read: fn(&Event) -> String| {
        let (filter, on_filter) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: Event| {
            let mut f = filter.clone();
            edit(&mut f, read(&e));
            on_filter.emit(f);
        })
    };
    let select_value = |e: &Event| e.target_unchecked_into::<HtmlSelectElement>().value();
    let on_kind = change(
        |f, v| {
            f.kinds = match v.as_str() {
                "" => Kinds::All,
                FAILURES => Kinds::Failures,
                k => Kinds::Only(k.to_string()),
            }
        },
        select_value,
    );
    let on_state = change(|f, v| f.state = v, select_value);
    let on_text = {
        let (filter, on_filter) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            on_filter.emit(Filter {
                text,
                ..filter.clone()
            });
        })
    };
    let clear = props.on_filter.reform(|_: MouseEvent| Filter::default());
    let export = {
        let history = props.history.clone();
        Callback::from(move |_: MouseEvent| {
            let name = history
                .record()
                .map(|r| r.name.as_str())
                .unwrap_or_default();
            let doc = export::history_document(history.events());
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            // Nothing to tell when a browser refuses downloads: the button just does nothing.
            let _ = crate::browser::download(&export::file_name(name), "application/json", &text);
        })
    };
    let filter = &props.filter;
    let kind_value = match &filter.kinds {
        Kinds::All => String::new(),
        Kinds::Failures => FAILURES.to_string(),
        Kinds::Only(k) => k.clone(),
    };
    let total = props.timeline.rows.len();
    html! {
        <div class="history-tools" role="search" aria-label="Filter the history">
            <select data-testid="history-filter-type" aria-label="Event type" onchange={on_kind}>
                <option value="" selected={kind_value.is_empty()}>{"All types"}</option>
                <option value={FAILURES} selected={kind_value == FAILURES}>{"Failures only"}</option>
                { for props.timeline.kinds.iter().map(|k| html! {
                    <option selected={kind_value == *k} value={k.clone()}>{ k.clone() }</option>
                }) }
            </select>
            <select data-testid="history-filter-state" aria-label="State" onchange={on_state}>
                <option value="" selected={filter.state.is_empty()}>{"All states"}</option>
                { for props.timeline.states().map(|s| html! {
                    <option selected={filter.state == s} value={s.to_string()}>{ s.to_string() }</option>
                }) }
            </select>
            <input type="search" data-testid="history-filter-text" aria-label="Text in the row"
                placeholder="Filter text" value={filter.text.clone()} oninput={on_text} />
            <span class="history-count" data-testid="history-count" aria-live="polite">
                { if filter.is_empty() { format!("{total} events") } else { format!("{} of {total} events", props.shown) } }
            </span>
            if !filter.is_empty() {
                <button onclick={clear}>{"Clear"}</button>
            }
            <button data-testid="history-export" onclick={export}
                title="Download this execution's history as GetExecutionHistory returns it">{"Export JSON"}</button>
        </div>
    }
}
