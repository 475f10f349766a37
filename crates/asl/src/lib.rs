//! Amazon States Language: parse and validate definitions as CreateStateMachine does, and
//! execute them as AWS Step Functions does, deterministically, with the history AWS records.
//!
//! ```
//! let def = asl::parse_text(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#).unwrap();
//! let outcome = asl::execute(&def, serde_json::json!({"a": 1}), &asl::Options::default(), &mut asl::NoTasks);
//! assert_eq!(outcome.status, asl::Status::Succeeded);
//! ```
//!
//! Timestamps (`2016-03-14T01:59:00Z`) are parsed and formatted by the `timestamp` crate.

#![warn(missing_docs)]

mod choice;
mod definition;
mod diagnostic;
mod distributed;
mod exec;
mod failure;
mod history;
mod intrinsics;
mod limits;
mod mock;
mod path;
mod query;
mod scope;
mod size;
mod task;
mod template;
mod test_state;
mod wait;

pub use definition::{parse_definition, Definition};
pub use diagnostic::{Code, Diagnostic};
pub use distributed::{
    ChildAnswer, ChildExecution, ItemCounts, MapRunSummary, S3Call, MAX_MAP_RUN_CHILDREN,
};
pub use exec::{
    execute, Budget, DataFlow, Exceeded, Limits, Options, Outcome, Progress, Stage, Status,
    Summary, EXPRESS_MAX_SECONDS, MAX_HISTORY_EVENTS, MAX_PAYLOAD_BYTES, MAX_RUN_EXECUTIONS,
    MAX_RUN_MAP_ITERATIONS, MAX_RUN_MEMORY_BYTES, MAX_RUN_WALL_MILLIS, STANDARD_MAX_SECONDS,
};
pub use failure::{names as error_names, Failure};
pub use history::{
    ActivityScheduled, ErrorCause, EvaluationFailed, Event, EventKind, History,
    LambdaFunctionScheduled, StateType, TaskResource, TaskScheduled,
};
pub use jsonloc::{DiagnosticCode, Severity};
pub use limits::{payload_size, too_long, MAX_DEFINITION_BYTES};
pub use mock::{MockAnswer, MockError, MockErrorKind, Mocks};
pub use scope::ExecutionInfo;
pub use size::{extent, text_len, Extent, MAX_DEPTH};
pub use task::{HttpExchange, NoTasks, TaskHandler, TaskRequest, TaskResponse};
pub use template::Template;
pub use test_state::{
    test_state, test_state_with, InspectionData, InspectionDataRequest, InspectionDataResponse,
    InspectionErrorDetails, InspectionLevel, MockErrorOutput, MockInput, TestExecutionStatus,
    TestStateConfiguration, TestStateRequest, TestStateResponse,
};
pub use wait::{Answer, Closed, Settled, Wait, Waiter, Worker};

/// Parses definition text: a JSON syntax error or every validation problem, each with its
/// line and column (inside the string, for a problem inside a JSONata expression). Text
/// over [`MAX_DEFINITION_BYTES`] is refused before it is read, as CreateStateMachine
/// refuses it.
pub fn parse_text(text: &str) -> Result<Definition, Vec<Diagnostic>> {
    limits::definition_size(text.len())?;
    let value = jsonloc::parse(text).map_err(|e| {
        let mut syntax = Diagnostic::new(Code::InvalidJson, "", e.message);
        syntax.position = Some(e.position);
        vec![syntax]
    })?;
    definition::parse_definition(&value).map_err(|mut diags| {
        jsonloc::locate_all(text, &mut diags);
        diags
    })
}

/// Every problem in definition text; empty when the definition is valid.
pub fn validate_text(text: &str) -> Vec<Diagnostic> {
    parse_text(text).err().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_definition_over_the_quota_is_refused_with_that_problem_alone() {
        let padding = "x".repeat(super::MAX_DEFINITION_BYTES);
        let text =
            format!("{{\"Comment\": \"{padding}\", \"StartAt\": \"Nowhere\", \"States\": {{}}}}");
        let diags = super::validate_text(&text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, super::Code::ValidationException);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let parsed = super::parse_definition(&value).unwrap_err();
        assert_eq!(
            parsed,
            diags
                .into_iter()
                .map(|mut d| {
                    d.position = None;
                    d
                })
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_jsonata_syntax_error_is_located_inside_its_string() {
        let text = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\n  \"P\": {\"Type\": \"Pass\", \"Output\": \"{% 1 + (2 %}\", \"End\": true}}}";
        let diags = super::validate_text(text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        // The string opens at column 35; the engine reports the error at character 6 of
        // "1 + (2", which starts at column 35 + 3 ('"{%') + 1 (the space).
        let position = diags[0].position.unwrap();
        assert_eq!((position.line, position.column), (2, 45));
    }
}
