//! Runs every scenario case in `tests/cases/*.json`: each file holds an array of
//! `{"name", "doc", "preset" | "scenario", "patch"?, "expect"}`. `patch` is a small JSON
//! patch (`add`, `remove`, `replace`) applied to the preset; `expect` gives the status,
//! output, error, cause (substring), calls (`{"index"|"action", "result", "headline",
//! "summaryContains", "adviceContains", "errorContains", "pointer"}`, the first call with
//! that action; `headline` word for word),
//! `callErrorContains` (some call's error), `executions` (how many), `mapRuns` (each Map Run
//! of the report must have the fields given, compared recursively: objects by the keys
//! given, arrays element by element), `events` (the top-level execution's event types, in
//! order), `paused` (the states of the Tasks still waiting for their token, in order) or, for
//! invalid
//! scenarios, diagnostics (`{"severity", "code", "pointer", "messageContains", "textAt"}`)
//! that `validate_text` must report, `textAt` being how the scenario's text (pretty-printed)
//! reads from the diagnostic's line and column. `doc` cites the AWS page the expectation comes from.
//! `fill` makes large values in the scenario before it runs (`testkit::fill`), and `limits`
//! (`asl::Limits` as JSON) replaces the run's budget.

use jsonloc::DiagnosticCode;
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;
use testkit::patch::Op;

/// One case of `tests/cases/*.json` (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    doc: String,
    preset: Option<String>,
    scenario: Option<Value>,
    #[serde(default)]
    patch: Vec<Op>,
    #[serde(default)]
    fill: Vec<testkit::fill::Fill>,
    limits: Option<asl::Limits>,
    expect: Expect,
}

/// What a case expects of the scenario's validation or run.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    status: Option<Value>,
    output: Option<Value>,
    error: Option<Value>,
    cause: Option<Value>,
    executions: Option<u64>,
    events: Option<Vec<String>>,
    paused: Option<Vec<String>>,
    call_error_contains: Option<Value>,
    map_runs: Option<Vec<Value>>,
    #[serde(default)]
    calls: Vec<CallExpect>,
    diagnostics: Option<Vec<DiagnosticExpect>>,
    #[serde(default)]
    valid: bool,
}

/// A call of the run (by index, or the first with the action) and what it must show.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CallExpect {
    index: Option<usize>,
    action: Option<Value>,
    result: Option<Value>,
    headline: Option<Value>,
    summary_contains: Option<Value>,
    advice_contains: Option<Value>,
    error_contains: Option<Value>,
    pointer: Option<Value>,
}

/// A diagnostic `validate_text` must report, located.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DiagnosticExpect {
    severity: Option<String>,
    code: Option<String>,
    pointer: Option<String>,
    message_contains: Option<String>,
    text_at: Option<String>,
}

/// The text from a 1-based line and column on.
fn text_from(text: &str, line: usize, column: usize) -> &str {
    let Some(row) = text.split_inclusive('\n').nth(line.saturating_sub(1)) else {
        return "";
    };
    let start = row.as_ptr() as usize - text.as_ptr() as usize;
    let at = row
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(row.len(), |(i, _)| i);
    &text[start + at..]
}

/// Whether `value` serializes to JSON that reads back as an equal value.
fn reads_back<T>(value: &T) -> Result<(), String>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq,
{
    let json = serde_json::to_value(value).map_err(|e| e.to_string())?;
    let read: T = serde_json::from_value(json).map_err(|e| format!("does not read back: {e}"))?;
    match read == *value {
        true => Ok(()),
        false => Err("read back, it differs from what was written".into()),
    }
}

fn contains(actual: Option<&Value>, want: &Value) -> bool {
    actual
        .and_then(Value::as_str)
        .zip(want.as_str())
        .is_some_and(|(a, w)| a.contains(w))
}

/// Whether `actual` has everything `want` gives: the keys of an object, every element of
/// an array (of the same length), any other value equal.
fn has(actual: &Value, want: &Value) -> bool {
    match (actual, want) {
        (Value::Object(a), Value::Object(w)) => w
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|got| has(got, v))),
        (Value::Array(a), Value::Array(w)) => {
            a.len() == w.len() && a.iter().zip(w).all(|(got, v)| has(got, v))
        }
        _ => actual == want,
    }
}

fn run(case: &Case) -> Result<(), String> {
    if case.doc.is_empty() {
        return Err("no `doc` citing the AWS documentation".into());
    }
    let mut doc = testkit::patch::case_document(
        case.preset.as_deref(),
        case.scenario.as_ref(),
        &case.patch,
        |id| sim::preset(id).map(|p| p.text),
    )?;
    testkit::fill::apply(&mut doc, &case.fill)?;
    let expect = &case.expect;
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    if let Some(wanted) = &expect.diagnostics {
        let diags = sim::validate_text(&text);
        reads_back(&diags)?;
        for w in wanted {
            let found = diags.iter().any(|d| {
                w.severity.as_ref().is_none_or(|s| s == d.severity.as_str())
                    && w.code.as_ref().is_none_or(|c| c == d.code.as_str())
                    && w.pointer.as_ref().is_none_or(|p| p == d.pointer.as_str())
                    && w.message_contains
                        .as_ref()
                        .is_none_or(|m| d.message.contains(m.as_str()))
                    && d.position.is_some_and(|p| {
                        w.text_at
                            .as_ref()
                            .is_none_or(|t| text_from(&text, p.line, p.column).starts_with(t))
                    })
            });
            if !found {
                let got: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
                return Err(format!("no diagnostic like {w:?}; got {got:#?}"));
            }
        }
    }
    let Some(status) = &expect.status else {
        let rejected = sim::Scenario::parse_text(&text).is_err();
        return match (rejected, expect.valid) {
            (true, false) | (false, true) => Ok(()),
            (false, false) => Err("expected the scenario to be rejected".into()),
            (true, true) => Err("expected the scenario to be valid".into()),
        };
    };
    let scenario = sim::Scenario::parse_text(&text).map_err(|d| {
        format!(
            "invalid scenario: {}",
            d.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    let settings = match case.limits {
        Some(limits) => sim::RunSettings {
            limits,
            ..sim::RunSettings::default()
        },
        None => sim::RunSettings::default(),
    };
    let report = sim::run_with(&scenario, &settings);
    reads_back(&report)?;
    let report = report.to_json();
    if &report["status"] != status {
        return Err(format!(
            "status {} (error {}, cause {}), expected {status}",
            report["status"], report["error"], report["cause"]
        ));
    }
    if let Some(output) = &expect.output {
        if &report["output"] != output {
            return Err(format!("output {}, expected {output}", report["output"]));
        }
    }
    if let Some(error) = &expect.error {
        if &report["error"] != error {
            return Err(format!(
                "error {} (cause {}), expected {error}",
                report["error"], report["cause"]
            ));
        }
    }
    if let Some(cause) = &expect.cause {
        if !contains(report.get("cause"), cause) {
            return Err(format!("cause {} lacks {cause}", report["cause"]));
        }
    }
    if let Some(n) = expect.executions {
        let got = report["executions"].as_array().map_or(0, Vec::len);
        if got as u64 != n {
            return Err(format!("{got} executions, expected {n}"));
        }
    }
    if let Some(runs) = &expect.map_runs {
        let got = &report["mapRuns"];
        if !has(got, &Value::Array(runs.clone())) {
            return Err(format!("map runs {got}, expected {runs:?}"));
        }
    }
    let strings = |list: &Value, key: &str| -> Vec<String> {
        list.as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v[key].as_str().map(str::to_string))
            .collect()
    };
    if let Some(events) = &expect.events {
        let got = strings(&report["events"], "type");
        if &got != events {
            return Err(format!("events {got:?}, expected {events:?}"));
        }
    }
    if let Some(paused) = &expect.paused {
        let got = strings(&report["paused"], "state");
        if &got != paused {
            return Err(format!("paused {got:?}, expected {paused:?}"));
        }
    }
    let calls = report["calls"].as_array().cloned().unwrap_or_default();
    if let Some(w) = &expect.call_error_contains {
        if !calls.iter().any(|c| {
            contains(Some(&c["error"]["error"]), w) || contains(Some(&c["error"]["cause"]), w)
        }) {
            return Err(format!("no call error contains {w}"));
        }
    }
    for want in &expect.calls {
        let call = match (want.index, &want.action) {
            (Some(i), _) => calls.get(i),
            (None, Some(a)) => calls.iter().find(|c| &c["action"] == a),
            _ => return Err("a call expectation needs index or action".into()),
        }
        .ok_or(format!("no call like {want:?}"))?;
        let decision = &call["decision"];
        if let Some(r) = &want.result {
            if &decision["result"] != r {
                return Err(format!(
                    "call {} decided {}: {}",
                    call["id"], decision["result"], decision["summary"]
                ));
            }
        }
        if let Some(h) = &want.headline {
            if &decision["headline"] != h {
                return Err(format!(
                    "call {}: headline {}, expected {h}",
                    call["id"], decision["headline"]
                ));
            }
        }
        for (key, wanted, field) in [
            (
                "summaryContains",
                &want.summary_contains,
                &decision["summary"],
            ),
            ("adviceContains", &want.advice_contains, &decision["advice"]),
            (
                "errorContains",
                &want.error_contains,
                &call["error"]["error"],
            ),
        ] {
            if let Some(w) = wanted {
                if !contains(Some(field), w) {
                    return Err(format!("call {}: {key} {w} not in {field}", call["id"]));
                }
            }
        }
        if let Some(p) = &want.pointer {
            let pointers: Vec<&Value> = decision["explanation"]["decidingStatements"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| &s["pointer"])
                .collect();
            if !pointers.contains(&p) {
                return Err(format!(
                    "call {}: no deciding statement at {p} ({pointers:?})",
                    call["id"]
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn scenario_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let cases: Vec<(String, Case)> = testkit::cases::load(&dir);
    testkit::cases::check_all("scenario cases", &cases, |c| &c.name, run);
}

#[test]
fn every_presets_report_reads_back_from_its_json() {
    for p in sim::presets() {
        let scenario = sim::Scenario::parse_text(p.text).unwrap();
        let report = sim::run(&scenario);
        assert!(!report.calls.is_empty(), "{}", p.id);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json, report.to_json(), "{}", p.id);
        let read: sim::Report = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(read, report, "{}", p.id);
        assert_eq!(serde_json::to_value(&read).unwrap(), json, "{}", p.id);
    }
}

#[test]
fn a_report_that_is_not_the_engines_does_not_read() {
    let p = sim::preset("cross-account-secret-cache").unwrap();
    let json = sim::run(&sim::Scenario::parse_text(p.text).unwrap()).to_json();
    for (pointer, value) in [
        ("/calls/0/action", "sts:Fly"),
        ("/calls/0/api", "Fly"),
        ("/calls/0/service", "ec2"),
        ("/calls/0/decision/reason", "maybe"),
        ("/executions/0/type", "STANDARDISH"),
    ] {
        let mut bad = json.clone();
        *bad.pointer_mut(pointer).unwrap() = value.into();
        assert!(
            serde_json::from_value::<sim::Report>(bad).is_err(),
            "{pointer} = {value} read"
        );
    }
}

#[test]
fn every_preset_parses_and_the_seed_comes_first() {
    assert_eq!(
        sim::presets().first().map(|p| p.id),
        Some("cross-account-secret-cache")
    );
    for p in sim::presets() {
        assert!(sim::Scenario::parse_text(p.text).is_ok(), "{}", p.id);
        // The page names a scenario by its own title when it differs from its preset's (a
        // link's or a file's scenario): a preset's document carries the catalogue's title.
        let doc: serde_json::Value = serde_json::from_str(p.text).expect("preset JSON");
        assert_eq!(
            doc["title"].as_str(),
            Some(p.title),
            "{}: the document's title",
            p.id
        );
    }
}
