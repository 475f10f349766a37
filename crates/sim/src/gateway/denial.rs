//! AWS's wording of an IAM denial.

use super::authz::Verdict;
use serde_json::Value;

/// AWS's wording: `User: ARN is not authorized to perform: ACTION on resource: ARN because …`.
pub(super) fn denied_message(
    caller: &str,
    action: &str,
    resource: &str,
    verdict: &Verdict,
) -> String {
    use iam::Reason;
    let because = match verdict.reason {
        Some(Reason::ExplicitDeny) => {
            let kind = verdict
                .explanation
                .pointer("/decidingStatements/0/policyKind")
                .and_then(Value::as_str)
                .unwrap_or("identity");
            let kind = match kind {
                "identity" => "an identity-based",
                "resource" | "trust" => "a resource-based",
                "permissionsBoundary" => "a permissions boundary",
                "session" => "a session",
                "serviceControlPolicy" => "a service control",
                _ => "a resource control",
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
        Some(Reason::ScpLevel(_)) => {
            format!(" because no service control policy allows the {action} action")
        }
        _ => String::new(),
    };
    format!(
        "User: {caller} is not authorized to perform: {action} on resource: {resource}{because}"
    )
}
