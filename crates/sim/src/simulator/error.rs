//! Why a question cannot be asked: a malformed principal, action, resource or context key,
//! each naming its field by JSON pointer into the [`Question`](super::Question).

use std::fmt;

/// A question the simulator cannot ask; [`SimulateError::pointer`] names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimulateError {
    /// `/principal` is neither a role ARN, an assumed-role session ARN nor a service
    /// principal.
    NotAPrincipal(String),
    /// `/principal` is an IAM identity the simulator cannot act as: a user, the account
    /// root, a federated user, an identity provider.
    UnsupportedPrincipal(String),
    /// `/principal` is an ARN whose account is not 12 digits.
    PrincipalAccount(String),
    /// `/action` is not `service:Action` (one action: no wildcard).
    NotAnAction(String),
    /// `/resource` is neither `*` nor an ARN.
    NotAResource(String),
    /// `/resource` is an ARN whose account is neither empty nor 12 digits.
    ResourceAccount(String),
    /// `/context/KEY`: the key is not `prefix:name`, as condition keys are.
    ContextKey(String),
    /// `/context/KEY`: the value is not a string or an array of strings.
    ContextValue(String),
}

impl SimulateError {
    /// The JSON pointer of the field at fault: `/principal`, `/action`, `/resource` or
    /// `/context/KEY`.
    pub fn pointer(&self) -> String {
        match self {
            SimulateError::NotAPrincipal(_)
            | SimulateError::UnsupportedPrincipal(_)
            | SimulateError::PrincipalAccount(_) => "/principal".into(),
            SimulateError::NotAnAction(_) => "/action".into(),
            SimulateError::NotAResource(_) | SimulateError::ResourceAccount(_) => {
                "/resource".into()
            }
            SimulateError::ContextKey(key) | SimulateError::ContextValue(key) => {
                jsonloc::pointer_push("/context", key)
            }
        }
    }
}

impl fmt::Display for SimulateError {
    /// `POINTER: what is wrong`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.pointer())?;
        match self {
            SimulateError::NotAPrincipal(p) => write!(
                f,
                "\"{p}\" is not a principal: give a role ARN (arn:aws:iam::ACCOUNT:role/NAME), a role session ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or a service principal (states.amazonaws.com)"
            ),
            SimulateError::UnsupportedPrincipal(p) => write!(
                f,
                "\"{p}\" is not a role: the simulator acts as a role, a role session or a service principal, as the scenario's calls do"
            ),
            SimulateError::PrincipalAccount(p) | SimulateError::ResourceAccount(p) => {
                write!(f, "the account of \"{p}\" is not a 12-digit account id")
            }
            SimulateError::NotAnAction(a) => write!(
                f,
                "\"{a}\" is not an action: write service:Action, like sts:AssumeRole (one action, no wildcard)"
            ),
            SimulateError::NotAResource(r) => write!(
                f,
                "\"{r}\" is not a resource: give an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) or *"
            ),
            SimulateError::ContextKey(k) => write!(
                f,
                "\"{k}\" is not a condition key: write prefix:name, like sts:ExternalId"
            ),
            SimulateError::ContextValue(_) => {
                write!(f, "a context value is a string or an array of strings")
            }
        }
    }
}

impl std::error::Error for SimulateError {}
