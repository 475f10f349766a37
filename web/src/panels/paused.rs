//! Tasks waiting for their token when the run ended (`.waitForTaskToken`, activities): the
//! token, the message that carried it, and a form to answer as any role of the scenario.
//! The answer becomes a `callbacks` entry (undoable); the re-run plays it, authorized.

use crate::document::answer::{fix, Answer, Send};
use serde_json::Value;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// One paused Task and what the form needs.
#[derive(Properties, PartialEq)]
pub struct PausedProps {
    pub task: sim::PausedTask,
    /// The state machine the Task belongs to.
    pub state_machine: String,
    /// When its execution started (ms on the virtual clock).
    pub started: i64,
    /// Every role of the scenario, as ARNs (who may answer).
    pub roles: Rc<Vec<String>>,
    /// The scenario's `callbacks` member, if any (the answer is added to it).
    pub callbacks: Option<Value>,
    /// Applies the answer as a fix.
    pub on_answer: Callback<sim::Fix>,
}

/// A paused Task with its answer form.
#[function_component(PausedTask)]
pub fn paused_task(props: &PausedProps) -> Html {
    let task = &props.task;
    let roles = &props.roles;
    let machine_account = props
        .state_machine
        .split(':')
        .nth(4)
        .unwrap_or_default()
        .to_string();
    let principal = use_state(|| roles.first().cloned().unwrap_or_default());
    let assume = use_state(String::new);
    let external_id = use_state(String::new);
    let send = use_state(|| "SendTaskSuccess".to_string());
    let output = use_state(|| "{}".to_string());
    let error = use_state(|| "Rejected".to_string());
    let cause = use_state(String::new);
    let after = use_state(|| "0".to_string());
    let problem = use_state(|| None::<String>);
    let select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_output = {
        let output = output.clone();
        Callback::from(move |e: InputEvent| {
            output.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let submit = {
        let (principal, assume, external_id, send, output, error, cause, after, problem) = (
            principal.clone(),
            assume.clone(),
            external_id.clone(),
            send.clone(),
            output.clone(),
            error.clone(),
            cause.clone(),
            after.clone(),
            problem.clone(),
        );
        let (callbacks, on_answer) = (props.callbacks.clone(), props.on_answer.clone());
        let (machine, state, attempt) = (
            props.state_machine.clone(),
            task.state.clone(),
            task.attempt,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let answer = Answer {
                principal: (*principal).clone(),
                assume_role: Some((*assume).clone()).filter(|a| !a.is_empty()),
                external_id: Some(external_id.trim().to_string())
                    .filter(|x| !x.is_empty() && !assume.is_empty()),
                state_machine: machine.clone(),
                state: state.clone(),
                attempt,
                after_seconds: after.trim().parse().unwrap_or(0),
                send: match send.as_str() {
                    "SendTaskFailure" => Send::Failure {
                        error: (*error).clone(),
                        cause: (*cause).clone(),
                    },
                    "SendTaskHeartbeat" => Send::Heartbeat,
                    _ => Send::Success((*output).clone()),
                },
            };
            match fix(callbacks.as_ref(), &answer) {
                Ok(f) => {
                    problem.set(None);
                    on_answer.emit(f);
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        })
    };
    let id = |field: &str| format!("paused-{}-{}-{field}", task.state, task.attempt);
    let assumable: Vec<&String> = roles
        .iter()
        .filter(|r| r.split(':').nth(4) == Some(machine_account.as_str()))
        .collect();
    let cross = principal.split(':').nth(4) != Some(machine_account.as_str());
    html! {
        <section class="paused-task" data-testid="paused-task" aria-label={format!("Task {} waiting for its token", task.state)}>
            <h3>{ format!("Paused: {} is waiting for its task token", task.state) }</h3>
            <p class="hint">{ format!("{} · attempt {} · waiting since {} s after the execution started. Nothing answered it and it has no TimeoutSeconds or HeartbeatSeconds, so the execution stays RUNNING.",
                task.resource, task.attempt, (task.since - props.started).max(0) / 1000) }</p>
            <p class="token">{"Token "}<code data-testid="paused-token">{ &task.task_token }</code></p>
            <details>
                <summary>{"The message that carried it"}</summary>
                <pre class="json" data-testid="paused-message">{ super::pretty(&task.message) }</pre>
            </details>
            <form class="answer-form" data-testid="answer-form" onsubmit={submit}>
                <h4>{"Answer it"}</h4>
                <label for={id("principal")}>{"As"}</label>
                <select id={id("principal")} data-testid="answer-principal" onchange={select(&principal)}>
                    { for roles.iter().map(|r| html! { <option value={r.clone()} selected={*r == *principal}>{ r }</option> }) }
                </select>
                <label for={id("assume")}>{"First assume"}</label>
                <select id={id("assume")} data-testid="answer-assume" onchange={select(&assume)}>
                    <option value="" selected={assume.is_empty()}>{"nothing (call as that role)"}</option>
                    { for assumable.iter().map(|r| html! { <option value={(*r).clone()} selected={**r == *assume}>{ *r }</option> }) }
                </select>
                if !assume.is_empty() {
                    <label for={id("external")}>{"External ID"}</label>
                    <input id={id("external")} data-testid="answer-external-id" placeholder="if its trust policy asks for sts:ExternalId" value={(*external_id).clone()} oninput={input(&external_id)} />
                }
                if cross && assume.is_empty() {
                    <p class="hint" data-testid="answer-cross-hint">{ format!("A state machine has no resource policy: from another account, the answer is allowed only through a role of {machine_account} that the sender may assume.") }</p>
                }
                <label for={id("send")}>{"Send"}</label>
                <select id={id("send")} data-testid="answer-send" onchange={select(&send)}>
                    { for ["SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"].into_iter().map(|s| html! { <option value={s} selected={*send == s}>{ s }</option> }) }
                </select>
                if *send == "SendTaskSuccess" {
                    <label for={id("output")}>{"Output (JSON)"}</label>
                    <textarea id={id("output")} data-testid="answer-output" rows="4" spellcheck="false" value={(*output).clone()} oninput={on_output} />
                }
                if *send == "SendTaskFailure" {
                    <label for={id("error")}>{"Error"}</label>
                    <input id={id("error")} data-testid="answer-error" value={(*error).clone()} oninput={input(&error)} />
                    <label for={id("cause")}>{"Cause"}</label>
                    <input id={id("cause")} data-testid="answer-cause" value={(*cause).clone()} oninput={input(&cause)} />
                }
                <label for={id("after")}>{"After (seconds)"}</label>
                <input id={id("after")} data-testid="answer-after" type="number" min="0" value={(*after).clone()} oninput={input(&after)} />
                if let Some(p) = &*problem { <p class="problem" role="alert">{ p }</p> }
                <button type="submit" class="primary" data-testid="answer-submit">{"Answer and re-run"}</button>
            </form>
        </section>
    }
}
