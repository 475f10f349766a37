//! `sfn-play authorize FILE`: decides one request (or an array of them) of the shape
//! documented on [`iam::RequestDocument`] and prints `{"result", "explanation"}` for each.
//! `resourcePolicyKind` (`resource` | `trust` | `kmsKey`) says what the resource policy is.

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
    let (requests, bases): (Vec<&Value>, Vec<String>) = match &value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (v, format!("/{i}")))
            .unzip(),
        one => (vec![one], vec![String::new()]),
    };
    let mut outputs = Vec::with_capacity(requests.len());
    for (request, base) in requests.iter().zip(&bases) {
        let doc = match iam::RequestDocument::from_value(request) {
            Ok(d) => d,
            Err(e) => {
                let e = e.under(base).locate(&text);
                eprintln!("{file}:{e}");
                return 2;
            }
        };
        let mut out = doc.evaluate(|decision| {
            serde_json::json!({
                "result": decision.result.as_str(),
                "explanation": decision.explanation.to_json(),
            })
        });
        add_positions(&mut out, &text, base);
        outputs.push(out);
    }
    let printed = match value {
        Value::Array(_) => Value::Array(outputs),
        _ => outputs.pop().unwrap_or(Value::Null),
    };
    match serde_json::to_string_pretty(&printed) {
        Ok(s) => {
            println!("{s}");
            0
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
