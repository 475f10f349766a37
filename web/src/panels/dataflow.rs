//! The selected state's data flow: input, after InputPath, after Parameters, result, after
//! ResultSelector, after ResultPath, output (the stages of AWS's TestState API).

use super::{pretty, View};
use crate::report;
use asl::{DataFlow, Stage};
use yew::prelude::*;

/// How a stage is titled in the panel.
fn label(stage: Stage) -> &'static str {
    match stage {
        Stage::AfterInputPath => "After InputPath",
        Stage::AfterParameters => "After Parameters",
        Stage::AfterArguments => "After Arguments",
        Stage::Result => "Result",
        Stage::AfterResultSelector => "After ResultSelector",
        Stage::AfterResultPath => "After ResultPath",
        Stage::Output => "Output",
        Stage::Variables => "Variables",
    }
}

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
        .or_else(|| execution.data_flow.last().map(|f| f.state.to_string()));
    let cursor_id = events
        .get(v.model.cursor)
        .and_then(|e| e["id"].as_u64())
        .unwrap_or(u64::MAX);
    let visit = state.as_ref().and_then(|name| {
        let mine: Vec<&DataFlow> = execution
            .data_flow
            .iter()
            .filter(|f| *f.state == **name)
            .collect();
        let upto = mine
            .iter()
            .rev()
            .find(|f| u64::from(f.entered_event_id) <= cursor_id);
        upto.or(mine.last()).copied()
    });
    html! {
        <section class="dataflow" data-testid="dataflow-panel" aria-label="Data flow">
            <h2>{ format!("Data flow · {}", state.as_deref().unwrap_or("no state selected")) }</h2>
            if let Some(visit) = visit {
                <ol class="stages">
                    <li><h3>{"Input"}</h3><pre class="json">{ pretty(&visit.input) }</pre></li>
                    { for Stage::ALL.into_iter().filter_map(|s| Some((s, visit.stage(s)?))).map(|(s, value)| html! {
                        <li><h3>{ label(s) }</h3><pre class="json">{ pretty(value) }</pre></li>
                    }) }
                </ol>
            } else {
                <p class="hint">{"Pick a state in the graph, or step through the history, to see how its data moved."}</p>
            }
        </section>
    }
}
