//! The official JSONata test suite (`shared/jsonata-suite/` beside the repository, see its
//! README), run strictly: a case passes only when its outcome is exactly the expected one
//! (the same error code, an undefined result, or a deep-equal result, as a multiset when
//! the case says `unordered`). Cases with `timelimit`/`depth` run with those limits and
//! expect `U1001` when they are reached, as the upstream runner does.
//!
//! Every case with an input is also evaluated with its bindings prepared
//! ([`Expression::evaluate_prepared`]), which must give exactly the same outcome.

use jsonata::{Bindings, Error, Expression, Mode, Options, PreparedBindings};
use serde_json::Value;
use std::path::Path;

/// The steps a millisecond of the upstream runner's `timelimit` allows: natively the
/// evaluator takes well over ten million steps a second.
const STEPS_PER_MILLISECOND: u64 = 10_000;

/// The share of cases that must pass.
const REQUIRED: f64 = 0.99;

#[test]
fn official_suite() {
    let Some(shared) = testkit::shared::dir() else {
        println!("jsonata suite: skipped, shared/ is absent beside the repository");
        return;
    };
    let suite = shared.join("jsonata-suite");
    if !suite.is_dir() {
        println!("jsonata suite: skipped, shared/jsonata-suite is absent");
        return;
    }
    let datasets = datasets(&suite.join("datasets"));
    let mut groups: Vec<_> = std::fs::read_dir(suite.join("groups"))
        .expect("the suite's groups folder")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_dir())
        .collect();
    groups.sort();
    let mut total = 0;
    let mut misses = Vec::new();
    let mut divergences = Vec::new();
    for group in &groups {
        let name = group.file_name().unwrap_or_default().to_string_lossy();
        for file in testkit::shared::json_files(group) {
            let file_name = file.file_name().unwrap_or_default().to_string_lossy();
            let cases = match read_cases(&file) {
                Ok(cases) => cases,
                Err(reason) => {
                    total += 1;
                    misses.push(format!("{name}/{file_name}: {reason}"));
                    continue;
                }
            };
            let numbered = cases.len() > 1;
            for (i, case) in cases.iter().enumerate() {
                total += 1;
                let label = if numbered {
                    format!("{file_name}#{i}")
                } else {
                    file_name.to_string()
                };
                let (expected, divergence) = run(case, group, &datasets);
                if let Err(reason) = expected {
                    misses.push(format!("{name}/{label}: {reason}"));
                }
                if let Some(divergence) = divergence {
                    divergences.push(format!("{name}/{label}: {divergence}"));
                }
            }
        }
    }
    let passed = total - misses.len();
    println!("jsonata suite: {passed}/{total} passed");
    for miss in &misses {
        println!("  miss {miss}");
    }
    for divergence in &divergences {
        println!("  prepared bindings diverge in {divergence}");
    }
    assert!(total > 0, "the suite holds no case");
    assert!(
        divergences.is_empty(),
        "prepared bindings diverge in {} cases",
        divergences.len()
    );
    assert!(
        passed as f64 >= REQUIRED * total as f64,
        "jsonata suite: {passed}/{total} passed, fewer than {}%",
        REQUIRED * 100.0
    );
}

/// The cases of a file: an array of cases or one case. JSON text cannot hold a lone UTF-16
/// surrogate (`"\uD800"`), which a few cases put in their expression to test how functions
/// treat one; such a file is read with the escape kept for the JSONata lexer, which reads
/// `\uD800` in a string literal as JavaScript does.
fn read_cases(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&keep_surrogate_escapes(&text)))
        .map_err(|e| e.to_string())?;
    Ok(match value {
        Value::Array(cases) => cases,
        case => vec![case],
    })
}

/// `text` with each `\uD800`–`\uDFFF` escape written `\\uD800`, so that JSON reads it as
/// the six characters of the escape.
fn keep_surrogate_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\\u") {
        let escape = rest.get(i..i + 6).unwrap_or_default();
        let surrogate = escape.len() == 6
            && escape[2..3].eq_ignore_ascii_case("d")
            && matches!(escape.as_bytes()[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f');
        out.push_str(&rest[..i]);
        out.push_str(if surrogate { "\\\\u" } else { "\\u" });
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The datasets by name (the file name without `.json`).
fn datasets(dir: &Path) -> serde_json::Map<String, Value> {
    testkit::shared::json_files(dir)
        .iter()
        .map(|path| {
            let name = path.file_stem().unwrap_or_default().to_string_lossy();
            (name.into_owned(), testkit::shared::read_json(path))
        })
        .collect()
}

/// Runs one case: whether its outcome is the expected one (the error says how it differs),
/// and how the outcome with prepared bindings differs from it, if it does.
fn run(
    case: &Value,
    group: &Path,
    datasets: &serde_json::Map<String, Value>,
) -> (Result<(), String>, Option<String>) {
    let setup = match setup(case, group, datasets) {
        Ok(setup) => setup,
        Err(reason) => return (Err(reason), None),
    };
    let outcome = Expression::parse(&setup.text)
        .and_then(|expr| expr.evaluate(setup.input.as_ref(), &setup.bindings, &setup.options));
    let divergence = setup.input.as_ref().and_then(|input| {
        let mut prepared = PreparedBindings::new(Mode::Reference);
        for (name, value) in &setup.bindings {
            prepared.bind(name, value);
        }
        let other = Expression::parse(&setup.text)
            .and_then(|expr| expr.evaluate_prepared(input, &prepared, &setup.options));
        (other != outcome).then(|| format!("{} instead of {}", show(&other), show(&outcome)))
    });
    (check(case, outcome), divergence)
}

/// A case's expression, input, bindings and options.
struct Setup {
    text: String,
    input: Option<Value>,
    bindings: Bindings,
    options: Options,
}

/// What a case evaluates, with what.
fn setup(
    case: &Value,
    group: &Path,
    datasets: &serde_json::Map<String, Value>,
) -> Result<Setup, String> {
    let text = match (case.get("expr"), case.get("expr-file")) {
        (Some(Value::String(text)), _) => text.clone(),
        (_, Some(Value::String(file))) => std::fs::read_to_string(group.join(file))
            .map_err(|e| format!("cannot read {file}: {e}"))?,
        _ => return Err("the case has no expression".into()),
    };
    let input = match (case.get("data"), case.get("dataset")) {
        (Some(data), _) => Some(data.clone()),
        (None, Some(Value::String(name))) => Some(
            datasets
                .get(name)
                .cloned()
                .ok_or_else(|| format!("no dataset {name}"))?,
        ),
        _ => None,
    };
    let bindings: Bindings = match case.get("bindings") {
        Some(Value::Object(bindings)) => bindings.clone(),
        _ => Bindings::new(),
    };
    let mut options = Options {
        timeout_millis: None,
        max_string_length: 256 << 20,
        max_array_length: 16 << 20,
        ..Options::default()
    };
    if let Some(depth) = case.get("depth").and_then(Value::as_u64) {
        options.max_depth = depth as usize;
    }
    if let Some(limit) = case.get("timelimit").and_then(Value::as_u64) {
        options.max_steps = limit * STEPS_PER_MILLISECOND;
        options.timeout_millis = Some(limit);
    }
    Ok(Setup {
        text,
        input,
        bindings,
        options,
    })
}

/// Whether `outcome` is the one `case` expects; the error says how it differs.
fn check(case: &Value, outcome: Result<Option<Value>, Error>) -> Result<(), String> {
    let expected_code = case
        .get("code")
        .or_else(|| case.get("error").and_then(|e| e.get("code")))
        .and_then(Value::as_str);
    let unordered = case.get("unordered").and_then(Value::as_bool) == Some(true);
    match (expected_code, case.get("result"), outcome) {
        (Some(code), _, Err(Error { code: got, .. })) if got == code => Ok(()),
        (Some(code), _, got) => Err(format!("expected error {code}, got {}", show(&got))),
        (None, Some(expected), Ok(Some(got))) if same(expected, &got, unordered) => Ok(()),
        (None, Some(expected), got) => Err(format!("expected {expected}, got {}", show(&got))),
        (None, None, Ok(None)) if case.get("undefinedResult") == Some(&Value::Bool(true)) => Ok(()),
        (None, None, got) => Err(format!("expected undefined, got {}", show(&got))),
    }
}

fn show(outcome: &Result<Option<Value>, Error>) -> String {
    match outcome {
        Ok(Some(value)) => value.to_string(),
        Ok(None) => "undefined".into(),
        Err(e) => format!("error {e}"),
    }
}

/// Deep equality as JavaScript sees it: numbers by value, whatever their JSON form.
fn same(a: &Value, b: &Value, unordered: bool) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) if unordered => {
            let mut left: Vec<&Value> = y.iter().collect();
            x.len() == y.len()
                && x.iter().all(|item| {
                    match left.iter().position(|other| same(item, other, false)) {
                        Some(i) => {
                            left.swap_remove(i);
                            true
                        }
                        None => false,
                    }
                })
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q, false))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same(v, w, false)))
        }
        _ => a == b,
    }
}
