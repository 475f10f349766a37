//! What a path can see while a state runs: its input (`$`), the context object (`$$`, built
//! only when a path asks for it) and the workflow variables (`$name`).

use crate::failure::Failure;
use crate::path::{walk, Path, Root, Segment, TooLarge};
use crate::size::data_limit_exceeded;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::rc::Rc;
use timestamp::format_millis;

/// The facts of one execution that the context object reports.
#[derive(Debug, Clone)]
pub struct ExecutionInfo {
    /// The execution's ARN (`$$.Execution.Id`).
    pub execution_arn: Rc<str>,
    /// The execution's name.
    pub name: Rc<str>,
    /// The state machine's ARN.
    pub state_machine_arn: Rc<str>,
    /// The state machine's name.
    pub state_machine_name: Rc<str>,
    /// The execution role's ARN.
    pub role_arn: Rc<str>,
    /// When the execution started, in milliseconds since the epoch.
    pub start_time: i64,
    /// The execution's input.
    pub input: Rc<Value>,
}

/// The context object of one state at one moment; its JSON is built on first use.
pub struct StateContext<'a> {
    pub execution: &'a ExecutionInfo,
    pub state_name: &'a str,
    pub entered_time: i64,
    pub retry_count: Option<u32>,
    pub task_token: Option<&'a str>,
    pub map_item: Option<(usize, &'a Value)>,
    cache: OnceCell<Value>,
}

impl<'a> StateContext<'a> {
    /// The context of `state_name`, entered at `entered_time` (ms on the virtual clock).
    pub fn new(execution: &'a ExecutionInfo, state_name: &'a str, entered_time: i64) -> Self {
        StateContext {
            execution,
            state_name,
            entered_time,
            retry_count: None,
            task_token: None,
            map_item: None,
            cache: OnceCell::new(),
        }
    }

    /// A scope over `input` with this context and `variables`.
    pub fn scope<'s>(&'s self, input: &'s Value, variables: &'s Variables) -> Scope<'s> {
        Scope {
            input,
            context: self,
            variables,
        }
    }

    /// The context object as AWS shows it under `$$`.
    pub fn value(&self) -> &Value {
        self.cache.get_or_init(|| {
            let mut root = Map::new();
            for name in ["Execution", "State", "StateMachine", "Task", "Map"] {
                if let Some(section) = self.section(name) {
                    root.insert(name.into(), section);
                }
            }
            Value::Object(root)
        })
    }

    /// One top-level member of the context object, built on its own so that a path such
    /// as `$$.Map.Item.Value` does not copy the execution input.
    pub fn section(&self, name: &str) -> Option<Value> {
        let e = self.execution;
        Some(match name {
            "Execution" => json!({
                "Id": e.execution_arn.as_ref(),
                "Input": e.input.as_ref(),
                "Name": e.name.as_ref(),
                "RoleArn": e.role_arn.as_ref(),
                "StartTime": format_millis(e.start_time),
                "RedriveCount": 0,
            }),
            "State" => {
                let mut state = Map::new();
                state.insert(
                    "EnteredTime".into(),
                    format_millis(self.entered_time).into(),
                );
                state.insert("Name".into(), self.state_name.into());
                if let Some(n) = self.retry_count {
                    state.insert("RetryCount".into(), n.into());
                }
                Value::Object(state)
            }
            "StateMachine" => {
                json!({"Id": e.state_machine_arn.as_ref(), "Name": e.state_machine_name.as_ref()})
            }
            "Task" => json!({ "Token": self.task_token? }),
            "Map" => {
                let (index, value) = self.map_item?;
                json!({"Item": {"Index": index, "Value": value}})
            }
            _ => return None,
        })
    }
}

/// Workflow variables: those assigned in this scope, over those of the enclosing scopes
/// (a Map iteration or Parallel branch reads its parent's variables but assigns its own).
/// Variables keep the order they were first assigned in, so what shows them is stable.
#[derive(Debug, Clone, Default)]
pub struct Variables {
    parent: Option<Rc<Variables>>,
    own: Map<String, Value>,
}

impl Variables {
    /// A scope nested inside `parent`.
    pub fn child_of(parent: Rc<Variables>) -> Self {
        Variables {
            parent: Some(parent),
            own: Map::new(),
        }
    }

    /// The value of variable `name`, looking outwards.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self.own.get(name) {
            Some(v) => Some(v),
            None => self.parent.as_deref().and_then(|p| p.get(name)),
        }
    }

    /// Every variable visible here, inner scopes over outer ones (JSONata's bindings).
    pub fn flatten(&self) -> Map<String, Value> {
        let mut all = match &self.parent {
            Some(p) => p.flatten(),
            None => Map::new(),
        };
        for (name, value) in &self.own {
            all.insert(name.clone(), value.clone());
        }
        all
    }

    /// Assigns `name` in this scope.
    pub fn set(&mut self, name: String, value: Value) {
        self.own.insert(name, value);
    }
}

/// Everything a path may read in one evaluation.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub input: &'a Value,
    pub context: &'a StateContext<'a>,
    pub variables: &'a Variables,
}

impl<'a> Scope<'a> {
    /// The value a path selects, or `None` when it selects nothing; a query whose
    /// matches come to more than a payload holds fails with States.DataLimitExceeded.
    #[inline] // A definite path from the input (most paths) without a call.
    pub fn select(&self, path: &Path) -> Result<Option<Cow<'a, Value>>, Failure> {
        match path.input_steps() {
            Some(steps) => Ok(walk(self.input, steps).map(Cow::Borrowed)),
            None => self.select_other(path),
        }
    }

    /// [`Scope::select`] for a query, or a path from the context object or a variable.
    fn select_other(&self, path: &Path) -> Result<Option<Cow<'a, Value>>, Failure> {
        let selected = match path.root() {
            Root::Input => path.select(self.input),
            Root::Context => match path.segments() {
                Some(
                    [Segment::Field(map), Segment::Field(item), Segment::Field(field), rest @ ..],
                ) if map == "Map" && item == "Item" => {
                    let Some((index, value)) = self.context.map_item else {
                        return Ok(None);
                    };
                    Ok(match field.as_str() {
                        "Value" => walk(value, rest).map(Cow::Borrowed),
                        "Index" if rest.is_empty() => Some(Cow::Owned(index.into())),
                        _ => None,
                    })
                }
                Some([Segment::Field(name), rest @ ..]) => Ok(self
                    .context
                    .section(name)
                    .and_then(|section| take_at(section, rest))
                    .map(Cow::Owned)),
                _ => path.select(self.context.value()),
            },
            Root::Variable(name) => match self.variables.get(name) {
                Some(value) => path.select(value),
                None => Ok(None),
            },
        };
        selected.map_err(|TooLarge| data_limit_exceeded(self.context.state_name))
    }

    /// The same scope over another input.
    pub fn with_input(&self, input: &'a Value) -> Scope<'a> {
        Scope { input, ..*self }
    }
}

/// Moves the node at `segments` out of an owned value.
fn take_at(mut value: Value, segments: &[Segment]) -> Option<Value> {
    for s in segments {
        value = match (s, value) {
            (Segment::Field(f), Value::Object(mut map)) => map.remove(f)?,
            (Segment::Index(i), Value::Array(mut items)) if *i < items.len() => {
                items.swap_remove(*i)
            }
            _ => return None,
        };
    }
    Some(value)
}
