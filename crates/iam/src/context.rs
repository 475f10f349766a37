//! The request context: condition keys (case-insensitive names) and their values, single or
//! multivalued, plus the keys AWS derives from the principal.

use crate::caller::{Caller, CallerKind};
use crate::error::{RequestError, RequestErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A context key's value: one string, or a set of strings for a multivalued key. It
/// serializes as a JSON string or an array of strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ContextValue {
    /// One value.
    Single(String),
    /// The values of a multivalued key (possibly none).
    Multi(Vec<String>),
}

impl ContextValue {
    /// The values as a slice (one element for a single value).
    pub fn as_slice(&self) -> &[String] {
        match self {
            ContextValue::Single(s) => std::slice::from_ref(s),
            ContextValue::Multi(v) => v,
        }
    }

    /// The value when it is a single one (policy variables only take single values).
    pub fn single(&self) -> Option<&str> {
        match self {
            ContextValue::Single(s) => Some(s),
            ContextValue::Multi(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: String,
    lower: String,
    value: ContextValue,
}

/// Condition keys and values of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    entries: Vec<Entry>,
}

impl RequestContext {
    /// An empty context.
    pub fn new() -> RequestContext {
        RequestContext::default()
    }

    /// Sets a key (replacing any value under the same name in any case).
    pub fn insert(&mut self, key: &str, value: ContextValue) {
        let lower = key.to_ascii_lowercase();
        match self.entries.iter_mut().find(|e| e.lower == lower) {
            Some(e) => e.value = value,
            None => self.entries.push(Entry {
                key: key.to_string(),
                lower,
                value,
            }),
        }
    }

    /// Sets a key only when the request did not give it.
    pub fn insert_default(&mut self, key: &str, value: &str) {
        if self.get(key).is_none() {
            self.insert(key, ContextValue::Single(value.to_string()));
        }
    }

    /// Looks a key up, ignoring case.
    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        self.entries
            .iter()
            .find(|e| e.lower.eq_ignore_ascii_case(key))
            .map(|e| &e.value)
    }

    /// Every key with its value, in the order the keys were first set (each name as first
    /// written).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ContextValue)> {
        self.entries.iter().map(|e| (e.key.as_str(), &e.value))
    }

    /// Builds a context from a JSON object of key to string, number, bool or array of them.
    pub fn from_json(value: &Value) -> Result<RequestContext, RequestError> {
        let Value::Object(map) = value else {
            return Err(RequestErrorKind::ExpectedObject.at(""));
        };
        let mut ctx = RequestContext::new();
        for (key, v) in map {
            let pointer = jsonloc::pointer_push("", key);
            let value = match v {
                Value::Array(items) => ContextValue::Multi(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            scalar_text(item).ok_or_else(|| {
                                RequestErrorKind::InvalidContextValue
                                    .at(jsonloc::pointer_push(&pointer, &i.to_string()))
                            })
                        })
                        .collect::<Result<_, _>>()?,
                ),
                other => ContextValue::Single(
                    scalar_text(other)
                        .ok_or_else(|| RequestErrorKind::InvalidContextValue.at(pointer))?,
                ),
            };
            ctx.insert(key, value);
        }
        Ok(ctx)
    }

    /// Fills in the global keys AWS derives from the principal, unless the request set
    /// them: `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`,
    /// `aws:username` for users, `aws:PrincipalServiceName` for service principals.
    pub fn add_principal_defaults(&mut self, caller: &Caller) {
        if let Some(arn) = caller.principal_arn() {
            self.insert_default("aws:PrincipalArn", &arn);
        }
        if !caller.account().is_empty() {
            self.insert_default("aws:PrincipalAccount", caller.account());
        }
        let principal_type = match caller.kind() {
            CallerKind::Root => Some("Account"),
            CallerKind::User => Some("User"),
            CallerKind::AssumedRole | CallerKind::Role => Some("AssumedRole"),
            CallerKind::FederatedUser => Some("FederatedUser"),
            CallerKind::Anonymous => Some("Anonymous"),
            CallerKind::Service | CallerKind::WebIdentity => None,
        };
        if let Some(t) = principal_type {
            self.insert_default("aws:PrincipalType", t);
        }
        match caller.kind() {
            CallerKind::User => self.insert_default("aws:username", caller.name()),
            CallerKind::Service => {
                self.insert_default("aws:PrincipalServiceName", caller.arn());
                self.insert_default("aws:PrincipalIsAWSService", "true");
            }
            _ => {}
        }
    }
}

/// A JSON string, number or bool as the text IAM compares; `None` for anything else.
/// Context values and condition values are read alike.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iter_keeps_the_first_order_and_name_and_the_last_value() {
        let mut ctx = RequestContext::new();
        ctx.insert("sts:ExternalId", ContextValue::Single("a".into()));
        ctx.insert_default("aws:SourceAccount", "111111111111");
        ctx.insert("STS:externalid", ContextValue::Single("b".into()));
        ctx.insert_default("aws:sourceaccount", "222222222222");
        let listed: Vec<(&str, &ContextValue)> = ctx.iter().collect();
        assert_eq!(
            listed,
            [
                ("sts:ExternalId", &ContextValue::Single("b".into())),
                (
                    "aws:SourceAccount",
                    &ContextValue::Single("111111111111".into())
                ),
            ]
        );
    }
}
