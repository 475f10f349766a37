//! The actions worth asking about: every action the world simulates and every action a
//! policy of the scenario names literally. A wildcard in a policy adds nothing of its own:
//! it is matched against these.

use crate::scan;
use crate::targets::{Kind, Target};
use sim::Scenario;

/// Actions that need no permission: no policy can allow or deny them.
const UNCONDITIONAL: [&str; 1] = ["sts:getcalleridentity"];

/// The candidate actions, each once (ignoring case), with the lower-case form the
/// matchers use.
pub(crate) struct Actions {
    actions: Vec<(String, String)>,
}

impl Actions {
    /// The simulated APIs' actions in their spelling, then the policies' literal actions
    /// not among them.
    pub(crate) fn of(scenario: &Scenario, targets: &[Target]) -> Actions {
        let mut actions: Vec<(String, String)> = Vec::new();
        let mut add = |action: &str| {
            let lower = action.to_ascii_lowercase();
            if !UNCONDITIONAL.contains(&lower.as_str()) && !actions.iter().any(|(_, l)| *l == lower)
            {
                actions.push((action.to_string(), lower));
            }
        };
        for action in sim::simulated_actions() {
            add(action);
        }
        let document = scenario.document();
        let identity = scenario
            .accounts
            .values()
            .flat_map(|a| a.roles.values())
            .flat_map(|r| r.policies.iter());
        let resource = targets.iter().filter_map(|t| t.policy);
        for policy in identity.chain(resource) {
            if let Some(doc) = document.pointer(&policy.pointer) {
                for action in scan::literal_actions(doc) {
                    add(action);
                }
            }
        }
        Actions { actions }
    }

    /// The actions (spelling, lower case) that apply to resources of `kind`.
    pub(crate) fn for_kind(&self, kind: Kind) -> Vec<(&str, &str)> {
        self.actions
            .iter()
            .filter(|(_, lower)| kind.takes(lower))
            .map(|(a, l)| (a.as_str(), l.as_str()))
            .collect()
    }
}
