//! The changes between two JSON documents as a short list of operations, key order
//! included: what a share link carries when the scenario is a preset plus edits.

use jsonloc::pointer_push;
use serde_json::{Map, Value};
use std::fmt;

/// One change, at a JSON pointer (RFC 6901).
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Sets the value at the pointer: replaces it where it is, or appends a new member to
    /// its object (a new element to its array, at the index one past the end).
    Set(String, Value),
    /// Removes the member (or array element) at the pointer.
    Remove(String),
    /// Puts the members of the object at the pointer in this order.
    Order(String, Vec<String>),
}

/// Why a patch does not apply to its base.
#[derive(Debug, PartialEq, Eq)]
pub enum PatchError {
    /// Nothing at the pointer (or its parent) to change.
    NoTarget(String),
    /// An `Order` that does not list exactly the object's members.
    WrongMembers(String),
    /// An operation that is not one of `["s", pointer, value]`, `["r", pointer]`,
    /// `["o", pointer, [names]]`.
    Malformed,
}

impl fmt::Display for PatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatchError::NoTarget(p) => write!(f, "nothing at {p} to change"),
            PatchError::WrongMembers(p) => write!(f, "the members of {p} differ"),
            PatchError::Malformed => write!(f, "an operation is malformed"),
        }
    }
}

/// Whether two values are equal with their objects' members in the same order (serde_json's
/// own equality ignores member order).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

/// The operations that turn `base` into `target` (`apply(base, diff(base, target))` is
/// `target`, member order included).
pub fn diff(base: &Value, target: &Value) -> Vec<Op> {
    let mut ops = Vec::new();
    walk(base, target, "", &mut ops);
    ops
}

fn walk(a: &Value, b: &Value, at: &str, ops: &mut Vec<Op>) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                ops.push(Op::Remove(pointer_push(at, key)));
            }
            for (key, value) in b {
                match a.get(key) {
                    Some(old) => walk(old, value, &pointer_push(at, key), ops),
                    None => ops.push(Op::Set(pointer_push(at, key), value.clone())),
                }
            }
            // Kept members stay where they were and new ones are appended: say the order
            // when that is not the target's.
            let after = a
                .keys()
                .filter(|k| b.contains_key(*k))
                .chain(b.keys().filter(|k| !a.contains_key(*k)));
            if !after.eq(b.keys()) {
                ops.push(Op::Order(at.to_string(), b.keys().cloned().collect()));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (old, new)) in a.iter().zip(b).enumerate() {
                walk(old, new, &pointer_push(at, &i.to_string()), ops);
            }
            for (i, new) in b.iter().enumerate().skip(a.len()) {
                ops.push(Op::Set(pointer_push(at, &i.to_string()), new.clone()));
            }
            for i in (b.len()..a.len()).rev() {
                ops.push(Op::Remove(pointer_push(at, &i.to_string())));
            }
        }
        _ if a == b => {}
        _ => ops.push(Op::Set(at.to_string(), b.clone())),
    }
}

/// Applies `ops` to `base` in order.
pub fn apply(mut base: Value, ops: &[Op]) -> Result<Value, PatchError> {
    for op in ops {
        match op {
            Op::Set(pointer, value) if pointer.is_empty() => base = value.clone(),
            Op::Set(pointer, value) => set(&mut base, pointer, value.clone())?,
            Op::Remove(pointer) => remove(&mut base, pointer)?,
            Op::Order(pointer, names) => order(&mut base, pointer, names)?,
        }
    }
    Ok(base)
}

/// The parent of `pointer` and its last token, unescaped.
fn split_last<'a>(doc: &'a mut Value, pointer: &str) -> Option<(&'a mut Value, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let last = last.replace("~1", "/").replace("~0", "~");
    Some((doc.pointer_mut(parent)?, last))
}

/// An array index token: digits without a leading zero (RFC 6901).
fn index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    (digits && (token == "0" || !token.starts_with('0')))
        .then(|| token.parse().ok())
        .flatten()
}

fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), PatchError> {
    let missing = || PatchError::NoTarget(pointer.to_string());
    let (parent, last) = split_last(doc, pointer).ok_or_else(missing)?;
    match parent {
        Value::Object(map) => {
            map.insert(last, value);
            Ok(())
        }
        Value::Array(items) => match index(&last) {
            Some(i) if i == items.len() => {
                items.push(value);
                Ok(())
            }
            Some(i) => items
                .get_mut(i)
                .map(|slot| *slot = value)
                .ok_or_else(missing),
            None => Err(missing()),
        },
        _ => Err(missing()),
    }
}

fn remove(doc: &mut Value, pointer: &str) -> Result<(), PatchError> {
    let missing = || PatchError::NoTarget(pointer.to_string());
    let (parent, last) = split_last(doc, pointer).ok_or_else(missing)?;
    let removed = match parent {
        Value::Object(map) => map.shift_remove(&last),
        Value::Array(items) => index(&last)
            .filter(|i| *i < items.len())
            .map(|i| items.remove(i)),
        _ => None,
    };
    removed.map(|_| ()).ok_or_else(missing)
}

fn order(doc: &mut Value, pointer: &str, names: &[String]) -> Result<(), PatchError> {
    let map = doc
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| PatchError::NoTarget(pointer.to_string()))?;
    let wrong = || PatchError::WrongMembers(pointer.to_string());
    if names.len() != map.len() {
        return Err(wrong());
    }
    let mut old = std::mem::take(map);
    let mut ordered = Map::with_capacity(names.len());
    for name in names {
        let value = old.shift_remove(name).ok_or_else(wrong)?;
        ordered.insert(name.clone(), value);
    }
    *map = ordered;
    Ok(())
}

/// The operations as JSON: `["s", pointer, value]`, `["r", pointer]`, `["o", pointer, [names]]`.
pub fn to_json(ops: &[Op]) -> Value {
    Value::Array(
        ops.iter()
            .map(|op| match op {
                Op::Set(p, v) => serde_json::json!(["s", p, v]),
                Op::Remove(p) => serde_json::json!(["r", p]),
                Op::Order(p, names) => serde_json::json!(["o", p, names]),
            })
            .collect(),
    )
}

/// Reads operations written by [`to_json`].
pub fn from_json(value: &Value) -> Result<Vec<Op>, PatchError> {
    let items = value.as_array().ok_or(PatchError::Malformed)?;
    items
        .iter()
        .map(|item| {
            let parts = item.as_array().map(Vec::as_slice).unwrap_or_default();
            match parts {
                [Value::String(tag), Value::String(p), v] if tag == "s" => {
                    Ok(Op::Set(p.clone(), v.clone()))
                }
                [Value::String(tag), Value::String(p)] if tag == "r" => Ok(Op::Remove(p.clone())),
                [Value::String(tag), Value::String(p), Value::Array(names)] if tag == "o" => names
                    .iter()
                    .map(|n| n.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .map(|names| Op::Order(p.clone(), names))
                    .ok_or(PatchError::Malformed),
                _ => Err(PatchError::Malformed),
            }
        })
        .collect()
}
