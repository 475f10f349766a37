//! The `options` arguments, as JSON: the command line's flags.

use serde::Deserialize;
use serde_json::Value;

/// `runDefinition`'s options: `sfn-play run --definition`'s flags.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RunOptions {
    /// A mock configuration, as `--mocks FILE` holds it.
    pub mocks: Option<Value>,
    /// The test case of `mocks` to run (`--test-case`).
    pub test_case: Option<String>,
    /// The seed of the run (`--seed`).
    pub seed: Option<u64>,
    /// The state machine's name (the file's name on the command line; `Playground` when
    /// absent).
    pub name: Option<String>,
    /// Whether the answer lists the events (`true` when absent); `false` answers only
    /// `{"status", "output", "error", "cause"}`, for callers that check outcomes.
    pub history: Option<bool>,
}

/// `testState`'s options: the scenario a state is tested in (`--scenario`, `--machine`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestStateOptions {
    /// The scenario document's text.
    pub scenario: Option<String>,
    /// The ARN of the scenario's state machine whose state is tested.
    pub state_machine: Option<String>,
}

/// `evaluateJsonata`'s variables (`--bindings`): a JSON object.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Bindings(pub jsonata::Bindings);
