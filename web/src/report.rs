//! Reading a run report for the panels: how the run ended, the history's rows as the
//! console shows them (events keep AWS's GetExecutionHistory shapes), each state's status
//! at a step, and the statements that decided a call.

use crate::graph::StateStatus;
use iam::ExplanationReport;
use serde_json::Value;
use std::collections::HashMap;

/// How a run ended, as the outcome panel shows it.
pub struct Ending<'r> {
    /// `SUCCEEDED`, `FAILED` … or `INVALID` when the scenario could not run.
    pub status: Option<&'r str>,
    /// The error name, when it failed.
    pub error: Option<&'r str>,
    /// The cause of the failure, when it failed.
    pub cause: Option<&'r str>,
    /// The output, when it succeeded.
    pub output: Option<&'r Value>,
}

/// How the top-level execution of `report` ended, or why the run did not start.
pub fn ending<'r>(report: &'r sim::Report, refused: Option<&'r str>) -> Ending<'r> {
    match refused {
        Some(cause) => Ending {
            status: Some("INVALID"),
            error: Some("InvalidScenario"),
            cause: Some(cause),
            output: None,
        },
        None => {
            let top = report.top();
            Ending {
                status: top.map(|t| t.status.as_str()),
                error: top.and_then(|t| t.error.as_deref()),
                cause: top.and_then(|t| t.cause.as_deref()),
                output: top.and_then(|t| t.output.as_ref()),
            }
        }
    }
}

/// One row of the history table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: u64,
    pub kind: String,
    /// The state the event belongs to.
    pub step: String,
    /// `resourceType:resource` for Task events.
    pub resource: String,
    /// Milliseconds since the execution started.
    pub elapsed_ms: i64,
    pub timestamp: String,
}

/// The state an event names, for `*StateEntered`/`*StateExited`.
fn state_name(event: &Value) -> Option<&str> {
    event
        .get("stateEnteredEventDetails")
        .or_else(|| event.get("stateExitedEventDetails"))
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
}

fn kind(event: &Value) -> &str {
    event
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn is_failure(kind: &str) -> bool {
    matches!(
        kind,
        "TaskFailed"
            | "TaskTimedOut"
            | "LambdaFunctionFailed"
            | "LambdaFunctionTimedOut"
            | "MapStateFailed"
            | "ParallelStateFailed"
            | "ExecutionFailed"
            | "ExecutionTimedOut"
            | "FailStateEntered"
    )
}

/// Milliseconds of an RFC 3339 timestamp, for elapsed times.
fn millis(event: &Value) -> Option<i64> {
    timestamp::parse_millis(event.get("timestamp")?.as_str()?)
}

/// The history as table rows.
pub fn rows(events: &[Value]) -> Vec<Row> {
    let start = events.first().and_then(millis).unwrap_or(0);
    let mut stack: Vec<String> = Vec::new();
    events
        .iter()
        .map(|e| {
            let k = kind(e);
            if k.ends_with("StateEntered") {
                if let Some(n) = state_name(e) {
                    stack.push(n.to_string());
                }
            }
            let step = state_name(e)
                .map(str::to_string)
                .or_else(|| stack.last().cloned())
                .unwrap_or_default();
            if k.ends_with("StateExited") {
                stack.pop();
            }
            let resource = e
                .as_object()
                .and_then(|o| {
                    o.values().find_map(|d| {
                        Some((
                            d.get("resourceType")?.as_str()?,
                            d.get("resource")?.as_str()?,
                        ))
                    })
                })
                .map(|(t, r)| format!("{t}:{r}"))
                .unwrap_or_default();
            Row {
                id: e.get("id").and_then(Value::as_u64).unwrap_or_default(),
                kind: k.to_string(),
                step,
                resource,
                elapsed_ms: millis(e).map_or(0, |t| t - start),
                timestamp: e
                    .get("timestamp")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            }
        })
        .collect()
}

/// Each state's status after the events up to and including `upto`; the state of the
/// event at `upto` is `Current`.
pub fn statuses(events: &[Value], upto: usize) -> HashMap<String, StateStatus> {
    let mut status: HashMap<String, StateStatus> = HashMap::new();
    let mut stack: Vec<String> = Vec::new();
    for e in events.iter().take(upto.saturating_add(1)) {
        let k = kind(e);
        if k.ends_with("StateEntered") {
            if let Some(n) = state_name(e) {
                stack.push(n.to_string());
                status.insert(n.to_string(), StateStatus::Current);
            }
        }
        if is_failure(k) {
            if let Some(top) = stack.last() {
                status.insert(top.clone(), StateStatus::Failed);
            }
        } else if k == "TaskScheduled" || k.ends_with("StateStarted") {
            if let Some(top) = stack.last() {
                status.insert(top.clone(), StateStatus::Current);
            }
        }
        if k.ends_with("StateExited") {
            if let Some(n) = state_name(e) {
                let done = match status.get(n) {
                    Some(StateStatus::Failed) => StateStatus::Caught,
                    _ => StateStatus::Succeeded,
                };
                status.insert(n.to_string(), done);
                stack.pop();
            }
        }
    }
    // Only the state of the event under the cursor is current; states still open above
    // it (a Map around an iteration) show as running by their own events.
    let current = events
        .get(upto)
        .and_then(|e| state_name(e).map(str::to_string))
        .or_else(|| stack.last().cloned());
    for (name, s) in status.iter_mut() {
        if *s == StateStatus::Current && Some(name) != current.as_ref() {
            *s = StateStatus::Succeeded;
        }
    }
    if let Some(name) = current {
        if status.get(&name) == Some(&StateStatus::Current)
            || events
                .get(upto)
                .is_some_and(|e| kind(e).ends_with("StateEntered"))
        {
            status.insert(name, StateStatus::Current);
        }
    }
    status
}

/// The state an event belongs to (for following the step-through in the data-flow panel).
pub fn step_state(events: &[Value], upto: usize) -> Option<String> {
    rows(&events[..events.len().min(upto.saturating_add(1))])
        .pop()
        .map(|r| r.step)
        .filter(|s| !s.is_empty())
}

/// The pointers of the statements that decided, in order, without repeats.
pub fn deciding_pointers(explanation: &ExplanationReport) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for d in &explanation.deciding_statements {
        if !out.contains(&d.statement.pointer.as_str()) {
            out.push(&d.statement.pointer);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(id: u64, kind: &str, name: Option<&str>) -> Value {
        let mut e = json!({"id": id, "type": kind, "timestamp": "2026-01-01T00:00:00.000Z"});
        if let Some(n) = name {
            let key = if kind.ends_with("Entered") {
                "stateEnteredEventDetails"
            } else {
                "stateExitedEventDetails"
            };
            e[key] = json!({ "name": n });
        }
        e
    }

    #[test]
    fn statuses_follow_the_cursor_and_show_catches() {
        let events = vec![
            ev(1, "ExecutionStarted", None),
            ev(2, "TaskStateEntered", Some("T")),
            ev(3, "TaskScheduled", None),
            ev(4, "TaskFailed", None),
            ev(5, "TaskStateExited", Some("T")),
            ev(6, "PassStateEntered", Some("Handle")),
            ev(7, "PassStateExited", Some("Handle")),
        ];
        assert_eq!(statuses(&events, 1).get("T"), Some(&StateStatus::Current));
        assert_eq!(statuses(&events, 3).get("T"), Some(&StateStatus::Failed));
        let end = statuses(&events, 6);
        assert_eq!(end.get("T"), Some(&StateStatus::Caught));
        assert_eq!(end.get("Handle"), Some(&StateStatus::Succeeded));
        assert_eq!(
            statuses(&events, 5).get("Handle"),
            Some(&StateStatus::Current)
        );
        assert_eq!(rows(&events)[3].step, "T");
        assert_eq!(step_state(&events, 2).as_deref(), Some("T"));
    }

    #[test]
    fn deciding_pointers_are_listed_once() {
        use iam::{
            AuthorizationResult, DecidingStatement, Effect, PolicyKind, Reason, RequestReport,
            StatementReport,
        };
        let deciding = |pointer: &str, sid: Option<&str>| DecidingStatement {
            policy_kind: PolicyKind::Identity,
            policy_name: "p".into(),
            org_level: None,
            statement: StatementReport {
                sid: sid.map(str::to_string),
                index: 0,
                effect: Effect::Deny,
                pointer: pointer.into(),
                failed: None,
            },
        };
        let e = ExplanationReport {
            result: AuthorizationResult::ExplicitlyDenied,
            reason: Reason::ExplicitDeny,
            summary: String::new(),
            request: RequestReport {
                principal: String::new(),
                action: String::new(),
                resource: String::new(),
                resource_account: String::new(),
                cross_account: false,
            },
            deciding_statements: vec![
                deciding("/a/Statement/0", Some("DenyX")),
                deciding("/b/Statement/1", None),
                deciding("/a/Statement/0", Some("DenyX")),
            ],
            policies: Vec::new(),
        };
        assert_eq!(
            deciding_pointers(&e),
            vec!["/a/Statement/0", "/b/Statement/1"]
        );
    }
}
