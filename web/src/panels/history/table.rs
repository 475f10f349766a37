//! The history table: the filter bar, and only the rows in view drawn (fixed row height, a
//! sticky header; an ARIA table of grid rows, each laid out on its own and moved by a
//! transform, so that scrolling costs no table layout), the current event's row marked and
//! kept in view, and the current event's details under it.

use super::details::EventDetails;
use super::filter::Filter;
use super::filter_bar::FilterBar;
use super::row::HistoryRow;
use super::timeline::{ExecutionRef, Timeline};
use super::window::{reveal, visible, ROW_H};
use crate::report::Row;
use std::collections::HashMap;
use std::rc::Rc;
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

/// The scrolling box's most height in CSS pixels inside its border (`.history-scroll`).
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
    // One callback for the whole life of the table, calling the latest `on_step_to`: the
    // rows' inputs then stay equal from step to step, and only rows that change re-render.
    let latest = use_mut_ref(|| props.on_step_to.clone());
    *latest.borrow_mut() = props.on_step_to.clone();
    let on_step_to = use_memo((), move |_| {
        Callback::from(move |i: usize| {
            let target = latest.borrow().clone();
            target.emit(i);
        })
    });
    let on_filter = {
        let setter = filter.setter();
        use_memo((), move |_| Callback::from(move |f: Filter| setter.set(f)))
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
        let (top, total) = (*scroll_top, shown.len());
        use_effect_with((props.cursor, at), move |(_, at)| {
            let Some(at) = *at else { return };
            let Some(el) = scroller.cast::<web_sys::Element>() else {
                return;
            };
            if let Some(to) = reveal(at, total, top, view_height(total)) {
                el.set_scroll_top(to as i32);
                scroll_top.set(to);
            }
        });
    }
    let range = visible(*scroll_top, view_height(shown.len()), shown.len());
    // The whole list's height scrolls; the rows drawn are moved to where they belong.
    let height = (shown.len() + 1) as f64 * ROW_H;
    let offset = range.start as f64 * ROW_H;
    let current = props
        .history
        .events()
        .get(props.cursor)
        .zip(props.timeline.rows.get(props.cursor));
    html! {
        <>
            <FilterBar history={props.history.clone()} timeline={props.timeline.clone()}
                filter={(*filter).clone()} shown={shown.len()} on_filter={(*on_filter).clone()} />
            <div class="history-scroll" ref={scroller} {onscroll} data-testid="history-scroll">
                <div data-testid="history-table" class="history" role="table" aria-label="Event history"
                    aria-rowcount={(shown.len() + 1).to_string()} style={format!("height:{height}px")}>
                    <div class="history-head" role="rowgroup">
                        <div class="history-row" role="row" aria-rowindex="1">
                            <div role="columnheader">{"ID"}</div><div role="columnheader">{"Type"}</div>
                            <div role="columnheader">{"Step"}</div><div role="columnheader">{"Resource"}</div>
                            <div role="columnheader" class="num" title="Started after" aria-label="Started after">
                                <span class="long">{"Started after"}</span><span class="short">{"After"}</span>
                            </div>
                            <div role="columnheader" class="num">{"Duration"}</div><div role="columnheader">{"Timestamp"}</div>
                        </div>
                    </div>
                    <div class="history-body" role="rowgroup" style={format!("transform:translateY({offset}px)")}>
                        { for shown.get(range.clone()).unwrap_or_default().iter().zip(range).map(|(&index, at)| html! {
                            <HistoryRow key={index} timeline={props.timeline.clone()} {index} {at}
                                current={index == props.cursor} on_step_to={(*on_step_to).clone()} />
                        }) }
                    </div>
                </div>
                if shown.is_empty() {
                    <p class="hint history-empty">{"No event matches the filter."}</p>
                }
            </div>
            { denied_call(props.timeline.rows.get(props.cursor), &props.denied_calls, &props.on_show_call) }
            if let Some((event, row)) = current {
                <EventDetails id={row.id} kind={AttrValue::from(row.kind.clone())} event={event.clone()} />
            }
        </>
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
