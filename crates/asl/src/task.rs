//! The boundary between the interpreter and whatever answers Task states: the CLI's mocks,
//! or the simulated AWS world. The interpreter resolves everything first (resource,
//! parameters, credentials, timeouts) and hands over one request per attempt.

use crate::distributed::{ChildAnswer, ChildExecution, MapRunSummary, S3Call};
use crate::failure::Failure;
use crate::history::TaskResource;
use crate::scope::ExecutionInfo;
use crate::test_state::{InspectionDataRequest, InspectionDataResponse};
use crate::wait::Wait;
use serde_json::Value;

/// One attempt of a Task state, fully resolved.
pub struct TaskRequest<'a> {
    /// The Task state's name.
    pub state_name: &'a str,
    /// The `Resource` ARN as written.
    pub resource: &'a str,
    /// The effective parameters (after InputPath and Parameters).
    pub parameters: &'a Value,
    /// The role to assume first, from `Credentials`.
    pub role_arn: Option<&'a str>,
    /// The attempt's timeout (`TimeoutSeconds[Path]`), when set.
    pub timeout_seconds: Option<u64>,
    /// The attempt's heartbeat interval (`HeartbeatSeconds[Path]`), when set.
    pub heartbeat_seconds: Option<u64>,
    /// The task token, for `.waitForTaskToken` resources.
    pub task_token: Option<&'a str>,
    /// Which attempt this is (0 for the first).
    pub attempt: u32,
    /// The execution the Task runs in.
    pub execution: &'a ExecutionInfo,
    /// Now, in milliseconds on the virtual clock.
    pub now: i64,
}

/// What a Task attempt came to.
pub struct TaskResponse {
    /// The Task's result, or the failure it ended with.
    pub result: Result<Value, Failure>,
    /// How long the call took on the virtual clock.
    pub duration_millis: u64,
    /// Anything the answering side wants recorded beside the event (e.g. IAM decisions).
    pub annotation: Option<Value>,
    /// The call the attempt made, as an HTTP exchange (from a handler that
    /// [`TaskHandler::traces`]): TestState's TRACE inspection data.
    pub exchange: Option<HttpExchange>,
    /// For a Task that waits for its token (`.waitForTaskToken`, an activity): what came
    /// of the wait. A callback's `result` is then the integration's response
    /// (TaskSubmitted's output); `None` ends the Task with `result` as any other.
    pub wait: Option<Wait>,
}

/// One call as HTTP: what TestState's TRACE level shows as `inspectionData.request` and
/// `inspectionData.response`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpExchange {
    /// The request sent.
    pub request: InspectionDataRequest,
    /// The response received.
    pub response: InspectionDataResponse,
}

impl TaskResponse {
    /// An instant success.
    pub fn ok(value: Value) -> Self {
        TaskResponse {
            result: Ok(value),
            duration_millis: 0,
            annotation: None,
            exchange: None,
            wait: None,
        }
    }

    /// An instant failure.
    pub fn fail(failure: Failure) -> Self {
        TaskResponse {
            result: Err(failure),
            duration_millis: 0,
            annotation: None,
            exchange: None,
            wait: None,
        }
    }
}

/// Answers Task states.
pub trait TaskHandler {
    /// Performs one attempt of a Task.
    fn invoke(&mut self, request: &TaskRequest) -> TaskResponse;

    /// Whether each answer carries the call it made as [`TaskResponse::exchange`]: then
    /// TestState's TRACE level applies to any Task this handler answers, not only to an
    /// HTTP Task.
    fn traces(&self) -> bool {
        false
    }

    /// Makes an S3 call for a Distributed Map's `ItemReader` or `ResultWriter`; an error
    /// carries S3's error code and message. `now` is the virtual clock in milliseconds.
    /// Without a simulated world there is no S3.
    fn s3(&mut self, call: &S3Call, _now: i64) -> Result<Value, Failure> {
        let api = match call {
            S3Call::GetObject { .. } => "GetObject",
            S3Call::ListObjectsV2 { .. } => "ListObjectsV2",
            S3Call::PutObject { .. } => "PutObject",
        };
        Err(Failure::new(
            "NotSimulated",
            format!("S3 {api} needs the simulated AWS world: run a scenario (sfn-play run SCENARIO) to read or write S3 objects"),
        ))
    }

    /// Starts a child execution of a Map Run; by default it runs here, with this handler.
    fn child_execution(&mut self, _child: &ChildExecution) -> ChildAnswer {
        ChildAnswer::RunHere
    }

    /// Hears how a Map Run ended.
    fn map_run_finished(&mut self, _summary: &MapRunSummary) {}
}

/// How a resource ARN shows in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceKind {
    /// `arn:aws:states:::service:action[.sync|.waitForTaskToken]` and `aws-sdk:` forms:
    /// Task* events.
    Integration(std::rc::Rc<TaskResource>),
    /// A Lambda function ARN used directly: LambdaFunction* events.
    LambdaFunction,
    /// An activity ARN (`arn:aws:states:REGION:ACCOUNT:activity:NAME`): Activity* events.
    Activity,
}

/// Classifies a Task `Resource`.
pub fn resource_kind(resource: &str) -> ResourceKind {
    if let Some(rest) = resource
        .strip_prefix("arn:")
        .and_then(|r| r.split_once(':'))
        .and_then(|(_, r)| r.strip_prefix("states:::"))
    {
        let (resource_type, action) = match rest.strip_prefix("aws-sdk:") {
            Some(sdk) => match sdk.split_once(':') {
                Some((service, action)) => (format!("aws-sdk:{service}"), action.to_string()),
                None => (format!("aws-sdk:{sdk}"), String::new()),
            },
            None => match rest.split_once(':') {
                Some((service, action)) => (service.to_string(), action.to_string()),
                None => (rest.to_string(), String::new()),
            },
        };
        return ResourceKind::Integration(std::rc::Rc::new(TaskResource {
            resource_type: resource_type.into(),
            resource: action.into(),
        }));
    }
    if is_activity(resource) {
        return ResourceKind::Activity;
    }
    if resource.split(':').nth(2) == Some("lambda") {
        return ResourceKind::LambdaFunction;
    }
    let kind = resource.split(':').nth(2).unwrap_or("unknown");
    ResourceKind::Integration(std::rc::Rc::new(TaskResource {
        resource_type: kind.into(),
        resource: resource.into(),
    }))
}

/// Whether the resource is an activity ARN.
pub fn is_activity(resource: &str) -> bool {
    let mut parts = resource.split(':');
    parts.nth(2) == Some("states") && parts.nth(2) == Some("activity")
}

/// Whether the resource waits for a callback with a task token.
pub fn waits_for_token(resource: &str) -> bool {
    resource.ends_with(".waitForTaskToken")
}

/// Answers every Task with the same failure: for runs without any task backend.
pub struct NoTasks;

impl TaskHandler for NoTasks {
    fn invoke(&mut self, request: &TaskRequest) -> TaskResponse {
        TaskResponse::fail(Failure::new(
            crate::failure::names::TASK_FAILED,
            format!(
                "No answer for Task state '{}' ({}): give a mock file to sfn-play run, or run a scenario",
                request.state_name, request.resource
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn integration(r: &str) -> (String, String) {
        match resource_kind(r) {
            ResourceKind::Integration(t) => (t.resource_type.to_string(), t.resource.to_string()),
            ResourceKind::LambdaFunction => ("lambda-function".into(), String::new()),
            ResourceKind::Activity => ("activity".into(), String::new()),
        }
    }

    #[test]
    fn classifies_resources_as_the_history_names_them() {
        assert_eq!(
            integration("arn:aws:states:::lambda:invoke"),
            ("lambda".into(), "invoke".into())
        );
        assert_eq!(
            integration("arn:aws:states:::aws-sdk:ssm:getParameter"),
            ("aws-sdk:ssm".into(), "getParameter".into())
        );
        assert_eq!(
            integration("arn:aws:states:::states:startExecution.sync:2"),
            ("states".into(), "startExecution.sync:2".into())
        );
        assert_eq!(
            resource_kind("arn:aws:lambda:us-east-1:111111111111:function:f"),
            ResourceKind::LambdaFunction
        );
        assert_eq!(
            resource_kind("arn:aws:states:us-east-1:111111111111:activity:Approve"),
            ResourceKind::Activity
        );
        assert!(waits_for_token(
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
        ));
    }
}
