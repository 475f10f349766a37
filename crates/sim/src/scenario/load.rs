//! Building a [`Scenario`] from its text or document, keeping only the errors.

use super::model::Scenario;
use super::parse;
use crate::diagnostic::{Code, Diagnostic};
use jsonloc::{locate_all, Severity};
use serde_json::Value;

impl Scenario {
    /// Parses scenario text: every error, each with a pointer and line:column.
    pub fn parse_text(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        let value = jsonloc::parse(text).map_err(|e| {
            vec![Diagnostic {
                position: Some(e.position),
                ..Diagnostic::new(Code::InvalidJson, "", e.message)
            }]
        })?;
        Scenario::from_value(&value).map_err(|mut diags| {
            locate_all(text, &mut diags);
            diags
        })
    }

    /// Parses a scenario document: every error, each with a pointer into it.
    pub fn from_value(value: &Value) -> Result<Scenario, Vec<Diagnostic>> {
        let (scenario, diags) = parse::parse(value);
        let errors: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match scenario {
            Some(s) if errors.is_empty() => Ok(s),
            _ => Err(errors),
        }
    }
}

/// Every problem of a scenario document, errors and warnings (without lint).
pub(crate) fn check(value: &Value) -> (Option<Scenario>, Vec<Diagnostic>) {
    parse::parse(value)
}
