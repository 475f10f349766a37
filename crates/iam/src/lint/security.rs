//! Security checks: `Allow` with `NotPrincipal`, `iam:PassRole` and
//! `iam:CreateServiceLinkedRole` on wildcard resources, and the confused deputy: a trust or
//! resource policy that lets a service principal, or another account, act without
//! `aws:SourceArn`/`aws:SourceAccount`/`sts:ExternalId`.

use super::{strings, Check, Findings, PolicyUse};
use crate::arn::{is_account_id, ArnParts};
use crate::condition::Operator;
use crate::wildcard::{glob, Case};
use serde_json::{Map, Value};

pub(super) fn check(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    if st.get("Effect").and_then(Value::as_str) != Some("Allow") {
        return;
    }
    if st.contains_key("NotPrincipal") {
        out.add(
            Check::AllowWithNotPrincipal,
            &format!("{pointer}/NotPrincipal"),
            "Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.",
        );
    }
    if out.use_.is_identity() || out.use_ == PolicyUse::Session {
        wildcard_grants(st, pointer, out);
    }
    if matches!(out.use_, PolicyUse::Trust | PolicyUse::Resource) {
        confused_deputy(st, pointer, out);
    }
}

/// One finding a sensitive action can raise: the check and Access Analyzer's message.
struct Grant {
    check: Check,
    message: &'static str,
}

/// An action that must not be granted on every resource, with the finding for each way of
/// granting it too widely.
struct Sensitive {
    action: &'static str,
    /// Whether an `iam:PassedToService` condition makes the grant narrow enough.
    narrowed_by_passed_to_service: bool,
    star_resource: Grant,
    star_action_and_resource: Grant,
    not_resource: Grant,
    star_action_not_resource: Grant,
    not_action_star_resource: Grant,
    not_action_not_resource: Grant,
}

const SENSITIVE: [Sensitive; 2] = [
    Sensitive {
        action: "iam:passrole",
        narrowed_by_passed_to_service: true,
        star_resource: Grant {
            check: Check::PassRoleWithStarInResource,
            message: "Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.",
        },
        star_action_and_resource: Grant {
            check: Check::PassRoleWithStarInActionAndResource,
            message: "Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.",
        },
        not_resource: Grant {
            check: Check::PassRoleWithNotResource,
            message: "Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.",
        },
        star_action_not_resource: Grant {
            check: Check::PassRoleWithStarInActionAndNotResource,
            message: "Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.",
        },
        not_action_star_resource: Grant {
            check: Check::PassRoleWithStarInResourceAndNotAction,
            message: "Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.",
        },
        not_action_not_resource: Grant {
            check: Check::PassRoleWithNotActionAndNotResource,
            message: "Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.",
        },
    },
    Sensitive {
        action: "iam:createservicelinkedrole",
        narrowed_by_passed_to_service: false,
        star_resource: Grant {
            check: Check::CreateSlrWithStarInResource,
            message: "Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.",
        },
        star_action_and_resource: Grant {
            check: Check::CreateSlrWithStarInActionAndResource,
            message: "Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.",
        },
        not_resource: Grant {
            check: Check::CreateSlrWithNotResource,
            message: "Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.",
        },
        star_action_not_resource: Grant {
            check: Check::CreateSlrWithStarInActionAndNotResource,
            message: "Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.",
        },
        not_action_star_resource: Grant {
            check: Check::CreateSlrWithStarInResourceAndNotAction,
            message: "Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.",
        },
        not_action_not_resource: Grant {
            check: Check::CreateSlrWithNotActionAndNotResource,
            message: "Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.",
        },
    },
];

fn has_condition_key(st: &Map<String, Value>, keys: &[&str]) -> bool {
    st.get("Condition")
        .and_then(Value::as_object)
        .is_some_and(|ops| {
            ops.iter().any(|(op, entries)| {
                let positive = Operator::parse(op).is_some_and(|o| !o.negated && !o.if_exists);
                positive
                    && entries.as_object().is_some_and(|m| {
                        m.keys()
                            .any(|k| keys.iter().any(|w| k.eq_ignore_ascii_case(w)))
                    })
            })
        })
}

fn wildcard_grants(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let (action_el, not_action) = match (st.get("Action"), st.get("NotAction")) {
        (Some(a), _) => (a, false),
        (None, Some(a)) => (a, true),
        _ => return,
    };
    let (resource_el, not_resource) = match (st.get("Resource"), st.get("NotResource")) {
        (Some(r), _) => (r, false),
        (None, Some(r)) => (r, true),
        _ => return,
    };
    let actions: Vec<String> = strings(Some(action_el))
        .iter()
        .map(|(_, a)| a.to_ascii_lowercase())
        .collect();
    let star_resource = strings(Some(resource_el)).iter().any(|(_, r)| {
        *r == "*"
            || r.ends_with(":role/*")
            || r.ends_with(":*")
            || r.starts_with("arn:aws:iam::*:role/*")
    });
    for s in &SENSITIVE {
        let exact = actions.iter().any(|a| a == s.action);
        let covered = actions.iter().any(|a| glob(a, s.action, Case::Insensitive));
        let excluded = not_action && covered;
        let grant = match (not_action, not_resource) {
            (false, false) if star_resource && exact => &s.star_resource,
            (false, false) if star_resource && covered => &s.star_action_and_resource,
            (false, true) if exact => &s.not_resource,
            (false, true) if covered => &s.star_action_not_resource,
            (true, false) if star_resource && !excluded => &s.not_action_star_resource,
            (true, true) if !excluded => &s.not_action_not_resource,
            _ => continue,
        };
        if s.narrowed_by_passed_to_service && has_condition_key(st, &["iam:PassedToService"]) {
            continue;
        }
        out.add(grant.check, pointer, grant.message);
    }
}

const SERVICE_KEYS: [&str; 4] = [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
];
const ACCOUNT_KEYS: [&str; 5] = [
    "sts:ExternalId",
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalArn",
];

fn principal_account(principal: &str) -> Option<&str> {
    if is_account_id(principal) {
        return Some(principal);
    }
    ArnParts::split(principal).map(|p| p.account)
}

fn confused_deputy(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let Some(principal) = st.get("Principal") else {
        return;
    };
    let p = format!("{pointer}/Principal");
    if principal.as_str() == Some("*") {
        if !has_condition_key(st, &ACCOUNT_KEYS)
            && !has_condition_key(st, &["aws:PrincipalAccount"])
        {
            out.add(
                Check::ConfusedDeputyAnyPrincipal,
                &p,
                "Any principal of any account can use this statement: restrict it with an aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or sts:ExternalId condition.",
            );
        }
        return;
    }
    let Some(map) = principal.as_object() else {
        return;
    };
    for (sub, service) in strings(map.get("Service")) {
        if !has_condition_key(st, &SERVICE_KEYS) {
            out.add(
                Check::ConfusedDeputyServicePrincipal,
                &format!("{p}/Service{sub}"),
                format!("The service principal {service} can use this statement on behalf of any account (confused deputy): add an aws:SourceArn or aws:SourceAccount condition naming the resources or account it acts for."),
            );
        }
    }
    if out.use_ != PolicyUse::Trust {
        return;
    }
    for (sub, aws) in strings(map.get("AWS")) {
        let account = principal_account(aws);
        if account.is_some_and(|a| Some(a) == out.own_account.as_deref()) {
            continue;
        }
        if !has_condition_key(st, &ACCOUNT_KEYS) {
            let whom = match account {
                Some(a) => format!("{aws} (account {a})"),
                None => aws.to_string(),
            };
            out.add(
                Check::ConfusedDeputyCrossAccount,
                &format!("{p}/AWS{sub}"),
                format!("{whom} can assume this role without an sts:ExternalId, aws:SourceArn or aws:SourceAccount condition; if it is another account acting for third parties, require sts:ExternalId (confused deputy)."),
            );
        }
    }
}
