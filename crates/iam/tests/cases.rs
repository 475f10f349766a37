//! Runs every authorization case in `tests/cases/*.json`: each file holds an array of
//! `{"name", "doc", "input", "expect", "expectExplanationContains"?, "expectReason"?,
//! "expectConditions"?}` (or `"expectError"` with substrings of the error for malformed
//! input). `expectConditions` lists condition entries of the deciding statements:
//! `{"pointer", "held", "requestValues"}`, an entry that held (in `matchedConditions`) or the
//! one that failed (`failed`), with the request's values for its key. `doc` cites the IAM
//! User Guide page the expectation comes from.

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

/// One case of `tests/cases/*.json` (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    doc: String,
    input: Value,
    expect: Option<String>,
    expect_error: Option<Vec<String>>,
    #[serde(default)]
    expect_explanation_contains: Vec<String>,
    expect_reason: Option<String>,
    #[serde(default)]
    expect_conditions: Vec<ConditionExpect>,
}

/// A condition entry of a deciding statement, by pointer: whether it held and what the
/// request had for its key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConditionExpect {
    pointer: String,
    held: bool,
    request_values: Vec<String>,
}

/// Whether a deciding statement of `report` has the condition entry `want` describes.
fn has_condition(report: &iam::ExplanationReport, want: &ConditionExpect) -> bool {
    report.deciding_statements.iter().any(|d| {
        let s = &d.statement;
        match want.held {
            true => s
                .matched_conditions
                .iter()
                .any(|m| m.pointer == want.pointer && m.request_values == want.request_values),
            false => s
                .failed
                .as_ref()
                .and_then(|f| f.condition.as_ref())
                .is_some_and(|c| {
                    c.pointer == want.pointer
                        && c.request_value.as_ref().map_or(&[][..], |v| v.as_slice())
                            == want.request_values.as_slice()
                }),
        }
    })
}

fn run(case: &Case) -> Result<(), String> {
    if case.doc.is_empty() {
        return Err("no `doc` citing the IAM User Guide".into());
    }
    let parsed = iam::RequestDocument::from_value(&case.input);
    if let Some(expected) = &case.expect_error {
        let err = match parsed {
            Ok(_) => return Err("expected an error, the request parsed".into()),
            Err(e) => e.to_string(),
        };
        for want in expected {
            if !err.contains(want.as_str()) {
                return Err(format!("error `{err}` lacks `{want}`"));
            }
        }
        return Ok(());
    }
    let request = parsed.map_err(|e| format!("request error: {e}"))?;
    let expect = case.expect.as_deref().ok_or("no expect")?;
    request.evaluate(|decision| {
        let summary = decision.explanation.summary();
        let json = decision.explanation.to_json().to_string();
        if decision.result.as_str() != expect {
            return Err(format!(
                "got {} (expected {expect}): {summary}",
                decision.result.as_str()
            ));
        }
        if let Some(reason) = &case.expect_reason {
            if decision.explanation.reason().code() != reason {
                return Err(format!(
                    "reason {} (expected {reason}): {summary}",
                    decision.explanation.reason().code()
                ));
            }
        }
        let report = decision.explanation.report();
        for want in &case.expect_conditions {
            if !has_condition(&report, want) {
                return Err(format!(
                    "no deciding statement with the condition {want:?}: {}",
                    serde_json::to_string(&report.deciding_statements).unwrap_or_default()
                ));
            }
        }
        for want in &case.expect_explanation_contains {
            if !summary.contains(want.as_str()) && !json.contains(want.as_str()) {
                return Err(format!("explanation lacks `{want}`: {summary}"));
            }
        }
        Ok(())
    })
}

fn cases() -> Vec<(String, Case)> {
    testkit::cases::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases"))
}

#[test]
fn authorization_cases() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    testkit::cases::check_all("authorization cases", &cases, |c| &c.name, run);
}

#[test]
fn bench_request_is_allowed() {
    let Some(path) = testkit::shared::dir().map(|d| d.join("bench/iam_request.json")) else {
        eprintln!("skipped: shared/ is absent beside the repository");
        return;
    };
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
fn typed_reports_read_as_their_json_and_back() {
    for (file, case) in cases() {
        let Ok(request) = iam::RequestDocument::from_value(&case.input) else {
            continue;
        };
        request.evaluate(|decision| {
            let report = decision.explanation.report();
            let json = decision.explanation.to_json();
            let name = &case.name;
            assert_eq!(serde_json::to_value(&report).ok(), Some(json.clone()));
            let read: iam::ExplanationReport = serde_json::from_value(json.clone())
                .unwrap_or_else(|e| panic!("{file}: {name}: the JSON does not read back: {e}"));
            assert_eq!(
                read, report,
                "{file}: {name}: the report does not round-trip"
            );
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
