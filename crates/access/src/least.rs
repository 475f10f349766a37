//! Least privilege from a run, as Access Analyzer generates a policy from activity: for
//! each role whose sessions called, the identity policy those calls needed (the actions
//! its identity policies allowed, on the resources called, with the conditions that held)
//! and what its policies grant that no call used.

use crate::scan;
use iam::PolicyKind;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sim::{Edit, EditOp, Fix, Principal, Report, Scenario};
use std::collections::BTreeMap;

/// A role's least privilege; in JSON `{"used", "unused"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeastPrivilege {
    /// The identity policy the run needed: `{"Version", "Statement"}`, one statement per
    /// set of actions with their resources (and the conditions that held, if any).
    pub used: Value,
    /// What the role's identity policies grant that the run never used.
    pub unused: Vec<Unused>,
}

/// Actions a statement grants that no call used; in JSON `{"policy", "statement",
/// "actions"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unused {
    /// The policy's name.
    pub policy: String,
    /// The statement's pointer into the scenario.
    pub statement: String,
    /// The entries of its `Action` (as written) that matched no call it allowed.
    pub actions: Vec<String>,
}

/// A statement being generated: its actions, resources and condition block.
struct Needed {
    actions: Vec<String>,
    resources: Vec<String>,
    condition: Map<String, Value>,
}

/// For each role of `scenario` whose sessions made calls in `report`, by role ARN: the
/// identity policy those calls needed and what its policies grant unused. A call counts
/// when it was allowed and an identity statement of the role allowed it (a call a resource
/// policy alone allowed in the role's own account needs nothing of the role).
pub fn least_privilege(scenario: &Scenario, report: &Report) -> BTreeMap<String, LeastPrivilege> {
    let document = scenario.document();
    let mut out = BTreeMap::new();
    let mut roles: Vec<(&str, &str)> = Vec::new();
    for call in &report.calls {
        if let Principal::Session(s) = &call.caller {
            if scenario.role(&s.account, &s.role).is_some()
                && !roles.contains(&(s.account.as_str(), s.role.as_str()))
            {
                roles.push((&s.account, &s.role));
            }
        }
    }
    for (account, name) in roles {
        let Some(role) = scenario.role(account, name) else {
            continue;
        };
        // (resource, condition) → actions, in the order first called; and the pointers
        // of the statements each used action came through.
        let mut per_resource: Vec<(String, Map<String, Value>, Vec<String>)> = Vec::new();
        let mut through: Vec<(String, String)> = Vec::new();
        for call in &report.calls {
            let Principal::Session(s) = &call.caller else {
                continue;
            };
            if s.account != account || s.role != name || !call.decision.allowed() {
                continue;
            }
            let Some(explanation) = &call.decision.explanation else {
                continue;
            };
            let identity: Vec<_> = explanation
                .deciding_statements
                .iter()
                .filter(|d| d.policy_kind == PolicyKind::Identity)
                .collect();
            if identity.is_empty() {
                continue;
            }
            let mut condition = Map::new();
            for deciding in &identity {
                through.push((deciding.statement.pointer.clone(), call.action.to_string()));
                for c in &deciding.statement.matched_conditions {
                    let entries = condition
                        .entry(c.operator.clone())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(entries) = entries {
                        entries.insert(c.key.clone(), one_or_many(&c.policy_values));
                    }
                }
            }
            let action = call.action.to_string();
            match per_resource
                .iter_mut()
                .find(|(r, c, _)| *r == call.resource && *c == condition)
            {
                Some((_, _, actions)) => {
                    if !actions.contains(&action) {
                        actions.push(action);
                    }
                }
                None => per_resource.push((call.resource.clone(), condition, vec![action])),
            }
        }
        let mut needed: Vec<Needed> = Vec::new();
        for (resource, condition, actions) in per_resource {
            match needed
                .iter_mut()
                .find(|n| n.actions == actions && n.condition == condition)
            {
                Some(n) => n.resources.push(resource),
                None => needed.push(Needed {
                    actions,
                    resources: vec![resource],
                    condition,
                }),
            }
        }
        let statements: Vec<Value> = needed.into_iter().map(statement).collect();
        let used = json!({"Version": "2012-10-17", "Statement": statements});
        let mut unused = Vec::new();
        for policy in &role.policies {
            let Some(doc) = document.pointer(&policy.pointer) else {
                continue;
            };
            for (index, st) in scan::statements(doc).into_iter().enumerate() {
                if st.get("Effect").and_then(Value::as_str) != Some("Allow") {
                    continue;
                }
                let pointer = match doc.get("Statement") {
                    Some(Value::Array(_)) => format!("{}/Statement/{index}", policy.pointer),
                    _ => format!("{}/Statement", policy.pointer),
                };
                let actions: Vec<String> = st
                    .get("Action")
                    .map(scan::strings)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|written| {
                        !through
                            .iter()
                            .any(|(p, a)| *p == pointer && scan::action_matches(written, a))
                    })
                    .map(str::to_string)
                    .collect();
                if !actions.is_empty() {
                    unused.push(Unused {
                        policy: policy.name.clone(),
                        statement: pointer,
                        actions,
                    });
                }
            }
        }
        out.insert(
            format!("arn:aws:iam::{account}:role/{name}"),
            LeastPrivilege { used, unused },
        );
    }
    out
}

fn one_or_many(values: &[String]) -> Value {
    match values {
        [one] => Value::String(one.clone()),
        many => Value::Array(many.iter().cloned().map(Value::String).collect()),
    }
}

fn statement(needed: Needed) -> Value {
    let mut statement = Map::new();
    statement.insert("Effect".into(), json!("Allow"));
    statement.insert("Action".into(), one_or_many(&needed.actions));
    statement.insert("Resource".into(), one_or_many(&needed.resources));
    if !needed.condition.is_empty() {
        statement.insert("Condition".into(), Value::Object(needed.condition));
    }
    Value::Object(statement)
}

/// The name the generated policy gets when applied.
pub const LEAST_PRIVILEGE_POLICY: &str = "LeastPrivilege";

/// The edit that replaces the identity policies of the role `role_arn` (of the scenario)
/// with `privilege.used`, named [`LEAST_PRIVILEGE_POLICY`]; `None` when `role_arn` is not
/// a role ARN. Apply it with [`sim::apply_fix`]; the page undoes it as any edit.
pub fn least_privilege_fix(role_arn: &str, privilege: &LeastPrivilege) -> Option<Fix> {
    let rest = role_arn.strip_prefix("arn:aws:iam::")?;
    let (account, name) = rest.split_once(":role/")?;
    let name = name.rsplit('/').next()?;
    if !scan::is_account_id(account) || name.is_empty() {
        return None;
    }
    let role = jsonloc::pointer_push(
        &jsonloc::pointer_push(&jsonloc::pointer_push("/accounts", account), "roles"),
        name,
    );
    let mut policies = Map::new();
    policies.insert(LEAST_PRIVILEGE_POLICY.into(), privilege.used.clone());
    Some(Fix {
        title: format!(
            "Replace the policies of role {name} with the least privilege its run needed"
        ),
        item: jsonloc::pointer_push(&format!("{role}/policies"), LEAST_PRIVILEGE_POLICY),
        edits: vec![Edit {
            pointer: format!("{role}/policies"),
            op: EditOp::Replace(Value::Object(policies)),
        }],
    })
}
