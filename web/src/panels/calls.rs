//! Every API call of the run: who called what on which resource, the IAM decision, why,
//! and for a denied call what to change. Deciding statements open in the editor.

use super::{pretty, View};
use crate::model::Action;
use serde_json::Value;
use yew::prelude::*;

fn glyph(result: &str) -> &'static str {
    match result {
        "Allowed" => "✓",
        "ExplicitlyDenied" => "⛔",
        _ => "✗",
    }
}

/// The calls panel.
pub fn view(v: &View) -> Html {
    let Some(report) = v.model.report.as_ref() else {
        return html! {};
    };
    let calls = report["calls"].as_array().cloned().unwrap_or_default();
    let denied = calls.iter().filter(|c| c["decision"]["result"] != "Allowed").count();
    html! {
        <section class="calls" aria-label="API calls">
            <h2>{ format!("API calls · {} · {denied} denied", calls.len()) }</h2>
            <ol data-testid="calls-list">
                { for calls.iter().map(|c| call(v, c)) }
            </ol>
        </section>
    }
}

fn call(v: &View, c: &Value) -> Html {
    let result = c["decision"]["result"].as_str().unwrap_or("Unknown").to_string();
    let allowed = result == "Allowed";
    let explanation = &c["decision"]["explanation"];
    let links = crate::report::statement_pointers(explanation);
    let caller = c["caller"]["arn"].as_str().unwrap_or_default();
    html! {
        <li data-testid="call" data-result={result.clone()} class={classes!("call", if allowed { "allowed" } else { "denied" })}>
            <div class="call-head">
                <span class="verdict" aria-label={result.clone()}>{ glyph(&result) }{" "}{ result.clone() }</span>
                <code class="action">{ c["action"].as_str().unwrap_or_default() }</code>
                <span class="on">{"on"}</span>
                <code class="resource">{ c["resource"].as_str().unwrap_or_default() }</code>
            </div>
            <div class="caller">{"by "}<code>{ caller }</code>
                if let Some(acct) = c["caller"]["account"].as_str() { <span class="account-id">{ format!(" (account {acct})") }</span> }
            </div>
            <p data-testid="call-summary" class="summary">{ c["decision"]["summary"].as_str().unwrap_or_default() }</p>
            if let Some(advice) = c["decision"]["advice"].as_str().filter(|a| !a.is_empty() && !allowed) {
                <p class="advice"><strong>{"What to change: "}</strong>{ advice }</p>
            }
            if !links.is_empty() {
                <div class="statements">
                    <span>{"Statements: "}</span>
                    { for links.into_iter().map(|(pointer, label)| {
                        let d = v.dispatch.clone();
                        let p = pointer.clone();
                        let onclick = Callback::from(move |_| d.dispatch(Action::ShowStatement(p.clone())));
                        html! { <button class="statement-link" data-testid="statement-link" data-pointer={pointer.clone()} title={pointer} {onclick}>{ label }</button> }
                    }) }
                </div>
            }
            <details>
                <summary>{"Explanation"}</summary>
                <pre data-testid="call-explanation" class="json">{ pretty(explanation) }</pre>
            </details>
            if !c["error"].is_null() {
                <p class="call-error">{ format!("{}: {}", c["error"]["error"].as_str().unwrap_or_default(), c["error"]["cause"].as_str().unwrap_or_default()) }</p>
            }
        </li>
    }
}
