//! "Test a state": one state of a state machine run alone, as the TestState API runs it,
//! with its response (status, output or error, next state) and inspection data.

use super::{text_area, text_input};
use crate::ask::{find_state, machines, AskAction, TestField};
use crate::model::Action;
use crate::panels::{pretty, View};
use serde_json::Value;
use yew::prelude::*;

/// The tool.
pub fn view(v: &View) -> Html {
    let form = &v.model.ask.test;
    let doc = &v.model.doc;
    let edit = |field: TestField| {
        let d = v.dispatch.clone();
        Callback::from(move |value: String| {
            d.dispatch(Action::Ask(AskAction::EditTest(field, value)))
        })
    };
    let select = |field: TestField| {
        edit(field).reform(|e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            select.value()
        })
    };
    let chosen = format!("{}/{}", form.account, form.machine);
    // What the worker was asked (the answer shown is about it), or why the form cannot ask.
    let request = form.request(doc);
    let definition = crate::document::machine_definition(doc, &form.account, &form.machine)
        .cloned()
        .unwrap_or_default();
    let pasted = form
        .pasted
        .as_deref()
        .and_then(|t| serde_json::from_str::<Value>(t).ok());
    let ty = match &form.pasted {
        Some(_) => pasted.as_ref().and_then(|s| s.get("Type")?.as_str()),
        None => find_state(&definition, &form.state).and_then(|s| s.get("Type")?.as_str()),
    }
    .unwrap_or_default()
    .to_string();
    let source = {
        let d = v.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let value = if input.checked() { "pasted" } else { "machine" };
            d.dispatch(Action::Ask(AskAction::EditTest(
                TestField::Source,
                value.into(),
            )))
        })
    };
    let mockable = matches!(ty.as_str(), "Task" | "Map" | "Parallel");
    let answering = form.answering.as_str();
    let radio = |value: &'static str, label: &'static str| {
        let onchange = edit(TestField::Answering).reform(move |_: Event| value.to_string());
        html! {
            <label class="choice">
                <input type="radio" name="answering" data-testid={format!("answer-{value}")}
                    checked={answering == value} {onchange} />
                { label }
            </label>
        }
    };
    let level = match form.level {
        asl::InspectionLevel::Info => "INFO",
        asl::InspectionLevel::Debug => "DEBUG",
        asl::InspectionLevel::Trace => "TRACE",
    };
    html! {
        <div class="test-state" data-testid="test-state-tool">
            <p class="tool-intro">{"Run one state on any input, as the Step Functions TestState API does: its Task calls the simulated world under the state machine's role (IAM enforced), or answers with a mocked result or error."}</p>
            <div class="field-row">
                <label class="field wide">
                    <span>{"State machine"}</span>
                    <select data-testid="test-machine" onchange={select(TestField::Machine)}>
                        { for machines(doc).into_iter().map(|(account, name)| {
                            let value = format!("{account}/{name}");
                            html! { <option selected={value == chosen} value={value.clone()}>{ format!("{name} · {account}") }</option> }
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span>{"State"}</span>
                    <select data-testid="test-state-name" onchange={select(TestField::State)} disabled={form.pasted.is_some()}>
                        { for form.states(doc).into_iter().map(|name| html! {
                            <option selected={name == form.state} value={name.clone()}>{ name }</option>
                        }) }
                    </select>
                </label>
            </div>
            <label class="choice">
                <input type="checkbox" data-testid="test-paste" checked={form.pasted.is_some()} onchange={source} />
                {"Test a state pasted alone (it runs as this state machine, under its role)"}
            </label>
            if let Some(text) = &form.pasted {
                { text_area("The state (JSON)", "test-pasted", text, 6, edit(TestField::Pasted)) }
            }
            if mockable {
                <fieldset class="answering">
                    <legend>{ format!("Answer the {ty} with") }</legend>
                    { radio("world", "the simulated world") }
                    { radio("result", "a mocked result") }
                    { radio("error", "a mocked error") }
                </fieldset>
                if answering == "result" {
                    { text_area("Mocked result (JSON)", "mock-result", &form.mock_result, 3, edit(TestField::MockResult)) }
                }
                if answering == "error" {
                    <div class="field-row">
                        { text_input("Error", "mock-error", &form.mock_error, None, edit(TestField::MockError)) }
                        { text_input("Cause", "mock-cause", &form.mock_cause, None, edit(TestField::MockCause)) }
                    </div>
                }
            }
            { text_area("Input (JSON)", "test-input", &form.input, 5, edit(TestField::Input)) }
            <details class="more">
                <summary>{"Variables, context, retries, inspection level"}</summary>
                { text_area("Variables before the state (JSON object)", "test-variables", &form.variables, 2, edit(TestField::Variables)) }
                if mockable && answering != "world" {
                    { text_area("Context object (JSON; with a mock only)", "test-context", &form.context, 2, edit(TestField::Context)) }
                }
                <div class="field-row">
                    { text_input("Retries already made (retrierRetryCount)", "test-retry-count", &form.retry_count, None, edit(TestField::RetryCount)) }
                    <label class="field">
                        <span>{"Inspection level"}</span>
                        <select data-testid="test-level" onchange={select(TestField::Level)}>
                            { for ["INFO", "DEBUG", "TRACE"].into_iter().map(|l| html! { <option selected={l == level} value={l}>{ l }</option> }) }
                        </select>
                    </label>
                </div>
            </details>
            { status_bar(v, &request) }
            { answer(v, &request) }
        </div>
    }
}

/// The status and next state, kept in sight at the foot of the drawer while the form above
/// is edited.
fn status_bar(v: &View, request: &Result<asl::TestStateRequest, String>) -> Html {
    let Some(response) = v
        .model
        .ask
        .tested
        .as_ref()
        .and_then(|a| a.response.as_ref())
    else {
        return html! {};
    };
    if request.is_err() {
        return html! {};
    }
    let status = serde_json::to_value(response.status)
        .ok()
        .and_then(|s| s.as_str().map(str::to_string))
        .unwrap_or_default();
    html! {
        <p class="verdict-bar test-status-line" aria-live="polite">
            <span class={classes!("status", status.to_ascii_lowercase())} data-testid="test-status" data-status={status.clone()}>{ &status }</span>
            if let Some(next) = &response.next_state {
                <span data-testid="test-next-state">{" → next state "}<code>{ next }</code></span>
            }
            if let Some(error) = &response.error {
                <span class="test-error" data-testid="test-error"><code>{ error }</code>{ response.cause.as_deref().map(|c| format!(": {c}")).unwrap_or_default() }</span>
            }
        </p>
    }
}

/// The answer: problems, or the TestState response.
fn answer(v: &View, request: &Result<asl::TestStateRequest, String>) -> Html {
    if let Err(why) = request {
        return html! { <p class="problem" data-testid="test-problem">{ why }</p> };
    }
    let Some(answer) = v.model.ask.tested.as_ref() else {
        return html! { <p class="hint">{"Running the state…"}</p> };
    };
    if !answer.problems.is_empty() {
        return html! {
            <ul class="problems-list" data-testid="test-problem">
                { for answer.problems.iter().map(|p| html! { <li>{ p }</li> }) }
            </ul>
        };
    }
    let Some(response) = answer.response.as_ref() else {
        return html! {};
    };
    let json = |text: &str| {
        serde_json::from_str::<Value>(text)
            .map(|v| pretty(&v))
            .unwrap_or_else(|_| text.to_string())
    };
    let inspection = response
        .inspection_data
        .as_ref()
        .and_then(|d| serde_json::to_value(d).ok())
        .and_then(|d| d.as_object().cloned())
        .unwrap_or_default();
    html! {
        <section class="test-answer" aria-label="TestState response">
            if let Some(output) = &response.output {
                <h3>{"Output"}</h3>
                <pre class="json" data-testid="test-output">{ json(output) }</pre>
            }
            if !inspection.is_empty() {
                <h3>{"Inspection data"}</h3>
                <ol class="stages" data-testid="inspection-data">
                    { for inspection.iter().map(|(key, value)| {
                        let shown = match value {
                            Value::String(s) => json(s),
                            other => pretty(other),
                        };
                        html! { <li data-stage={key.clone()}><h4>{ key }</h4><pre class="json">{ shown }</pre></li> }
                    }) }
                </ol>
            }
            if !answer.calls.is_empty() {
                <h3>{ format!("API calls · {}", answer.calls.len()) }</h3>
                <ul class="test-calls">
                    { for answer.calls.iter().map(|c| html! {
                        <li data-testid="test-call" data-result={c.decision.result.as_str()}
                            class={if c.decision.allowed() { "allowed" } else { "denied" }}>{ &c.decision.headline }</li>
                    }) }
                </ul>
            }
            <details>
                <summary>{"Response as JSON (the TestState API's shape)"}</summary>
                <pre class="json" data-testid="test-response-json">{ serde_json::to_string_pretty(response).unwrap_or_default() }</pre>
            </details>
        </section>
    }
}
