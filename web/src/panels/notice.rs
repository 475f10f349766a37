//! The transient notice at the bottom of the page ("Link copied", "Deleted X · Undo"): a
//! polite live region that empties itself after a few seconds.

use crate::model::{Action, Model};
use crate::undo::Notice;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// How long a notice stays, in milliseconds (one that offers Undo stays longer).
const SHOWN_MS: u32 = 4_000;
const SHOWN_UNDO_MS: u32 = 10_000;

/// The notice's inputs.
#[derive(Properties, PartialEq)]
pub struct ToastProps {
    /// The notice to show, if any.
    pub notice: Option<Notice>,
    /// Where Undo and Dismiss go.
    pub dispatch: UseReducerDispatcher<Model>,
}

/// The live region, always present (so screen readers hear what appears in it).
#[function_component(Toast)]
pub fn toast(props: &ToastProps) -> Html {
    {
        let dispatch = props.dispatch.clone();
        use_effect_with(props.notice.clone(), move |notice| {
            let timer = notice.as_ref().map(|n| {
                let id = n.id;
                let ms = if n.undo { SHOWN_UNDO_MS } else { SHOWN_MS };
                Timeout::new(ms, move || dispatch.dispatch(Action::DismissNotice(id)))
            });
            move || drop(timer)
        });
    }
    let content = props.notice.as_ref().map(|n| {
        let undo = {
            let d = props.dispatch.clone();
            Callback::from(move |_| d.dispatch(Action::Undo))
        };
        let dismiss = {
            let (d, id) = (props.dispatch.clone(), n.id);
            Callback::from(move |_| d.dispatch(Action::DismissNotice(id)))
        };
        html! {
            <div class="notice" data-testid="notice">
                <span data-testid="notice-text">{ &n.text }</span>
                if n.undo {
                    <span aria-hidden="true">{" · "}</span>
                    <button class="link-button" data-testid="notice-undo" onclick={undo}>{"Undo"}</button>
                }
                <button class="icon" aria-label="Dismiss" onclick={dismiss}>{"×"}</button>
            </div>
        }
    });
    html! {
        <div class="notice-region" role="status" aria-live="polite" data-testid="status">
            { for content }
        </div>
    }
}
