//! What a run produced: every execution (the top-level one first, then nested ones in start
//! order) and every API call with its IAM decision.

use super::authz::Verdict;
use crate::identity::Principal;
use crate::integration::Service;
use crate::scenario::MachineType;
use serde_json::{json, Value};

/// Where a call was made: the execution and which Task attempt (0-based) in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Site {
    /// Index into [`Report::executions`].
    pub execution: usize,
    /// The n-th Task attempt of that execution.
    pub invocation: usize,
}

/// One execution, finished.
#[derive(Debug, Clone)]
pub struct ExecutionRecord {
    /// The execution's ARN.
    pub execution_arn: String,
    /// The ARN of the state machine it ran.
    pub state_machine_arn: String,
    /// The execution name.
    pub name: String,
    /// Standard or Express.
    pub kind: MachineType,
    /// `RUNNING` until it ends, then `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
    pub status: String,
    /// The execution input.
    pub input: Value,
    /// The output, when it succeeded.
    pub output: Option<Value>,
    /// The error name, when it failed.
    pub error: Option<String>,
    /// The cause of the failure, when it failed.
    pub cause: Option<String>,
    /// The Task attempt that started it, for nested executions.
    pub parent: Option<Site>,
    /// Events as GetExecutionHistory returns them.
    pub events: Vec<Value>,
    /// Each state visit's processing stages (see `asl::exec::DataFlow`).
    pub data_flow: Vec<Value>,
    /// The id of the TaskStarted / LambdaFunctionStarted event of each Task attempt.
    pub attempt_events: Vec<u32>,
    /// When it started (ms on the virtual clock).
    pub start_time: i64,
    /// When it ended (ms on the virtual clock).
    pub stop_time: i64,
}

/// One API call.
#[derive(Debug, Clone)]
pub struct CallRecord {
    /// The call that caused it (a Task attempt), or `None` (Step Functions assuming an
    /// execution role).
    pub site: Option<Site>,
    /// The execution it belongs to (index into [`Report::executions`]).
    pub execution: usize,
    /// The service called.
    pub service: Service,
    /// The IAM action authorized (`secretsmanager:GetSecretValue` …).
    pub action: &'static str,
    /// The API name (`GetSecretValue` …).
    pub api: &'static str,
    /// Who made the call.
    pub caller: Principal,
    /// The ARN of the resource called.
    pub resource: String,
    /// The account that owns the resource.
    pub resource_account: String,
    /// The request as the service received it.
    pub request: Value,
    /// The response, when the call succeeded.
    pub response: Option<Value>,
    /// `(error code, message)` when the call failed.
    pub error: Option<(String, String)>,
    /// The IAM decision on the call.
    pub decision: Verdict,
}

/// The result of [`crate::run`].
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every execution: the top-level one first, then nested ones in start order.
    pub executions: Vec<ExecutionRecord>,
    /// Every API call, in the order they were made.
    pub calls: Vec<CallRecord>,
}

impl ExecutionRecord {
    fn to_json(&self, report: &Report) -> Value {
        let parent = self.parent.and_then(|s| report.executions.get(s.execution));
        json!({
            "executionArn": self.execution_arn,
            "stateMachineArn": self.state_machine_arn,
            "name": self.name,
            "type": self.kind.as_str(),
            "status": self.status,
            "output": self.output,
            "error": self.error,
            "cause": self.cause,
            "parentExecutionArn": parent.map(|p| p.execution_arn.as_str()),
            "parentEventId": self.parent.and_then(|s| report.event_id(s)),
            "events": self.events,
            "dataFlow": self.data_flow,
        })
    }
}

impl CallRecord {
    fn to_json(&self, id: usize, report: &Report) -> Value {
        let execution = report.executions.get(self.execution);
        json!({
            "id": id,
            "executionArn": execution.map(|e| e.execution_arn.as_str()),
            "eventId": self.site.and_then(|s| report.event_id(s)),
            "service": self.service.code(),
            "action": self.action,
            "api": self.api,
            "caller": self.caller.to_json(),
            "resource": self.resource,
            "resourceAccount": self.resource_account,
            "request": self.request,
            "response": self.response,
            "error": self.error.as_ref().map(|(e, c)| json!({"error": e, "cause": c})),
            "decision": {
                "result": self.decision.result.as_str(),
                "summary": self.decision.summary,
                "explanation": self.decision.explanation,
                "advice": self.decision.advice,
            },
        })
    }

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

    /// `{"status", "output", "error", "cause", "events", "executions", "calls"}`.
    pub fn to_json(&self) -> Value {
        let top = self.top();
        json!({
            "status": top.map(|t| t.status.as_str()),
            "output": top.and_then(|t| t.output.as_ref()),
            "error": top.and_then(|t| t.error.as_ref()),
            "cause": top.and_then(|t| t.cause.as_ref()),
            "events": top.map(|t| t.events.as_slice()).unwrap_or_default(),
            "executions": self.executions.iter().map(|e| e.to_json(self)).collect::<Vec<_>>(),
            "calls": self.calls.iter().enumerate().map(|(i, c)| c.to_json(i, self)).collect::<Vec<_>>(),
        })
    }
}
