//! A small JSON patch (RFC 6902's `add`, `remove` and `replace`) that case files apply to a
//! preset before checking it. Unlike RFC 6902, `replace` on an object member also adds it,
//! and `fill` (not in RFC 6902) writes a long string, for cases about size quotas whose
//! documents are too large to write out.

use serde::Deserialize;
use serde_json::Value;

/// One patch operation, as a case file writes it: `{"op", "path", "value"?}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
pub enum Op {
    /// Adds a member, inserts into an array at an index, or appends at `-`.
    Add {
        /// JSON pointer of the new member or element.
        path: String,
        /// The value added.
        value: Value,
    },
    /// Removes a member or an array element.
    Remove {
        /// JSON pointer of what is removed.
        path: String,
    },
    /// Sets a member or replaces an existing array element.
    Replace {
        /// JSON pointer of the member or element.
        path: String,
        /// The new value.
        value: Value,
    },
    /// Sets a member or replaces an existing array element with a string of `length` `x`s.
    Fill {
        /// JSON pointer of the member or element.
        path: String,
        /// How many characters the string has.
        length: usize,
    },
}

impl Op {
    fn path(&self) -> &str {
        match self {
            Op::Add { path, .. }
            | Op::Remove { path }
            | Op::Replace { path, .. }
            | Op::Fill { path, .. } => path,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Op::Add { .. } => "add",
            Op::Remove { .. } => "remove",
            Op::Replace { .. } => "replace",
            Op::Fill { .. } => "fill",
        }
    }
}

/// Applies the operations in order; the error says which path could not be patched.
pub fn apply(doc: &mut Value, ops: &[Op]) -> Result<(), String> {
    ops.iter().try_for_each(|op| apply_one(doc, op))
}

fn apply_one(doc: &mut Value, op: &Op) -> Result<(), String> {
    if let Op::Fill { path, length } = op {
        let value = Value::String("x".repeat(*length));
        return apply_one(
            doc,
            &Op::Replace {
                path: path.clone(),
                value,
            },
        );
    }
    let path = op.path();
    let (parent, token) = path.rsplit_once('/').ok_or(format!("bad path {path}"))?;
    let token = token.replace("~1", "/").replace("~0", "~");
    let target = doc.pointer_mut(parent).ok_or(format!("no {parent}"))?;
    let index = |len: usize| -> Result<usize, String> {
        token
            .parse::<usize>()
            .ok()
            .filter(|i| *i < len)
            .ok_or(format!("bad index {path}"))
    };
    match (target, op) {
        (Value::Object(m), Op::Remove { .. }) => {
            m.remove(&token).ok_or(format!("remove: no {path}"))?;
        }
        (Value::Object(m), Op::Add { value, .. } | Op::Replace { value, .. }) => {
            m.insert(token, value.clone());
        }
        (Value::Array(a), Op::Remove { .. }) => {
            a.remove(index(a.len())?);
        }
        (Value::Array(a), Op::Add { value, .. }) if token == "-" => a.push(value.clone()),
        (Value::Array(a), Op::Add { value, .. }) => {
            let at = index(a.len() + 1)?;
            a.insert(at, value.clone());
        }
        (Value::Array(a), Op::Replace { value, .. }) => {
            let at = index(a.len())?;
            a[at] = value.clone();
        }
        _ => return Err(format!("cannot {} at {path}", op.name())),
    }
    Ok(())
}

/// The scenario a data-driven case names, with the case's patch applied: the preset `preset`
/// (its text found by `preset_text`), or the `scenario` given whole; exactly one of the two.
pub fn case_document<'p>(
    preset: Option<&str>,
    scenario: Option<&Value>,
    patch: &[Op],
    preset_text: impl Fn(&str) -> Option<&'p str>,
) -> Result<Value, String> {
    let mut doc = match (preset, scenario) {
        (Some(id), None) => {
            let text = preset_text(id).ok_or(format!("no preset {id}"))?;
            serde_json::from_str(text).map_err(|e| format!("preset {id}: {e}"))?
        }
        (None, Some(s)) => s.clone(),
        _ => return Err("give `preset` or `scenario`".into()),
    };
    apply(&mut doc, patch)?;
    Ok(doc)
}

/// The text of the scenario a command-line case names: a `scenario` given as a string is
/// taken as it is (it may be malformed on purpose), otherwise [`case_document`] pretty-printed.
pub fn case_text<'p>(
    preset: Option<&str>,
    scenario: Option<&Value>,
    patch: &[Op],
    preset_text: impl Fn(&str) -> Option<&'p str>,
) -> Result<String, String> {
    if let Some(Value::String(text)) = scenario {
        return Ok(text.clone());
    }
    let doc = case_document(preset, scenario, patch, preset_text)?;
    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ops(v: Value) -> Vec<Op> {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn fills_a_member_or_element_with_a_long_string() {
        let mut doc = json!({"a": ["b"]});
        let patch = ops(json!([
            {"op": "fill", "path": "/a/0", "length": 3},
            {"op": "fill", "path": "/c", "length": 2},
        ]));
        apply(&mut doc, &patch).unwrap();
        assert_eq!(doc, json!({"a": ["xxx"], "c": "xx"}));
    }

    #[test]
    fn adds_removes_and_replaces_members_and_elements() {
        let mut doc = json!({"a": {"x/y": 1, "k": 2}, "l": [1, 2, 3]});
        let patch = ops(json!([
            {"op": "remove", "path": "/a/x~1y"},
            {"op": "replace", "path": "/a/k", "value": 5},
            {"op": "add", "path": "/a/new", "value": true},
            {"op": "remove", "path": "/l/0"},
            {"op": "add", "path": "/l/-", "value": 4},
            {"op": "add", "path": "/l/0", "value": 0},
            {"op": "replace", "path": "/l/1", "value": 9}
        ]));
        apply(&mut doc, &patch).unwrap();
        assert_eq!(doc, json!({"a": {"k": 5, "new": true}, "l": [0, 9, 3, 4]}));
    }

    #[test]
    fn says_which_path_cannot_be_patched() {
        let mut doc = json!({"a": [1], "s": "t"});
        let err = |v: Value| apply(&mut doc.clone(), &ops(json!([v]))).unwrap_err();
        assert_eq!(err(json!({"op": "remove", "path": "/b"})), "remove: no /b");
        assert_eq!(
            err(json!({"op": "remove", "path": "/a/3"})),
            "bad index /a/3"
        );
        assert_eq!(
            err(json!({"op": "add", "path": "/a/2", "value": 1})),
            "bad index /a/2"
        );
        assert_eq!(
            err(json!({"op": "remove", "path": "/s/x"})),
            "cannot remove at /s/x"
        );
        assert_eq!(err(json!({"op": "remove", "path": "/z/x"})), "no /z");
        assert_eq!(err(json!({"op": "remove", "path": ""})), "bad path ");
        assert!(apply(&mut doc, &[]).is_ok());
    }

    #[test]
    fn a_misspelt_key_or_a_missing_value_is_an_error() {
        let parse = |v: Value| serde_json::from_value::<Op>(v).is_err();
        assert!(parse(json!({"op": "add", "path": "/a", "valeu": 1})));
        assert!(parse(json!({"op": "add", "path": "/a"})));
        assert!(parse(json!({"op": "move", "path": "/a"})));
    }
}
