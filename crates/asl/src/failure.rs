//! A runtime error as the States Language names it: an error name and a cause.

use std::fmt;

/// An error raised while executing: `error` is the name a Retry or Catch matches
/// (`States.Timeout`, `Lambda.ServiceException`, a name a Fail state chose …), `cause`
/// the human-readable detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error name, e.g. `States.Timeout`.
    pub error: String,
    /// The human-readable detail.
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
    /// In Retry and Catch, matches every error but `States.Runtime` and `States.DataLimitExceeded`.
    pub const ALL: &str = "States.ALL";
    /// An activity Task whose activity does not exist (its ActivityScheduleFailed event).
    pub const ACTIVITY_DOES_NOT_EXIST: &str = "ActivityDoesNotExist";
    /// A payload over 256 KiB.
    pub const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";
    /// A Map state had more failed iterations than it tolerates.
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    /// A Task sent no heartbeat within `HeartbeatSeconds`.
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    /// An intrinsic function failed while evaluating.
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    /// A Map state's item reader failed.
    pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";
    /// No Choice rule matched and there is no `Default`.
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
    /// A path in `Parameters` selected nothing.
    pub const PARAMETER_PATH_FAILURE: &str = "States.ParameterPathFailure";
    /// The execution role may not do what a Task asked.
    pub const PERMISSIONS: &str = "States.Permissions";
    /// A JSONata expression failed.
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
    /// `ResultPath` cannot be applied to the state's input.
    pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";
    /// A Distributed Map's `ResultWriter` could not write its results.
    pub const RESULT_WRITER_FAILED: &str = "States.ResultWriterFailed";
    /// An error in processing a state's data; never retried or caught.
    pub const RUNTIME: &str = "States.Runtime";
    /// A Task failed.
    pub const TASK_FAILED: &str = "States.TaskFailed";
    /// A Task ran past `TimeoutSeconds`, or the execution past its limit.
    pub const TIMEOUT: &str = "States.Timeout";
    /// A Parallel state's branch failed.
    pub const BRANCH_FAILED: &str = "States.BranchFailed";
}
