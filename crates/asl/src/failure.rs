//! A runtime error as the States Language names it: an error name and a cause.

use std::fmt;

/// An error raised while executing: `error` is the name a Retry or Catch matches
/// (`States.Timeout`, `Lambda.ServiceException`, a name a Fail state chose …), `cause`
/// the human-readable detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub error: String,
    pub cause: String,
}

impl Failure {
    /// A failure with the given error name and cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Failure {
            error: error.into(),
            cause: cause.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

/// The predefined error names of the States Language.
pub mod names {
    pub const ALL: &str = "States.ALL";
    pub const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
    pub const PARAMETER_PATH_FAILURE: &str = "States.ParameterPathFailure";
    pub const PERMISSIONS: &str = "States.Permissions";
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
    pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";
    pub const RUNTIME: &str = "States.Runtime";
    pub const TASK_FAILED: &str = "States.TaskFailed";
    pub const TIMEOUT: &str = "States.Timeout";
    pub const BRANCH_FAILED: &str = "States.BranchFailed";
}
