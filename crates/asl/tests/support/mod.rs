#![allow(dead_code)] // each test binary uses a part of this module
//! What the data-driven tests share: running a definition, and the comparison rules of
//! `shared/conformance/check.py` (placeholders stand for any text).

pub mod recorded;

use asl::{execute, Options, Outcome};
use asl::{DiagnosticCode, Mocks};
use serde_json::Value;
use wildcard::{Pattern, Token};

/// Runs a definition: `Err` holds the validation diagnostics' messages.
pub fn run(
    definition: &Value,
    input: &Value,
    mocks: Option<(&Value, &str)>,
) -> Result<Outcome, Vec<String>> {
    run_with(definition, input, mocks, &Options::default())
}

/// Runs a definition with the given options.
pub fn run_with(
    definition: &Value,
    input: &Value,
    mocks: Option<(&Value, &str)>,
    options: &Options,
) -> Result<Outcome, Vec<String>> {
    let text = definition.to_string();
    let def = asl::parse_text(&text).map_err(|d| {
        d.iter()
            .map(|d| format!("{} {} {}", d.code.as_str(), d.pointer, d.message))
            .collect::<Vec<_>>()
    })?;
    Ok(match mocks {
        Some((config, case)) => {
            let mut m =
                Mocks::from_config(config, "Playground", case).map_err(|e| vec![e.to_string()])?;
            execute(&def, input.clone(), options, &mut m)
        }
        None => execute(&def, input.clone(), options, &mut asl::NoTasks),
    })
}

const WHOLE: [&str; 5] = [
    "date",
    "start-time",
    "timestamp",
    "snf_role_arn",
    "sfn_role_arn",
];

/// check.py's equality: placeholder text in `expected` stands for any text, numbers compare
/// by value, objects by their keys.
pub fn loose_equal(expected: &Value, got: &Value) -> bool {
    match (expected, got) {
        (Value::String(e), Value::String(g)) => {
            WHOLE.contains(&e.as_str()) || pattern_matches(e, g)
        }
        (Value::String(e), _) => WHOLE.contains(&e.as_str()),
        (Value::Object(e), Value::Object(g)) => {
            e.len() == g.len()
                && e.iter()
                    .all(|(k, v)| g.get(k).is_some_and(|gv| loose_equal(v, gv)))
        }
        (Value::Array(e), Value::Array(g)) => {
            e.len() == g.len() && e.iter().zip(g).all(|(a, b)| loose_equal(a, b))
        }
        (Value::Number(e), Value::Number(g)) => e.as_f64() == g.as_f64(),
        _ => expected == got,
    }
}

/// `<...>`, `snf_role_arn` and `sfn_role_arn` in the expected text match any run of text.
fn pattern_matches(expected: &str, got: &str) -> bool {
    let mut tokens = Vec::new();
    let mut rest = expected;
    while let Some(c) = rest.chars().next() {
        let role = rest
            .strip_prefix("snf_role_arn")
            .or_else(|| rest.strip_prefix("sfn_role_arn"));
        let placeholder = rest.strip_prefix('<').and_then(|inner| {
            let end = inner.find(['<', '>'])?;
            (end > 0 && inner[end..].starts_with('>')).then(|| &inner[end + 1..])
        });
        match role.or(placeholder) {
            Some(after) => {
                tokens.push(Token::Star);
                rest = after;
            }
            None => {
                tokens.push(Token::Char(c));
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Pattern::new(tokens).matches(got)
}

/// Whether an outcome matches an `expect` object as check.py judges it.
pub fn outcome_matches(expect: &Value, out: &Value) -> bool {
    if out["status"] != expect["status"] {
        return false;
    }
    if expect["status"] == "SUCCEEDED" {
        return loose_equal(&expect["output"], &out["output"]);
    }
    ["error", "cause"]
        .iter()
        .all(|k| expect.get(*k).is_none_or(|e| loose_equal(e, &out[*k])))
}

#[test]
fn placeholders_match_any_text() {
    assert!(pattern_matches(
        "arn:<partition>:states:<region>:1:x",
        "arn:aws:states:us-east-1:1:x"
    ));
    assert!(!pattern_matches("arn:<partition>:states", "arn:aws:lambda"));
    assert!(pattern_matches("a < b", "a < b"));
    assert!(loose_equal(
        &serde_json::json!({"t": "timestamp", "n": 1}),
        &serde_json::json!({"t": 5, "n": 1.0})
    ));
}
