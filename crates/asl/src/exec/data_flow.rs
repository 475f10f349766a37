//! The stages of each state's input and output processing, recorded on request (the
//! stages AWS's TestState API reports as `inspectionData`), for showing how data moved.

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::fmt;
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
    /// Each stage reached, in order, with the value after it (shared with the history and
    /// the other stages where it is the same value).
    pub stages: Vec<(Stage, Rc<Value>)>,
}

impl DataFlow {
    /// The value after `stage`, when the visit reached it.
    pub fn stage(&self, stage: Stage) -> Option<&Value> {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, v)| v.as_ref())
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
            m.serialize_entry(stage.key(), value.as_ref())?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for DataFlow {
    /// Reads what `serialize` writes; a stage key may appear once.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(DataFlowVisitor)
    }
}

/// Reads a [`DataFlow`] from its map.
struct DataFlowVisitor;

impl<'de> Visitor<'de> for DataFlowVisitor {
    type Value = DataFlow;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a data flow: {state, enteredEventId, input, <stage>: value ...}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DataFlow, A::Error> {
        let (mut state, mut entered, mut input) = (None, None, None);
        let mut stages: Vec<(Stage, Rc<Value>)> = Vec::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<str>>()? {
            match key.as_ref() {
                "state" => state = Some(Rc::from(map.next_value::<String>()?)),
                "enteredEventId" => entered = Some(map.next_value::<u32>()?),
                "input" => input = Some(Rc::new(map.next_value::<Value>()?)),
                other => {
                    let stage = Stage::ALL
                        .into_iter()
                        .find(|s| s.key() == other)
                        .ok_or_else(|| A::Error::unknown_field(other, &KEYS))?;
                    if stages.iter().any(|(s, _)| *s == stage) {
                        return Err(A::Error::duplicate_field(stage.key()));
                    }
                    stages.push((stage, Rc::new(map.next_value()?)));
                }
            }
        }
        Ok(DataFlow {
            state: state.ok_or_else(|| A::Error::missing_field("state"))?,
            entered_event_id: entered.ok_or_else(|| A::Error::missing_field("enteredEventId"))?,
            input: input.ok_or_else(|| A::Error::missing_field("input"))?,
            stages,
        })
    }
}

/// Every key a data flow may have (for error messages).
const KEYS: [&str; 11] = [
    "state",
    "enteredEventId",
    "input",
    "afterInputPath",
    "afterParameters",
    "afterArguments",
    "result",
    "afterResultSelector",
    "afterResultPath",
    "output",
    "variables",
];

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

    /// Whether it records.
    #[inline]
    pub fn records(&self) -> bool {
        self.on
    }

    /// Notes a stage of the visit under way, sharing `value`; false when nothing is
    /// recorded.
    pub fn note(&mut self, stage: Stage, value: &Rc<Value>) -> bool {
        let Some(flow) = self.open.last_mut() else {
            return false;
        };
        flow.stages.retain(|(s, _)| *s != stage);
        flow.stages.push((stage, value.clone()));
        true
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_back_what_it_writes() {
        let flow = DataFlow {
            state: Rc::from("S"),
            entered_event_id: 2,
            input: Rc::new(json!({"a": 1})),
            stages: vec![
                (Stage::AfterParameters, Rc::new(json!(null))),
                (Stage::Output, Rc::new(json!([1]))),
            ],
        };
        let text = serde_json::to_value(&flow).unwrap();
        assert_eq!(Stage::ALL.map(Stage::key)[..], KEYS[3..]);
        assert_eq!(serde_json::from_value::<DataFlow>(text).unwrap(), flow);
        let bad = json!({"state": "S", "enteredEventId": 1, "input": 1, "later": 2});
        assert!(serde_json::from_value::<DataFlow>(bad).is_err());
        let twice = r#"{"state": "S", "enteredEventId": 1, "input": 1, "output": 1, "output": 2}"#;
        assert!(serde_json::from_str::<DataFlow>(twice).is_err());
        assert!(serde_json::from_value::<DataFlow>(json!({"state": "S"})).is_err());
    }
}
