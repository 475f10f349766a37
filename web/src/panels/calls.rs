//! Every API call of the run: who called what on which resource, the IAM decision, why,
//! and for a denied call what to change. Deciding statements open in the editor.

use super::{pretty, View};
use crate::model::Action;
use iam::{AuthorizationResult, PolicyReport};
use sim::{CallRecord, Principal};
use std::rc::Rc;
use yew::prelude::*;

fn glyph(result: AuthorizationResult) -> &'static str {
    match result {
        AuthorizationResult::Allowed => "✓",
        AuthorizationResult::ExplicitlyDenied => "✗✗",
        AuthorizationResult::ImplicitlyDenied => "✗",
    }
}

/// The calls panel.
pub fn view(v: &View) -> Html {
    let Some(report) = v.model.report.as_ref() else {
        return html! {};
    };
    let calls = &report.calls;
    let denied = calls.iter().filter(|c| !c.decision.allowed()).count();
    // Denied calls first: they are why a run failed.
    let mut order: Vec<usize> = (0..calls.len()).collect();
    order.sort_by_key(|&i| calls[i].decision.allowed());
    let focused = v.model.focus_call.map(|(i, _)| i);
    html! {
        <section class="calls" aria-label="API calls">
            <h2>{ format!("API calls · {} · {denied} denied", calls.len()) }</h2>
            <ol data-testid="calls-list">
                { for order.into_iter().map(|i| call(v, report, i, &calls[i], focused == Some(i))) }
            </ol>
        </section>
    }
}

fn call(v: &View, report: &Rc<sim::Report>, index: usize, c: &CallRecord, focused: bool) -> Html {
    let result = c.decision.result.as_str();
    let allowed = c.decision.allowed();
    let explanation = c.decision.explanation.as_ref();
    let deciding = explanation
        .map(crate::report::deciding_pointers)
        .unwrap_or_default();
    let account = match &c.caller {
        Principal::Session(s) => Some(s.account.as_str()),
        Principal::Service(_) | Principal::Anonymous => None,
    };
    let simulate = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Ask(crate::ask::AskAction::SimulateCall(index))))
    };
    html! {
        <li id={format!("call-{index}")} tabindex="-1" data-testid="call" data-result={result}
            class={classes!("call", if allowed { "allowed" } else { "denied" }, focused.then_some("focused"))}>
            <div class="call-head">
                <span class="verdict" aria-label={result}>{ glyph(c.decision.result) }{" "}{ result }</span>
                <code class="action">{ c.action }</code>
                <span class="on">{"on"}</span>
                <code class="resource">{ &c.resource }</code>
                <button class="open-sim" data-testid="open-in-simulator" onclick={simulate}
                    title="Ask the policy simulator about this request: change its context keys and see the decision change">{"Open in simulator"}</button>
            </div>
            <div class="caller">{"by "}<code>{ c.caller.arn() }</code>
                if let Some(acct) = account { <span class="account-id">{ format!(" (account {acct})") }</span> }
            </div>
            <p data-testid="call-headline" class="headline">{ &c.decision.headline }</p>
            <p data-testid="call-summary" class="summary">{ super::fix::inline_code(&c.decision.summary) }</p>
            if let Some(advice) = c.decision.advice.as_deref().filter(|a| !a.is_empty() && !allowed) {
                <p class="advice"><strong>{"What to change: "}</strong>{ advice }</p>
            }
            if !allowed {
                { for c.decision.fixes.iter().map(|f| super::fix::view(v, f, "call")) }
            }
            <div data-testid="call-explanation" class="explanation">
                { for explanation.into_iter().flat_map(|e| &e.policies).map(|policy| policy_view(v, policy, &deciding)) }
            </div>
            <ExplanationJson report={CallRef(report.clone(), index)} />
            if let Some(e) = &c.error {
                <p class="call-error">{ format!("{}: {}", e.error, e.cause) }</p>
            }
        </li>
    }
}

/// One policy that took part in the decision, with each statement and why it did or did
/// not apply; each statement opens in the editor.
pub(crate) fn policy_view(v: &View, policy: &PolicyReport, deciding: &[&str]) -> Html {
    let kind = policy.kind.code();
    let verdict = if policy.denies {
        "denies"
    } else if policy.allows {
        "allows"
    } else {
        "does not allow"
    };
    html! {
        <div class={classes!("policy", verdict.replace(' ', "-"))}>
            <div class="policy-head"><strong>{ &policy.name }</strong>{ format!(" · {kind} policy · {verdict}") }</div>
            <ul class="statements">
                { for policy.statements.iter().map(|outcome| {
                    let st = &outcome.statement;
                    // Open the failing condition's line when a condition is why it did not apply.
                    let pointer = st
                        .failed
                        .as_ref()
                        .and_then(|f| f.condition.as_ref())
                        .map_or_else(|| st.pointer.clone(), |c| c.pointer.clone());
                    let is_deciding = deciding.contains(&st.pointer.as_str());
                    let applies = outcome.applies;
                    let label = format!("#{} {}", st.index, st.sid.as_deref().unwrap_or(st.effect.as_str()));
                    let d = v.dispatch.clone();
                    let p = pointer.clone();
                    let onclick = Callback::from(move |_| d.dispatch(Action::ShowStatement(p.clone())));
                    html! {
                        <li class={classes!(if applies { "applies" } else { "skipped" }, is_deciding.then_some("deciding"))}>
                            <button class="statement-link" data-testid="statement-link" data-pointer={pointer.clone()} title={format!("Open {pointer} in the editor")} {onclick}>{ label }</button>
                            <span class="why">
                                if applies { {"✓ applies"} } else { {"✗ does not apply: "}{ super::fix::inline_code(st.failure_detail().unwrap_or("")) } }
                                { if is_deciding { " · deciding" } else { "" } }
                            </span>
                            if applies && !st.matched_conditions.is_empty() {
                                <ul class="matched" data-testid="matched-conditions">
                                    { for st.matched_conditions.iter().map(|c| {
                                        let sent = if c.request_values.is_empty() { "nothing sent".to_string() } else { c.request_values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ") };
                                        html! { <li><code>{ &c.key }</code>{ format!(" sent {sent}, matched by {} ", c.operator) }<code>{ c.policy_values.join(", ") }</code></li> }
                                    }) }
                                </ul>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// One call of a run's report; equal when it is the same call of the same report (compared
/// by pointer: a report never changes once made).
#[derive(Clone)]
pub struct CallRef(Rc<sim::Report>, usize);

impl PartialEq for CallRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

/// The explanation's inputs.
#[derive(Properties, PartialEq)]
struct ExplanationProps {
    report: CallRef,
}

/// A call's IAM explanation as JSON, folded; the JSON is written only once it is unfolded.
#[function_component(ExplanationJson)]
fn explanation_json(props: &ExplanationProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(details.open());
        })
    };
    let CallRef(report, index) = &props.report;
    let json = (*open)
        .then(|| report.calls.get(*index))
        .flatten()
        .map(|c| pretty(&serde_json::to_value(&c.decision.explanation).unwrap_or_default()));
    html! {
        <details {ontoggle}>
            <summary>{"Explanation as JSON"}</summary>
            if let Some(json) = json { <pre class="json">{ json }</pre> }
        </details>
    }
}
