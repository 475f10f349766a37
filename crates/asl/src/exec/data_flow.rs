//! The stages of each state's input and output processing, recorded on request (the
//! stages AWS's TestState API reports as `inspectionData`), for showing how data moved.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::rc::Rc;

/// One stage of a state's data processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The input after `InputPath`.
    AfterInputPath,
    /// The effective input after `Parameters` (or `ItemSelector`).
    AfterParameters,
    /// The evaluated `Arguments` of a JSONata state.
    AfterArguments,
    /// The state's raw result.
    Result,
    /// The result after `ResultSelector`.
    AfterResultSelector,
    /// The state's input with the result placed by `ResultPath`.
    AfterResultPath,
    /// The state's output, after `OutputPath` (or a JSONata state's `Output`).
    Output,
    /// The workflow variables the state's `Assign` set.
    Variables,
}

impl Stage {
    /// Every stage, in the order a state goes through them.
    pub const ALL: [Stage; 8] = [
        Stage::AfterInputPath,
        Stage::AfterParameters,
        Stage::AfterArguments,
        Stage::Result,
        Stage::AfterResultSelector,
        Stage::AfterResultPath,
        Stage::Output,
        Stage::Variables,
    ];

    /// The stage's key in JSON (TestState's `inspectionData` names): `afterInputPath` …
    pub fn key(self) -> &'static str {
        match self {
            Stage::AfterInputPath => "afterInputPath",
            Stage::AfterParameters => "afterParameters",
            Stage::AfterArguments => "afterArguments",
            Stage::Result => "result",
            Stage::AfterResultSelector => "afterResultSelector",
            Stage::AfterResultPath => "afterResultPath",
            Stage::Output => "output",
            Stage::Variables => "variables",
        }
    }
}

/// What one visit of a state did to its data.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFlow {
    /// The state's name.
    pub state: Rc<str>,
    /// The id of the event that entered the state.
    pub entered_event_id: u32,
    /// The state's raw input.
    pub input: Rc<Value>,
    /// Each stage reached, in order, with the value after it.
    pub stages: Vec<(Stage, Value)>,
}

impl DataFlow {
    /// The value after `stage`, when the visit reached it.
    pub fn stage(&self, stage: Stage) -> Option<&Value> {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, v)| v)
    }

    /// `{"state", "enteredEventId", "input", <stage>: value …}`.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for DataFlow {
    /// `{"state", "enteredEventId", "input", <stage>: value …}`, stages in the order reached.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(3 + self.stages.len()))?;
        m.serialize_entry("state", self.state.as_ref())?;
        m.serialize_entry("enteredEventId", &self.entered_event_id)?;
        m.serialize_entry("input", self.input.as_ref())?;
        for (stage, value) in &self.stages {
            m.serialize_entry(stage.key(), value)?;
        }
        m.end()
    }
}

/// The recorder: finished visits, and the visits under way (Map and Parallel nest them).
/// When off, it records nothing.
#[derive(Debug, Default)]
pub struct Recorder {
    on: bool,
    done: Vec<DataFlow>,
    open: Vec<DataFlow>,
}

impl Recorder {
    /// A recorder that records only when `on`.
    pub fn new(on: bool) -> Self {
        Recorder {
            on,
            ..Recorder::default()
        }
    }

    /// Starts recording a state's visit.
    pub fn begin(&mut self, state: &Rc<str>, entered_event_id: u32, input: &Rc<Value>) {
        if self.on {
            self.open.push(DataFlow {
                state: state.clone(),
                entered_event_id,
                input: input.clone(),
                stages: Vec::new(),
            });
        }
    }

    /// Notes a stage of the visit under way.
    pub fn note(&mut self, stage: Stage, value: &Value) {
        if let Some(flow) = self.open.last_mut() {
            flow.stages.retain(|(s, _)| *s != stage);
            flow.stages.push((stage, value.clone()));
        }
    }

    /// Ends the visit under way.
    pub fn end(&mut self) {
        if let Some(flow) = self.open.pop() {
            self.done.push(flow);
        }
    }

    /// The finished visits, in the order they ended.
    pub fn into_done(self) -> Vec<DataFlow> {
        self.done
    }
}
