//! The TestState response, with AWS's field names in the order of its API model: payloads
//! are JSON text, as the API returns them.
//! <https://docs.aws.amazon.com/step-functions/latest/apireference/API_InspectionData.html>

use serde::{Deserialize, Serialize};

/// A TestState response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestStateResponse {
    /// The state's output, JSON text (also when an error was caught).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The error, when the state failed, would retry or caught one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The error's cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// The processing stages and error details (DEBUG and TRACE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspection_data: Option<InspectionData>,
    /// The state to go to next, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_state: Option<String>,
    /// How the state ended.
    pub status: TestExecutionStatus,
}

/// `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TestExecutionStatus {
    /// The state completed.
    Succeeded,
    /// The state failed and nothing retries or catches the error.
    Failed,
    /// A retrier with attempts left matches the error.
    Retriable,
    /// A catcher caught the error.
    CaughtError,
}

/// `inspectionData`: each stage's value as JSON text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InspectionData {
    /// The raw input, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// After a JSONata state's `Arguments`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_arguments: Option<String>,
    /// After `InputPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_input_path: Option<String>,
    /// After `Parameters`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_parameters: Option<String>,
    /// The raw result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// After `ResultSelector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_result_selector: Option<String>,
    /// After `ResultPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_result_path: Option<String>,
    /// The request the Task sent (TRACE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<InspectionDataRequest>,
    /// The response the Task received (TRACE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<InspectionDataResponse>,
    /// Every workflow variable after the state, a JSON object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<String>,
    /// Which retrier or catcher handled the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_details: Option<InspectionErrorDetails>,
    /// A Map state's items after `ItemsPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_items_path: Option<String>,
    /// A Map state's item inputs after `ItemSelector`, a JSON array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_item_selector: Option<String>,
    /// A Map state's `ToleratedFailureCount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerated_failure_count: Option<u64>,
    /// A Map state's `ToleratedFailurePercentage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerated_failure_percentage: Option<f64>,
    /// A Map state's `MaxConcurrency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrency: Option<u64>,
}

/// `inspectionData.errorDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InspectionErrorDetails {
    /// The index of the catcher that caught the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch_index: Option<usize>,
    /// The index of the retrier that would retry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_index: Option<usize>,
    /// The backoff before that retry, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_backoff_interval_seconds: Option<u64>,
}

/// `inspectionData.request`: the HTTP request a Task sent, every field as text.
/// <https://docs.aws.amazon.com/step-functions/latest/apireference/API_InspectionDataRequest.html>
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionDataRequest {
    /// The protocol (`https`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// The HTTP method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The endpoint called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The request headers, as one string (`[Name: value, Name: value]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<String>,
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// `inspectionData.response`: the HTTP response a Task received, every field as text.
/// <https://docs.aws.amazon.com/step-functions/latest/apireference/API_InspectionDataResponse.html>
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InspectionDataResponse {
    /// The protocol (`https`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// The status code (`200`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    /// The status message (`OK`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// The response headers, as one string (`[Name: value, Name: value]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<String>,
    /// The response body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}
