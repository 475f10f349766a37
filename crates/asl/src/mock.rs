//! Task answers from a mock configuration in the format of AWS Step Functions Local:
//! `{"StateMachines": {NAME: {"TestCases": {CASE: {STATE: RESPONSE}}}},
//!   "MockedResponses": {RESPONSE: {"0": {"Return": ...}, "1-2": {"Throw": {"Error", "Cause"}}}}}`.
//! Invocation numbers count per state from 0; past the last one given, the last answer
//! repeats.

use crate::failure::Failure;
use crate::task::{TaskHandler, TaskRequest, TaskResponse};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// One scripted answer.
#[derive(Debug, Clone, PartialEq)]
pub enum MockAnswer {
    /// Answer with this result.
    Return(Value),
    /// Fail with this error and cause.
    Throw(Failure),
}

/// What is wrong with a mock configuration; `pointer` says where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockError {
    /// Where in the configuration, as a JSON pointer.
    pub pointer: String,
    /// What is wrong there.
    pub kind: MockErrorKind,
}

/// The kinds of mock configuration errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MockErrorKind {
    /// The value there is not a JSON object.
    NotAnObject,
    /// No state machine has the test case.
    UnknownTestCase {
        /// The test case asked for.
        name: String,
        /// The test cases the configuration has.
        known: Vec<String>,
    },
    /// Several state machines have the test case and none is the one run.
    AmbiguousTestCase {
        /// The test case asked for.
        name: String,
        /// The state machines that have it.
        machines: Vec<String>,
    },
    /// A test case names a response `MockedResponses` does not define.
    UnknownResponse {
        /// The response's name.
        name: String,
    },
    /// A response's key is not an invocation number or range.
    BadInvocationKey {
        /// The key as written.
        key: String,
    },
    /// An answer is neither `Return` nor `Throw`.
    BadAnswer,
}

impl fmt::Display for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        match &self.kind {
            MockErrorKind::NotAnObject => write!(f, "{at}: expected a JSON object"),
            MockErrorKind::UnknownTestCase { name, known } => write!(
                f,
                "{at}: no test case '{name}' (known: {})",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            ),
            MockErrorKind::AmbiguousTestCase { name, machines } => write!(
                f,
                "{at}: test case '{name}' exists for several state machines ({}); name the file after one of them",
                machines.join(", ")
            ),
            MockErrorKind::UnknownResponse { name } => {
                write!(f, "{at}: '{name}' is not defined under MockedResponses")
            }
            MockErrorKind::BadInvocationKey { key } => write!(
                f,
                "{at}: '{key}' is not an invocation number or range such as \"0\" or \"1-2\""
            ),
            MockErrorKind::BadAnswer => write!(
                f,
                "{at}: an answer must be {{\"Return\": value}} or {{\"Throw\": {{\"Error\": ..., \"Cause\": ...}}}}"
            ),
        }
    }
}

impl std::error::Error for MockError {}

/// Scripted answers per state for one test case.
#[derive(Debug, Clone, Default)]
pub struct Mocks {
    answers: HashMap<String, Vec<(u32, u32, MockAnswer)>>,
    calls: HashMap<String, u32>,
}

fn err(pointer: impl Into<String>, kind: MockErrorKind) -> MockError {
    MockError {
        pointer: pointer.into(),
        kind,
    }
}

impl Mocks {
    /// Picks `test_case` from the configuration, preferring the state machine named
    /// `machine` when several define it.
    pub fn from_config(config: &Value, machine: &str, test_case: &str) -> Result<Mocks, MockError> {
        let machines = config
            .get("StateMachines")
            .and_then(Value::as_object)
            .ok_or_else(|| err("/StateMachines", MockErrorKind::NotAnObject))?;
        let mut found: Vec<(&String, &Value)> = machines
            .iter()
            .filter_map(|(name, m)| Some((name, m.get("TestCases")?.get(test_case)?)))
            .collect();
        if found.len() > 1 && found.iter().any(|(name, _)| name.as_str() == machine) {
            found.retain(|(name, _)| name.as_str() == machine);
        }
        let (machine_name, case) = match found.as_slice() {
            [one] => *one,
            [] => {
                let known = machines
                    .values()
                    .filter_map(|m| m.get("TestCases")?.as_object())
                    .flat_map(|c| c.keys().cloned())
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                return Err(err(
                    "/StateMachines",
                    MockErrorKind::UnknownTestCase {
                        name: test_case.into(),
                        known,
                    },
                ));
            }
            _ => {
                return Err(err(
                    "/StateMachines",
                    MockErrorKind::AmbiguousTestCase {
                        name: test_case.into(),
                        machines: found.iter().map(|(n, _)| n.to_string()).collect(),
                    },
                ))
            }
        };
        let case_at = format!(
            "{}/TestCases/{}",
            jsonloc::pointer_push("/StateMachines", machine_name),
            test_case
        );
        let case = case
            .as_object()
            .ok_or_else(|| err(&case_at, MockErrorKind::NotAnObject))?;
        let responses = config
            .get("MockedResponses")
            .and_then(Value::as_object)
            .ok_or_else(|| err("/MockedResponses", MockErrorKind::NotAnObject))?;
        let mut answers = HashMap::new();
        for (state, response) in case {
            let at = jsonloc::pointer_push(&case_at, state);
            let name = response
                .as_str()
                .ok_or_else(|| err(&at, MockErrorKind::BadAnswer))?;
            let script = responses
                .get(name)
                .and_then(Value::as_object)
                .ok_or_else(|| err(&at, MockErrorKind::UnknownResponse { name: name.into() }))?;
            let script_at = jsonloc::pointer_push("/MockedResponses", name);
            let mut entries = Vec::new();
            for (key, answer) in script {
                let answer_at = jsonloc::pointer_push(&script_at, key);
                let (from, to) = invocation_range(key).ok_or_else(|| {
                    err(
                        &answer_at,
                        MockErrorKind::BadInvocationKey { key: key.clone() },
                    )
                })?;
                entries.push((
                    from,
                    to,
                    parse_answer(answer)
                        .ok_or_else(|| err(&answer_at, MockErrorKind::BadAnswer))?,
                ));
            }
            entries.sort_by_key(|(from, _, _)| *from);
            answers.insert(state.clone(), entries);
        }
        Ok(Mocks {
            answers,
            calls: HashMap::new(),
        })
    }
}

fn invocation_range(key: &str) -> Option<(u32, u32)> {
    match key.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (a <= b).then_some((a, b))
        }
        None => {
            let n = key.trim().parse().ok()?;
            Some((n, n))
        }
    }
}

fn parse_answer(answer: &Value) -> Option<MockAnswer> {
    let obj = answer.as_object()?;
    match (obj.get("Return"), obj.get("Throw")) {
        (Some(v), None) => Some(MockAnswer::Return(v.clone())),
        (None, Some(t)) => {
            let text = |k: &str| {
                t.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            Some(MockAnswer::Throw(Failure::new(
                text("Error"),
                text("Cause"),
            )))
        }
        _ => None,
    }
}

impl TaskHandler for Mocks {
    fn invoke(&mut self, request: &TaskRequest) -> TaskResponse {
        let count = self
            .calls
            .entry(request.state_name.to_string())
            .or_insert(0);
        let n = *count;
        *count += 1;
        let Some(script) = self.answers.get(request.state_name) else {
            return TaskResponse::fail(Failure::new(
                crate::failure::names::TASK_FAILED,
                format!(
                    "The test case has no mocked response for state '{}'",
                    request.state_name
                ),
            ));
        };
        let answer = script
            .iter()
            .find(|(from, to, _)| (*from..=*to).contains(&n))
            .or_else(|| script.last())
            .map(|(_, _, a)| a.clone());
        match answer {
            Some(MockAnswer::Return(v)) => TaskResponse::ok(v),
            Some(MockAnswer::Throw(f)) => TaskResponse::fail(f),
            None => TaskResponse::fail(Failure::new(
                crate::failure::names::TASK_FAILED,
                format!(
                    "The mocked response for state '{}' is empty",
                    request.state_name
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config() -> Value {
        let case = json!({"T": {"S": "R"}});
        json!({
            "StateMachines": {"A": {"TestCases": case}, "B": {"TestCases": case}},
            "MockedResponses": {"R": {"0": {"Return": 1}}}
        })
    }

    #[test]
    fn a_test_case_of_several_machines_is_named_ambiguous() {
        let e = Mocks::from_config(&config(), "Other", "T")
            .err()
            .map(|e| e.kind);
        assert_eq!(
            e,
            Some(MockErrorKind::AmbiguousTestCase {
                name: "T".into(),
                machines: vec!["A".into(), "B".into()],
            })
        );
        assert!(Mocks::from_config(&config(), "B", "T").is_ok());
    }

    #[test]
    fn an_unknown_test_case_lists_each_known_name_once() {
        let e = Mocks::from_config(&config(), "A", "X")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("/StateMachines: no test case 'X' (known: T)")
        );
    }
}
