//! Checks against the Service Authorization Reference ([`crate::reference`]): actions whose
//! service or name does not exist (with a "did you mean" when one is close), action patterns
//! that match nothing, condition keys that do not exist, and service condition keys that
//! none of the statement's actions supports.

use super::conditions::has_own_key_finding;
use super::{strings, Check, Findings};
use crate::action::is_service_qualified;
use crate::reference::{reference, ActionRef, Reference};
use crate::wildcard::has_wildcard;
use serde_json::{Map, Value};

pub(super) fn check(st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let r = reference();
    if r.is_empty() {
        return;
    }
    for element in ["Action", "NotAction"] {
        let p = format!("{pointer}/{element}");
        for (sub, action) in strings(st.get(element)) {
            check_action(r, action, &format!("{p}{sub}"), out);
        }
    }
    check_condition_keys(r, st, pointer, out);
}

fn check_action(r: &Reference, action: &str, at: &str, out: &mut Findings) {
    if action == "*" || !is_service_qualified(action) || action.contains("${") {
        return;
    }
    let Some((prefix, name)) = action.split_once(':') else {
        return;
    };
    let Some(service) = r.service(prefix) else {
        let hint = jsonloc::closest(prefix, r.services().map(|s| s.prefix()))
            .map(|s| format!(" Did you mean {s}?"))
            .unwrap_or_default();
        out.add(
            Check::InvalidServiceInAction,
            at,
            format!("The service {prefix} specified in the action does not exist.{hint}"),
        );
        return;
    };
    if has_wildcard(name) {
        if !r.any_action_matches(action) {
            out.add(
                Check::InvalidAction,
                at,
                format!(
                    "The action {action} does not exist: it matches no action of {}.",
                    service.prefix()
                ),
            );
        }
    } else if service.action(name).is_none() {
        let hint = jsonloc::closest(name, service.actions().map(|a| a.name()))
            .map(|n| format!(" Did you mean {}:{n}?", service.prefix()))
            .unwrap_or_default();
        out.add(
            Check::InvalidAction,
            at,
            format!("The action {action} does not exist.{hint}"),
        );
    }
}

/// The actions a statement's `Action` covers, or None when that cannot be told narrowly
/// enough to judge its condition keys: `NotAction`, `*`, a wildcard service, or an action
/// the reference does not know (reported on its own).
fn statement_actions<'r>(r: &'r Reference, st: &Map<String, Value>) -> Option<Vec<ActionRef<'r>>> {
    let entries = strings(st.get("Action"));
    if entries.is_empty() {
        return None;
    }
    let mut actions = Vec::new();
    for (_, entry) in entries {
        let (prefix, name) = entry.split_once(':')?;
        if has_wildcard(prefix) {
            return None;
        }
        if has_wildcard(name) {
            let matched = r.actions_matching(entry);
            if matched.is_empty() {
                return None;
            }
            actions.extend(matched);
        } else {
            actions.push(r.action(entry)?);
        }
    }
    Some(actions)
}

fn check_condition_keys(r: &Reference, st: &Map<String, Value>, pointer: &str, out: &mut Findings) {
    let Some(ops) = st.get("Condition").and_then(Value::as_object) else {
        return;
    };
    let mut actions = None;
    let cp = format!("{pointer}/Condition");
    for (op, keys) in ops {
        let op_pointer = jsonloc::pointer_push(&cp, op);
        let Some(keys) = keys.as_object() else {
            continue;
        };
        for key in keys.keys() {
            let Some((prefix, _)) = key.split_once(':') else {
                continue;
            };
            if has_own_key_finding(&key.to_ascii_lowercase()) || r.is_global_condition_key(key) {
                continue;
            }
            let kp = jsonloc::pointer_push(&op_pointer, key);
            if prefix.eq_ignore_ascii_case("aws") {
                out.add(
                    Check::InvalidGlobalConditionKey,
                    &kp,
                    format!("The condition key {key} does not exist. Use a valid condition key."),
                );
                continue;
            }
            // Keys of identity providers (`saml:`, `accounts.google.com:` …) name no service.
            let Some(service) = r.service(prefix) else {
                continue;
            };
            if !r.condition_key_exists(key) {
                out.add(
                    Check::InvalidServiceConditionKey,
                    &kp,
                    format!(
                        "The condition key {key} does not exist in the service {}. Use a valid condition key.",
                        service.prefix()
                    ),
                );
                continue;
            }
            let covered = actions.get_or_insert_with(|| statement_actions(r, st));
            if let Some(list) = covered {
                if !list.iter().any(|a| a.supports_condition_key(key)) {
                    let written: Vec<&str> = strings(st.get("Action"))
                        .into_iter()
                        .map(|(_, a)| a)
                        .collect();
                    out.add(
                        Check::UnsupportedActionForConditionKey,
                        &kp,
                        format!(
                            "The following actions: {} are not supported by the condition key {key}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.",
                            written.join(", ")
                        ),
                    );
                }
            }
        }
    }
}
