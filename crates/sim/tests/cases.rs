//! Runs every scenario case in `tests/cases/*.json`: each file holds an array of
//! `{"name", "doc", "preset" | "scenario", "patch"?, "expect"}`. `patch` is a small JSON
//! patch (`add`, `remove`, `replace`) applied to the preset; `expect` gives the status,
//! output, error, cause (substring), calls (`{"index"|"action", "result", "summaryContains",
//! "adviceContains", "errorContains", "pointer"}`, the first call with that action),
//! `callErrorContains` (some call's error), `executions` (how many) or, for invalid
//! scenarios, diagnostics (`{"severity", "code", "pointer", "messageContains"}`) that
//! `validate_text` must report. `doc` cites the AWS page the expectation comes from.

use jsonloc::DiagnosticCode;
use serde_json::Value;
use std::path::Path;

fn cases() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable case file");
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        for case in value.as_array().expect("a case file is an array") {
            out.push((stem.clone(), case.clone()));
        }
    }
    out
}

fn parent_and_token(doc: &mut Value, path: &str) -> Result<(Value, String), String> {
    let (parent, token) = path.rsplit_once('/').ok_or(format!("bad path {path}"))?;
    let token = token.replace("~1", "/").replace("~0", "~");
    let target = doc.pointer_mut(parent).ok_or(format!("no {parent}"))?;
    Ok((std::mem::take(target), token))
}

fn patch(doc: &mut Value, ops: &[Value]) -> Result<(), String> {
    for op in ops {
        let kind = op["op"].as_str().ok_or("patch op without op")?;
        let path = op["path"].as_str().ok_or("patch op without path")?;
        let value = op.get("value").cloned();
        let (mut parent, token) = parent_and_token(doc, path)?;
        match (&mut parent, kind) {
            (Value::Object(m), "remove") => {
                m.remove(&token).ok_or(format!("remove: no {path}"))?;
            }
            (Value::Object(m), "add" | "replace") => {
                m.insert(token, value.ok_or("no value")?);
            }
            (Value::Array(a), "remove") => {
                let i: usize = token.parse().map_err(|_| format!("bad index {path}"))?;
                a.remove(i);
            }
            (Value::Array(a), "add") if token == "-" => a.push(value.ok_or("no value")?),
            (Value::Array(a), "add") => {
                let i: usize = token.parse().map_err(|_| format!("bad index {path}"))?;
                a.insert(i, value.ok_or("no value")?);
            }
            (Value::Array(a), "replace") => {
                let i: usize = token.parse().map_err(|_| format!("bad index {path}"))?;
                *a.get_mut(i).ok_or(format!("no {path}"))? = value.ok_or("no value")?;
            }
            _ => return Err(format!("cannot {kind} at {path}")),
        }
        let (parent_path, _) = path.rsplit_once('/').unwrap_or(("", ""));
        *doc.pointer_mut(parent_path).ok_or("lost parent")? = parent;
    }
    Ok(())
}

fn contains(actual: Option<&Value>, want: &Value) -> bool {
    actual
        .and_then(Value::as_str)
        .zip(want.as_str())
        .is_some_and(|(a, w)| a.contains(w))
}

fn run(case: &Value) -> Result<(), String> {
    if case["doc"].as_str().unwrap_or("").is_empty() {
        return Err("no `doc` citing the AWS documentation".into());
    }
    let mut doc = match (case.get("preset"), case.get("scenario")) {
        (Some(id), None) => {
            let id = id.as_str().ok_or("preset is an id")?;
            let p = sim::preset(id).ok_or(format!("no preset {id}"))?;
            serde_json::from_str(p.text).map_err(|e| e.to_string())?
        }
        (None, Some(s)) => s.clone(),
        _ => return Err("give `preset` or `scenario`".into()),
    };
    if let Some(ops) = case.get("patch").and_then(Value::as_array) {
        patch(&mut doc, ops)?;
    }
    let expect = &case["expect"];
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    if let Some(wanted) = expect.get("diagnostics").and_then(Value::as_array) {
        let diags = sim::validate_text(&text);
        for w in wanted {
            let found = diags.iter().any(|d| {
                w.get("severity").is_none_or(|s| s == d.severity.as_str())
                    && w.get("code").is_none_or(|c| c == d.code.as_str())
                    && w.get("pointer").is_none_or(|p| p == d.pointer.as_str())
                    && w.get("messageContains")
                        .is_none_or(|m| m.as_str().is_some_and(|m| d.message.contains(m)))
                    && d.position.is_some()
            });
            if !found {
                let got: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
                return Err(format!("no diagnostic like {w}; got {got:#?}"));
            }
        }
    }
    let Some(status) = expect.get("status") else {
        let rejected = sim::Scenario::parse_text(&text).is_err();
        let want_valid = expect.get("valid") == Some(&Value::Bool(true));
        return match (rejected, want_valid) {
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
    let report = sim::run(&scenario).to_json();
    if &report["status"] != status {
        return Err(format!(
            "status {} (error {}, cause {}), expected {status}",
            report["status"], report["error"], report["cause"]
        ));
    }
    if let Some(output) = expect.get("output") {
        if &report["output"] != output {
            return Err(format!("output {}, expected {output}", report["output"]));
        }
    }
    if let Some(error) = expect.get("error") {
        if &report["error"] != error {
            return Err(format!(
                "error {} (cause {}), expected {error}",
                report["error"], report["cause"]
            ));
        }
    }
    if let Some(cause) = expect.get("cause") {
        if !contains(report.get("cause"), cause) {
            return Err(format!("cause {} lacks {cause}", report["cause"]));
        }
    }
    if let Some(n) = expect.get("executions").and_then(Value::as_u64) {
        let got = report["executions"].as_array().map_or(0, Vec::len);
        if got as u64 != n {
            return Err(format!("{got} executions, expected {n}"));
        }
    }
    let calls = report["calls"].as_array().cloned().unwrap_or_default();
    if let Some(w) = expect.get("callErrorContains") {
        if !calls.iter().any(|c| {
            contains(Some(&c["error"]["error"]), w) || contains(Some(&c["error"]["cause"]), w)
        }) {
            return Err(format!("no call error contains {w}"));
        }
    }
    for want in expect
        .get("calls")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let call = match (want.get("index"), want.get("action")) {
            (Some(i), _) => i.as_u64().and_then(|i| calls.get(i as usize)),
            (None, Some(a)) => calls.iter().find(|c| &c["action"] == a),
            _ => return Err("a call expectation needs index or action".into()),
        }
        .ok_or(format!("no call like {want}"))?;
        let decision = &call["decision"];
        if let Some(r) = want.get("result") {
            if &decision["result"] != r {
                return Err(format!(
                    "call {} decided {}: {}",
                    call["id"], decision["result"], decision["summary"]
                ));
            }
        }
        for (key, field) in [
            ("summaryContains", &decision["summary"]),
            ("adviceContains", &decision["advice"]),
            ("errorContains", &call["error"]["error"]),
        ] {
            if let Some(w) = want.get(key) {
                if !contains(Some(field), w) {
                    return Err(format!("call {}: {key} {w} not in {field}", call["id"]));
                }
            }
        }
        if let Some(p) = want.get("pointer") {
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
    let cases = cases();
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(file, case)| {
            let name = case["name"].as_str().unwrap_or("?");
            run(case).err().map(|e| format!("{file}/{name}: {e}"))
        })
        .collect();
    println!("{} scenario cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_preset_parses_and_the_seed_comes_first() {
    assert_eq!(
        sim::presets().first().map(|p| p.id),
        Some("cross-account-secret-cache")
    );
    for p in sim::presets() {
        assert!(sim::Scenario::parse_text(p.text).is_ok(), "{}", p.id);
    }
}
