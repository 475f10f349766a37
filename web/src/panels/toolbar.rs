//! The top bar (presets, Run, Share, Undo, Reset, theme) and, under it, what the tool is
//! and what the chosen preset shows.

use super::View;
use crate::model::{Action, Theme};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What the tool is, in one line.
pub const TAGLINE: &str = "Design a cross-account Step Functions workflow and see, call by call, whether IAM lets it run. Everything runs in your browser; nothing is sent anywhere.";

/// The toolbar.
pub fn view(v: &View) -> Html {
    let run = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Run))
    };
    let pick = {
        let d = v.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            if let Some(doc) = sim::preset(&id).and_then(|p| serde_json::from_str(p.text).ok()) {
                crate::browser::write_fragment(&share::preset_fragment(&id));
                d.dispatch(Action::Load { doc, preset: id });
                d.dispatch(Action::Run);
            }
        })
    };
    let share = {
        let d = v.dispatch.clone();
        // The page as it is at the click (the toolbar does not re-render on every step).
        let live = v.live.clone();
        Callback::from(move |_| {
            let shared = live.shared();
            let url = crate::browser::write_fragment(&share::fragment(&shared));
            let d = d.clone();
            yew::platform::spawn_local(async move {
                let copied = crate::browser::copy(&url).await;
                d.dispatch(Action::Shared { url, copied });
            });
        })
    };
    let undo = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Undo))
    };
    let undo_title = match v.model.undo_label() {
        Some(label) => format!("Undo {label} (Ctrl+Z)"),
        None => "Nothing to undo".into(),
    };
    let reset = {
        let d = v.dispatch.clone();
        let preset = v.model.preset.clone();
        Callback::from(move |_| {
            if let Some(doc) = sim::preset(&preset).and_then(|p| serde_json::from_str(p.text).ok())
            {
                crate::browser::forget();
                crate::browser::write_fragment(&share::preset_fragment(&preset));
                d.dispatch(Action::Load {
                    doc,
                    preset: preset.clone(),
                });
                d.dispatch(Action::Run);
            }
        })
    };
    let theme = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::ToggleTheme))
    };
    let dark = v.model.theme == Theme::Dark;
    let own = own_title(v);
    let tools = {
        let d = v.dispatch.clone();
        let tool = v.model.ask.last;
        Callback::from(move |_| d.dispatch(Action::Ask(crate::ask::AskAction::Open(tool))))
    };
    html! {
        <header class="toolbar">
            <h1>{"sfn-playground"}</h1>
            <label class="preset">
                <span>{"Scenario"}</span>
                <select data-testid="preset-select" onchange={pick} aria-label="Built-in scenario">
                    // A scenario of its own (a link's, a file's) is named first, as what is on
                    // screen; picking a built-in one replaces it.
                    if let Some((title, description)) = own {
                        <option value="" selected=true disabled=true title={description.to_string()}>{ title }</option>
                    }
                    { for sim::presets().iter().map(|p| html! {
                        <option value={p.id} selected={own.is_none() && p.id == v.model.preset} title={p.description}>{ p.title }</option>
                    }) }
                </select>
            </label>
            <button class="primary" data-testid="run-button" onclick={run} title="Run (Ctrl+Enter)" aria-keyshortcuts="Control+Enter Meta+Enter">{"▶ Run"}</button>
            <button data-testid="share-button" onclick={share} title="Copy a link to this scenario, the item open and the step shown">{"Share"}</button>
            if let Some(url) = &v.model.share_url {
                <ShareField url={url.clone()} />
            }
            <button data-testid="tools-button" onclick={tools} aria-expanded={v.model.ask.open.is_some().to_string()}
                title="Test a state alone, simulate a request, see who can reach what">{"Tools"}</button>
            <button data-testid="undo-button" onclick={undo} disabled={v.model.undo.is_empty()} title={undo_title} aria-keyshortcuts="Control+Z Meta+Z">{"↶ Undo"}</button>
            <button data-testid="reset-button" onclick={reset} title="Return to the built-in scenario">{"Reset"}</button>
            <button data-testid="theme-toggle" onclick={theme} aria-pressed={dark.to_string()} title="Dark theme">{ if dark { "☀ Light" } else { "☾ Dark" } }</button>
        </header>
    }
}

/// The title of the scenario on screen when it is not its preset's (a link's or a file's
/// scenario, or one retitled), with its description.
fn own_title<'a>(v: &View<'a>) -> Option<(&'a str, &'a str)> {
    let text = |key: &str| v.model.doc.get(key).and_then(|t| t.as_str());
    let title = text("title").filter(|t| !t.trim().is_empty())?;
    let preset = sim::preset(&v.model.preset);
    (preset.map(|p| p.title) != Some(title))
        .then(|| (title, text("description").unwrap_or_default()))
}

/// What the tool is, and what the scenario on screen shows: its own title and description
/// when it has its own, else its preset's.
pub fn intro(v: &View) -> Html {
    let about =
        own_title(v).or_else(|| sim::preset(&v.model.preset).map(|p| (p.title, p.description)));
    html! {
        <section class="intro" aria-label="About this playground">
            <p class="tagline" data-testid="tagline">{ TAGLINE }</p>
            if let Some((title, description)) = about {
                <p class="preset-description" data-testid="preset-description">
                    <strong>{ title }{": "}</strong>{ description }
                </p>
            }
        </section>
    }
}

/// The share link's inputs.
#[derive(Properties, PartialEq)]
struct ShareFieldProps {
    url: AttrValue,
}

/// The link in a field, selected for copying by hand (shown when the clipboard refused it).
#[function_component(ShareField)]
fn share_field(props: &ShareFieldProps) -> Html {
    let field = use_node_ref();
    {
        let field = field.clone();
        use_effect_with(props.url.clone(), move |_| {
            if let Some(input) = field.cast::<HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }
    html! {
        <input ref={field} class="share-url" data-testid="share-url" readonly=true value={props.url.clone()} aria-label="Share link" />
    }
}
