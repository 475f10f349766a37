//! The stages of each state's input and output processing, recorded on request (the
//! stages AWS's TestState API reports as `inspectionData`), for showing how data moved.

use super::run::Run;
use serde_json::{json, Map, Value};
use std::rc::Rc;

/// One stage of a state's data processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    AfterInputPath,
    AfterParameters,
    Result,
    AfterResultSelector,
    AfterResultPath,
    Output,
}

impl Stage {
    fn key(self) -> &'static str {
        match self {
            Stage::AfterInputPath => "afterInputPath",
            Stage::AfterParameters => "afterParameters",
            Stage::Result => "result",
            Stage::AfterResultSelector => "afterResultSelector",
            Stage::AfterResultPath => "afterResultPath",
            Stage::Output => "output",
        }
    }
}

/// What one visit of a state did to its data.
#[derive(Debug, Clone)]
pub struct DataFlow {
    pub state: Rc<str>,
    pub entered_event_id: u32,
    pub input: Rc<Value>,
    pub stages: Vec<(Stage, Value)>,
}

impl DataFlow {
    /// `{"state", "enteredEventId", "input", <stage>: value …}`.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("state".into(), self.state.as_ref().into());
        m.insert("enteredEventId".into(), self.entered_event_id.into());
        m.insert("input".into(), self.input.as_ref().clone());
        for (stage, value) in &self.stages {
            m.insert(stage.key().into(), value.clone());
        }
        json!(m)
    }
}

/// The recorder: finished visits, and the visits under way (Map and Parallel nest them).
#[derive(Debug, Default)]
pub struct Recorder {
    pub done: Vec<DataFlow>,
    open: Vec<DataFlow>,
}

impl Run<'_> {
    /// Starts recording a state's visit, when recording is on.
    pub fn flow_begin(&mut self, state: &Rc<str>, entered_event_id: u32, input: &Rc<Value>) {
        if let Some(r) = self.flows.as_mut() {
            r.open.push(DataFlow {
                state: state.clone(),
                entered_event_id,
                input: input.clone(),
                stages: Vec::new(),
            });
        }
    }

    /// Notes a stage of the visit under way.
    pub fn flow_note(&mut self, stage: Stage, value: &Value) {
        if let Some(flow) = self.flows.as_mut().and_then(|r| r.open.last_mut()) {
            flow.stages.retain(|(s, _)| *s != stage);
            flow.stages.push((stage, value.clone()));
        }
    }

    /// Ends the visit under way.
    pub fn flow_end(&mut self) {
        if let Some(r) = self.flows.as_mut() {
            if let Some(flow) = r.open.pop() {
                r.done.push(flow);
            }
        }
    }
}
