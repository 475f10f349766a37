//! Executing a definition: options, the outcome, and the entry point.

mod budget;
mod catch;
mod data;
mod data_flow;
mod held;
mod item_formats;
mod item_reader;
mod jsonata;
mod map;
mod map_run;
mod names;
mod opening;
mod parallel;
mod progress;
mod results;
mod run;
mod states;
mod task_state;
mod test_mode;
mod visit;

use crate::definition::Definition;
use crate::history::{ErrorCause, Event, EventKind, History};
use crate::scope::ExecutionInfo;
use crate::task::TaskHandler;
pub use budget::{
    Budget, Exceeded, Limits, MAX_RUN_EXECUTIONS, MAX_RUN_MAP_ITERATIONS, MAX_RUN_MEMORY_BYTES,
    MAX_RUN_WALL_MILLIS,
};
pub use data_flow::{DataFlow, Stage};
pub use progress::Progress;
use run::{Abort, Run};
use serde_json::Value;
use std::rc::Rc;
pub(crate) use test_mode::{run_single, Single, SingleRun, TestMode, TestReport};

/// AWS's limit on history events per execution.
pub const MAX_HISTORY_EVENTS: usize = 25_000;
/// AWS's limit on a state's input or output, in bytes.
pub const MAX_PAYLOAD_BYTES: usize = 256 * 1024;
/// A Standard workflow runs for at most a year.
pub const STANDARD_MAX_SECONDS: u64 = 365 * 24 * 3600;
/// An Express workflow runs for at most five minutes.
pub const EXPRESS_MAX_SECONDS: u64 = 5 * 60;

/// Who runs the execution, when, and within which limits.
#[derive(Debug, Clone)]
pub struct Options {
    /// The execution's name, the last part of its ARN.
    pub execution_name: String,
    /// The ARN of the state machine being executed.
    pub state_machine_arn: String,
    /// The execution role, as `$$.Execution.RoleArn` shows it.
    pub role_arn: String,
    /// Start time, milliseconds since the epoch (the virtual clock starts here).
    pub start_time: i64,
    /// Seed for jitter, `States.UUID`, `States.MathRandom` and task tokens.
    pub seed: u64,
    /// The history event limit; the execution fails once it is reached.
    pub max_events: usize,
    /// The longest the execution may run (the definition's `TimeoutSeconds` may shorten it).
    pub max_duration_seconds: u64,
    /// Record every state's processing stages in [`Outcome::data_flow`].
    pub record_data_flow: bool,
    /// Hears the event count as the history grows.
    pub progress: Progress,
    /// The execution's ARN when it is not `…:execution:MACHINE:NAME` (a Map Run's
    /// Express child: `…:express:MACHINE/LABEL:NAME:ID`).
    pub execution_arn: Option<String>,
    /// What the run may spend, when the execution starts a run of its own.
    pub limits: Limits,
    /// The budget of the run the execution belongs to (a Map Run's child, an execution a
    /// world starts), which it spends with the others; `None`: a run of its own, with a
    /// budget of [`Options::limits`].
    pub budget: Option<Budget>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            execution_name: "playground-execution".into(),
            state_machine_arn: "arn:aws:states:us-east-1:111111111111:stateMachine:Playground"
                .into(),
            role_arn: "arn:aws:iam::111111111111:role/PlaygroundExecutionRole".into(),
            start_time: 1_767_225_600_000,
            seed: 0,
            max_events: MAX_HISTORY_EVENTS,
            max_duration_seconds: STANDARD_MAX_SECONDS,
            record_data_flow: false,
            progress: Progress::default(),
            execution_arn: None,
            limits: Limits::default(),
            budget: None,
        }
    }
}

impl Options {
    /// The execution's ARN: [`Options::execution_arn`] when given, else
    /// `arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME` from the state machine's ARN.
    pub fn arn_of_execution(&self) -> String {
        let (machine_name, region, account) = arn_parts(&self.state_machine_arn);
        self.execution_arn.clone().unwrap_or_else(|| {
            format!(
                "arn:aws:states:{region}:{account}:execution:{machine_name}:{}",
                self.execution_name
            )
        })
    }
}

/// How an execution ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It reached a Succeed state or an end.
    Succeeded,
    /// A state failed and nothing caught the error.
    Failed,
    /// It ran past its time limit.
    TimedOut,
    /// It was stopped from outside (StopExecution).
    Aborted,
    /// It waits: a Task waits for its token with no answer and no deadline.
    Running,
}

impl Status {
    /// As DescribeExecution spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Aborted => "ABORTED",
            Status::Running => "RUNNING",
        }
    }
}

/// The result of an execution, with its full history.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// The execution's output, when it succeeded.
    pub output: Option<Rc<Value>>,
    /// The error name, when it failed or timed out.
    pub error: Option<String>,
    /// The error's cause, when it failed or timed out.
    pub cause: Option<String>,
    /// Every event, in order, as GetExecutionHistory lists them.
    pub events: History,
    /// When the execution ended, on the virtual clock.
    pub stop_time: i64,
    /// Each state visit's processing stages, when [`Options::record_data_flow`] is on.
    pub data_flow: Vec<DataFlow>,
}

/// An outcome without its events ([`Outcome::summary`]), serialised straight to text.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Summary<'a> {
    /// How it ended (`SUCCEEDED` …).
    pub status: &'a str,
    /// The output, when it succeeded.
    pub output: Option<&'a Value>,
    /// The error name, when it failed or timed out.
    pub error: Option<&'a str>,
    /// The error's cause, when it failed or timed out.
    pub cause: Option<&'a str>,
}

impl Outcome {
    /// `{"status", "output", "error", "cause", "events"}` as `sfn-play run` prints it.
    pub fn to_json(&self) -> Value {
        // The summary's keys, then the events (a summary always serialises to an object).
        let mut out = serde_json::to_value(self.summary()).unwrap_or_default();
        if let Some(o) = out.as_object_mut() {
            let events = self.events.iter().map(Event::to_json).collect();
            o.insert("events".into(), Value::Array(events));
            if !self.data_flow.is_empty() {
                let flows = self.data_flow.iter().map(DataFlow::to_json).collect();
                o.insert("dataFlow".into(), Value::Array(flows));
            }
        }
        out
    }

    /// How it ended, without the events: `{"status", "output", "error", "cause"}` when
    /// serialised.
    pub fn summary(&self) -> Summary<'_> {
        Summary {
            status: self.status.as_str(),
            output: self.output.as_deref(),
            error: self.error.as_deref(),
            cause: self.cause.as_deref(),
        }
    }

    /// Writes [`Outcome::to_json`]'s text (the same bytes) to `w` event by event, without
    /// building the whole document first: what `sfn-play run` streams.
    pub fn write_json<W: std::io::Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        let head = serde_json::to_vec(&self.summary())?;
        // `{"status":…,"cause":…` then the events, written one at a time.
        w.write_all(head.strip_suffix(b"}").unwrap_or(&head))?;
        w.write_all(b",\"events\":")?;
        write_array(w, self.events.iter())?;
        if !self.data_flow.is_empty() {
            w.write_all(b",\"dataFlow\":")?;
            write_array(w, self.data_flow.iter())?;
        }
        w.write_all(b"}")
    }
}

/// Writes `items` as a JSON array. Each item is written into memory, then to `w` at once:
/// `w` may be a `dyn Write`, and a call through it for every token of every event cost more
/// than running the engine.
fn write_array<W: std::io::Write + ?Sized, T: serde::Serialize>(
    w: &mut W,
    items: impl Iterator<Item = T>,
) -> std::io::Result<()> {
    let mut text = Vec::with_capacity(1024);
    w.write_all(b"[")?;
    for (i, item) in items.enumerate() {
        text.clear();
        if i > 0 {
            text.push(b',');
        }
        serde_json::to_writer(&mut text, &item)?;
        w.write_all(&text)?;
    }
    w.write_all(b"]")
}

/// Runs `definition` on `input`, answering Task states with `handler`.
pub fn execute(
    definition: &Definition,
    input: Value,
    options: &Options,
    handler: &mut dyn TaskHandler,
) -> Outcome {
    let names = names::names_of(options);
    let input = Rc::new(input);
    let info = ExecutionInfo {
        execution_arn: names.execution_arn,
        name: names.name,
        state_machine_arn: names.state_machine_arn,
        state_machine_name: names.state_machine_name,
        role_arn: names.role_arn,
        start_time: options.start_time,
        input: input.clone(),
    };
    let max_seconds = definition
        .timeout_seconds
        .unwrap_or(options.max_duration_seconds)
        .min(options.max_duration_seconds);
    let mut run = Run::new(info, names.region, options, max_seconds, handler);
    run.start();
    let result = match run.budget.start_execution() {
        Ok(()) => run.top_level(&definition.machine, input),
        Err(e) => Err(Abort::Exceeded(e)),
    };
    run.finish(result)
}

/// `(name, region, account)` of a state machine ARN; defaults where it is malformed.
fn arn_parts(arn: &str) -> (&str, &str, &str) {
    // The ends of the first seven fields (a scan of bytes: `split(':')` cost a fifteenth of
    // a short execution).
    let mut ends = [arn.len(); 7];
    let colons = arn.bytes().enumerate().filter(|(_, b)| *b == b':');
    for (end, (at, _)) in ends.iter_mut().zip(colons) {
        *end = at;
    }
    let field = |k: usize| arn.get(ends[k - 1] + 1..ends[k]);
    match (ends[5] < arn.len(), field(3), field(4), field(6)) {
        (true, Some(region), Some(account), Some(name)) => (name, region, account),
        _ => ("Playground", "us-east-1", "111111111111"),
    }
}

impl Run<'_> {
    fn start(&mut self) {
        self.record(EventKind::ExecutionStarted(self.info.clone()));
    }

    /// The outcome, its history and data flow taken from the run (by reference: the run is
    /// large, and moving it here cost a copy of it).
    fn finish(&mut self, result: Result<Rc<Value>, Abort>) -> Outcome {
        if let Err(Abort::Paused) = result {
            // No closing event: the history ends where the execution waits.
            return Outcome {
                status: Status::Running,
                output: None,
                error: None,
                cause: None,
                stop_time: self.clock,
                events: std::mem::take(&mut self.history),
                data_flow: std::mem::take(&mut self.flows).into_done(),
            };
        }
        let (status, output, error, cause, kind) = match result {
            Ok(output) => (
                Status::Succeeded,
                Some(output.clone()),
                None,
                None,
                EventKind::ExecutionSucceeded { output },
            ),
            Err(Abort::Failure(f)) => {
                let error = (!f.error.is_empty()).then_some(f.error);
                let cause = (!f.cause.is_empty()).then_some(f.cause);
                (
                    Status::Failed,
                    None,
                    error.clone(),
                    cause.clone(),
                    EventKind::ExecutionFailed(Box::new(ErrorCause { error, cause })),
                )
            }
            Err(Abort::Exceeded(e)) => {
                let error = Some(crate::failure::names::RUNTIME.to_string());
                let cause = Some(e.to_string());
                (
                    Status::Failed,
                    None,
                    error.clone(),
                    cause.clone(),
                    EventKind::ExecutionFailed(Box::new(ErrorCause { error, cause })),
                )
            }
            Err(Abort::TimedOut | Abort::Paused) => {
                let error = Some(crate::failure::names::TIMEOUT.to_string());
                let cause = Some(format!(
                    "The execution ran longer than its limit of {} seconds",
                    self.max_seconds
                ));
                (
                    Status::TimedOut,
                    None,
                    error.clone(),
                    cause.clone(),
                    EventKind::ExecutionTimedOut(Box::new(ErrorCause { error, cause })),
                )
            }
        };
        self.record(kind);
        Outcome {
            status,
            output,
            error,
            cause,
            stop_time: self.clock,
            events: std::mem::take(&mut self.history),
            data_flow: std::mem::take(&mut self.flows).into_done(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_machine_arn_gives_its_name_region_and_account() {
        let arn = "arn:aws:states:eu-west-1:222222222222:stateMachine:Worker";
        assert_eq!(arn_parts(arn), ("Worker", "eu-west-1", "222222222222"));
        let version = "arn:aws:states:eu-west-1:222222222222:stateMachine:Worker:3";
        assert_eq!(arn_parts(version), ("Worker", "eu-west-1", "222222222222"));
        let empty = "arn:aws:states:::stateMachine:";
        assert_eq!(arn_parts(empty), ("", "", ""));
        for malformed in ["", "arn:aws:states:eu-west-1:222222222222", "no colons"] {
            assert_eq!(
                arn_parts(malformed),
                ("Playground", "us-east-1", "111111111111")
            );
        }
        let options = Options {
            state_machine_arn: arn.into(),
            execution_name: "run-1".into(),
            ..Options::default()
        };
        assert_eq!(
            options.arn_of_execution(),
            "arn:aws:states:eu-west-1:222222222222:execution:Worker:run-1"
        );
    }
}
