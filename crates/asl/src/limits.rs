//! The size quotas Step Functions enforces on what it is sent, and the sizes it counts:
//! a definition over 1,048,576 bytes is refused by CreateStateMachine, and an execution
//! input over 262,144 bytes by StartExecution, each with the ValidationException of its
//! API's length constraint (the `Definition` and `SensitiveData` shapes of the Step
//! Functions API: "Length constraints apply to the payload size, and are expressed as bytes
//! in UTF-8 encoding").

use crate::diagnostic::{Code, Diagnostic};
use serde_json::Value;

/// CreateStateMachine's (and ValidateStateMachineDefinition's, TestState's) largest
/// definition, in bytes.
pub const MAX_DEFINITION_BYTES: usize = 1_048_576;

/// The ValidationException's message when the request member `member` (`definition`,
/// `input` …) is longer than `max`. The member is sensitive, so AWS leaves its value out.
pub fn too_long(member: &str, max: usize) -> String {
    format!("1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}")
}

/// The refusal of a definition of `size` bytes, when it is over [`MAX_DEFINITION_BYTES`].
pub(crate) fn definition_size(size: usize) -> Result<(), Vec<Diagnostic>> {
    if size <= MAX_DEFINITION_BYTES {
        return Ok(());
    }
    Err(vec![Diagnostic::new(
        Code::ValidationException,
        "",
        too_long("definition", MAX_DEFINITION_BYTES),
    )])
}

/// The size AWS counts a JSON payload at: its compact JSON text, in bytes.
pub fn payload_size(value: &Value) -> usize {
    crate::size::text_len(value)
}

/// Whether `value`'s compact JSON text takes at most `max` bytes; counted exactly only when
/// a quick bound cannot tell.
pub(crate) fn fits(value: &Value, max: usize) -> bool {
    upper_bound(value, 0, max) <= max || crate::size::text_within(value, max).is_some()
}

/// A bound on the compact JSON size that never undercounts, computed without looking
/// inside strings (each byte counts as the six of a `\u` escape, the worst case); numbers
/// count 24 bytes. It stops once past `max`.
fn upper_bound(value: &Value, acc: usize, max: usize) -> usize {
    if acc > max {
        return acc;
    }
    match value {
        Value::Null | Value::Bool(_) => acc + 5,
        Value::Number(_) => acc + 24,
        Value::String(s) => acc + 6 * s.len() + 2,
        Value::Array(items) => items
            .iter()
            .fold(acc + 2, |n, v| upper_bound(v, n + 1, max)),
        Value::Object(map) => map.iter().fold(acc + 2, |n, (k, v)| {
            upper_bound(v, n + 6 * k.len() + 4, max)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_bound_never_undercounts() {
        for v in [
            json!({"a": [1, 2.5, -3e300, null, true], "s": "q\"\\\n\u{1}é"}),
            json!("x".repeat(1000)),
            json!([[], {}, ""]),
        ] {
            assert!(upper_bound(&v, 0, usize::MAX) >= payload_size(&v), "{v}");
            assert_eq!(payload_size(&v), v.to_string().len());
        }
        assert!(fits(&json!("x".repeat(98)), 100));
        assert!(!fits(&json!("x".repeat(99)), 100));
    }

    #[test]
    fn a_definition_over_the_quota_is_refused_with_aws_message() {
        assert!(definition_size(MAX_DEFINITION_BYTES).is_ok());
        let refused = definition_size(MAX_DEFINITION_BYTES + 1).unwrap_err();
        assert_eq!(refused[0].code, Code::ValidationException);
        assert_eq!(refused[0].message, "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576");
    }
}
