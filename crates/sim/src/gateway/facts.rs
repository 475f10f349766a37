//! What the headline, the advice and the fixes of one decided call read: the scenario
//! (and its document), who called, what was asked, and the IAM explanation.

use super::authz::Access;
use crate::identity::Principal;
use crate::scenario::Scenario;
use iam::{
    Effect, ExplanationReport, FailedPart, PolicyKind, PolicyReport, Reason, StatementReport,
};
use serde_json::Value;

/// One decided call.
pub(crate) struct Facts<'a> {
    pub(crate) scenario: &'a Scenario,
    pub(crate) principal: &'a Principal,
    pub(crate) access: &'a Access<'a>,
    pub(crate) explanation: &'a ExplanationReport,
}

impl<'a> Facts<'a> {
    /// Why it was decided so.
    pub(crate) fn reason(&self) -> Reason {
        self.explanation.reason
    }

    /// The caller in words: `role NAME (account ID)`, or `service principal NAME`.
    pub(crate) fn caller(&self) -> String {
        match self.principal {
            Principal::Session(s) => format!("role {} (account {})", s.role, s.account),
            Principal::Service(s) => format!("service principal {s}"),
            Principal::Anonymous => "an anonymous caller".into(),
        }
    }

    /// The caller's account (`""` for a service principal).
    pub(crate) fn caller_account(&self) -> &str {
        match self.principal {
            Principal::Session(s) => &s.account,
            Principal::Service(_) | Principal::Anonymous => "",
        }
    }

    /// For a trust policy access without one, the role and account it names: the scenario
    /// requires a trust policy of every role, so there is no such role.
    pub(crate) fn missing_role(&self) -> Option<(&'a str, &'a str)> {
        if !self.access.trust || self.access.resource_policy.is_some() {
            return None;
        }
        let role = self.access.resource.rsplit('/').next()?;
        Some((role, &self.access.resource_account))
    }

    /// Whether the caller is a session of a role the scenario does not hold (a role of
    /// another account, or one not written yet): no identity policy applies to it.
    pub(crate) fn is_outsider(&self) -> bool {
        match self.principal {
            Principal::Session(s) => self.scenario.role(&s.account, &s.role).is_none(),
            Principal::Service(_) | Principal::Anonymous => false,
        }
    }

    /// The sentence a decision on an outsider's call ends with.
    pub(crate) fn outsider_note(&self) -> Option<String> {
        self.is_outsider().then(|| {
            format!(
                "{} is not in the scenario, so no identity policy applies to it.",
                capitalized(&self.caller())
            )
        })
    }

    /// A statement as written in the scenario document.
    pub(crate) fn written(&self, statement: &StatementReport) -> Option<&'a Value> {
        self.scenario.document.pointer(&statement.pointer)
    }

    /// The evaluated policies of the kinds the reason is about (identity policies for an
    /// identity denial, the resource's policy for a resource-policy denial).
    pub(crate) fn policies_of_reason(&self) -> impl Iterator<Item = &'a PolicyReport> {
        let kinds: &[PolicyKind] = match self.reason() {
            Reason::IdentityNoAllow => &[PolicyKind::Identity],
            Reason::ResourcePolicyNoAllow => &[PolicyKind::Resource, PolicyKind::Trust],
            _ => &[],
        };
        self.explanation
            .policies
            .iter()
            .filter(move |p| kinds.contains(&p.kind))
    }

    /// The `Allow` statements of the policies of the reason that name only actions of the
    /// called service in their `Action` and failed on it: the action is likely a slip
    /// (`StartExecution` for `StartSyncExecution`). With their policies, in order.
    pub(crate) fn wrong_actions(
        &self,
    ) -> impl Iterator<Item = (&'a PolicyReport, &'a StatementReport)> + '_ {
        let service = self.access.action.split(':').next().unwrap_or("");
        let same_service = move |a: &Value| {
            a.as_str()
                .and_then(|a| a.split_once(':'))
                .is_some_and(|(s, _)| s.eq_ignore_ascii_case(service))
        };
        self.policies_of_reason().flat_map(move |p| {
            p.statements.iter().filter_map(move |o| {
                let s = &o.statement;
                let failed = s.failed.as_ref()?;
                let action = self.written(s)?.get("Action")?;
                let all_same = match action {
                    Value::Array(items) => !items.is_empty() && items.iter().all(same_service),
                    single => same_service(single),
                };
                (s.effect == Effect::Allow && failed.part == FailedPart::Action && all_same)
                    .then_some((p, s))
            })
        })
    }
}

/// The pointer of the policy a statement belongs to: the statement's pointer without its
/// `/Statement…` tail.
pub(crate) fn policy_pointer(statement: &StatementReport) -> &str {
    let p = statement.pointer.as_str();
    p.rfind("/Statement").map_or(p, |at| &p[..at])
}

/// The editable scenario item a policy belongs to: the policy itself, or for a resource's
/// policy, the resource.
pub(crate) fn item_of(policy_pointer: &str) -> &str {
    policy_pointer
        .strip_suffix("/resourcePolicy")
        .unwrap_or(policy_pointer)
}

/// `text` with its first letter in capitals.
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
