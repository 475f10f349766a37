//! The state of one running execution: its history, virtual clock, random numbers and
//! limits, and the loop that walks a machine's states.

use super::{Options, MAX_PAYLOAD_BYTES};
use crate::definition::{Machine, Transition};
use crate::failure::{names, Failure};
use crate::history::{EventKind, History};
use crate::rng::Rng;
use crate::scope::{ExecutionInfo, Variables};
use crate::task::TaskHandler;
use serde_json::Value;
use std::sync::Arc;

/// Why a run stops early.
#[derive(Debug)]
pub enum Abort {
    /// An error, which Retry and Catch may handle.
    Failure(Failure),
    /// The execution's time ran out; nothing can catch that.
    TimedOut,
}

impl From<Failure> for Abort {
    fn from(f: Failure) -> Self {
        Abort::Failure(f)
    }
}

/// What a state hands on.
pub enum Step {
    Next(usize, Arc<Value>),
    End(Arc<Value>),
}

pub struct Run<'h> {
    pub history: History,
    pub clock: i64,
    pub rng: Rng,
    pub info: Arc<ExecutionInfo>,
    pub region: Arc<str>,
    pub handler: &'h mut dyn TaskHandler,
    pub max_events: usize,
    pub max_seconds: u64,
    deadline: i64,
}

impl<'h> Run<'h> {
    pub fn new(
        info: ExecutionInfo,
        region: Arc<str>,
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
            info: Arc::new(info),
            region,
            handler,
            max_events: options.max_events,
            max_seconds,
            deadline,
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
        Ok(self.history.push(self.clock, kind))
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
    pub fn top_level(&mut self, machine: &Machine, input: Arc<Value>) -> Result<Arc<Value>, Abort> {
        let mut variables = Variables::default();
        self.run_machine(machine, input, &mut variables)
    }

    /// Walks a machine from its start until a state ends it.
    pub fn run_machine(
        &mut self,
        machine: &Machine,
        input: Arc<Value>,
        variables: &mut Variables,
    ) -> Result<Arc<Value>, Abort> {
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
pub fn step(transition: Transition, output: Arc<Value>) -> Step {
    match transition {
        Transition::Next(n) => Step::Next(n, output),
        Transition::End | Transition::Terminal => Step::End(output),
    }
}

/// Fails with States.DataLimitExceeded when a payload is over 256 KiB.
pub fn check_size(value: &Value, state_name: &str) -> Result<(), Failure> {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            if self.0 > MAX_PAYLOAD_BYTES {
                return Err(std::io::Error::other("limit"));
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    if serde_json::to_writer(&mut counter, value).is_err() || counter.0 > MAX_PAYLOAD_BYTES {
        return Err(Failure::new(
            names::DATA_LIMIT_EXCEEDED,
            format!(
                "The state/task '{state_name}' returned a result with a size exceeding the maximum number of bytes service limit."
            ),
        ));
    }
    Ok(())
}
