//! Request parameters, read with AWS's validation messages.

use crate::errors::ApiError;
use crate::integration::Service;
use serde_json::{Map, Value};

/// Request parameters with AWS's validation messages.
pub(crate) struct Params<'a> {
    pub(crate) service: Service,
    pub(crate) map: &'a Map<String, Value>,
}

impl<'a> Params<'a> {
    /// A required string parameter.
    pub(crate) fn string(&self, name: &str) -> Result<&'a str, ApiError> {
        match self.map.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(ApiError::validation(
                self.service,
                format!("1 validation error detected: Value at '{}' failed to satisfy constraint: Member must be a string", lower_first(name)),
            )),
            None => Err(ApiError::validation(
                self.service,
                format!("1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null", lower_first(name)),
            )),
        }
    }

    /// An optional string parameter.
    pub(crate) fn optional(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.string(name).map(Some),
        }
    }

    /// A required object parameter.
    pub(crate) fn object(&self, name: &str) -> Result<&'a Map<String, Value>, ApiError> {
        match self.map.get(name) {
            Some(Value::Object(m)) => Ok(m),
            _ => Err(ApiError::validation(
                self.service,
                format!("1 validation error detected: Value at '{}' failed to satisfy constraint: Member must be a map", lower_first(name)),
            )),
        }
    }

    /// Any parameter.
    pub(crate) fn get(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name)
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The text of a payload parameter: strings as they are, other JSON serialised.
pub(crate) fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
