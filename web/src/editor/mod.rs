//! A JSON editor component: a transparent textarea over a highlighted `<pre>`, with line
//! numbers, bracket-aware indentation, diagnostics marks and a suggestion list for the
//! string at the caret (its owner says what completes it).
//!
//! The pure parts (tokenizer, indentation, formatting, positions, the caret's context,
//! accepting a suggestion) are plain functions, tested natively; `view`, `suggestions` and
//! `dom` hold the Yew component and its browser plumbing.
//! Styles: `web/src/editor/editor.css`.

mod caret_context;
mod completion;
mod dom;
mod format;
mod indent;
mod line;
mod pos;
mod suggestions;
mod tokenize;
mod view;

use std::rc::Rc;
use yew::prelude::*;

// The public API; the app may not use every item yet.
#[cfg(test)]
pub use caret_context::caret_context;
pub use caret_context::CaretContext;
pub use completion::fitting;
#[allow(unused_imports)]
pub use format::format_json;
#[allow(unused_imports)]
pub use indent::{on_enter, Edit};
#[allow(unused_imports)]
pub use tokenize::{highlight, Token, TokenKind};
pub use view::JsonEditor;

/// How serious a mark is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A diagnostic shown in the editor at a line and column (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

/// The editor's inputs.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text to show; the editor reports edits through `on_change`.
    pub text: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub marks: Rc<Vec<Mark>>,
    /// Lines to highlight (1-based, inclusive), e.g. a deciding policy statement.
    #[prop_or_default]
    pub highlight: Option<(usize, usize)>,
    /// A place to scroll to and put the caret at (line, column), e.g. from the problems list.
    #[prop_or_default]
    pub reveal: Option<(usize, usize)>,
    /// The accessible name of the text area.
    pub label: AttrValue,
    /// Identifies the edited item (a JSON pointer into the scenario), set as `data-pointer`.
    #[prop_or_default]
    pub pointer: AttrValue,
    /// Hears the string the caret is in after each edit (and on Ctrl+Space), `None` once it
    /// is in none, so the owner can find suggestions for it.
    #[prop_or_default]
    pub on_complete: Option<Callback<Option<CaretContext>>>,
    /// The suggestions for the string the caret is in, best first; the list shows them
    /// while it is open.
    #[prop_or_default]
    pub completions: Rc<Vec<String>>,
}

#[cfg(test)]
mod robustness {
    //! No input panics: random texts (multi-byte chars, brackets, quotes, escapes, line
    //! breaks) and random offsets, including ones inside chars and past the end.
    use super::*;

    const ALPHABET: &[&str] = &[
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\n", "\r", "\t", " ", "  ", "a", "1", "-", "e",
        "true", "null", "é", "😀", "ключ",
    ];

    fn texts() -> impl Iterator<Item = (String, usize, usize)> {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        };
        (0..3000).map(move |_| {
            let len = next() % 40;
            let text: String = (0..len)
                .map(|_| ALPHABET[next() % ALPHABET.len()])
                .collect();
            let (a, b) = (next() % (text.len() + 3), next() % (text.len() + 3));
            (text, a, b)
        })
    }

    #[test]
    fn nothing_panics() {
        for (text, a, b) in texts() {
            let toks = highlight(&text);
            assert_eq!(toks.last().map_or(0, |t| t.end), text.len());
            let _ = format_json(&text);
            let _ = line::split_lines(&text);
            for e in [
                Some(indent::enter_edit(&text, a, b)),
                Some(indent::indent_edit(&text, a, b)),
                indent::outdent_edit(&text, a, b),
                indent::close_bracket_edit(&text, a, b, '}'),
                indent::close_bracket_edit(&text, a, b, ']'),
            ]
            .into_iter()
            .flatten()
            {
                let out = e.apply(&text);
                assert!(
                    e.sel_start <= e.sel_end && e.sel_end <= out.len(),
                    "{text:?} {e:?}"
                );
                assert!(out.is_char_boundary(e.sel_start) && out.is_char_boundary(e.sel_end));
            }
            let (out, caret) = on_enter(&text, a);
            assert!(out.is_char_boundary(caret));
            if let Some(c) = caret_context(&text, a) {
                assert!(
                    c.start <= c.caret && c.caret <= text.len(),
                    "{text:?} {c:?}"
                );
                assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.caret));
            }
            if let Some(accepted) = completion::accept_edit(&text, a, "s3:GetObject") {
                let out = accepted.edit.apply(&text);
                assert!(out.is_char_boundary(accepted.edit.sel_start), "{text:?}");
            }
            let u = pos::byte_to_utf16(&text, a);
            assert_eq!(pos::utf16_to_byte(&text, u), pos::floor_boundary(&text, a));
        }
    }
}
