//! The compiled form of a state machine definition. Transitions are indexes into the
//! enclosing [`Machine`]'s states, so running never looks a name up.

mod distributed;
mod fields;
mod parse;
mod reachability;

use crate::choice::Condition;
use crate::history::StateType;
use crate::intrinsics::Call;
use crate::path::Path;
use crate::query::Query;
use crate::template::Template;
use serde_json::Value;
use std::rc::Rc;

pub use distributed::{
    CsvHeaders, Distributed, InputType, ItemBatcher, ItemReader, OutputType, Payload, ReaderSource,
    ResultWriter, Transformation,
};
pub use parse::parse_definition;

/// A whole definition: the top-level machine and its options.
#[derive(Debug, Clone)]
pub struct Definition {
    pub(crate) machine: Machine,
    /// The execution's overall timeout (top-level `TimeoutSeconds`).
    pub(crate) timeout_seconds: Option<u64>,
}

/// A set of states with a start: the top level, a Parallel branch or a Map processor.
#[derive(Debug, Clone)]
pub struct Machine {
    pub start_at: usize,
    pub states: Vec<State>,
}

/// One state with its common fields.
#[derive(Debug, Clone)]
pub struct State {
    pub name: Rc<str>,
    pub kind: Kind,
    pub transition: Transition,
    pub input_path: DataPath,
    pub output_path: DataPath,
    pub parameters: Option<Template>,
    pub result_selector: Option<Template>,
    pub result_path: ResultPath,
    pub assign: Option<Template>,
    pub retry: Vec<Retrier>,
    pub catch: Vec<Catcher>,
    /// `Arguments`, `Output` and `Assign` of a state in the JSONata query language (its
    /// JSONPath fields are then all absent); `None` for a JSONPath state.
    pub jsonata: Option<Box<JsonataFields>>,
}

/// The data fields of a JSONata state, Choice rule or catcher.
#[derive(Debug, Clone, Default)]
pub struct JsonataFields {
    pub arguments: Option<Query>,
    pub output: Option<Query>,
    pub assign: Option<Query>,
}

/// Where a state goes when it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    Next(usize),
    End,
    /// Choice, Succeed and Fail decide for themselves.
    Terminal,
}

/// `InputPath` / `OutputPath`: absent (`$`), `null` (an empty object) or a path.
#[derive(Debug, Clone)]
pub enum DataPath {
    Whole,
    Null,
    Path(Path),
}

/// `ResultPath`: absent (the result replaces the input), `null` (the input passes through)
/// or a reference path where the result is placed.
#[derive(Debug, Clone)]
pub enum ResultPath {
    Replace,
    Discard,
    Path(Path),
}

/// What each state type adds.
#[derive(Debug, Clone)]
pub enum Kind {
    Pass {
        /// `Result`, shared with every execution's history rather than copied for each.
        result: Option<Rc<Value>>,
    },
    Task(Box<TaskSpec>),
    Choice {
        choices: Vec<ChoiceBranch>,
        default: Option<usize>,
    },
    Wait(WaitSpec),
    Succeed,
    Fail {
        error: Text,
        cause: Text,
    },
    Parallel {
        branches: Vec<Machine>,
    },
    Map(Box<MapSpec>),
}

impl Kind {
    /// The state type, as in `Type` and in history event types.
    pub fn state_type(&self) -> StateType {
        match self {
            Kind::Pass { .. } => StateType::Pass,
            Kind::Task(_) => StateType::Task,
            Kind::Choice { .. } => StateType::Choice,
            Kind::Wait(_) => StateType::Wait,
            Kind::Succeed => StateType::Succeed,
            Kind::Fail { .. } => StateType::Fail,
            Kind::Parallel { .. } => StateType::Parallel,
            Kind::Map(_) => StateType::Map,
        }
    }
}

/// A top-level Choice rule.
#[derive(Debug, Clone)]
pub struct ChoiceBranch {
    pub condition: Test,
    pub next: usize,
    pub assign: Option<Template>,
    /// The rule's `Output` and `Assign` in a JSONata Choice state.
    pub jsonata: Option<Box<JsonataFields>>,
}

/// What a Choice rule tests: JSONPath comparisons or a JSONata `Condition`.
#[derive(Debug, Clone)]
pub enum Test {
    Rule(Condition),
    Expression(Query),
}

/// A number given literally or by a path (`TimeoutSeconds` / `TimeoutSecondsPath` …).
#[derive(Debug, Clone)]
pub enum Number {
    Fixed(f64),
    Path(Path),
    Query(Query),
}

/// The Task state's own fields.
#[derive(Debug, Clone)]
pub struct TaskSpec {
    pub resource: String,
    pub timeout: Option<Number>,
    pub heartbeat: Option<Number>,
    pub credentials: Option<Template>,
    /// `Credentials` of a JSONata Task.
    pub credentials_query: Option<Query>,
}

/// How long a Wait state waits.
#[derive(Debug, Clone)]
pub enum WaitSpec {
    Seconds(u64),
    SecondsPath(Path),
    Timestamp(i64),
    TimestampPath(Path),
    /// `Seconds` as a JSONata expression.
    SecondsQuery(Query),
    /// `Timestamp` as a JSONata expression.
    TimestampQuery(Query),
}

/// A Fail state's `Error`/`Cause`: absent, literal, a path or an intrinsic function.
#[derive(Debug, Clone)]
pub enum Text {
    None,
    Literal(String),
    Path(Path),
    Intrinsic(Box<Call<Path>>),
    Query(Query),
}

/// How a Map state runs its iterations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapMode {
    Inline,
    Distributed,
}

/// The Map state's own fields.
#[derive(Debug, Clone)]
pub struct MapSpec {
    pub items_path: Option<Path>,
    pub item_selector: Option<Template>,
    /// `Items` of a JSONata Map (an array or an expression).
    pub items: Option<Query>,
    /// `ItemSelector` of a JSONata Map.
    pub item_selector_query: Option<Query>,
    pub processor: Machine,
    pub mode: MapMode,
    pub max_concurrency: Option<Number>,
    pub tolerated_failure_count: Option<Number>,
    pub tolerated_failure_percentage: Option<Number>,
    /// The Distributed Map's reader, batcher, writer, label and execution type.
    pub distributed: Box<Distributed>,
}

/// One `Retry` entry.
#[derive(Debug, Clone)]
pub struct Retrier {
    pub error_equals: Vec<String>,
    pub interval_seconds: f64,
    pub max_attempts: u64,
    pub backoff_rate: f64,
    pub max_delay_seconds: Option<f64>,
    pub full_jitter: bool,
}

/// One `Catch` entry.
#[derive(Debug, Clone)]
pub struct Catcher {
    pub error_equals: Vec<String>,
    pub next: usize,
    pub result_path: ResultPath,
    pub assign: Option<Template>,
    /// The catcher's `Output` and `Assign` in a JSONata state.
    pub jsonata: Option<Box<JsonataFields>>,
}
