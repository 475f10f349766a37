//! Our own data-driven cases, in `tests/cases/*.json`, each with the AWS documentation page
//! its expectation comes from. A case is one of:
//! - `{"name", "doc", "definition", "input", "mockConfig"?, "testCase"?, "expect": {"status",
//!   "output"?, "error"?, "cause"?, "eventTypes"?, "events"?: [{"index", "pointer", "equals"}]}}`
//! - the same with `"expect": {"invalid": [{"code", "pointer"}]}` for a rejected definition;
//! - `{"name", "doc", "expression", "input", "expect"}`: an intrinsic function call, run as
//!   the Parameters of a Pass state; `expect` is the value, `{"error", "cause"}`, or
//!   `{"error": "InvalidDefinition", "cause": <text in the diagnostic>}`.
//!
//! `"patch"` (testkit's JSON patch, with its `fill` for long strings) is applied to the
//! definition first. `"recordDataFlow": true` records each state's processing stages, and
//! `"expect": {"checks": [{"pointer", "equals" | "absent": true}]}` compares parts of the whole
//! outcome JSON. `"fill"` makes large values in place before the run (`testkit::fill`, paths
//! under `/definition` and `/input`), `"limits"` lowers the run's budget
//! (`{"executions", "mapIterations", "memoryBytes", "historyTextBytes", "wallMillis"}`), and
//! `"expect": {"causeContains"}` asks for part of the cause.

mod support;

use serde::Deserialize;
use serde_json::{json, Value};
use support::{outcome_matches, run_with};

/// One case of `tests/cases/*.json` (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    doc: String,
    /// Why the expectation departs from the cited page, when it does.
    note: Option<String>,
    definition: Option<Value>,
    #[serde(default)]
    patch: Vec<testkit::patch::Op>,
    expression: Option<Value>,
    #[serde(default = "empty_object")]
    input: Value,
    mock_config: Option<Value>,
    test_case: Option<String>,
    #[serde(default)]
    record_data_flow: bool,
    #[serde(default)]
    fill: Vec<testkit::fill::Fill>,
    limits: Option<asl::Limits>,
    expect: Value,
}

/// The case's definition and input with its `fill` made.
fn filled(case: &Case, definition: Value) -> Result<(Value, Value), String> {
    let mut both = json!({"definition": definition, "input": case.input});
    testkit::fill::apply(&mut both, &case.fill)?;
    Ok((both["definition"].take(), both["input"].take()))
}

fn empty_object() -> Value {
    json!({})
}

fn check(case: &Case) -> Result<(), String> {
    let (definition, expect) = match &case.expression {
        Some(expression) => (
            json!({"StartAt": "S", "States": {"S": {"Type": "Pass", "Parameters": {"r.$": expression}, "End": true}}}),
            intrinsic_expectation(&case.expect),
        ),
        None => (
            case.definition.clone().unwrap_or(Value::Null),
            case.expect.clone(),
        ),
    };
    let mut definition = definition;
    testkit::patch::apply(&mut definition, &case.patch)?;
    let mocks = case
        .mock_config
        .as_ref()
        .map(|m| (m, case.test_case.as_deref().unwrap_or_default()));
    let options = asl::Options {
        record_data_flow: case.record_data_flow,
        limits: case.limits.unwrap_or_default(),
        ..asl::Options::default()
    };
    let (definition, input) = filled(case, definition)?;
    match (
        run_with(&definition, &input, mocks, &options),
        expect.get("invalid"),
    ) {
        (Err(diags), Some(wanted)) => {
            for w in wanted.as_array().into_iter().flatten() {
                let needle = format!(
                    "{} {}",
                    w["code"].as_str().unwrap_or_default(),
                    w["pointer"].as_str().unwrap_or_default()
                );
                let text = w["message"].as_str().unwrap_or_default();
                if !diags
                    .iter()
                    .any(|d| d.starts_with(&needle) && d.contains(text))
                {
                    return Err(format!(
                        "no diagnostic '{needle}' containing '{text}' in {diags:?}"
                    ));
                }
            }
            Ok(())
        }
        (Err(diags), None) => Err(format!("definition rejected: {diags:?}")),
        (Ok(_), Some(_)) => Err("definition accepted, expected it to be rejected".into()),
        (Ok(outcome), None) => {
            // The whole outcome (every event's payload as text) only when a check reads it.
            let whole = ["eventTypes", "events", "checks"]
                .iter()
                .any(|k| expect.get(*k).is_some());
            let out = match whole {
                true => outcome.to_json(),
                false => json!({
                    "status": outcome.status.as_str(),
                    "output": outcome.output.as_deref(),
                    "error": outcome.error,
                    "cause": outcome.cause,
                }),
            };
            if let Some(part) = expect.get("causeContains").and_then(Value::as_str) {
                if !out["cause"].as_str().is_some_and(|c| c.contains(part)) {
                    return Err(format!("cause {} does not contain '{part}'", out["cause"]));
                }
            }
            if !outcome_matches(&expect, &out) {
                return Err(format!(
                    "expected {expect} got {}",
                    json!({"status": out["status"], "output": out["output"], "error": out["error"], "cause": out["cause"]})
                ));
            }
            if let Some(types) = expect.get("eventTypes") {
                let got: Vec<&Value> = out["events"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| &e["type"])
                    .collect();
                let want: Vec<&Value> = types.as_array().into_iter().flatten().collect();
                if got != want {
                    return Err(format!("event types: expected {want:?} got {got:?}"));
                }
            }
            for check in expect
                .get("events")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let index = check["index"].as_u64().unwrap_or_default() as usize;
                let pointer = check["pointer"].as_str().unwrap_or_default();
                let got = out["events"].get(index).and_then(|e| e.pointer(pointer));
                if got != Some(&check["equals"]) {
                    return Err(format!(
                        "events[{index}]{pointer}: expected {} got {got:?}",
                        check["equals"]
                    ));
                }
            }
            for check in expect
                .get("checks")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let pointer = check["pointer"].as_str().unwrap_or_default();
                let got = out.pointer(pointer);
                if check["absent"] == true {
                    if got.is_some() {
                        return Err(format!("{pointer}: expected nothing, got {got:?}"));
                    }
                    continue;
                }
                if got != Some(&check["equals"]) {
                    return Err(format!(
                        "{pointer}: expected {} got {got:?}",
                        check["equals"]
                    ));
                }
            }
            Ok(())
        }
    }
}

fn intrinsic_expectation(expect: &Value) -> Value {
    let failure = expect
        .as_object()
        .filter(|o| o.len() == 2 && o.contains_key("error") && o.contains_key("cause"));
    match failure {
        Some(f) if f["error"] == "InvalidDefinition" => {
            json!({"invalid": [{"code": "INVALID_INTRINSIC_FUNCTION", "pointer": "/States/S/Parameters/r.$", "message": f["cause"]}]})
        }
        Some(f) => json!({"status": "FAILED", "error": f["error"], "cause": f["cause"]}),
        None => json!({"status": "SUCCEEDED", "output": {"r": expect}}),
    }
}

#[test]
fn documented_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let cases: Vec<(String, Case)> = testkit::cases::load(&dir);
    testkit::cases::check_all(
        "documented cases",
        &cases,
        |c| &c.name,
        |case| {
            if case.doc.is_empty() {
                return Err("cites no documentation".into());
            }
            check(case).map_err(|e| match &case.note {
                Some(n) => format!("{e} (note: {n})"),
                None => e,
            })
        },
    );
}
