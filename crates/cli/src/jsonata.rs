//! `sfn-play jsonata`: evaluate one JSONata expression with the reference functions and print
//! `{"result": …}`, `{"undefined": true}` or `{"error": {"code", "message", "position"?}}`.

use crate::files::{read_json, Args};
use serde_json::Value;

const USAGE: &str = "usage: sfn-play jsonata EXPRESSION [--input FILE] [--bindings FILE]";

/// Prints the outcome; exit 0 for a result or undefined, 1 for an error of the expression,
/// 2 for bad usage or an unusable file.
pub fn main(args: &[String]) -> u8 {
    match run(args) {
        Ok((json, code)) => {
            crate::output::print(&json);
            code
        }
        Err(message) => {
            warn!("{message}\n{USAGE}");
            2
        }
    }
}

fn run(args: &[String]) -> Result<(Value, u8), String> {
    let args =
        Args::parse(args, &["input", "bindings"]).map_err(|e| format!("sfn-play jsonata: {e}"))?;
    let expression = match args.positional.as_slice() {
        [expression] => *expression,
        [] => return Err("sfn-play jsonata: the EXPRESSION is missing".into()),
        [_, extra, ..] => return Err(format!("sfn-play jsonata: unexpected argument '{extra}'")),
    };
    let input = match args.flag("input") {
        Some(path) => Some(read_json(path).map_err(|e| e.to_string())?.1),
        None => None,
    };
    let bindings = match args.flag("bindings") {
        Some(path) => match read_json(path).map_err(|e| e.to_string())?.1 {
            Value::Object(bindings) => bindings,
            _ => {
                return Err(format!(
                    "{path}: the bindings are a JSON object of variables"
                ))
            }
        },
        None => jsonata::Bindings::new(),
    };
    let evaluation = engines::evaluate(expression, input.as_ref(), &bindings);
    Ok((evaluation.json, u8::from(evaluation.failed)))
}
