//! `States.StringSplit`.

use serde_json::Value;

/// `States.StringSplit(text, delimiters)`: the non-empty pieces of `text` between any of the
/// characters of `delimiters`.
pub fn split(text: &str, delimiters: &str) -> Value {
    text.split(|c| delimiters.contains(c))
        .filter(|piece| !piece.is_empty())
        .map(Value::from)
        .collect()
}
