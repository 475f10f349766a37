//! The actions worth asking about: every action the world simulates and every action an
//! `Allow` statement of the scenario could allow (its `Action` patterns, `dynamodb:*` or
//! `s3:Get*`, expanded against the Service Authorization Reference; for a `NotAction`,
//! every action of the reference it does not name), each with the resources it acts on
//! by [`crate::applies`]. An action no `Allow` statement matches can never be allowed.

use crate::applies::{applies, arn_service};
use crate::scan;
use crate::targets::Target;
use iam::ActionRef;
use sim::Scenario;
use std::collections::{HashMap, HashSet};

/// Actions that need no permission: no policy can allow or deny them.
const UNCONDITIONAL: [&str; 1] = ["sts:getcalleridentity"];

/// The index key of ARN formats whose service field is a variable (AWS Backup's recovery
/// points, `arn:${Partition}:${Vendor}:…`): looked up for every resource.
const ANY_SERVICE: &str = "${";

/// One candidate action.
struct Candidate {
    /// As the reference writes it: `states:StartSyncExecution`.
    name: String,
    /// In lower case, for the matchers.
    lower: String,
    action: ActionRef<'static>,
}

/// The candidate actions, each once (ignoring case), indexed by the service field of the
/// ARNs they act on (`iam` for `sts:AssumeRole`, whose resource is a role).
pub(crate) struct Actions {
    candidates: Vec<Candidate>,
    by_service: HashMap<&'static str, Vec<usize>>,
    /// The lower-case names of the candidates.
    seen: HashSet<String>,
}

impl Actions {
    /// The simulated APIs' actions, then those the policies of `scenario` and the
    /// resource policies of `targets` could allow, in the order written.
    pub(crate) fn of(scenario: &Scenario, targets: &[Target]) -> Actions {
        let reference = iam::reference();
        let mut actions = Actions {
            candidates: Vec::new(),
            by_service: HashMap::new(),
            seen: HashSet::new(),
        };
        for name in sim::simulated_actions() {
            if let Some(action) = reference.action(name) {
                actions.add(action);
            }
        }
        let identity = scenario
            .accounts
            .values()
            .flat_map(|a| a.roles.values())
            .flat_map(|r| r.identity_policies());
        let resource = targets.iter().filter_map(|t| t.policy);
        let mut expanded: HashSet<String> = HashSet::new();
        for policy in identity.chain(resource) {
            let Some(doc) = scenario.policy_document(policy) else {
                continue;
            };
            for allowed in scan::allowed_actions(doc) {
                if !expanded.insert(allowed.key()) {
                    continue;
                }
                match allowed {
                    scan::Allowed::Action(pattern) => {
                        for action in reference.actions_matching(pattern) {
                            actions.add(action);
                        }
                    }
                    scan::Allowed::NotAction(patterns) => {
                        let named: HashSet<String> = patterns
                            .iter()
                            .flat_map(|p| reference.actions_matching(p))
                            .map(|a| a.qualified_name())
                            .collect();
                        for action in reference.actions_matching("*") {
                            if !named.contains(&action.qualified_name()) {
                                actions.add(action);
                            }
                        }
                    }
                }
            }
        }
        actions
    }

    /// Adds `action` unless it is a candidate already or needs no permission.
    fn add(&mut self, action: ActionRef<'static>) {
        let name = action.qualified_name();
        let lower = name.to_ascii_lowercase();
        if UNCONDITIONAL.contains(&lower.as_str()) || !self.seen.insert(lower.clone()) {
            return;
        }
        let index = self.candidates.len();
        let mut services: Vec<&'static str> = action
            .resource_types()
            .flat_map(|t| t.arn_formats())
            .filter_map(arn_service)
            .map(|s| if s.contains("${") { ANY_SERVICE } else { s })
            .collect();
        services.sort_unstable();
        services.dedup();
        for service in services {
            self.by_service.entry(service).or_default().push(index);
        }
        self.candidates.push(Candidate {
            name,
            lower,
            action,
        });
    }

    /// The indexes of the candidates that act on the resource `arn`, in order.
    pub(crate) fn on(&self, arn: &str) -> Vec<usize> {
        let Some(service) = arn_service(arn) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = [service, ANY_SERVICE]
            .iter()
            .filter_map(|s| self.by_service.get(s))
            .flatten()
            .copied()
            .filter(|&i| {
                self.candidates
                    .get(i)
                    .is_some_and(|c| applies(c.action, arn))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Candidate `index`: its name as the reference writes it and in lower case.
    pub(crate) fn get(&self, index: usize) -> Option<(&str, &str)> {
        self.candidates
            .get(index)
            .map(|c| (c.name.as_str(), c.lower.as_str()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_simulated_action_is_in_the_reference_as_spelt() {
        for name in sim::simulated_actions() {
            let found = iam::reference().action(name).map(|a| a.qualified_name());
            assert_eq!(found.as_deref(), Some(name));
        }
    }
}
