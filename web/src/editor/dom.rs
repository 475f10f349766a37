//! Browser-side helpers for the editor: selection, programmatic edits, scrolling, placing
//! the suggestion list.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDocument, HtmlElement, HtmlTextAreaElement};
use yew::NodeRef;

use super::indent::Edit;
use super::pos::{byte_to_utf16, line_of, utf16_to_byte};
use super::suggestions::{option_id, Placement};

/// The textarea's value and its selection as byte offsets into that value.
pub fn read(ta: &HtmlTextAreaElement) -> (String, usize, usize) {
    let (text, s) = read_caret(ta);
    let e = ta
        .selection_end()
        .ok()
        .flatten()
        .map_or(s, |e| utf16_to_byte(&text, e as usize));
    (text, s.min(e), s.max(e))
}

/// The textarea's value and its caret (the selection's start), as a byte offset into it:
/// [`read`] without the selection's end (each offset asked of a long text costs a walk).
pub fn read_caret(ta: &HtmlTextAreaElement) -> (String, usize) {
    let text = ta.value();
    let s = ta.selection_start().ok().flatten().unwrap_or(0) as usize;
    let s = utf16_to_byte(&text, s);
    (text, s)
}

/// The 1-based line of the textarea's caret (selection start).
pub fn caret_line(ta: &HtmlTextAreaElement) -> usize {
    let (text, s) = read_caret(ta);
    line_of(&text, s)
}

/// Selects `start..end` (byte offsets into `text`, the textarea's value).
pub fn select(ta: &HtmlTextAreaElement, text: &str, start: usize, end: usize) {
    let (s, e) = (byte_to_utf16(text, start), byte_to_utf16(text, end));
    let _ = ta.set_selection_range(s as u32, e as u32);
}

/// Applies an edit to the textarea (whose value is `text`) and returns the new text.
///
/// It goes through `execCommand("insertText")` so the browser's undo history survives, and
/// falls back to setting the value. `quiet` is raised meanwhile so the `input` event the
/// command fires is not reported twice; the caller reports the returned text.
pub fn apply(
    ta: &HtmlTextAreaElement,
    text: &str,
    edit: &Edit,
    quiet: &Rc<RefCell<bool>>,
) -> String {
    let new_text = edit.apply(text);
    *quiet.borrow_mut() = true;
    select(ta, text, edit.start, edit.end);
    let inserted = gloo::utils::document()
        .dyn_into::<HtmlDocument>()
        .ok()
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, &edit.insert)
                .ok()
        })
        .unwrap_or(false);
    if !inserted || ta.value() != new_text {
        ta.set_value(&new_text);
    }
    *quiet.borrow_mut() = false;
    select(ta, &new_text, edit.sel_start, edit.sel_end);
    new_text
}

/// How far the textarea is scrolled down and how tall it shows, in pixels.
pub fn scroll_and_height(ta: &NodeRef) -> (i32, i32) {
    ta.cast::<Element>()
        .map_or((0, 1000), |ta| (ta.scroll_top(), ta.client_height()))
}

/// The top of line 1 in the overlay and the height of a line, in pixels (the overlay may
/// draw only some lines, after room for those above).
fn line_metrics(pre: &Element) -> Option<(i32, i32)> {
    let (lines, line) = (first(pre, ".je-lines")?, first(pre, ".je-line")?);
    Some((lines.offset_top(), line.offset_height().max(1)))
}

/// The first element inside `parent` that `selector` matches.
fn first(parent: &Element, selector: &str) -> Option<HtmlElement> {
    parent.query_selector(selector).ok()??.dyn_into().ok()
}

/// Copies the textarea's scroll position to the overlay and the gutter.
pub fn sync_scroll(ta: &NodeRef, pre: &NodeRef, gutter: &NodeRef) {
    let Some(ta) = ta.cast::<Element>() else {
        return;
    };
    if let Some(pre) = pre.cast::<Element>() {
        pre.set_scroll_top(ta.scroll_top());
        pre.set_scroll_left(ta.scroll_left());
    }
    if let Some(g) = gutter.cast::<Element>() {
        g.set_scroll_top(ta.scroll_top());
    }
}

/// Scrolls the textarea so that lines `first..=last` (1-based) are visible, measuring
/// the overlay's line boxes (all lines have the same height: nothing wraps).
pub fn scroll_lines_into_view(ta: &NodeRef, pre: &NodeRef, first: usize, last: usize) {
    let (Some(ta), Some(pre)) = (ta.cast::<Element>(), pre.cast::<Element>()) else {
        return;
    };
    let Some((origin, h)) = line_metrics(&pre) else {
        return;
    };
    let top = origin + h * (first.max(1) as i32 - 1);
    let bottom = origin + h * last.max(first) as i32;
    let (view_top, view_h) = (ta.scroll_top(), ta.client_height());
    if top < view_top || bottom > view_top + view_h {
        let target = if bottom - top <= view_h {
            top - (view_h - (bottom - top)) / 3
        } else {
            top - h
        };
        ta.set_scroll_top(target.max(0));
    }
}

/// Where the suggestion list for the string starting at `column` of 0-based `line` goes:
/// below the line, or above it when the room below is short and there is more above
/// (measured on the overlay's line boxes and the textarea's scroll and size).
pub fn placement(ta: &NodeRef, pre: &NodeRef, line: usize, column: usize) -> Option<Placement> {
    /// The height the list would like (about eight options).
    const WANTED: i32 = 180;
    let (ta, pre) = (ta.cast::<Element>()?, pre.cast::<Element>()?);
    let (origin, h) = line_metrics(&pre)?;
    let lines = first(&pre, ".je-lines")?;
    let line_top = origin + h * line as i32 - ta.scroll_top();
    let line_bottom = line_top + h;
    let below = ta.client_height() - line_bottom;
    let above = line_top;
    let body_height = ta
        .dyn_ref::<HtmlElement>()
        .map_or(ta.client_height(), HtmlElement::offset_height);
    let (top, bottom, room) = if below >= WANTED || below >= above {
        (Some(line_bottom), None, below)
    } else {
        (None, Some(body_height - line_top), above)
    };
    Some(Placement {
        line,
        column,
        top,
        bottom,
        left: lines.offset_left() - ta.scroll_left(),
        max_height: room.min(WANTED) - 2,
    })
}

/// Scrolls the list `list_id` (not the page) so that its option `index` shows.
pub fn keep_option_visible(list_id: &str, index: usize) {
    let document = gloo::utils::document();
    let (Some(list), Some(option)) = (
        document.get_element_by_id(list_id),
        document
            .get_element_by_id(&option_id(list_id, index))
            .and_then(|o| o.dyn_into::<HtmlElement>().ok()),
    ) else {
        return;
    };
    let (top, bottom) = (
        option.offset_top(),
        option.offset_top() + option.offset_height(),
    );
    if top < list.scroll_top() {
        list.set_scroll_top(top);
    } else if bottom > list.scroll_top() + list.client_height() {
        list.set_scroll_top(bottom - list.client_height());
    }
}
