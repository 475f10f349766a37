//! The graph of the execution shown and its event history as the console shows it, with
//! the step-through that both follow.

mod details;
mod export;
mod filter;
mod filter_bar;
mod map_runs;
mod row;
mod table;
mod timeline;
mod window;

use super::View;
use crate::ask::AskAction;
use crate::graph::{StateGraph, StateStatus};
use crate::model::Action;
use serde_json::Value;
use sim::ExecutionRecord;
use std::collections::HashMap;
use std::rc::Rc;
use table::HistoryTable;
use timeline::{ExecutionRef, Timeline};
use yew::prelude::*;

/// The definition of the state machine an execution ran, from the scenario.
fn definition(doc: &Value, execution: &ExecutionRecord) -> Value {
    crate::document::machine_definition(doc, &execution.account, &execution.state_machine)
        .cloned()
        .unwrap_or(Value::Null)
}

/// The panel for the model's execution: reads the model once and hands the panel its
/// narrow inputs.
pub fn view(v: &View) -> Html {
    let Some(history) = v
        .model
        .report
        .clone()
        .and_then(|r| ExecutionRef::new(r, v.model.execution))
    else {
        return html! {};
    };
    let definition = history
        .record()
        .map(|r| definition(&v.model.doc, r))
        .unwrap_or_default();
    let send = |make: fn(usize) -> Action| {
        let d = v.dispatch.clone();
        Callback::from(move |i: usize| d.dispatch(make(i)))
    };
    let on_step = {
        let d = v.dispatch.clone();
        Callback::from(move |delta: isize| d.dispatch(Action::Step(delta)))
    };
    let on_pick_state = {
        let d = v.dispatch.clone();
        Callback::from(move |name: String| d.dispatch(Action::PickState(name)))
    };
    let report = v.model.report.as_deref();
    let denied_calls: HashMap<u64, usize> = report
        .map(|r| {
            r.calls
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.decision.allowed())
                .filter_map(|(i, c)| {
                    let site = c.site.filter(|s| s.execution == v.model.execution)?;
                    let started = u64::from(r.event_id(site)?);
                    Some([(started, i), (started + 1, i)])
                })
                .flatten()
                .collect()
        })
        .unwrap_or_default();
    let on_show_call = {
        let d = v.dispatch.clone();
        Callback::from(move |i: usize| d.dispatch(Action::ShowCall(i)))
    };
    let on_test_state = {
        let d = v.dispatch.clone();
        let (account, machine) = history
            .record()
            .map(|r| (r.account.clone(), r.state_machine.clone()))
            .unwrap_or_default();
        Callback::from(move |state: String| {
            d.dispatch(Action::Ask(AskAction::TestState {
                account: account.clone(),
                machine: machine.clone(),
                state,
            }))
        })
    };
    html! {
        <HistoryPanel {history} cursor={v.model.cursor} definition={Rc::new(definition)} {on_test_state}
            denied_calls={Rc::new(denied_calls)} {on_show_call}
            picked_state={v.model.picked_state.clone().map(AttrValue::from)}
            {on_step} on_step_to={send(Action::StepTo)} {on_pick_state}
            on_show_execution={send(Action::ShowExecution)} />
    }
}

/// The panel's inputs.
#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// The execution shown.
    pub history: ExecutionRef,
    /// The step-through position: an event index in its history.
    pub cursor: usize,
    /// The definition of the state machine it ran.
    pub definition: Rc<Value>,
    /// The state picked in the graph, if any.
    #[prop_or_default]
    pub picked_state: Option<AttrValue>,
    /// Moves the cursor by a number of events.
    pub on_step: Callback<isize>,
    /// Moves the cursor to an event index.
    pub on_step_to: Callback<usize>,
    /// Picks a state (the data-flow panel shows it).
    pub on_pick_state: Callback<String>,
    /// Shows another execution of the report (index into its executions).
    pub on_show_execution: Callback<usize>,
    /// Denied calls by the id of the events of their Task attempt.
    pub denied_calls: Rc<HashMap<u64, usize>>,
    /// Shows a call (an index into the report's calls).
    pub on_show_call: Callback<usize>,
    /// Tests a state of the machine alone (TestState).
    pub on_test_state: Callback<String>,
}

/// The graph, step controls and history table of one execution.
#[function_component(HistoryPanel)]
pub fn history_panel(props: &HistoryProps) -> Html {
    let timeline = use_memo(props.history.clone(), |h| Timeline::new(h.events()));
    let nested = {
        let timeline = timeline.clone();
        use_memo(props.history.clone(), move |h| nested_started(h, &timeline))
    };
    let cursor = props.cursor;
    let statuses = timeline.statuses(cursor);
    let failures: HashMap<String, usize> = statuses
        .iter()
        .filter(|(_, s)| matches!(s, StateStatus::Failed | StateStatus::Caught))
        .filter_map(|(name, _)| Some((name.clone(), timeline.failure(name, cursor)?)))
        .collect();
    let total = props.history.events().len();
    let machine = props
        .history
        .record()
        .map(|r| r.state_machine.clone())
        .unwrap_or_default();
    html! {
        <section class="run-view" aria-label="Execution">
            <div class="graph-pane">
                <StateGraph
                    definition={props.definition.clone()}
                    statuses={Rc::new(statuses)}
                    selected={props.picked_state.clone()}
                    on_select={props.on_pick_state.clone()}
                    failures={Rc::new(failures)}
                    on_failure={props.on_step_to.clone()}
                    nested={nested.clone()}
                    on_open_nested={props.on_show_execution.clone()}
                    on_test={props.on_test_state.clone()}
                    title={AttrValue::from(format!("State machine {machine}"))}
                />
                if let Some(state) = props.picked_state.clone() {
                    <button class="test-state" data-testid="test-state-button"
                        onclick={props.on_test_state.reform(move |_: MouseEvent| state.to_string())}
                        title="Run this state alone, on any input, with its Task mocked or called (TestState)">
                        { format!("Test {} alone", props.picked_state.as_deref().unwrap_or_default()) }
                    </button>
                }
                { related_executions(&props.history, &timeline, &props.on_show_execution) }
            </div>
            <div class="history-pane">
                { steps(&props.on_step, cursor, total) }
                <HistoryTable history={props.history.clone()} timeline={timeline.clone()}
                    {cursor} on_step_to={props.on_step_to.clone()}
                    denied_calls={props.denied_calls.clone()} on_show_call={props.on_show_call.clone()} />
            </div>
        </section>
    }
}

/// The step controls.
fn steps(on_step: &Callback<isize>, cursor: usize, total: usize) -> Html {
    let step = |delta: isize| on_step.reform(move |_: MouseEvent| delta);
    let position = if total == 0 {
        "0 / 0".to_string()
    } else {
        format!("{} / {total}", cursor + 1)
    };
    html! {
        <div class="steps" role="group" aria-label="Step through the history (arrow keys)">
            <button onclick={step(-1_000_000)} aria-label="First event">{"|◀"}</button>
            <button data-testid="step-prev" onclick={step(-1)} aria-label="Previous event" aria-keyshortcuts="ArrowLeft">{"◀"}</button>
            <span data-testid="step-position" aria-live="off">{ position }</span>
            <button data-testid="step-next" onclick={step(1)} aria-label="Next event" aria-keyshortcuts="ArrowRight">{"▶"}</button>
            <button onclick={step(1_000_000)} aria-label="Last event">{"▶|"}</button>
        </div>
    }
}

/// The Tasks of `history` whose nested execution started (a record of it exists): the
/// Task's state name → the nested execution's index in the report.
fn nested_started(history: &ExecutionRef, timeline: &Timeline) -> HashMap<String, usize> {
    let report = history.report();
    report
        .executions
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e.parent?)))
        .filter(|(_, site)| site.execution == history.index())
        .filter_map(|(i, site)| {
            let id = u64::from(report.event_id(site)?);
            let row = timeline.rows.iter().find(|r| r.id == id)?;
            Some((row.step.clone(), i)).filter(|(step, _)| !step.is_empty())
        })
        .collect()
}

/// Links to the executions this one started (beside the Task that started each) and to
/// the one that started it.
fn related_executions(
    history: &ExecutionRef,
    timeline: &Timeline,
    on_show_execution: &Callback<usize>,
) -> Html {
    let report = history.report();
    let open = |i: usize| on_show_execution.reform(move |_: MouseEvent| i);
    let children: Vec<Html> = report
        .executions
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e, e.parent?)))
        .filter(|(_, _, site)| site.execution == history.index())
        .map(|(i, e, site)| {
            let parent_event = report.event_id(site).map(u64::from);
            let task = timeline
                .rows
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
    let parent = history
        .record()
        .and_then(|r| r.parent)
        .map(|site| site.execution);
    let map_runs = map_runs::view(history, on_show_execution);
    if children.is_empty() && parent.is_none() && map_runs.is_none() {
        return html! {};
    }
    html! {
        <div class="related">
            { map_runs.unwrap_or_default() }
            if let Some(i) = parent {
                <button class="nested-link" onclick={open(i)}>{"↑ back to the execution that started this one"}</button>
            }
            if !children.is_empty() {
                <ul aria-label="Nested executions">{ for children }</ul>
            }
        </div>
    }
}
