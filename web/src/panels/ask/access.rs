//! "Who can reach what": every principal of the scenario (and every outsider a wildcard
//! admits) that can act on a resource, by which path (AssumeRole hops with the conditions
//! each requires), each step a link to the statement that allows it; and, from the last
//! run, the least privilege each role needed, offered as an edit.

use crate::ask::AskAction;
use crate::model::Action;
use crate::panels::diagram::{CrossingDiagram, Diagram};
use crate::panels::{counted, pretty, View};
use std::rc::Rc;
use web::questions::AccessAnswer;
use yew::prelude::*;

/// The short name of a principal or resource ARN: `role TrustingAccountRl`, `states.amazonaws.com`.
fn short(arn: &str) -> String {
    let tail = arn.splitn(6, ':').nth(5).unwrap_or(arn);
    let tail = tail
        .strip_prefix("role/")
        .map(|r| format!("role {}", r.rsplit('/').next().unwrap_or(r)))
        .or_else(|| {
            tail.strip_prefix("stateMachine:")
                .map(|m| format!("state machine {m}"))
        })
        .unwrap_or_else(|| tail.to_string());
    if arn.ends_with(":root") {
        format!("any principal of {}", arn.split(':').nth(4).unwrap_or(arn))
    } else if arn == "*" {
        "anyone".into()
    } else {
        tail
    }
}

/// The tool.
pub fn view(v: &View) -> Html {
    let answer = v.model.ask.accessed.as_deref();
    let pick = |make: fn(String) -> AskAction| {
        let d = v.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::Ask(make(select.value())))
        })
    };
    let empty = Vec::new();
    let options = |chosen: &str, items: &[String]| {
        html! {
            <>
                <option value="" selected={chosen.is_empty()}>{"all"}</option>
                { for items.iter().map(|i| html! { <option value={i.clone()} selected={i == chosen}>{ short(i) }</option> }) }
            </>
        }
    };
    html! {
        <div class="access" data-testid="access-tool">
            <p class="tool-intro">{"Who can act on what in this scenario, decided exactly by the evaluator for every principal, action and resource (outsiders a wildcard admits included), with the path: an identity policy, a resource policy, or a chain of AssumeRole hops and the conditions each one requires."}</p>
            <div class="field-row">
                <label class="field">
                    <span>{"Resource"}</span>
                    <select data-testid="access-resource" onchange={pick(AskAction::AccessResource)}>
                        { options(&v.model.ask.access_resource, answer.map_or(&empty, |a| &a.resources)) }
                    </select>
                </label>
                <label class="field">
                    <span>{"Principal"}</span>
                    <select data-testid="access-principal" onchange={pick(AskAction::AccessPrincipal)}>
                        { options(&v.model.ask.access_principal, answer.map_or(&empty, |a| &a.principals)) }
                    </select>
                </label>
            </div>
            { match answer {
                None => html! { <p class="hint">{"Analysing…"}</p> },
                Some(a) => match &a.problem {
                    Some(p) => html! { <p class="problem" data-testid="access-problem">{ p }</p> },
                    None => html! { <>{ paths(v, a) }{ changes(v, a) }{ not_granted(v, a) }{ least(v, a) }</> },
                },
            } }
        </div>
    }
}

/// The reach entries, drawn across accounts and listed with their paths.
fn paths(v: &View, answer: &AccessAnswer) -> Html {
    if answer.reach.is_empty() {
        return html! { <p class="hint" data-testid="access-none">{"No principal can act on it."}</p> };
    }
    let shown = &answer.reach;
    let hops: Vec<&access::Hop> = shown.iter().flat_map(|r| &r.path).collect();
    let triples: Vec<(String, String, String)> = hops
        .iter()
        .map(|h| (h.principal.clone(), h.action.clone(), h.resource.clone()))
        .collect();
    let pointers: Vec<Option<String>> = hops
        .iter()
        .map(|h| h.statements.first().map(|s| s.pointer.clone()))
        .collect();
    let on_call = {
        let d = v.dispatch.clone();
        Callback::from(move |i: usize| {
            if let Some(Some(p)) = pointers.get(i) {
                d.dispatch(Action::ShowStatement(p.clone()));
            }
        })
    };
    let names = crate::document::accounts(&v.model.doc);
    let order: Vec<String> = names.iter().map(|(id, _)| id.clone()).collect();
    let statement = |s: &access::StatementRef| {
        let d = v.dispatch.clone();
        let p = s.pointer.clone();
        let onclick = Callback::from(move |_| d.dispatch(Action::ShowStatement(p.clone())));
        html! {
            <button class="statement-link" data-testid="reach-statement" data-pointer={s.pointer.clone()}
                title={format!("Open {} in the editor", s.pointer)} {onclick}>
                { format!("{} · {} policy", s.policy, s.kind.code()) }
            </button>
        }
    };
    html! {
        <>
            <CrossingDiagram diagram={Rc::new(Diagram::of_hops(&triples, &order))} names={Rc::new(names)}
                {on_call} title="Paths" label="Access paths, across accounts" id="access-diagram" />
            if answer.total > answer.reach.len() {
                <p class="hint">{ format!("The first {} of {}; pick a resource or a principal to narrow them.", answer.reach.len(), answer.total) }</p>
            }
            <ul class="reach-list">
                { for shown.iter().map(|r| html! {
                    <li class="reach" data-testid="reach" data-principal={r.principal.clone()} data-resource={r.resource.clone()}>
                        <div class="reach-head">
                            <strong>{ short(&r.principal) }</strong>{" → "}<strong>{ short(&r.resource) }</strong>
                            if r.external { <span class="external" title="Outside the resource's account (or organization)">{" external"}</span> }
                        </div>
                        <div class="reach-actions">{ for r.actions.iter().map(|a| html! { <code>{ a }</code> }) }</div>
                        <ol class="reach-path">
                            { for r.path.iter().map(|h| html! {
                                <li data-testid="reach-hop">
                                    <span>{ short(&h.principal) }</span>{" —"}<code>{ &h.action }</code>{"→ "}<span>{ short(&h.resource) }</span>
                                    if !h.conditions.is_empty() {
                                        <span class="requires" data-testid="reach-conditions">
                                            {" requires "}
                                            { for h.conditions.iter().map(|c| html! {
                                                <span><code>{ &c.key }</code>{ format!(" {} ", c.operator) }<code>{ c.policy_values.join(", ") }</code></span>
                                            }) }
                                        </span>
                                    }
                                    <span class="by">{ for h.statements.iter().map(statement) }</span>
                                </li>
                            }) }
                        </ol>
                    </li>
                }) }
            </ul>
        </>
    }
}

/// One access gained, lost or found outside an account, in a line.
fn change(c: &access::AccessChange, id: &'static str) -> Html {
    html! {
        <li data-testid={id} data-principal={c.principal.clone()} data-resource={c.resource.clone()}>
            <strong>{ short(&c.principal) }</strong>{" → "}<strong>{ short(&c.resource) }</strong>{": "}
            { for c.actions.iter().map(|a| html! { <code>{ a }</code> }) }
            if c.external { <span class="external">{" external"}</span> }
        </li>
    }
}

/// What the scenario gains and loses against its preset (as CheckNoNewAccess compares).
fn changes(v: &View, answer: &AccessAnswer) -> Html {
    let title = sim::preset(&v.model.preset).map_or("the preset", |p| p.title);
    let compare = v.model.ask.compare;
    let toggle = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Ask(AskAction::Compare(!compare))))
    };
    let diff = answer.diff.as_ref().filter(|_| compare);
    html! {
        <section class="access-diff" aria-label="Access gained and lost" data-testid="access-diff">
            <h3>{ format!("Since the preset \"{title}\"") }
                <button data-testid="access-compare" aria-pressed={compare.to_string()} onclick={toggle}>
                    { if compare { "Stop comparing" } else { "Compare" } }
                </button>
            </h3>
            if !compare {
                <p class="hint">{"What this scenario's edits gained and lost: every access it allows and the preset did not, and the reverse."}</p>
            } else if let Some(diff) = diff {
            if diff.is_empty() {
                <p class="hint" data-testid="access-unchanged">{"No access gained or lost."}</p>
            } else {
                if !diff.gained.is_empty() {
                    <h4>{ format!("Gained · {}", diff.gained.len()) }</h4>
                    <ul class="changes gained">{ for diff.gained.iter().map(|c| change(c, "access-gained")) }</ul>
                }
                if !diff.lost.is_empty() {
                    <h4>{ format!("Lost · {}", diff.lost.len()) }</h4>
                    <ul class="changes lost">{ for diff.lost.iter().map(|c| change(c, "access-lost")) }</ul>
                }
            }
            } else {
                <p class="hint">{"Comparing…"}</p>
            }
        </section>
    }
}

/// The check that some actions are granted to no one outside an account (as
/// CheckAccessNotGranted), with its form.
fn not_granted(v: &View, answer: &AccessAnswer) -> Html {
    let ask = &v.model.ask;
    let account = {
        let d = v.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::Ask(AskAction::CheckAccount(select.value())))
        })
    };
    let actions = {
        let d = v.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::Ask(AskAction::CheckActions(input.value())))
        })
    };
    html! {
        <section class="access-check" aria-label="Actions not granted outside an account">
            <h3>{"No one outside an account may…"}</h3>
            <div class="field-row">
                <label class="field">
                    <span>{"Account"}</span>
                    <select data-testid="check-account" onchange={account}>
                        <option value="" selected={ask.check_account.is_empty()}>{"pick an account"}</option>
                        { for crate::document::accounts(&v.model.doc).into_iter().map(|(id, alias)| html! {
                            <option value={id.clone()} selected={id == ask.check_account}>{ if alias.is_empty() { id.clone() } else { format!("{alias} · {id}") } }</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span>{"Actions (IAM patterns, comma separated)"}</span>
                    <input data-testid="check-actions" spellcheck="false" value={ask.check_actions.clone()}
                        placeholder="secretsmanager:GetSecretValue, states:Start*" oninput={actions} />
                </label>
            </div>
            if let Some(found) = &answer.not_granted {
                if found.is_empty() {
                    <p class="ok" data-testid="check-passed">{ format!("✓ None of them is granted outside {}.", ask.check_account) }</p>
                } else {
                    <p class="problem">{ format!("✗ Granted outside {} · {}", ask.check_account, found.len()) }</p>
                    <ul class="changes">{ for found.iter().map(|c| change(c, "check-granted")) }</ul>
                }
            }
        </section>
    }
}

/// What each role needed in the run, beside what it is granted, with the edit that keeps
/// only what it needed.
fn least(v: &View, answer: &AccessAnswer) -> Html {
    if answer.least.is_empty() {
        return html! {};
    }
    html! {
        <section class="least" aria-label="Least privilege">
            <h3>{"Least privilege, from a run of this scenario"}</h3>
            { for answer.least.iter().map(|l| html! {
                <details class="least-role" data-testid="least-role" data-role={l.role.clone()}>
                    <summary>
                        <strong>{ short(&l.role) }</strong>
                        { if l.privilege.unused.is_empty() { " · uses all it is granted".to_string() } else { format!(" · {} granted and never used", counted(l.privilege.unused.len(), "statement")) } }
                    </summary>
                    <h4>{"The identity policy the run needed"}</h4>
                    <pre class="json" data-testid="least-used">{ pretty(&l.privilege.used) }</pre>
                    if !l.privilege.unused.is_empty() {
                        <h4>{"Granted and never used"}</h4>
                        <ul>
                            { for l.privilege.unused.iter().map(|u| html! {
                                <li data-testid="least-unused"><code>{ &u.policy }</code>{ format!(" {}: ", u.statement) }{ u.actions.join(", ") }</li>
                            }) }
                        </ul>
                    }
                    if let Some(fix) = &l.fix {
                        { crate::panels::fix::view(v, fix, "least") }
                    }
                </details>
            }) }
        </section>
    }
}
