//! The fixes a denial is offered: one edit of the scenario each, tried in order (a
//! condition value, a principal, a slipped action, then a new least-privilege statement);
//! the gateway keeps the first that makes the call allowed. An explicit deny, a boundary,
//! a session policy or an SCP get advice only, and so does a condition that another
//! statement would only bypass.

use super::facts::{item_of, policy_pointer, Facts};
use super::wording::{expects, policy_phrase, statement_name};
use crate::fix::{Edit, EditOp, Fix};
use crate::identity::Principal;
use iam::{ContextValue, DecidingStatement, FailedPart, PolicyKind, Reason, StatementReport};
use serde_json::{json, Value};

/// The candidate fixes of a denied call, most specific first; none is checked yet.
pub(crate) fn candidates(f: &Facts) -> Vec<Fix> {
    if !matches!(
        f.reason(),
        Reason::IdentityNoAllow | Reason::ResourcePolicyNoAllow
    ) {
        return Vec::new();
    }
    let mut out: Vec<Fix> = f
        .explanation
        .deciding_statements
        .iter()
        .filter_map(|d| match d.statement.failed.as_ref()?.part {
            FailedPart::Condition => condition(f, d),
            FailedPart::Principal => principal(f, d),
            FailedPart::Action | FailedPart::Resource => None,
        })
        .collect();
    out.extend(
        f.wrong_actions()
            .filter_map(|(p, s)| action(f, p.kind, &p.name, s)),
    );
    let conditioned = f.explanation.deciding_statements.iter().any(|d| {
        d.statement
            .failed
            .as_ref()
            .is_some_and(|x| x.part == FailedPart::Condition)
    });
    if f.reason() == Reason::IdentityNoAllow && !conditioned {
        out.extend(new_statement(f));
    }
    out
}

fn edit(pointer: String, op: EditOp) -> Edit {
    Edit { pointer, op }
}

/// `statement "S" of POLICY`.
fn statement_of(kind: PolicyKind, name: &str, s: &StatementReport) -> String {
    format!(
        "{} of {}",
        statement_name(s),
        policy_phrase(kind, name, &s.pointer)
    )
}

/// A failed value condition (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, with
/// or without `IfExists`) on a key the call sent one value for: that value replaces the
/// written one (or joins the written list).
fn condition(f: &Facts, d: &DecidingStatement) -> Option<Fix> {
    let miss = d.statement.failed.as_ref()?.condition.as_ref()?;
    let Some(ContextValue::Single(sent)) = &miss.request_value else {
        return None;
    };
    if !expects(&miss.operator) {
        return None;
    }
    let (op, add) = match f.scenario.document.pointer(&miss.pointer)? {
        Value::String(_) => (
            edit(miss.pointer.clone(), EditOp::Replace(json!(sent))),
            false,
        ),
        Value::Array(_) => (
            edit(format!("{}/-", miss.pointer), EditOp::Add(json!(sent))),
            true,
        ),
        _ => return None,
    };
    let caller_machine = d.policy_kind == PolicyKind::Trust
        && miss.key.eq_ignore_ascii_case("sts:ExternalId")
        && sent.contains(":stateMachine:");
    let title = match (caller_machine, add) {
        (true, false) => {
            "Set the trust policy's sts:ExternalId to the calling state machine's ARN".to_string()
        }
        (true, true) => {
            "Add the calling state machine's ARN to the trust policy's sts:ExternalId values"
                .to_string()
        }
        (false, _) => format!(
            "Make {} accept {} \"{sent}\", the value the call sent",
            statement_of(d.policy_kind, &d.policy_name, &d.statement),
            miss.key
        ),
    };
    Some(Fix {
        title,
        item: item_of(policy_pointer(&d.statement)).to_string(),
        edits: vec![op],
    })
}

/// A trust or resource policy statement whose `Principal` misses the caller: the caller's
/// role ARN (or service name) joins it.
fn principal(f: &Facts, d: &DecidingStatement) -> Option<Fix> {
    if !d.policy_kind.is_resource_based() {
        return None;
    }
    let (key, name) = match f.principal {
        Principal::Session(s) => ("AWS", s.role_arn()),
        Principal::Service(s) => ("Service", s.clone()),
        Principal::Anonymous => ("AWS", "*".into()),
    };
    let at = format!("{}/Principal", d.statement.pointer);
    let Value::Object(principal) = f.scenario.document.pointer(&at)? else {
        return None;
    };
    let at = jsonloc::pointer_push(&at, key);
    let op = match principal.get(key) {
        None => edit(at, EditOp::Add(json!(name))),
        Some(Value::String(one)) => edit(at, EditOp::Replace(json!([one, name]))),
        Some(Value::Array(_)) => edit(format!("{at}/-"), EditOp::Add(json!(name))),
        Some(_) => return None,
    };
    Some(Fix {
        title: format!(
            "Add {} to the Principal of {}",
            f.caller(),
            statement_of(d.policy_kind, &d.policy_name, &d.statement)
        ),
        item: item_of(policy_pointer(&d.statement)).to_string(),
        edits: vec![op],
    })
}

/// An `Allow` statement whose `Action` names other actions of the same service: the
/// called action replaces a single one, or joins the list.
fn action(f: &Facts, kind: PolicyKind, name: &str, s: &StatementReport) -> Option<Fix> {
    let wanted = f.access.action;
    let at = format!("{}/Action", s.pointer);
    let statement = statement_of(kind, name, s);
    let (op, title) = match f.scenario.document.pointer(&at)? {
        Value::String(old) => (
            edit(at, EditOp::Replace(json!(wanted))),
            format!("Change the Action of {statement} from {old} to {wanted}"),
        ),
        Value::Array(_) => (
            edit(format!("{at}/-"), EditOp::Add(json!(wanted))),
            format!("Add {wanted} to the Action of {statement}"),
        ),
        _ => return None,
    };
    Some(Fix {
        title,
        item: item_of(policy_pointer(s)).to_string(),
        edits: vec![op],
    })
}

/// A least-privilege statement (the action on the resource) in the caller role's first
/// inline policy, or a new inline policy named after the action when it has none.
fn new_statement(f: &Facts) -> Option<Fix> {
    let Principal::Session(session) = f.principal else {
        return None;
    };
    let role = f.scenario.role(&session.account, &session.role)?;
    let (action, resource) = (f.access.action, &f.access.resource);
    let statement = json!({"Effect": "Allow", "Action": action, "Resource": resource});
    let role_at = jsonloc::pointer_push(
        &jsonloc::pointer_push(
            &jsonloc::pointer_push("/accounts", &session.account),
            "roles",
        ),
        &session.role,
    );
    let caller = f.caller();
    let allows = format!("that allows {action} on {resource}");
    if let Some(first) = role.policies.first() {
        let at = format!("{}/Statement", first.pointer);
        let op = match f.scenario.document.pointer(&at)? {
            Value::Array(_) => edit(format!("{at}/-"), EditOp::Add(statement)),
            one @ Value::Object(_) => edit(at, EditOp::Replace(json!([one, statement]))),
            _ => return None,
        };
        let name = jsonloc::pointer_tokens(&first.pointer)
            .pop()
            .unwrap_or_default();
        return Some(Fix {
            title: format!("Add a statement to policy {name} of {caller} {allows}"),
            item: first.pointer.clone(),
            edits: vec![op],
        });
    }
    let name = policy_name(action);
    let policy = json!({"Version": "2012-10-17", "Statement": [statement]});
    let policies_at = format!("{role_at}/policies");
    let item = jsonloc::pointer_push(&policies_at, &name);
    let op = match f.scenario.document.pointer(&policies_at) {
        Some(_) => edit(item.clone(), EditOp::Add(policy)),
        None => edit(policies_at, EditOp::Add(json!({ name.as_str(): policy }))),
    };
    Some(Fix {
        title: format!("Add a policy {name} to {caller} {allows}"),
        item,
        edits: vec![op],
    })
}

/// A policy name after an action: `states:StartSyncExecution` → `AllowStatesStartSyncExecution`.
fn policy_name(action: &str) -> String {
    let mut out = String::from("Allow");
    for part in action.split(':') {
        let mut chars = part.chars().filter(|c| c.is_ascii_alphanumeric());
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::policy_name;

    #[test]
    fn new_policies_are_named_after_the_action() {
        assert_eq!(
            policy_name("states:StartSyncExecution"),
            "AllowStatesStartSyncExecution"
        );
        assert_eq!(policy_name("sts:AssumeRole"), "AllowStsAssumeRole");
    }
}
