//! Our own data-driven cases, in `tests/cases/*.json`: `{"name", "doc", "expression",
//! "input"?, "bindings"?, "mode"?: "reference" | "stepFunctions", "expect": {"result"} |
//! {"undefined": true} | {"error": CODE}}`, each citing the documentation page its
//! expectation comes from. An absent input is undefined.

use jsonata::{Bindings, Expression, Mode, Options};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    expression: String,
    name: String,
    doc: String,
    input: Option<Value>,
    #[serde(default)]
    bindings: Bindings,
    #[serde(default)]
    mode: CaseMode,
    expect: Expect,
}

#[derive(Deserialize, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
enum CaseMode {
    #[default]
    Reference,
    StepFunctions,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
enum Expect {
    Result(Value),
    Undefined(bool),
    Error(String),
}

#[test]
fn documented_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let cases = testkit::cases::load::<Case>(&dir);
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (label, case) in &cases {
        let options = Options {
            mode: match case.mode {
                CaseMode::Reference => Mode::Reference,
                CaseMode::StepFunctions => Mode::StepFunctions,
            },
            ..Options::default()
        };
        let outcome = Expression::parse(&case.expression)
            .and_then(|expr| expr.evaluate(case.input.as_ref(), &case.bindings, &options));
        let ok = match (&case.expect, &outcome) {
            (Expect::Result(expected), Ok(Some(got))) => same_number_aware(expected, got),
            (Expect::Undefined(true), Ok(None)) => true,
            (Expect::Error(code), Err(e)) => &e.code == code,
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{label} {:?} ({}): expected {:?}, got {outcome:?}",
                case.name, case.doc, case.expect
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Equality with numbers compared by value (`4` equals `4.0`).
fn same_number_aware(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_number_aware(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_number_aware(v, w)))
        }
        _ => a == b,
    }
}
