//! Deciding authorization requests, as `sfn-play authorize` does: one request (or an
//! array of them) of the shape documented on [`iam::RequestDocument`], each answered with
//! `{"result", "explanation"}` whose statements carry their line and column.
//! `resourcePolicyKind` (`resource` | `trust` | `kmsKey`) says what the resource policy is
//! (inferred from the action and resource when absent). In an array, a malformed request
//! is answered in its place with `{"error": {"code", "message", "pointer"}}` and the others
//! are decided; a single malformed request is the error, located in the text.
//!
//! An array is decided one element at a time ([`Batch`]): each element's text is parsed,
//! indexed for locating ([`jsonloc::Index`]), decided and answered (written, with
//! [`Batch::write_pretty`]) before the next, so the time is linear in the file's size and
//! only one request is held in memory at once.

use jsonloc::{DiagnosticCode, Index, Position};
use serde_json::Value;
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

/// Why no request was decided.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthorizeError {
    /// The text is not JSON.
    Syntax(jsonloc::SyntaxError),
    /// The single request is malformed.
    Request(iam::RequestError),
}

impl fmt::Display for AuthorizeError {
    /// `line:column: …`, to follow a file name and a colon.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthorizeError::Syntax(e) => e.fmt(f),
            AuthorizeError::Request(e) => e.fmt(f),
        }
    }
}

/// What a text of requests is decided as.
#[derive(Debug)]
pub enum Decisions<'t> {
    /// A single request's `{"result", "explanation"}`.
    One(Value),
    /// An array's entries, decided as they are iterated.
    Batch(Batch<'t>),
}

/// The entries of an array of requests, each decided when the iterator reaches it: its
/// `{"result", "explanation"}`, or `{"error": {"code", "message", "pointer"}}` when it is
/// malformed.
#[derive(Debug)]
pub struct Batch<'t> {
    text: &'t str,
    spans: std::iter::Enumerate<std::vec::IntoIter<Range<usize>>>,
    /// The byte offset and position of the last element started, to place the next one
    /// from there rather than from the top.
    at: (usize, Position),
    invalid: bool,
}

impl Batch<'_> {
    /// Whether an entry iterated so far was malformed.
    pub fn invalid(&self) -> bool {
        self.invalid
    }

    /// Decides the remaining entries and writes them as `serde_json::to_string_pretty`
    /// writes an array of them, each as soon as it is decided (nothing is kept).
    pub fn write_pretty(&mut self, w: &mut dyn Write) -> io::Result<()> {
        let mut any = false;
        w.write_all(b"[")?;
        for entry in self.by_ref() {
            w.write_all(if any { b",\n  " } else { b"\n  " })?;
            any = true;
            serde_json::to_writer_pretty(Indented(&mut *w), &entry)?;
        }
        w.write_all(if any { b"\n]" } else { b"]" })
    }
}

/// Indents by two spaces every line after the first of what goes through it (JSON strings
/// hold no raw line breaks, so only the pretty printer's own lines are indented).
struct Indented<'w>(&'w mut dyn Write);

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (i, line) in buf.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                self.0.write_all(b"\n  ")?;
            }
            self.0.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl Iterator for Batch<'_> {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        let (i, span) = self.spans.next()?;
        let before = self.text.get(self.at.0..span.start).unwrap_or_default();
        let step = jsonloc::position_of(before, before.len());
        self.at = (span.start, self.at.1.then(step));
        let text = self.text.get(span).unwrap_or_default();
        let origin = Origin {
            index: Index::new(text),
            start: self.at.1,
            base: format!("/{i}"),
        };
        let decided = jsonloc::parse(text)
            .map_err(|e| iam::RequestErrorKind::syntax(e).under(&origin.base))
            .and_then(|request| decide(&request, &origin));
        Some(decided.unwrap_or_else(|e| {
            self.invalid = true;
            serde_json::json!({
                "error": {"code": e.code.as_str(), "message": e.message, "pointer": e.pointer}
            })
        }))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.spans.size_hint()
    }
}

/// Reads `text` as one request (decided at once) or an array of them (decided as
/// iterated); a syntax error anywhere, or a malformed single request, is the error.
pub fn decisions(text: &str) -> Result<Decisions<'_>, AuthorizeError> {
    jsonloc::check_syntax(text).map_err(AuthorizeError::Syntax)?;
    if let Some(spans) = jsonloc::root_elements(text) {
        return Ok(Decisions::Batch(Batch {
            text,
            spans: spans.into_iter().enumerate(),
            at: (0, Position { line: 1, column: 1 }),
            invalid: false,
        }));
    }
    let one = jsonloc::parse(text).map_err(AuthorizeError::Syntax)?;
    let origin = Origin {
        index: Index::new(text),
        start: Position { line: 1, column: 1 },
        base: String::new(),
    };
    decide(&one, &origin)
        .map(Decisions::One)
        .map_err(AuthorizeError::Request)
}

/// Where one request's text sits in the file: its index, where its first byte is, and its
/// JSON pointer prefix.
struct Origin<'t> {
    index: Index<'t>,
    start: Position,
    base: String,
}

impl Origin<'_> {
    /// The line and column of `pointer` (relative to the request) in the file.
    fn locate(&self, pointer: &str) -> Option<Position> {
        self.index.locate(pointer).map(|p| self.start.then(p))
    }
}

/// Decides one request: `{"result", "explanation"}` with every statement's line and column,
/// or the problem, located in the file.
fn decide(request: &Value, origin: &Origin) -> Result<Value, iam::RequestError> {
    let doc = iam::RequestDocument::from_value(request).map_err(|mut e| {
        if e.position.is_none() {
            e.position = origin.locate(&e.pointer);
        }
        e.under(&origin.base)
    })?;
    let mut out = doc.evaluate(|decision| {
        serde_json::json!({
            "result": decision.result.as_str(),
            "explanation": decision.explanation.to_json(),
        })
    });
    add_positions(&mut out, origin);
    Ok(out)
}

/// Adds `line` and `column` next to every statement `pointer` in the explanation.
fn add_positions(value: &mut Value, origin: &Origin) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(pointer)) = map.get("pointer") {
                if let Some(pos) = origin.locate(pointer) {
                    map.insert("line".into(), pos.line.into());
                    map.insert("column".into(), pos.column.into());
                }
            }
            for v in map.values_mut() {
                add_positions(v, origin);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| add_positions(v, origin)),
        _ => {}
    }
}
