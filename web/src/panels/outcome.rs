//! The run's outcome: status, output or error, and which execution is shown.

use super::{counted, pretty, View};
use crate::model::Action;
use crate::report;
use std::rc::Rc;
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
    let denied = counted(denied, "API call");
    match (status, ending.error) {
        ("SUCCEEDED", _) => format!("Run succeeded. {denied} denied."),
        ("RUNNING", _) => format!(
            "Run paused: {} waiting for a task token. {denied} denied.",
            counted(report.paused.len(), "Task")
        ),
        (s, Some(e)) => format!("Run ended {s}: {e}. {denied} denied."),
        (s, None) => format!("Run ended {s}."),
    }
}

/// What the worker is doing for the text on screen: running (with the events so far and a
/// Cancel), or nothing when the results shown describe it.
fn progress(v: &View) -> Html {
    let m = v.model;
    if let Some(running) = m.running() {
        let cancel = {
            let c = v.cancel.clone();
            Callback::from(move |_| c.emit(()))
        };
        let events = if running.events > 0 {
            format!(" · {} events so far", running.events)
        } else {
            String::new()
        };
        return html! {
            <div class="progress" aria-live="polite" data-testid="run-progress">
                <span class="spinner" aria-hidden="true"></span>
                <span>{ format!("Running the scenario{events}…") }</span>
                <button data-testid="cancel-run" onclick={cancel}>{"Cancel"}</button>
            </div>
        };
    }
    if m.report.is_some() && m.results_stale() {
        return html! {
            <div class="progress stale" aria-live="polite" data-testid="results-stale">
                {"These results are for an earlier version of the scenario. Press Run (Ctrl+Enter) to update them."}
            </div>
        };
    }
    Html::default()
}

/// The first denied call that decided the run (the one whose error ended it, else the first
/// denied one): its index and one line on why.
fn denial(report: &sim::Report) -> Option<(usize, &sim::CallRecord)> {
    let top_error = report.top().and_then(|t| t.error.as_deref());
    let denied = || {
        report
            .calls
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.decision.allowed())
    };
    denied()
        .find(|(_, c)| c.execution == 0 && top_error.is_some())
        .or_else(|| denied().next())
}

/// The outcome panel.
pub fn view(v: &View) -> Html {
    let Some(report) = v.model.report.as_ref() else {
        if v.model.running().is_none() {
            if let Some(message) = &v.model.stopped {
                return html! {
                    <section class="outcome" aria-label="Outcome">
                        <div class="status failed"><span class="glyph" aria-hidden="true">{"✗"}</span><span data-testid="run-status">{"STOPPED"}</span></div>
                        <p class="hint" data-testid="run-stopped">{ message.clone() }</p>
                    </section>
                };
            }
            let hint = if v.model.held {
                "Not run: the last visit ended while this scenario was running. Press Run (Ctrl+Enter) to run it, or Reset."
            } else {
                "The run was cancelled. Press Run (Ctrl+Enter) to start it again."
            };
            return html! {
                <section class="outcome" aria-label="Outcome">
                    <div class="status"><span data-testid="run-status">{"NOT RUN"}</span></div>
                    <p class="hint" data-testid="run-cancelled">{ hint }</p>
                </section>
            };
        }
        return html! {
            <section class="outcome" aria-label="Outcome">
                { progress(v) }
                <div class="status running"><span data-testid="run-status">{"RUNNING"}</span></div>
            </section>
        };
    };
    let ending = report::ending(report, v.model.refused.as_deref());
    let status = ending.status.unwrap_or("UNKNOWN").to_string();
    let glyph = match status.as_str() {
        "SUCCEEDED" => "✓",
        "FAILED" | "INVALID" => "✗",
        "TIMED_OUT" => "◷",
        "RUNNING" => "◔",
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
    let stale = v.model.results_stale();
    // Who may answer a paused Task, and the callbacks an answer is added to.
    let (answerers, callbacks) = match report.paused.is_empty() {
        true => (Rc::default(), None),
        false => (
            Rc::new(crate::document::answer::role_arns(&v.model.doc)),
            v.model.doc.get("callbacks").cloned(),
        ),
    };
    let why = (status != "SUCCEEDED")
        .then(|| denial(report))
        .flatten()
        .map(|(index, call)| {
            let d = v.dispatch.clone();
            let open = Callback::from(move |_| d.dispatch(Action::ShowCall(index)));
            html! {
                <>
                    <p class="why-line" data-testid="outcome-why">
                        <span>{ &call.decision.headline }</span>
                        {" "}<button class="link" data-testid="show-denied-call" onclick={open}>{"Show the call ↓"}</button>
                    </p>
                    { for call.decision.fixes.first().map(|f| super::fix::view(v, f, "outcome")) }
                </>
            }
        });
    let cause_open = why.is_none();
    // On success: the calls that crossed accounts, with the request context that let them.
    let crossings = (status == "SUCCEEDED").then(|| {
        report
            .calls
            .iter()
            .enumerate()
            .filter(|(_, c)| match &c.caller {
                sim::Principal::Session(s) => s.account != c.resource_account,
                sim::Principal::Service(_) | sim::Principal::Anonymous => false,
            })
            .map(|(index, c)| {
                let d = v.dispatch.clone();
                let open = Callback::from(move |_| d.dispatch(Action::ShowCall(index)));
                html! {
                    <li><button class="link" data-testid="crossing-call" onclick={open}>{ &c.decision.headline }</button></li>
                }
            })
            .collect::<Html>()
    });
    html! {
        <section class={classes!("outcome", stale.then_some("stale"))} aria-label="Outcome">
            { progress(v) }
            <div class={classes!("status", status.to_lowercase())}>
                <span class="glyph" aria-hidden="true">{ glyph }</span>
                <span data-testid="run-status">{ status.clone() }</span>
                if let Some(e) = ending.error { <span class="error-name">{ e }</span> }
            </div>
            { why.unwrap_or_default() }
            { for report.paused.iter().map(|task| {
                let (roles, callbacks) = (answerers.clone(), callbacks.clone());
                let execution = report.executions.get(task.execution);
                let machine = execution.map(|e| e.state_machine_arn.clone()).unwrap_or_default();
                let started = execution.map_or(0, |e| e.start_time);
                let d = v.dispatch.clone();
                let on_answer = Callback::from(move |f: sim::Fix| d.dispatch(Action::ApplyFix(f)));
                html! { <super::paused::PausedTask task={task.clone()} state_machine={machine} {started} {roles} {callbacks} {on_answer} /> }
            }) }
            if let Some(crossings) = crossings {
                <div class="crossings" data-testid="outcome-crossings">
                    <h3>{"Across the account boundary"}</h3>
                    <ul>{ crossings }</ul>
                </div>
            }
            if let Some(c) = ending.cause {
                <details class="cause" open={cause_open}>
                    <summary>{"The error as AWS reports it"}</summary>
                    <p>{ c }</p>
                </details>
            }
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
                            let nesting = match (i, e.map_run) {
                                (0, _) => "",
                                (_, Some(_)) => "↳ Map Run child: ",
                                _ => "↳ nested: ",
                            };
                            let label = format!("{nesting}{} · {} · {}", e.state_machine, e.status, e.name);
                            html! { <option value={i.to_string()} selected={i == v.model.execution}>{ label }</option> }
                        }) }
                    </select>
                </label>
            }
        </section>
    }
}
