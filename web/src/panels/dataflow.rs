//! The selected state's data flow: input, after InputPath, after Parameters, result, after
//! ResultSelector, after ResultPath, output (the stages of AWS's TestState API).

use super::{pretty, View};
use crate::report;
use serde_json::Value;
use yew::prelude::*;

const STAGES: [(&str, &str); 7] = [
    ("input", "Input"),
    ("afterInputPath", "After InputPath"),
    ("afterParameters", "After Parameters"),
    ("result", "Result"),
    ("afterResultSelector", "After ResultSelector"),
    ("afterResultPath", "After ResultPath"),
    ("output", "Output"),
];

/// The data-flow panel.
pub fn view(v: &View) -> Html {
    let Some(report) = v.model.report.as_ref() else {
        return html! {};
    };
    let Some(execution) = report.executions.get(v.model.execution) else {
        return html! {};
    };
    let events = &execution.events;
    let state = v
        .model
        .picked_state
        .clone()
        .or_else(|| report::step_state(events, v.model.cursor))
        .or_else(|| {
            execution.data_flow.last()?["state"]
                .as_str()
                .map(str::to_string)
        });
    let cursor_id = events
        .get(v.model.cursor)
        .and_then(|e| e["id"].as_u64())
        .unwrap_or(u64::MAX);
    let visit = state.as_ref().and_then(|name| {
        let mine: Vec<&Value> = execution
            .data_flow
            .iter()
            .filter(|f| f["state"] == name.as_str())
            .collect();
        let upto = mine.iter().rev().find(|f| {
            f["enteredEventId"]
                .as_u64()
                .is_some_and(|id| id <= cursor_id)
        });
        upto.or(mine.last()).copied()
    });
    html! {
        <section class="dataflow" data-testid="dataflow-panel" aria-label="Data flow">
            <h2>{ format!("Data flow · {}", state.as_deref().unwrap_or("no state selected")) }</h2>
            if let Some(visit) = visit {
                <ol class="stages">
                    { for STAGES.iter().filter(|(k, _)| visit.get(*k).is_some()).map(|(k, label)| html! {
                        <li><h3>{ *label }</h3><pre class="json">{ pretty(&visit[*k]) }</pre></li>
                    }) }
                </ol>
            } else {
                <p class="hint">{"Pick a state in the graph, or step through the history, to see how its data moved."}</p>
            }
        </section>
    }
}
