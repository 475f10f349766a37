//! A fix the engine found for a denied call: what it does, the change as a diff of the item
//! it edits, and Apply (undoable; the page re-runs) and Copy (the edited item's JSON).

use super::View;
use crate::model::Action;
use sim::{DiffKind, Fix};
use yew::prelude::*;

/// The fix's box; `where_` tells the test ids apart (`outcome`, `call`).
pub fn view(v: &View, fix: &Fix, where_: &'static str) -> Html {
    let diff = sim::fix_diff(&v.model.doc, fix).unwrap_or_default();
    let apply = {
        let (d, fix) = (v.dispatch.clone(), fix.clone());
        Callback::from(move |_| d.dispatch(Action::ApplyFix(fix.clone())))
    };
    let copy = {
        let (d, fix, doc) = (v.dispatch.clone(), fix.clone(), v.model.doc.clone());
        Callback::from(move |_| {
            let mut after = doc.clone();
            if sim::apply_fix(&mut after, &fix).is_err() {
                return;
            }
            let text = after
                .pointer(&fix.item)
                .map(super::pretty)
                .unwrap_or_default();
            let d = d.clone();
            yew::platform::spawn_local(async move {
                let copied = crate::browser::copy(&text).await;
                d.dispatch(Action::Notify(if copied {
                    "The fixed JSON is copied".into()
                } else {
                    "The browser did not allow copying".into()
                }));
            });
        })
    };
    let item = crate::document::member_label(&fix.item);
    html! {
        <div class="fix" data-testid={format!("fix-{where_}")}>
            <div class="fix-head">
                <strong>{"Fix: "}</strong><span data-testid="fix-title">{ &fix.title }</span>
                <span class="fix-item">{ format!(" (in {item})") }</span>
            </div>
            <pre class="diff" aria-label="The change">
                { for diff.iter().map(|l| {
                    let (class, sign) = match l.kind {
                        DiffKind::Added => ("added", "+ "),
                        DiffKind::Removed => ("removed", "- "),
                        DiffKind::Same => ("same", "  "),
                    };
                    html! { <span class={class}>{ sign }{ &l.text }{"\n"}</span> }
                }) }
            </pre>
            <div class="fix-actions">
                <button class="primary" data-testid="apply-fix" onclick={apply}>{"Apply"}</button>
                <button data-testid="copy-fix" onclick={copy} title="Copy the fixed JSON of this item">{"Copy"}</button>
            </div>
        </div>
    }
}

/// Text with `code` spans (as the engines' messages quote names) shown as code, not as
/// backticks.
pub fn inline_code(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unmatched backtick: show the text as it is.
        return html! { { text } };
    }
    html! {
        { for parts.iter().enumerate().map(|(i, p)| if i % 2 == 1 {
            html! { <code>{ *p }</code> }
        } else {
            html! { { *p } }
        }) }
    }
}
