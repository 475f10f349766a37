//! Validating a definition or a scenario, as `sfn-play validate` does.

use serde_json::Value;

/// What validation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// Every diagnostic, as the JSON array `sfn-play validate` prints.
    pub diagnostics: Value,
    /// Whether the text cannot be used as written (a definition with any problem, a
    /// scenario with an error).
    pub invalid: bool,
}

/// Whether the text is a scenario document (it has `scenarioVersion`).
pub fn is_scenario(text: &str) -> bool {
    serde_json::from_str::<Value>(text).is_ok_and(|v| v.get("scenarioVersion").is_some())
}

/// Validates a scenario (lint included) when the text is one, else a definition.
pub fn validate(text: &str) -> Validation {
    if is_scenario(text) {
        let diagnostics = sim::validate_text(text);
        Validation {
            invalid: diagnostics
                .iter()
                .any(|d| d.severity == sim::Severity::Error),
            diagnostics: diagnostics.iter().map(|d| d.to_json()).collect(),
        }
    } else {
        let diagnostics = asl::validate_text(text);
        Validation {
            invalid: !diagnostics.is_empty(),
            diagnostics: diagnostics.iter().map(|d| d.to_json()).collect(),
        }
    }
}
