//! Large values written small: a case file says "a string of 250,000 `x`" or "an object of
//! 20,000 keys" instead of holding them, and the runner fills them in before it runs the
//! case (the hostile inputs of the resource-budget cases).

use serde::Deserialize;
use serde_json::{Map, Value};

/// One value to make and set at `path` (a JSON pointer; a missing last member is added),
/// as a case file writes it: `{"path"` and one of `"text"`, `"object"`, `"range"}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fill {
    /// Where the value goes.
    pub path: String,
    /// A string of pieces: each a string, or `[string, n]` for the string `n` times.
    pub text: Option<Vec<Piece>>,
    /// An object of members whose keys count up.
    pub object: Option<Members>,
    /// The array `[0, 1, …, n - 1]`.
    pub range: Option<usize>,
}

/// An object of `times` members: the key `key` with `{}` replaced by the member's index
/// (0, 1, …), each holding `value`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Members {
    /// The key, `{}` standing for the index.
    pub key: String,
    /// Each member's value.
    pub value: Value,
    /// How many members.
    pub times: usize,
}

/// A piece of a made string.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Piece {
    /// The string once.
    Once(String),
    /// The string, repeated.
    Repeated(String, usize),
}

impl Fill {
    /// The value; an error unless exactly one of `text`, `object` and `range` is given.
    pub fn make(&self) -> Result<Value, String> {
        match (&self.text, &self.object, self.range) {
            (Some(pieces), None, None) => Ok(Value::String(
                pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Once(s) => s.clone(),
                        Piece::Repeated(s, n) => s.repeat(*n),
                    })
                    .collect(),
            )),
            (None, Some(m), None) => Ok(Value::Object(
                (0..m.times)
                    .map(|i| (m.key.replace("{}", &i.to_string()), m.value.clone()))
                    .collect::<Map<String, Value>>(),
            )),
            (None, None, Some(n)) => Ok(Value::Array((0..n).map(Value::from).collect())),
            _ => Err(format!("{}: give one of text, object and range", self.path)),
        }
    }
}

/// Makes each value and sets it at its path, in order; the error names the path that
/// could not be set.
pub fn apply(doc: &mut Value, fills: &[Fill]) -> Result<(), String> {
    for fill in fills {
        let (parent, token) = fill
            .path
            .rsplit_once('/')
            .ok_or(format!("bad path {}", fill.path))?;
        let token = token.replace("~1", "/").replace("~0", "~");
        match doc.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.insert(token, fill.make()?);
            }
            _ => return Err(format!("no object at {parent} for {}", fill.path)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn makes_texts_objects_and_ranges_in_place() {
        let fills: Vec<Fill> = serde_json::from_value(json!([
            {"path": "/a/s", "text": ["<", ["ab", 3], ">"]},
            {"path": "/a/o", "object": {"key": "k{}.$", "value": "$.s", "times": 2}},
            {"path": "/r", "range": 3}
        ]))
        .unwrap();
        let mut doc = json!({"a": {}});
        apply(&mut doc, &fills).unwrap();
        assert_eq!(
            doc,
            json!({"a": {"s": "<ababab>", "o": {"k0.$": "$.s", "k1.$": "$.s"}}, "r": [0, 1, 2]})
        );
        let lost: Vec<Fill> =
            serde_json::from_value(json!([{"path": "/x/y", "range": 1}])).unwrap();
        assert_eq!(
            apply(&mut doc, &lost).unwrap_err(),
            "no object at /x for /x/y"
        );
        let unknown = json!([{"path": "/x", "range": 1, "extra": true}]);
        assert!(serde_json::from_value::<Vec<Fill>>(unknown).is_err());
        let both: Vec<Fill> =
            serde_json::from_value(json!([{"path": "/r", "range": 1, "text": ["a"]}])).unwrap();
        assert!(apply(&mut doc, &both).is_err());
    }
}
