//! The graph of the execution shown and its event history as the console shows it, with
//! the step-through that both follow.

use super::{pretty, View};
use crate::graph::StateGraph;
use crate::model::Action;
use crate::report;
use serde_json::Value;
use sim::ExecutionRecord;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// The definition of the state machine an execution ran, from the scenario.
fn definition(doc: &Value, execution: &ExecutionRecord) -> Value {
    let machines = jsonloc::pointer_push(
        &crate::document::account_pointer(&execution.account),
        "stateMachines",
    );
    doc.pointer(&format!(
        "{}/definition",
        jsonloc::pointer_push(&machines, &execution.state_machine)
    ))
    .cloned()
    .unwrap_or(Value::Null)
}

/// The step controls.
fn steps(v: &View, total: usize) -> Html {
    let step = |delta: isize| {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Step(delta)))
    };
    let position = if total == 0 {
        "0 / 0".to_string()
    } else {
        format!("{} / {total}", v.model.cursor + 1)
    };
    html! {
        <div class="steps" role="group" aria-label="Step through the history (arrow keys)">
            <button onclick={step(-10_000)} aria-label="First event">{"|◀"}</button>
            <button data-testid="step-prev" onclick={step(-1)} aria-label="Previous event" aria-keyshortcuts="ArrowLeft">{"◀"}</button>
            <span data-testid="step-position" aria-live="off">{ position }</span>
            <button data-testid="step-next" onclick={step(1)} aria-label="Next event" aria-keyshortcuts="ArrowRight">{"▶"}</button>
            <button onclick={step(10_000)} aria-label="Last event">{"▶|"}</button>
        </div>
    }
}

/// The graph, step controls and history table.
pub fn view(v: &View, expanded: &UseStateHandle<HashSet<u64>>) -> Html {
    let Some(report) = v.model.report.as_ref() else {
        return html! {};
    };
    let Some(execution) = report.executions.get(v.model.execution) else {
        return html! {};
    };
    let events = &execution.events;
    let statuses = Rc::new(report::statuses(events, v.model.cursor));
    let machine = &execution.state_machine;
    let on_select = {
        let d = v.dispatch.clone();
        Callback::from(move |name: String| d.dispatch(Action::PickState(name)))
    };
    let rows = report::rows(events);
    let related = related_executions(v, report, execution, &rows);
    html! {
        <section class="run-view" aria-label="Execution">
            <div class="graph-pane">
                <StateGraph
                    definition={Rc::new(definition(&v.model.doc, execution))}
                    statuses={statuses}
                    selected={v.model.picked_state.clone().map(AttrValue::from)}
                    {on_select}
                    title={AttrValue::from(format!("State machine {machine}"))}
                />
                { related }
            </div>
            <div class="history-pane">
                { steps(v, events.len()) }
                <table data-testid="history-table" class="history">
                    <thead><tr><th>{"ID"}</th><th>{"Type"}</th><th>{"Step"}</th><th>{"Resource"}</th><th>{"Started after"}</th><th>{"Timestamp"}</th></tr></thead>
                    <tbody>
                        { for rows.into_iter().enumerate().map(|(i, r)| row(v, expanded, i, r, &events[i])) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn row(
    v: &View,
    expanded: &UseStateHandle<HashSet<u64>>,
    index: usize,
    r: report::Row,
    event: &Value,
) -> Html {
    let current = index == v.model.cursor;
    let open = expanded.contains(&r.id);
    let onclick = {
        let d = v.dispatch.clone();
        let expanded = expanded.clone();
        let id = r.id;
        Callback::from(move |_| {
            d.dispatch(Action::StepTo(index));
            let mut set = (*expanded).clone();
            if !set.remove(&id) {
                set.insert(id);
            }
            expanded.set(set);
        })
    };
    let failed = r.kind.ends_with("Failed") || r.kind.ends_with("TimedOut");
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
        <>
            <tr data-testid="history-row" data-event-id={r.id.to_string()} aria-current={current.then_some("step")}
                class={classes!(current.then_some("current"), failed.then_some("failed"))} {onclick} tabindex="0">
                <td>{ r.id }</td>
                <td>{ if failed { "✗ " } else { "" } }{ r.kind }</td>
                <td>{ r.step }</td>
                <td>{ r.resource }</td>
                <td>{ format!("{} ms", r.elapsed_ms) }</td>
                <td>{ r.timestamp }</td>
            </tr>
            if open {
                <tr class="details"><td colspan="6"><pre class="json">{ pretty(&details) }</pre></td></tr>
            }
        </>
    }
}

/// Links to the executions this one started (beside the Task that started each) and to
/// the one that started it.
fn related_executions(
    v: &View,
    report: &sim::Report,
    execution: &ExecutionRecord,
    rows: &[report::Row],
) -> Html {
    let open = |i: usize| {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::ShowExecution(i)))
    };
    let children: Vec<Html> = report
        .executions
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e, e.parent?)))
        .filter(|(_, _, site)| site.execution == v.model.execution)
        .map(|(i, e, site)| {
            let parent_event = report.event_id(site).map(u64::from);
            let task = rows
                .iter()
                .find(|r| Some(r.id) == parent_event)
                .map(|r| r.step.clone())
                .unwrap_or_default();
            html! {
                <li>
                    <span class="task">{ task }</span>{" started "}
                    <button class="nested-link" data-testid="nested-execution" onclick={open(i)}>
                        { format!("↳ {} · {}", e.state_machine, e.status) }
                    </button>
                </li>
            }
        })
        .collect();
    let parent = execution.parent.map(|site| site.execution);
    if children.is_empty() && parent.is_none() {
        return html! {};
    }
    html! {
        <div class="related">
            if let Some(i) = parent {
                <button class="nested-link" onclick={open(i)}>{"↑ back to the execution that started this one"}</button>
            }
            if !children.is_empty() {
                <ul aria-label="Nested executions">{ for children }</ul>
            }
        </div>
    }
}
