//! What a run produced: every execution (the top-level one first, then nested ones in start
//! order) and every API call with its IAM decision. Each record serializes all its fields
//! and reads them back; [`Report`] serializes them with the fields computed from relations
//! between them (`parentExecutionArn`, `eventId` …, see `report_view`), the JSON
//! `sfn-play run` prints, and reads that JSON back into an equal report.

use super::authz::Verdict;
use crate::identity::Principal;
use crate::integration::{known_action, known_api, Service};
use crate::scenario::MachineType;
use serde::de::{Deserializer, Error};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Where a call was made: the execution and which Task attempt (0-based) in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Index into [`Report::executions`].
    pub execution: usize,
    /// The n-th Task attempt of that execution.
    pub invocation: usize,
}

/// One execution, finished; in JSON its ARNs, name, `type`, status, output, error, cause,
/// events and data flow, then the account, state machine name, input, parent Task attempt,
/// attempt events and start and stop times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionRecord {
    /// The execution's ARN.
    pub execution_arn: String,
    /// The ARN of the state machine it ran.
    pub state_machine_arn: String,
    /// The execution name.
    pub name: String,
    /// Standard or Express.
    #[serde(rename = "type")]
    pub kind: MachineType,
    /// `RUNNING` until it ends, then `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
    pub status: String,
    /// The output, when it succeeded (`null` in JSON otherwise; a report read back gives a
    /// succeeded execution its output even when that is `null`).
    pub output: Option<Value>,
    /// The error name, when it failed.
    pub error: Option<String>,
    /// The cause of the failure, when it failed.
    pub cause: Option<String>,
    /// Events as GetExecutionHistory returns them.
    pub events: Vec<Value>,
    /// Each state visit's processing stages.
    pub data_flow: Vec<asl::DataFlow>,
    /// The account of the state machine (and of the execution).
    pub account: String,
    /// The name of the state machine.
    pub state_machine: String,
    /// The execution input.
    pub input: Value,
    /// The Task attempt that started it, for nested executions.
    pub parent: Option<Site>,
    /// The Map Run (index in `Report.map_runs`) it is a child execution of.
    #[serde(default)]
    pub map_run: Option<usize>,
    /// The id of the TaskStarted / LambdaFunctionStarted event of each Task attempt.
    pub attempt_events: Vec<u32>,
    /// When it started (ms on the virtual clock).
    pub start_time: i64,
    /// When it ended (ms on the virtual clock).
    pub stop_time: i64,
}

/// One API call; in JSON its service, action, API, caller, resource, request, context,
/// response, error and decision, then where it was made (`site`, `execution`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    /// The service called.
    pub service: Service,
    /// The IAM action authorized (`secretsmanager:GetSecretValue` …); read back, one of
    /// the simulated APIs' actions.
    #[serde(deserialize_with = "action")]
    pub action: TableName,
    /// The API name (`GetSecretValue` …); read back, one of the simulated APIs.
    #[serde(deserialize_with = "api")]
    pub api: TableName,
    /// Who made the call.
    pub caller: Principal,
    /// The ARN of the resource called.
    pub resource: String,
    /// The account that owns the resource.
    pub resource_account: String,
    /// The request as the service received it.
    pub request: Value,
    /// The condition keys the call set itself: those of the service (`sts:ExternalId`,
    /// `aws:SourceArn` …) and when it was made (`aws:CurrentTime`, `aws:EpochTime`); AWS
    /// adds those of the caller and the resource.
    pub context: Map<String, Value>,
    /// The response, when the call succeeded (`null` in JSON otherwise; a report read back
    /// gives a call without error its response even when that is `null`).
    pub response: Option<Value>,
    /// The error, when the call failed.
    pub error: Option<CallError>,
    /// The IAM decision on the call.
    pub decision: Verdict,
    /// The call that caused it (a Task attempt), or `None` (Step Functions assuming an
    /// execution role).
    pub site: Option<Site>,
    /// The execution it belongs to (index into [`Report::executions`]).
    pub execution: usize,
}

/// A name from the simulated APIs' table. (The alias keeps serde from borrowing it from
/// the input: it is read with [`action`] or [`api`], which return the table's copy.)
type TableName = &'static str;

/// Reads an IAM action the simulated APIs use.
fn action<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
    known_action(&name)
        .ok_or_else(|| D::Error::custom(format!("no simulated API has action `{name}`")))
}

/// Reads the name of a simulated API.
fn api<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
    known_api(&name).ok_or_else(|| D::Error::custom(format!("no simulated API `{name}`")))
}

/// The result of [`crate::run`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Every execution: the top-level one first, then nested ones in start order.
    pub executions: Vec<ExecutionRecord>,
    /// Every API call, in the order they were made.
    pub calls: Vec<CallRecord>,
    /// Every Map Run of a Distributed Map, in the order they ended.
    pub map_runs: Vec<super::MapRunRecord>,
    /// The Tasks still waiting for their token when the run ended (no answer, no
    /// deadline), in the order they started waiting.
    pub paused: Vec<PausedTask>,
}

/// A Task waiting for its token when the run ended: a `.waitForTaskToken` call with no
/// answer (or an activity nobody answered) and neither `TimeoutSeconds` nor
/// `HeartbeatSeconds`, so its execution stays RUNNING. A scenario answers it with a
/// `callbacks` entry naming its state machine and state (and attempt), or its token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PausedTask {
    /// Index into [`Report::executions`].
    pub execution: usize,
    /// The Task state's name.
    pub state: String,
    /// Which attempt (0 for the first).
    pub attempt: u32,
    /// The Task's `Resource`.
    pub resource: String,
    /// The task token (`$$.Task.Token`), the same in every run of the scenario.
    pub task_token: String,
    /// What was sent: the integration's parameters (the message carrying the token), or
    /// the activity's input.
    pub message: Value,
    /// When it started waiting (ms on the virtual clock).
    pub since: i64,
}

impl CallRecord {
    /// The one-line form attached to the Task event.
    pub fn annotation(&self, id: usize) -> Value {
        json!({
            "call": id,
            "action": self.action,
            "resource": self.resource,
            "caller": self.caller.arn(),
            "result": self.decision.result.as_str(),
            "summary": self.decision.summary,
        })
    }
}

impl Report {
    /// The top-level execution.
    pub fn top(&self) -> Option<&ExecutionRecord> {
        self.executions.first()
    }

    /// The event id of a Task attempt.
    pub fn event_id(&self, site: Site) -> Option<u32> {
        self.executions
            .get(site.execution)?
            .attempt_events
            .get(site.invocation)
            .copied()
    }

    /// `{"status", "output", "error", "cause", "events", "executions", "calls"}`: the
    /// report serialized.
    pub fn to_json(&self) -> Value {
        // Strings, numbers, JSON values and maps with string keys: it always serializes.
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// A failed call's error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallError {
    /// The error code (`AccessDeniedException` …).
    pub error: String,
    /// The message.
    pub cause: String,
}
