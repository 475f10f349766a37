//! Why an analysis cannot be made as asked.

use std::fmt;

/// A filter that names something the scenario does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessError {
    /// No principal of the analysis is written so (a role ARN, a service principal, an
    /// account's root ARN, an organization id or `*`).
    UnknownPrincipal(String),
    /// No resource of the scenario has this ARN.
    UnknownResource(String),
}

impl fmt::Display for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccessError::UnknownPrincipal(p) => write!(
                f,
                "\"{p}\" is not a principal of the scenario: give a role ARN, a service principal a policy names, an outside account's root ARN, an organization id or *"
            ),
            AccessError::UnknownResource(r) => {
                write!(f, "\"{r}\" is not the ARN of a resource of the scenario")
            }
        }
    }
}

impl std::error::Error for AccessError {}
