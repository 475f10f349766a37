//! Applying a fix to the scenario document: RFC 6902's `add`, `replace` and `remove`, all
//! or nothing, keeping the order of object members.

use super::edit::{EditOp, Fix};
use serde_json::Value;
use std::fmt;

/// Why a fix could not be applied: the edit's pointer and what was wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixError {
    /// The pointer is neither empty nor starts with `/`.
    InvalidPointer(String),
    /// Nothing is at the pointer (or, for an `add`, at its parent).
    NotFound(String),
    /// The parent of the pointer is neither an object nor an array.
    NotAContainer(String),
    /// An array index that is not a number in range (or `-` where it cannot be).
    BadIndex(String),
    /// The whole document cannot be removed.
    RemoveRoot,
}

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixError::InvalidPointer(p) => write!(f, "`{p}` is not a JSON pointer"),
            FixError::NotFound(p) => write!(f, "nothing at {p}"),
            FixError::NotAContainer(p) => write!(f, "the parent of {p} is not an object or array"),
            FixError::BadIndex(p) => write!(f, "no array element at {p}"),
            FixError::RemoveRoot => write!(f, "the whole document cannot be removed"),
        }
    }
}

impl std::error::Error for FixError {}

/// Applies the fix's edits in order to `doc`. On error `doc` is left as it was. An `add`
/// of an object member appends it after the others (or replaces it in place when it
/// exists, as RFC 6902 says); `remove` keeps the order of the members left.
pub fn apply_fix(doc: &mut Value, fix: &Fix) -> Result<(), FixError> {
    let mut edited = doc.clone();
    for edit in &fix.edits {
        apply_one(&mut edited, &edit.pointer, &edit.op)?;
    }
    *doc = edited;
    Ok(())
}

fn apply_one(doc: &mut Value, pointer: &str, op: &EditOp) -> Result<(), FixError> {
    if pointer.is_empty() {
        return match op {
            EditOp::Replace(v) | EditOp::Add(v) => {
                *doc = v.clone();
                Ok(())
            }
            EditOp::Remove => Err(FixError::RemoveRoot),
        };
    }
    let Some((parent, token)) = pointer.rsplit_once('/') else {
        return Err(FixError::InvalidPointer(pointer.into()));
    };
    if !parent.is_empty() && !parent.starts_with('/') {
        return Err(FixError::InvalidPointer(pointer.into()));
    }
    let token = token.replace("~1", "/").replace("~0", "~");
    let not_found = || FixError::NotFound(pointer.into());
    let bad_index = || FixError::BadIndex(pointer.into());
    match doc.pointer_mut(parent).ok_or_else(not_found)? {
        Value::Object(map) => match op {
            EditOp::Add(v) => {
                map.insert(token, v.clone());
            }
            EditOp::Replace(v) => *map.get_mut(&token).ok_or_else(not_found)? = v.clone(),
            EditOp::Remove => {
                map.shift_remove(&token).ok_or_else(not_found)?;
            }
        },
        Value::Array(items) => {
            let index = |len: usize| token.parse::<usize>().ok().filter(|i| *i < len);
            match op {
                EditOp::Add(v) if token == "-" => items.push(v.clone()),
                EditOp::Add(v) => {
                    let at = index(items.len() + 1).ok_or_else(bad_index)?;
                    items.insert(at, v.clone());
                }
                EditOp::Replace(v) => {
                    let at = index(items.len()).ok_or_else(bad_index)?;
                    if let Some(slot) = items.get_mut(at) {
                        *slot = v.clone();
                    }
                }
                EditOp::Remove => {
                    let at = index(items.len()).ok_or_else(bad_index)?;
                    items.remove(at);
                }
            }
        }
        _ => return Err(FixError::NotAContainer(pointer.into())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Edit;
    use serde_json::json;

    fn fix(edits: Vec<(&str, EditOp)>) -> Fix {
        Fix {
            title: String::new(),
            item: String::new(),
            edits: edits
                .into_iter()
                .map(|(p, op)| Edit {
                    pointer: p.into(),
                    op,
                })
                .collect(),
        }
    }

    #[test]
    fn edits_keep_member_order_and_append_new_members() {
        let mut doc = json!({"b": 1, "a": {"x": [1, 2]}, "c": 3});
        let f = fix(vec![
            ("/a/z", EditOp::Add(json!(0))),
            ("/a/x/-", EditOp::Add(json!(3))),
            ("/a/x/0", EditOp::Add(json!(0))),
            ("/a/x/1", EditOp::Replace(json!("one"))),
            ("/b", EditOp::Remove),
            ("/c", EditOp::Replace(json!(null))),
            ("/a~1b", EditOp::Add(json!("slash"))),
        ]);
        apply_fix(&mut doc, &f).unwrap();
        assert_eq!(
            doc.to_string(),
            r#"{"a":{"x":[0,"one",2,3],"z":0},"c":null,"a/b":"slash"}"#
        );
    }

    #[test]
    fn a_failing_edit_leaves_the_document_as_it_was() {
        let original = json!({"a": [1], "s": "text"});
        for (pointer, op, error) in [
            ("/a/0", EditOp::Remove, None),
            (
                "/missing/x",
                EditOp::Add(json!(1)),
                Some(FixError::NotFound("/missing/x".into())),
            ),
            (
                "/b",
                EditOp::Replace(json!(1)),
                Some(FixError::NotFound("/b".into())),
            ),
            ("/b", EditOp::Remove, Some(FixError::NotFound("/b".into()))),
            (
                "/a/2",
                EditOp::Replace(json!(1)),
                Some(FixError::BadIndex("/a/2".into())),
            ),
            (
                "/a/-",
                EditOp::Remove,
                Some(FixError::BadIndex("/a/-".into())),
            ),
            (
                "/a/3",
                EditOp::Add(json!(1)),
                Some(FixError::BadIndex("/a/3".into())),
            ),
            (
                "/s/x",
                EditOp::Add(json!(1)),
                Some(FixError::NotAContainer("/s/x".into())),
            ),
            (
                "a",
                EditOp::Remove,
                Some(FixError::InvalidPointer("a".into())),
            ),
            (
                "a/b",
                EditOp::Remove,
                Some(FixError::InvalidPointer("a/b".into())),
            ),
            ("", EditOp::Remove, Some(FixError::RemoveRoot)),
        ] {
            let mut doc = original.clone();
            // The first edit succeeds; the second decides.
            let f = fix(vec![("/a/-", EditOp::Add(json!(9))), (pointer, op)]);
            match error {
                None => assert!(apply_fix(&mut doc, &f).is_ok()),
                Some(e) => {
                    assert_eq!(apply_fix(&mut doc, &f), Err(e), "{pointer}");
                    assert_eq!(doc, original, "{pointer}");
                }
            }
        }
        let mut doc = original.clone();
        apply_fix(&mut doc, &fix(vec![("", EditOp::Replace(json!([])))])).unwrap();
        assert_eq!(doc, json!([]));
    }
}
