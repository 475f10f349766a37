//! Which policies of the scenario applied to a decision: each policy the evaluator
//! reports, with where it sits in the scenario document.

use super::answer::AppliedPolicy;
use crate::gateway::caller_role;
use crate::identity::Principal;
use crate::scenario::{NamedPolicy, Scenario};
use iam::{ExplanationReport, PolicyKind};

/// The policies of `explanation` (decided for `principal`, with `resource_policy` as the
/// resource's), in evaluation order, each found in the scenario.
pub(super) fn applied(
    scenario: &Scenario,
    principal: &Principal,
    resource_policy: Option<&NamedPolicy>,
    explanation: &ExplanationReport,
) -> Vec<AppliedPolicy> {
    let role = caller_role(scenario, principal);
    let org = scenario.organization.as_ref();
    explanation
        .policies
        .iter()
        .filter_map(|report| {
            let pointer = match report.kind {
                PolicyKind::Identity => named(role?.identity_policies(), &report.name),
                PolicyKind::Boundary => role?
                    .permissions_boundary
                    .as_ref()
                    .map(|p| p.pointer.clone()),
                PolicyKind::Resource | PolicyKind::Trust | PolicyKind::KmsKey => {
                    resource_policy.map(|p| p.pointer.clone())
                }
                PolicyKind::Scp => named(&org?.service_control_policies, &report.name),
                PolicyKind::Rcp => named(&org?.resource_control_policies, &report.name),
                PolicyKind::Session => None,
            }?;
            Some(AppliedPolicy {
                kind: report.kind,
                name: report.name.clone(),
                pointer,
            })
        })
        .collect()
}

/// The pointer of the policy called `name` among `policies`.
fn named<'p>(policies: impl IntoIterator<Item = &'p NamedPolicy>, name: &str) -> Option<String> {
    policies
        .into_iter()
        .find(|p| p.name == name)
        .map(|p| p.pointer.clone())
}
