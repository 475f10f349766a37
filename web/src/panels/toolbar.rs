//! The top bar: presets, Run, Share, Reset, theme.

use super::View;
use crate::model::{Action, Theme};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

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
                crate::browser::write_fragment(&crate::share::preset_fragment(&id));
                d.dispatch(Action::Load { doc, preset: id });
                d.dispatch(Action::Run);
            }
        })
    };
    let share = {
        let d = v.dispatch.clone();
        let text = v.model.text();
        Callback::from(move |_| {
            let url = crate::browser::write_fragment(&crate::browser::scenario_fragment(&text));
            // Copying is a convenience; the link is also shown for copying by hand.
            let _ = gloo::utils::window()
                .navigator()
                .clipboard()
                .write_text(&url);
            d.dispatch(Action::Shared(url));
        })
    };
    let reset = {
        let d = v.dispatch.clone();
        let preset = v.model.preset.clone();
        Callback::from(move |_| {
            if let Some(doc) = sim::preset(&preset).and_then(|p| serde_json::from_str(p.text).ok())
            {
                crate::browser::forget();
                crate::browser::write_fragment(&crate::share::preset_fragment(&preset));
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
    html! {
        <header class="toolbar">
            <h1>{"sfn-playground"}</h1>
            <label class="preset">
                <span>{"Scenario"}</span>
                <select data-testid="preset-select" onchange={pick} aria-label="Built-in scenario">
                    { for sim::presets().iter().map(|p| html! {
                        <option value={p.id} selected={p.id == v.model.preset} title={p.description}>{ p.title }</option>
                    }) }
                </select>
            </label>
            <button class="primary" data-testid="run-button" onclick={run} title="Run (Ctrl+Enter)" aria-keyshortcuts="Control+Enter Meta+Enter">{"▶ Run"}</button>
            <button data-testid="share-button" onclick={share} title="Put the whole scenario in the link and copy it">{"Share"}</button>
            if let Some(url) = &v.model.share_url {
                <input class="share-url" data-testid="share-url" readonly=true value={url.clone()} aria-label="Share link" />
            }
            <button data-testid="reset-button" onclick={reset} title="Return to the built-in scenario">{"Reset"}</button>
            <button data-testid="theme-toggle" onclick={theme} aria-pressed={dark.to_string()} title="Dark theme">{ if dark { "☀ Light" } else { "☾ Dark" } }</button>
        </header>
    }
}
