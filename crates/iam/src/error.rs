//! Typed errors for malformed policies and requests, each with a JSON pointer and, when the
//! text is known, a line and column.

use jsonloc::Position;
use std::fmt;

/// What is wrong with a policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyErrorKind {
    /// The text is not JSON.
    Syntax(String),
    /// A JSON object was expected.
    ExpectedObject,
    /// A string was expected.
    ExpectedString,
    /// A string or an array of strings was expected.
    ExpectedStringOrArray,
    /// `Statement` must be an object or an array of objects.
    ExpectedStatement,
    /// An element IAM does not know.
    UnknownElement(String),
    /// The policy has no `Statement`.
    MissingStatement,
    /// `Version` is neither `2012-10-17` nor `2008-10-17`.
    InvalidVersion(String),
    /// A statement has no `Effect`.
    MissingEffect,
    /// `Effect` is neither `Allow` nor `Deny`.
    InvalidEffect(String),
    /// A statement has neither `Action` nor `NotAction`.
    MissingAction,
    /// Two elements that exclude each other, such as `Action` and `NotAction`.
    Conflicting(&'static str, &'static str),
    /// A principal key other than `AWS`, `Service`, `Federated`, `CanonicalUser`.
    InvalidPrincipalKey(String),
    /// A condition operator IAM does not know.
    InvalidConditionOperator(String),
    /// A condition value that its operator cannot read (a date, number, IP, bool...).
    InvalidConditionValue {
        operator: String,
        value: String,
        expected: &'static str,
    },
}

/// A malformed policy: what, where (JSON pointer) and, from text, the line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub pointer: String,
    pub kind: PolicyErrorKind,
    pub position: Option<Position>,
}

impl PolicyError {
    pub(crate) fn new(pointer: &str, kind: PolicyErrorKind) -> PolicyError {
        PolicyError {
            pointer: pointer.to_string(),
            kind,
            position: None,
        }
    }

    /// Re-roots the error under `base` (the policy's pointer in a larger document) and
    /// fills in its line and column from that document's `text`.
    pub fn locate_in(mut self, text: &str, base: &str) -> PolicyError {
        self.pointer = format!("{base}{}", self.pointer);
        if self.position.is_none() {
            self.position = jsonloc::locate(text, &self.pointer);
        }
        self
    }
}

impl fmt::Display for PolicyErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyErrorKind::Syntax(m) => write!(f, "invalid JSON: {m}"),
            PolicyErrorKind::ExpectedObject => write!(f, "expected a JSON object"),
            PolicyErrorKind::ExpectedString => write!(f, "expected a string"),
            PolicyErrorKind::ExpectedStringOrArray => {
                write!(f, "expected a string or an array of strings")
            }
            PolicyErrorKind::ExpectedStatement => {
                write!(f, "Statement must be an object or an array of objects")
            }
            PolicyErrorKind::UnknownElement(e) => write!(f, "unknown policy element `{e}`"),
            PolicyErrorKind::MissingStatement => write!(f, "the policy has no Statement"),
            PolicyErrorKind::InvalidVersion(v) => {
                write!(f, "invalid Version `{v}`: use 2012-10-17 (or 2008-10-17)")
            }
            PolicyErrorKind::MissingEffect => write!(f, "the statement has no Effect"),
            PolicyErrorKind::InvalidEffect(e) => {
                write!(f, "invalid Effect `{e}`: use Allow or Deny")
            }
            PolicyErrorKind::MissingAction => {
                write!(f, "the statement has neither Action nor NotAction")
            }
            PolicyErrorKind::Conflicting(a, b) => {
                write!(f, "{a} and {b} cannot be used in the same statement")
            }
            PolicyErrorKind::InvalidPrincipalKey(k) => write!(
                f,
                "invalid principal key `{k}`: use AWS, Service, Federated or CanonicalUser"
            ),
            PolicyErrorKind::InvalidConditionOperator(o) => {
                write!(f, "unknown condition operator `{o}`")
            }
            PolicyErrorKind::InvalidConditionValue {
                operator,
                value,
                expected,
            } => write!(f, "{operator} cannot use `{value}`: expected {expected}"),
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.position {
            write!(f, "{p}: ")?;
        }
        write!(f, "{} (at {})", self.kind, pointer_or_root(&self.pointer))
    }
}

impl std::error::Error for PolicyError {}

/// What is wrong with an authorization request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestErrorKind {
    /// The text is not JSON.
    Syntax(String),
    /// A JSON object was expected.
    ExpectedObject,
    /// A required member is absent.
    Missing(&'static str),
    /// A string was expected.
    ExpectedString,
    /// An array was expected.
    ExpectedArray,
    /// The principal is not an IAM/STS ARN, a service principal or `*`.
    InvalidPrincipal(String),
    /// The action is not `service:Action`.
    InvalidAction(String),
    /// A context value is not a string, number, bool or array of them.
    InvalidContextValue,
    /// `resourcePolicyKind` is not `resource`, `trust` or `kmsKey`.
    InvalidResourcePolicyKind(String),
    /// A policy in the request is malformed.
    Policy(PolicyErrorKind),
}

/// A malformed request, located like [`PolicyError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    pub pointer: String,
    pub kind: RequestErrorKind,
    pub position: Option<Position>,
}

impl RequestError {
    pub(crate) fn new(pointer: &str, kind: RequestErrorKind) -> RequestError {
        RequestError {
            pointer: pointer.to_string(),
            kind,
            position: None,
        }
    }

    pub(crate) fn under(mut self, base: &str) -> RequestError {
        self.pointer = format!("{base}{}", self.pointer);
        self
    }

    /// Fills in line and column from the request's text.
    pub fn locate(mut self, text: &str) -> RequestError {
        if self.position.is_none() {
            self.position = jsonloc::locate(text, &self.pointer);
        }
        self
    }
}

impl From<PolicyError> for RequestError {
    fn from(e: PolicyError) -> RequestError {
        RequestError {
            pointer: e.pointer,
            kind: RequestErrorKind::Policy(e.kind),
            position: e.position,
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.position {
            write!(f, "{p}: ")?;
        }
        match &self.kind {
            RequestErrorKind::Syntax(m) => write!(f, "invalid JSON: {m}")?,
            RequestErrorKind::ExpectedObject => write!(f, "expected a JSON object")?,
            RequestErrorKind::Missing(m) => write!(f, "missing `{m}`")?,
            RequestErrorKind::ExpectedString => write!(f, "expected a string")?,
            RequestErrorKind::ExpectedArray => write!(f, "expected an array")?,
            RequestErrorKind::InvalidPrincipal(p) => write!(
                f,
                "invalid principal `{p}`: expected an IAM or STS ARN, a service principal or *"
            )?,
            RequestErrorKind::InvalidAction(a) => {
                write!(f, "invalid action `{a}`: expected service:Action")?
            }
            RequestErrorKind::InvalidContextValue => write!(
                f,
                "a context value must be a string, number, bool or an array of them"
            )?,
            RequestErrorKind::InvalidResourcePolicyKind(k) => write!(
                f,
                "invalid resourcePolicyKind `{k}`: use resource, trust or kmsKey"
            )?,
            RequestErrorKind::Policy(k) => write!(f, "{k}")?,
        }
        write!(f, " (at {})", pointer_or_root(&self.pointer))
    }
}

impl std::error::Error for RequestError {}

fn pointer_or_root(p: &str) -> &str {
    if p.is_empty() {
        "the document root"
    } else {
        p
    }
}
