//! The question's context keys read, and the keys the evaluation saw listed: those AWS
//! would set for the call, then the user's.

use super::answer::{ContextEntry, ContextSource};
use super::error::SimulateError;
use iam::{ContextValue, RequestContext};
use serde_json::{Map, Value};

/// The user's keys: each `prefix:name`, each value a string or an array of strings.
pub(super) fn read(
    context: &Map<String, Value>,
) -> Result<Vec<(String, ContextValue)>, SimulateError> {
    context
        .iter()
        .map(|(key, value)| {
            let qualified = key
                .split_once(':')
                .is_some_and(|(prefix, name)| !prefix.is_empty() && !name.is_empty());
            if !qualified {
                return Err(SimulateError::ContextKey(key.clone()));
            }
            let bad = || SimulateError::ContextValue(key.clone());
            let value = match value {
                Value::String(s) => ContextValue::Single(s.clone()),
                Value::Array(items) => ContextValue::Multi(
                    items
                        .iter()
                        .map(|v| v.as_str().map(str::to_string).ok_or_else(bad))
                        .collect::<Result<_, _>>()?,
                ),
                _ => return Err(bad()),
            };
            Ok((key.clone(), value))
        })
        .collect()
}

/// Every key of `context`: first those the user did not give (AWS set them), in the order
/// they were set, then the user's in the order given.
pub(super) fn list(
    context: &RequestContext,
    given: &[(String, ContextValue)],
) -> Vec<ContextEntry> {
    let by_user = |key: &str| given.iter().any(|(k, _)| k.eq_ignore_ascii_case(key));
    let entry = |key: &str, value: &ContextValue, source| ContextEntry {
        key: key.to_string(),
        values: value.as_slice().to_vec(),
        source,
    };
    let aws = context
        .iter()
        .filter(|(key, _)| !by_user(key))
        .map(|(key, value)| entry(key, value, ContextSource::Aws));
    let user = given
        .iter()
        .map(|(key, value)| entry(key, value, ContextSource::User));
    aws.chain(user).collect()
}
