//! "Export JSON": the shown execution's history as GetExecutionHistory returns it
//! (`{"events": [...]}`, AWS's event fields only), downloaded as a file.

use serde_json::{Map, Value};

/// The history in GetExecutionHistory's response shape: each event with AWS's fields, the
/// playground's own annotations (`playground`) left out, keys in their recorded order.
pub fn history_document(events: &[Value]) -> Value {
    let events = events
        .iter()
        .map(|e| match e {
            Value::Object(o) => Value::Object(
                o.iter()
                    .filter(|(k, _)| k.as_str() != "playground")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect::<Map<String, Value>>(),
            ),
            other => other.clone(),
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("events".into(), Value::Array(events));
    Value::Object(doc)
}

/// A file name for an execution's history: `<execution name>-history.json`, with
/// anything but letters, digits, `-` and `_` replaced by `_`.
pub fn file_name(execution: &str) -> String {
    let safe: String = execution
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "{}-history.json",
        if safe.is_empty() { "execution" } else { &safe }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_export_has_aws_fields_only_in_their_order() {
        let events = vec![
            json!({"id": 1, "previousEventId": 0, "timestamp": "2026-01-01T00:00:00.000Z",
                   "type": "ExecutionStarted", "executionStartedEventDetails": {"input": "{}"}}),
            json!({"id": 2, "previousEventId": 1, "timestamp": "2026-01-01T00:00:00.010Z",
                   "type": "TaskSucceeded", "taskSucceededEventDetails": {"output": "{}"},
                   "playground": {"calls": [{"call": 0}]}}),
        ];
        let doc = history_document(&events);
        let text = serde_json::to_string(&doc).unwrap_or_default();
        assert!(!text.contains("playground"), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap_or_default();
        let got = back["events"].as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], events[0]);
        let keys: Vec<&String> = got[1]
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "id",
                "previousEventId",
                "timestamp",
                "type",
                "taskSucceededEventDetails"
            ]
        );
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("run-1_a"), "run-1_a-history.json");
        assert_eq!(file_name("a/b c"), "a_b_c-history.json");
        assert_eq!(file_name(""), "execution-history.json");
    }
}
