//! The answers a scenario scripts for Tasks that wait for their token: `callbacks` (who
//! calls `SendTaskSuccess`, `SendTaskFailure` or `SendTaskHeartbeat` for which Task, and
//! when) and the `activities` of an account with the worker that polls each.

use super::model::Account;
use super::reader::Reader;
use crate::arn::Arn;
use crate::diagnostic::Code;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Who makes an answer's calls: a role of the scenario (a session of it, in its own
/// account), after assuming each role of `assume_roles` in turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Responder {
    /// The account of the role.
    pub account: String,
    /// The role's name.
    pub role: String,
    /// Roles assumed one after the other before answering (empty: none).
    pub assume_roles: Vec<AssumeStep>,
}

/// One `sts:AssumeRole` of a responder's chain.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumeStep {
    /// The role's ARN.
    pub role_arn: String,
    /// The `ExternalId` sent, if any.
    pub external_id: Option<String>,
}

/// Which Task an answer is for.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskRef {
    /// Every Task of this state of this state machine (each attempt, or only `attempt`):
    /// as a consumer answers every message it receives.
    State {
        /// The state machine's ARN.
        state_machine: String,
        /// The Task state's name.
        state: String,
        /// Only this attempt (0 for the first), when given.
        attempt: Option<u32>,
    },
    /// The Task with this literal token.
    Token(String),
}

/// What an answer sends.
#[derive(Debug, Clone, PartialEq)]
pub enum SendTask {
    /// `SendTaskSuccess` with this output.
    Success(Value),
    /// `SendTaskFailure` with this error and cause.
    Failure {
        /// The error name (`error`), if given.
        error: Option<String>,
        /// The cause (`cause`), if given.
        cause: Option<String>,
    },
    /// `SendTaskHeartbeat`.
    Heartbeat,
}

impl SendTask {
    /// The API it calls.
    pub fn api(&self) -> &'static str {
        match self {
            SendTask::Success(_) => "SendTaskSuccess",
            SendTask::Failure { .. } => "SendTaskFailure",
            SendTask::Heartbeat => "SendTaskHeartbeat",
        }
    }
}

/// One scripted answer: one `states:SendTask*` call.
#[derive(Debug, Clone, PartialEq)]
pub struct Callback {
    /// Who calls.
    pub responder: Responder,
    /// Which Task.
    pub task: TaskRef,
    /// Seconds after the Task started waiting (TaskSubmitted; ActivityScheduled).
    pub after_seconds: u64,
    /// What it sends.
    pub send: SendTask,
}

/// An activity (`arn:aws:states:REGION:ACCOUNT:activity:NAME`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Activity {
    /// The worker that polls it; none: nobody takes its tasks.
    pub worker: Option<ActivityWorker>,
}

/// A worker: it polls with `GetActivityTask`, sends heartbeats and answers (or never).
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityWorker {
    /// Who polls and answers.
    pub responder: Responder,
    /// The `workerName` it polls with.
    pub worker_name: String,
    /// When it polls, seconds after the task is scheduled.
    pub poll_after_seconds: u64,
    /// When it sends heartbeats, seconds after it took the task.
    pub heartbeats: Vec<u64>,
    /// When it answers, seconds after it took the task.
    pub answer_after_seconds: u64,
    /// Its answer; none: it never answers.
    pub answer: Option<SendTask>,
}

const CALLBACK: [&str; 10] = [
    "principal",
    "assumeRole",
    "task",
    "taskToken",
    "afterSeconds",
    "send",
    "output",
    "error",
    "cause",
    "description",
];
const WORKER: [&str; 11] = [
    "principal",
    "assumeRole",
    "workerName",
    "pollAfterSeconds",
    "heartbeatAfterSeconds",
    "answerAfterSeconds",
    "send",
    "output",
    "error",
    "cause",
    "description",
];

/// The top-level `callbacks` array.
pub(super) fn callbacks(r: &mut Reader, top: &Map<String, Value>) -> Vec<Callback> {
    let items = match top.get("callbacks") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            r.wrong_type(other, "/callbacks", "an array of answers");
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let at = format!("/callbacks/{i}");
        let Some(map) = r.object(v, &at, &CALLBACK) else {
            continue;
        };
        let _ = r.optional_string(map, "description", &at);
        let responder = responder(r, map, &at);
        let task = task_ref(r, map, &at);
        let after_seconds = seconds(r, map, "afterSeconds", &at);
        let send = r
            .required_string(map, "send", &at)
            .and_then(|api| send(r, map, &api, &at, false));
        if let (Some(responder), Some(task), Some(send)) = (responder, task, send) {
            out.push(Callback {
                responder,
                task,
                after_seconds,
                send,
            });
        }
    }
    out
}

/// Reports each responder whose `principal` is not a role of the scenario, and each
/// `task` naming a state machine the scenario does not have.
pub(super) fn check_references(
    r: &mut Reader,
    accounts: &BTreeMap<String, Account>,
    region: &str,
    callbacks: &[Callback],
) {
    let unknown_role = |r: &mut Reader, who: &Responder, at: String| {
        let exists = accounts
            .get(&who.account)
            .is_some_and(|a| a.roles.contains_key(&who.role));
        if !exists {
            r.error(
                Code::UnknownReference,
                &at,
                format!("no role `{}` in account {}", who.role, who.account),
            );
        }
    };
    for (i, c) in callbacks.iter().enumerate() {
        unknown_role(r, &c.responder, format!("/callbacks/{i}/principal"));
        if let TaskRef::State { state_machine, .. } = &c.task {
            let known = accounts.iter().any(|(id, a)| {
                a.state_machines
                    .keys()
                    .any(|name| crate::arn::state_machine(region, id, name) == *state_machine)
            });
            if !known {
                r.error(
                    Code::UnknownReference,
                    &format!("/callbacks/{i}/task/stateMachine"),
                    format!("no state machine `{state_machine}` in the scenario"),
                );
            }
        }
    }
    for (id, account) in accounts {
        for (name, activity) in &account.activities {
            if let Some(worker) = &activity.worker {
                let at = jsonloc::pointer_push(&format!("/accounts/{id}/activities"), name);
                unknown_role(r, &worker.responder, format!("{at}/worker/principal"));
            }
        }
    }
}

/// An account's `activities`.
pub(super) fn activities(
    r: &mut Reader,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Activity> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "activities", at) {
        r.name(super::names::NameRule::StepFunctions, name, &at);
        let Some(map) = r.object(v, &at, &["worker", "description"]) else {
            continue;
        };
        let _ = r.optional_string(map, "description", &at);
        let worker = match map.get("worker") {
            None | Some(Value::Null) => None,
            Some(w) => worker(r, w, &format!("{at}/worker"), name),
        };
        out.insert(name.to_string(), Activity { worker });
    }
    out
}

fn worker(r: &mut Reader, v: &Value, at: &str, activity: &str) -> Option<ActivityWorker> {
    let map = r.object(v, at, &WORKER)?;
    let _ = r.optional_string(map, "description", at);
    let responder = responder(r, map, at)?;
    let worker_name = r
        .optional_string(map, "workerName", at)
        .unwrap_or_else(|| format!("{activity}-worker"));
    let mut heartbeats = Vec::new();
    match map.get("heartbeatAfterSeconds") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item.as_u64() {
                    Some(n) => heartbeats.push(n),
                    None => r.wrong_type(
                        item,
                        &format!("{at}/heartbeatAfterSeconds/{i}"),
                        "a whole number of seconds",
                    ),
                }
            }
        }
        Some(other) => r.wrong_type(
            other,
            &format!("{at}/heartbeatAfterSeconds"),
            "an array of seconds",
        ),
    }
    let answer = r
        .optional_string(map, "send", at)
        .and_then(|api| send(r, map, &api, at, true));
    Some(ActivityWorker {
        responder,
        worker_name,
        poll_after_seconds: seconds(r, map, "pollAfterSeconds", at),
        heartbeats,
        answer_after_seconds: seconds(r, map, "answerAfterSeconds", at),
        answer,
    })
}

/// `principal` (a role ARN) and `assumeRole` (one step or an array of them, each a role
/// ARN or `{"roleArn", "externalId"}`).
fn responder(r: &mut Reader, map: &Map<String, Value>, at: &str) -> Option<Responder> {
    let principal = r.required_string(map, "principal", at)?;
    let Some((account, role)) = Arn::parse(&principal)
        .filter(|a| a.service == "iam")
        .and_then(|a| Some((a.account.to_string(), a.resource_named("role")?)))
    else {
        r.error(
            Code::InvalidArn,
            &format!("{at}/principal"),
            format!("`{principal}` is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)"),
        );
        return None;
    };
    let role = role.rsplit('/').next().unwrap_or(role).to_string();
    let assume_at = format!("{at}/assumeRole");
    let assume_roles = match map.get("assumeRole") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| assume_step(r, v, &format!("{assume_at}/{i}")))
            .collect(),
        Some(step) => assume_step(r, step, &assume_at).into_iter().collect(),
    };
    Some(Responder {
        account,
        role,
        assume_roles,
    })
}

/// A role ARN, or `{"roleArn", "externalId"}`.
fn assume_step(r: &mut Reader, v: &Value, at: &str) -> Option<AssumeStep> {
    match v {
        Value::String(arn) => Some(AssumeStep {
            role_arn: arn.clone(),
            external_id: None,
        }),
        Value::Object(_) => {
            let map = r.object(v, at, &["roleArn", "externalId"])?;
            Some(AssumeStep {
                role_arn: r.required_string(map, "roleArn", at)?,
                external_id: r.optional_string(map, "externalId", at),
            })
        }
        other => {
            r.wrong_type(other, at, "a role ARN or {\"roleArn\", \"externalId\"}");
            None
        }
    }
}

/// `task` (`stateMachine`, `state`, optional `attempt`) or `taskToken`.
fn task_ref(r: &mut Reader, map: &Map<String, Value>, at: &str) -> Option<TaskRef> {
    match (map.get("task"), map.get("taskToken")) {
        (Some(_), Some(_)) => {
            r.error(
                Code::InvalidValue,
                at,
                "give either `task` or `taskToken`, not both",
            );
            None
        }
        (None, Some(_)) => r.optional_string(map, "taskToken", at).map(TaskRef::Token),
        (Some(task), None) => {
            let at = format!("{at}/task");
            let task = r.object(task, &at, &["stateMachine", "state", "attempt"])?;
            let state_machine = r.required_string(task, "stateMachine", &at)?;
            if Arn::parse(&state_machine)
                .and_then(|a| a.resource_named("stateMachine"))
                .is_none()
            {
                r.error(
                    Code::InvalidArn,
                    &format!("{at}/stateMachine"),
                    format!("`{state_machine}` is not a state machine ARN (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)"),
                );
            }
            let state = r.required_string(task, "state", &at)?;
            let attempt = match task.get("attempt") {
                None | Some(Value::Null) => None,
                Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                    Some(n) => Some(n),
                    None => {
                        r.wrong_type(v, &format!("{at}/attempt"), "an attempt number from 0");
                        None
                    }
                },
            };
            Some(TaskRef::State {
                state_machine,
                state,
                attempt,
            })
        }
        (None, None) => {
            r.error(
                Code::MissingField,
                at,
                "missing field `task` (stateMachine, state) or `taskToken`",
            );
            None
        }
    }
}

/// What `send` names, with its fields; `None` (reported) when the name is unknown.
fn send(
    r: &mut Reader,
    map: &Map<String, Value>,
    api: &str,
    at: &str,
    worker: bool,
) -> Option<SendTask> {
    Some(match api {
        "SendTaskSuccess" => SendTask::Success(
            map.get("output")
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new())),
        ),
        "SendTaskFailure" => SendTask::Failure {
            error: r.optional_string(map, "error", at),
            cause: r.optional_string(map, "cause", at),
        },
        "SendTaskHeartbeat" if !worker => SendTask::Heartbeat,
        other => {
            let known = if worker {
                "SendTaskSuccess or SendTaskFailure (heartbeats: heartbeatAfterSeconds)"
            } else {
                "SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat"
            };
            r.error(
                Code::InvalidValue,
                &format!("{at}/send"),
                format!("`{other}` is not an answer: {known}"),
            );
            return None;
        }
    })
}

/// A whole number of seconds (0 when absent).
fn seconds(r: &mut Reader, map: &Map<String, Value>, key: &str, at: &str) -> u64 {
    match map.get(key) {
        None | Some(Value::Null) => 0,
        Some(v) => v.as_u64().unwrap_or_else(|| {
            r.wrong_type(
                v,
                &jsonloc::pointer_push(at, key),
                "a whole number of seconds",
            );
            0
        }),
    }
}
