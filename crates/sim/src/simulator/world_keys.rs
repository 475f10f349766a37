//! The condition keys the scenario's own calls send beyond those AWS derives from caller
//! and resource: when Step Functions assumes a state machine's execution role,
//! `aws:SourceArn` and `aws:SourceAccount`; when a Task's `Credentials` assume a role,
//! `sts:RoleSessionName` and `sts:ExternalId` (the calling state machine's ARN).

use crate::arn;
use crate::identity::Principal;
use crate::scenario::Scenario;

/// The keys a call by `principal` of `action` on role `role` (account and name, when the
/// resource is one) would send in the scenario's world.
pub(super) fn call_keys(
    scenario: &Scenario,
    principal: &Principal,
    action: &str,
    role: Option<&(String, String)>,
) -> Vec<(&'static str, String)> {
    let Some((role_account, role_name)) = role else {
        return Vec::new();
    };
    if !action.eq_ignore_ascii_case("sts:AssumeRole") {
        return Vec::new();
    }
    match principal {
        Principal::Service(service) => {
            let states = [
                "states.amazonaws.com".to_string(),
                format!("states.{}.amazonaws.com", scenario.region),
            ];
            if !states.contains(service) {
                return Vec::new();
            }
            machine_of(scenario, role_account, role_name)
                .map(|machine| {
                    vec![
                        ("aws:SourceArn", machine),
                        ("aws:SourceAccount", role_account.clone()),
                    ]
                })
                .unwrap_or_default()
        }
        Principal::Session(session) => {
            let mut keys = vec![("sts:RoleSessionName", session.name.clone())];
            if let Some(machine) = machine_of(scenario, &session.account, &session.role) {
                keys.push(("sts:ExternalId", machine));
            }
            keys
        }
        Principal::Anonymous => Vec::new(),
    }
}

/// The ARN of the state machine that runs as role `role` of `account`: the scenario's
/// execution when it does, else the first such machine by name.
fn machine_of(scenario: &Scenario, account: &str, role: &str) -> Option<String> {
    let machines = &scenario.account(account)?.state_machines;
    let spec = &scenario.execution;
    let top = (spec.account == account)
        .then(|| machines.get_key_value(&spec.machine_name))
        .flatten();
    let (name, _) = top
        .filter(|(_, m)| m.role_name == role)
        .or_else(|| machines.iter().find(|(_, m)| m.role_name == role))?;
    Some(arn::state_machine(&scenario.region, account, name))
}
