//! AWS's wording of an IAM denial.

use super::authz::Verdict;

/// AWS's wording: `User: ARN is not authorized to perform: ACTION on resource: ARN because …`.
pub(super) fn denied_message(
    caller: &str,
    action: &str,
    resource: &str,
    verdict: &Verdict,
) -> String {
    use iam::{PolicyKind, Reason};
    let because = match verdict.reason {
        Some(Reason::ExplicitDeny) => {
            let kind = verdict
                .explanation
                .as_ref()
                .and_then(|e| e.first_deciding())
                .map_or(PolicyKind::Identity, |d| d.policy_kind);
            let kind = match kind {
                PolicyKind::Identity => "an identity-based",
                PolicyKind::Resource | PolicyKind::Trust => "a resource-based",
                PolicyKind::Boundary => "a permissions boundary",
                PolicyKind::Session => "a session",
                PolicyKind::Scp => "a service control",
                PolicyKind::KmsKey | PolicyKind::Rcp => "a resource control",
            };
            format!(" with an explicit deny in {kind} policy")
        }
        Some(Reason::IdentityNoAllow) => {
            format!(" because no identity-based policy allows the {action} action")
        }
        Some(Reason::NoResourcePolicy | Reason::ResourcePolicyNoAllow) => {
            format!(" because no resource-based policy allows the {action} action")
        }
        Some(Reason::BoundaryNoAllow) => {
            format!(" because no permissions boundary allows the {action} action")
        }
        Some(Reason::SessionNoAllow) => {
            format!(" because no session policy allows the {action} action")
        }
        Some(Reason::ScpNoAllow) => {
            format!(" because no service control policy allows the {action} action")
        }
        _ => String::new(),
    };
    format!(
        "User: {caller} is not authorized to perform: {action} on resource: {resource}{because}"
    )
}
