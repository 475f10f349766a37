//! `States.StringToJson`, `States.JsonToString` and `States.JsonMerge`.

use serde_json::{Map, Value};

/// `States.StringToJson(text)`: the JSON value `text` holds (`null` for blank text).
pub fn string_to_json(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    let mut value = serde_json::from_str(text).map_err(|error| {
        format!("The argument of States.StringToJson is not valid JSON text: {error}")
    })?;
    // JSON parsers that keep integers apart from decimals (as AWS's does) read `-0` as the
    // integer 0; serde_json reads it as the float -0.0.
    if !["-0.", "-0e", "-0E"].iter().any(|p| text.contains(p)) {
        integer_zeros(&mut value);
    }
    Ok(value)
}

/// Replaces every float -0.0 in `value` with the integer 0.
fn integer_zeros(value: &mut Value) {
    match value {
        Value::Number(n) if n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) => {
            *value = Value::from(0)
        }
        Value::Array(items) => items.iter_mut().for_each(integer_zeros),
        Value::Object(map) => map.values_mut().for_each(integer_zeros),
        _ => {}
    }
}

/// `States.JsonToString(value)`: the compact JSON text of `value`.
pub fn json_to_string(value: &Value) -> Value {
    Value::String(value.to_string())
}

/// `States.JsonMerge(left, right, false)`: `left` with every member of `right` set on it
/// (a shallow merge: a member of `right` replaces the whole member of `left`).
pub fn merge(mut left: Map<String, Value>, right: Map<String, Value>) -> Value {
    left.extend(right);
    Value::Object(left)
}
