//! Runs every lint case in `tests/lint/*.json`: `{"name", "doc", "use", "policy",
//! "account"?, "expectCodes": [...], "expectAbsent": [...]}`; `doc` cites Access Analyzer's
//! policy check reference or the IAM User Guide.

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

/// One case of `tests/lint/*.json` (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    doc: String,
    #[serde(rename = "use")]
    policy_use: Option<String>,
    #[serde(default)]
    policy: Value,
    account: Option<String>,
    #[serde(default)]
    expect_codes: Vec<String>,
    #[serde(default)]
    expect_absent: Vec<String>,
}

#[test]
fn lint_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint");
    let cases: Vec<(String, Case)> = testkit::cases::load(&dir);
    let mut failures = Vec::new();
    for (_, case) in &cases {
        let name = &case.name;
        if case.doc.is_empty() {
            failures.push(format!("{name}: no doc"));
        }
        let use_ = case
            .policy_use
            .as_deref()
            .and_then(iam::PolicyUse::parse)
            .unwrap_or(iam::PolicyUse::Identity);
        let findings = match &case.account {
            Some(a) => iam::lint_in_account(&case.policy, use_, a),
            None => iam::lint(&case.policy, use_),
        };
        let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
        if case.expect_codes.is_empty() && case.expect_absent.is_empty() {
            failures.push(format!("{name}: expects nothing"));
        }
        for want in &case.expect_codes {
            if !codes.contains(&want.as_str()) {
                failures.push(format!("{name}: missing {want}; got {codes:?}"));
            }
        }
        for not in &case.expect_absent {
            if codes.contains(&not.as_str()) {
                failures.push(format!("{name}: unexpected {not}; got {codes:?}"));
            }
        }
    }
    let count = cases.len();
    assert!(count >= 30, "only {count} lint cases");
    assert!(
        failures.is_empty(),
        "{} lint failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
