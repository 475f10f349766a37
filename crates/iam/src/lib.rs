//! AWS IAM policy evaluation with an explanation for every decision, and policy lint.
//!
//! Compile policies once with [`Policy::from_value`], describe a request with
//! [`AuthorizationRequest`] (or parse the `sfn-play authorize` shape with
//! [`RequestDocument`]), and call [`evaluate`]; the [`Decision`] carries an
//! [`Explanation`] with a one-line [`Explanation::summary`] and a JSON form. [`lint`] runs
//! the policy checks of IAM Access Analyzer that need no AWS data, plus the confused-deputy
//! check on trust policies.

mod action;
mod arn;
mod caller;
mod condition;
mod context;
mod date;
mod error;
mod evaluate;
mod explain;
mod ip;
mod lint;
mod policy;
mod principal;
mod request;
mod request_json;
mod variables;
mod wildcard;

pub use caller::{Caller, CallerKind};
pub use context::{ContextValue, RequestContext};
pub use error::{PolicyError, PolicyErrorKind, RequestError, RequestErrorKind};
pub use evaluate::evaluate;
pub use explain::{AuthorizationResult, Decision, Explanation, PolicyKind, Reason};
pub use lint::{lint, lint_in_account, Finding, PolicyUse, Severity};
pub use policy::{Effect, Policy, PolicyVersion, Statement};
pub use principal::PrincipalMatch;
pub use request::{AuthorizationRequest, OrgLevel, PolicyRef, ResourcePolicyKind};
pub use request_json::{NamedPolicy, RequestDocument};
