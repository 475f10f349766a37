//! Decisions and their explanations: which statements decided, and for every statement
//! that did not apply, which part failed. Evaluation records indexes and small enums
//! ([`trace`]); strings are rendered only by [`Explanation::summary`] ([`prose`]) and
//! [`Explanation::report`] ([`json`]), from the statements [`selection`] picks.

mod json;
mod prose;
mod report;
mod selection;
mod trace;
mod types;

pub use report::{
    ConditionMatch, ConditionMiss, DecidingStatement, ExplanationReport, FailedPart, Failure,
    PolicyReport, RequestReport, StatementOutcome, StatementReport,
};
pub(crate) use trace::{Outcome, PolicyTrace};
pub(crate) use types::from_code;
pub use types::{AuthorizationResult, PolicyKind, Reason};

use crate::caller::Caller;
use crate::context::RequestContext;
use crate::request::{AuthorizationRequest, OrgLevel, ResourcePolicyKind};

/// The result of [`crate::evaluate`].
#[derive(Debug, Clone)]
pub struct Decision<'r> {
    /// Allowed, implicitly denied or explicitly denied.
    pub result: AuthorizationResult,
    /// Why.
    pub explanation: Explanation<'r>,
}

impl<'r> Decision<'r> {
    pub(crate) fn new(explanation: Explanation<'r>) -> Decision<'r> {
        Decision {
            result: explanation.reason.result(),
            explanation,
        }
    }
}

/// Why a decision was made; render with [`Explanation::summary`], or as data with
/// [`Explanation::report`] (and [`Explanation::to_json`]).
#[derive(Debug, Clone)]
pub struct Explanation<'r> {
    caller: &'r Caller,
    action: &'r str,
    resource: &'r str,
    resource_account: &'r str,
    cross_account: bool,
    resource_policy_kind: ResourcePolicyKind,
    context: &'r RequestContext,
    /// The organization level whose SCPs did not allow, for [`Reason::ScpNoAllow`].
    scp_level: Option<&'r str>,
    /// Whether the caller has a permissions boundary (then a `NotPrincipal` with `Deny`
    /// denies it whatever it lists).
    bounded: bool,
    reason: Reason,
    traces: Vec<PolicyTrace<'r>>,
    outcomes: Vec<Outcome>,
}

impl<'r> Explanation<'r> {
    pub(crate) fn new(
        request: &AuthorizationRequest<'r>,
        reason: Reason,
        scp_gap: Option<usize>,
        traces: Vec<PolicyTrace<'r>>,
        outcomes: Vec<Outcome>,
    ) -> Explanation<'r> {
        let scp_level = match reason {
            Reason::ScpNoAllow => request
                .service_control_policies
                .zip(scp_gap)
                .and_then(|(levels, i)| levels.get(i))
                .map(|l: &OrgLevel<'r>| l.id),
            _ => None,
        };
        Explanation {
            caller: request.principal,
            action: request.action,
            resource: request.resource,
            resource_account: request.resource_account(),
            cross_account: request.is_cross_account(),
            resource_policy_kind: request.resource_policy_kind,
            context: request.context,
            scp_level,
            bounded: !request.permission_boundaries.is_empty(),
            reason,
            traces,
            outcomes,
        }
    }

    /// Why: the reason code.
    pub fn reason(&self) -> Reason {
        self.reason
    }
}
