//! The TestState request, with AWS's field names: every payload (definition, input,
//! variables, context, the mocked result) is JSON text, as the API takes it.
//! <https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html>

use serde::{Deserialize, Serialize};

/// A TestState request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestStateRequest {
    /// The definition of one state, or of a whole machine with `state_name`.
    pub definition: String,
    /// The execution role (optional with a mock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The state's input, JSON text (`{}` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// How much the response shows (INFO when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspection_level: Option<InspectionLevel>,
    /// Show an HTTP Task's connection secrets (not allowed with a mock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveal_secrets: Option<bool>,
    /// The workflow variables before the state, a JSON object literal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<String>,
    /// The state to test out of a whole machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_name: Option<String>,
    /// The mocked result or error of the state's Task (or Map, or Parallel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock: Option<MockInput>,
    /// The context object, JSON text (only with a mock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Retry count and Map settings for the state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_configuration: Option<TestStateConfiguration>,
}

/// `inspectionLevel`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum InspectionLevel {
    /// The output (or error), status and next state.
    #[default]
    Info,
    /// INFO and the input and output processing stages.
    Debug,
    /// DEBUG and an HTTP Task's request and response.
    Trace,
}

/// `mock`: a result or an error, not both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MockInput {
    /// The mocked result, JSON text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The mocked error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_output: Option<MockErrorOutput>,
    /// STRICT, PRESENT or NONE: how AWS checks a result against the service's API model
    /// (accepted; the playground has no API models to check against).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_validation_mode: Option<String>,
}

/// `mock.errorOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockErrorOutput {
    /// The error name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// `stateConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestStateConfiguration {
    /// Retries already made by the retrier that matches the mocked error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrier_retry_count: Option<u32>,
    /// The state inside a Map or Parallel that raised the mocked error (accepted, not used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_caused_by_state: Option<String>,
    /// Failed Map iterations (accepted, not used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map_iteration_failure_count: Option<u32>,
    /// What a Distributed Map's ItemReader read (accepted, not used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map_item_reader_data: Option<String>,
}
