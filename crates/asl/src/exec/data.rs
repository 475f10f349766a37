//! Input and output processing in AWS's order: InputPath, (Parameters), ResultSelector,
//! ResultPath, OutputPath; and the States.Runtime errors each step raises.

use crate::definition::{DataPath, ResultPath, State};
use crate::failure::{names, Failure};
use crate::path::{Path, Segment};
use crate::scope::Scope;
use crate::template::compact;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::rc::Rc;

/// A States.Runtime failure with `detail` as its cause (the state prefix is added later).
pub fn runtime(detail: impl Into<String>) -> Failure {
    Failure::new(names::RUNTIME, detail)
}

/// Adds AWS's "An error occurred while executing the state …" prefix to runtime and
/// JSONata evaluation errors.
pub fn locate_runtime_error(mut failure: Failure, state: &State, entered_id: u32) -> Failure {
    const PREFIX: &str = "An error occurred while executing the state";
    let located = [names::RUNTIME, names::QUERY_EVALUATION_ERROR];
    if located.contains(&failure.error.as_str()) && !failure.cause.starts_with(PREFIX) {
        failure.cause = format!(
            "{PREFIX} '{}' (entered at the event id #{entered_id}). {}",
            state.name, failure.cause
        );
    }
    failure
}

fn no_results(path: &Path) -> Failure {
    runtime(format!(
        "Invalid path '{}' : No results for path: {}",
        path.text(),
        path.bracket_notation()
    ))
}

/// Applies an `InputPath` (or `OutputPath`) to the scope's input.
/// (The common answers of this and of [`output`] and [`place_result`], the whole value
/// passed on, are worked out in the caller: a call for them cost a state about 60
/// instructions.)
#[inline(always)]
pub fn select<'v>(path: &DataPath, scope: &Scope<'v>) -> Result<Cow<'v, Value>, Failure> {
    match path {
        DataPath::Whole => Ok(Cow::Borrowed(scope.input)),
        _ => select_part(path, scope),
    }
}

/// [`select`] of `null` or a path.
fn select_part<'v>(path: &DataPath, scope: &Scope<'v>) -> Result<Cow<'v, Value>, Failure> {
    match path {
        DataPath::Whole => Ok(Cow::Borrowed(scope.input)),
        DataPath::Null => Ok(Cow::Owned(Value::Object(Map::new()))),
        DataPath::Path(p) => scope.select(p)?.ok_or_else(|| no_results(p)),
    }
}

/// Applies `OutputPath` to the value after ResultPath, keeping it shared when whole.
#[inline(always)]
pub fn output(path: &DataPath, value: Rc<Value>, scope: &Scope) -> Result<Rc<Value>, Failure> {
    match path {
        DataPath::Whole => Ok(value),
        _ => {
            let selected = select_part(path, &scope.with_input(&value))?.into_owned();
            Ok(Rc::new(selected))
        }
    }
}

/// Places `result` into the state's raw input as `ResultPath` says.
#[inline(always)]
pub fn place_result(
    path: &ResultPath,
    raw_input: &Rc<Value>,
    result: Rc<Value>,
) -> Result<Rc<Value>, Failure> {
    match path {
        ResultPath::Replace => Ok(result),
        ResultPath::Discard => Ok(raw_input.clone()),
        ResultPath::Path(p) => place_at(p, raw_input, result),
    }
}

/// [`place_result`] at a path: a copy of the raw input with `result` set there.
fn place_at(p: &Path, raw_input: &Rc<Value>, result: Rc<Value>) -> Result<Rc<Value>, Failure> {
    let segments = p.segments().unwrap_or(&[]);
    let mut target = raw_input.as_ref().clone();
    if !insert(&mut target, segments, Rc::unwrap_or_clone(result)) {
        return Err(runtime(format!(
            "Unable to apply ReferencePath {} to input '{}'",
            p.text(),
            compact(raw_input)
        )));
    }
    Ok(Rc::new(target))
}

/// Sets `value` at `segments`, creating objects on the way; false where the input's shape
/// forbids it (a field inside a non-object, an index past an array's end). It walks down
/// without recursion.
fn insert(mut target: &mut Value, segments: &[Segment], value: Value) -> bool {
    for (at, segment) in segments.iter().enumerate() {
        let last = at + 1 == segments.len();
        target = match (segment, target) {
            (Segment::Field(name), Value::Object(map)) => {
                let slot = map.entry(name.clone()).or_insert(Value::Null);
                if !last && slot.is_null() {
                    *slot = Value::Object(Map::new());
                }
                slot
            }
            (Segment::Index(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(item) => item,
                None => return false,
            },
            _ => return false,
        };
    }
    *target = value;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn result_path_creates_missing_objects_and_refuses_non_objects() {
        let raw = Rc::new(json!({"a": {"x": 1}, "s": "str", "arr": [1, 2]}));
        let path = |t: &str| ResultPath::Path(Path::parse_reference(t).unwrap());
        let r = |v: Value| Rc::new(v);
        let out = place_result(&path("$.a.b.c"), &raw, r(json!(5))).unwrap();
        assert_eq!(out["a"], json!({"x": 1, "b": {"c": 5}}));
        assert!(place_result(&path("$.s.b"), &raw, r(json!(5))).is_err());
        let out = place_result(&path("$.arr[1]"), &raw, r(json!("two"))).unwrap();
        assert_eq!(out["arr"], json!([1, "two"]));
        assert!(place_result(&path("$.arr[5]"), &raw, r(json!(0))).is_err());
        let discarded = place_result(&ResultPath::Discard, &raw, r(json!(0))).unwrap();
        assert!(Rc::ptr_eq(&discarded, &raw));
        let result = r(json!({"shared": true}));
        let replaced = place_result(&ResultPath::Replace, &raw, result.clone()).unwrap();
        assert!(Rc::ptr_eq(&replaced, &result));
    }
}
