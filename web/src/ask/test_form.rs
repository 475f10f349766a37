//! The TestState form: which state of which state machine, its input, variables and context,
//! and how its Task is answered; it makes the TestState request the worker runs.

use crate::document::{account_pointer, machine_definition};
use asl::{InspectionLevel, MockErrorOutput, MockInput, TestStateConfiguration, TestStateRequest};
use jsonloc::pointer_push;
use serde_json::Value;

/// How the state's Task is answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Answering {
    /// The simulated world: the real call under the machine's role, IAM enforced.
    #[default]
    World,
    /// A mocked result (`mock.result`).
    Result,
    /// A mocked error (`mock.errorOutput`).
    Error,
}

impl Answering {
    /// The form's value for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Answering::World => "world",
            Answering::Result => "result",
            Answering::Error => "error",
        }
    }
}

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestField {
    /// `account/name` of a state machine.
    Machine,
    /// `"pasted"` to test a state pasted alone, anything else to test the machine's own.
    Source,
    /// The text of a state pasted alone.
    Pasted,
    State,
    Input,
    Variables,
    Context,
    Answering,
    MockResult,
    MockError,
    MockCause,
    /// `INFO`, `DEBUG` or `TRACE`.
    Level,
    RetryCount,
}

/// What the TestState form holds (every field as typed).
#[derive(Clone, Debug, PartialEq)]
pub struct TestForm {
    pub account: String,
    pub machine: String,
    pub state: String,
    /// A state's JSON pasted alone, tested instead of the machine's state (it still runs as
    /// that machine, under its role).
    pub pasted: Option<String>,
    pub input: String,
    pub variables: String,
    pub context: String,
    pub answering: Answering,
    pub mock_result: String,
    pub mock_error: String,
    pub mock_cause: String,
    pub level: InspectionLevel,
    pub retry_count: String,
}

impl Default for TestForm {
    fn default() -> Self {
        TestForm {
            account: String::new(),
            machine: String::new(),
            state: String::new(),
            pasted: None,
            input: "{}".into(),
            variables: String::new(),
            context: String::new(),
            answering: Answering::World,
            mock_result: "{}".into(),
            mock_error: "States.TaskFailed".into(),
            mock_cause: String::new(),
            level: InspectionLevel::Debug,
            retry_count: String::new(),
        }
    }
}

/// Every state machine of the scenario: `(account, name)`.
pub fn machines(doc: &Value) -> Vec<(String, String)> {
    crate::document::accounts(doc)
        .into_iter()
        .flat_map(|(account, _)| {
            let pointer = pointer_push(&account_pointer(&account), "stateMachines");
            let names: Vec<String> = doc
                .pointer(&pointer)
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            names.into_iter().map(move |n| (account.clone(), n))
        })
        .collect()
}

/// The names of every state of a definition, nested ones (Parallel branches, Map
/// processors) after their parent.
pub fn state_names(definition: &Value) -> Vec<String> {
    let mut names = Vec::new();
    collect(definition, &mut names, 0);
    names
}

fn collect(machine: &Value, names: &mut Vec<String>, depth: usize) {
    let Some(states) = machine.get("States").and_then(Value::as_object) else {
        return;
    };
    if depth > 16 {
        return;
    }
    for (name, state) in states {
        names.push(name.clone());
        for branch in state
            .get("Branches")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect(branch, names, depth + 1);
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(processor) = state.get(key) {
                collect(processor, names, depth + 1);
            }
        }
    }
}

impl TestForm {
    /// The form for the machine of the last run's top execution (else the scenario's first
    /// machine), at its first state.
    pub fn first(doc: &Value, report: Option<&sim::Report>) -> TestForm {
        let (account, machine) = report
            .and_then(sim::Report::top)
            .map(|e| (e.account.clone(), e.state_machine.clone()))
            .or_else(|| machines(doc).into_iter().next())
            .unwrap_or_default();
        let start = machine_definition(doc, &account, &machine)
            .and_then(|d| d.get("StartAt")?.as_str().map(str::to_string))
            .unwrap_or_default();
        TestForm::of(account, machine, start, report)
    }

    /// The form for `state` of `machine`, its input taken from the last run when the state
    /// ran there.
    pub fn of(
        account: String,
        machine: String,
        state: String,
        report: Option<&sim::Report>,
    ) -> TestForm {
        let mut form = TestForm {
            account,
            machine,
            state,
            ..TestForm::default()
        };
        form.prefill(report);
        form
    }

    /// Takes the state's input from its first visit in the last run, if it ran.
    fn prefill(&mut self, report: Option<&sim::Report>) {
        let input = report.and_then(|r| {
            r.executions
                .iter()
                .filter(|e| e.account == self.account && e.state_machine == self.machine)
                .flat_map(|e| &e.data_flow)
                .find(|f| *f.state == *self.state)
                .map(|f| serde_json::to_string_pretty(&*f.input).unwrap_or_default())
        });
        self.input = input.unwrap_or_else(|| "{}".into());
    }

    /// Sets a field (a new machine starts at its first state; a new state takes its input
    /// from the last run).
    pub fn set(
        &mut self,
        field: TestField,
        value: String,
        doc: &Value,
        report: Option<&sim::Report>,
    ) {
        match field {
            TestField::Machine => {
                let Some((account, machine)) = value.split_once('/') else {
                    return;
                };
                let start = machine_definition(doc, account, machine)
                    .and_then(|d| d.get("StartAt")?.as_str().map(str::to_string))
                    .unwrap_or_default();
                *self = TestForm {
                    answering: self.answering,
                    level: self.level,
                    ..TestForm::of(account.into(), machine.into(), start, report)
                };
            }
            TestField::Source => {
                self.pasted = (value == "pasted").then(|| {
                    machine_definition(doc, &self.account, &self.machine)
                        .and_then(|d| find_state(d, &self.state))
                        .map(|s| serde_json::to_string_pretty(s).unwrap_or_default())
                        .unwrap_or_else(|| "{\n  \"Type\": \"Pass\",\n  \"End\": true\n}".into())
                });
            }
            TestField::Pasted => self.pasted = Some(value),
            TestField::State => {
                self.state = value;
                self.prefill(report);
            }
            TestField::Input => self.input = value,
            TestField::Variables => self.variables = value,
            TestField::Context => self.context = value,
            TestField::Answering => {
                self.answering = match value.as_str() {
                    "result" => Answering::Result,
                    "error" => Answering::Error,
                    _ => Answering::World,
                }
            }
            TestField::MockResult => self.mock_result = value,
            TestField::MockError => self.mock_error = value,
            TestField::MockCause => self.mock_cause = value,
            TestField::Level => {
                self.level = match value.as_str() {
                    "INFO" => InspectionLevel::Info,
                    "TRACE" => InspectionLevel::Trace,
                    _ => InspectionLevel::Debug,
                }
            }
            TestField::RetryCount => self.retry_count = value,
        }
    }

    /// The state machine's ARN.
    pub fn arn(&self, doc: &Value) -> String {
        let region = doc
            .get("region")
            .and_then(Value::as_str)
            .unwrap_or("us-east-1");
        format!(
            "arn:aws:states:{region}:{}:stateMachine:{}",
            self.account, self.machine
        )
    }

    /// The states of the machine, in order.
    pub fn states(&self, doc: &Value) -> Vec<String> {
        machine_definition(doc, &self.account, &self.machine)
            .map(state_names)
            .unwrap_or_default()
    }

    /// The TestState request the form describes (the machine's definition as it is now), or
    /// what is wrong with the form.
    pub fn request(&self, doc: &Value) -> Result<TestStateRequest, String> {
        let definition =
            machine_definition(doc, &self.account, &self.machine).ok_or_else(|| {
                format!(
                    "The scenario has no state machine {} in account {}.",
                    self.machine, self.account
                )
            })?;
        let text = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        let mock = match self.answering {
            Answering::World => None,
            Answering::Result => Some(MockInput {
                result: Some(self.mock_result.clone()),
                ..MockInput::default()
            }),
            Answering::Error => Some(MockInput {
                error_output: Some(MockErrorOutput {
                    error: Some(self.mock_error.clone()),
                    cause: text(&self.mock_cause),
                }),
                ..MockInput::default()
            }),
        };
        let retry = self.retry_count.trim();
        let state_configuration = if retry.is_empty() {
            None
        } else {
            let n: u32 = retry
                .parse()
                .map_err(|_| format!("The retry count is a whole number, not '{retry}'."))?;
            Some(TestStateConfiguration {
                retrier_retry_count: Some(n),
                ..TestStateConfiguration::default()
            })
        };
        let (definition, state_name) = match &self.pasted {
            Some(text) => (text.clone(), None),
            None => (definition.to_string(), Some(self.state.clone())),
        };
        Ok(TestStateRequest {
            definition,
            input: text(&self.input),
            variables: text(&self.variables),
            state_name,
            inspection_level: Some(self.level),
            context: if mock.is_some() {
                text(&self.context)
            } else {
                None
            },
            mock,
            state_configuration,
            ..TestStateRequest::default()
        })
    }
}

/// The state named `name`, wherever it is in the definition.
pub fn find_state<'d>(definition: &'d Value, name: &str) -> Option<&'d Value> {
    let states = definition.get("States")?.as_object()?;
    if let Some(state) = states.get(name) {
        return Some(state);
    }
    states.values().find_map(|s| {
        s.get("Branches")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(
                ["ItemProcessor", "Iterator"]
                    .iter()
                    .filter_map(|k| s.get(*k)),
            )
            .find_map(|inner| find_state(inner, name))
    })
}

#[cfg(test)]
mod tests {
    use super::{state_names, Answering, TestField, TestForm};

    use super::super::tests::seed;

    #[test]
    fn the_first_form_tests_the_run_machines_first_state_with_its_input() {
        let (doc, report) = seed();
        let form = TestForm::first(&doc, Some(&report));
        let top = report.top().expect("top");
        assert_eq!(form.machine, top.state_machine);
        let definition =
            &doc["accounts"][&form.account]["stateMachines"][&form.machine]["definition"];
        assert_eq!(form.state, definition["StartAt"]);
        let input: serde_json::Value = serde_json::from_str(&form.input).expect("json input");
        assert_eq!(input, top.input);
        let request = form.request(&doc).expect("a request");
        assert_eq!(request.state_name.as_deref(), Some(form.state.as_str()));
        assert!(request.mock.is_none());
        assert_eq!(form.arn(&doc), top.state_machine_arn);
    }

    #[test]
    fn a_mocked_error_and_a_retry_count_make_the_request() {
        let (doc, report) = seed();
        let mut form = TestForm::first(&doc, Some(&report));
        form.set(TestField::Answering, "error".into(), &doc, Some(&report));
        form.set(
            TestField::MockError,
            "States.Timeout".into(),
            &doc,
            Some(&report),
        );
        form.set(TestField::RetryCount, "2".into(), &doc, Some(&report));
        assert_eq!(form.answering, Answering::Error);
        let request = form.request(&doc).expect("a request");
        let error = request.mock.and_then(|m| m.error_output).expect("an error");
        assert_eq!(error.error.as_deref(), Some("States.Timeout"));
        assert_eq!(
            request
                .state_configuration
                .and_then(|c| c.retrier_retry_count),
            Some(2)
        );
        form.set(TestField::RetryCount, "two".into(), &doc, Some(&report));
        assert!(form.request(&doc).unwrap_err().contains("'two'"));
    }

    #[test]
    fn a_pasted_state_starts_as_the_machines_and_is_sent_alone() {
        let (doc, report) = seed();
        let mut form = TestForm::first(&doc, Some(&report));
        form.set(TestField::Source, "pasted".into(), &doc, Some(&report));
        let pasted: serde_json::Value =
            serde_json::from_str(form.pasted.as_deref().expect("pasted")).expect("json");
        assert_eq!(pasted["Type"], "Task");
        form.set(
            TestField::Pasted,
            r#"{"Type": "Pass", "End": true}"#.into(),
            &doc,
            Some(&report),
        );
        let request = form.request(&doc).expect("a request");
        assert_eq!(request.state_name, None);
        assert_eq!(request.definition, r#"{"Type": "Pass", "End": true}"#);
        form.set(TestField::Source, "machine".into(), &doc, Some(&report));
        assert_eq!(form.pasted, None);
    }

    #[test]
    fn nested_states_are_listed_after_their_parent() {
        let definition = serde_json::json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}], "Next": "M"},
            "M": {"Type": "Map", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}
        }});
        assert_eq!(state_names(&definition), ["P", "A", "M", "B"]);
    }
}
