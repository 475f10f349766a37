//! Reading the JSON text arguments the library is given.

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The JSON value of the argument `argument`, or where it stops being JSON.
pub fn json(argument: &'static str, text: &str) -> Result<Value, ApiError> {
    jsonloc::parse(text).map_err(|error| ApiError::Json { argument, error })
}

/// The argument read as `T` (its documented shape), absent when `text` is.
pub fn shaped<T: DeserializeOwned + Default>(
    argument: &'static str,
    text: Option<&str>,
) -> Result<T, ApiError> {
    match text {
        None => Ok(T::default()),
        Some(text) => serde_json::from_value(json(argument, text)?).map_err(|e| ApiError::Shape {
            argument,
            message: e.to_string(),
        }),
    }
}
