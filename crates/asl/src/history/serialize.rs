//! Events written as GetExecutionHistory returns them, straight to the serializer: no
//! intermediate JSON values, payloads escaped into their string form as they are written.

use super::{ErrorCause, Event, EventKind, TaskResource};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;
use timestamp::format_millis;

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("previousEventId", &self.previous_event_id)?;
        m.serialize_entry("timestamp", &format_millis(self.timestamp))?;
        m.serialize_entry("type", &TypeName(&self.kind))?;
        if let Some(key) = details_key(&self.kind) {
            m.serialize_entry(key, &Details(&self.kind))?;
        }
        if let Some(a) = &self.annotation {
            m.serialize_entry("playground", a)?;
        }
        m.end()
    }
}

/// The event type (`PassStateEntered` …), written without building a string.
struct TypeName<'a>(&'a EventKind);

impl Serialize for TypeName<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            EventKind::StateEntered { state_type, .. } => {
                s.collect_str(&format_args!("{}StateEntered", state_type.as_str()))
            }
            EventKind::StateExited { state_type, .. } => {
                s.collect_str(&format_args!("{}StateExited", state_type.as_str()))
            }
            kind => s.serialize_str(&kind.type_name()),
        }
    }
}

/// A payload as events carry it: its compact JSON text, as a string. The text is written
/// whole first and then escaped in one pass (escaping it token by token, as `Display` hands
/// the tokens over, took a third of the time `sfn-play run` spent writing a history).
struct Payload<'a>(&'a Value);

impl Serialize for Payload<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(self.0).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }
}

/// `{"truncated": false}`: the `*Details` of every payload (none is ever truncated).
struct NotTruncated;

impl Serialize for NotTruncated {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("truncated", &false)?;
        m.end()
    }
}

/// The `*EventDetails` member's key, if the event type has one.
fn details_key(kind: &EventKind) -> Option<&'static str> {
    use EventKind::*;
    Some(match kind {
        ExecutionStarted(_) => "executionStartedEventDetails",
        ExecutionSucceeded { .. } => "executionSucceededEventDetails",
        ExecutionFailed(_) => "executionFailedEventDetails",
        ExecutionTimedOut(_) => "executionTimedOutEventDetails",
        StateEntered { .. } => "stateEnteredEventDetails",
        StateExited { .. } => "stateExitedEventDetails",
        TaskScheduled(_) => "taskScheduledEventDetails",
        TaskStarted { .. } => "taskStartedEventDetails",
        TaskSubmitted { .. } => "taskSubmittedEventDetails",
        TaskSucceeded { .. } => "taskSucceededEventDetails",
        TaskFailed { .. } => "taskFailedEventDetails",
        TaskTimedOut { .. } => "taskTimedOutEventDetails",
        ActivityScheduled(_) => "activityScheduledEventDetails",
        ActivityScheduleFailed(_) => "activityScheduleFailedEventDetails",
        ActivityStarted { .. } => "activityStartedEventDetails",
        ActivitySucceeded { .. } => "activitySucceededEventDetails",
        ActivityFailed(_) => "activityFailedEventDetails",
        ActivityTimedOut(_) => "activityTimedOutEventDetails",
        LambdaFunctionScheduled(_) => "lambdaFunctionScheduledEventDetails",
        LambdaFunctionSucceeded { .. } => "lambdaFunctionSucceededEventDetails",
        LambdaFunctionFailed(_) => "lambdaFunctionFailedEventDetails",
        LambdaFunctionTimedOut(_) => "lambdaFunctionTimedOutEventDetails",
        MapStateStarted { .. } => "mapStateStartedEventDetails",
        MapIterationStarted { .. } => "mapIterationStartedEventDetails",
        MapIterationSucceeded { .. } => "mapIterationSucceededEventDetails",
        MapIterationFailed { .. } => "mapIterationFailedEventDetails",
        MapRunStarted { .. } => "mapRunStartedEventDetails",
        MapRunFailed(_) => "mapRunFailedEventDetails",
        EvaluationFailed(_) => "evaluationFailedEventDetails",
        LambdaFunctionStarted
        | ParallelStateStarted
        | ParallelStateFailed
        | MapStateSucceeded
        | MapStateFailed
        | MapRunSucceeded => return None,
    })
}

/// The `*EventDetails` member's value, members in AWS's order.
struct Details<'a>(&'a EventKind);

impl Serialize for Details<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use EventKind::*;
        let mut m = s.serialize_map(None)?;
        match self.0 {
            ExecutionStarted(e) => {
                input(&mut m, &e.input)?;
                m.serialize_entry("roleArn", e.role_arn.as_ref())?;
                m.serialize_entry("stateMachineArn", e.state_machine_arn.as_ref())?;
            }
            ExecutionSucceeded { output: o }
            | ActivitySucceeded { output: o }
            | LambdaFunctionSucceeded { output: o } => output(&mut m, o)?,
            ExecutionFailed(ec)
            | ExecutionTimedOut(ec)
            | ActivityScheduleFailed(ec)
            | ActivityFailed(ec)
            | ActivityTimedOut(ec)
            | LambdaFunctionFailed(ec)
            | LambdaFunctionTimedOut(ec)
            | MapRunFailed(ec) => error_cause(&mut m, ec)?,
            StateEntered { name, input: i, .. } => {
                m.serialize_entry("name", name.as_ref())?;
                input(&mut m, i)?;
            }
            StateExited {
                name,
                output: o,
                assigned,
                ..
            } => {
                m.serialize_entry("name", name.as_ref())?;
                output(&mut m, o)?;
                if let Some(vars) = assigned.as_deref() {
                    m.serialize_entry("assignedVariables", &Assigned(vars))?;
                    m.serialize_entry("assignedVariablesDetails", &NotTruncated)?;
                }
            }
            TaskScheduled(t) => {
                resource(&mut m, &t.resource)?;
                m.serialize_entry("region", t.region.as_ref())?;
                m.serialize_entry("parameters", &Payload(&t.parameters))?;
                if let Some(seconds) = t.timeout_seconds {
                    m.serialize_entry("timeoutInSeconds", &seconds)?;
                }
                if let Some(seconds) = t.heartbeat_seconds {
                    m.serialize_entry("heartbeatInSeconds", &seconds)?;
                }
                if let Some(role) = &t.role_arn {
                    m.serialize_entry("taskCredentials", &RoleArn(role))?;
                }
            }
            TaskStarted { resource: r } => resource(&mut m, r)?,
            TaskSubmitted {
                resource: r,
                output: o,
            }
            | TaskSucceeded {
                resource: r,
                output: o,
            } => {
                resource(&mut m, r)?;
                output(&mut m, o)?;
            }
            TaskFailed {
                resource: r,
                failure,
            }
            | TaskTimedOut {
                resource: r,
                failure,
            } => {
                error_cause(&mut m, failure)?;
                resource(&mut m, r)?;
            }
            ActivityScheduled(a) => {
                m.serialize_entry("resource", a.resource.as_ref())?;
                input(&mut m, &a.input)?;
                if let Some(seconds) = a.timeout_seconds {
                    m.serialize_entry("timeoutInSeconds", &seconds)?;
                }
                if let Some(seconds) = a.heartbeat_seconds {
                    m.serialize_entry("heartbeatInSeconds", &seconds)?;
                }
            }
            ActivityStarted { worker_name } => {
                m.serialize_entry("workerName", worker_name.as_ref())?;
            }
            LambdaFunctionScheduled(l) => {
                m.serialize_entry("resource", l.resource.as_ref())?;
                input(&mut m, &l.input)?;
                if let Some(seconds) = l.timeout_seconds {
                    m.serialize_entry("timeoutInSeconds", &seconds)?;
                }
            }
            MapStateStarted { length } => m.serialize_entry("length", length)?,
            MapIterationStarted { index, name }
            | MapIterationSucceeded { index, name }
            | MapIterationFailed { index, name } => {
                m.serialize_entry("index", index)?;
                m.serialize_entry("name", name.as_ref())?;
            }
            MapRunStarted { map_run_arn } => {
                m.serialize_entry("mapRunArn", map_run_arn.as_ref())?;
            }
            EvaluationFailed(e) => {
                m.serialize_entry("cause", &e.cause)?;
                m.serialize_entry("error", &e.error)?;
                if let Some(location) = &e.location {
                    m.serialize_entry("location", location)?;
                }
                m.serialize_entry("state", e.state.as_ref())?;
            }
            LambdaFunctionStarted
            | ParallelStateStarted
            | ParallelStateFailed
            | MapStateSucceeded
            | MapStateFailed
            | MapRunSucceeded => {}
        }
        m.end()
    }
}

fn input<M: SerializeMap>(m: &mut M, value: &Value) -> Result<(), M::Error> {
    m.serialize_entry("input", &Payload(value))?;
    m.serialize_entry("inputDetails", &NotTruncated)
}

fn output<M: SerializeMap>(m: &mut M, value: &Value) -> Result<(), M::Error> {
    m.serialize_entry("output", &Payload(value))?;
    m.serialize_entry("outputDetails", &NotTruncated)
}

fn resource<M: SerializeMap>(m: &mut M, r: &TaskResource) -> Result<(), M::Error> {
    m.serialize_entry("resourceType", r.resource_type.as_ref())?;
    m.serialize_entry("resource", r.resource.as_ref())
}

fn error_cause<M: SerializeMap>(m: &mut M, ec: &ErrorCause) -> Result<(), M::Error> {
    if let Some(e) = &ec.error {
        m.serialize_entry("error", e)?;
    }
    if let Some(c) = &ec.cause {
        m.serialize_entry("cause", c)?;
    }
    Ok(())
}

/// `assignedVariables`: each variable's value as its JSON text.
struct Assigned<'a>(&'a [(String, Value)]);

impl Serialize for Assigned<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            m.serialize_entry(name, &Payload(value))?;
        }
        m.end()
    }
}

/// `taskCredentials`: `{"roleArn": …}`.
struct RoleArn<'a>(&'a str);

impl Serialize for RoleArn<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("roleArn", self.0)?;
        m.end()
    }
}
