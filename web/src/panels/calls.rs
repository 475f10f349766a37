//! Every API call of the run: who called what on which resource, the IAM decision, why,
//! and for a denied call what to change. Deciding statements open in the editor.

use super::{pretty, View};
use crate::model::Action;
use serde_json::Value;
use yew::prelude::*;

fn glyph(result: &str) -> &'static str {
    match result {
        "Allowed" => "✓",
        "ExplicitlyDenied" => "✗✗",
        _ => "✗",
    }
}

/// The calls panel.
pub fn view(v: &View) -> Html {
    let Some(report) = v.model.report.as_ref() else {
        return html! {};
    };
    let calls = report["calls"].as_array().cloned().unwrap_or_default();
    let denied = calls
        .iter()
        .filter(|c| c["decision"]["result"] != "Allowed")
        .count();
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
    let result = c["decision"]["result"]
        .as_str()
        .unwrap_or("Unknown")
        .to_string();
    let allowed = result == "Allowed";
    let explanation = &c["decision"]["explanation"];
    let deciding: Vec<String> =
        crate::report::statement_pointers(&explanation["decidingStatements"])
            .into_iter()
            .map(|(p, _)| p)
            .collect();
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
            <div data-testid="call-explanation" class="explanation">
                { for explanation["policies"].as_array().into_iter().flatten().map(|policy| policy_view(v, policy, &deciding)) }
            </div>
            <details>
                <summary>{"Explanation as JSON"}</summary>
                <pre class="json">{ pretty(explanation) }</pre>
            </details>
            if !c["error"].is_null() {
                <p class="call-error">{ format!("{}: {}", c["error"]["error"].as_str().unwrap_or_default(), c["error"]["cause"].as_str().unwrap_or_default()) }</p>
            }
        </li>
    }
}

/// One policy that took part in the decision, with each statement and why it did or did
/// not apply; each statement opens in the editor.
fn policy_view(v: &View, policy: &Value, deciding: &[String]) -> Html {
    let name = policy["name"].as_str().unwrap_or_default().to_string();
    let kind = policy["kind"].as_str().unwrap_or_default();
    let verdict = if policy["denies"] == true {
        "denies"
    } else if policy["allows"] == true {
        "allows"
    } else {
        "does not allow"
    };
    html! {
        <div class={classes!("policy", verdict.replace(' ', "-"))}>
            <div class="policy-head"><strong>{ &name }</strong>{ format!(" · {kind} policy · {verdict}") }</div>
            <ul class="statements">
                { for policy["statements"].as_array().into_iter().flatten().map(|st| {
                    let pointer = st["pointer"].as_str().unwrap_or_default().to_string();
                    let is_deciding = deciding.contains(&pointer);
                    let applies = st["applies"] == true;
                    let label = format!("#{} {}", st["index"].as_u64().unwrap_or_default(), st["sid"].as_str().or(st["effect"].as_str()).unwrap_or_default());
                    let d = v.dispatch.clone();
                    let p = pointer.clone();
                    let onclick = Callback::from(move |_| d.dispatch(Action::ShowStatement(p.clone())));
                    html! {
                        <li class={classes!(if applies { "applies" } else { "skipped" }, is_deciding.then_some("deciding"))}>
                            <button class="statement-link" data-testid="statement-link" data-pointer={pointer.clone()} title={format!("Open {pointer} in the editor")} {onclick}>{ label }</button>
                            <span class="why">
                                { if applies { "✓ applies".to_string() } else { format!("✗ does not apply: {}", st["failed"]["detail"].as_str().unwrap_or("")) } }
                                { if is_deciding { " · deciding" } else { "" } }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
