//! The skip link: the first thing Tab reaches, it moves focus past the editing panes.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// A link that focuses the element with id `target` (which has `tabindex="-1"`). It does not
/// follow its `href`: the URL fragment carries the scenario.
pub fn link(target: &'static str, text: &'static str) -> Html {
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let element = gloo::utils::document()
            .get_element_by_id(target)
            .and_then(|el| el.dyn_into::<HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
            element.scroll_into_view();
        }
    });
    html! {
        <a class="skip-link" href={format!("#{target}")} data-testid="skip-link" {onclick}>{ text }</a>
    }
}
