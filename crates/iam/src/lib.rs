//! AWS IAM policy evaluation with an explanation for every decision, and policy lint.
//!
//! Compile policies once with [`Policy::from_value`], describe a request with
//! [`AuthorizationRequest`] (or parse the `sfn-play authorize` shape with
//! [`RequestDocument`]), and call [`evaluate`]; the [`Decision`] carries an
//! [`Explanation`] with a one-line [`Explanation::summary`] and, as owned data that
//! serializes to its JSON form, an [`ExplanationReport`]. [`lint`] runs
//! the policy checks of IAM Access Analyzer, plus the confused-deputy check on trust
//! policies; those that need AWS's list of services, actions and condition keys read the
//! embedded Service Authorization Reference ([`reference`]), which also offers completions.
//! AWS managed policies come from [`managed_policies`] (embedded with the
//! `bundled-managed-policies` feature, or installed by the page).
//!
//! Problems are [`jsonloc::Diagnostic`]s with a typed code: [`PolicyError`] and
//! [`RequestError`] for input IAM would reject, [`Finding`] (coded by [`Check`]) for lint.

#![warn(missing_docs)]

mod action;
mod arn;
mod caller;
mod check;
mod condition;
mod context;
mod date;
mod error;
mod evaluate;
mod explain;
mod ip;
mod lint;
mod managed;
mod policy;
mod principal;
mod reference;
mod request;
mod request_json;
mod scope;
mod variables;
mod wildcard;

pub use caller::{Caller, CallerKind};
pub use check::Check;
pub use context::{ContextValue, RequestContext};
pub use error::{PolicyError, PolicyErrorKind, RequestError, RequestErrorKind, UnreadableValue};
pub use evaluate::evaluate;
pub use explain::{
    AuthorizationResult, ConditionMatch, ConditionMiss, DecidingStatement, Decision, Explanation,
    ExplanationReport, FailedPart, Failure, PolicyKind, PolicyReport, Reason, RequestReport,
    StatementOutcome, StatementReport,
};
pub use jsonloc::Severity;
pub use lint::{lint, lint_in_account, lint_role_inline_policies, policy_size, Finding, PolicyUse};
pub use managed::{
    aws_managed_policy, install_managed_policies, is_aws_managed_policy, managed_policies,
    ManagedPolicies, ManagedPolicy, ManagedPolicyError, AWS_MANAGED_POLICY_PREFIX,
    MANAGED_POLICIES_FILE,
};
pub use policy::{Effect, Policy, PolicyVersion, Statement};
pub use principal::PrincipalMatch;
pub use reference::{
    reference, ActionRef, Reference, ReferenceError, ReferenceErrorKind, ResourceTypeRef,
    ServiceRef,
};
pub use request::{AuthorizationRequest, OrgLevel, PolicyRef, ResourcePolicyKind};
pub use request_json::{NamedPolicy, RequestDocument};
