//! The `JsonEditor` component: gutter, highlighted overlay and the textarea on top.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::caret_context::caret_context;
use super::completion::{accept_edit, list_key, moved, ListKey};
use super::dom;
use super::indent::{close_bracket_edit, enter_edit, indent_edit, outdent_edit};
use super::line::{rank, severity_name, split_lines, EditorLine};
use super::pos::{line_col_to_byte, line_of, line_start};
use super::suggestions::{self, option_id, Placement};
use super::{EditorProps, Mark};

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// From this many lines the editor is tall (a fixed height, scrolled inside) and draws only
/// the lines in view: a pasted policy of 3,000 statements (36,000 lines) drawn whole took
/// the tab seconds to lay out on every keystroke.
const DRAW_ALL_UP_TO: usize = 1000;
/// The height of a line in pixels (`--je-line` in editor.css): nothing wraps, so line `k`
/// starts `k` lines down.
const LINE_PX: i32 = 20;
/// The lines drawn beyond those in view, above and below, and the step the drawn window
/// moves by (so that most scroll events change nothing).
const DRAW_MARGIN: usize = 60;

/// The lines (0-based, end exclusive) to draw of `lines` when the textarea is scrolled to
/// `scroll_top` and `height` pixels tall.
fn drawn_window(lines: usize, scroll_top: i32, height: i32) -> (usize, usize) {
    if lines <= DRAW_ALL_UP_TO {
        return (0, lines);
    }
    let first = usize::try_from(scroll_top.max(0) / LINE_PX).unwrap_or(0);
    let shown = usize::try_from(height.max(0) / LINE_PX).unwrap_or(0) + 2;
    let start = first.saturating_sub(DRAW_MARGIN) / DRAW_MARGIN * DRAW_MARGIN;
    let end = (first + shown + 2 * DRAW_MARGIN) / DRAW_MARGIN * DRAW_MARGIN;
    (start.min(lines), end.min(lines))
}

/// Groups marks by line (clamped into the document), worst first.
fn marks_by_line(marks: &[Mark], lines: usize) -> Vec<Vec<&Mark>> {
    let mut by_line: Vec<Vec<&Mark>> = vec![Vec::new(); lines];
    for m in marks {
        let i = m.line.clamp(1, lines.max(1)) - 1;
        if let Some(v) = by_line.get_mut(i) {
            v.push(m);
        }
    }
    for v in &mut by_line {
        v.sort_by_key(|m| std::cmp::Reverse(rank(m.severity)));
    }
    by_line
}

/// The messages of one line, one per row, for hover titles and the caret's description.
fn describe(line: usize, marks: &[&Mark]) -> String {
    marks
        .iter()
        .map(|m| {
            format!(
                "Line {line}, column {}: {}: {}",
                m.column,
                severity_name(m.severity),
                m.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keys that move the caret elsewhere: they close the suggestion list.
const CARET_KEYS: [&str; 6] = [
    "ArrowLeft",
    "ArrowRight",
    "Home",
    "End",
    "PageUp",
    "PageDown",
];

/// The JSON editor: a textarea (transparent text, visible caret) over a highlighted
/// `<pre>`, a line-number gutter with diagnostic markers, and editor keys
/// (bracket-aware Enter, dedenting `}`/`]`, Tab/Shift+Tab; Escape then Tab leaves).
/// While typing in a string, the owner's suggestions show in a list under the line
/// (↑/↓ move, Enter or Tab accepts, Escape closes, a click accepts; Ctrl+Space asks).
#[function_component(JsonEditor)]
pub fn json_editor(props: &EditorProps) -> Html {
    let textarea = use_node_ref();
    let pre = use_node_ref();
    let gutter = use_node_ref();
    let escape_armed = use_mut_ref(|| false);
    // The same, for the hint under the editor.
    let escaped = use_state_eq(|| false);
    let quiet = use_mut_ref(|| false);
    let caret_line = use_state_eq(|| 1usize);
    let id = use_memo((), |_| {
        format!("je-desc-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
    });
    let lines = use_memo(props.text.clone(), |t| split_lines(t));
    // Where the textarea is scrolled and how tall it is, for drawing a long text's lines in
    // view only (measured on scroll and after each render).
    let scrolled = use_state_eq(|| (0i32, 1000i32));
    // The suggestion list: where it is while open, and its active option.
    let suggest = use_state_eq(|| None::<Placement>);
    let active = use_state_eq(|| 0usize);
    let list_id = format!("{id}-suggest");
    let shown = suggest.is_some() && !props.completions.is_empty();

    let track_caret = {
        let caret_line = caret_line.clone();
        Rc::new(move |ta: &HtmlTextAreaElement| caret_line.set(dom::caret_line(ta)))
    };

    // Tells the owner which string the caret (at byte `caret` of `text`, the textarea's
    // value) is in, and opens the list there.
    let ask_at = {
        let (on_complete, suggest, ta_ref, pre) = (
            props.on_complete.clone(),
            suggest.clone(),
            textarea.clone(),
            pre.clone(),
        );
        Rc::new(move |text: &str, caret: usize| {
            let Some(on_complete) = &on_complete else {
                return;
            };
            let at = caret_context(text, caret);
            suggest.set(at.as_ref().and_then(|c| {
                let column = text
                    .get(line_start(text, c.start)..c.start)
                    .map_or(0, |s| s.chars().count());
                dom::placement(&ta_ref, &pre, line_of(text, c.start) - 1, column)
            }));
            on_complete.emit(at);
        })
    };
    // The same, reading the textarea.
    let ask = {
        let ask_at = ask_at.clone();
        Rc::new(move |ta: &HtmlTextAreaElement| {
            let (text, caret) = dom::read_caret(ta);
            ask_at(&text, caret);
        })
    };
    // Whether the key being pressed changed the text: its `input` event then placed the
    // caret, and its key-up need not read a long text once more.
    let input_seen = use_mut_ref(|| false);
    // Puts option `index` in place of what was typed; a service prefix asks on.
    let accept = {
        let (cb, quiet, track, ask, suggest, ta_ref, items) = (
            props.on_change.clone(),
            quiet.clone(),
            track_caret.clone(),
            ask.clone(),
            suggest.clone(),
            textarea.clone(),
            props.completions.clone(),
        );
        let on_complete = props.on_complete.clone();
        Rc::new(move |index: usize| {
            let Some(ta) = ta_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let (text, caret) = dom::read_caret(&ta);
            let accepted = items
                .get(index)
                .and_then(|item| accept_edit(&text, caret, item));
            let Some(accepted) = accepted else {
                suggest.set(None);
                return;
            };
            cb.emit(dom::apply(&ta, &text, &accepted.edit, &quiet));
            track(&ta);
            if accepted.more {
                ask(&ta);
            } else {
                suggest.set(None);
                if let Some(on_complete) = &on_complete {
                    on_complete.emit(None);
                }
            }
        })
    };
    {
        let active = active.clone();
        use_effect_with(props.completions.clone(), move |_| active.set(0));
    }
    {
        let list_id = list_id.clone();
        use_effect_with((*active, shown), move |(index, shown)| {
            if *shown {
                dom::keep_option_visible(&list_id, *index);
            }
        });
    }

    // Keep the overlay and gutter aligned when the text changes (it reads the textarea's
    // scroll position, which forces a layout: not on renders that change nothing here).
    {
        let (ta, pre, gutter, scrolled) = (
            textarea.clone(),
            pre.clone(),
            gutter.clone(),
            scrolled.clone(),
        );
        use_effect_with(props.text.clone(), move |_| {
            scrolled.set(dom::scroll_and_height(&ta));
            dom::sync_scroll(&ta, &pre, &gutter)
        });
    }
    {
        let (ta, pre_ref, gutter) = (textarea.clone(), pre.clone(), gutter.clone());
        use_effect_with(props.highlight, move |hl| {
            if let Some((first, last)) = *hl {
                dom::scroll_lines_into_view(&ta, &pre_ref, first, last);
                dom::sync_scroll(&ta, &pre_ref, &gutter);
            }
        });
    }
    {
        let (ta_ref, pre_ref, gutter) = (textarea.clone(), pre.clone(), gutter.clone());
        let track = track_caret.clone();
        use_effect_with(props.reveal, move |reveal| {
            if let (Some((line, column)), Some(ta)) =
                (*reveal, ta_ref.cast::<HtmlTextAreaElement>())
            {
                let text = ta.value();
                let at = line_col_to_byte(&text, line, column);
                let _ = ta.focus();
                dom::select(&ta, &text, at, at);
                let line = line_of(&text, at);
                dom::scroll_lines_into_view(&ta_ref, &pre_ref, line, line);
                dom::sync_scroll(&ta_ref, &pre_ref, &gutter);
                track(&ta);
            }
        });
    }

    let on_input = {
        let (cb, quiet, armed, caret_line, ask_at, input_seen) = (
            props.on_change.clone(),
            quiet.clone(),
            escape_armed.clone(),
            caret_line.clone(),
            ask_at.clone(),
            input_seen.clone(),
        );
        Callback::from(move |e: InputEvent| {
            if *quiet.borrow() {
                return;
            }
            *armed.borrow_mut() = false;
            *input_seen.borrow_mut() = true;
            // Read once: a long text costs a copy per read.
            let (text, caret) = dom::read_caret(&e.target_unchecked_into());
            cb.emit(text.clone());
            caret_line.set(line_of(&text, caret));
            ask_at(&text, caret);
        })
    };

    let on_keydown = {
        let (cb, quiet, armed, track, escaped) = (
            props.on_change.clone(),
            quiet.clone(),
            escape_armed.clone(),
            track_caret.clone(),
            escaped.clone(),
        );
        let (suggest, active, accept, ask, count) = (
            suggest.clone(),
            active.clone(),
            accept.clone(),
            ask.clone(),
            props.completions.len(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if e.is_composing() {
                return;
            }
            let modified = e.ctrl_key() || e.meta_key() || e.alt_key() || e.shift_key();
            if let Some(list) = list_key(&key, modified).filter(|_| shown) {
                e.prevent_default();
                match list {
                    ListKey::Move(by) => active.set(moved(*active, by, count)),
                    ListKey::Accept => accept(*active),
                    ListKey::Close => suggest.set(None),
                }
                return;
            }
            if key == " " && e.ctrl_key() {
                e.prevent_default();
                ask(&e.target_unchecked_into());
                return;
            }
            match key.as_str() {
                "Escape" => {
                    *armed.borrow_mut() = true;
                    escaped.set(true);
                    return;
                }
                "Shift" | "Control" | "Alt" | "Meta" | "AltGraph" => return,
                _ => {}
            }
            escaped.set(false);
            let was_armed = std::mem::replace(&mut *armed.borrow_mut(), false);
            let ctrl = e.ctrl_key() || e.meta_key() || e.alt_key();
            // Only the editor's own keys read the text (a long one costs a copy per read).
            if !matches!(key.as_str(), "Tab" | "Enter" | "}" | "]") {
                return;
            }
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            let (text, start, end) = dom::read(&ta);
            let edit = match key.as_str() {
                // Escape then Tab (or Shift+Tab) moves focus on: no keyboard trap.
                "Tab" if !ctrl && !was_armed => {
                    e.prevent_default();
                    if e.shift_key() {
                        outdent_edit(&text, start, end)
                    } else {
                        Some(indent_edit(&text, start, end))
                    }
                }
                // Ctrl/Cmd+Enter belongs to the app (Run); Shift+Enter is a plain break.
                "Enter" if !ctrl && !e.shift_key() => Some(enter_edit(&text, start, end)),
                "}" | "]" if !e.meta_key() => {
                    close_bracket_edit(&text, start, end, key.chars().next().unwrap_or('}'))
                }
                _ => None,
            };
            if let Some(edit) = edit {
                e.prevent_default();
                suggest.set(None);
                let new_text = dom::apply(&ta, &text, &edit, &quiet);
                cb.emit(new_text);
                track(&ta);
            }
        })
    };

    let on_caret_move = {
        let track = track_caret.clone();
        Callback::from(move |e: Event| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            track(&ta);
        })
    };
    let on_keyup = {
        let (f, suggest, input_seen) = (on_caret_move.clone(), suggest.clone(), input_seen.clone());
        Callback::from(move |e: KeyboardEvent| {
            let typed = std::mem::take(&mut *input_seen.borrow_mut());
            if CARET_KEYS.contains(&e.key().as_str()) {
                suggest.set(None);
            } else if typed {
                return;
            }
            f.emit(e.into())
        })
    };
    let on_click = {
        let (f, suggest) = (on_caret_move.clone(), suggest.clone());
        Callback::from(move |e: MouseEvent| {
            suggest.set(None);
            f.emit(e.into())
        })
    };
    let on_blur = {
        let (armed, escaped, suggest) = (escape_armed.clone(), escaped.clone(), suggest.clone());
        Callback::from(move |_: FocusEvent| {
            *armed.borrow_mut() = false;
            escaped.set(false);
            suggest.set(None);
        })
    };
    let on_scroll = {
        let (ta, pre, gutter, suggest, scrolled) = (
            textarea.clone(),
            pre.clone(),
            gutter.clone(),
            suggest.clone(),
            scrolled.clone(),
        );
        Callback::from(move |_: Event| {
            scrolled.set(dom::scroll_and_height(&ta));
            dom::sync_scroll(&ta, &pre, &gutter);
            if let Some(at) = *suggest {
                suggest.set(dom::placement(&ta, &pre, at.line, at.column));
            }
        })
    };
    let list = suggest.filter(|_| shown).map(|at| {
        let accept = accept.clone();
        suggestions::view(
            &list_id,
            &props.completions,
            *active,
            at,
            Callback::from(move |i| accept(i)),
        )
    });

    let n = lines.len();
    // The gutter is as wide as the last line's number, whichever lines are drawn: its width
    // (and so the textarea's) does not change as a long text scrolls, which would lay the
    // whole text out again.
    let digits = format!("--je-digits: {}ch;", n.max(1).ilog10() + 1);
    let by_line = marks_by_line(&props.marks, n);
    let lit = |ln: usize| props.highlight.is_some_and(|(a, b)| a <= ln && ln <= b);
    let tall = n > DRAW_ALL_UP_TO;
    let (start, end) = drawn_window(n, scrolled.0, scrolled.1);
    // Room for the lines not drawn, so that the overlay and the gutter scroll as far as
    // the textarea.
    let room = |lines: usize| {
        (lines > 0).then(|| {
            let style = format!("height: {}px", lines as i64 * i64::from(LINE_PX));
            html! { <div class="je-room" {style} /> }
        })
    };

    let gutter_rows = (start + 1..=end).map(|ln| {
        let marks = &by_line[ln - 1];
        let title = (!marks.is_empty()).then(|| describe(ln, marks));
        let markers = marks.iter().rev().map(|m| {
            let class = format!("je-gm je-gm-{}", severity_name(m.severity));
            html! { <span {class} data-testid="editor-mark" data-line={ln.to_string()} data-column={m.column.to_string()} title={title.clone()} /> }
        });
        html! {
            <div key={ln} class={classes!("je-gnum", lit(ln).then_some("je-ghl"))}>
                { for markers }{ ln }
            </div>
        }
    });
    // Keys follow content (text and occurrence), so inserting or removing a line reuses
    // the other lines' components instead of re-rendering every line below it.
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(end - start);
    let overlay = lines[start..end].iter().enumerate().map(|(k, line)| {
        let i = start + k;
        let count = seen.entry(line.text.as_str()).or_insert(0);
        *count += 1;
        let key = format!("{count}:{}", line.text);
        let marks: Vec<_> = by_line[i].iter().map(|m| (m.column, m.severity)).collect();
        html! { <EditorLine {key} line={line.clone()} highlighted={lit(i + 1)} {marks} /> }
    });
    let caret_marks = by_line
        .get(caret_line.saturating_sub(1))
        .map(|m| describe(*caret_line, m));

    html! {
        <>
        <div class={classes!("je", tall.then_some("je-tall"))} style={digits}>
            <div class="je-gutter" ref={gutter} aria-hidden="true">
                <div class="je-gutter-inner">{ for room(start) }{ for gutter_rows }{ for room(n - end) }</div>
            </div>
            <div class="je-body">
                <pre class="je-pre" ref={pre} aria-hidden="true"><div class="je-lines">{ for room(start) }{ for overlay }{ for room(n - end) }</div></pre>
                <textarea
                    ref={textarea}
                    class="je-input"
                    data-testid="editor-textarea"
                    data-pointer={props.pointer.clone()}
                    aria-label={props.label.clone()}
                    aria-describedby={format!("{id}-keys {id}")}
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    autocorrect="off"
                    wrap="off"
                    value={props.text.clone()}
                    oninput={on_input}
                    onkeydown={on_keydown}
                    onkeyup={on_keyup}
                    onclick={on_click}
                    onfocus={on_caret_move.reform(|e: FocusEvent| e.into())}
                    onblur={on_blur}
                    onscroll={on_scroll}
                    aria-autocomplete={props.on_complete.is_some().then_some("list")}
                    aria-controls={shown.then(|| list_id.clone())}
                    aria-activedescendant={shown.then(|| option_id(&list_id, *active))}
                />
                // A slot of its own: the textarea before it must never be replaced (it
                // would lose the focus and the caret).
                <div class="je-suggest-slot">{ for list }</div>
            </div>
            <div id={(*id).clone()} class="je-sr-only">{ caret_marks.unwrap_or_default() }</div>
        </div>
        <p id={format!("{id}-keys")} class={classes!("je-keys", escaped.then_some("je-keys-armed"))} data-testid="editor-keys">
                if *escaped {
                    <kbd>{"Tab"}</kbd>{" now leaves the editor (any other key keeps editing)"}
                } else {
                    <kbd>{"Tab"}</kbd>{" indents · "}<kbd>{"Esc"}</kbd>{" then "}<kbd>{"Tab"}</kbd>{" leaves the editor · "}<kbd>{"Ctrl+Enter"}</kbd>{" runs"}
                }
            </p>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_draws_the_lines_in_view_and_a_margin() {
        assert_eq!(drawn_window(900, 5000, 600), (0, 900), "short: every line");
        let (start, end) = drawn_window(36_000, 0, 600);
        assert_eq!(start, 0);
        assert!((32..=300).contains(&end), "{end}");
        // Scrolled to line 10,000 of 36,000, 30 lines in view.
        let (start, end) = drawn_window(36_000, 10_000 * LINE_PX, 30 * LINE_PX);
        assert!(
            start <= 10_000 && start + 2 * DRAW_MARGIN >= 10_000,
            "{start}"
        );
        assert!((10_032..=10_032 + 3 * DRAW_MARGIN).contains(&end), "{end}");
        // Past the end (a stale measure after a shorter paste): clamped.
        assert_eq!(drawn_window(1200, 1_000_000, 600), (1200, 1200));
        // Small moves keep the window (scroll events that change nothing redraw nothing).
        assert_eq!(
            drawn_window(36_000, 10_000 * LINE_PX, 600),
            drawn_window(36_000, 10_005 * LINE_PX, 600)
        );
    }
}
