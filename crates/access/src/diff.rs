//! Comparing access: what an edit of a scenario gains and loses (as Access Analyzer's
//! CheckNoNewAccess compares a policy with its reference), and which of some actions
//! are granted outside an account (as CheckAccessNotGranted).

use crate::model::{Reach, ReachFilter};
use crate::reach::reach;
use crate::scan;
use serde::{Deserialize, Serialize};
use sim::Scenario;

/// Access of one principal to one resource; in JSON `{"principal", "resource",
/// "actions", "external"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessChange {
    /// Who, as [`Reach::principal`] writes it.
    pub principal: String,
    /// The resource's ARN.
    pub resource: String,
    /// The actions, in the order the analysis asked.
    pub actions: Vec<String>,
    /// Whether the principal is outside the resource's zone of trust.
    pub external: bool,
}

/// What changed between two versions of a scenario; in JSON `{"gained", "lost"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessDiff {
    /// Access the new version allows and the old did not (by any path).
    pub gained: Vec<AccessChange>,
    /// Access the old version allowed and the new does not.
    pub lost: Vec<AccessChange>,
}

impl AccessDiff {
    /// Whether nothing was gained or lost.
    pub fn is_empty(&self) -> bool {
        self.gained.is_empty() && self.lost.is_empty()
    }
}

/// Every (principal, resource, action) a scenario allows by some path, grouped by
/// principal and resource in the order [`reach`] lists them.
fn grants(reach: &[Reach]) -> Vec<AccessChange> {
    let mut out: Vec<AccessChange> = Vec::new();
    for r in reach {
        let same = out
            .iter_mut()
            .find(|c| c.principal == r.principal && c.resource == r.resource);
        match same {
            Some(change) => {
                for action in &r.actions {
                    if !change.actions.contains(action) {
                        change.actions.push(action.clone());
                    }
                }
            }
            None => out.push(AccessChange {
                principal: r.principal.clone(),
                resource: r.resource.clone(),
                actions: r.actions.clone(),
                external: r.external,
            }),
        }
    }
    out
}

/// The grants of `of` that `against` does not hold, action by action.
fn missing(of: &[AccessChange], against: &[AccessChange]) -> Vec<AccessChange> {
    of.iter()
        .filter_map(|change| {
            let other = against
                .iter()
                .find(|c| c.principal == change.principal && c.resource == change.resource);
            let actions: Vec<String> = change
                .actions
                .iter()
                .filter(|a| other.is_none_or(|o| !o.actions.contains(a)))
                .cloned()
                .collect();
            (!actions.is_empty()).then(|| AccessChange {
                actions,
                ..change.clone()
            })
        })
        .collect()
}

/// The access `new` gains and loses against `old`, every principal, resource and action
/// by any path (a principal or resource only one of them has counts as gained or lost).
pub fn diff_access(old: &Scenario, new: &Scenario) -> AccessDiff {
    let all = ReachFilter::default();
    let old = grants(&reach(old, &all).unwrap_or_default());
    let new = grants(&reach(new, &all).unwrap_or_default());
    AccessDiff {
        gained: missing(&new, &old),
        lost: missing(&old, &new),
    }
}

/// The grants of any of `actions` (IAM patterns: `s3:Get*`, case ignored) on resources
/// of `account` to principals outside it, by any path: empty when none is granted.
pub fn access_not_granted(
    scenario: &Scenario,
    account: &str,
    actions: &[String],
) -> Vec<AccessChange> {
    let owned = |arn: &str| {
        arn.split(':').nth(4) == Some(account)
            || (arn.starts_with("arn:aws:s3:::")
                && scenario.account(account).is_some_and(|a| {
                    let bucket = arn.trim_start_matches("arn:aws:s3:::");
                    let bucket = bucket.split('/').next().unwrap_or(bucket);
                    a.s3_buckets.contains_key(bucket)
                }))
    };
    // A service principal acts for the accounts that use it (as in `findings`).
    let inside = |principal: &str| {
        principal.split(':').nth(4) == Some(account) || principal.ends_with(".amazonaws.com")
    };
    grants(&reach(scenario, &ReachFilter::default()).unwrap_or_default())
        .into_iter()
        .filter(|c| owned(&c.resource) && !inside(&c.principal))
        .filter_map(|c| {
            let matched: Vec<String> = c
                .actions
                .iter()
                .filter(|a| actions.iter().any(|p| scan::action_matches(p, a)))
                .cloned()
                .collect();
            (!matched.is_empty()).then_some(AccessChange {
                actions: matched,
                ..c
            })
        })
        .collect()
}
