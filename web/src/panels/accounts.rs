//! One pane per account: its roles (trust and permission policies), state machines and
//! resources, with add, rename and delete, so nobody writes the skeleton by hand.
//!
//! Each list is one Tab stop: Up/Down (Home/End) move between its items (roving focus),
//! F2 renames the item focused and Delete deletes it (Ctrl+Z undoes).

use super::View;
use crate::document::{self, Addable, RESOURCES};
use crate::model::Action;
use jsonloc::pointer_push;
use sim::Severity;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The class of the button that opens an entry: the items roving focus moves between.
const ITEM: &str = "entry-open";

/// The item buttons of the list `list`, in order.
fn items(list: &Element) -> Vec<HtmlElement> {
    let Ok(nodes) = list.query_selector_all(&format!(".{ITEM}")) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The items of the list an event happened in, and the index of the item it happened on.
/// (Yew delegates events to the page's root: the handler's `currentTarget` is not the list.)
fn place(target: Option<web_sys::EventTarget>) -> Option<(Element, Vec<HtmlElement>, usize)> {
    let target = target?.dyn_into::<HtmlElement>().ok()?;
    let list = target.closest("ul.tree").ok().flatten()?;
    let all = items(&list);
    let at = all.iter().position(|i| i.is_same_node(Some(&target)))?;
    Some((list, all, at))
}

/// Makes `items[at]` the list's one Tab stop.
fn make_stop(items: &[HtmlElement], at: usize) {
    for (i, item) in items.iter().enumerate() {
        item.set_tab_index(if i == at { 0 } else { -1 });
    }
}

/// Makes `items[at]` the list's one Tab stop and focuses it.
fn rove(items: &[HtmlElement], at: usize) {
    make_stop(items, at);
    if let Some(item) = items.get(at) {
        let _ = item.focus();
    }
}

/// Up/Down/Home/End inside a list move the focus between its items.
fn on_list_keydown(e: KeyboardEvent) {
    if e.alt_key() || e.ctrl_key() || e.meta_key() {
        return;
    }
    let Some((_, all, at)) = place(e.target()) else {
        return;
    };
    let last = all.len().saturating_sub(1);
    let next = match e.key().as_str() {
        "ArrowDown" => (at + 1).min(last),
        "ArrowUp" => at.saturating_sub(1),
        "Home" => 0,
        "End" => last,
        _ => return,
    };
    // Home/End step through the run elsewhere on the page; here they move in the list.
    e.prevent_default();
    e.stop_propagation();
    rove(&all, next);
}

/// Whichever item gets focus (a click, Tab) becomes the list's Tab stop.
fn on_list_focusin(e: FocusEvent) {
    if let Some((_, all, at)) = place(e.target()) {
        make_stop(&all, at);
    }
}

/// A list of entries with roving focus; `label` names it.
fn list(v: &View, label: String, entries: &[document::Entry]) -> Html {
    let stop = entries
        .iter()
        .position(|e| v.model.open.as_deref() == Some(e.pointer.as_str()))
        .unwrap_or(0);
    html! {
        <ul class="tree" aria-label={label} onkeydown={on_list_keydown} onfocusin={on_list_focusin}>
            { for entries.iter().enumerate().map(|(i, e)| entry(v, e, i == stop)) }
        </ul>
    }
}

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
                { list(v, "Scenario settings".into(), &document::scenario_entries()) }
            </section>
            <div class="accounts">
                { for accounts.iter().map(|(id, alias)| pane(v, id, alias)) }
            </div>
            <button class="add-account" onclick={add_account} title="Add an AWS account">{"+ account"}</button>
            <p class="hint keys-hint">{"↑ ↓ move between items · F2 renames · Delete deletes · Ctrl+Z undoes"}</p>
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
                <button class="import-into" data-testid="import-into" onclick={{
                    let (d, id) = (v.dispatch.clone(), id.to_string());
                    Callback::from(move |_| d.dispatch(Action::Ask(crate::ask::AskAction::OpenTransfer(id.clone()))))
                }} title={format!("Import a CloudFormation or SAM template into account {id}, or export it as one")}>{"Import / export"}</button>
            </header>
            { list(v, format!("Items of account {id}"), &entries) }
            { adder(v, id, &base, &entries) }
        </section>
    }
}

fn entry(v: &View, e: &document::Entry, tab_stop: bool) -> Html {
    let open = v.model.open.as_deref() == Some(e.pointer.as_str());
    let inside = |p: &str| {
        p.strip_prefix(e.pointer.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    // A draft is checked without building its value (a long policy is rendered per key).
    let has_problem = v
        .model
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error && inside(&d.pointer))
        || v.model
            .drafts
            .get(&e.pointer)
            .is_some_and(|t| jsonloc::check_syntax(t).is_err());
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
        Callback::from(move |_: ()| {
            if let Some(name) = gloo::dialogs::prompt("New name", Some(&current)) {
                d.dispatch(Action::Rename(member.clone(), name));
            }
        })
    };
    // Deleting is undoable: no confirmation.
    let delete = {
        let d = v.dispatch.clone();
        Callback::from(move |_: ()| d.dispatch(Action::Delete(member.clone())))
    };
    let named = e.named;
    let onkeydown = {
        let (rename, delete) = (rename.clone(), delete.clone());
        Callback::from(move |k: KeyboardEvent| match k.key().as_str() {
            "F2" if named => {
                k.prevent_default();
                rename.emit(());
            }
            "Delete" if named => {
                k.prevent_default();
                let place = place(k.target());
                delete.emit(());
                // Focus stays in the list, on the item that took the deleted one's place.
                if let Some((list, _, at)) = place {
                    gloo::timers::callback::Timeout::new(0, move || {
                        let all = items(&list);
                        rove(&all, at.min(all.len().saturating_sub(1)));
                    })
                    .forget();
                }
            }
            _ => {}
        })
    };
    let shortcuts = if named {
        "ArrowUp ArrowDown Home End F2 Delete"
    } else {
        "ArrowUp ArrowDown Home End"
    };
    html! {
        <li class={classes!("entry", format!("depth-{}", e.depth), open.then_some("open"))}>
            <button class={ITEM} data-testid="tree-item" data-pointer={e.pointer.clone()} {onclick} {onkeydown}
                tabindex={if tab_stop { "0" } else { "-1" }}
                aria-current={open.then_some("true")}
                aria-keyshortcuts={shortcuts}>
                if has_problem { <span class="mark err" aria-label="has problems">{"✗ "}</span> }
                <span class="label">{ &e.label }</span>
                <span class="kind">{ e.kind }</span>
            </button>
            if e.named {
                <button class="icon" tabindex="-1" title={format!("Rename {} (F2)", e.label)} aria-label={format!("Rename {}", e.label)} onclick={rename.reform(|_: MouseEvent| ())}>{"✎"}</button>
                <button class="icon" tabindex="-1" data-testid="delete-item" title={format!("Delete {} (Delete)", e.label)} aria-label={format!("Delete {}", e.label)} onclick={delete.reform(|_: MouseEvent| ())}>{"×"}</button>
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
