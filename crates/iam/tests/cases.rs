//! Runs every authorization case in `tests/cases/*.json`: each file holds an array of
//! `{"name", "doc", "input", "expect", "expectExplanationContains"?, "expectReason"?}`
//! (or `"expectError"` with substrings of the error for malformed input). `doc` cites the
//! IAM User Guide page the expectation comes from.

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
        let value = jsonloc::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
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

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn run(case: &Value) -> Result<(), String> {
    let doc = case.get("doc").and_then(Value::as_str).unwrap_or("");
    if doc.is_empty() {
        return Err("no `doc` citing the IAM User Guide".into());
    }
    let input = case.get("input").ok_or("no input")?;
    let parsed = iam::RequestDocument::from_value(input);
    if let Some(expected) = case.get("expectError") {
        let err = match parsed {
            Ok(_) => return Err("expected an error, the request parsed".into()),
            Err(e) => e.to_string(),
        };
        for want in strings(Some(expected)) {
            if !err.contains(&want) {
                return Err(format!("error `{err}` lacks `{want}`"));
            }
        }
        return Ok(());
    }
    let request = parsed.map_err(|e| format!("request error: {e}"))?;
    let expect = case
        .get("expect")
        .and_then(Value::as_str)
        .ok_or("no expect")?;
    request.evaluate(|decision| {
        let summary = decision.explanation.summary();
        let json = decision.explanation.to_json().to_string();
        if decision.result.as_str() != expect {
            return Err(format!(
                "got {} (expected {expect}): {summary}",
                decision.result.as_str()
            ));
        }
        if let Some(reason) = case.get("expectReason").and_then(Value::as_str) {
            if decision.explanation.reason().code() != reason {
                return Err(format!(
                    "reason {} (expected {reason}): {summary}",
                    decision.explanation.reason().code()
                ));
            }
        }
        for want in strings(case.get("expectExplanationContains")) {
            if !summary.contains(&want) && !json.contains(&want) {
                return Err(format!("explanation lacks `{want}`: {summary}"));
            }
        }
        Ok(())
    })
}

#[test]
fn authorization_cases() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(file, case)| {
            let name = case
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("(unnamed)");
            run(case).err().map(|e| format!("{file}: {name}: {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn bench_request_is_allowed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/iam_request.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let doc = iam::RequestDocument::parse_text(&text).expect("bench request parses");
    doc.evaluate(|d| {
        assert_eq!(
            d.result,
            iam::AuthorizationResult::Allowed,
            "{}",
            d.explanation.summary()
        )
    });
}

#[test]
fn typed_reports_read_as_their_json() {
    for (file, case) in cases() {
        let Some(Ok(request)) = case.get("input").map(iam::RequestDocument::from_value) else {
            continue;
        };
        request.evaluate(|decision| {
            let report = decision.explanation.report();
            let json = decision.explanation.to_json();
            let name = case.get("name").and_then(Value::as_str).unwrap_or("?");
            assert_eq!(serde_json::to_value(&report).ok(), Some(json.clone()));
            assert_eq!(report.result, decision.result, "{file}: {name}");
            let first = report.first_deciding();
            assert_eq!(
                first.map(|d| d.policy_kind.code()),
                json.pointer("/decidingStatements/0/policyKind")
                    .and_then(Value::as_str),
                "{file}: {name}"
            );
            assert_eq!(
                first.map(|d| d.statement.pointer.as_str()),
                json.pointer("/decidingStatements/0/pointer")
                    .and_then(Value::as_str),
                "{file}: {name}"
            );
            assert_eq!(
                first.and_then(|d| d.statement.failure_detail()),
                json.pointer("/decidingStatements/0/failed/detail")
                    .and_then(Value::as_str),
                "{file}: {name}"
            );
        });
    }
}

#[test]
fn malformed_input_is_a_located_diagnostic() {
    use jsonloc::DiagnosticCode;
    let text = "{\"Statement\": [{\"Effect\": \"Permit\", \"Action\": \"s3:*\"}]}";
    let e = iam::Policy::parse_text(text).unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_EFFECT");
    assert_eq!(e.message, "invalid Effect `Permit`: use Allow or Deny");
    assert_eq!(
        e.to_string(),
        "1:17: error INVALID_EFFECT at /Statement/0/Effect: invalid Effect `Permit`: use Allow or Deny"
    );
    let request = serde_json::json!({
        "request": {"principal": "arn:aws:iam::111111111111:user/bob", "action": "s3:GetObject"},
        "identityPolicies": [{"Statement": [{"Effect": "Permit", "Action": "s3:*"}]}],
    });
    let e = iam::RequestDocument::from_value(&request).unwrap_err();
    assert_eq!(
        e.code,
        iam::RequestErrorKind::Policy(iam::PolicyErrorKind::InvalidEffect("Permit".into()))
    );
    assert_eq!(e.code.as_str(), "INVALID_EFFECT");
    assert_eq!(e.pointer, "/identityPolicies/0/Statement/0/Effect");
    let e = iam::Policy::parse_text("{").unwrap_err();
    assert_eq!(e.code.as_str(), "JSON_SYNTAX_ERROR");
    assert_eq!(e.pointer, "");
    assert!(e.position.is_some());
    assert!(e.message.starts_with("invalid JSON: "), "{e}");
}
