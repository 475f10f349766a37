//! The messages between the page and its worker. They cross as typed structs
//! (serde-wasm-bindgen), the same types the engines produce.

use serde::de::{DeserializeOwned, Error};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that crosses as JSON text inside a message. serde-wasm-bindgen makes JSON objects
/// into JS objects, and JS moves integer-like keys (`"0"`, `"10"`) ahead of the others; the
/// text keeps every key where the user wrote it. Both ends see the typed value.
#[derive(Debug, Clone, PartialEq)]
pub struct AsJson<T>(pub T);

impl<T: Serialize> Serialize for AsJson<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for AsJson<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        serde_json::from_str(&text)
            .map(AsJson)
            .map_err(D::Error::custom)
    }
}

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Check the scenario text and, when it is valid, run it. `revision` names the text, so
    /// the page can tell whether an answer describes what is on screen.
    Evaluate { revision: u64, text: String },
    /// Run one state of the scenario's state machine `machine` (an ARN) as TestState does;
    /// `id` names the question (only the newest answer is shown).
    TestState {
        id: u64,
        text: String,
        machine: String,
        request: AsJson<asl::TestStateRequest>,
    },
    /// Who can reach what in the scenario (one resource's or one principal's when given),
    /// and the least privilege each role needed in its run.
    Access {
        id: u64,
        text: String,
        question: crate::questions::AccessQuestion,
    },
    /// Import a CloudFormation or SAM template into `account` of the scenario.
    Import {
        id: u64,
        text: String,
        account: String,
        template: String,
        parameters: String,
    },
    /// Export `account` of the scenario as a template, with the role policies changed since
    /// `imported` (the scenario as imported).
    Export {
        id: u64,
        text: String,
        account: String,
        json: bool,
        imported: Option<String>,
    },
    /// Decide one request against every policy of the scenario that applies to it.
    Simulate {
        id: u64,
        text: String,
        question: AsJson<sim::Question>,
    },
    /// Complete the string at the editor's caret in a policy: `typed` is what was typed of
    /// it, `actions` the actions its statement names (for condition keys and resource ARN
    /// formats), `text` the scenario (for its resources' ARNs; empty for the other kinds).
    Complete {
        id: u64,
        text: String,
        kind: crate::questions::CompletionKind,
        typed: String,
        actions: Vec<String>,
    },
    /// A call of the engines' JavaScript API (`window.wasmBindings.runDefinition` …), made
    /// by a script of the page: answered with the text the npm package's function returns.
    Engine { id: u64, call: EngineCall },
}

/// One call of the engines' JavaScript API, with its arguments as the npm package takes
/// them (JSON texts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EngineCall {
    /// `runDefinition(definition, input, options?)`.
    RunDefinition {
        definition: String,
        input: String,
        options: Option<String>,
    },
    /// `runScenario(scenario)`.
    RunScenario { scenario: String },
    /// `validate(text)`.
    Validate { text: String },
    /// `authorize(requests)`.
    Authorize { requests: String },
    /// `testState(request, options?)`.
    TestState {
        request: String,
        options: Option<String>,
    },
    /// `evaluateJsonata(expression, input?, bindings?)`.
    EvaluateJsonata {
        expression: String,
        input: Option<String>,
        bindings: Option<String>,
    },
}

impl EngineCall {
    /// The function's answer, as the npm package gives it.
    pub fn answer(self) -> String {
        use sfn_playground_js as js;
        match self {
            EngineCall::RunDefinition {
                definition,
                input,
                options,
            } => js::run_definition(&definition, &input, options),
            EngineCall::RunScenario { scenario } => js::run_scenario(&scenario),
            EngineCall::Validate { text } => js::validate(&text),
            EngineCall::Authorize { requests } => js::authorize(&requests),
            EngineCall::TestState { request, options } => js::test_state(&request, options),
            EngineCall::EvaluateJsonata {
                expression,
                input,
                bindings,
            } => js::evaluate_jsonata(&expression, input, bindings),
        }
    }

    /// The texts that may name an AWS managed policy (scenarios and requests).
    fn texts(&self) -> Vec<&str> {
        match self {
            EngineCall::RunScenario { scenario } => vec![scenario],
            EngineCall::Validate { text } => vec![text],
            EngineCall::Authorize { requests } => vec![requests],
            EngineCall::TestState { request, options } => {
                let mut texts = vec![request.as_str()];
                texts.extend(options.as_deref());
                texts
            }
            EngineCall::RunDefinition { .. } | EngineCall::EvaluateJsonata { .. } => Vec::new(),
        }
    }
}

/// How many kinds of question there are: the page keeps the newest of each until answered.
pub const QUESTION_KINDS: usize = 6;

impl ToWorker {
    /// For a question (not an evaluation): its kind, `0..QUESTION_KINDS`, and its id.
    pub fn question(&self) -> Option<(usize, u64)> {
        match self {
            ToWorker::Evaluate { .. } | ToWorker::Engine { .. } => None,
            ToWorker::TestState { id, .. } => Some((0, *id)),
            ToWorker::Simulate { id, .. } => Some((1, *id)),
            ToWorker::Access { id, .. } => Some((2, *id)),
            ToWorker::Complete { id, .. } => Some((3, *id)),
            ToWorker::Import { id, .. } => Some((4, *id)),
            ToWorker::Export { id, .. } => Some((5, *id)),
        }
    }

    /// Whether answering needs the AWS managed policies: the scenario attaches one by ARN,
    /// or a template is imported (SAM names them bare). The worker fetches them first.
    pub fn needs_managed_policies(&self) -> bool {
        let text = match self {
            ToWorker::Evaluate { text, .. }
            | ToWorker::TestState { text, .. }
            | ToWorker::Access { text, .. }
            | ToWorker::Export { text, .. }
            | ToWorker::Simulate { text, .. }
            | ToWorker::Complete { text, .. } => text,
            ToWorker::Import { .. } => return true,
            ToWorker::Engine { call, .. } => {
                return call
                    .texts()
                    .iter()
                    .any(|t| t.contains(iam::AWS_MANAGED_POLICY_PREFIX))
            }
        };
        text.contains(iam::AWS_MANAGED_POLICY_PREFIX)
    }
}

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has started and takes requests.
    Ready,
    /// The scenario's diagnostics (validation and lint).
    Checked {
        revision: u64,
        diagnostics: AsJson<Vec<sim::Diagnostic>>,
    },
    /// The scenario's access findings (external, public, confused deputy), after `Checked`
    /// when the scenario is valid.
    Found {
        revision: u64,
        findings: AsJson<Vec<access::Finding>>,
    },
    /// A long run is under way: an execution has recorded this many events.
    Progress { revision: u64, events: usize },
    /// The run ended (or could not start: `refused` says why, one error per line).
    Ran {
        revision: u64,
        report: AsJson<Box<sim::Report>>,
        refused: Option<String>,
    },
    /// The answer to `TestState { id, .. }`.
    Tested {
        id: u64,
        answer: AsJson<Box<crate::questions::TestAnswer>>,
    },
    /// The answer to `Access { id, .. }`.
    Accessed {
        id: u64,
        answer: AsJson<Box<crate::questions::AccessAnswer>>,
    },
    /// The answer to `Import { id, .. }`.
    Imported {
        id: u64,
        answer: AsJson<Box<crate::transfer::ImportAnswer>>,
    },
    /// The answer to `Export { id, .. }`.
    Exported {
        id: u64,
        answer: AsJson<Box<crate::transfer::ExportAnswer>>,
    },
    /// The answer to `Simulate { id, .. }`.
    Simulated {
        id: u64,
        answer: AsJson<Box<crate::questions::SimAnswer>>,
    },
    /// The answer to `Complete { id, .. }`: the suggestions, best first.
    Completions { id: u64, items: Vec<String> },
    /// The answer to `Engine { id, .. }`: the text the function returned.
    Engined { id: u64, answer: String },
    /// The worker stopped with an error (out of memory, a defect) while answering: said by
    /// the page's side of the worker, which replaces it; `message` says what happened.
    Crashed { message: String },
    /// A message could not cross between the page and the worker (a defect of the
    /// playground, not of the scenario); says what failed.
    Broken { message: String },
}

impl FromWorker {
    /// For an answer to a question: the question's kind (as [`ToWorker::question`] numbers
    /// it) and id.
    pub fn answer_to(&self) -> Option<(usize, u64)> {
        match self {
            FromWorker::Tested { id, .. } => Some((0, *id)),
            FromWorker::Simulated { id, .. } => Some((1, *id)),
            FromWorker::Accessed { id, .. } => Some((2, *id)),
            FromWorker::Completions { id, .. } => Some((3, *id)),
            FromWorker::Imported { id, .. } => Some((4, *id)),
            FromWorker::Exported { id, .. } => Some((5, *id)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AsJson, FromWorker, ToWorker, QUESTION_KINDS};

    #[test]
    fn each_answer_names_the_kind_and_id_of_its_question() {
        let text = String::new;
        let pairs = [
            (
                ToWorker::TestState {
                    id: 7,
                    text: text(),
                    machine: text(),
                    request: AsJson(Default::default()),
                },
                FromWorker::Tested {
                    id: 7,
                    answer: AsJson(Box::default()),
                },
            ),
            (
                ToWorker::Simulate {
                    id: 7,
                    text: text(),
                    question: AsJson(Default::default()),
                },
                FromWorker::Simulated {
                    id: 7,
                    answer: AsJson(Box::default()),
                },
            ),
            (
                ToWorker::Access {
                    id: 7,
                    text: text(),
                    question: Default::default(),
                },
                FromWorker::Accessed {
                    id: 7,
                    answer: AsJson(Box::default()),
                },
            ),
            (
                ToWorker::Complete {
                    id: 7,
                    text: text(),
                    kind: crate::questions::CompletionKind::Action,
                    typed: text(),
                    actions: Vec::new(),
                },
                FromWorker::Completions {
                    id: 7,
                    items: Vec::new(),
                },
            ),
            (
                ToWorker::Import {
                    id: 7,
                    text: text(),
                    account: text(),
                    template: text(),
                    parameters: text(),
                },
                FromWorker::Imported {
                    id: 7,
                    answer: AsJson(Box::default()),
                },
            ),
            (
                ToWorker::Export {
                    id: 7,
                    text: text(),
                    account: text(),
                    json: false,
                    imported: None,
                },
                FromWorker::Exported {
                    id: 7,
                    answer: AsJson(Box::default()),
                },
            ),
        ];
        let mut kinds: Vec<usize> = Vec::new();
        for (question, answer) in &pairs {
            let asked = question.question().expect("a question");
            assert_eq!(answer.answer_to(), Some(asked), "{question:?}");
            assert!(asked.0 < QUESTION_KINDS && !kinds.contains(&asked.0));
            kinds.push(asked.0);
        }
        assert_eq!(kinds.len(), QUESTION_KINDS);
        assert_eq!(
            ToWorker::Evaluate {
                revision: 1,
                text: text()
            }
            .question(),
            None
        );
    }
    use crate::questions::CompletionKind;

    #[test]
    fn a_completion_question_and_its_answer_cross() {
        let question = ToWorker::Complete {
            id: 4,
            text: String::new(),
            kind: CompletionKind::ConditionKey,
            typed: "sts:Ex".into(),
            actions: vec!["sts:AssumeRole".into()],
        };
        let wire = serde_json::to_string(&question).expect("encodes");
        assert_eq!(
            serde_json::from_str::<ToWorker>(&wire).expect("decodes"),
            question
        );
        let answer = FromWorker::Completions {
            id: 4,
            items: vec!["sts:ExternalId".into()],
        };
        let wire = serde_json::to_string(&answer).expect("encodes");
        assert_eq!(
            serde_json::from_str::<FromWorker>(&wire).expect("decodes"),
            answer
        );
    }

    #[test]
    fn a_report_crosses_with_its_keys_in_order() {
        let text = sim::preset("cross-account-secret-cache")
            .expect("seed")
            .text;
        let doc: serde_json::Value = serde_json::from_str(text).expect("json");
        let report = sim::run(&sim::Scenario::from_value(&doc).expect("valid"));
        let message = FromWorker::Ran {
            revision: 3,
            report: AsJson(Box::new(report)),
            refused: None,
        };
        let wire = serde_json::to_string(&message).expect("encodes");
        let back: FromWorker = serde_json::from_str(&wire).expect("decodes");
        assert_eq!(back, message);
        let value: AsJson<serde_json::Value> = serde_json::from_str(
            &serde_json::to_string(&AsJson(serde_json::json!({"b": 1, "10": 2, "a": 3})))
                .expect("encodes"),
        )
        .expect("decodes");
        let keys: Vec<&String> = value.0.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["b", "10", "a"]);
    }
}
