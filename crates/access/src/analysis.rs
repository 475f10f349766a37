//! One analysis of a scenario: its resources, the principals to ask for, the candidate
//! actions, and each principal's direct grants, asked of the evaluator only where a
//! statement could allow them (the rest are implicit denies whatever the conditions).

use crate::actions::Actions;
use crate::scan::Allows;
use crate::targets::{targets, Kind, Target};
use crate::who::Who;
use crate::world::{Grant, World};
use sim::Scenario;

/// What one principal may do on one resource directly (no hop): the actions allowed and
/// what allowed each.
pub(crate) struct Group {
    /// Index into [`Analysis::targets`].
    pub(crate) target: usize,
    pub(crate) grants: Vec<(String, Grant)>,
}

/// A scenario prepared for questions.
pub(crate) struct Analysis<'s> {
    pub(crate) world: World<'s>,
    pub(crate) targets: Vec<Target<'s>>,
    actions: Actions,
    /// For each target, the candidate actions that act on it (indexes into `actions`).
    on: Vec<Vec<usize>>,
    /// For each principal (by index into `world.whos`), its identity policies' allows.
    identity: Vec<Allows>,
    /// For each target, its policy's allows.
    resource: Vec<Allows>,
}

impl<'s> Analysis<'s> {
    /// Prepares `scenario`.
    pub(crate) fn new(scenario: &'s Scenario) -> Analysis<'s> {
        let targets = targets(scenario);
        let world = World::new(scenario, &targets);
        let actions = Actions::of(scenario, &targets);
        let on = targets.iter().map(|t| actions.on(&t.arn)).collect();
        let allows = |policies: &mut dyn Iterator<Item = &iam::NamedPolicy>| {
            let mut allows = Allows::default();
            for policy in policies {
                if let Some(doc) = scenario.policy_document(policy) {
                    allows.add(doc);
                }
            }
            allows
        };
        let identity = world
            .whos
            .iter()
            .map(|who| match who {
                Who::Role { account, name } => match scenario.role(account, name) {
                    Some(role) => allows(&mut role.identity_policies()),
                    None => Allows::default(),
                },
                _ => Allows::default(),
            })
            .collect();
        let resource = targets
            .iter()
            .map(|t| allows(&mut t.policy.into_iter()))
            .collect();
        Analysis {
            world,
            targets,
            actions,
            on,
            identity,
            resource,
        }
    }

    /// The principal index of the scenario's role `name` of `account`.
    pub(crate) fn role_index(&self, account: &str, name: &str) -> Option<usize> {
        self.world.whos.iter().position(
            |w| matches!(w, Who::Role { account: a, name: n } if a == account && n == name),
        )
    }

    /// What principal `who` may do directly on each target `wanted` marks.
    pub(crate) fn direct(&self, who: usize, wanted: &[bool]) -> Vec<Group> {
        let Some(principal) = self.world.whos.get(who) else {
            return Vec::new();
        };
        let empty = Allows::default();
        let identity = self.identity.get(who).unwrap_or(&empty);
        let mut out = Vec::new();
        for (index, target) in self.targets.iter().enumerate() {
            if !wanted.get(index).copied().unwrap_or(false) {
                continue;
            }
            let resource = self.resource.get(index).unwrap_or(&empty);
            let resource = resource.on(principal, &target.arn);
            // Only the scenario's roles have an identity side to ask: a service
            // principal has none, an outsider's allows everything.
            let role = matches!(principal, Who::Role { .. });
            let identity = match role {
                true => identity.on(principal, &target.arn),
                false => empty.on(principal, &target.arn),
            };
            if resource.is_empty() && identity.is_empty() {
                continue;
            }
            let same_account = principal.account() == Some(target.account.as_str());
            let mut grants = Vec::new();
            let candidates = self.on.get(index).map(Vec::as_slice).unwrap_or_default();
            for (action, lower) in candidates.iter().filter_map(|&i| self.actions.get(i)) {
                let by_resource = resource.could_allow(lower);
                let by_identity = role && identity.could_allow(lower);
                let trust = target.kind == Kind::Role && lower.starts_with("sts:assumerole");
                // IAM allows a request only when a statement allows it: the identity or
                // the resource side within an account, both across accounts; a role
                // can only be assumed when its trust policy allows it.
                let could = match (trust, role && same_account) {
                    (true, within) => by_resource && (!role || by_identity || within),
                    (false, true) => by_identity || by_resource,
                    (false, false) => by_resource && (!role || by_identity),
                };
                if !could {
                    continue;
                }
                if let Some(grant) = self.world.ask(principal, action, target) {
                    grants.push((action.to_string(), grant));
                }
            }
            if !grants.is_empty() {
                out.push(Group {
                    target: index,
                    grants,
                });
            }
        }
        out
    }
}
