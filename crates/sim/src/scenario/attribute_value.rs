//! DynamoDB JSON: the attribute values table items are written in.

use serde_json::Value;

const TYPES: [&str; 10] = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"];

/// Whether `v` is a DynamoDB attribute value (`{"S": "x"}`, `{"N": "1"}` …).
pub(crate) fn is_attribute_value(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.len() == 1 && m.keys().all(|k| TYPES.contains(&k.as_str())))
}
