//! Runs every lint case in `tests/lint/*.json`: `{"name", "doc", "use", "policy",
//! "patch"?, "account"?, "expectCodes": [...], "expectAbsent": [...], "expectFindings":
//! [{"code", "pointer", "messageContains"?, "message"?}]}`; `patch` (testkit's, with its
//! `fill` for long strings) is applied to the policy first; `doc` cites Access Analyzer's
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
    #[serde(default)]
    patch: Vec<testkit::patch::Op>,
    account: Option<String>,
    #[serde(default)]
    expect_codes: Vec<String>,
    #[serde(default)]
    expect_absent: Vec<String>,
    #[serde(default)]
    expect_findings: Vec<FindingExpect>,
}

/// A finding a case must produce: its code at its pointer, with its message.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct FindingExpect {
    code: String,
    pointer: String,
    message_contains: Option<String>,
    message: Option<String>,
}

impl FindingExpect {
    fn found_in(&self, findings: &[iam::Finding]) -> bool {
        findings.iter().any(|f| {
            f.code.as_str() == self.code
                && f.pointer == self.pointer
                && self
                    .message_contains
                    .as_ref()
                    .is_none_or(|m| f.message.contains(m.as_str()))
                && self.message.as_ref().is_none_or(|m| f.message == *m)
        })
    }
}

fn check(case: &Case) -> Result<(), String> {
    if case.doc.is_empty() {
        return Err("no doc".into());
    }
    if case.expect_codes.is_empty()
        && case.expect_absent.is_empty()
        && case.expect_findings.is_empty()
    {
        return Err("expects nothing".into());
    }
    let use_ = case
        .policy_use
        .as_deref()
        .and_then(iam::PolicyUse::parse)
        .unwrap_or(iam::PolicyUse::Identity);
    let mut policy = case.policy.clone();
    testkit::patch::apply(&mut policy, &case.patch)?;
    let findings = match &case.account {
        Some(a) => iam::lint_in_account(&policy, use_, a),
        None => iam::lint(&policy, use_),
    };
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    let mut wrong: Vec<String> = case
        .expect_codes
        .iter()
        .filter(|want| !codes.contains(&want.as_str()))
        .map(|want| format!("missing {want}"))
        .collect();
    wrong.extend(
        case.expect_absent
            .iter()
            .filter(|not| codes.contains(&not.as_str()))
            .map(|not| format!("unexpected {not}")),
    );
    wrong.extend(
        case.expect_findings
            .iter()
            .filter(|want| !want.found_in(&findings))
            .map(|want| format!("missing {} at {}", want.code, want.pointer)),
    );
    if wrong.is_empty() {
        Ok(())
    } else {
        let got: Vec<String> = findings
            .iter()
            .map(|f| format!("{} at {}: {}", f.code.as_str(), f.pointer, f.message))
            .collect();
        Err(format!("{}; got {got:#?}", wrong.join(", ")))
    }
}

#[test]
fn lint_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint");
    let cases: Vec<(String, Case)> = testkit::cases::load(&dir);
    assert!(cases.len() >= 30, "only {} lint cases", cases.len());
    testkit::cases::check_all("lint cases", &cases, |c| &c.name, check);
}
