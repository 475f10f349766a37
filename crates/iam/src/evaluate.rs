//! The decision, in the order of the IAM User Guide's "Policy evaluation logic" and
//! "Cross-account policy evaluation logic": explicit deny anywhere; RCPs (only their
//! denies: `RCPFullAWSAccess` is attached at every level and cannot be detached); SCPs;
//! the resource-based policy; identity-based policies; the permissions boundary; the
//! session policy. Actions that need no permission are allowed whatever the policies say.

use crate::arn::{ArnParts, ArnPattern};
use crate::caller::CallerKind;
use crate::condition::EntryFailure;
use crate::explain::{Decision, Explanation, Outcome, PolicyKind, PolicyTrace, Reason};
use crate::policy::{Effect, ResourceElement, ResourceEntry, Statement};
use crate::principal::PrincipalMatch;
use crate::request::{AuthorizationRequest, OrgLevel, PolicyRef, ResourcePolicyKind};
use crate::scope::{needs_no_permission, rcp_covers};

/// Decides a request as AWS would and explains why.
pub fn evaluate<'r>(request: &AuthorizationRequest<'r>) -> Decision<'r> {
    let mut ev = Evaluator {
        request,
        parts: ArnParts::split(request.resource),
        traces: Vec::with_capacity(8),
        outcomes: Vec::with_capacity(16),
        denied: false,
    };
    let caller = request.principal;
    if let Some(levels) = request.resource_control_policies {
        if !caller.is_service_linked_role()
            && rcp_covers(request.action)
            && request.resource_under_rcps()
        {
            ev.rcp_levels(levels);
        }
    }
    let scp_gap = match request.service_control_policies {
        Some(levels) if !caller.is_service_linked_role() && !is_service(request) => {
            ev.org_levels(PolicyKind::Scp, levels)
        }
        _ => None,
    };
    let rp_kind = match request.resource_policy_kind {
        ResourcePolicyKind::Resource => PolicyKind::Resource,
        ResourcePolicyKind::Trust => PolicyKind::Trust,
        ResourcePolicyKind::KmsKey => PolicyKind::KmsKey,
    };
    let rp = request
        .resource_policy
        .map(|p| ev.policy(rp_kind, p, None).via);
    let identity = ev.all(PolicyKind::Identity, request.identity_policies);
    let boundary = ev.all(PolicyKind::Boundary, request.permission_boundaries);
    let session = request
        .session_policy
        .map(|p| ev.policy(PolicyKind::Session, p, None).via.is_some());

    let reason = if needs_no_permission(request.action) && caller.kind() != CallerKind::Anonymous {
        Reason::NoPermissionRequired
    } else {
        decide(request, ev.denied, scp_gap, rp, identity, boundary, session)
    };
    Decision::new(Explanation::new(
        request,
        reason,
        scp_gap,
        ev.traces,
        ev.outcomes,
    ))
}

fn is_service(request: &AuthorizationRequest<'_>) -> bool {
    matches!(
        request.principal.kind(),
        CallerKind::Service | CallerKind::WebIdentity
    )
}

#[allow(clippy::too_many_arguments)]
fn decide(
    request: &AuthorizationRequest<'_>,
    denied: bool,
    scp_gap: Option<usize>,
    rp: Option<Option<PrincipalMatch>>,
    identity: Option<bool>,
    boundary: Option<bool>,
    session: Option<bool>,
) -> Reason {
    if denied {
        return Reason::ExplicitDeny;
    }
    if scp_gap.is_some() {
        return Reason::ScpNoAllow;
    }
    let caller = request.principal;
    let cross = request.is_cross_account();
    let rp_allow = rp.flatten();
    let explicit_rp = request.resource_policy_kind != ResourcePolicyKind::Resource;
    let no_rp_allow = || match rp {
        None => Reason::NoResourcePolicy,
        Some(_) => Reason::ResourcePolicyNoAllow,
    };
    if is_service(request) || caller.kind() == CallerKind::Anonymous {
        return match rp_allow {
            Some(_) => Reason::AllowedByResourcePolicy,
            None => no_rp_allow(),
        };
    }
    if (cross || explicit_rp) && rp_allow.is_none() {
        return no_rp_allow();
    }
    let root_same_account = caller.kind() == CallerKind::Root && !cross;
    let identity_ok = root_same_account || identity == Some(true);
    let boundary_ok = boundary != Some(false);
    let session_ok = session != Some(false);
    let limits = || {
        if !boundary_ok {
            Some(Reason::BoundaryNoAllow)
        } else if !session_ok {
            Some(Reason::SessionNoAllow)
        } else {
            None
        }
    };
    if cross {
        if !identity_ok {
            return Reason::IdentityNoAllow;
        }
        return limits().unwrap_or(Reason::AllowedCrossAccount);
    }
    match rp_allow {
        Some(PrincipalMatch::Direct) => Reason::AllowedByResourcePolicy,
        Some(PrincipalMatch::Indirect | PrincipalMatch::Service) => {
            limits().unwrap_or(Reason::AllowedByResourcePolicy)
        }
        Some(PrincipalMatch::Account) | None => {
            if !identity_ok {
                return Reason::IdentityNoAllow;
            }
            limits().unwrap_or(if root_same_account && identity != Some(true) {
                Reason::AllowedAsRoot
            } else {
                Reason::AllowedByIdentityPolicy
            })
        }
    }
}

struct Evaluator<'a, 'r> {
    request: &'a AuthorizationRequest<'r>,
    parts: Option<ArnParts<'r>>,
    traces: Vec<PolicyTrace<'r>>,
    outcomes: Vec<Outcome>,
    denied: bool,
}

struct PolicyVerdict {
    /// `Some` when an Allow statement applies (with how its principal matched).
    via: Option<PrincipalMatch>,
}

impl<'r> Evaluator<'_, 'r> {
    /// Evaluates the RCPs of each level for their denies: every level also has
    /// `RCPFullAWSAccess`, so a level never lacks an Allow (AWS Organizations User Guide,
    /// "RCP syntax": "You cannot detach this policy").
    fn rcp_levels(&mut self, levels: &'r [OrgLevel<'r>]) {
        for level in levels {
            for p in level.policies {
                self.policy(PolicyKind::Rcp, *p, Some(level.id));
            }
        }
    }

    /// Evaluates each level; returns the first level with no applicable Allow.
    fn org_levels(&mut self, kind: PolicyKind, levels: &'r [OrgLevel<'r>]) -> Option<usize> {
        let mut gap = None;
        for (i, level) in levels.iter().enumerate() {
            let mut allows = false;
            for p in level.policies {
                allows |= self.policy(kind, *p, Some(level.id)).via.is_some();
            }
            if !allows && gap.is_none() {
                gap = Some(i);
            }
        }
        gap
    }

    /// Evaluates a set of policies of one kind: `None` when the set is empty, else
    /// whether any statement allows.
    fn all(&mut self, kind: PolicyKind, policies: &'r [PolicyRef<'r>]) -> Option<bool> {
        if policies.is_empty() {
            return None;
        }
        let mut allows = false;
        for p in policies {
            allows |= self.policy(kind, *p, None).via.is_some();
        }
        Some(allows)
    }

    fn policy(
        &mut self,
        kind: PolicyKind,
        p: PolicyRef<'r>,
        level: Option<&'r str>,
    ) -> PolicyVerdict {
        let start = self.outcomes.len();
        let mut via = None;
        let mut denies = false;
        for st in p.policy.statements() {
            let outcome = self.statement(kind, st);
            if let Outcome::Applies(m) = outcome {
                match st.effect {
                    Effect::Deny => denies = true,
                    Effect::Allow => via = via.max(Some(m.unwrap_or(PrincipalMatch::Direct))),
                }
            }
            self.outcomes.push(outcome);
        }
        self.denied |= denies;
        self.traces.push(PolicyTrace {
            kind,
            policy: p,
            level,
            start,
            allows: via.is_some(),
            denies,
        });
        PolicyVerdict { via }
    }

    fn statement(&self, kind: PolicyKind, st: &Statement) -> Outcome {
        let req = self.request;
        let action_hit = st.action.patterns.iter().any(|p| p.matches(req.action));
        if action_hit == st.action.negated {
            return Outcome::Action;
        }
        if let Some(resource) = &st.resource {
            match self.resource_hit(resource) {
                Some(hit) if hit != resource.negated => {}
                Some(_) => return Outcome::Resource,
                None => return Outcome::ResourceVariable,
            }
        }
        let principal_checked = kind.is_resource_based() || kind == PolicyKind::Rcp;
        let via = match (&st.principal, principal_checked) {
            (Some(p), true)
                if p.negated
                    && st.effect == Effect::Deny
                    && kind.is_resource_based()
                    && !req.permission_boundaries.is_empty() =>
            {
                Some(PrincipalMatch::Indirect)
            }
            (Some(p), true) => match p.matches(req.principal) {
                Some(m) => Some(m),
                None => return Outcome::Principal,
            },
            (None, true) if kind != PolicyKind::Rcp => return Outcome::Principal,
            _ => None,
        };
        if let Some((entry, failure)) = st.condition.first_failure(req.context) {
            let entry = u16::try_from(entry).unwrap_or(u16::MAX);
            return match failure {
                EntryFailure::NoMatch => Outcome::Condition(entry),
                EntryFailure::UnresolvedVariable => Outcome::ConditionVariable(entry),
            };
        }
        Outcome::Applies(via)
    }

    /// Whether any entry matches the resource; `None` when a policy variable in an entry
    /// has no value.
    fn resource_hit(&self, element: &ResourceElement) -> Option<bool> {
        let target = self.request.resource;
        for entry in &element.entries {
            let hit = match entry {
                ResourceEntry::Pattern(p) => p.matches(target, self.parts.as_ref()),
                ResourceEntry::Template(t) => {
                    let text = t.resolve(self.request.context, true).ok()?;
                    ArnPattern::new(&text, true).matches(target, self.parts.as_ref())
                }
            };
            if hit {
                return Some(true);
            }
        }
        Some(false)
    }
}
