//! Field readers shared by every state type: objects, paths, templates, numbers and
//! texts given literally or by a path, required strings and arrays.

use super::Parser;
use crate::definition::{DataPath, Number, ResultPath, Text};
use crate::diagnostic::Code;
use crate::path::{excerpt, Path, Root};
use crate::template::{compile_intrinsic, Template};
use jsonloc::pointer_push;
use serde_json::{Map, Value};

impl Parser {
    pub(super) fn object<'v>(
        &mut self,
        value: &'v Value,
        pointer: &str,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        let obj = value.as_object();
        if obj.is_none() {
            self.err(
                Code::WrongType,
                pointer,
                format!("{what} must be a JSON object"),
            );
        }
        obj
    }

    pub(super) fn data_path(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> DataPath {
        match obj.get(key) {
            None => DataPath::Whole,
            Some(Value::Null) => DataPath::Null,
            Some(Value::String(text)) => match Path::parse(text) {
                Ok(p) if p.is_root_only() && *p.root() == Root::Input => DataPath::Whole,
                Ok(p) => DataPath::Path(p),
                Err(e) => {
                    self.err(
                        Code::InvalidJsonPath,
                        &pointer_push(pointer, key),
                        format!("'{key}' is not a valid path ('{}'): {e}", excerpt(text)),
                    );
                    DataPath::Whole
                }
            },
            Some(_) => {
                self.err(
                    Code::WrongType,
                    &pointer_push(pointer, key),
                    format!("'{key}' must be a string holding a path, or null"),
                );
                DataPath::Whole
            }
        }
    }

    pub(super) fn result_path(&mut self, value: Option<&Value>, at: &str) -> ResultPath {
        match value {
            None => ResultPath::Replace,
            Some(Value::Null) => ResultPath::Discard,
            Some(Value::String(text)) => match Path::parse_reference(text) {
                Ok(p) if p.is_root_only() => ResultPath::Replace,
                Ok(p) => ResultPath::Path(p),
                Err(e) => {
                    self.err(
                        Code::InvalidReferencePath,
                        at,
                        format!(
                            "'ResultPath' is not a valid reference path ('{}'): {e}",
                            excerpt(text)
                        ),
                    );
                    ResultPath::Replace
                }
            },
            Some(_) => {
                self.err(
                    Code::WrongType,
                    at,
                    "'ResultPath' must be a string holding a reference path, or null",
                );
                ResultPath::Replace
            }
        }
    }

    pub(super) fn template(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
        must_be_object: bool,
    ) -> Option<Template> {
        let value = obj.get(key)?;
        let at = pointer_push(pointer, key);
        if must_be_object && !value.is_object() {
            self.err(
                Code::WrongType,
                &at,
                format!("'{key}' must be a JSON object"),
            );
            return None;
        }
        Some(Template::compile(value, &at, &mut self.diags))
    }

    pub(super) fn number(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
        integer: bool,
        min: f64,
        max: f64,
    ) -> Option<Number> {
        match self.value_or_path(obj, key, pointer)? {
            Given::Value(v) => {
                self.fixed_number(v, &pointer_push(pointer, key), key, (integer, min, max), "")
            }
            Given::Path(v, path_key) => self
                .path_field(v, &pointer_push(pointer, &path_key), &path_key)
                .map(Number::Path),
            Given::Neither => None,
        }
    }

    /// Which of `key` and `keyPath` the object gives; both is an error (and `None`).
    fn value_or_path<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Given<'v>> {
        let path_key = format!("{key}Path");
        match (obj.get(key), obj.get(&path_key)) {
            (Some(_), Some(_)) => {
                self.err(
                    Code::InvalidValue,
                    pointer,
                    format!("'{key}' and '{path_key}' are mutually exclusive"),
                );
                None
            }
            (Some(v), None) => Some(Given::Value(v)),
            (None, Some(v)) => Some(Given::Path(v, path_key)),
            (None, None) => Some(Given::Neither),
        }
    }

    /// A number within `bounds` (integer only?, min, max), as written; otherwise an error
    /// at `at` naming the range, followed by `alternative` (e.g. ", or a JSONata
    /// expression").
    pub(super) fn fixed_number(
        &mut self,
        value: &Value,
        at: &str,
        key: &str,
        bounds: (bool, f64, f64),
        alternative: &str,
    ) -> Option<Number> {
        let (integer, min, max) = bounds;
        let n = value
            .as_f64()
            .filter(|n| (!integer || n.fract() == 0.0) && *n >= min && *n <= max);
        if n.is_none() {
            let kind = if integer { "an integer" } else { "a number" };
            self.err(
                Code::InvalidValue,
                at,
                format!("'{key}' must be {kind} from {min} to {max}{alternative}"),
            );
        }
        n.map(Number::Fixed)
    }

    pub(super) fn path_field(&mut self, value: &Value, at: &str, key: &str) -> Option<Path> {
        match value.as_str().map(Path::parse) {
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                self.err(
                    Code::InvalidJsonPath,
                    at,
                    format!("'{key}' is not a valid path: {e}"),
                );
                None
            }
            None => {
                self.err(
                    Code::WrongType,
                    at,
                    format!("'{key}' must be a string holding a path"),
                );
                None
            }
        }
    }

    pub(super) fn text(&mut self, obj: &Map<String, Value>, key: &str, pointer: &str) -> Text {
        let Some(given) = self.value_or_path(obj, key, pointer) else {
            return Text::None;
        };
        match given {
            Given::Value(Value::String(s)) => Text::Literal(s.clone()),
            Given::Value(_) => {
                self.err(
                    Code::WrongType,
                    &pointer_push(pointer, key),
                    format!("'{key}' must be a string"),
                );
                Text::None
            }
            Given::Path(v, path_key) => {
                let at = pointer_push(pointer, &path_key);
                match v.as_str() {
                    Some(s) if s.starts_with("States.") => {
                        compile_intrinsic(s, &at, &mut self.diags)
                            .map_or(Text::None, |c| Text::Intrinsic(Box::new(c)))
                    }
                    _ => self
                        .path_field(v, &at, &path_key)
                        .map_or(Text::None, Text::Path),
                }
            }
            Given::Neither => Text::None,
        }
    }

    /// A required string field (`StartAt`, `Type`, `Resource`): absent is `missing`,
    /// another JSON type is a wrong-type diagnostic at the field.
    pub(super) fn required_str<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        pointer: &str,
        missing: &str,
        wanted: &str,
    ) -> Option<&'v str> {
        match obj.get(key) {
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.err(
                    Code::WrongType,
                    &pointer_push(pointer, key),
                    format!("'{key}' must be {wanted}"),
                );
                None
            }
            None => {
                self.err(Code::MissingField, pointer, missing);
                None
            }
        }
    }

    /// A required field holding a non-empty array (`Choices`, `Branches`).
    pub(super) fn non_empty_array<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        pointer: &str,
        code: Code,
        message: &str,
    ) -> Option<&'v Vec<Value>> {
        let found = obj
            .get(key)
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty());
        if found.is_none() {
            self.err(code, pointer, message);
        }
        found
    }

    /// The objects of an optional array field (`Retry`, `Catch`), each with its pointer.
    pub(super) fn object_list<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        pointer: &str,
        what: &str,
    ) -> Vec<(String, &'v Map<String, Value>)> {
        let Some(value) = obj.get(key) else {
            return Vec::new();
        };
        let at = pointer_push(pointer, key);
        let Some(list) = value.as_array() else {
            self.err(
                Code::WrongType,
                &at,
                format!("'{key}' must be an array of {what}s"),
            );
            return Vec::new();
        };
        list.iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let entry_at = format!("{at}/{i}");
                let entry = self.object(entry, &entry_at, &format!("a {what}"))?;
                Some((entry_at, entry))
            })
            .collect()
    }
}

/// What an object gives for a field that may also be written as a `…Path`.
enum Given<'v> {
    /// Neither form.
    Neither,
    /// The field itself.
    Value(&'v Value),
    /// The `…Path` form, with its key.
    Path(&'v Value, String),
}
