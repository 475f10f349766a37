//! Grammar checks: version, statements, effect, action, resource, principal, Sid, ARN
//! format and policy variables.

use super::{strings, Check, Findings, PolicyUse};
use crate::action::is_service_qualified;
use crate::arn::{is_account_id, ArnParts};
use crate::policy::{POLICY_ELEMENTS, STATEMENT_ELEMENTS};
use crate::principal::PRINCIPAL_KEYS;
use crate::wildcard::has_wildcard;
use serde_json::{Map, Value};
use std::collections::HashMap;

pub(super) fn check(doc: &Value, out: &mut Findings) {
    let Some(map) = doc.as_object() else {
        out.add(
            Check::JsonSyntaxError,
            "",
            "A policy must be a JSON object.",
        );
        return;
    };
    for key in map.keys() {
        if !POLICY_ELEMENTS.contains(&key.as_str()) {
            out.add(
                Check::InvalidPolicyElement,
                &jsonloc::pointer_push("", key),
                format!("The policy element {key} is not valid."),
            );
        }
    }
    match map.get("Version") {
        None => out.add(
            Check::MissingVersion,
            "",
            "We recommend that you specify the Version element to help you with debugging permission issues.",
        ),
        Some(Value::String(v)) if v == "2012-10-17" || v == "2008-10-17" => {}
        Some(_) => out.add(
            Check::InvalidVersion,
            "/Version",
            "The version is not valid. Use one of the following versions: 2012-10-17, 2008-10-17.",
        ),
    }
    if map.get("Version").and_then(Value::as_str) != Some("2012-10-17") && text_has_variable(doc) {
        out.add(
            Check::VariableUnsupportedInVersion,
            "",
            "To include variables in your policy, use the policy version 2012-10-17 or later.",
        );
    }
    match map.get("Statement") {
        None => out.add(Check::MissingStatement, "", "Add a statement to the policy"),
        Some(Value::Array(items)) if items.is_empty() => out.add(
            Check::MissingStatement,
            "/Statement",
            "Add a statement to the policy",
        ),
        Some(Value::Array(_) | Value::Object(_)) => {}
        Some(_) => out.add(
            Check::DataTypeMismatch,
            "/Statement",
            "The text does not match the expected JSON data type.",
        ),
    }
    check_sids(doc, out);
}

fn text_has_variable(doc: &Value) -> bool {
    match doc {
        Value::String(s) => s.contains("${"),
        Value::Array(items) => items.iter().any(text_has_variable),
        Value::Object(m) => m.values().any(text_has_variable),
        _ => false,
    }
}

fn check_sids(doc: &Value, out: &mut Findings) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (pointer, st) in super::statements(doc) {
        let Some(sid) = st.get("Sid").and_then(Value::as_str) else {
            continue;
        };
        let p = format!("{pointer}/Sid");
        if sid.is_empty() {
            out.add(
                Check::EmptySidValue,
                &p,
                "Add a value to the empty string in the Sid element.",
            );
            continue;
        }
        if matches!(
            out.use_,
            PolicyUse::Identity
                | PolicyUse::Inline
                | PolicyUse::Boundary
                | PolicyUse::Scp
                | PolicyUse::Rcp
        ) && !sid.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            out.add(
                Check::UnsupportedSid,
                &p,
                "Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]",
            );
        }
        let count = seen.entry(sid).or_insert(0);
        *count += 1;
        if *count == 2 {
            out.add(
                Check::UniqueSidsRecommended,
                &p,
                "We recommend that you use statement IDs that are unique to your policy. Update the Sid value.",
            );
        }
    }
}

pub(super) fn check_statement(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    for key in st.keys() {
        if !STATEMENT_ELEMENTS.contains(&key.as_str()) {
            out.add(
                Check::InvalidPolicyElement,
                &jsonloc::pointer_push(pointer, key),
                format!("The policy element {key} is not valid."),
            );
        }
    }
    match st.get("Effect") {
        None => out.add(
            Check::MissingEffect,
            pointer,
            "Add an Effect element to the policy statement with a value of Allow or Deny.",
        ),
        Some(Value::String(e)) if e == "Allow" || e == "Deny" => {}
        Some(_) => out.add(
            Check::InvalidEffect,
            &format!("{pointer}/Effect"),
            "The effect is not valid. Use Allow or Deny.",
        ),
    }
    for (a, b) in [
        ("Action", "NotAction"),
        ("Resource", "NotResource"),
        ("Principal", "NotPrincipal"),
    ] {
        if st.contains_key(a) && st.contains_key(b) {
            out.add(
                Check::UnsupportedElementCombination,
                &format!("{pointer}/{b}"),
                format!("The policy elements {a} and {b} can not be used in the same statement. Remove one of these elements."),
            );
        }
    }
    check_actions(st, pointer, out);
    check_resources(st, pointer, out);
    check_principal(st, pointer, out);
}

fn check_actions(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let element = if st.contains_key("Action") {
        "Action"
    } else {
        "NotAction"
    };
    let Some(value) = st.get(element) else {
        out.add(
            Check::MissingAction,
            pointer,
            "Add an Action or NotAction element to the policy statement.",
        );
        return;
    };
    let p = format!("{pointer}/{element}");
    if value.as_array().is_some_and(Vec::is_empty) {
        out.add(
            Check::EmptyArrayAction,
            &p,
            "This statement includes no actions and does not affect the policy. Specify actions.",
        );
    }
    for (sub, action) in strings(Some(value)) {
        let at = format!("{p}{sub}");
        if action.contains("${") {
            out.add(
                Check::VariableUnsupportedInElement,
                &at,
                "Policy variables are supported in the Resource and Condition elements. Remove the policy variable from this element.",
            );
        }
        if action != "*" && !is_service_qualified(action) {
            out.add(
                Check::InvalidAction,
                &at,
                format!("The action {action} does not exist. Use the format service:Action."),
            );
        }
        if out.use_ == PolicyUse::Scp {
            let star = action.find('*');
            if star.is_some_and(|i| i + 1 != action.len()) || action.contains('?') {
                out.add(
                    Check::ScpSyntaxErrorActionWildcard,
                    &at,
                    "SCP actions can include wildcards (*) only at the end of a string. Update.",
                );
            }
        }
    }
}

fn check_resources(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let element = if st.contains_key("Resource") {
        "Resource"
    } else {
        "NotResource"
    };
    let Some(value) = st.get(element) else {
        if out.use_.is_identity() || matches!(out.use_, PolicyUse::Boundary | PolicyUse::Session) {
            out.add(
                Check::MissingResource,
                pointer,
                "Add a Resource or NotResource element to the policy statement.",
            );
        }
        return;
    };
    let p = format!("{pointer}/{element}");
    if value.as_array().is_some_and(Vec::is_empty) {
        out.add(
            Check::EmptyArrayResource,
            &p,
            "This statement includes no resources and does not affect the policy. Specify resources.",
        );
    }
    if out.use_ == PolicyUse::Scp && element == "NotResource" {
        out.add(
            Check::ScpSyntaxErrorNotResource,
            &p,
            "SCPs do not support the NotResource element. Update the policy to use Resource instead.",
        );
    }
    for (sub, arn) in strings(Some(value)) {
        check_arn(arn, &format!("{p}{sub}"), out);
    }
}

fn check_arn(arn: &str, at: &str, out: &mut Findings) {
    if arn == "*" {
        return;
    }
    if !arn.starts_with("arn:") {
        out.add(
            Check::InvalidArnPrefix,
            at,
            "Add the required prefix (arn) to the resource ARN.",
        );
        return;
    }
    let Some(parts) = ArnParts::split(arn) else {
        out.add(
            Check::MissingArnField,
            at,
            "Resource ARNs must include at least fields in the following structure: arn:partition:service:region:account:resource",
        );
        return;
    };
    if parts.service.bytes().any(|b| b.is_ascii_uppercase()) {
        out.add(
            Check::InvalidArnServiceCase,
            at,
            "Update the service name in the resource ARN to use all lowercase letters.",
        );
    }
    let account = parts.account;
    let account_ok = account.is_empty()
        || account.contains(['*', '?', '$'])
        || account == "aws"
        || is_account_id(account);
    if !account_ok {
        out.add(
            Check::InvalidArnAccount,
            at,
            "The resource ARN account ID is not valid. Provide a 12-digit account ID.",
        );
    }
    if parts.service == "s3" && !parts.account.is_empty() {
        out.add(
            Check::ArnAccountNotAllowed,
            at,
            "The service does not support specifying an account ID in the resource ARN.",
        );
    }
    if parts.service == "iam" && !parts.region.is_empty() {
        out.add(
            Check::ArnRegionNotAllowed,
            at,
            "The service does not support specifying a Region in the resource ARN.",
        );
    }
    check_variables(arn, at, out);
}

/// `${` without `}`, empty `${}`, and spaces in variable names.
pub(super) fn check_variables(text: &str, at: &str, out: &mut Findings) {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.add(
                Check::MissingBraceInVariable,
                at,
                "The policy variable is missing a closing curly brace. Add } after the variable text.",
            );
            return;
        };
        let inner = &after[..end];
        let name = inner.split(',').next().unwrap_or("");
        if inner.trim().is_empty() {
            out.add(
                Check::EmptyVariable,
                at,
                "Empty policy variable. Remove the variable structure or provide a variable within the structure.",
            );
        } else if name.trim().contains(' ') {
            out.add(
                Check::UnsupportedSpaceInVariable,
                at,
                "A space is not supported within the policy variable text. Remove the space.",
            );
        } else if let Some((_, default)) = inner.split_once(',') {
            let d = default.trim();
            if !(d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'')) {
                out.add(
                    Check::MissingQuoteInVariable,
                    at,
                    "The policy variable default value must begin and end with a single quote. Add the missing quote.",
                );
            }
        }
        rest = &after[end + 1..];
    }
}

fn check_principal(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let element = if st.contains_key("Principal") {
        "Principal"
    } else {
        "NotPrincipal"
    };
    let p = format!("{pointer}/{element}");
    let Some(value) = st.get(element) else {
        if out.use_.takes_principal() {
            out.add(
                Check::MissingPrincipal,
                pointer,
                "Add a Principal element to the policy statement.",
            );
        }
        return;
    };
    match out.use_ {
        PolicyUse::Scp => {
            out.add(
                Check::ScpSyntaxErrorPrincipal,
                &p,
                "SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.",
            );
            return;
        }
        PolicyUse::Identity | PolicyUse::Inline | PolicyUse::Boundary | PolicyUse::Session => {
            out.add(
                Check::UnsupportedPrincipal,
                &p,
                "The policy type does not support the Principal element. Remove the Principal element.",
            );
            return;
        }
        PolicyUse::Rcp if value.as_str() != Some("*") || element != "Principal" => {
            out.add(
                Check::RcpSyntaxErrorPrincipal,
                &p,
                "RCPs support only \"Principal\": \"*\". Use conditions such as aws:PrincipalArn to restrict principals.",
            );
            return;
        }
        _ => {}
    }
    match value {
        Value::String(s) if s == "*" => {}
        Value::Object(m) if m.is_empty() => out.add(
            Check::EmptyObjectPrincipal,
            &p,
            "This statement includes no principals and does not affect the policy. Specify principals.",
        ),
        Value::Object(m) => {
            for (key, v) in m {
                let kp = jsonloc::pointer_push(&p, key);
                if !PRINCIPAL_KEYS.contains(&key.as_str()) {
                    out.add(Check::InvalidPrincipalKey, &kp, "The principal key is not valid.");
                    continue;
                }
                if v.as_array().is_some_and(Vec::is_empty) {
                    out.add(
                        Check::EmptyArrayPrincipal,
                        &kp,
                        "This statement includes no principals and does not affect the policy. Specify principals.",
                    );
                }
                for (sub, principal) in strings(Some(v)) {
                    let at = format!("{kp}{sub}");
                    if principal != "*" && has_wildcard(principal) {
                        out.add(
                            Check::UnsupportedWildcardInPrincipal,
                            &at,
                            "Wildcards (*, ?) are not supported with the principal key. Replace the wildcard with a valid principal value.",
                        );
                    }
                    if key == "AWS" && principal.starts_with("AROA") {
                        out.add(
                            Check::InvalidRoleReference,
                            &at,
                            "The Principal element includes the IAM role ID. We recommend that you use a role ARN instead.",
                        );
                    }
                    if key == "AWS" && principal.starts_with("AIDA") {
                        out.add(
                            Check::InvalidUserReference,
                            &at,
                            "The Principal element includes the IAM user ID. We recommend that you use a user ARN instead.",
                        );
                    }
                }
            }
        }
        _ => out.add(
            Check::InvalidPrincipalFormat,
            &p,
            "The Principal element contents are not valid. Specify a key-value pair in the Principal element.",
        ),
    }
}
