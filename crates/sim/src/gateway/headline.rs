//! A call in one line, naming what mattered: for a denial, the statement part or the
//! missing statement that decided it (`sts:AssumeRole denied: the trust policy of role T
//! (account 2) expects sts:ExternalId "a", the call sent "b"`); for an allowed call, the
//! policy that allowed it and the conditions that matched.

use super::facts::Facts;
use super::wording::{
    condition_predicate, is_variable_failure, policy_phrase, quoted, statement_name, written_list,
};
use iam::{AuthorizationResult, ConditionMatch, FailedPart, PolicyKind, Reason, StatementReport};

/// The headline of a decided call.
pub(crate) fn headline(f: &Facts) -> String {
    let action = f.access.action;
    let result = f.explanation.result;
    if let Some((role, account)) = f
        .missing_role()
        .filter(|_| result != AuthorizationResult::Allowed)
    {
        return format!("{action} denied: there is no role {role} in account {account}");
    }
    match result {
        AuthorizationResult::Allowed => allowed(f),
        AuthorizationResult::ExplicitlyDenied => match f.explanation.first_deciding() {
            Some(d) => format!(
                "{action} denied: {} of {} denies it{}",
                statement_name(&d.statement),
                policy_phrase(d.policy_kind, &d.policy_name, &d.statement.pointer),
                d.statement
                    .not_principal
                    .as_ref()
                    .map(|why| format!(": {why}"))
                    .unwrap_or_default()
            ),
            None => format!("{action} denied: a Deny statement denies it"),
        },
        AuthorizationResult::ImplicitlyDenied
            if f.reason() == Reason::IdentityNoAllow && f.is_outsider() =>
        {
            format!("{action} denied: {}", outsider(f))
        }
        AuthorizationResult::ImplicitlyDenied => {
            let nearest = f.explanation.first_deciding().and_then(|d| {
                let policy = policy_phrase(d.policy_kind, &d.policy_name, &d.statement.pointer);
                why_statement(f, &policy, &d.statement)
            });
            let slip = || {
                f.wrong_actions().next().and_then(|(p, s)| {
                    why_statement(f, &policy_phrase(p.kind, &p.name, &s.pointer), s)
                })
            };
            match nearest.or_else(slip) {
                Some(why) => format!("{action} denied: {why}"),
                None => format!("{action} denied: {}", no_statement(f)),
            }
        }
    }
}

/// A caller the scenario has no role for: no identity policy allows it, and across
/// accounts the resource's policy cannot allow it alone.
fn outsider(f: &Facts) -> String {
    let caller = f.caller();
    let resource_allows = f
        .explanation
        .policies
        .iter()
        .any(|p| p.kind.is_resource_based() && p.allows);
    match (f.explanation.request.cross_account, resource_allows) {
        (true, true) => format!(
            "{caller} is not in the scenario, so no identity policy allows it; across accounts the {} alone is not enough",
            f.access.resource_policy_noun.unwrap_or("resource-based policy")
        ),
        _ => format!("{caller} is not in the scenario, so no identity policy allows it"),
    }
}

/// What in a statement (of `policy`) kept it from applying, as a sentence.
fn why_statement(f: &Facts, policy: &str, s: &StatementReport) -> Option<String> {
    let failed = s.failed.as_ref()?;
    let written = f.written(s);
    let element = |name: &str| written.and_then(|w| w.get(name));
    let statement = statement_name(s);
    let (action, resource) = (f.access.action, &f.access.resource);
    let variable = is_variable_failure(&failed.detail);
    Some(match failed.part {
        FailedPart::Condition => match &failed.condition {
            Some(miss) => format!("{policy} {}", condition_predicate(miss, variable)),
            None => format!("a condition of {statement} of {policy} does not hold"),
        },
        FailedPart::Action if element("NotAction").is_some() => {
            format!("the NotAction of {statement} of {policy} excludes {action}")
        }
        FailedPart::Action => match written_list(element("Action")) {
            Some(list) => format!("the Action of {statement} of {policy} is {list}, not {action}"),
            None => format!("the Action of {statement} of {policy} does not include {action}"),
        },
        FailedPart::Resource if variable => format!(
            "a policy variable in the Resource of {statement} of {policy} has no value in the call"
        ),
        FailedPart::Resource if element("NotResource").is_some() => {
            format!("the NotResource of {statement} of {policy} excludes {resource}")
        }
        FailedPart::Resource => match written_list(element("Resource")) {
            Some(list) => {
                format!("the Resource of {statement} of {policy} is {list}, not {resource}")
            }
            None => format!("the Resource of {statement} of {policy} does not cover {resource}"),
        },
        FailedPart::Principal if element("NotPrincipal").is_some() => format!(
            "the NotPrincipal of {statement} of {policy} excludes {}",
            f.caller()
        ),
        FailedPart::Principal if element("Principal").is_none() => {
            format!("{statement} of {policy} has no Principal")
        }
        FailedPart::Principal => format!(
            "the Principal of {statement} of {policy} does not include {}",
            f.caller()
        ),
    })
}

/// A denial no statement came close to: which policy was missing what.
fn no_statement(f: &Facts) -> String {
    let (resource, account) = (&f.access.resource, &f.access.resource_account);
    let caller = f.caller();
    let resource_policy = || match f.access.resource_policy {
        Some(p) => {
            let kind = match f.access.trust {
                true => PolicyKind::Trust,
                false => PolicyKind::Resource,
            };
            policy_phrase(kind, &p.name, &p.pointer)
        }
        None => "the resource policy".into(),
    };
    match f.reason() {
        Reason::IdentityNoAllow => format!(
            "no statement in the identity policies of {caller} allows it on {resource}"
        ),
        Reason::ResourcePolicyNoAllow => {
            format!("no statement in {} allows {caller}", resource_policy())
        }
        Reason::NoResourcePolicy if f.access.trust => format!(
            "role {} (account {account}) has no trust policy",
            resource.rsplit('/').next().unwrap_or(resource)
        ),
        Reason::NoResourcePolicy => match f.access.resource_policy_noun {
            None if resource == "*" => format!(
                "the call is for account {account} and names no resource (*) whose policy could let {caller} in"
            ),
            None => format!(
                "{resource} is in account {account}, and this resource type has no resource-based policy that could let {caller} in"
            ),
            Some(noun) => format!(
                "{resource} is in account {account} and has no {noun} that allows {caller}"
            ),
        },
        Reason::BoundaryNoAllow => format!(
            "the permissions boundary of {caller} does not allow it on {resource}"
        ),
        Reason::SessionNoAllow => {
            format!("the session policy of {caller} does not allow it on {resource}")
        }
        Reason::ScpNoAllow => format!(
            "no service control policy of the organization allows it in account {}",
            f.caller_account()
        ),
        Reason::ExplicitDeny
        | Reason::AllowedByResourcePolicy
        | Reason::AllowedByIdentityPolicy
        | Reason::AllowedCrossAccount
        | Reason::AllowedAsRoot
        | Reason::NoPermissionRequired => "no policy allows it".into(),
    }
}

/// An allowed call: the policies that allowed it, and the conditions that matched (those
/// of a resource-based policy first).
fn allowed(f: &Facts) -> String {
    let action = f.access.action;
    match f.reason() {
        Reason::NoPermissionRequired => return format!("{action} allowed: it needs no permission"),
        Reason::AllowedAsRoot => {
            return format!("{action} allowed: the account root user acts in its own account")
        }
        _ => {}
    }
    let deciding = &f.explanation.deciding_statements;
    let phrase = |d: &iam::DecidingStatement| {
        policy_phrase(d.policy_kind, &d.policy_name, &d.statement.pointer)
    };
    let conditional = deciding
        .iter()
        .filter(|d| !d.statement.matched_conditions.is_empty())
        .min_by_key(|d| !d.policy_kind.is_resource_based());
    if let Some(d) = conditional {
        let matched: Vec<String> = d.statement.matched_conditions.iter().map(matched).collect();
        return format!("{action} allowed by {}: {}", phrase(d), matched.join("; "));
    }
    let mut policies: Vec<String> = Vec::new();
    for p in deciding.iter().map(phrase) {
        if !policies.contains(&p) {
            policies.push(p);
        }
    }
    match policies.is_empty() {
        true => format!("{action} allowed"),
        false => format!("{action} allowed by {}", policies.join(" and ")),
    }
}

/// `KEY sent "v", matched by OPERATOR` (or `KEY absent, allowed by OPERATOR`).
fn matched(m: &ConditionMatch) -> String {
    match m.request_values.is_empty() {
        true => format!("{} absent, allowed by {}", m.key, m.operator),
        false => format!(
            "{} sent {}, matched by {}",
            m.key,
            quoted(&m.request_values, ", "),
            m.operator
        ),
    }
}
