//! Problems found in a scenario, each with a JSON pointer into the scenario document (and
//! line:column when the text is known), whether they come from the scenario's own structure,
//! from a state machine definition or from an IAM policy.

use jsonloc::Position;
use serde_json::{json, Value};
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The scenario cannot run.
    Error,
    /// It runs, but probably not as meant (or it is unsafe).
    Warning,
    /// A suggestion.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The scenario's own problem codes; definitions and policies bring theirs (as strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// The text is not JSON.
    InvalidJson,
    /// `scenarioVersion` is missing or not 1.
    UnsupportedVersion,
    /// A field the format does not know.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A value outside what is allowed.
    InvalidValue,
    /// A malformed ARN, or one of the wrong kind.
    InvalidArn,
    /// A name or ARN that refers to nothing in the scenario.
    UnknownReference,
    /// A policy document that IAM would reject.
    InvalidPolicy,
    /// A Task resource the playground does not simulate.
    UnsupportedResource,
    /// An execution role that Step Functions may not assume.
    UntrustedExecutionRole,
}

impl Code {
    /// The code as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidJson => "INVALID_JSON",
            Code::UnsupportedVersion => "UNSUPPORTED_SCENARIO_VERSION",
            Code::UnknownField => "UNKNOWN_FIELD",
            Code::MissingField => "MISSING_FIELD",
            Code::WrongType => "WRONG_TYPE",
            Code::InvalidValue => "INVALID_VALUE",
            Code::InvalidArn => "INVALID_ARN",
            Code::UnknownReference => "UNKNOWN_REFERENCE",
            Code::InvalidPolicy => "INVALID_POLICY",
            Code::UnsupportedResource => "UNSUPPORTED_RESOURCE",
            Code::UntrustedExecutionRole => "UNTRUSTED_EXECUTION_ROLE",
        }
    }
}

/// One problem in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A scenario [`Code`], an ASL code (`SCHEMA_VALIDATION_FAILED` …) or an IAM lint check
    /// (`CONFUSED_DEPUTY_CROSS_ACCOUNT` …).
    pub code: String,
    pub message: String,
    /// Where, as a JSON pointer into the scenario document.
    pub pointer: String,
    /// Line and column, when the scenario text is known.
    pub position: Option<Position>,
}

impl Diagnostic {
    /// An error with a scenario code.
    pub fn error(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code.as_str(), pointer, message)
    }

    /// A warning with a scenario code.
    pub fn warning(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, code.as_str(), pointer, message)
    }

    /// A diagnostic with any code.
    pub fn new(
        severity: Severity,
        code: impl Into<String>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            message: message.into(),
            pointer: pointer.into(),
            position: None,
        }
    }

    /// `{severity, code, message, pointer, line, column}`.
    pub fn to_json(&self) -> Value {
        json!({
            "severity": self.severity.as_str(),
            "code": self.code,
            "message": self.message,
            "pointer": self.pointer,
            "line": self.position.map(|p| p.line),
            "column": self.position.map(|p| p.column),
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.position {
            write!(f, "{p}: ")?;
        }
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{} {} {}: {}",
            self.severity.as_str(),
            self.code,
            at,
            self.message
        )
    }
}

/// Fills in line:column for every diagnostic from the scenario text.
pub fn locate_all(text: &str, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.position.is_none() {
            d.position = jsonloc::locate(text, &d.pointer);
        }
    }
}
