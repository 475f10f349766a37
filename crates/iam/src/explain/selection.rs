//! Which statements an explanation talks about: every evaluated statement with its
//! outcome, and the ones that decided (or, for an implicit deny, nearly applied).

use super::trace::{Outcome, PolicyTrace};
use super::types::RESOURCE_BASED;
use super::{AuthorizationResult, Explanation, PolicyKind, Reason};
use crate::policy::{Effect, Statement};

/// One evaluated statement: its policy's trace, its index there, and its outcome.
#[derive(Debug, Clone, Copy)]
pub(super) struct StatementAt<'r> {
    pub(super) trace: PolicyTrace<'r>,
    pub(super) index: usize,
    pub(super) statement: &'r Statement,
    pub(super) outcome: Outcome,
}

impl<'r> Explanation<'r> {
    /// The statements of one evaluated policy, in document order.
    pub(super) fn statements_of(
        &self,
        trace: PolicyTrace<'r>,
    ) -> impl Iterator<Item = StatementAt<'r>> + '_ {
        trace
            .policy
            .policy
            .statements()
            .iter()
            .enumerate()
            .filter_map(move |(i, st)| {
                Some(StatementAt {
                    trace,
                    index: i,
                    statement: st,
                    outcome: *self.outcomes.get(trace.start + i)?,
                })
            })
    }

    /// Every evaluated statement, policy by policy in evaluation order.
    fn statements(&self) -> impl Iterator<Item = StatementAt<'r>> + '_ {
        self.traces.iter().flat_map(move |t| self.statements_of(*t))
    }

    /// The kinds of policy the reason is about (the ones that allowed, or failed to).
    fn kinds_of_reason(&self) -> &'static [PolicyKind] {
        match self.reason {
            Reason::ScpNoAllow => &[PolicyKind::Scp],
            Reason::NoResourcePolicy
            | Reason::ResourcePolicyNoAllow
            | Reason::AllowedByResourcePolicy => RESOURCE_BASED,
            Reason::IdentityNoAllow | Reason::AllowedByIdentityPolicy => &[PolicyKind::Identity],
            Reason::BoundaryNoAllow => &[PolicyKind::Boundary],
            Reason::SessionNoAllow => &[PolicyKind::Session],
            Reason::AllowedCrossAccount => &[
                PolicyKind::Identity,
                PolicyKind::Resource,
                PolicyKind::Trust,
                PolicyKind::KmsKey,
            ],
            Reason::ExplicitDeny | Reason::AllowedAsRoot | Reason::NoPermissionRequired => &[],
        }
    }

    /// The statements that decided: the applicable denies for an explicit deny; the
    /// applicable allows that granted access; for an implicit deny, the allows of the
    /// missing kind that matched the action but failed on something else.
    pub(super) fn deciding(&self) -> Vec<StatementAt<'r>> {
        let kinds = self.kinds_of_reason();
        let level = self.scp_level;
        self.statements()
            .filter(|s| match self.reason {
                Reason::ExplicitDeny => {
                    s.statement.effect == Effect::Deny && matches!(s.outcome, Outcome::Applies(_))
                }
                _ => {
                    s.statement.effect == Effect::Allow
                        && kinds.contains(&s.trace.kind)
                        && (level.is_none() || s.trace.level == level)
                        && match self.reason.result() {
                            AuthorizationResult::Allowed => {
                                matches!(s.outcome, Outcome::Applies(_))
                            }
                            _ => !matches!(s.outcome, Outcome::Action | Outcome::Applies(_)),
                        }
                }
            })
            .collect()
    }
}
