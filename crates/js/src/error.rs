//! The errors the library returns as JSON, `{"error": {"kind", "message", …}}`, in place
//! of a result: JavaScript callers get data, never an exception.

use engines::{AuthorizeError, RunError};
use jsonloc::DiagnosticCode;
use serde_json::{json, Map, Value};
use std::fmt::Display;

/// Why a call gave no result.
#[derive(Debug)]
pub enum ApiError {
    /// An argument is not JSON text: which one, and where it stops being JSON.
    Json {
        /// The argument's name (`input`, `options` …).
        argument: &'static str,
        /// The syntax error, with its line and column.
        error: jsonloc::SyntaxError,
    },
    /// An argument is JSON but not of the documented shape.
    Shape {
        /// The argument's name.
        argument: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The definition did not run (invalid, or its mocks do not fit).
    Run(RunError),
    /// The scenario has errors.
    Scenario(Vec<sim::Diagnostic>),
    /// The authorization request is malformed.
    Authorize(AuthorizeError),
    /// The TestState request is invalid.
    TestState(Vec<asl::Diagnostic>),
}

impl ApiError {
    /// `{"error": {"kind", "message", …}}`: the argument and line and column of a syntax
    /// error, the code and location of a malformed request, every diagnostic of a
    /// definition, scenario or TestState request.
    pub fn to_json(&self) -> Value {
        let mut body = Map::new();
        let (kind, message) = match self {
            ApiError::Json { argument, error } => {
                body.insert("argument".into(), json!(argument));
                body.insert("line".into(), json!(error.position.line));
                body.insert("column".into(), json!(error.position.column));
                ("InvalidJson", format!("{argument}: {error}"))
            }
            ApiError::Shape { argument, message } => {
                body.insert("argument".into(), json!(argument));
                ("InvalidArgument", format!("{argument}: {message}"))
            }
            ApiError::Run(e @ RunError::Definition(diagnostics)) => {
                body.insert("diagnostics".into(), all(diagnostics));
                ("InvalidDefinition", e.to_string())
            }
            ApiError::Run(e @ RunError::Mocks(mock)) => {
                body.insert("pointer".into(), json!(mock.pointer));
                ("InvalidMocks", e.to_string())
            }
            ApiError::Run(e @ RunError::Input(_)) => ("InvalidExecutionInput", e.to_string()),
            ApiError::Scenario(diagnostics) => {
                body.insert("diagnostics".into(), all(diagnostics));
                ("InvalidScenario", lines(diagnostics))
            }
            ApiError::Authorize(AuthorizeError::Syntax(error)) => {
                body.insert("argument".into(), json!("requests"));
                body.insert("line".into(), json!(error.position.line));
                body.insert("column".into(), json!(error.position.column));
                ("InvalidJson", format!("requests: {error}"))
            }
            ApiError::Authorize(AuthorizeError::Request(e)) => {
                body.insert("code".into(), json!(e.code.as_str()));
                body.insert("pointer".into(), json!(e.pointer));
                if let Some(p) = e.position {
                    body.insert("line".into(), json!(p.line));
                    body.insert("column".into(), json!(p.column));
                }
                ("InvalidRequest", e.message.clone())
            }
            ApiError::TestState(diagnostics) => {
                body.insert("diagnostics".into(), all(diagnostics));
                ("InvalidTestStateRequest", lines(diagnostics))
            }
        };
        let mut error = Map::new();
        error.insert("kind".into(), json!(kind));
        error.insert("message".into(), json!(message));
        error.extend(body);
        json!({ "error": error })
    }
}

/// Every diagnostic as JSON (with its line and column when known).
fn all<C: DiagnosticCode>(diagnostics: &[jsonloc::Diagnostic<C>]) -> Value {
    diagnostics.iter().map(|d| d.to_json()).collect()
}

/// The diagnostics in words, one a line.
fn lines(diagnostics: &[impl Display]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    lines.join("\n")
}
