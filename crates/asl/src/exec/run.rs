//! The state of one running execution: its history, virtual clock, random numbers and
//! limits, and the loop that walks a machine's states.

use super::data_flow::Recorder;
use super::progress::Progress;
use super::{Options, MAX_PAYLOAD_BYTES};
use crate::definition::{Machine, Transition};
use crate::failure::{names, Failure};
use crate::history::{EventKind, History};
use crate::scope::{ExecutionInfo, Variables};
use crate::task::TaskHandler;
use seeded::Rng;
use serde_json::Value;
use std::rc::Rc;

/// Why a run stops early.
#[derive(Debug)]
pub enum Abort {
    /// An error, which Retry and Catch may handle.
    Failure(Failure),
    /// The execution's time ran out; nothing can catch that.
    TimedOut,
    /// A Task waits for its token with no answer and no deadline: the execution stays
    /// RUNNING. Nothing catches it; a Parallel or Map lets its other branches or
    /// iterations run first.
    Paused,
}

impl From<Failure> for Abort {
    fn from(f: Failure) -> Self {
        Abort::Failure(f)
    }
}

/// What a state hands on.
pub enum Step {
    /// On to the state at this index of the machine, with this input.
    Next(usize, Rc<Value>),
    /// The machine ends with this output.
    End(Rc<Value>),
}

/// One running execution.
pub struct Run<'h> {
    /// The events so far.
    pub history: History,
    /// Now, in milliseconds on the virtual clock.
    pub clock: i64,
    /// Jitter, `States.UUID`, `States.MathRandom` and task tokens draw from here.
    pub rng: Rng,
    /// The facts the context object reports.
    pub info: Rc<ExecutionInfo>,
    /// The region of the state machine's ARN.
    pub region: Rc<str>,
    /// Answers Task states.
    pub handler: &'h mut dyn TaskHandler,
    /// The history event limit.
    pub max_events: usize,
    /// Hears the event count as it grows.
    progress: Progress,
    /// The execution's time limit, in seconds.
    pub max_seconds: u64,
    /// The data-flow stages of each state visit, when recording is on.
    pub flows: Recorder,
    /// The state being run and the id of its entered event (for AWS's error prefix).
    pub visiting: Option<(Rc<str>, u32)>,
    /// When the execution times out, in milliseconds on the virtual clock.
    deadline: i64,
    /// Set when one state runs alone, as the TestState API runs it.
    pub test: Option<super::test_mode::TestMode>,
    /// How many times each Task state was entered (task tokens derive from it).
    pub task_visits: std::collections::HashMap<Rc<str>, u32>,
}

impl<'h> Run<'h> {
    /// A run starting at the options' start time, limited to `max_seconds`.
    pub fn new(
        info: ExecutionInfo,
        region: Rc<str>,
        options: &Options,
        max_seconds: u64,
        handler: &'h mut dyn TaskHandler,
    ) -> Self {
        let deadline = options
            .start_time
            .saturating_add((max_seconds as i64).saturating_mul(1000));
        Run {
            history: History::default(),
            clock: options.start_time,
            rng: Rng::new(options.seed),
            info: Rc::new(info),
            region,
            handler,
            max_events: options.max_events,
            progress: options.progress.clone(),
            max_seconds,
            flows: Recorder::new(options.record_data_flow),
            visiting: None,
            deadline,
            test: None,
            task_visits: std::collections::HashMap::new(),
        }
    }

    /// Records an event, failing the execution once the history is full.
    pub fn emit(&mut self, kind: EventKind) -> Result<u32, Abort> {
        if self.history.len() >= self.max_events {
            return Err(Abort::Failure(Failure::new(
                names::RUNTIME,
                format!(
                    "The execution reached the maximum number of history events ({}); a loop that never ends is the usual reason",
                    self.max_events
                ),
            )));
        }
        let id = self.history.push(self.clock, kind);
        self.progress.tick(self.history.len());
        Ok(id)
    }

    /// Moves the virtual clock forward, timing the execution out at its deadline.
    pub fn advance(&mut self, millis: i64) -> Result<(), Abort> {
        self.clock = self.clock.saturating_add(millis.max(0));
        if self.clock > self.deadline {
            self.clock = self.deadline;
            return Err(Abort::TimedOut);
        }
        Ok(())
    }

    /// Runs the top-level machine with the execution's variables.
    pub fn top_level(&mut self, machine: &Machine, input: Rc<Value>) -> Result<Rc<Value>, Abort> {
        let mut variables = Variables::default();
        self.run_machine(machine, input, &mut variables)
    }

    /// Walks a machine from its start until a state ends it.
    pub fn run_machine(
        &mut self,
        machine: &Machine,
        input: Rc<Value>,
        variables: &mut Variables,
    ) -> Result<Rc<Value>, Abort> {
        let mut index = machine.start_at;
        let mut input = input;
        loop {
            let state = &machine.states[index];
            match self.run_state(state, input, variables)? {
                Step::Next(next, output) => {
                    index = next;
                    input = output;
                }
                Step::End(output) => return Ok(output),
            }
        }
    }
}

/// Where a state goes with its output once it is done.
pub fn step(transition: Transition, output: Rc<Value>) -> Step {
    match transition {
        Transition::Next(n) => Step::Next(n, output),
        Transition::End | Transition::Terminal => Step::End(output),
    }
}

/// Fails with States.DataLimitExceeded when a payload is over 256 KiB of JSON text.
pub fn check_size(value: &Value, state_name: &str) -> Result<(), Failure> {
    if crate::limits::fits(value, MAX_PAYLOAD_BYTES) {
        return Ok(());
    }
    Err(Failure::new(
        names::DATA_LIMIT_EXCEEDED,
        format!(
            "The state/task '{state_name}' returned a result with a size exceeding the maximum number of bytes service limit."
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payloads_over_256_kib_fail_the_state() {
        assert!(check_size(&json!("x".repeat(MAX_PAYLOAD_BYTES - 2)), "s").is_ok());
        let over = check_size(&json!("x".repeat(MAX_PAYLOAD_BYTES)), "s").unwrap_err();
        assert_eq!(over.error, names::DATA_LIMIT_EXCEEDED);
    }
}
