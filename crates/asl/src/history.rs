//! The execution history, event by event, with AWS's event types and `*EventDetails`
//! shapes. Payloads are shared (`Arc`), so recording an event costs no copy; they are
//! turned into JSON strings, as GetExecutionHistory returns them, only when serialised.

use crate::timestamp::format_millis;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// One history event.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: u32,
    pub previous_event_id: u32,
    /// Milliseconds since the epoch, on the virtual clock.
    pub timestamp: i64,
    pub kind: EventKind,
    /// What the world attached to this event (e.g. the IAM decisions behind a Task call);
    /// not part of AWS's event, serialised under `playground`.
    pub annotation: Option<Value>,
}

/// Where a Task's events say they went: AWS's `resourceType` and `resource`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskResource {
    pub resource_type: Arc<str>,
    pub resource: Arc<str>,
}

/// The kinds of events, each with its details.
#[derive(Debug, Clone)]
pub enum EventKind {
    ExecutionStarted {
        input: Arc<Value>,
        role_arn: Arc<str>,
        state_machine_arn: Arc<str>,
    },
    ExecutionSucceeded {
        output: Arc<Value>,
    },
    ExecutionFailed {
        error: Option<String>,
        cause: Option<String>,
    },
    ExecutionTimedOut {
        error: Option<String>,
        cause: Option<String>,
    },
    StateEntered {
        state_type: &'static str,
        name: Arc<str>,
        input: Arc<Value>,
    },
    StateExited {
        state_type: &'static str,
        name: Arc<str>,
        output: Arc<Value>,
        assigned: Option<Vec<(String, Value)>>,
    },
    TaskScheduled {
        resource: TaskResource,
        region: Arc<str>,
        parameters: Arc<Value>,
        timeout_seconds: Option<u64>,
        heartbeat_seconds: Option<u64>,
        role_arn: Option<String>,
    },
    TaskStarted {
        resource: TaskResource,
    },
    TaskSucceeded {
        resource: TaskResource,
        output: Arc<Value>,
    },
    TaskFailed {
        resource: TaskResource,
        error: String,
        cause: String,
    },
    TaskTimedOut {
        resource: TaskResource,
        error: String,
        cause: String,
    },
    LambdaFunctionScheduled {
        resource: Arc<str>,
        input: Arc<Value>,
        timeout_seconds: Option<u64>,
    },
    LambdaFunctionStarted,
    LambdaFunctionSucceeded {
        output: Arc<Value>,
    },
    LambdaFunctionFailed {
        error: String,
        cause: String,
    },
    LambdaFunctionTimedOut {
        error: String,
        cause: String,
    },
    ParallelStateStarted,
    ParallelStateFailed,
    MapStateStarted {
        length: usize,
    },
    MapStateSucceeded,
    MapStateFailed,
    MapIterationStarted {
        index: usize,
        name: Arc<str>,
    },
    MapIterationSucceeded {
        index: usize,
        name: Arc<str>,
    },
    MapIterationFailed {
        index: usize,
        name: Arc<str>,
    },
    MapRunStarted {
        map_run_arn: String,
    },
    MapRunSucceeded,
    MapRunFailed {
        error: Option<String>,
        cause: Option<String>,
    },
}

impl EventKind {
    /// AWS's event type, e.g. `PassStateEntered`, `TaskScheduled`.
    pub fn type_name(&self) -> String {
        use EventKind::*;
        let fixed = match self {
            StateEntered { state_type, .. } => return format!("{state_type}StateEntered"),
            StateExited { state_type, .. } => return format!("{state_type}StateExited"),
            ExecutionStarted { .. } => "ExecutionStarted",
            ExecutionSucceeded { .. } => "ExecutionSucceeded",
            ExecutionFailed { .. } => "ExecutionFailed",
            ExecutionTimedOut { .. } => "ExecutionTimedOut",
            TaskScheduled { .. } => "TaskScheduled",
            TaskStarted { .. } => "TaskStarted",
            TaskSucceeded { .. } => "TaskSucceeded",
            TaskFailed { .. } => "TaskFailed",
            TaskTimedOut { .. } => "TaskTimedOut",
            LambdaFunctionScheduled { .. } => "LambdaFunctionScheduled",
            LambdaFunctionStarted => "LambdaFunctionStarted",
            LambdaFunctionSucceeded { .. } => "LambdaFunctionSucceeded",
            LambdaFunctionFailed { .. } => "LambdaFunctionFailed",
            LambdaFunctionTimedOut { .. } => "LambdaFunctionTimedOut",
            ParallelStateStarted => "ParallelStateStarted",
            ParallelStateFailed => "ParallelStateFailed",
            MapStateStarted { .. } => "MapStateStarted",
            MapStateSucceeded => "MapStateSucceeded",
            MapStateFailed => "MapStateFailed",
            MapIterationStarted { .. } => "MapIterationStarted",
            MapIterationSucceeded { .. } => "MapIterationSucceeded",
            MapIterationFailed { .. } => "MapIterationFailed",
            MapRunStarted { .. } => "MapRunStarted",
            MapRunSucceeded => "MapRunSucceeded",
            MapRunFailed { .. } => "MapRunFailed",
        };
        fixed.to_string()
    }

    /// Whether later events name this one as their `previousEventId`. AWS skips the
    /// bookkeeping events of Map (iteration and state completion) and the execution start.
    fn is_causal(&self) -> bool {
        !matches!(
            self,
            EventKind::ExecutionStarted { .. }
                | EventKind::MapIterationSucceeded { .. }
                | EventKind::MapIterationFailed { .. }
                | EventKind::MapStateSucceeded
        )
    }

    /// The `*EventDetails` member: its key and value, if the event type has one.
    fn details(&self) -> Option<(&'static str, Value)> {
        use EventKind::*;
        let payload = |v: &Value| Value::String(serde_json::to_string(v).unwrap_or_default());
        let truncated = json!({"truncated": false});
        let error_cause = |error: &Option<String>, cause: &Option<String>| {
            let mut m = Map::new();
            if let Some(e) = error {
                m.insert("error".into(), e.as_str().into());
            }
            if let Some(c) = cause {
                m.insert("cause".into(), c.as_str().into());
            }
            Value::Object(m)
        };
        Some(match self {
            ExecutionStarted {
                input,
                role_arn,
                state_machine_arn,
            } => (
                "executionStartedEventDetails",
                json!({"input": payload(input), "inputDetails": truncated, "roleArn": role_arn.as_ref(),
                       "stateMachineArn": state_machine_arn.as_ref()}),
            ),
            ExecutionSucceeded { output } => (
                "executionSucceededEventDetails",
                json!({"output": payload(output), "outputDetails": truncated}),
            ),
            ExecutionFailed { error, cause } => {
                ("executionFailedEventDetails", error_cause(error, cause))
            }
            ExecutionTimedOut { error, cause } => {
                ("executionTimedOutEventDetails", error_cause(error, cause))
            }
            StateEntered { name, input, .. } => (
                "stateEnteredEventDetails",
                json!({"name": name.as_ref(), "input": payload(input), "inputDetails": truncated}),
            ),
            StateExited {
                name,
                output,
                assigned,
                ..
            } => {
                let mut d = json!({"name": name.as_ref(), "output": payload(output), "outputDetails": truncated});
                if let (Some(vars), Some(obj)) = (assigned, d.as_object_mut()) {
                    let vars: Map<String, Value> =
                        vars.iter().map(|(k, v)| (k.clone(), payload(v))).collect();
                    obj.insert("assignedVariables".into(), Value::Object(vars));
                    obj.insert("assignedVariablesDetails".into(), truncated);
                }
                ("stateExitedEventDetails", d)
            }
            TaskScheduled {
                resource,
                region,
                parameters,
                timeout_seconds,
                heartbeat_seconds,
                role_arn,
            } => {
                let mut d = Map::new();
                d.insert("resourceType".into(), resource.resource_type.as_ref().into());
                d.insert("resource".into(), resource.resource.as_ref().into());
                d.insert("region".into(), region.as_ref().into());
                d.insert("parameters".into(), payload(parameters));
                if let Some(t) = timeout_seconds {
                    d.insert("timeoutInSeconds".into(), (*t).into());
                }
                if let Some(h) = heartbeat_seconds {
                    d.insert("heartbeatInSeconds".into(), (*h).into());
                }
                if let Some(r) = role_arn {
                    d.insert("taskCredentials".into(), json!({ "roleArn": r }));
                }
                ("taskScheduledEventDetails", Value::Object(d))
            }
            TaskStarted { resource } => ("taskStartedEventDetails", resource_json(resource)),
            TaskSucceeded { resource, output } => {
                let mut d = resource_json(resource);
                if let Some(o) = d.as_object_mut() {
                    o.insert("output".into(), payload(output));
                    o.insert("outputDetails".into(), truncated);
                }
                ("taskSucceededEventDetails", d)
            }
            TaskFailed {
                resource,
                error,
                cause,
            } => ("taskFailedEventDetails", resource_error(resource, error, cause)),
            TaskTimedOut {
                resource,
                error,
                cause,
            } => ("taskTimedOutEventDetails", resource_error(resource, error, cause)),
            LambdaFunctionScheduled {
                resource,
                input,
                timeout_seconds,
            } => {
                let mut d = json!({"resource": resource.as_ref(), "input": payload(input), "inputDetails": truncated});
                if let (Some(t), Some(o)) = (timeout_seconds, d.as_object_mut()) {
                    o.insert("timeoutInSeconds".into(), (*t).into());
                }
                ("lambdaFunctionScheduledEventDetails", d)
            }
            LambdaFunctionSucceeded { output } => (
                "lambdaFunctionSucceededEventDetails",
                json!({"output": payload(output), "outputDetails": truncated}),
            ),
            LambdaFunctionFailed { error, cause } => (
                "lambdaFunctionFailedEventDetails",
                json!({"error": error, "cause": cause}),
            ),
            LambdaFunctionTimedOut { error, cause } => (
                "lambdaFunctionTimedOutEventDetails",
                json!({"error": error, "cause": cause}),
            ),
            MapStateStarted { length } => {
                ("mapStateStartedEventDetails", json!({ "length": length }))
            }
            MapIterationStarted { index, name } => (
                "mapIterationStartedEventDetails",
                json!({"index": index, "name": name.as_ref()}),
            ),
            MapIterationSucceeded { index, name } => (
                "mapIterationSucceededEventDetails",
                json!({"index": index, "name": name.as_ref()}),
            ),
            MapIterationFailed { index, name } => (
                "mapIterationFailedEventDetails",
                json!({"index": index, "name": name.as_ref()}),
            ),
            MapRunStarted { map_run_arn } => (
                "mapRunStartedEventDetails",
                json!({ "mapRunArn": map_run_arn }),
            ),
            MapRunFailed { error, cause } => ("mapRunFailedEventDetails", error_cause(error, cause)),
            LambdaFunctionStarted
            | ParallelStateStarted
            | ParallelStateFailed
            | MapStateSucceeded
            | MapStateFailed
            | MapRunSucceeded
            => return None,
        })
    }
}

fn resource_json(r: &TaskResource) -> Value {
    json!({"resourceType": r.resource_type.as_ref(), "resource": r.resource.as_ref()})
}

fn resource_error(r: &TaskResource, error: &str, cause: &str) -> Value {
    json!({"resourceType": r.resource_type.as_ref(), "resource": r.resource.as_ref(),
           "error": error, "cause": cause})
}

impl Event {
    /// The event as GetExecutionHistory returns it (timestamps as RFC 3339 strings).
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), self.id.into());
        m.insert("previousEventId".into(), self.previous_event_id.into());
        m.insert("timestamp".into(), format_millis(self.timestamp).into());
        m.insert("type".into(), self.kind.type_name().into());
        if let Some((key, details)) = self.kind.details() {
            m.insert(key.into(), details);
        }
        if let Some(a) = &self.annotation {
            m.insert("playground".into(), a.clone());
        }
        Value::Object(m)
    }
}

/// The history being recorded: ids, causal links and the event limit.
#[derive(Debug, Default)]
pub struct History {
    events: Vec<Event>,
    last_causal: u32,
}

impl History {
    /// Records an event at `timestamp`; returns its id.
    pub fn push(&mut self, timestamp: i64, kind: EventKind) -> u32 {
        let id = self.events.len() as u32 + 1;
        let previous_event_id = self.last_causal;
        if kind.is_causal() {
            self.last_causal = id;
        }
        self.events.push(Event {
            id,
            previous_event_id,
            timestamp,
            kind,
            annotation: None,
        });
        id
    }

    /// Attaches world data to the last event.
    pub fn annotate_last(&mut self, annotation: Value) {
        if let Some(e) = self.events.last_mut() {
            e.annotation = Some(annotation);
        }
    }

    /// How many events are recorded.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// True before the first event.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The events recorded so far.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Takes the recorded events.
    pub fn into_events(self) -> Vec<Event> {
        self.events
    }
}
