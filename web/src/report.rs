//! Reading a run report for the panels: how the run ended, the history's rows as the
//! console shows them (events keep AWS's GetExecutionHistory shapes), the state an event
//! belongs to, and the statements that decided a call.

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
    /// The event's id.
    pub id: u64,
    /// The event type (`TaskScheduled` …).
    pub kind: String,
    /// The state the event belongs to.
    pub step: String,
    /// `resourceType:resource` for Task events.
    pub resource: String,
    /// Milliseconds since the execution started.
    pub elapsed_ms: i64,
    /// For an event that closes a span (`TaskSucceeded` after `TaskScheduled`, a state's
    /// exit after its entry, the execution's end …), the span's length in milliseconds.
    pub duration_ms: Option<i64>,
    /// The event's timestamp as recorded.
    pub timestamp: String,
    /// A failure or time-out event.
    pub failed: bool,
}

/// The state an event names, for `*StateEntered`/`*StateExited`.
pub(crate) fn state_name(event: &Value) -> Option<&str> {
    event
        .get("stateEnteredEventDetails")
        .or_else(|| event.get("stateExitedEventDetails"))
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
}

/// The event's type.
pub(crate) fn kind(event: &Value) -> &str {
    event
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// An event that fails the state it belongs to.
pub(crate) fn is_failure(kind: &str) -> bool {
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

/// Whether an event opens or closes a span, and of what (`Task`, `PassState`, `MapIteration` …).
enum Span<'a> {
    Open(&'a str),
    Close(&'a str),
}

/// The span an event type opens or closes. Tasks, Lambda functions and activities open at
/// `*Scheduled` (their `*Started` is inside the span), everything else at `*Started` or
/// `*Entered`.
fn span(kind: &str) -> Option<Span<'_>> {
    const CLOSE: [&str; 8] = [
        "StartFailed",
        "SubmitFailed",
        "ScheduleFailed",
        "Succeeded",
        "Failed",
        "TimedOut",
        "Aborted",
        "Exited",
    ];
    if let Some(family) = CLOSE.iter().find_map(|s| kind.strip_suffix(s)) {
        return Some(Span::Close(family));
    }
    if let Some(family) = kind
        .strip_suffix("Scheduled")
        .or_else(|| kind.strip_suffix("Entered"))
    {
        return Some(Span::Open(family));
    }
    kind.strip_suffix("Started")
        .filter(|f| !matches!(*f, "Task" | "LambdaFunction" | "Activity"))
        .map(Span::Open)
}

/// The history as table rows.
pub fn rows(events: &[Value]) -> Vec<Row> {
    let start = events.first().and_then(millis).unwrap_or(0);
    let mut stack: Vec<String> = Vec::new();
    // Open spans by (family, state, Map iteration index): the event index that opened each.
    let mut open: HashMap<(String, String, Option<u64>), Vec<usize>> = HashMap::new();
    let mut out = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
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
        let details = e
            .as_object()
            .and_then(|o| o.iter().find(|(key, _)| key.ends_with("EventDetails")))
            .map(|(_, d)| d);
        let resource = details
            .and_then(|d| {
                Some((
                    d.get("resourceType")?.as_str()?,
                    d.get("resource")?.as_str()?,
                ))
            })
            .map(|(t, r)| format!("{t}:{r}"))
            .unwrap_or_default();
        let at = millis(e);
        let duration_ms = span(k).and_then(|s| {
            let (family, is_open) = match s {
                Span::Open(f) => (f, true),
                Span::Close(f) => (f, false),
            };
            // The execution's span is the whole run, whichever state it ends in.
            let owner = if family == "Execution" { "" } else { &step };
            let index = details.and_then(|d| d.get("index")).and_then(Value::as_u64);
            let key = (family.to_string(), owner.to_string(), index);
            if is_open {
                open.entry(key).or_default().push(i);
                return None;
            }
            let opened = open.get_mut(&key)?.pop()?;
            Some(at? - millis(events.get(opened)?)?)
        });
        out.push(Row {
            id: e.get("id").and_then(Value::as_u64).unwrap_or_default(),
            kind: k.to_string(),
            step,
            resource,
            elapsed_ms: at.map_or(0, |t| t - start),
            duration_ms,
            timestamp: e
                .get("timestamp")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            failed: k.ends_with("Failed") || k.ends_with("TimedOut"),
        });
    }
    out
}

/// The state an event belongs to (for following the step-through in the data-flow panel):
/// the state it names, else the innermost state entered and not yet left before it. Reads
/// back from `upto` only as far as that state's entry, so a step costs little however long
/// the history.
pub fn step_state(events: &[Value], upto: usize) -> Option<String> {
    let upto = upto.min(events.len().checked_sub(1)?);
    let event = events.get(upto)?;
    if let Some(n) = state_name(event) {
        return Some(n.to_string()).filter(|s| !s.is_empty());
    }
    let mut depth = 0usize;
    for e in events.get(..upto)?.iter().rev() {
        let k = kind(e);
        if k.ends_with("StateExited") {
            depth += 1;
        } else if k.ends_with("StateEntered") {
            if let Some(n) = state_name(e) {
                if depth == 0 {
                    return Some(n.to_string()).filter(|s| !s.is_empty());
                }
                depth -= 1;
            }
        }
    }
    None
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

    fn at(mut e: Value, ms: u64) -> Value {
        e["timestamp"] = json!(timestamp::format_millis(1_767_225_600_000 + ms as i64));
        e
    }

    #[test]
    fn rows_name_the_step_and_time_the_spans() {
        let mut iteration = ev(6, "MapIterationStarted", None);
        iteration["mapIterationStartedEventDetails"] = json!({"index": 0, "name": "M"});
        let mut iteration_end = ev(9, "MapIterationSucceeded", None);
        iteration_end["mapIterationSucceededEventDetails"] = json!({"index": 0, "name": "M"});
        let mut scheduled = ev(3, "TaskScheduled", None);
        scheduled["taskScheduledEventDetails"] =
            json!({"resourceType": "lambda", "resource": "invoke"});
        let events = vec![
            at(ev(1, "ExecutionStarted", None), 0),
            at(ev(2, "TaskStateEntered", Some("T")), 5),
            at(scheduled, 5),
            at(ev(4, "TaskStarted", None), 10),
            at(ev(5, "TaskFailed", None), 250),
            at(iteration, 300),
            at(ev(7, "PassStateEntered", Some("Inner")), 300),
            at(ev(8, "PassStateExited", Some("Inner")), 320),
            at(iteration_end, 330),
            at(ev(10, "TaskStateExited", Some("T")), 400),
            at(ev(11, "ExecutionSucceeded", None), 410),
        ];
        let r = rows(&events);
        let col = |f: fn(&Row) -> Option<i64>| r.iter().map(f).collect::<Vec<_>>();
        assert_eq!(
            col(|r| r.duration_ms),
            [
                None,
                None,
                None,
                None,
                Some(245),
                None,
                None,
                Some(20),
                Some(30),
                Some(395),
                Some(410)
            ]
        );
        assert_eq!(col(|r| Some(r.elapsed_ms))[4], Some(250));
        let steps: Vec<&str> = r.iter().map(|r| r.step.as_str()).collect();
        assert_eq!(
            steps,
            ["", "T", "T", "T", "T", "T", "Inner", "Inner", "T", "T", ""]
        );
        assert_eq!(r[2].resource, "lambda:invoke");
        assert!(r[4].failed && !r[3].failed);
        for i in 0..events.len() + 2 {
            let want = rows(&events[..events.len().min(i + 1)])
                .pop()
                .map(|r| r.step)
                .filter(|s| !s.is_empty());
            assert_eq!(step_state(&events, i), want, "at {i}");
        }
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
                matched_conditions: Vec::new(),
                not_principal: None,
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
