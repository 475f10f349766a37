//! One pane per account: its roles (trust and permission policies), state machines and
//! resources, with add, rename and delete, so nobody writes the skeleton by hand.

use super::View;
use crate::document::{self, Addable, RESOURCES};
use crate::model::Action;
use jsonloc::pointer_push;
use sim::Severity;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The account panes, side by side.
pub fn view(v: &View) -> Html {
    let accounts = document::accounts(&v.model.doc);
    let add_account = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::AddAccount))
    };
    html! {
        <section class="accounts-area" aria-label="Accounts">
            <section class="scenario-pane" aria-label="Scenario">
                <ul class="tree" role="tree">
                    { for document::scenario_entries().iter().map(|e| entry(v, e)) }
                </ul>
            </section>
            <div class="accounts">
                { for accounts.iter().map(|(id, alias)| pane(v, id, alias)) }
            </div>
            <button class="add-account" onclick={add_account} title="Add an AWS account">{"+ account"}</button>
        </section>
    }
}

fn pane(v: &View, id: &str, alias: &str) -> Html {
    let entries = document::account_entries(&v.model.doc, id);
    let base = document::account_pointer(id);
    let errors = v
        .model
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.pointer.starts_with(&base))
        .count();
    html! {
        <section class="account-pane" data-testid="account-pane" data-account={id.to_string()} aria-label={format!("Account {id} {alias}")}>
            <header>
                <h2><span class="alias">{ alias }</span><span class="account-id">{ id }</span></h2>
                if errors > 0 { <span class="badge err" title="problems in this account">{ format!("✗ {errors}") }</span> }
            </header>
            <ul class="tree" role="tree">
                { for entries.iter().map(|e| entry(v, e)) }
            </ul>
            { adder(v, id, &base, &entries) }
        </section>
    }
}

fn entry(v: &View, e: &document::Entry) -> Html {
    let open = v.model.open.as_deref() == Some(e.pointer.as_str());
    let has_problem = v.model.diagnostics.iter().any(|d| {
        d.severity == Severity::Error
            && (d.pointer == e.pointer || d.pointer.starts_with(&format!("{}/", e.pointer)))
    }) || v
        .model
        .drafts
        .get(&e.pointer)
        .is_some_and(|t| serde_json::from_str::<serde_json::Value>(t).is_err());
    let onclick = {
        let d = v.dispatch.clone();
        let p = e.pointer.clone();
        Callback::from(move |_| d.dispatch(Action::Open(p.clone())))
    };
    let member = document::named_member(&e.pointer);
    let rename = {
        let d = v.dispatch.clone();
        let member = member.clone();
        let current = e.label.clone();
        Callback::from(move |_| {
            if let Some(name) = gloo::dialogs::prompt("New name", Some(&current)) {
                d.dispatch(Action::Rename(member.clone(), name));
            }
        })
    };
    let delete = {
        let d = v.dispatch.clone();
        let label = e.label.clone();
        Callback::from(move |_| {
            if gloo::dialogs::confirm(&format!("Delete {label}?")) {
                d.dispatch(Action::Delete(member.clone()));
            }
        })
    };
    html! {
        <li role="treeitem" aria-selected={open.to_string()} class={classes!("entry", format!("depth-{}", e.depth), open.then_some("open"))}>
            <button class="entry-open" data-testid="tree-item" data-pointer={e.pointer.clone()} {onclick}>
                if has_problem { <span class="mark err" aria-label="has problems">{"✗ "}</span> }
                <span class="label">{ &e.label }</span>
                <span class="kind">{ e.kind }</span>
            </button>
            if e.named {
                <button class="icon" title={format!("Rename {}", e.label)} aria-label={format!("Rename {}", e.label)} onclick={rename}>{"✎"}</button>
                <button class="icon" title={format!("Delete {}", e.label)} aria-label={format!("Delete {}", e.label)} onclick={delete}>{"×"}</button>
            }
        </li>
    }
}

fn adder(v: &View, account: &str, base: &str, entries: &[document::Entry]) -> Html {
    let roles: Vec<String> = entries
        .iter()
        .filter(|e| e.kind == "role · trust policy")
        .map(|e| e.label.clone())
        .collect();
    let kind_ref = NodeRef::default();
    let name_ref = NodeRef::default();
    let onsubmit = {
        let d = v.dispatch.clone();
        let (kind_ref, name_ref) = (kind_ref.clone(), name_ref.clone());
        let account = account.to_string();
        let base = base.to_string();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(kind), Some(name)) = (
                kind_ref.cast::<HtmlSelectElement>(),
                name_ref.cast::<HtmlInputElement>(),
            ) else {
                return;
            };
            let choice = kind.value();
            let (kind, owner) = match choice.split_once(':') {
                Some(("policy", role)) => (
                    Addable::Policy,
                    pointer_push(&pointer_push(&base, "roles"), role),
                ),
                _ => (
                    [Addable::Role, Addable::StateMachine]
                        .into_iter()
                        .chain(RESOURCES)
                        .find(|k| k.collection() == choice)
                        .unwrap_or(Addable::Role),
                    base.clone(),
                ),
            };
            d.dispatch(Action::Add {
                account: account.clone(),
                owner,
                kind,
                name: name.value(),
            });
            name.set_value("");
        })
    };
    html! {
        <form class="adder" {onsubmit} aria-label={format!("Add to account {account}")}>
            <select ref={kind_ref} aria-label="What to add">
                <option value="roles" selected=true>{"role"}</option>
                { for roles.iter().map(|r| html! { <option value={format!("policy:{r}")}>{ format!("policy on {r}") }</option> }) }
                <option value="stateMachines">{"state machine"}</option>
                { for RESOURCES.iter().map(|k| html! { <option value={k.collection()}>{ k.noun() }</option> }) }
            </select>
            <input ref={name_ref} placeholder="name" aria-label="Name" required=true />
            <button type="submit">{"Add"}</button>
        </form>
    }
}
