//! The question tools' drawer: "Test a state" (TestState) and "Simulate a request" (the IAM
//! policy simulator), side by side as tabs, over the results; the editor stays usable.

mod access;
mod simulator;
mod test_state;
mod transfer;

use super::View;
use crate::ask::{AskAction, Tool};
use crate::model::Action;
use yew::prelude::*;

/// The drawer, when a tool is open.
pub fn view(v: &View) -> Html {
    let Some(tool) = v.model.ask.open else {
        return html! {};
    };
    let send = |action: AskAction| {
        let d = v.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Ask(action.clone())))
    };
    let onkeydown = {
        let d = v.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                d.dispatch(Action::Ask(AskAction::Close));
            }
        })
    };
    let tab = |t: Tool, label: &'static str, id: &'static str| {
        let selected = t == tool;
        html! {
            <button role="tab" data-testid={id} aria-selected={selected.to_string()}
                class={classes!("tab", selected.then_some("selected"))}
                onclick={send(AskAction::Open(t))}>{ label }</button>
        }
    };
    html! {
        <aside class="ask-drawer" data-testid="ask-drawer" aria-label="Ask one question" {onkeydown}>
            <header>
                <div role="tablist" aria-label="Tools">
                    { tab(Tool::TestState, "Test a state", "tab-test-state") }
                    { tab(Tool::Simulator, "Simulate a request", "tab-simulator") }
                    { tab(Tool::Access, "Who can reach what", "tab-access") }
                    { tab(Tool::Transfer, "Import / export", "tab-transfer") }
                </div>
                <button class="close" data-testid="ask-close" aria-label="Close the tools (Escape)"
                    onclick={send(AskAction::Close)}>{"×"}</button>
            </header>
            <div class="ask-body" role="tabpanel">
                { match tool {
                    Tool::TestState => test_state::view(v),
                    Tool::Simulator => simulator::view(v),
                    Tool::Access => access::view(v),
                    Tool::Transfer => transfer::view(v),
                } }
            </div>
        </aside>
    }
}

/// A labelled multi-line JSON field.
fn text_area(
    label: &str,
    id: &'static str,
    value: &str,
    rows: u32,
    oninput: Callback<String>,
) -> Html {
    let oninput = oninput.reform(|e: InputEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    html! {
        <label class="field">
            <span>{ label }</span>
            <textarea data-testid={id} spellcheck="false" rows={rows.to_string()}
                value={value.to_string()} {oninput} />
        </label>
    }
}

/// A labelled one-line field, with suggestions from `list` (a datalist id) when given.
fn text_input(
    label: &str,
    id: &'static str,
    value: &str,
    list: Option<&'static str>,
    oninput: Callback<String>,
) -> Html {
    html! {
        <label class="field">
            <span>{ label }</span>
            { input(None, id, value, list, oninput) }
        </label>
    }
}

/// A one-line field; `name` labels it when no visible label does.
fn input(
    name: Option<&str>,
    id: &'static str,
    value: &str,
    list: Option<&'static str>,
    oninput: Callback<String>,
) -> Html {
    let oninput = oninput.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    html! {
        <input data-testid={id} aria-label={name.map(str::to_string)} spellcheck="false" autocomplete="off"
            list={list} value={value.to_string()} {oninput} />
    }
}

/// Suggestions for an input.
fn datalist(id: &'static str, items: &[String]) -> Html {
    html! {
        <datalist id={id}>
            { for items.iter().map(|i| html! { <option value={i.clone()} /> }) }
        </datalist>
    }
}
