//! The request's own rules, as TestState's ValidationException enforces them, and its
//! payloads parsed: input, variables, context object and mock.

use super::request::{InspectionLevel, TestStateRequest};
use crate::definition::{Kind, State};
use crate::diagnostic::{Code, Diagnostic};
use crate::exec::Options;
use crate::failure::Failure;
use crate::scope::ExecutionInfo;
use serde_json::{Map, Value};
use std::rc::Rc;

/// The checked parts of a request, parsed.
pub struct Checked {
    /// The input text as given (`{}` when absent).
    pub input_text: String,
    /// The input.
    pub input: Value,
    /// The variables before the state.
    pub variables: Map<String, Value>,
    /// The context object given.
    pub context: Option<Map<String, Value>>,
    /// The mocked outcome.
    pub mock: Option<Result<Value, Failure>>,
    /// `State.EnteredTime` of the context, in milliseconds.
    pub entered_time: Option<i64>,
}

fn problem(pointer: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::ValidationException, pointer, message)
}

/// Parses JSON text given in the request field at `pointer`.
fn json(text: &str, pointer: &str, problems: &mut Vec<Diagnostic>) -> Option<Value> {
    match jsonloc::parse(text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(problem(
                pointer,
                format!(
                    "{} is not valid JSON: {} at {}",
                    &pointer[1..],
                    e.message,
                    e.position
                ),
            ));
            None
        }
    }
}

/// Parses a JSON object given in the request field at `pointer`.
fn object(text: &str, pointer: &str, problems: &mut Vec<Diagnostic>) -> Option<Map<String, Value>> {
    match json(text, pointer, problems)? {
        Value::Object(m) => Some(m),
        _ => {
            problems.push(problem(
                pointer,
                format!("{} must be a JSON object", &pointer[1..]),
            ));
            None
        }
    }
}

/// Whether a Task resource needs a mock in TestState: an Activity, `.sync` or
/// `.waitForTaskToken`.
fn needs_mock(resource: &str) -> bool {
    let activity = resource.split(':').nth(2) == Some("states")
        && resource.split(':').nth(5) == Some("activity");
    activity || resource.contains(".sync") || resource.ends_with(".waitForTaskToken")
}

/// Checks the request against the state and parses its payloads; every problem at once.
/// `traced`: the handler describes the calls it makes, so TRACE applies to a Task it
/// answers.
pub fn request(
    request: &TestStateRequest,
    state: &State,
    traced: bool,
) -> Result<Checked, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let input_text = request.input.clone().unwrap_or_else(|| "{}".to_string());
    if input_text.len() > crate::MAX_PAYLOAD_BYTES {
        problems.push(problem(
            "/input",
            crate::too_long("input", crate::MAX_PAYLOAD_BYTES),
        ));
    }
    let input = json(&input_text, "/input", &mut problems);
    let variables = match &request.variables {
        Some(text) => object(text, "/variables", &mut problems),
        None => Some(Map::new()),
    };
    let context = match &request.context {
        Some(text) => object(text, "/context", &mut problems),
        None => None,
    };
    let mock = request
        .mock
        .as_ref()
        .and_then(|m| match (&m.result, &m.error_output) {
            (Some(_), Some(_)) => {
                problems.push(problem(
                    "/mock",
                    "A mock has a result or an errorOutput, not both",
                ));
                None
            }
            (None, None) => {
                problems.push(problem("/mock", "A mock needs a result or an errorOutput"));
                None
            }
            (Some(text), None) => json(text, "/mock/result", &mut problems).map(Ok),
            (None, Some(e)) => match &e.error {
                Some(error) => Some(Err(Failure::new(
                    error.clone(),
                    e.cause.clone().unwrap_or_default(),
                ))),
                None => {
                    problems.push(problem(
                        "/mock/errorOutput/error",
                        "mock.errorOutput needs an error",
                    ));
                    None
                }
            },
        });
    let mocked = request.mock.is_some();
    match &state.kind {
        Kind::Task(spec) => {
            if !mocked && needs_mock(&spec.resource) {
                problems.push(problem(
                    "/mock",
                    format!("TestState runs an Activity, .sync or .waitForTaskToken Task only with a mock ({})", spec.resource),
                ));
            }
        }
        Kind::Map(_) | Kind::Parallel { .. } => {
            if !mocked {
                problems.push(problem(
                    "/mock",
                    "TestState runs a Map or Parallel state only with a mock",
                ));
            }
        }
        _ => {
            if mocked {
                problems.push(problem(
                    "/mock",
                    format!("A mock can only be specified for Task, Map, or Parallel states, not for a {} state", state.kind.state_type().as_str()),
                ));
            }
        }
    }
    match (&state.kind, &mock) {
        (Kind::Parallel { branches }, Some(Ok(result)))
            if result.as_array().is_none_or(|a| a.len() != branches.len()) =>
        {
            problems.push(problem(
                "/mock/result",
                format!("The mocked result of a Parallel state must be a JSON array with one element for each of its {} branches", branches.len()),
            ));
        }
        (Kind::Map(_), Some(Ok(result))) if !(result.is_array() || result.is_object()) => {
            problems.push(problem(
                "/mock/result",
                "The mocked result of a Map state must be a JSON array or object",
            ));
        }
        _ => {}
    }
    if request.context.is_some() && !mocked {
        problems.push(problem(
            "/context",
            "context may only be specified with a mock",
        ));
    }
    if request.reveal_secrets == Some(true) && mocked {
        problems.push(problem(
            "/revealSecrets",
            "revealSecrets cannot be used with a mock",
        ));
    }
    let http = matches!(&state.kind, Kind::Task(spec) if spec.resource.starts_with("arn:aws:states:::http:invoke"));
    let answered = traced && !mocked && matches!(state.kind, Kind::Task(_));
    if request.inspection_level == Some(InspectionLevel::Trace) && !http && !answered {
        problems.push(problem(
            "/inspectionLevel",
            if traced {
                "The TRACE inspection level is only for a Task answered without a mock (its call is the request and response shown) or an HTTP Task (arn:aws:states:::http:invoke)"
            } else {
                "The TRACE inspection level is only for an HTTP Task (arn:aws:states:::http:invoke)"
            },
        ));
    }
    let entered_time = context
        .as_ref()
        .and_then(|c| c.get("State")?.get("EnteredTime")?.as_str())
        .and_then(timestamp::parse_millis);
    match (input, variables) {
        (Some(input), Some(variables)) if problems.is_empty() => Ok(Checked {
            input_text,
            input,
            variables,
            context,
            mock,
            entered_time,
        }),
        _ => Err(problems),
    }
}

/// The execution `$$` describes: the context object's `Execution` and `StateMachine`
/// fields where given, then the request's `roleArn`, then `defaults` (its execution name,
/// state machine ARN, role and start time).
pub fn execution_info(
    request: &TestStateRequest,
    checked: &Checked,
    defaults: &Options,
) -> ExecutionInfo {
    let field = |section: &str, name: &str| -> Option<String> {
        checked
            .context
            .as_ref()?
            .get(section)?
            .get(name)?
            .as_str()
            .map(str::to_string)
    };
    let machine_arn =
        field("StateMachine", "Id").unwrap_or_else(|| defaults.state_machine_arn.clone());
    let machine_name = field("StateMachine", "Name")
        .or_else(|| machine_arn.rsplit(':').next().map(str::to_string))
        .unwrap_or_default();
    let name = field("Execution", "Name").unwrap_or_else(|| defaults.execution_name.clone());
    let execution_arn = field("Execution", "Id").unwrap_or_else(|| {
        format!(
            "{}:{name}",
            machine_arn.replacen(":stateMachine:", ":execution:", 1)
        )
    });
    let role_arn = field("Execution", "RoleArn")
        .or_else(|| request.role_arn.clone())
        .unwrap_or_else(|| defaults.role_arn.clone());
    let start_time = field("Execution", "StartTime")
        .and_then(|t| timestamp::parse_millis(&t))
        .unwrap_or(defaults.start_time);
    let input = checked
        .context
        .as_ref()
        .and_then(|c| c.get("Execution")?.get("Input").cloned())
        .unwrap_or_else(|| checked.input.clone());
    ExecutionInfo {
        execution_arn: execution_arn.into(),
        name: name.into(),
        state_machine_arn: machine_arn.into(),
        state_machine_name: machine_name.into(),
        role_arn: role_arn.into(),
        start_time,
        input: Rc::new(input),
    }
}
