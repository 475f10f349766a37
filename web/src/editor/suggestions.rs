//! The suggestion list under the caret's line: a listbox the textarea points into with
//! `aria-activedescendant` (focus stays in the text), placed below the line, or above it when
//! there is more room there, so it never hides the line being typed.

use yew::prelude::*;

/// Where the list goes in the editor's body, measured when it opens (and on scrolling).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    /// The 0-based line and the column (in chars) of the string being completed.
    pub line: usize,
    pub column: usize,
    /// Pixels from the body's top to the list's top (below the line) …
    pub top: Option<i32>,
    /// … or from the body's bottom to the list's bottom (above the line).
    pub bottom: Option<i32>,
    /// Pixels from the body's left edge to the line's first column, scroll included.
    pub left: i32,
    /// The room the list has, in pixels.
    pub max_height: i32,
}

/// The id of option `index` of the list `list_id`.
pub fn option_id(list_id: &str, index: usize) -> String {
    format!("{list_id}-{index}")
}

/// The list: `items` with `active` selected; a mouse press on one picks it (without taking
/// the focus from the text).
pub fn view(
    list_id: &str,
    items: &[String],
    active: usize,
    at: Placement,
    on_pick: Callback<usize>,
) -> Html {
    let vertical = match (at.top, at.bottom) {
        (Some(top), _) => format!("top: {top}px;"),
        (None, Some(bottom)) => format!("bottom: {bottom}px;"),
        (None, None) => String::new(),
    };
    let style = format!(
        "{vertical} --je-suggest-left: calc({}px + {}ch); max-height: {}px;",
        at.left,
        at.column,
        at.max_height.max(24)
    );
    let options = items.iter().enumerate().map(|(i, item)| {
        let pick = on_pick.clone();
        let onmousedown = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            pick.emit(i);
        });
        let selected = i == active;
        html! {
            <li key={item.as_str()} id={option_id(list_id, i)} role="option" data-testid="completion"
                aria-selected={selected.to_string()}
                class={classes!("je-suggest-item", selected.then_some("je-suggest-active"))}
                title={item.clone()} {onmousedown}>{ item }</li>
        }
    });
    html! {
        <ul id={list_id.to_string()} class="je-suggest" role="listbox" aria-label="Suggestions"
            data-testid="completions" {style}>
            { for options }
        </ul>
    }
}
