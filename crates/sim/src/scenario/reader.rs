//! Reading the scenario document field by field: every problem becomes a diagnostic with
//! its JSON pointer, and reading goes on so that one pass reports them all.

use crate::diagnostic::{Code, Diagnostic};
use jsonloc::closest;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Collects diagnostics while the document is read.
#[derive(Default)]
pub(crate) struct Reader {
    pub(crate) diags: Vec<Diagnostic>,
    /// Policy documents read from outside the scenario (AWS managed policies), by the
    /// pointer of the ARN that attaches each.
    pub(crate) managed_documents: BTreeMap<String, Rc<Value>>,
}

/// A JSON type's name for messages.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Reader {
    /// Records an error.
    pub(crate) fn error(&mut self, code: Code, at: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(code, at, message));
    }

    /// The object at `at`, after checking its fields against `known` (unknown ones are
    /// errors with a "did you mean" hint).
    pub(crate) fn object<'v>(
        &mut self,
        v: &'v Value,
        at: &str,
        known: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(v, at, "an object");
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                let hint = match closest(key, known.iter().copied()) {
                    Some(k) => format!("; did you mean `{k}`?"),
                    None => format!("; known fields: {}", known.join(", ")),
                };
                self.error(
                    Code::UnknownField,
                    &jsonloc::pointer_push(at, key),
                    format!("unknown field `{key}`{hint}"),
                );
            }
        }
        Some(map)
    }

    /// Reports a value of the wrong type.
    pub(crate) fn wrong_type(&mut self, v: &Value, at: &str, expected: &str) {
        self.error(
            Code::WrongType,
            at,
            format!("expected {expected}, found {}", type_name(v)),
        );
    }

    /// A required string member.
    pub(crate) fn required_string(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Option<String> {
        match map.get(key) {
            None => {
                self.error(Code::MissingField, at, format!("missing field `{key}`"));
                None
            }
            Some(v) => self.string(v, &jsonloc::pointer_push(at, key)),
        }
    }

    /// An optional string member.
    pub(crate) fn optional_string(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Option<String> {
        map.get(key)
            .and_then(|v| self.string(v, &jsonloc::pointer_push(at, key)))
    }

    /// A string value.
    pub(crate) fn string(&mut self, v: &Value, at: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(other, at, "a string");
                None
            }
        }
    }

    /// The members of a name-keyed object (`roles`, `secrets` …) with their pointers; an
    /// absent member is an empty map.
    pub(crate) fn named<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Vec<(&'v str, String, &'v Value)> {
        let at = jsonloc::pointer_push(at, key);
        match map.get(key) {
            None => Vec::new(),
            Some(Value::Object(members)) => members
                .iter()
                .map(|(name, v)| (name.as_str(), jsonloc::pointer_push(&at, name), v))
                .collect(),
            Some(other) => {
                self.wrong_type(other, &at, "an object of named entries");
                Vec::new()
            }
        }
    }

    /// Compiles a policy document; its errors are reported under `at`.
    pub(crate) fn policy(&mut self, v: &Value, at: &str, name: String) -> Option<iam::NamedPolicy> {
        match iam::Policy::from_value(v) {
            Ok(policy) => Some(iam::NamedPolicy {
                name,
                policy,
                pointer: at.to_string(),
            }),
            Err(e) => {
                self.error(
                    Code::InvalidPolicy,
                    &format!("{at}{}", e.pointer),
                    e.message,
                );
                None
            }
        }
    }

    /// An optional policy member (`null` counts as absent).
    pub(crate) fn optional_policy(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        at: &str,
        name: String,
    ) -> Option<iam::NamedPolicy> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => self.policy(v, &jsonloc::pointer_push(at, key), name),
        }
    }
}
