//! The explanation in words: the one-line [`Explanation::summary`], and for a statement
//! that did not apply, which part failed and what the request had instead.

use super::selection::StatementAt;
use super::trace::{Outcome, PolicyTrace};
use super::{AuthorizationResult, Explanation, PolicyKind, Reason};
use crate::condition::ConditionEntry;
use crate::policy::Effect;
use crate::principal::Checked;
use crate::request::ResourcePolicyKind;
use std::fmt::Write;

impl PolicyKind {
    /// The kind in words, as the summary names it.
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

impl<'r> Explanation<'r> {
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
                .and_then(|_| match first.and_then(|s| self.not_spared(s)) {
                    Some(why) => write!(out, ": {why}"),
                    None => Ok(()),
                })
                .and_then(|_| match deciding.len() {
                    0 | 1 => Ok(()),
                    n => write!(out, " (and {} more deny statements)", n - 1),
                })
            }
            Reason::ScpNoAllow => {
                write!(
                    out,
                    "Implicitly denied: no service control policy at `{}` allows `{action}` on {resource}",
                    self.scp_level.unwrap_or("?")
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
                    .find(|t| t.kind.is_resource_based())
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
                        t.kind.is_resource_based() && t.allows
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
            Reason::NoPermissionRequired => write!(
                out,
                "Allowed: `{action}` needs no permission, so {caller} may call it whatever the policies say"
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

    /// Why a `Deny` statement that applies through its `NotPrincipal` does not spare the
    /// caller, in words ("AWS JSON policy elements: NotPrincipal"); `None` for any other
    /// statement.
    pub(super) fn not_spared(&self, s: &StatementAt<'r>) -> Option<String> {
        let element = s.statement.principal.as_ref().filter(|p| p.negated)?;
        if !matches!(s.outcome, Outcome::Applies(_)) || s.statement.effect != Effect::Deny {
            return None;
        }
        let caller = self.caller.describe();
        if self.bounded && s.trace.kind.is_resource_based() {
            return Some(format!(
                "a NotPrincipal with Deny denies every principal that has a permissions boundary, as {caller} has, whatever it lists"
            ));
        }
        let checks = element.checks(self.caller);
        let missing: Vec<&Checked> = checks.iter().filter(|(_, l)| !l).map(|(c, _)| c).collect();
        let missing_list = join(&missing, " or ");
        let mut why = match checks.as_slice() {
            [_] => format!("its NotPrincipal does not list {missing_list}"),
            _ => format!(
                "its NotPrincipal spares {caller} only if it lists {}, which AWS checks in turn, and it does not list {missing_list}",
                join(&checks.iter().map(|(c, _)| c).collect::<Vec<_>>(), " and ")
            ),
        };
        if missing.contains(&&Checked::SomeSession) {
            why.push_str(
                " (a role ARN stands for one of the role's sessions, which a NotPrincipal spares only by the session's ARN)",
            );
        }
        (!missing.is_empty()).then_some(why)
    }

    /// Why a statement did not apply, in words.
    pub(super) fn miss(&self, s: &StatementAt<'r>) -> String {
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

    /// Why a condition entry did not hold: the entry as written and what the request had.
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
}

/// ``statement `SID` `` or `statement #INDEX`, as the summary names a statement.
/// `a, b and c` (or with `or`).
fn join(items: &[&Checked], last: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((only, [])) => only.to_string(),
        Some((tail, head)) => {
            let head: Vec<String> = head.iter().map(|c| c.to_string()).collect();
            format!("{}{last}{tail}", head.join(", "))
        }
    }
}

fn statement_name(s: &StatementAt<'_>) -> String {
    match s.statement.sid() {
        Some(sid) if !sid.is_empty() => format!("statement `{sid}`"),
        _ => format!("statement #{}", s.index),
    }
}

/// The policy's kind and name, and its organization level if any.
fn policy_name(t: &PolicyTrace<'_>) -> String {
    match t.level {
        Some(level) => format!("{} {} at {level}", t.kind.noun(), t.policy.name),
        None => format!("{} {}", t.kind.noun(), t.policy.name),
    }
}

/// The role name at the end of a role ARN.
fn role_name(resource: &str) -> &str {
    resource.rsplit('/').next().unwrap_or(resource)
}
