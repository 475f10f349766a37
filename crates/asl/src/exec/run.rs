//! The state of one running execution: its history, virtual clock, random numbers and
//! limits, and the loop that walks a machine's states.

use super::budget::{Budget, Exceeded};
use super::data_flow::{Recorder, Stage};
use super::progress::Progress;
use super::Options;
use crate::definition::{Machine, Transition};
use crate::failure::{names, Failure};
use crate::history::{Event, EventKind, History};
use crate::scope::{ExecutionInfo, Variables};
use crate::size::{check_payload, extent, Walked};
use crate::task::TaskHandler;
use seeded::Rng;
use serde_json::Value;
use std::collections::HashMap;
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
    /// The run went over its budget; nothing catches that.
    Exceeded(Exceeded),
}

impl From<Exceeded> for Abort {
    fn from(e: Exceeded) -> Self {
        Abort::Exceeded(e)
    }
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
    pub task_visits: HashMap<Rc<str>, u32>,
    /// What the whole run may still spend (shared with the run's other executions).
    pub budget: Budget,
    /// The payloads the history and data flow hold, charged once each, with their text
    /// length (the history text counts it again in every event that carries one). A
    /// payload stays in the history until the run ends, so its address is not reused.
    held: super::held::Held,
    /// The payload held last and its text length: most events carry the one the event
    /// before carried (a state's input is the last state's output), found here unhashed.
    last_held: (*const Value, usize),
    /// The last state output found within the payload limits, with what measuring it
    /// found: a state that passes it on unchanged needs no second look, and holding it
    /// no second walk.
    checked: Option<(Rc<Value>, Walked)>,
    /// Whether nothing holds `checked` yet (it was made by the state that checked it):
    /// holding it then needs no lookup.
    checked_is_new: bool,
}

/// What one history event costs beside its payload: the memory of the event, and about the
/// JSON text of its id, timestamps, type and the keys of its details.
const EVENT_MEMORY: usize = std::mem::size_of::<Event>();
const EVENT_TEXT: usize = 160;

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
            task_visits: HashMap::new(),
            budget: options
                .budget
                .clone()
                .unwrap_or_else(|| Budget::new(options.limits)),
            held: Default::default(),
            last_held: (std::ptr::null(), 0),
            checked: None,
            checked_is_new: false,
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
        self.charge(&kind)?;
        let id = self.history.push(self.clock, kind);
        self.progress.tick(self.history.len());
        Ok(id)
    }

    /// Records an event without the history limit: the execution's first and last.
    pub fn record(&mut self, kind: EventKind) {
        // The budget has its say at the next event; the first and the last are always kept.
        let _ = self.charge(&kind);
        self.history.push(self.clock, kind);
    }

    /// Charges the run's budget for an event: its memory and text, its payload's memory
    /// the first time the run holds that payload, its variables.
    #[inline(always)] // Into its two callers, `emit` and `record`.
    fn charge(&mut self, kind: &EventKind) -> Result<(), Exceeded> {
        let own_text = kind.text_len();
        let mut memory = EVENT_MEMORY + own_text;
        let mut text = EVENT_TEXT + own_text;
        if let Some(payload) = kind.payload() {
            let (held, length) = self.hold(payload);
            memory += held;
            text += length;
        }
        if let EventKind::StateExited {
            assigned: Some(variables),
            ..
        } = kind
        {
            for (name, value) in variables.iter() {
                let e = extent(value);
                memory += e.memory + name.len();
                text += e.text + name.len();
            }
        }
        self.budget.record(memory, text)
    }

    /// The memory `payload` newly takes (0 when the run already holds it) and its text
    /// length.
    #[inline(always)] // The usual answer (the payload the last event carried) without a call.
    fn hold(&mut self, payload: &Rc<Value>) -> (usize, usize) {
        match self.last_held.0 == Rc::as_ptr(payload) {
            true => (0, self.last_held.1),
            false => self.hold_other(payload),
        }
    }

    /// [`Run::hold`] for a payload other than the one held last.
    fn hold_other(&mut self, payload: &Rc<Value>) -> (usize, usize) {
        let key = Rc::as_ptr(payload);
        let checked = self.checked_walk(payload);
        let new = checked.is_some() && std::mem::take(&mut self.checked_is_new);
        if !new {
            if let Some(length) = self.held.get(key) {
                self.last_held = (key, length);
                return (0, length);
            }
        }
        let e = match checked {
            Some(walked) => walked.extent,
            None => extent(payload),
        };
        self.held.insert(key, e.text);
        self.last_held = (key, e.text);
        (e.memory, e.text)
    }

    /// Fails when a state's output is over the payload limit or nests too deep (an output
    /// passed on unchanged from the last one checked is not measured again).
    pub fn check_output(&mut self, output: &Rc<Value>, state: &str) -> Result<(), Failure> {
        if self.checked_walk(output).is_some() {
            return Ok(());
        }
        let walked = check_payload(output, state)?;
        // Only this reference to it: nothing holds it yet.
        self.checked_is_new = Rc::strong_count(output) == 1;
        self.checked = Some((output.clone(), walked));
        Ok(())
    }

    /// `value` shared once it is found within the payload limits, and remembered as checked:
    /// passed on unchanged as the state's output (ResultPath and OutputPath `$`), it is not
    /// measured again.
    pub fn share_checked(&mut self, value: Value, state: &str) -> Result<Rc<Value>, Failure> {
        let walked = check_payload(&value, state)?;
        let value = Rc::new(value);
        self.checked = Some((value.clone(), walked));
        self.checked_is_new = true;
        Ok(value)
    }

    /// A bound on the text length of `output` when it is the state output checked last
    /// (an execution's or iteration's output, as its last state ended it).
    pub fn checked_bound(&self, output: &Rc<Value>) -> Option<usize> {
        self.checked_walk(output).map(|walked| walked.bound)
    }

    /// What the check of `value` found, when it is the value checked last.
    fn checked_walk(&self, value: &Rc<Value>) -> Option<Walked> {
        self.checked
            .as_ref()
            .filter(|(c, _)| Rc::ptr_eq(c, value))
            .map(|(_, walked)| *walked)
    }

    /// Notes `value` as `stage` of the visit under way, sharing it; the budget is charged
    /// when the data flow keeps a payload the run did not hold yet (going over it ends the
    /// run at its next event).
    #[inline(always)]
    pub fn note(&mut self, stage: Stage, value: &Rc<Value>) {
        // The check stays in the caller: most runs record no data flow, and a call for
        // nothing cost each state about 120 instructions.
        if self.flows.records() {
            self.note_recorded(stage, value);
        }
    }

    /// [`Run::note`] when the data flow is recorded.
    fn note_recorded(&mut self, stage: Stage, value: &Rc<Value>) {
        if self.flows.note(stage, value) {
            let (memory, _) = self.hold(value);
            let _ = self.budget.hold(memory);
        }
    }

    /// [`Run::note`] for a value not shared yet: copied only when the data flow is
    /// recorded.
    #[inline(always)]
    pub fn note_value(&mut self, stage: Stage, value: &Value) {
        if self.flows.records() {
            self.note_recorded(stage, &Rc::new(value.clone()));
        }
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
