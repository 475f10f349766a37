//! Who can reach what: every principal's direct grants, then the roles it can assume
//! followed to a fixed point (each role once per principal, so cycles end), each path
//! with the statements and conditions of every step.

use crate::analysis::{Analysis, Group};
use crate::error::AccessError;
use crate::model::{Hop, Reach, ReachFilter};
use crate::targets::Kind;
use sim::Scenario;
use std::collections::VecDeque;

/// Every principal × action × resource of `scenario` that the evaluator allows, directly
/// or through a chain of `sts:AssumeRole`, as [`Reach`]es: principals in the order of
/// the scenario's roles, service principals, then outsiders; for each, its direct access
/// first, then that through each role it assumes, nearest first. `filter` keeps one
/// principal's or one resource's (an error names one the scenario does not have).
pub fn reach(scenario: &Scenario, filter: &ReachFilter) -> Result<Vec<Reach>, AccessError> {
    let analysis = Analysis::new(scenario);
    let whos = &analysis.world.whos;
    let origins: Vec<usize> = match &filter.principal {
        None => (0..whos.len()).collect(),
        Some(p) => {
            let found: Vec<usize> = (0..whos.len()).filter(|i| whos[*i].label() == *p).collect();
            if found.is_empty() {
                return Err(AccessError::UnknownPrincipal(p.clone()));
            }
            found
        }
    };
    if let Some(r) = &filter.resource {
        if !analysis.targets.iter().any(|t| t.arn == *r) {
            return Err(AccessError::UnknownResource(r.clone()));
        }
    }
    let kept = |arn: &str| filter.resource.as_deref().is_none_or(|r| r == arn);
    // Roles are asked about for the hops, whatever the filter.
    let wanted: Vec<bool> = analysis
        .targets
        .iter()
        .map(|t| t.kind == Kind::Role || kept(&t.arn))
        .collect();
    let mut routes = Routes::new(&analysis, wanted);
    let mut out = Vec::new();
    for origin in origins {
        routes.from(origin, |reach| {
            if kept(&reach.resource) {
                out.push(reach);
            }
        });
    }
    Ok(out)
}

/// The paths from principals, with each principal's direct grants asked once.
pub(crate) struct Routes<'a, 's> {
    analysis: &'a Analysis<'s>,
    wanted: Vec<bool>,
    direct: Vec<Option<Vec<Group>>>,
}

impl<'a, 's> Routes<'a, 's> {
    /// Paths to the targets `wanted` marks (roles must be among them for hops).
    pub(crate) fn new(analysis: &'a Analysis<'s>, wanted: Vec<bool>) -> Routes<'a, 's> {
        Routes {
            analysis,
            wanted,
            direct: (0..analysis.world.whos.len()).map(|_| None).collect(),
        }
    }

    /// The direct grants of principal `who`.
    pub(crate) fn direct(&mut self, who: usize) -> &[Group] {
        if self.direct.get(who).is_some_and(Option::is_none) {
            let groups = self.analysis.direct(who, &self.wanted);
            if let Some(slot) = self.direct.get_mut(who) {
                *slot = Some(groups);
            }
        }
        self.direct
            .get(who)
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }

    /// Every reach of principal `origin`, breadth first over the roles it assumes.
    pub(crate) fn from(&mut self, origin: usize, mut emit: impl FnMut(Reach)) {
        let analysis = self.analysis;
        let Some(first) = analysis.world.whos.get(origin) else {
            return;
        };
        let label = first.label();
        let mut queue: VecDeque<(usize, Vec<Hop>)> = VecDeque::from([(origin, Vec::new())]);
        let mut seen = vec![origin];
        while let Some((who, path)) = queue.pop_front() {
            let acting = analysis
                .world
                .whos
                .get(who)
                .map(|w| w.label())
                .unwrap_or_default();
            for group in self.direct(who) {
                let Some(target) = analysis.targets.get(group.target) else {
                    continue;
                };
                let mut hops = path.clone();
                hops.extend(
                    group
                        .grants
                        .iter()
                        .map(|(action, grant)| grant.hop(&acting, action, &target.arn)),
                );
                emit(Reach {
                    principal: label.clone(),
                    resource: target.arn.clone(),
                    actions: group.grants.iter().map(|(a, _)| a.clone()).collect(),
                    path: hops,
                    external: first.is_external(analysis.world.scenario, &target.account),
                });
                let assumed = group
                    .grants
                    .iter()
                    .find(|(a, _)| a.eq_ignore_ascii_case("sts:AssumeRole"));
                let next = target
                    .role
                    .and_then(|name| analysis.role_index(&target.account, name));
                if let (Some((action, grant)), Some(next)) = (assumed, next) {
                    if !seen.contains(&next) {
                        seen.push(next);
                        let mut onward = path.clone();
                        onward.push(grant.hop(&acting, action, &target.arn));
                        queue.push_back((next, onward));
                    }
                }
            }
        }
    }
}
