//! Typed problems in malformed policies and requests, on the shared [`jsonloc::Diagnostic`]:
//! a code enum that carries the details, the message it reads as, a JSON pointer and, when
//! the text is known, a line and column.
//!
//! A policy problem has the code Access Analyzer gives the same problem (see
//! [`crate::Check`]), so the error and the lint finding for one mistake agree.

use crate::check::Check;
use jsonloc::{Diagnostic, DiagnosticCode, SyntaxError};
use std::fmt;

/// A malformed policy: what (a [`PolicyErrorKind`] and its message), where (JSON pointer)
/// and, from text, the line and column.
pub type PolicyError = Diagnostic<PolicyErrorKind>;

/// A malformed authorization request, located like [`PolicyError`].
pub type RequestError = Diagnostic<RequestErrorKind>;

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
    /// A `Principal` that is neither `"*"` nor an object, or an `AWS` value that is not
    /// `*`, an account or an IAM/STS ARN ("Invalid principal in policy", as IAM says).
    InvalidPrincipal(String),
    /// A condition operator IAM does not know.
    InvalidConditionOperator(String),
    /// A condition value that its operator cannot read (a date, number, IP, bool...).
    InvalidConditionValue(Box<UnreadableValue>),
}

/// A condition value its operator cannot read: which operator, which value, and what the
/// operator reads instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableValue {
    /// The operator as written, e.g. `DateLessThan`.
    pub operator: String,
    /// The value as written.
    pub value: String,
    /// What the operator reads, e.g. `a number`.
    pub expected: &'static str,
}

impl PolicyErrorKind {
    /// This problem at `pointer`, with its message.
    pub fn at(self, pointer: impl Into<String>) -> PolicyError {
        with_message(self, pointer)
    }

    /// Text that is not JSON, at the line and column the syntax error names.
    pub fn syntax(e: SyntaxError) -> PolicyError {
        at_position(PolicyErrorKind::Syntax(e.message), e.position)
    }
}

impl DiagnosticCode for PolicyErrorKind {
    /// Access Analyzer's code for the problem, e.g. `INVALID_EFFECT`.
    fn as_str(&self) -> &'static str {
        let check = match self {
            PolicyErrorKind::Syntax(_) => Check::JsonSyntaxError,
            PolicyErrorKind::ExpectedObject
            | PolicyErrorKind::ExpectedString
            | PolicyErrorKind::ExpectedStringOrArray
            | PolicyErrorKind::ExpectedStatement => Check::DataTypeMismatch,
            PolicyErrorKind::UnknownElement(_) => Check::InvalidPolicyElement,
            PolicyErrorKind::MissingStatement => Check::MissingStatement,
            PolicyErrorKind::InvalidVersion(_) => Check::InvalidVersion,
            PolicyErrorKind::MissingEffect => Check::MissingEffect,
            PolicyErrorKind::InvalidEffect(_) => Check::InvalidEffect,
            PolicyErrorKind::MissingAction => Check::MissingAction,
            PolicyErrorKind::Conflicting(..) => Check::UnsupportedElementCombination,
            PolicyErrorKind::InvalidPrincipalKey(_) => Check::InvalidPrincipalKey,
            PolicyErrorKind::InvalidPrincipal(_) => Check::InvalidPrincipalFormat,
            PolicyErrorKind::InvalidConditionOperator(_) => Check::InvalidConditionOperator,
            PolicyErrorKind::InvalidConditionValue(_) => return "INVALID_CONDITION_VALUE",
        };
        check.as_str()
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
            PolicyErrorKind::InvalidPrincipal(p) => write!(f, "Invalid principal in policy: {p}"),
            PolicyErrorKind::InvalidConditionOperator(o) => {
                write!(f, "unknown condition operator `{o}`")
            }
            PolicyErrorKind::InvalidConditionValue(v) => write!(
                f,
                "{} cannot use `{}`: expected {}",
                v.operator, v.value, v.expected
            ),
        }
    }
}

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
    /// `true` or `false` was expected.
    ExpectedBool,
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

impl RequestErrorKind {
    /// This problem at `pointer`, with its message.
    pub fn at(self, pointer: impl Into<String>) -> RequestError {
        with_message(self, pointer)
    }

    /// Text that is not JSON, at the line and column the syntax error names.
    pub fn syntax(e: SyntaxError) -> RequestError {
        at_position(RequestErrorKind::Syntax(e.message), e.position)
    }
}

impl DiagnosticCode for RequestErrorKind {
    /// The code, e.g. `INVALID_PRINCIPAL`; a malformed policy keeps its own code.
    fn as_str(&self) -> &'static str {
        match self {
            RequestErrorKind::Syntax(_) => Check::JsonSyntaxError.as_str(),
            RequestErrorKind::ExpectedObject
            | RequestErrorKind::ExpectedString
            | RequestErrorKind::ExpectedArray
            | RequestErrorKind::ExpectedBool => Check::DataTypeMismatch.as_str(),
            RequestErrorKind::Missing(_) => "MISSING_REQUIRED_FIELD",
            RequestErrorKind::InvalidPrincipal(_) => "INVALID_PRINCIPAL",
            RequestErrorKind::InvalidAction(_) => Check::InvalidAction.as_str(),
            RequestErrorKind::InvalidContextValue => "INVALID_CONTEXT_VALUE",
            RequestErrorKind::InvalidResourcePolicyKind(_) => "INVALID_RESOURCE_POLICY_KIND",
            RequestErrorKind::Policy(kind) => kind.as_str(),
        }
    }
}

impl fmt::Display for RequestErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestErrorKind::Syntax(m) => write!(f, "invalid JSON: {m}"),
            RequestErrorKind::ExpectedObject => write!(f, "expected a JSON object"),
            RequestErrorKind::Missing(m) => write!(f, "missing `{m}`"),
            RequestErrorKind::ExpectedString => write!(f, "expected a string"),
            RequestErrorKind::ExpectedArray => write!(f, "expected an array"),
            RequestErrorKind::ExpectedBool => write!(f, "expected true or false"),
            RequestErrorKind::InvalidPrincipal(p) => write!(
                f,
                "invalid principal `{p}`: expected an IAM or STS ARN, a service principal or *"
            ),
            RequestErrorKind::InvalidAction(a) => {
                write!(f, "invalid action `{a}`: expected service:Action")
            }
            RequestErrorKind::InvalidContextValue => write!(
                f,
                "a context value must be a string, number, bool or an array of them"
            ),
            RequestErrorKind::InvalidResourcePolicyKind(k) => write!(
                f,
                "invalid resourcePolicyKind `{k}`: use resource, trust or kmsKey"
            ),
            RequestErrorKind::Policy(k) => write!(f, "{k}"),
        }
    }
}

/// A problem at `pointer` whose message is the code's own text.
fn with_message<C: DiagnosticCode + fmt::Display>(
    code: C,
    pointer: impl Into<String>,
) -> Diagnostic<C> {
    let message = code.to_string();
    Diagnostic::new(code, pointer, message)
}

/// A problem of the whole document, already placed at a line and column.
fn at_position<C: DiagnosticCode + fmt::Display>(
    code: C,
    position: jsonloc::Position,
) -> Diagnostic<C> {
    let mut d = with_message(code, "");
    d.position = Some(position);
    d
}
