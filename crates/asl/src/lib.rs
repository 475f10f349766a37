//! Amazon States Language: parse and validate definitions as CreateStateMachine does, and
//! execute them as AWS Step Functions does, deterministically, with the history AWS records.
//!
//! ```
//! let def = asl::parse_text(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#).unwrap();
//! let outcome = asl::execute(&def, serde_json::json!({"a": 1}), &asl::Options::default(), &mut asl::NoTasks);
//! assert_eq!(outcome.status, asl::Status::Succeeded);
//! ```

pub mod choice;
pub mod definition;
pub mod diagnostic;
pub mod exec;
pub mod failure;
pub mod history;
pub mod intrinsics;
pub mod mock;
pub mod path;
pub mod rng;
pub mod scope;
pub mod task;
pub mod template;
pub mod timestamp;

pub use definition::{parse_definition, Definition};
pub use diagnostic::{Code, Diagnostic};
pub use exec::{execute, Options, Outcome, Status};
pub use failure::Failure;
pub use history::Event;
pub use task::{NoTasks, TaskHandler, TaskRequest, TaskResponse};

/// Parses definition text: a JSON syntax error or every validation problem, each with its
/// line and column.
pub fn parse_text(text: &str) -> Result<Definition, Vec<Diagnostic>> {
    let value = jsonloc::parse(text).map_err(|e| {
        vec![Diagnostic {
            code: Code::InvalidJson,
            message: e.message,
            pointer: String::new(),
            position: Some(e.position),
        }]
    })?;
    parse_definition(&value).map_err(|mut diags| {
        diagnostic::locate_all(text, &mut diags);
        diags
    })
}

/// Every problem in definition text; empty when the definition is valid.
pub fn validate_text(text: &str) -> Vec<Diagnostic> {
    parse_text(text).err().unwrap_or_default()
}
