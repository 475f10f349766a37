//! Everything worth telling about a scenario before it runs: its errors, plus the lint of
//! every policy (IAM Access Analyzer checks and the confused deputy), Task resources the
//! playground does not simulate, and execution roles Step Functions may not assume.

use crate::diagnostic::{Code, Diagnostic};
use crate::gateway::{decide, Access};
use crate::identity::Principal;
use crate::integration::{resolve, Service};
use crate::scenario::{self, Scenario};
use jsonloc::locate_all;
use serde_json::Value;

/// Every problem in scenario text, errors, warnings and suggestions, each with a pointer
/// into the scenario and its line:column.
pub fn validate_text(text: &str) -> Vec<Diagnostic> {
    let value = match jsonloc::parse(text) {
        Ok(v) => v,
        Err(e) => {
            return vec![Diagnostic {
                position: Some(e.position),
                ..Diagnostic::new(Code::InvalidJson, "", e.message)
            }]
        }
    };
    let mut diags = validate_value(&value);
    locate_all(text, &mut diags);
    diags
}

/// [`validate_text`] over a parsed document (without positions).
pub fn validate_value(value: &Value) -> Vec<Diagnostic> {
    let (scenario, mut diags) = scenario::check(value);
    if let Some(s) = &scenario {
        lint_policies(s, value, &mut diags);
        role_inline_policies(value, &mut diags);
        execution_roles(s, &mut diags);
    }
    task_resources(value, &mut diags);
    diags.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.pointer.cmp(&b.pointer))
    });
    diags
}

fn lint_policies(s: &Scenario, value: &Value, diags: &mut Vec<Diagnostic>) {
    for site in &s.policy_sites {
        let Some(doc) = value.pointer(&site.pointer) else {
            continue;
        };
        if iam::Policy::from_value(doc).is_err() {
            continue;
        }
        let findings = if site.account.is_empty() {
            iam::lint(doc, site.use_)
        } else {
            iam::lint_in_account(doc, site.use_, &site.account)
        };
        diags.extend(
            findings
                .into_iter()
                .map(|f| f.map_code(Code::Lint).under(&site.pointer)),
        );
    }
}

/// IAM's quota on a role's inline policies together (`PutRolePolicy` refuses the policy
/// that goes over it), reported at the role's `policies`.
fn role_inline_policies(value: &Value, diags: &mut Vec<Diagnostic>) {
    let Some(accounts) = value.get("accounts").and_then(Value::as_object) else {
        return;
    };
    for (id, account) in accounts {
        let Some(roles) = account.get("roles").and_then(Value::as_object) else {
            continue;
        };
        for (name, role) in roles {
            let Some(policies) = role.get("policies").and_then(Value::as_object) else {
                continue;
            };
            let documents: Vec<&Value> = policies.values().collect();
            if let Some(finding) = iam::lint_role_inline_policies(name, &documents) {
                let at = jsonloc::pointer_push(
                    &jsonloc::pointer_push(&jsonloc::pointer_push("/accounts", id), "roles"),
                    name,
                );
                diags.push(
                    finding
                        .map_code(Code::Lint)
                        .under(&format!("{at}/policies")),
                );
            }
        }
    }
}

/// CreateStateMachine checks that Step Functions may assume the role; here it is a warning
/// and the run shows the denial.
fn execution_roles(s: &Scenario, diags: &mut Vec<Diagnostic>) {
    for (id, account) in &s.accounts {
        for (name, machine) in &account.state_machines {
            let Some(role) = account.roles.get(&machine.role_name) else {
                continue;
            };
            let machine_arn = crate::arn::state_machine(&s.region, id, name);
            let access = Access {
                action: "sts:AssumeRole",
                resource: crate::arn::role(id, &machine.role_name),
                resource_account: id.clone(),
                resource_policy: Some(&role.trust_policy),
                resource_policy_noun: Service::Sts.policy_noun(),
                trust: true,
                context: vec![
                    ("aws:SourceArn", machine_arn),
                    ("aws:SourceAccount", id.clone()),
                ],
                given: Vec::new(),
            };
            let trusted = [
                "states.amazonaws.com".to_string(),
                format!("states.{}.amazonaws.com", s.region),
            ]
            .into_iter()
            .any(|p| decide(s, &Principal::Service(p), &access, 0).allowed());
            if !trusted {
                let at = jsonloc::pointer_push(
                    &jsonloc::pointer_push(&jsonloc::pointer_push("/accounts", id), "roles"),
                    &machine.role_name,
                );
                diags.push(Diagnostic::new(
                    Code::UntrustedExecutionRole,
                    format!("{at}/assumeRolePolicyDocument"),
                    format!("the trust policy of {} does not let states.amazonaws.com assume it, so state machine {name} cannot run (CreateStateMachine would refuse it)", machine.role_name),
                ));
            }
        }
    }
}

/// Warns of Task resources the playground does not simulate.
fn task_resources(value: &Value, diags: &mut Vec<Diagnostic>) {
    let Some(accounts) = value.get("accounts").and_then(Value::as_object) else {
        return;
    };
    for (id, account) in accounts {
        let Some(machines) = account.get("stateMachines").and_then(Value::as_object) else {
            continue;
        };
        for (name, machine) in machines {
            if let Some(def) = machine.get("definition") {
                let at = format!(
                    "{}/definition",
                    jsonloc::pointer_push(
                        &jsonloc::pointer_push(
                            &jsonloc::pointer_push("/accounts", id),
                            "stateMachines"
                        ),
                        name
                    )
                );
                walk(def, &at, diags);
            }
        }
    }
}

fn walk(v: &Value, at: &str, diags: &mut Vec<Diagnostic>) {
    match v {
        Value::Object(map) => {
            if map.get("Type").and_then(Value::as_str) == Some("Task") {
                if let Some(resource) = map.get("Resource").and_then(Value::as_str) {
                    if resolve(resource).is_none() && !is_activity(resource) {
                        diags.push(Diagnostic::new(
                            Code::UnsupportedResource,
                            format!("{at}/Resource"),
                            format!("the playground does not simulate `{resource}`: the Task will fail with States.Runtime"),
                        ));
                    }
                }
            }
            for (k, child) in map {
                walk(child, &jsonloc::pointer_push(at, k), diags);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{at}/{i}"), diags);
            }
        }
        _ => {}
    }
}

/// Whether `resource` is an activity ARN (`arn:aws:states:REGION:ACCOUNT:activity:NAME`),
/// which the world answers with the account's activity and its worker.
fn is_activity(resource: &str) -> bool {
    crate::arn::Arn::parse(resource)
        .filter(|a| a.service == "states")
        .is_some_and(|a| a.resource_named("activity").is_some())
}
