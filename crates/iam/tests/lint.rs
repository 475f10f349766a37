//! Runs every lint case in `tests/lint/*.json`: `{"name", "doc", "use", "policy",
//! "expectCodes": [...], "expectAbsent": [...]}`; `doc` cites Access Analyzer's policy
//! check reference or the IAM User Guide.

use serde_json::Value;
use std::path::Path;

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn lint_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/lint exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut count = 0;
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let cases = jsonloc::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in cases.as_array().expect("array") {
            count += 1;
            let name = case
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("(unnamed)");
            if case
                .get("doc")
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                failures.push(format!("{name}: no doc"));
            }
            let use_ = case
                .get("use")
                .and_then(Value::as_str)
                .and_then(iam::PolicyUse::parse)
                .unwrap_or(iam::PolicyUse::Identity);
            let policy = case.get("policy").cloned().unwrap_or(Value::Null);
            let findings = match case.get("account").and_then(Value::as_str) {
                Some(a) => iam::lint_in_account(&policy, use_, a),
                None => iam::lint(&policy, use_),
            };
            let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
            let expected = strings(case.get("expectCodes"));
            let absent = strings(case.get("expectAbsent"));
            if expected.is_empty() && absent.is_empty() {
                failures.push(format!("{name}: expects nothing"));
            }
            for want in &expected {
                if !codes.contains(&want.as_str()) {
                    failures.push(format!("{name}: missing {want}; got {codes:?}"));
                }
            }
            for not in &absent {
                if codes.contains(&not.as_str()) {
                    failures.push(format!("{name}: unexpected {not}; got {codes:?}"));
                }
            }
        }
    }
    assert!(count >= 30, "only {count} lint cases");
    assert!(
        failures.is_empty(),
        "{} lint failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
