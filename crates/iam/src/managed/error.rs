//! Why an AWS managed policy could not be found or attached.

use std::fmt;

/// Why an AWS managed policy could not be found or attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManagedPolicyError {
    /// The catalog is not loaded (the page fetches it on first need).
    NotLoaded,
    /// AWS has no managed policy of that ARN (IAM's `NoSuchEntity`).
    NoSuchEntity {
        /// The ARN asked for.
        arn: String,
    },
    /// The policy is reserved for service-linked roles (IAM's `PolicyNotAttachable`).
    ServiceRolePolicy {
        /// The ARN asked for.
        arn: String,
    },
    /// The catalog's text is malformed at a line (1-based).
    Data {
        /// The line.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

impl ManagedPolicyError {
    /// IAM's error code for it (`NoSuchEntity`, `PolicyNotAttachable`), when IAM has one.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            ManagedPolicyError::NoSuchEntity { .. } => Some("NoSuchEntity"),
            ManagedPolicyError::ServiceRolePolicy { .. } => Some("PolicyNotAttachable"),
            ManagedPolicyError::NotLoaded | ManagedPolicyError::Data { .. } => None,
        }
    }
}

impl fmt::Display for ManagedPolicyError {
    /// IAM's message where IAM has one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManagedPolicyError::NotLoaded => {
                write!(f, "the AWS managed policies are not loaded yet")
            }
            ManagedPolicyError::NoSuchEntity { arn } => {
                write!(f, "Policy {arn} does not exist or is not attachable.")
            }
            ManagedPolicyError::ServiceRolePolicy { .. } => {
                write!(f, "Cannot attach a Service Role Policy to a Customer Role.")
            }
            ManagedPolicyError::Data { line, reason } => {
                write!(f, "managed-policies.tsv line {line}: {reason}")
            }
        }
    }
}

impl std::error::Error for ManagedPolicyError {}
