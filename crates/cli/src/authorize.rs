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

/// One request: its decision, or its problem on stderr (exit 2).
fn single(request: &Value, text: &str, file: &str) -> u8 {
    match decide(request, text, "") {
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
    let mut invalid = false;
    let outputs: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, request)| match decide(request, text, &format!("/{i}")) {
            Ok(out) => out,
            Err(e) => {
                invalid = true;
                serde_json::json!({
                    "error": {"code": e.code.as_str(), "message": e.message, "pointer": e.pointer}
                })
            }
        })
        .collect();
    print(&Value::Array(outputs), u8::from(invalid))
}

/// Decides one request found at `base` in `text`: `{"result", "explanation"}`, or the
/// problem located in the whole text.
fn decide(request: &Value, text: &str, base: &str) -> Result<Value, iam::RequestError> {
    let doc = iam::RequestDocument::from_value(request).map_err(|e| e.under(base).locate(text))?;
    let mut out = doc.evaluate(|decision| {
        serde_json::json!({
            "result": decision.result.as_str(),
            "explanation": decision.explanation.to_json(),
        })
    });
    add_positions(&mut out, text, base);
    Ok(out)
}

fn print(value: &Value, code: u8) -> u8 {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            code
        }
        Err(e) => {
            eprintln!("sfn-play authorize: {e}");
            2
        }
    }
}

/// Adds `line` and `column` next to every statement `pointer` in the explanation.
fn add_positions(value: &mut Value, text: &str, base: &str) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(pointer)) = map.get("pointer") {
                if let Some(pos) = jsonloc::locate(text, &format!("{base}{pointer}")) {
                    map.insert("line".into(), pos.line.into());
                    map.insert("column".into(), pos.column.into());
                }
            }
            for v in map.values_mut() {
                add_positions(v, text, base);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| add_positions(v, text, base)),
        _ => {}
    }
}
