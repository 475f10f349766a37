//! What a simulated Lambda function does when invoked.

use super::reader::Reader;
use crate::arn::Arn;
use crate::diagnostic::{Code, Diagnostic};
use serde_json::Value;
use std::rc::Rc;

/// One scripted answer of a sequence.
#[derive(Debug, Clone)]
pub enum Step {
    /// The function returns this value.
    Result(Value),
    /// The function raises `error` with `cause` as its message.
    Error {
        /// The error name (`errorType`).
        error: String,
        /// Its message (`errorMessage`).
        cause: String,
    },
}

/// A function's behaviour, declared in the scenario.
#[derive(Debug, Clone)]
pub enum Behavior {
    /// Returns its event.
    Echo,
    /// Always the same answer.
    Fixed(Step),
    /// One answer per invocation; the last repeats.
    Sequence(Vec<Step>),
    /// A payload template over the event (`"key.$": "$.path"`, intrinsic functions).
    Template(Rc<asl::Template>),
    /// A proxy: starts this Express state machine synchronously with the event as input,
    /// under the function's role, and returns its output (or raises its error).
    StartSyncExecution {
        /// The ARN of the Express state machine.
        state_machine_arn: String,
    },
}

const KINDS: [&str; 6] = [
    "echo",
    "result",
    "error",
    "sequence",
    "template",
    "startSyncExecution",
];

/// Reads a `behavior` member (absent means echo).
pub(super) fn read(r: &mut Reader, v: Option<&Value>, at: &str) -> Option<Behavior> {
    let Some(v) = v else {
        return Some(Behavior::Echo);
    };
    let map = r.object(v, at, &[&KINDS[..], &["cause"]].concat())?;
    let present: Vec<&str> = KINDS
        .iter()
        .copied()
        .filter(|k| map.contains_key(*k))
        .collect();
    let [kind] = present.as_slice() else {
        r.error(
            Code::InvalidValue,
            at,
            format!(
                "a behavior has exactly one of {}",
                KINDS.map(|k| format!("`{k}`")).join(", ")
            ),
        );
        return None;
    };
    let member = map.get(*kind)?;
    let member_at = jsonloc::pointer_push(at, kind);
    if *kind != "error" && map.contains_key("cause") {
        r.error(
            Code::UnknownField,
            &jsonloc::pointer_push(at, "cause"),
            "`cause` goes with `error`",
        );
    }
    match *kind {
        "echo" => Some(Behavior::Echo),
        "result" => Some(Behavior::Fixed(Step::Result(member.clone()))),
        "error" => step(r, v, at).map(Behavior::Fixed),
        "sequence" => {
            let Value::Array(items) = member else {
                r.wrong_type(member, &member_at, "an array of steps");
                return None;
            };
            if items.is_empty() {
                r.error(Code::InvalidValue, &member_at, "a sequence needs a step");
                return None;
            }
            let steps: Vec<Option<Step>> = items
                .iter()
                .enumerate()
                .map(|(i, s)| step(r, s, &format!("{member_at}/{i}")))
                .collect();
            steps
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .map(Behavior::Sequence)
        }
        "template" => {
            let mut diags = Vec::new();
            let template = asl::Template::compile(member, &member_at, &mut diags);
            let ok = diags.is_empty();
            r.diags.extend(
                diags
                    .into_iter()
                    .map(|d| Diagnostic::new(Code::Definition(d.code), d.pointer, d.message)),
            );
            ok.then(|| Behavior::Template(Rc::new(template)))
        }
        _ => {
            let arn = r.string(member, &member_at)?;
            if Arn::parse(&arn)
                .and_then(|a| a.resource_named("stateMachine"))
                .is_none()
            {
                r.error(
                    Code::InvalidArn,
                    &member_at,
                    format!("`{arn}` is not a state machine ARN (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)"),
                );
                return None;
            }
            Some(Behavior::StartSyncExecution {
                state_machine_arn: arn,
            })
        }
    }
}

/// `{"result": V}` or `{"error": NAME, "cause"?: TEXT}`.
fn step(r: &mut Reader, v: &Value, at: &str) -> Option<Step> {
    let map = r.object(v, at, &["result", "error", "cause"])?;
    match (map.get("result"), map.get("error")) {
        (Some(result), None) if !map.contains_key("cause") => Some(Step::Result(result.clone())),
        (None, Some(_)) => {
            let error = r.required_string(map, "error", at)?;
            let cause = r.optional_string(map, "cause", at).unwrap_or_default();
            Some(Step::Error { error, cause })
        }
        _ => {
            r.error(
                Code::InvalidValue,
                at,
                "a step is {\"result\": value} or {\"error\": name, \"cause\": text}",
            );
            None
        }
    }
}
