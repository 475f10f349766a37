//! "Simulate a request": a principal, an action, a resource and context keys, decided
//! against every policy of the scenario that applies, with the same explanation a run's
//! calls get (for allowed requests too).

use super::{datalist, input, text_input};
use crate::ask::{AskAction, SimField};
use crate::model::Action;
use crate::panels::View;
use yew::prelude::*;

/// The tool.
pub fn view(v: &View) -> Html {
    let form = &v.model.ask.sim;
    let answer = v.model.ask.simulated.as_deref();
    let edit = |field: SimField| {
        let d = v.dispatch.clone();
        Callback::from(move |value: String| {
            d.dispatch(Action::Ask(AskAction::EditSim(field, value)))
        })
    };
    let send = |action: AskAction| {
        let d = v.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Ask(action.clone())))
    };
    let empty = Vec::new();
    let list = |pick: fn(&web::questions::SimAnswer) -> &Vec<String>| answer.map_or(&empty, pick);
    html! {
        <div class="simulator" data-testid="simulator-tool">
            <p class="tool-intro">{"Ask whether one request is allowed, as the IAM policy simulator does, against every policy of this scenario that applies: identity, resource, trust, boundary, session, SCP and RCP. Every API call of a run opens here with its request filled in."}</p>
            { text_input("Principal (a role, session or service principal of the scenario, or any ARN)", "sim-principal", &form.principal, Some("sim-principals"), edit(SimField::Principal)) }
            { datalist("sim-principals", list(|a| &a.principals)) }
            <div class="field-row">
                { text_input("Action", "sim-action", &form.action, Some("sim-actions"), edit(SimField::Action)) }
                { datalist("sim-actions", list(|a| &a.actions)) }
            </div>
            { text_input("Resource", "sim-resource", &form.resource, Some("sim-resources"), edit(SimField::Resource)) }
            { datalist("sim-resources", list(|a| &a.resources)) }
            <fieldset class="context-keys">
                <legend>{"Context keys you set (they replace what AWS would send)"}</legend>
                { datalist("sim-keys", list(|a| &a.keys)) }
                if !form.context.is_empty() {
                    <div class="context-row context-head" aria-hidden="true"><span>{"Key"}</span><span>{"Value (or a JSON array of values)"}</span></div>
                }
                { for form.context.iter().enumerate().map(|(i, (key, value))| html! {
                    <div class="context-row" data-testid="sim-context-row">
                        { input(Some(&format!("Context key {}", i + 1)), "sim-context-key", key, Some("sim-keys"), edit(SimField::Key(i))) }
                        { input(Some(&format!("Value of {key}")), "sim-context-value", value, None, edit(SimField::Value(i))) }
                        <button class="remove" aria-label={format!("Remove {key}")} onclick={send(AskAction::RemoveContextKey(i))}>{"×"}</button>
                    </div>
                }) }
                <button data-testid="sim-add-key" onclick={send(AskAction::AddContextKey)}>{"+ Add a context key"}</button>
            </fieldset>
            { verdict_bar(answer) }
            { decision(v, answer) }
        </div>
    }
}

/// The decision in words, for people.
fn words(result: iam::AuthorizationResult) -> &'static str {
    match result {
        iam::AuthorizationResult::Allowed => "✓ Allowed",
        iam::AuthorizationResult::ImplicitlyDenied => "✗ Denied: no statement allows it",
        iam::AuthorizationResult::ExplicitlyDenied => "✗✗ Denied explicitly: a statement denies it",
    }
}

/// The decision and its headline, kept in sight at the foot of the drawer while the form
/// above is edited.
fn verdict_bar(answer: Option<&web::questions::SimAnswer>) -> Html {
    let Some(verdict) = answer
        .and_then(|a| a.simulation.as_ref())
        .map(|s| &s.verdict)
    else {
        return html! {};
    };
    html! {
        <div class={classes!("verdict-bar", if verdict.allowed() { "allowed" } else { "denied" })} aria-live="polite">
            <p class="sim-result" data-testid="sim-result" data-result={verdict.result.as_str()}>{ words(verdict.result) }</p>
            <p class="headline" data-testid="sim-headline">{ &verdict.headline }</p>
        </div>
    }
}

/// The decision with its explanation, and the context it saw.
fn decision(v: &View, answer: Option<&web::questions::SimAnswer>) -> Html {
    let Some(answer) = answer else {
        return html! { <p class="hint">{"Deciding…"}</p> };
    };
    if let Some(problem) = &answer.problem {
        return html! { <p class="problem" data-testid="sim-problem">{ problem }</p> };
    }
    let Some(simulation) = &answer.simulation else {
        return html! {};
    };
    let verdict = &simulation.verdict;
    let deciding = verdict
        .explanation
        .as_ref()
        .map(crate::report::deciding_pointers)
        .unwrap_or_default();
    html! {
        <section class={classes!("sim-decision", if verdict.allowed() { "allowed" } else { "denied" })}
            aria-label="Why">
            <p class="summary">{ crate::panels::fix::inline_code(&verdict.summary) }</p>
            if let Some(advice) = verdict.advice.as_deref().filter(|a| !a.is_empty() && !verdict.allowed()) {
                <p class="advice"><strong>{"What to change: "}</strong>{ advice }</p>
            }
            <div class="explanation" data-testid="sim-explanation">
                { for verdict.explanation.iter().flat_map(|e| &e.policies).map(|p| crate::panels::calls::policy_view(v, p, &deciding)) }
            </div>
            <details class="context-seen" open=true>
                <summary>{ format!("Request context · {} keys", simulation.context.len()) }</summary>
                <table data-testid="sim-context">
                    <tbody>
                        { for simulation.context.iter().map(|entry| html! {
                            <tr>
                                <th scope="row"><code>{ &entry.key }</code></th>
                                <td><code>{ entry.values.join(", ") }</code></td>
                                <td class="source">{ match entry.source { sim::ContextSource::Aws => "AWS", sim::ContextSource::User => "you" } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
