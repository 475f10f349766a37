//! Deciding authorization requests, as `sfn-play authorize` does: one request (or an
//! array of them) of the shape documented on [`iam::RequestDocument`], each answered with
//! `{"result", "explanation"}` whose statements carry their line and column.
//! `resourcePolicyKind` (`resource` | `trust` | `kmsKey`) says what the resource policy is
//! (inferred from the action and resource when absent). In an array, a malformed request
//! is answered in its place with `{"error": {"code", "message", "pointer"}}` and the others
//! are decided; a single malformed request is the error, located in the text.

use jsonloc::DiagnosticCode;
use serde_json::Value;
use std::fmt;

/// The decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct Authorized {
    /// `{"result", "explanation"}`, or an array of them (and of errors) for an array.
    pub output: Value,
    /// Whether a request of an array was malformed.
    pub invalid: bool,
}

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

/// Decides the request, or each request of the array, in `text`.
pub fn authorize(text: &str) -> Result<Authorized, AuthorizeError> {
    match jsonloc::parse(text).map_err(AuthorizeError::Syntax)? {
        Value::Array(items) => Ok(batch(&items, text)),
        one => {
            let origin = Origin {
                text,
                start: jsonloc::Position { line: 1, column: 1 },
                base: String::new(),
            };
            let output = decide(&one, &origin).map_err(AuthorizeError::Request)?;
            Ok(Authorized {
                output,
                invalid: false,
            })
        }
    }
}

/// Where one request's text sits in the file: the text from its first byte, where that
/// byte is, and its JSON pointer prefix. Positions are found in the request's own text, so
/// a batch is located in one pass.
struct Origin<'t> {
    text: &'t str,
    start: jsonloc::Position,
    base: String,
}

impl Origin<'_> {
    /// The line and column of `pointer` (relative to the request) in the file.
    fn locate(&self, pointer: &str) -> Option<jsonloc::Position> {
        jsonloc::locate(self.text, pointer).map(|p| self.start.then(p))
    }
}

/// An array: each valid request's decision, and for each invalid one
/// `{"error": {"code", "message", "pointer"}}` in its place.
fn batch(items: &[Value], text: &str) -> Authorized {
    let starts = jsonloc::root_elements(text).unwrap_or_default();
    let mut invalid = false;
    let mut at = (0, jsonloc::Position { line: 1, column: 1 });
    let mut outputs = Vec::with_capacity(items.len());
    for (i, request) in items.iter().enumerate() {
        let offset = starts.get(i).copied().unwrap_or(0).max(at.0);
        let before = text.get(at.0..offset).unwrap_or_default();
        let step = jsonloc::position_of(before, offset - at.0);
        at = (offset, at.1.then(step));
        let origin = Origin {
            text: text.get(offset..).unwrap_or_default(),
            start: at.1,
            base: format!("/{i}"),
        };
        outputs.push(match decide(request, &origin) {
            Ok(out) => out,
            Err(e) => {
                invalid = true;
                serde_json::json!({
                    "error": {"code": e.code.as_str(), "message": e.message, "pointer": e.pointer}
                })
            }
        });
    }
    Authorized {
        output: Value::Array(outputs),
        invalid,
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
