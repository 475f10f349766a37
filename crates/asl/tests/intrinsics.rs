//! Intrinsic functions against executions recorded from AWS (`/work/shared/conformance/asl`,
//! single Pass states whose Parameters call intrinsics) and against the documented behaviour
//! in `tests/cases/intrinsics.json`.

use std::path::{Path, PathBuf};

use asl::intrinsics::{evaluate, parse, Call};
use asl::rng::Rng;
use asl::Failure;
use serde_json::{json, Map, Value};

/// A test-only path: `$…` over the input or `$$…` over a small context object, as keys.
struct TestPath {
    context: bool,
    keys: Vec<String>,
}

fn compile_path(text: &str) -> Result<TestPath, String> {
    let (context, rest) = match text.strip_prefix("$$") {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('$').ok_or("a path starts with $")?),
    };
    if rest.is_empty() {
        return Ok(TestPath {
            context,
            keys: Vec::new(),
        });
    }
    let rest = rest
        .strip_prefix('.')
        .ok_or("only $.a.b paths are supported here")?;
    let keys: Vec<String> = rest.split('.').map(str::to_owned).collect();
    if keys
        .iter()
        .any(|k| k.is_empty() || k.contains(['[', ']', '(', ')']))
    {
        return Err(format!("unsupported path {text}"));
    }
    Ok(TestPath { context, keys })
}

fn resolve(path: &TestPath, input: &Value, context: &Value) -> Result<Value, Failure> {
    let mut value = if path.context { context } else { input };
    for key in &path.keys {
        value = value.get(key).ok_or_else(|| {
            Failure::new(
                "States.Runtime",
                format!("The path {key} could not be found"),
            )
        })?;
    }
    Ok(value.clone())
}

/// Parses and evaluates `expression` over `input`; a syntax error becomes
/// `InvalidDefinition` with the error's message.
fn run(expression: &str, input: &Value) -> Result<Value, Failure> {
    let call: Call<TestPath> = parse(expression, &mut compile_path)
        .map_err(|e| Failure::new("InvalidDefinition", e.to_string()))?;
    let context = json!({
        "Execution": {"Id": "arn:aws:states:us-east-1:111111111111:execution:sm-name:run", "Input": input, "Name": "run"},
        "StateMachine": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:sm-name", "Name": "sm-name"}
    });
    evaluate(
        &call,
        &mut |p: &TestPath| resolve(p, input, &context),
        &mut Rng::new(42),
    )
}

/// Whether `actual` matches `expected`, where a string in `wildcards` stands for any value.
fn matches(expected: &Value, actual: &Value, wildcards: &[String]) -> bool {
    match (expected, actual) {
        (Value::String(s), _) if wildcards.contains(s) => true,
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(e, a)| matches(e, a, wildcards))
        }
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len()
                && e.iter()
                    .all(|(k, e)| a.get(k).is_some_and(|a| matches(e, a, wildcards)))
        }
        _ => expected == actual,
    }
}

/// The Parameters of a definition that is one Pass state using intrinsics, if it is one.
fn pass_parameters(definition: &Value) -> Option<&Map<String, Value>> {
    let states = definition.get("States")?.as_object()?;
    let [(_, state)] = states.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let only_known = state.as_object()?.keys().all(|k| {
        matches!(
            k.as_str(),
            "Type" | "Parameters" | "End" | "Next" | "Comment"
        )
    });
    let parameters = state.get("Parameters")?.as_object()?;
    let uses_intrinsics = parameters
        .iter()
        .any(|(k, v)| k.ends_with(".$") && v.as_str().is_some_and(|s| s.starts_with("States.")));
    (state.get("Type")? == "Pass" && only_known && uses_intrinsics).then_some(parameters)
}

/// The Parameters object evaluated over `input` (intrinsics, `$` paths and plain values).
fn apply_parameters(parameters: &Map<String, Value>, input: &Value) -> Result<Value, Failure> {
    let mut out = Map::new();
    for (key, value) in parameters {
        match (key.strip_suffix(".$"), value.as_str()) {
            (Some(name), Some(text)) if text.starts_with("States.") => {
                out.insert(name.to_owned(), run(text, input)?);
            }
            (Some(name), Some(text)) => {
                let path = compile_path(text).map_err(|e| Failure::new("States.Runtime", e))?;
                out.insert(name.to_owned(), resolve(&path, input, &Value::Null)?);
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(Value::Object(out))
}

fn outcome(result: Result<Value, Failure>) -> Value {
    match result {
        Ok(value) => json!({"status": "SUCCEEDED", "output": value}),
        Err(f) => json!({"status": "FAILED", "error": f.error, "cause": f.cause}),
    }
}

#[test]
fn recorded_aws_executions() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/asl");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: no conformance cases at {}", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    files.sort();
    let (mut total, mut misses) = (0, Vec::new());
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let Some(parameters) = pass_parameters(&case["definition"]) else {
            continue;
        };
        total += 1;
        let wildcards: Vec<String> = case["placeholders"]["tokens"]
            .as_array()
            .map(|t| {
                t.iter()
                    .filter_map(|s| Some(s.as_str()?.to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let expect = &case["expect"];
        let actual = outcome(apply_parameters(parameters, &case["input"]));
        let expected = match expect["status"].as_str() {
            Some("SUCCEEDED") => json!({"status": "SUCCEEDED", "output": expect["output"]}),
            _ => {
                json!({"status": expect["status"], "error": expect["error"], "cause": expect["cause"]})
            }
        };
        if !matches(&expected, &actual, &wildcards) {
            misses.push(format!(
                "{}: expected {expected}, got {actual}",
                name_of(file)
            ));
        }
    }
    println!(
        "intrinsics conformance: {}/{total} matched",
        total - misses.len()
    );
    for miss in &misses {
        println!("  miss {miss}");
    }
    assert!(
        total >= 86,
        "expected at least 86 intrinsic cases, found {total}"
    );
    assert!(misses.is_empty(), "{} misses", misses.len());
}

fn name_of(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn documented_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/intrinsics.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut misses = Vec::new();
    for case in &cases {
        let expression = case["expression"].as_str().unwrap();
        let actual = outcome(run(expression, &case["input"]));
        let expect = &case["expect"];
        let is_failure = expect
            .as_object()
            .is_some_and(|o| o.len() == 2 && o.contains_key("error") && o.contains_key("cause"));
        let expected = if is_failure {
            json!({"status": "FAILED", "error": expect["error"], "cause": expect["cause"]})
        } else {
            json!({"status": "SUCCEEDED", "output": expect})
        };
        if expected != actual {
            misses.push(format!(
                "{}: expected {expected}, got {actual}",
                case["name"]
            ));
        }
    }
    println!(
        "documented intrinsic cases: {}/{} matched",
        cases.len() - misses.len(),
        cases.len()
    );
    assert!(misses.is_empty(), "misses:\n{}", misses.join("\n"));
}
