//! The run's outcome: status, output or error, and which execution is shown.

use super::{pretty, View};
use crate::model::Action;
use crate::report;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// One line that screen readers hear after a run.
pub fn announcement(report: &sim::Report, refused: Option<&str>) -> String {
    let ending = report::ending(report, refused);
    let status = ending.status.unwrap_or("unknown");
    let denied = report
        .calls
        .iter()
        .filter(|c| !c.decision.allowed())
        .count();
    match (status, ending.error) {
        ("SUCCEEDED", _) => format!("Run succeeded. {denied} API calls denied."),
        (s, Some(e)) => format!("Run ended {s}: {e}. {denied} API calls denied."),
        (s, None) => format!("Run ended {s}."),
    }
}

/// The outcome panel.
pub fn view(v: &View) -> Html {
    let Some(report) = v.model.report.as_ref() else {
        return html! { <section class="outcome"><p class="hint">{"Press Run (Ctrl+Enter) to execute the scenario."}</p></section> };
    };
    let ending = report::ending(report, v.model.refused.as_deref());
    let status = ending.status.unwrap_or("UNKNOWN").to_string();
    let glyph = match status.as_str() {
        "SUCCEEDED" => "✓",
        "FAILED" | "INVALID" => "✗",
        "TIMED_OUT" => "◷",
        _ => "■",
    };
    let executions = &report.executions;
    let pick = {
        let d = v.dispatch.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = s.value().parse() {
                d.dispatch(Action::ShowExecution(i));
            }
        })
    };
    html! {
        <section class="outcome" aria-label="Outcome">
            <div class={classes!("status", status.to_lowercase())}>
                <span class="glyph" aria-hidden="true">{ glyph }</span>
                <span data-testid="run-status">{ status.clone() }</span>
                if let Some(e) = ending.error { <span class="error-name">{ e }</span> }
            </div>
            if let Some(c) = ending.cause { <p class="cause">{ c }</p> }
            if let Some(output) = ending.output.filter(|o| !o.is_null()) {
                <details open=true>
                    <summary>{"Output"}</summary>
                    <pre data-testid="run-output" class="json">{ pretty(output) }</pre>
                </details>
            }
            if executions.len() > 1 {
                <label class="execution-pick">
                    <span>{"Execution"}</span>
                    <select onchange={pick} aria-label="Execution shown">
                        { for executions.iter().enumerate().map(|(i, e)| {
                            let label = format!("{}{} · {} · {}", if i == 0 { "" } else { "↳ nested: " }, e.state_machine, e.status, e.name);
                            html! { <option value={i.to_string()} selected={i == v.model.execution}>{ label }</option> }
                        }) }
                    </select>
                </label>
            }
        </section>
    }
}
