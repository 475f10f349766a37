//! `sfn-play authorize FILE`: decides one request (or an array of them) of the shape
//! documented on [`iam::RequestDocument`] and prints `{"result", "explanation"}` for each.
//! `resourcePolicyKind` (`resource` | `trust` | `kmsKey`) says what the resource policy is
//! (inferred from the action and resource when absent). In an array, a malformed request
//! is reported in its place as `{"error": {"code", "message", "pointer"}}` and the others
//! are decided; the exit status is then 1. A single malformed request is reported on
//! stderr with its line and column (exit 2).

use jsonloc::DiagnosticCode;
use serde_json::Value;

const USAGE: &str = "usage: sfn-play authorize FILE";

pub fn main(args: &[String]) -> u8 {
    let [file] = args else {
        eprintln!("{USAGE}");
        return 2;
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("sfn-play authorize: cannot read {file}: {e}");
            return 2;
        }
    };
    let value = match jsonloc::parse(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{file}:{e}");
            return 2;
        }
    };
    match value {
        Value::Array(items) => batch(&items, &text),
        one => single(&one, &text, file),
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

/// One request: its decision, or its problem on stderr (exit 2).
fn single(request: &Value, text: &str, file: &str) -> u8 {
    let origin = Origin {
        text,
        start: jsonloc::Position { line: 1, column: 1 },
        base: String::new(),
    };
    match decide(request, &origin) {
        Ok(out) => print(&out, 0),
        Err(e) => {
            eprintln!("{file}:{e}");
            2
        }
    }
}

/// An array: each valid request's decision, and for each invalid one
/// `{"error": {"code", "message", "pointer"}}` in its place; exit 1 when any is invalid.
fn batch(items: &[Value], text: &str) -> u8 {
    let starts = jsonloc::root_elements(text).unwrap_or_default();
    let mut invalid = false;
    let mut at = (0, jsonloc::Position { line: 1, column: 1 });
    let mut outputs = Vec::with_capacity(items.len());
    for (i, request) in items.iter().enumerate() {
        let offset = starts.get(i).copied().unwrap_or(0).max(at.0);
        let step = jsonloc::position_of(&text[at.0..offset], offset - at.0);
        at = (offset, at.1.then(step));
        let origin = Origin {
            text: &text[offset..],
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
    print(&Value::Array(outputs), u8::from(invalid))
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

fn print(value: &Value, code: u8) -> u8 {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            crate::output::print(&s);
            code
        }
        Err(e) => {
            eprintln!("sfn-play authorize: {e}");
            2
        }
    }
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
