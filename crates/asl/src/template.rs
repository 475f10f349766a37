//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`,
//! `Credentials`), compiled once: keys ending in `.$` take a path's value or an intrinsic
//! function's result, everything else is copied.

use crate::diagnostic::{Code, Diagnostic};
use crate::failure::{names, Failure};
use crate::intrinsics::{self, Call};
use crate::path::Path;
use crate::rng::Rng;
use crate::scope::Scope;
use serde_json::{Map, Value};

/// A compiled payload template.
#[derive(Debug, Clone)]
pub enum Template {
    /// A subtree with no `.$` key anywhere: copied as is.
    Static(Value),
    Object(Vec<(String, Field)>),
    Array(Vec<Template>),
}

/// One member of a templated object.
#[derive(Debug, Clone)]
pub enum Field {
    Template(Template),
    /// `"key.$": "$.path"`
    Path(Path),
    /// `"key.$": "States.Format(...)"`
    Intrinsic(Box<Call<Path>>),
}

impl Template {
    /// Compiles `value`, reporting problems under `pointer`.
    pub fn compile(value: &Value, pointer: &str, diags: &mut Vec<Diagnostic>) -> Template {
        if !has_dynamic_key(value) {
            return Template::Static(value.clone());
        }
        match value {
            Value::Object(map) => {
                let mut fields = Vec::with_capacity(map.len());
                for (key, v) in map {
                    let at = jsonloc::pointer_push(pointer, key);
                    match key.strip_suffix(".$") {
                        Some(name) => {
                            if let Some(field) = compile_dynamic(key, v, &at, diags) {
                                fields.push((name.to_string(), field));
                            }
                        }
                        None => fields.push((
                            key.clone(),
                            Field::Template(Template::compile(v, &at, diags)),
                        )),
                    }
                }
                Template::Object(fields)
            }
            Value::Array(items) => Template::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Template::compile(v, &format!("{pointer}/{i}"), diags))
                    .collect(),
            ),
            other => Template::Static(other.clone()),
        }
    }

    /// Evaluates the template in `scope`.
    pub fn evaluate(&self, scope: &Scope, rng: &mut Rng) -> Result<Value, Failure> {
        match self {
            Template::Static(v) => Ok(v.clone()),
            Template::Array(items) => items
                .iter()
                .map(|t| t.evaluate(scope, rng))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            Template::Object(fields) => {
                let mut out = Map::new();
                for (name, field) in fields {
                    let value = match field {
                        Field::Template(t) => t.evaluate(scope, rng)?,
                        Field::Path(path) => match scope.select(path) {
                            Some(v) => v.into_owned(),
                            None => return Err(missing_path(path, name, scope)),
                        },
                        Field::Intrinsic(call) => evaluate_intrinsic(call, scope, rng)?,
                    };
                    out.insert(name.clone(), value);
                }
                Ok(Value::Object(out))
            }
        }
    }
}

/// Evaluates an intrinsic call, resolving its path arguments in `scope`.
pub fn evaluate_intrinsic(
    call: &Call<Path>,
    scope: &Scope,
    rng: &mut Rng,
) -> Result<Value, Failure> {
    intrinsics::evaluate(
        call,
        &mut |path: &Path| match scope.select(path) {
            Some(v) => Ok(v.into_owned()),
            None => Err(Failure::new(
                names::RUNTIME,
                format!(
                    "The JsonPath argument for the field '{}' could not be found in the input '{}'",
                    path.text(),
                    compact(scope.input)
                ),
            )),
        },
        rng,
    )
}

/// Compiles a `.$` value: a path or an intrinsic call.
pub fn compile_dynamic(
    key: &str,
    value: &Value,
    pointer: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Field> {
    let Some(text) = value.as_str() else {
        diags.push(Diagnostic::new(
            Code::WrongType,
            pointer,
            format!(
                "the value of '{key}' must be a string holding a path or an intrinsic function"
            ),
        ));
        return None;
    };
    if text.starts_with("States.") {
        return compile_intrinsic(text, pointer, diags).map(|c| Field::Intrinsic(Box::new(c)));
    }
    match Path::parse(text) {
        Ok(p) => Some(Field::Path(p)),
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::InvalidJsonPath,
                pointer,
                format!("the value of '{key}' is not a valid path ('{text}'): {e}"),
            ));
            None
        }
    }
}

/// Compiles an intrinsic function call text.
pub fn compile_intrinsic(
    text: &str,
    pointer: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Call<Path>> {
    match intrinsics::parse(text, &mut |p: &str| {
        Path::parse(p).map_err(|e| e.to_string())
    }) {
        Ok(call) => Some(call),
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::InvalidIntrinsic,
                pointer,
                format!("invalid intrinsic function '{text}': {e}"),
            ));
            None
        }
    }
}

fn missing_path(path: &Path, name: &str, scope: &Scope) -> Failure {
    Failure::new(
        names::RUNTIME,
        format!(
            "The JSONPath '{}' specified for the field '{}.$' could not be found in the input '{}'",
            path.text(),
            name,
            compact(scope.input)
        ),
    )
}

/// Compact JSON text of a value, as AWS quotes payloads in error causes.
pub fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn has_dynamic_key(value: &Value) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.ends_with(".$") || has_dynamic_key(v)),
        Value::Array(items) => items.iter().any(has_dynamic_key),
        _ => false,
    }
}
