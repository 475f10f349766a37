//! The application shell: where the page starts, what it keeps, the keyboard, the layout.

use crate::browser;
use crate::model::{Action, Model};
use crate::panels::{self, View};
use gloo::events::EventListener;
use std::collections::HashSet;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let model = use_reducer(|| {
        let start = browser::start();
        let mut m = Model::new(start.doc, start.preset, browser::theme());
        m.banner = start.banner;
        m.restore(start.context);
        m.run();
        m
    });
    let expanded = use_state(HashSet::<u64>::new);

    // Every change of the scenario is saved, and the link always carries it.
    {
        let m = model.clone();
        use_effect_with(model.revision, move |revision| {
            if *revision > 0 {
                browser::save(&m.text(), &m.preset);
                browser::write_link(&m);
            }
        });
    }
    use_effect_with(model.theme, |theme| browser::apply_theme(*theme));

    // Ctrl/Cmd+Enter runs anywhere; arrow keys step when not typing.
    {
        let dispatch = model.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                    });
                match e.key().as_str() {
                    "Enter" if e.ctrl_key() || e.meta_key() => {
                        e.prevent_default();
                        dispatch.dispatch(Action::Run);
                    }
                    // Outside text fields (which keep their own undo).
                    "z" | "Z" if (e.ctrl_key() || e.meta_key()) && !e.shift_key() && !typing => {
                        e.prevent_default();
                        dispatch.dispatch(Action::Undo);
                    }
                    "ArrowRight" if !typing => dispatch.dispatch(Action::Step(1)),
                    "ArrowLeft" if !typing => dispatch.dispatch(Action::Step(-1)),
                    "Home" if !typing => dispatch.dispatch(Action::Step(-1_000_000)),
                    "End" if !typing => dispatch.dispatch(Action::Step(1_000_000)),
                    _ => {}
                }
            });
            move || drop(listener)
        });
    }

    let dispatch = model.dispatcher();
    let v = View {
        model: &model,
        dispatch: &dispatch,
    };
    let dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Banner(None)))
    };
    let announcement = model
        .report
        .as_deref()
        .map(|r| panels::outcome::announcement(r, model.refused.as_deref()))
        .unwrap_or_default();
    html! {
        <div class="app">
            { panels::skip::link("results", "Skip to results") }
            { panels::toolbar::view(&v) }
            { panels::toolbar::intro(&v) }
            if let Some(message) = &model.banner {
                <div class="banner" role="alert" data-testid="error-banner">
                    <span>{ message }</span>
                    <button onclick={dismiss} aria-label="Dismiss">{"×"}</button>
                </div>
            }
            <div class="visually-hidden" aria-live="polite" data-testid="run-announcer">{ announcement }</div>
            <main class="layout">
                <div class="edit-area">
                    { panels::accounts::view(&v) }
                    <div class="editor-column">
                        { panels::workbench::view(&v) }
                        { panels::problems::view(&v) }
                    </div>
                </div>
                <div class="results-area" id="results" tabindex="-1" aria-label="Results">
                    { panels::outcome::view(&v) }
                    { panels::history::view(&v, &expanded) }
                    <div class="inspect">
                        { panels::dataflow::view(&v) }
                        { panels::calls::view(&v) }
                    </div>
                </div>
            </main>
            <panels::notice::Toast notice={model.notice.clone()} dispatch={dispatch.clone()} />
        </div>
    }
}
