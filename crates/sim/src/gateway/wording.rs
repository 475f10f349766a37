//! Words the headline, the advice and the fixes share: a policy named by its place in the
//! scenario, a statement by its `Sid` or index, a condition's values quoted, and why a
//! statement did not apply. Words and ARNs only: no JSON pointers, no backticks.

use super::facts::Facts;
use iam::{ConditionMiss, FailedPart, PolicyKind, StatementReport};
use serde_json::Value;

/// A policy in words, from where it sits: `the trust policy of role R (account A)`,
/// `policy P of role R (account A)`, `the resource policy of function F (account A)`,
/// `the key policy of key K (account A)`, `SCP NAME`; an AWS managed key's policy (placed
/// at the `kmsKeyId` naming it) is `the key policy of AWS managed key ALIAS (account A)`.
pub(crate) fn policy_phrase(kind: PolicyKind, name: &str, pointer: &str) -> String {
    let tokens = jsonloc::pointer_tokens(pointer);
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    match t.as_slice() {
        ["accounts", account, "roles", role, "assumeRolePolicyDocument", ..] => {
            format!("the trust policy of role {role} (account {account})")
        }
        ["accounts", account, "roles", role, "policies", policy, ..] => {
            format!("policy {policy} of role {role} (account {account})")
        }
        ["accounts", account, "roles", role, "permissionsBoundary", ..] => {
            format!("the permissions boundary of role {role} (account {account})")
        }
        ["accounts", account, collection, resource, "resourcePolicy", ..] => {
            format!(
                "the resource policy of {} {resource} (account {account})",
                resource_noun(collection)
            )
        }
        ["accounts", account, "kmsKeys", key, "keyPolicy", ..] => {
            format!("the key policy of key {key} (account {account})")
        }
        ["accounts", account, _, _, "kmsKeyId", ..] => {
            format!("the key policy of AWS managed key {name} (account {account})")
        }
        _ => match kind {
            PolicyKind::Scp => format!("SCP {name}"),
            PolicyKind::Rcp => format!("RCP {name}"),
            _ => format!("policy {name}"),
        },
    }
}

/// What one resource of a scenario collection is called.
fn resource_noun(collection: &str) -> &str {
    match collection {
        "secrets" => "secret",
        "dynamodbTables" => "table",
        "lambdaFunctions" => "function",
        "sqsQueues" => "queue",
        "snsTopics" => "topic",
        "s3Buckets" => "bucket",
        "restApis" => "API",
        other => other,
    }
}

/// `statement "SID"`, or `statement #INDEX` when it has no `Sid`.
pub(crate) fn statement_name(s: &StatementReport) -> String {
    match s.sid.as_deref() {
        Some(sid) if !sid.is_empty() => format!("statement \"{sid}\""),
        _ => format!("statement #{}", s.index),
    }
}

/// Values in double quotes, joined with `joiner`.
pub(crate) fn quoted(values: &[String], joiner: &str) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(joiner)
}

/// A string or array-of-strings element as written, joined with `, `.
pub(crate) fn written_list(element: Option<&Value>) -> Option<String> {
    match element? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let items: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            Some(items?.join(", "))
        }
        _ => None,
    }
}

/// Whether an operator compares for a value (equality or wildcard match), so that a
/// statement with it "expects" its values.
pub(crate) fn expects(operator: &str) -> bool {
    let base = operator.strip_suffix("IfExists").unwrap_or(operator);
    matches!(
        base,
        "StringEquals" | "StringEqualsIgnoreCase" | "StringLike" | "ArnEquals" | "ArnLike"
    )
}

/// What the call sent for a condition key: `"v"`, `"a", "b"`, or `no KEY`.
pub(crate) fn sent(miss: &ConditionMiss) -> String {
    match miss.request_value.as_ref().map(|v| v.as_slice()) {
        Some(values) if !values.is_empty() => quoted(values, ", "),
        _ => format!("no {}", miss.key),
    }
}

/// A failed condition as a predicate of its policy: `expects KEY "v", the call sent "w"`,
/// or for other operators `requires OPERATOR KEY "v", the call sent "w"`; a policy
/// variable without a value says so.
pub(crate) fn condition_predicate(miss: &ConditionMiss, variable: bool) -> String {
    if variable {
        return format!(
            "uses a policy variable in its condition on {} that the call has no value for",
            miss.key
        );
    }
    let values = quoted(&miss.policy_values, " or ");
    match expects(&miss.operator) {
        true => format!(
            "expects {} {values}, the call sent {}",
            miss.key,
            sent(miss)
        ),
        false => format!(
            "requires {} {} {values}, the call sent {}",
            miss.operator,
            miss.key,
            sent(miss)
        ),
    }
}

/// Whether a failure is a policy variable without a value rather than a mismatch.
pub(crate) fn is_variable_failure(detail: &str) -> bool {
    detail.contains("policy variable")
}

/// Why a statement did not apply, as a clause about it (`it expects …`, `its Action does
/// not include …`); `None` when it applies.
pub(crate) fn why_not(f: &Facts, s: &StatementReport) -> Option<String> {
    let failed = s.failed.as_ref()?;
    let written = f.written(s);
    let has = |element: &str| written.and_then(|w| w.get(element)).is_some();
    let (action, resource) = (f.access.action, &f.access.resource);
    let variable = is_variable_failure(&failed.detail);
    Some(match failed.part {
        FailedPart::Condition => match &failed.condition {
            Some(miss) => format!("it {}", condition_predicate(miss, variable)),
            None => "a condition of it does not hold".into(),
        },
        FailedPart::Action if has("NotAction") => format!("its NotAction excludes {action}"),
        FailedPart::Action => format!("its Action does not include {action}"),
        FailedPart::Resource if variable => {
            "a policy variable in its Resource has no value in the call".into()
        }
        FailedPart::Resource if has("NotResource") => {
            format!("its NotResource excludes {resource}")
        }
        FailedPart::Resource => format!("its Resource does not cover {resource}"),
        FailedPart::Principal if has("NotPrincipal") => {
            format!("its NotPrincipal excludes {}", f.caller())
        }
        FailedPart::Principal if !has("Principal") => "it has no Principal".into(),
        FailedPart::Principal => format!("its Principal does not include {}", f.caller()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_are_named_by_their_place() {
        let cases = [
            (
                "/accounts/2/roles/T/assumeRolePolicyDocument/Statement/0",
                "the trust policy of role T (account 2)",
            ),
            (
                "/accounts/1/roles/R/policies/Read~1Only/Statement",
                "policy Read/Only of role R (account 1)",
            ),
            (
                "/accounts/1/roles/R/permissionsBoundary/Statement/1",
                "the permissions boundary of role R (account 1)",
            ),
            (
                "/accounts/2/lambdaFunctions/F/resourcePolicy/Statement/0",
                "the resource policy of function F (account 2)",
            ),
            (
                "/accounts/2/kmsKeys/k-1/keyPolicy/Statement/0",
                "the key policy of key k-1 (account 2)",
            ),
            (
                "/accounts/2/secrets/S/kmsKeyId",
                "the key policy of AWS managed key Guard (account 2)",
            ),
            (
                "/organization/serviceControlPolicies/0/document/Statement/0",
                "SCP Guard",
            ),
        ];
        for (pointer, words) in cases {
            let kind = match pointer.starts_with("/organization") {
                true => PolicyKind::Scp,
                false => PolicyKind::Identity,
            };
            assert_eq!(policy_phrase(kind, "Guard", pointer), words);
        }
        assert!(expects("StringEqualsIfExists") && expects("ArnLike"));
        assert!(!expects("StringNotEquals") && !expects("ForAnyValue:StringEquals"));
    }
}
