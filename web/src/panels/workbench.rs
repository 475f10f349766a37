//! The editor for the item open, with its live diagnostics as marks.

use super::View;
use crate::complete;
use crate::editor::{CaretContext, JsonEditor, Mark, Severity};
use crate::model::Action;
use jsonloc::DiagnosticCode;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Maps a diagnostic's severity to the editor's.
pub fn severity(severity: sim::Severity) -> Severity {
    match severity {
        sim::Severity::Error => Severity::Error,
        sim::Severity::Warning | sim::Severity::SecurityWarning => Severity::Warning,
        sim::Severity::Suggestion => Severity::Info,
    }
}

/// What the marks were last computed from (item, text, diagnostics), and the marks.
type Placed = (String, String, Rc<Vec<sim::Diagnostic>>, Rc<Vec<Mark>>);

thread_local! {
    /// The marks of the last render: the page renders on every message and key, and placing
    /// thousands of diagnostics in a long text takes a pass over it, so a render that changes
    /// neither the text nor the diagnostics reuses them.
    static PLACED: RefCell<Option<Placed>> = const { RefCell::new(None) };
}

/// [`marks`], reused while the item, its text and the diagnostics are those of the last call.
fn marks_cached(v: &View, pointer: &str, text: &str) -> Rc<Vec<Mark>> {
    let diagnostics = &v.model.diagnostics;
    let reused = PLACED.with_borrow(|last| {
        last.as_ref()
            .filter(|(p, t, d, _)| p == pointer && t == text && Rc::ptr_eq(d, diagnostics))
            .map(|(.., marks)| marks.clone())
    });
    reused.unwrap_or_else(|| {
        let marks = Rc::new(marks(v, pointer, text));
        PLACED.set(Some((
            pointer.to_string(),
            text.to_string(),
            diagnostics.clone(),
            marks.clone(),
        )));
        marks
    })
}

/// The marks for the item at `pointer` whose text is `text`: its JSON syntax error, or the
/// scenario diagnostics that point inside it.
fn marks(v: &View, pointer: &str, text: &str) -> Vec<Mark> {
    if let Err(e) = jsonloc::check_syntax(text) {
        return vec![Mark {
            line: e.position.line,
            column: e.position.column,
            severity: Severity::Error,
            message: format!("Invalid JSON (not saved until fixed): {}", e.message),
        }];
    }
    // Indexed once: an item of thousands of statements has thousands of diagnostics.
    let index = jsonloc::Index::new(text);
    v.model
        .diagnostics
        .iter()
        .filter_map(|d| {
            let p = d.pointer.as_str();
            let relative = if p == pointer {
                ""
            } else {
                p.strip_prefix(pointer)?
                    .strip_prefix('/')
                    .map(|_| &p[pointer.len()..])?
            };
            let at = index.locate_inner(relative, d.inner)?;
            Some(Mark {
                line: at.line,
                column: at.column,
                severity: severity(d.severity),
                message: format!("{}: {}", d.code.as_str(), d.message),
            })
        })
        .collect()
}

/// "Test a state" for a state machine open in the editor: the state picked in the graph
/// when it is one of this machine's, else its first state.
fn test_button(v: &View, pointer: &str) -> Option<Html> {
    let (account, machine) = crate::document::machine_of(pointer)?;
    let definition = v
        .model
        .doc
        .pointer(pointer)
        .and_then(|item| item.get("definition").or(Some(item)))?;
    let states = crate::ask::state_names(definition);
    let state = v
        .model
        .picked_state
        .clone()
        .filter(|s| states.contains(s))
        .or_else(|| definition.get("StartAt")?.as_str().map(str::to_string))
        .or_else(|| states.first().cloned())?;
    let d = v.dispatch.clone();
    let onclick = Callback::from(move |_| {
        d.dispatch(Action::Ask(crate::ask::AskAction::TestState {
            account: account.clone(),
            machine: machine.clone(),
            state: state.clone(),
        }))
    });
    Some(html! {
        <button data-testid="editor-test-state" {onclick}
            title="Run one state of this state machine alone (TestState)">{"Test a state"}</button>
    })
}

/// The editor pane.
pub fn view(v: &View) -> Html {
    let Some(pointer) = v.model.open.clone() else {
        return html! { <section class="workbench empty"><p>{"Pick an item in an account to edit it."}</p></section> };
    };
    let text = v.model.item_text(&pointer);
    let marks = marks_cached(v, &pointer, &text);
    let on_change = {
        let d = v.dispatch.clone();
        let p = pointer.clone();
        Callback::from(move |t: String| d.dispatch(Action::Edit(p.clone(), t)))
    };
    let format = {
        let d = v.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Format))
    };
    let on_complete = {
        let (d, p) = (v.dispatch.clone(), pointer.clone());
        let active = v.model.complete.is_active();
        Callback::from(move |at: Option<CaretContext>| {
            let site = at.and_then(|at| complete::site(&p, &at));
            if site.is_some() || active {
                d.dispatch(Action::Complete(site));
            }
        })
    };
    let title = pointer
        .trim_start_matches('/')
        .replace('/', " › ")
        .replace("~1", "/")
        .replace("~0", "~");
    html! {
        <section class="workbench" aria-label="Editor">
            <header>
                <h2 class="item-title" title={pointer.clone()}>{ title.clone() }</h2>
                if let Some(test) = test_button(v, &pointer) { { test } }
                <button onclick={format} title="Format the JSON">{"Format"}</button>
            </header>
            if let Some(help) = crate::document::help(&pointer) {
                <p class="item-help" data-testid="item-help">{ help }</p>
            }
            <JsonEditor
                text={AttrValue::from(text)}
                {on_change}
                marks={marks}
                highlight={v.model.highlight}
                reveal={v.model.reveal}
                label={AttrValue::from(format!("JSON of {title}"))}
                pointer={AttrValue::from(pointer.clone())}
                {on_complete}
                completions={v.model.complete.items.clone()}
            />
        </section>
    }
}
