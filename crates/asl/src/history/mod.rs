//! The execution history, event by event, with AWS's event types and `*EventDetails`
//! shapes. Payloads are shared (`Rc`), so recording an event costs no copy; they are
//! turned into JSON strings, as GetExecutionHistory returns them, only when serialised.

mod serialize;

use crate::scope::ExecutionInfo;
use serde_json::Value;
use std::rc::Rc;

/// One history event.
#[derive(Debug, Clone)]
pub struct Event {
    /// The event's id, from 1.
    pub id: u32,
    /// The id of the event that led to this one (0 for none).
    pub previous_event_id: u32,
    /// Milliseconds since the epoch, on the virtual clock.
    pub timestamp: i64,
    /// What happened, with its details.
    pub kind: EventKind,
    /// What the world attached to this event (e.g. the IAM decisions behind a Task call);
    /// not part of AWS's event, serialised under `playground`.
    pub annotation: Option<Box<Value>>,
}

/// The type of a state, as event types name it (`PassStateEntered` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateType {
    /// A Pass state.
    Pass,
    /// A Task state.
    Task,
    /// A Choice state.
    Choice,
    /// A Wait state.
    Wait,
    /// A Succeed state.
    Succeed,
    /// A Fail state.
    Fail,
    /// A Parallel state.
    Parallel,
    /// A Map state.
    Map,
}

impl StateType {
    /// The name as in `Type`.
    pub fn as_str(self) -> &'static str {
        match self {
            StateType::Pass => "Pass",
            StateType::Task => "Task",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
        }
    }
}

/// An error name and cause as events carry them (either may be absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCause {
    /// The error name.
    pub error: Option<String>,
    /// The human-readable detail.
    pub cause: Option<String>,
}

impl ErrorCause {
    /// Both present.
    pub fn new(error: &str, cause: &str) -> Box<Self> {
        Box::new(ErrorCause {
            error: Some(error.to_string()),
            cause: Some(cause.to_string()),
        })
    }
}

/// The details of a TaskScheduled event.
#[derive(Debug, Clone)]
pub struct TaskScheduled {
    /// The integration called.
    pub resource: Rc<TaskResource>,
    /// The region the call goes to.
    pub region: Rc<str>,
    /// The effective parameters sent.
    pub parameters: Rc<Value>,
    /// The attempt's timeout, when set.
    pub timeout_seconds: Option<u64>,
    /// The attempt's heartbeat interval, when set.
    pub heartbeat_seconds: Option<u64>,
    /// The role assumed for the call, from `Credentials`.
    pub role_arn: Option<String>,
}

/// The details of an ActivityScheduled event.
#[derive(Debug, Clone)]
pub struct ActivityScheduled {
    /// The activity's ARN.
    pub resource: Rc<str>,
    /// The input sent to the worker.
    pub input: Rc<Value>,
    /// The attempt's timeout, when set.
    pub timeout_seconds: Option<u64>,
    /// The attempt's heartbeat interval, when set.
    pub heartbeat_seconds: Option<u64>,
}

/// The details of a LambdaFunctionScheduled event.
#[derive(Debug, Clone)]
pub struct LambdaFunctionScheduled {
    /// The Lambda function's ARN.
    pub resource: Rc<str>,
    /// The payload sent to the function.
    pub input: Rc<Value>,
    /// The attempt's timeout, when set.
    pub timeout_seconds: Option<u64>,
}

/// Where a Task's events say they went: AWS's `resourceType` and `resource`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskResource {
    /// The service, e.g. `lambda` or `aws-sdk:ssm`.
    pub resource_type: Rc<str>,
    /// The action, e.g. `invoke` or `getParameter`.
    pub resource: Rc<str>,
}

/// A JSONata evaluation failure, as AWS's EvaluationFailed event details it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationFailed {
    /// The state whose field failed.
    pub state: Rc<str>,
    /// The error name (`States.QueryEvaluationError`).
    pub error: String,
    /// The cause, as the execution's failure states it.
    pub cause: String,
    /// The field that failed, e.g. `Items` or `Output/total`, when AWS names one.
    pub location: Option<String>,
}

/// The kinds of events, each with its details.
#[derive(Debug, Clone)]
pub enum EventKind {
    /// The execution began: its details (input, role, state machine) are the execution's
    /// own, shared.
    ExecutionStarted(Rc<ExecutionInfo>),
    /// The execution succeeded.
    ExecutionSucceeded {
        /// The execution's output.
        output: Rc<Value>,
    },
    /// The execution failed.
    ExecutionFailed(Box<ErrorCause>),
    /// The execution ran past its time limit.
    ExecutionTimedOut(Box<ErrorCause>),
    /// A state was entered (`<Type>StateEntered`).
    StateEntered {
        /// The state's type.
        state_type: StateType,
        /// The state's name.
        name: Rc<str>,
        /// The state's raw input.
        input: Rc<Value>,
    },
    /// A state was left with its output (`<Type>StateExited`).
    StateExited {
        /// The state's type.
        state_type: StateType,
        /// The state's name.
        name: Rc<str>,
        /// The state's output.
        output: Rc<Value>,
        /// The variables `Assign` set, when it has any.
        assigned: Option<Box<Vec<(String, Value)>>>,
    },
    /// A Task attempt was scheduled.
    TaskScheduled(Box<TaskScheduled>),
    /// A Task attempt started.
    TaskStarted {
        /// The integration called.
        resource: Rc<TaskResource>,
    },
    /// A `.waitForTaskToken` call was made: the Task now waits for its token.
    TaskSubmitted {
        /// The integration called.
        resource: Rc<TaskResource>,
        /// The integration's response.
        output: Rc<Value>,
    },
    /// A Task attempt succeeded.
    TaskSucceeded {
        /// The integration called.
        resource: Rc<TaskResource>,
        /// The Task's result.
        output: Rc<Value>,
    },
    /// A Task attempt failed.
    TaskFailed {
        /// The integration called.
        resource: Rc<TaskResource>,
        /// The error and cause.
        failure: Box<ErrorCause>,
    },
    /// A Task attempt ran past its timeout or heartbeat.
    TaskTimedOut {
        /// The integration called.
        resource: Rc<TaskResource>,
        /// The error and cause.
        failure: Box<ErrorCause>,
    },
    /// An activity task was scheduled for a worker.
    ActivityScheduled(Box<ActivityScheduled>),
    /// The activity task could not be scheduled (the activity does not exist).
    ActivityScheduleFailed(Box<ErrorCause>),
    /// A worker took the activity task.
    ActivityStarted {
        /// The `workerName` it polled with.
        worker_name: Rc<str>,
    },
    /// The worker reported success.
    ActivitySucceeded {
        /// The activity's result.
        output: Rc<Value>,
    },
    /// The worker reported failure.
    ActivityFailed(Box<ErrorCause>),
    /// The activity ran past its timeout or heartbeat.
    ActivityTimedOut(Box<ErrorCause>),
    /// A Lambda function call (a Task with a function ARN) was scheduled.
    LambdaFunctionScheduled(Box<LambdaFunctionScheduled>),
    /// The Lambda function call started.
    LambdaFunctionStarted,
    /// The Lambda function call succeeded.
    LambdaFunctionSucceeded {
        /// The function's result.
        output: Rc<Value>,
    },
    /// The Lambda function call failed.
    LambdaFunctionFailed(Box<ErrorCause>),
    /// The Lambda function call ran past its timeout.
    LambdaFunctionTimedOut(Box<ErrorCause>),
    /// A Parallel state started its branches.
    ParallelStateStarted,
    /// A Parallel state's branch failed.
    ParallelStateFailed,
    /// A Map state started its iterations.
    MapStateStarted {
        /// How many items it iterates over.
        length: usize,
    },
    /// Every iteration of a Map state succeeded (or enough of them).
    MapStateSucceeded,
    /// A Map state failed.
    MapStateFailed,
    /// An inline Map iteration started.
    MapIterationStarted {
        /// The item's index.
        index: usize,
        /// The Map state's name.
        name: Rc<str>,
    },
    /// An inline Map iteration succeeded.
    MapIterationSucceeded {
        /// The item's index.
        index: usize,
        /// The Map state's name.
        name: Rc<str>,
    },
    /// An inline Map iteration failed.
    MapIterationFailed {
        /// The item's index.
        index: usize,
        /// The Map state's name.
        name: Rc<str>,
    },
    /// A distributed Map state started its map run.
    MapRunStarted {
        /// The map run's ARN.
        map_run_arn: Box<str>,
    },
    /// The map run succeeded.
    MapRunSucceeded,
    /// The map run failed.
    MapRunFailed(Box<ErrorCause>),
    /// A JSONata expression of a state failed to evaluate or gave an unusable result.
    EvaluationFailed(Box<EvaluationFailed>),
}

impl EventKind {
    /// AWS's event type, e.g. `PassStateEntered`, `TaskScheduled`.
    pub fn type_name(&self) -> String {
        use EventKind::*;
        let fixed = match self {
            StateEntered { state_type, .. } => {
                return format!("{}StateEntered", state_type.as_str())
            }
            StateExited { state_type, .. } => return format!("{}StateExited", state_type.as_str()),
            ExecutionStarted(_) => "ExecutionStarted",
            ExecutionSucceeded { .. } => "ExecutionSucceeded",
            ExecutionFailed(_) => "ExecutionFailed",
            ExecutionTimedOut(_) => "ExecutionTimedOut",
            TaskScheduled(_) => "TaskScheduled",
            TaskStarted { .. } => "TaskStarted",
            TaskSubmitted { .. } => "TaskSubmitted",
            TaskSucceeded { .. } => "TaskSucceeded",
            TaskFailed { .. } => "TaskFailed",
            TaskTimedOut { .. } => "TaskTimedOut",
            ActivityScheduled(_) => "ActivityScheduled",
            ActivityScheduleFailed(_) => "ActivityScheduleFailed",
            ActivityStarted { .. } => "ActivityStarted",
            ActivitySucceeded { .. } => "ActivitySucceeded",
            ActivityFailed(_) => "ActivityFailed",
            ActivityTimedOut(_) => "ActivityTimedOut",
            LambdaFunctionScheduled(_) => "LambdaFunctionScheduled",
            LambdaFunctionStarted => "LambdaFunctionStarted",
            LambdaFunctionSucceeded { .. } => "LambdaFunctionSucceeded",
            LambdaFunctionFailed(_) => "LambdaFunctionFailed",
            LambdaFunctionTimedOut(_) => "LambdaFunctionTimedOut",
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
            MapRunFailed(_) => "MapRunFailed",
            EvaluationFailed(_) => "EvaluationFailed",
        };
        fixed.to_string()
    }

    /// Whether later events name this one as their `previousEventId`. AWS skips the
    /// bookkeeping events of Map (iteration and state completion) and the execution start.
    fn is_causal(&self) -> bool {
        !matches!(
            self,
            EventKind::ExecutionStarted(_)
                | EventKind::MapIterationSucceeded { .. }
                | EventKind::MapIterationFailed { .. }
                | EventKind::MapStateSucceeded
        )
    }
}

impl EventKind {
    /// The payload the event carries (an input, output or the parameters sent), if any.
    pub fn payload(&self) -> Option<&Rc<Value>> {
        use EventKind::*;
        match self {
            ExecutionStarted(e) => Some(&e.input),
            ExecutionSucceeded { output }
            | StateExited { output, .. }
            | TaskSubmitted { output, .. }
            | TaskSucceeded { output, .. }
            | ActivitySucceeded { output }
            | LambdaFunctionSucceeded { output } => Some(output),
            StateEntered { input, .. } => Some(input),
            TaskScheduled(t) => Some(&t.parameters),
            ActivityScheduled(a) => Some(&a.input),
            LambdaFunctionScheduled(l) => Some(&l.input),
            _ => None,
        }
    }

    /// The length of the text the event carries beside its payload: an error and its
    /// cause, an evaluation failure.
    pub fn text_len(&self) -> usize {
        use EventKind::*;
        let of = |e: &ErrorCause| {
            e.error.as_ref().map_or(0, String::len) + e.cause.as_ref().map_or(0, String::len)
        };
        match self {
            ExecutionFailed(e)
            | ExecutionTimedOut(e)
            | ActivityScheduleFailed(e)
            | ActivityFailed(e)
            | ActivityTimedOut(e)
            | LambdaFunctionFailed(e)
            | LambdaFunctionTimedOut(e)
            | MapRunFailed(e) => of(e),
            TaskFailed { failure, .. } | TaskTimedOut { failure, .. } => of(failure),
            EvaluationFailed(e) => e.error.len() + e.cause.len(),
            _ => 0,
        }
    }
}

impl Event {
    /// The event as GetExecutionHistory returns it (timestamps as RFC 3339 strings): its
    /// [`serde::Serialize`] form as a value.
    pub fn to_json(&self) -> Value {
        // A payload's text is written whole and then copied into the value at its length, so
        // a long history kept as values holds no spare capacity.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Events per storage chunk: a long history grows chunk by chunk, never copied.
const CHUNK: usize = 1024;
/// The first chunk's first size: a short execution's whole history, in one allocation.
const FIRST: usize = 16;

/// The history being recorded: ids, causal links, and the events in fixed-size chunks so
/// that recording stays linear however long the execution runs.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The first [`CHUNK`] events (a short execution's only allocation for its events).
    first: Vec<Event>,
    /// The events after those, [`CHUNK`] to a chunk.
    rest: Vec<Vec<Event>>,
    len: usize,
    last_causal: u32,
}

impl History {
    /// Records an event at `timestamp`; returns its id. (Inlined: its callers are the run's
    /// two recorders, and the event is then built where it is stored.)
    #[inline(always)]
    pub fn push(&mut self, timestamp: i64, kind: EventKind) -> u32 {
        let id = self.len as u32 + 1;
        let previous_event_id = self.last_causal;
        if kind.is_causal() {
            self.last_causal = id;
        }
        let event = Event {
            id,
            previous_event_id,
            timestamp,
            kind,
            annotation: None,
        };
        if self.len < CHUNK {
            // The first chunk grows as a short history needs; later ones are allocated whole.
            if self.first.capacity() == 0 {
                self.first.reserve_exact(FIRST);
            }
            self.first.push(event);
        } else {
            match self.rest.last_mut() {
                Some(chunk) if chunk.len() < CHUNK => chunk.push(event),
                _ => {
                    let mut chunk = Vec::with_capacity(CHUNK);
                    chunk.push(event);
                    self.rest.push(chunk);
                }
            }
        }
        self.len += 1;
        id
    }

    /// Attaches world data to the last event.
    pub fn annotate_last(&mut self, annotation: Value) {
        let last = match self.rest.last_mut() {
            Some(chunk) => chunk.last_mut(),
            None => self.first.last_mut(),
        };
        if let Some(e) = last {
            e.annotation = Some(Box::new(annotation));
        }
    }

    /// How many events are recorded.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True before the first event.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The event with 0-based position `index`.
    pub fn get(&self, index: usize) -> Option<&Event> {
        match index.checked_sub(CHUNK) {
            None => self.first.get(index),
            Some(later) => self.rest.get(later / CHUNK)?.get(later % CHUNK),
        }
    }

    /// The events in order.
    pub fn iter(&self) -> impl Iterator<Item = &Event> {
        self.first.iter().chain(self.rest.iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_causal_links_span_chunks() {
        let mut h = History::default();
        for _ in 0..(CHUNK * 2 + 5) {
            h.push(0, EventKind::MapStateStarted { length: 0 });
        }
        h.push(0, EventKind::MapStateSucceeded);
        h.push(0, EventKind::MapStateFailed);
        assert_eq!(h.len(), CHUNK * 2 + 7);
        assert_eq!(h.iter().count(), h.len());
        let last = h.get(h.len() - 1).unwrap();
        assert_eq!(last.id as usize, h.len());
        // MapStateSucceeded is not a cause: the next event points past it.
        assert_eq!(last.previous_event_id as usize, h.len() - 2);
        assert!(h.get(h.len()).is_none());
        for (i, e) in h.iter().enumerate() {
            assert_eq!((e.id as usize, h.get(i).map(|g| g.id)), (i + 1, Some(e.id)));
        }
        h.annotate_last(Value::Bool(true));
        let annotated: Vec<u32> = h
            .iter()
            .filter(|e| e.annotation.is_some())
            .map(|e| e.id)
            .collect();
        assert_eq!(annotated, vec![h.len() as u32]);
    }

    #[test]
    fn an_event_as_a_value_holds_its_payload_text_at_its_length() {
        let payload = serde_json::json!({"k": "v".repeat(300), "n": [1, 2, 3]});
        let event = Event {
            id: 1,
            previous_event_id: 0,
            timestamp: 0,
            kind: EventKind::ExecutionSucceeded {
                output: Rc::new(payload.clone()),
            },
            annotation: None,
        };
        let json = event.to_json();
        let Some(Value::String(text)) = json.pointer("/executionSucceededEventDetails/output")
        else {
            panic!("{json}");
        };
        assert_eq!(text, &payload.to_string());
        // A long history kept as values must not hold spare room in every payload text.
        assert_eq!(text.capacity(), text.len());
    }

    #[test]
    fn events_stay_small() {
        // The history of a long execution is tens of thousands of these.
        assert!(
            std::mem::size_of::<super::Event>() <= 64,
            "{}",
            std::mem::size_of::<super::Event>()
        );
    }
}
