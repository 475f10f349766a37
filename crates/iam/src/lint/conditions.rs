//! Condition checks: operators, qualifiers, keys, value types, IP ranges and variables.

use super::structure::check_variables;
use super::{Check, Findings};
use crate::action::is_service_qualified;
use crate::condition::{parse_bool, Family, Operator, SetQualifier};
use crate::context::scalar_text;
use crate::date::parse_date;
use crate::ip::Cidr;
use crate::wildcard::has_wildcard;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Global keys that carry several values (IAM User Guide, "AWS global condition context
/// keys": the `ArrayOfString` ones).
const MULTIVALUED_KEYS: [&str; 6] = [
    "aws:tagkeys",
    "aws:principalorgpaths",
    "aws:calledvia",
    "aws:principalservicenameslist",
    "aws:sourceorgpaths",
    "aws:resourceorgpaths",
];

/// Tag condition keys written without their tag key.
const TAG_KEYS_WITHOUT_TAG: [&str; 6] = [
    "aws:resourcetag",
    "aws:requesttag",
    "aws:principaltag",
    "aws:resourcetag/",
    "aws:requesttag/",
    "aws:principaltag/",
];

/// Whether a key (lowercased) has a finding of its own here (a tag key without its tag,
/// the deprecated `aws:ARN`), so the reference checks leave it alone.
pub(super) fn has_own_key_finding(key_lower: &str) -> bool {
    key_lower == "aws:arn" || TAG_KEYS_WITHOUT_TAG.contains(&key_lower)
}

fn is_multivalued(key_lower: &str) -> bool {
    MULTIVALUED_KEYS.contains(&key_lower)
}

/// An operator type name and the test that an operator family is of that type.
type FamilyTest = (&'static str, fn(Family) -> bool);

/// The operator family a known global key needs, for "Type mismatch".
fn expected_family(key_lower: &str) -> Option<FamilyTest> {
    match key_lower {
        "aws:currenttime" | "aws:epochtime" | "aws:tokenissuetime" => {
            Some(("Date", |f| matches!(f, Family::Date(_))))
        }
        "aws:multifactorauthage" => Some(("Numeric", |f| matches!(f, Family::Numeric(_)))),
        "aws:securetransport"
        | "aws:multifactorauthpresent"
        | "aws:viaawsservice"
        | "aws:principalisawsservice" => Some(("Bool", |f| matches!(f, Family::Bool))),
        "aws:sourceip" => Some(("IpAddress", |f| matches!(f, Family::Ip))),
        _ => None,
    }
}

fn values(raw: &Value) -> Vec<(String, String)> {
    match raw {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| scalar_text(v).map(|s| (format!("/{i}"), s)))
            .collect(),
        v => scalar_text(v)
            .map(|s| vec![(String::new(), s)])
            .unwrap_or_default(),
    }
}

pub(super) fn check(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let Some(condition) = st.get("Condition") else {
        return;
    };
    let cp = format!("{pointer}/Condition");
    let Some(ops) = condition.as_object() else {
        out.add(
            Check::DataTypeMismatch,
            &cp,
            "The text does not match the expected JSON data type.",
        );
        return;
    };
    if ops.is_empty() {
        out.add(
            Check::EmptyObjectCondition,
            &cp,
            "This condition block is empty and it does not affect the policy. Specify conditions.",
        );
    }
    for (name, keys) in ops {
        let op_pointer = jsonloc::pointer_push(&cp, name);
        let Some(op) = Operator::parse(name) else {
            out.add(
                Check::InvalidConditionOperator,
                &op_pointer,
                "The condition operator is not valid. Use a valid condition operator.",
            );
            continue;
        };
        if op.family == Family::Null && op.if_exists {
            out.add(
                Check::NullWithIfExists,
                &op_pointer,
                "The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.",
            );
        }
        if op.family == Family::Null && op.set != SetQualifier::None {
            out.add(
                Check::NullWithQualifier,
                &op_pointer,
                "Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.",
            );
        }
        let Some(keys) = keys.as_object() else {
            out.add(
                Check::DataTypeMismatch,
                &op_pointer,
                "The text does not match the expected JSON data type.",
            );
            continue;
        };
        // The keys of one object are distinct, so an earlier key of the same lowercase
        // differs in capitalization.
        let mut seen: HashSet<String> = HashSet::new();
        for (key, raw) in keys {
            let kp = jsonloc::pointer_push(&op_pointer, key);
            let lower = key.to_ascii_lowercase();
            if !seen.insert(lower.clone()) {
                out.add(
                    Check::DuplicateKeysWithDifferentCase,
                    &kp,
                    "The condition key appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.",
                );
            }
            check_key(op, name, key, &lower, raw, &kp, out);
        }
    }
}

fn check_key(
    op: Operator,
    op_name: &str,
    key: &str,
    lower: &str,
    raw: &Value,
    kp: &str,
    out: &mut Findings,
) {
    if !is_service_qualified(key) {
        out.add(
            Check::InvalidConditionKeyFormat,
            kp,
            "The condition key format is not valid. Use the format service:keyname.",
        );
    }
    if TAG_KEYS_WITHOUT_TAG.contains(&lower) {
        out.add(
            Check::MissingTagKeyInCondition,
            kp,
            "The condition key must include a tag key to control access based on tags. Use the format tag-key and specify a key name for tag-key.",
        );
    }
    if lower == "aws:arn" {
        out.add(
            Check::DeprecatedGlobalConditionKey,
            kp,
            "We recommend that you update aws:ARN to use the newer condition keys aws:PrincipalArn or aws:SourceArn.",
        );
    }
    if op.set == SetQualifier::ForAllValues
        && op.family != Family::Null
        && !is_multivalued(lower)
        && (lower.starts_with("aws:") || lower == "sts:externalid")
    {
        out.add(
            Check::ForAllValuesWithSingleValuedKey,
            kp,
            format!("Using ForAllValues qualifier with the single-valued condition key {key} can be overly permissive. We recommend that you remove ForAllValues:."),
        );
    }
    if op.set == SetQualifier::None && op.family != Family::Null && is_multivalued(lower) {
        out.add(
            Check::MissingQualifier,
            kp,
            format!("The request context key {key} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy."),
        );
    }
    if let Some((wanted, fits)) = expected_family(lower) {
        let string_ok = matches!(
            op.family,
            Family::StringEquals | Family::StringLike | Family::StringEqualsIgnoreCase
        ) && wanted == "Bool";
        if !fits(op.family) && op.family != Family::Null && !string_ok {
            out.add(
                Check::TypeMismatch,
                kp,
                format!("Use the operator type {wanted} instead of operator {op_name} for the condition key {key}."),
            );
        }
    }
    let vals = values(raw);
    if vals.is_empty() {
        let (check, message) = match (op.set, op.if_exists) {
            (SetQualifier::ForAllValues, _) => (Check::EmptyArrayConditionForAllValues, "The ForAllValues prefix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."),
            (SetQualifier::ForAnyValue, _) => (Check::EmptyArrayConditionForAnyValue, "The ForAnyValue prefix with an empty condition key never matches the request context and it does not affect the policy. Specify conditions."),
            (_, true) => (Check::EmptyArrayConditionIfExists, "The IfExists suffix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."),
            _ => (Check::EmptyArrayCondition, "There are no values for the condition key and it does not affect the policy. Specify conditions."),
        };
        out.add(check, kp, message);
        return;
    }
    check_values(op, lower, &vals, kp, out);
}

fn check_values(
    op: Operator,
    lower: &str,
    vals: &[(String, String)],
    kp: &str,
    out: &mut Findings,
) {
    let mut cidrs = Vec::new();
    for (sub, v) in vals {
        let at = format!("{kp}{sub}");
        if v.contains("${") {
            if !op.takes_variables() {
                out.add(
                    Check::InvalidVariableForOperator,
                    &at,
                    "Policy variables can only be used with String and ARN operators.",
                );
            }
            check_variables(v, &at, out);
            continue;
        }
        match op.family {
            Family::StringEquals | Family::StringEqualsIgnoreCase if has_wildcard(v) => out.add(
                Check::WildcardWithoutLikeOperator,
                &at,
                "Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.",
            ),
            Family::Numeric(_) if v.trim().parse::<f64>().is_err() => out.add(
                Check::TypeMismatchNumber,
                &at,
                "Add a valid numeric value for the condition operator.",
            ),
            Family::Date(_) => match parse_date(v) {
                None => out.add(
                    Check::TypeMismatchDate,
                    &at,
                    "The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.",
                ),
                Some(_) if v.bytes().all(|b| b.is_ascii_digit()) => out.add(
                    Check::InvalidDateValue,
                    &at,
                    "The date might not resolve as expected. We recommend that you use the YYYY-MM-DD format.",
                ),
                Some(_) => {}
            },
            Family::Bool if parse_bool(v).is_none() => out.add(
                Check::TypeMismatchBoolean,
                &at,
                "Add a valid Boolean value (true or false) for the condition operator.",
            ),
            Family::Ip => match Cidr::parse(v) {
                None => out.add(
                    Check::TypeMismatchIpRange,
                    &at,
                    "The condition operator is used with an invalid IP range value. Specify the IP range in standard CIDR format.",
                ),
                Some(c) => {
                    if c.has_host_bits() {
                        out.add(
                            Check::ImproveIpRange,
                            &at,
                            format!("The non-zero bits in the IP address after the masked bits are ignored. Replace address {v} with its network address."),
                        );
                    }
                    cidrs.push(c);
                }
            },
            _ => {}
        }
    }
    if op.family == Family::Bool && vals.len() > 1 {
        out.add(
            Check::InvalidConditionMultipleBoolean,
            kp,
            "The condition key does not support multiple Boolean values. Use a single Boolean value.",
        );
    }
    if op.family == Family::Ip && lower == "aws:sourceip" && !cidrs.is_empty() {
        let private = cidrs.iter().filter(|c| c.is_private()).count();
        let (all, some) = (private == cidrs.len(), private > 0);
        let found = match (op.negated, all, some) {
            (false, true, _) => Some((Check::PrivateIpAddress, "aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.")),
            (true, true, _) => Some((Check::PrivateNotIpAddress, "The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.")),
            (false, false, true) => Some((Check::PrivateIpAddressSubset, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.")),
            (true, false, true) => Some((Check::PrivateNotIpAddressSubset, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.")),
            _ => None,
        };
        if let Some((check, message)) = found {
            out.add(check, kp, message);
        }
    }
}
