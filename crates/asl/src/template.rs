//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`,
//! `Credentials`), compiled once: keys ending in `.$` take a path's value or an intrinsic
//! function's result, everything else is copied. The payload is measured as it is built:
//! past the payload limit it fails with States.DataLimitExceeded before more is copied.

use crate::diagnostic::{Code, Diagnostic};
use crate::failure::{names, Failure};
use crate::intrinsics::{self, Call};
use crate::path::{excerpt, Path};
use crate::scope::{ExecutionInfo, Scope, StateContext, Variables};
use crate::size::{data_limit_exceeded, text_within, Room};
use seeded::Rng;
use serde_json::{Map, Value};

/// A compiled payload template: `Parameters`-style JSON whose keys ending in `.$` take a
/// path's value or an intrinsic function's result.
#[derive(Debug, Clone)]
pub struct Template(Node);

/// A node of a compiled template.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A subtree with no `.$` key anywhere: copied as is; with its length as JSON text.
    Static(Value, usize),
    /// The members, and (when their names differ) the object with those names in order and
    /// null values: a copy of it takes the values without hashing a name again.
    Object(Vec<(String, Field)>, Option<Map<String, Value>>),
    Array(Vec<Node>),
}

/// One member of a templated object.
#[derive(Debug, Clone)]
pub(crate) enum Field {
    Node(Node),
    /// `"key.$": "$.path"`
    Path(Path),
    /// `"key.$": "States.Format(...)"`
    Intrinsic(Box<Call<Path>>),
}

impl Template {
    /// Compiles `value`, reporting problems under `pointer` (the template's JSON pointer in
    /// its document).
    pub fn compile(value: &Value, pointer: &str, diags: &mut Vec<Diagnostic>) -> Template {
        Template(Node::compile(value, pointer, diags))
    }

    /// Evaluates the template on `input` outside any execution: `$$` describes `execution`
    /// and a state `state_name` entered at `now_millis`; there are no workflow variables,
    /// and `States.UUID` / `States.MathRandom` draw from seed 0.
    pub fn render(
        &self,
        input: &Value,
        execution: &ExecutionInfo,
        state_name: &str,
        now_millis: i64,
    ) -> Result<Value, Failure> {
        let context = StateContext::new(execution, state_name, now_millis);
        let variables = Variables::default();
        self.evaluate(&context.scope(input, &variables), &mut Rng::new(0))
    }

    /// Evaluates the template in `scope`.
    pub(crate) fn evaluate(&self, scope: &Scope, rng: &mut Rng) -> Result<Value, Failure> {
        self.0.evaluate(scope, rng, &mut Room::payload())
    }
}

impl Node {
    fn compile(value: &Value, pointer: &str, diags: &mut Vec<Diagnostic>) -> Node {
        if !has_dynamic_key(value) {
            return Node::fixed(value);
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
                        None => {
                            fields.push((key.clone(), Field::Node(Node::compile(v, &at, diags))))
                        }
                    }
                }
                let skeleton: Map<String, Value> = fields
                    .iter()
                    .map(|(name, _)| (name.clone(), Value::Null))
                    .collect();
                let distinct = skeleton.len() == fields.len();
                Node::Object(fields, distinct.then_some(skeleton))
            }
            Value::Array(items) => Node::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Node::compile(v, &format!("{pointer}/{i}"), diags))
                    .collect(),
            ),
            other => Node::fixed(other),
        }
    }

    /// A subtree copied as is.
    fn fixed(value: &Value) -> Node {
        Node::Static(value.clone(), text_within(value, usize::MAX).unwrap_or(0))
    }

    /// The node's value, each part measured against `room` before it is copied in.
    fn evaluate(&self, scope: &Scope, rng: &mut Rng, room: &mut Room) -> Result<Value, Failure> {
        let full = || data_limit_exceeded(scope.context.state_name);
        match self {
            Node::Static(v, length) => match room.take_bytes(*length) {
                true => Ok(v.clone()),
                false => Err(full()),
            },
            Node::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if !room.take_bytes(1) {
                        return Err(full());
                    }
                    out.push(item.evaluate(scope, rng, room)?);
                }
                Ok(Value::Array(out))
            }
            Node::Object(fields, Some(skeleton)) => {
                let mut out = skeleton.clone();
                for ((name, field), slot) in fields.iter().zip(out.values_mut()) {
                    *slot = field.evaluate(name, scope, rng, room)?;
                }
                Ok(Value::Object(out))
            }
            Node::Object(fields, None) => {
                let mut out = Map::with_capacity(fields.len());
                for (name, field) in fields {
                    let value = field.evaluate(name, scope, rng, room)?;
                    out.insert(name.clone(), value);
                }
                Ok(Value::Object(out))
            }
        }
    }
}

impl Field {
    /// The value of member `name`, its name and value measured against `room` first.
    fn evaluate(
        &self,
        name: &str,
        scope: &Scope,
        rng: &mut Rng,
        room: &mut Room,
    ) -> Result<Value, Failure> {
        let full = || data_limit_exceeded(scope.context.state_name);
        if !room.take_bytes(name.len() + 4) {
            return Err(full());
        }
        match self {
            Field::Node(t) => t.evaluate(scope, rng, room),
            Field::Path(path) => match scope.select(path)? {
                Some(v) if room.take(&v, 0) => Ok(v.into_owned()),
                Some(_) => Err(full()),
                None => Err(missing_path(path, name, scope)),
            },
            Field::Intrinsic(call) => {
                let v = evaluate_intrinsic(call, scope, rng)?;
                match room.take(&v, 0) {
                    true => Ok(v),
                    false => Err(full()),
                }
            }
        }
    }
}

/// Evaluates an intrinsic call, resolving its path arguments in `scope`; a result over the
/// payload limit is the state's States.DataLimitExceeded.
pub fn evaluate_intrinsic(
    call: &Call<Path>,
    scope: &Scope,
    rng: &mut Rng,
) -> Result<Value, Failure> {
    let result = intrinsics::evaluate(
        call,
        &mut |path: &Path| match scope.select(path)? {
            Some(v) => Ok(v),
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
    );
    result.map_err(|f| match f.error == names::DATA_LIMIT_EXCEEDED {
        true => data_limit_exceeded(scope.context.state_name),
        false => f,
    })
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
        let call = compile_intrinsic(text, pointer, diags)?;
        return Some(match intrinsics::constant(&call) {
            Some(value) => Field::Node(Node::fixed(&value)),
            None => Field::Intrinsic(Box::new(call)),
        });
    }
    match Path::parse(text) {
        Ok(p) => Some(Field::Path(p)),
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::InvalidJsonPath,
                pointer,
                format!(
                    "the value of '{key}' is not a valid path ('{}'): {e}",
                    excerpt(text)
                ),
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
                format!("invalid intrinsic function '{}': {e}", excerpt(text)),
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

/// A value as AWS quotes it inside a sentence of a cause: a string bare, anything else as
/// compact JSON.
pub fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => compact(other),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::rc::Rc;

    #[test]
    fn renders_outside_an_execution() {
        let mut diags = Vec::new();
        let template = Template::compile(
            &json!({"a.$": "$.x", "state.$": "$$.State.Name", "h.$": "States.Hash($.x, 'MD5')", "k": 1}),
            "",
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let execution = execution();
        let out = template
            .render(&json!({"x": "hi"}), &execution, "S", 0)
            .unwrap();
        assert_eq!(
            out,
            json!({"a": "hi", "state": "S", "h": "49f68a5c8493ec2c0bf489821c21fc3b", "k": 1})
        );
        let missing = template.render(&json!({}), &execution, "S", 0).unwrap_err();
        assert_eq!(missing.error, names::RUNTIME);
    }

    #[test]
    fn a_call_of_literals_alone_is_worked_out_once_and_fails_when_run() {
        let compile = |text: &str| {
            let mut diags = Vec::new();
            let field = compile_dynamic("k.$", &json!(text), "/p", &mut diags);
            assert!(diags.is_empty(), "{text}: {diags:?}");
            field.unwrap()
        };
        let folded = compile("States.ArrayLength(States.ArrayRange(1, 5, 1))");
        assert!(
            matches!(&folded, Field::Node(Node::Static(v, 1)) if *v == json!(5)),
            "{folded:?}"
        );
        for depends in [
            "States.ArrayRange(1, $.n, 1)",
            "States.UUID()",
            "States.MathRandom(1, 9, 7)",
        ] {
            assert!(matches!(compile(depends), Field::Intrinsic(_)), "{depends}");
        }
        let failing = compile("States.ArrayRange(1, 5, 0)");
        assert!(matches!(failing, Field::Intrinsic(_)), "{failing:?}");
        let mut diags = Vec::new();
        let template = Template::compile(
            &json!({"n.$": "States.ArrayRange(1, 5, 0)"}),
            "",
            &mut diags,
        );
        let fails = template
            .render(&json!({}), &execution(), "S", 0)
            .unwrap_err();
        assert_eq!(fails.error, names::INTRINSIC_FAILURE);
    }

    fn execution() -> ExecutionInfo {
        ExecutionInfo {
            execution_arn: "arn:aws:states:us-east-1:111111111111:execution:M:e".into(),
            name: "e".into(),
            state_machine_arn: "arn:aws:states:us-east-1:111111111111:stateMachine:M".into(),
            state_machine_name: "M".into(),
            role_arn: "arn:aws:iam::111111111111:role/R".into(),
            start_time: 0,
            input: Rc::new(json!({})),
        }
    }

    #[test]
    fn members_keep_their_order_and_a_repeated_name_its_first_place() {
        let render = |template: Value, input: Value| {
            let mut diags = Vec::new();
            let template = Template::compile(&template, "", &mut diags);
            let out = template.render(&input, &execution(), "S", 0).unwrap();
            serde_json::to_string(&out).unwrap()
        };
        let input = json!({"x": 1, "y": 2});
        assert_eq!(
            render(
                json!({"z.$": "$.y", "a": {"b.$": "$.x", "c": 3}, "m": 0}),
                input.clone()
            ),
            r#"{"z":2,"a":{"b":1,"c":3},"m":0}"#
        );
        // "k" and "k.$" name one member: the later value, in the earlier one's place.
        assert_eq!(
            render(json!({"k": 0, "n": 5, "k.$": "$.x"}), input),
            r#"{"k":1,"n":5}"#
        );
    }
}
