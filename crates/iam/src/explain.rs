//! Decisions and their explanations: which statements decided, and for every statement
//! that did not apply, which part failed. Evaluation records indexes and small enums;
//! strings are rendered only by [`Explanation::summary`] and [`Explanation::to_json`].

use crate::caller::Caller;
use crate::condition::ConditionEntry;
use crate::context::RequestContext;
use crate::policy::{Effect, Statement};
use crate::principal::PrincipalMatch;
use crate::request::{AuthorizationRequest, PolicyRef, ResourcePolicyKind};
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// The three outcomes of an authorization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorizationResult {
    Allowed,
    ImplicitlyDenied,
    ExplicitlyDenied,
}

impl AuthorizationResult {
    /// `"Allowed"`, `"ImplicitlyDenied"` or `"ExplicitlyDenied"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorizationResult::Allowed => "Allowed",
            AuthorizationResult::ImplicitlyDenied => "ImplicitlyDenied",
            AuthorizationResult::ExplicitlyDenied => "ExplicitlyDenied",
        }
    }
}

/// The kind of a policy in an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    Identity,
    Resource,
    Trust,
    KmsKey,
    Boundary,
    Session,
    Scp,
    Rcp,
}

impl PolicyKind {
    /// A camelCase code for JSON.
    pub fn code(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity",
            PolicyKind::Resource => "resource",
            PolicyKind::Trust => "trust",
            PolicyKind::KmsKey => "kmsKey",
            PolicyKind::Boundary => "permissionsBoundary",
            PolicyKind::Session => "session",
            PolicyKind::Scp => "serviceControlPolicy",
            PolicyKind::Rcp => "resourceControlPolicy",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity policy",
            PolicyKind::Resource => "resource policy",
            PolicyKind::Trust => "trust policy",
            PolicyKind::KmsKey => "key policy",
            PolicyKind::Boundary => "permissions boundary",
            PolicyKind::Session => "session policy",
            PolicyKind::Scp => "SCP",
            PolicyKind::Rcp => "RCP",
        }
    }
}

/// Why the decision is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    ExplicitDeny,
    /// No RCP at this level (index into the RCP levels) allows.
    RcpLevel(usize),
    /// No SCP at this level (index into the SCP levels) allows.
    ScpLevel(usize),
    /// Cross-account, or a trust/key policy is required, and there is none.
    NoResourcePolicy,
    /// The resource-based policy has no statement that allows.
    ResourcePolicyNoAllow,
    IdentityNoAllow,
    BoundaryNoAllow,
    SessionNoAllow,
    AllowedByResourcePolicy,
    AllowedByIdentityPolicy,
    AllowedCrossAccount,
    AllowedAsRoot,
}

impl Reason {
    /// A camelCase code for JSON.
    pub fn code(self) -> &'static str {
        match self {
            Reason::ExplicitDeny => "explicitDeny",
            Reason::RcpLevel(_) => "resourceControlPolicyNoAllow",
            Reason::ScpLevel(_) => "serviceControlPolicyNoAllow",
            Reason::NoResourcePolicy => "noResourcePolicy",
            Reason::ResourcePolicyNoAllow => "resourcePolicyNoAllow",
            Reason::IdentityNoAllow => "identityPolicyNoAllow",
            Reason::BoundaryNoAllow => "permissionsBoundaryNoAllow",
            Reason::SessionNoAllow => "sessionPolicyNoAllow",
            Reason::AllowedByResourcePolicy => "allowedByResourcePolicy",
            Reason::AllowedByIdentityPolicy => "allowedByIdentityPolicy",
            Reason::AllowedCrossAccount => "allowedByBothAccounts",
            Reason::AllowedAsRoot => "allowedAsAccountRoot",
        }
    }

    fn result(self) -> AuthorizationResult {
        match self {
            Reason::ExplicitDeny => AuthorizationResult::ExplicitlyDenied,
            Reason::AllowedByResourcePolicy
            | Reason::AllowedByIdentityPolicy
            | Reason::AllowedCrossAccount
            | Reason::AllowedAsRoot => AuthorizationResult::Allowed,
            _ => AuthorizationResult::ImplicitlyDenied,
        }
    }
}

/// What happened to one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It applies (with how its principal matched, in resource-based policies).
    Applies(Option<PrincipalMatch>),
    Action,
    Resource,
    /// A policy variable in `Resource` has no value.
    ResourceVariable,
    Principal,
    /// This condition entry does not hold.
    Condition(u16),
    /// A policy variable in this condition entry has no value.
    ConditionVariable(u16),
}

/// One evaluated policy; its statements' outcomes start at `start`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PolicyTrace<'r> {
    pub(crate) kind: PolicyKind,
    pub(crate) policy: PolicyRef<'r>,
    pub(crate) level: Option<&'r str>,
    pub(crate) start: usize,
    pub(crate) allows: bool,
    pub(crate) denies: bool,
}

/// The result of [`crate::evaluate`].
#[derive(Debug, Clone)]
pub struct Decision<'r> {
    pub result: AuthorizationResult,
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

/// Why a decision was made; render with [`Explanation::summary`] or
/// [`Explanation::to_json`].
#[derive(Debug, Clone)]
pub struct Explanation<'r> {
    caller: &'r Caller,
    action: &'r str,
    resource: &'r str,
    resource_account: &'r str,
    cross_account: bool,
    resource_policy_kind: ResourcePolicyKind,
    context: &'r RequestContext,
    scp_levels: Vec<&'r str>,
    rcp_levels: Vec<&'r str>,
    reason: Reason,
    traces: Vec<PolicyTrace<'r>>,
    outcomes: Vec<Outcome>,
}

/// A statement that decided, or nearly applied, as a reference into the traces.
#[derive(Debug, Clone, Copy)]
struct StatementAt<'r> {
    trace: PolicyTrace<'r>,
    index: usize,
    statement: &'r Statement,
    outcome: Outcome,
}

impl<'r> Explanation<'r> {
    pub(crate) fn new(
        request: &AuthorizationRequest<'r>,
        reason: Reason,
        traces: Vec<PolicyTrace<'r>>,
        outcomes: Vec<Outcome>,
    ) -> Explanation<'r> {
        let level_ids = |levels: Option<&'r [crate::request::OrgLevel<'r>]>| match reason {
            Reason::RcpLevel(_) | Reason::ScpLevel(_) => levels
                .map(|l| l.iter().map(|l| l.id).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        Explanation {
            caller: request.principal,
            action: request.action,
            resource: request.resource,
            resource_account: request.resource_account(),
            cross_account: request.is_cross_account(),
            resource_policy_kind: request.resource_policy_kind,
            context: request.context,
            scp_levels: level_ids(request.service_control_policies),
            rcp_levels: level_ids(request.resource_control_policies),
            reason,
            traces,
            outcomes,
        }
    }

    /// Why: the reason code.
    pub fn reason(&self) -> Reason {
        self.reason
    }

    fn statements(&self) -> impl Iterator<Item = StatementAt<'r>> + '_ {
        self.traces.iter().flat_map(move |t| {
            t.policy
                .policy
                .statements()
                .iter()
                .enumerate()
                .filter_map(move |(i, st)| {
                    Some(StatementAt {
                        trace: *t,
                        index: i,
                        statement: st,
                        outcome: *self.outcomes.get(t.start + i)?,
                    })
                })
        })
    }

    fn kinds_of_reason(&self) -> &'static [PolicyKind] {
        const RESOURCE: &[PolicyKind] =
            &[PolicyKind::Resource, PolicyKind::Trust, PolicyKind::KmsKey];
        match self.reason {
            Reason::RcpLevel(_) => &[PolicyKind::Rcp],
            Reason::ScpLevel(_) => &[PolicyKind::Scp],
            Reason::NoResourcePolicy
            | Reason::ResourcePolicyNoAllow
            | Reason::AllowedByResourcePolicy => RESOURCE,
            Reason::IdentityNoAllow | Reason::AllowedByIdentityPolicy => &[PolicyKind::Identity],
            Reason::BoundaryNoAllow => &[PolicyKind::Boundary],
            Reason::SessionNoAllow => &[PolicyKind::Session],
            Reason::AllowedCrossAccount => &[
                PolicyKind::Identity,
                PolicyKind::Resource,
                PolicyKind::Trust,
                PolicyKind::KmsKey,
            ],
            Reason::ExplicitDeny | Reason::AllowedAsRoot => &[],
        }
    }

    fn level_of_reason(&self) -> Option<&'r str> {
        match self.reason {
            Reason::RcpLevel(i) => self.rcp_levels.get(i).copied(),
            Reason::ScpLevel(i) => self.scp_levels.get(i).copied(),
            _ => None,
        }
    }

    /// The statements that decided: the applicable denies for an explicit deny; the
    /// applicable allows that granted access; for an implicit deny, the allows of the
    /// missing kind that matched the action but failed on something else.
    fn deciding(&self) -> Vec<StatementAt<'r>> {
        let kinds = self.kinds_of_reason();
        let level = self.level_of_reason();
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

    /// A one-line explanation for people.
    pub fn summary(&self) -> String {
        let action = self.action;
        let resource = self.resource;
        let caller = self.caller.describe();
        let deciding = self.deciding();
        let mut out = String::new();
        let _ = match self.reason {
            Reason::ExplicitDeny => {
                let first = deciding.first();
                match first {
                    Some(s) => write!(
                        out,
                        "Explicitly denied: {} in the {} denies `{action}` on {resource}",
                        statement_name(s),
                        policy_name(&s.trace)
                    ),
                    None => write!(out, "Explicitly denied: `{action}` on {resource}"),
                }
                .and_then(|_| match deciding.len() {
                    0 | 1 => Ok(()),
                    n => write!(out, " (and {} more deny statements)", n - 1),
                })
            }
            Reason::RcpLevel(_) | Reason::ScpLevel(_) => {
                let what = if matches!(self.reason, Reason::RcpLevel(_)) {
                    "resource control policy"
                } else {
                    "service control policy"
                };
                write!(
                    out,
                    "Implicitly denied: no {what} at `{}` allows `{action}` on {resource}",
                    self.level_of_reason().unwrap_or("?")
                )
            }
            Reason::NoResourcePolicy => match self.resource_policy_kind {
                ResourcePolicyKind::Trust => write!(
                    out,
                    "Implicitly denied: role {} has no trust policy, so no one may `{action}` it",
                    role_name(resource)
                ),
                ResourcePolicyKind::KmsKey => write!(
                    out,
                    "Implicitly denied: key {resource} has no key policy, and key policies must allow `{action}` explicitly"
                ),
                ResourcePolicyKind::Resource => write!(
                    out,
                    "Implicitly denied: {caller} (account {}) calls `{action}` on {resource} in account {}, and no resource-based policy allows it (cross-account access needs both sides)",
                    self.caller.account(),
                    self.resource_account
                ),
            },
            Reason::ResourcePolicyNoAllow => {
                let name = self
                    .traces
                    .iter()
                    .find(|t| matches!(t.kind, PolicyKind::Resource | PolicyKind::Trust | PolicyKind::KmsKey))
                    .map(|t| t.policy.name)
                    .unwrap_or("");
                let whose = match self.resource_policy_kind {
                    ResourcePolicyKind::Trust => format!("trust policy of role {}", role_name(resource)),
                    ResourcePolicyKind::KmsKey => format!("key policy {name}"),
                    ResourcePolicyKind::Resource => format!("resource policy {name}"),
                };
                write!(
                    out,
                    "Implicitly denied: no statement allows `{action}` on {resource} for {caller} in the {whose}"
                )
            }
            Reason::IdentityNoAllow => {
                let count = self.traces.iter().filter(|t| t.kind == PolicyKind::Identity).count();
                if count == 0 {
                    write!(
                        out,
                        "Implicitly denied: no statement allows `{action}` on {resource}: {caller} has no identity policy"
                    )
                } else {
                    let names: Vec<&str> = self
                        .traces
                        .iter()
                        .filter(|t| t.kind == PolicyKind::Identity)
                        .map(|t| t.policy.name)
                        .collect();
                    write!(
                        out,
                        "Implicitly denied: no statement allows `{action}` on {resource} in the identity {} of {caller} ({})",
                        if count == 1 { "policy" } else { "policies" },
                        names.join(", ")
                    )
                }
                .and_then(|_| {
                    if self.cross_account {
                        write!(out, "; cross-account access needs an identity policy in account {} too", self.caller.account())
                    } else if self.traces.iter().any(|t| {
                        matches!(t.kind, PolicyKind::Resource | PolicyKind::Trust | PolicyKind::KmsKey) && t.allows
                    }) {
                        write!(out, "; the resource policy allows only the account, which delegates to identity policies")
                    } else {
                        Ok(())
                    }
                })
            }
            Reason::BoundaryNoAllow => write!(
                out,
                "Implicitly denied: the permissions boundary of {caller} does not allow `{action}` on {resource}"
            ),
            Reason::SessionNoAllow => write!(
                out,
                "Implicitly denied: the session policy of {caller} does not allow `{action}` on {resource}"
            ),
            Reason::AllowedAsRoot => write!(
                out,
                "Allowed: {caller} may `{action}` on {resource} in its own account"
            ),
            Reason::AllowedByResourcePolicy | Reason::AllowedByIdentityPolicy | Reason::AllowedCrossAccount => {
                let by: Vec<String> = deciding
                    .iter()
                    .map(|s| format!("{} of the {}", statement_name(s), policy_name(&s.trace)))
                    .collect();
                write!(
                    out,
                    "Allowed: {caller} may `{action}` on {resource}, allowed by {}",
                    by.join(" and ")
                )
            }
        };
        if self.reason.result() == AuthorizationResult::ImplicitlyDenied {
            for s in deciding.iter().take(3) {
                let _ = write!(
                    out,
                    "; {} of the {} did not apply: {}",
                    statement_name(s),
                    policy_name(&s.trace),
                    self.miss(s)
                );
            }
        }
        out
    }

    /// Why a statement did not apply, in words.
    fn miss(&self, s: &StatementAt<'r>) -> String {
        let resource_element = s.statement.resource.as_ref();
        match s.outcome {
            Outcome::Applies(_) => "it applies".to_string(),
            Outcome::Action => format!(
                "`{}` is not in its {}",
                self.action,
                if s.statement.action.negated {
                    "NotAction (excluded)"
                } else {
                    "Action"
                }
            ),
            Outcome::Resource => match resource_element.is_some_and(|r| r.negated) {
                true => format!("{} is excluded by its NotResource", self.resource),
                false => format!("{} is not in its Resource", self.resource),
            },
            Outcome::ResourceVariable => {
                "a policy variable in its Resource has no value in the request".to_string()
            }
            Outcome::Principal => match &s.statement.principal {
                Some(p) if p.negated => {
                    format!("{} is excluded by its NotPrincipal", self.caller.arn())
                }
                Some(_) => format!("{} is not named in its Principal", self.caller.arn()),
                None => "it has no Principal".to_string(),
            },
            Outcome::Condition(i) | Outcome::ConditionVariable(i) => {
                match s.statement.condition.entries.get(usize::from(i)) {
                    Some(entry) => self
                        .condition_miss(entry, matches!(s.outcome, Outcome::ConditionVariable(_))),
                    None => "a condition does not hold".to_string(),
                }
            }
        }
    }

    fn condition_miss(&self, entry: &ConditionEntry, variable: bool) -> String {
        let expects = entry
            .written
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let head = format!(
            "condition {} {} {}",
            entry.operator_name, entry.key, expects
        );
        if variable {
            return format!("{head}: a policy variable in it has no value in the request");
        }
        match self.context.get(&entry.key) {
            None => format!("{head} does not hold: the request has no {}", entry.key),
            Some(v) => {
                let seen = v
                    .as_slice()
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!(
                    "{head} does not hold: the request's {} is {}",
                    entry.key,
                    if seen.is_empty() {
                        "empty".to_string()
                    } else {
                        seen
                    }
                )
            }
        }
    }

    fn statement_json(&self, s: &StatementAt<'r>) -> Value {
        let mut m = Map::new();
        m.insert("policyKind".into(), s.trace.kind.code().into());
        m.insert("policyName".into(), s.trace.policy.name.into());
        if let Some(level) = s.trace.level {
            m.insert("orgLevel".into(), level.into());
        }
        if let Some(sid) = s.statement.sid() {
            m.insert("sid".into(), sid.into());
        }
        m.insert("index".into(), s.index.into());
        m.insert("effect".into(), s.statement.effect.as_str().into());
        m.insert("pointer".into(), self.pointer(s).into());
        if !matches!(s.outcome, Outcome::Applies(_)) {
            m.insert("failed".into(), self.failure_json(s));
        }
        Value::Object(m)
    }

    fn pointer(&self, s: &StatementAt<'r>) -> String {
        format!(
            "{}{}",
            s.trace.policy.source.unwrap_or(""),
            s.trace.policy.policy.statement_pointer(s.index)
        )
    }

    fn failure_json(&self, s: &StatementAt<'r>) -> Value {
        let part = match s.outcome {
            Outcome::Applies(_) => return Value::Null,
            Outcome::Action => "action",
            Outcome::Resource | Outcome::ResourceVariable => "resource",
            Outcome::Principal => "principal",
            Outcome::Condition(_) | Outcome::ConditionVariable(_) => "condition",
        };
        let mut m = Map::new();
        m.insert("part".into(), part.into());
        if let Outcome::Condition(i) | Outcome::ConditionVariable(i) = s.outcome {
            if let Some(entry) = s.statement.condition.entries.get(usize::from(i)) {
                m.insert("operator".into(), entry.operator_name.as_ref().into());
                m.insert("key".into(), entry.key.as_ref().into());
                m.insert("policyValues".into(), json!(entry.written));
                m.insert(
                    "requestValue".into(),
                    match self.context.get(&entry.key) {
                        None => Value::Null,
                        Some(v) => match v.single() {
                            Some(one) => one.into(),
                            None => json!(v.as_slice()),
                        },
                    },
                );
            }
        }
        m.insert("detail".into(), self.miss(s).into());
        Value::Object(m)
    }

    /// The whole explanation as JSON: result, reason, summary, deciding statements and,
    /// per policy, each statement's outcome.
    pub fn to_json(&self) -> Value {
        let deciding: Vec<Value> = self
            .deciding()
            .iter()
            .map(|s| self.statement_json(s))
            .collect();
        let policies: Vec<Value> = self
            .traces
            .iter()
            .map(|t| {
                let statements: Vec<Value> = self
                    .statements()
                    .filter(|s| {
                        std::ptr::eq(s.trace.policy.policy, t.policy.policy)
                            && s.trace.start == t.start
                    })
                    .map(|s| {
                        let mut v = self.statement_json(&s);
                        if let Value::Object(m) = &mut v {
                            for k in ["policyKind", "policyName", "orgLevel"] {
                                m.remove(k);
                            }
                            m.insert(
                                "applies".into(),
                                matches!(s.outcome, Outcome::Applies(_)).into(),
                            );
                        }
                        v
                    })
                    .collect();
                let mut m = Map::new();
                m.insert("kind".into(), t.kind.code().into());
                m.insert("name".into(), t.policy.name.into());
                if let Some(level) = t.level {
                    m.insert("orgLevel".into(), level.into());
                }
                m.insert("allows".into(), t.allows.into());
                m.insert("denies".into(), t.denies.into());
                m.insert("statements".into(), statements.into());
                Value::Object(m)
            })
            .collect();
        json!({
            "result": self.reason.result().as_str(),
            "reason": self.reason.code(),
            "summary": self.summary(),
            "request": {
                "principal": self.caller.arn(),
                "action": self.action,
                "resource": self.resource,
                "resourceAccount": self.resource_account,
                "crossAccount": self.cross_account,
            },
            "decidingStatements": deciding,
            "policies": policies,
        })
    }
}

fn statement_name(s: &StatementAt<'_>) -> String {
    match s.statement.sid() {
        Some(sid) if !sid.is_empty() => format!("statement `{sid}`"),
        _ => format!("statement #{}", s.index),
    }
}

fn policy_name(t: &PolicyTrace<'_>) -> String {
    match t.level {
        Some(level) => format!("{} {} at {level}", t.kind.noun(), t.policy.name),
        None => format!("{} {}", t.kind.noun(), t.policy.name),
    }
}

fn role_name(resource: &str) -> &str {
    resource.rsplit('/').next().unwrap_or(resource)
}
