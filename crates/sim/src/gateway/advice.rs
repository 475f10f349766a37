//! Plain-words advice for a denied call: what to add or change, and where, naming policies
//! by their place in the scenario and statements by `Sid` or index (no JSON pointers).

use super::facts::{capitalized, Facts};
use super::wording::{policy_phrase, statement_name, why_not};
use iam::Reason;

/// The advice, or `None` when nothing needs to change.
pub(crate) fn advise(f: &Facts) -> Option<String> {
    let (action, resource) = (f.access.action, &f.access.resource);
    let account = &f.access.resource_account;
    let caller = f.caller();
    // The statement that came closest, and why it did not apply.
    let closest = || {
        let near = f
            .explanation
            .first_deciding()
            .map(|d| (d.policy_kind, d.policy_name.as_str(), &d.statement))
            .or_else(|| {
                f.wrong_actions()
                    .next()
                    .map(|(p, s)| (p.kind, p.name.as_str(), s))
            });
        match near.and_then(|(kind, name, s)| Some((kind, name, s, why_not(f, s)?))) {
            Some((kind, name, s, why)) => format!(
                " The closest one, {} of {}, does not apply: {why}.",
                statement_name(s),
                policy_phrase(kind, name, &s.pointer)
            ),
            None => String::new(),
        }
    };
    if let Some((role, account)) = f.missing_role() {
        return Some(format!(
            "There is no role {role} in account {account}: add it to the account's roles, or fix the role ARN."
        ));
    }
    Some(match f.reason() {
        Reason::IdentityNoAllow if f.is_outsider() => format!(
            "{} is not in the scenario: add the role to account {} (and the account, if the scenario lacks it) with an identity policy that allows {action} on {resource}.",
            capitalized(&caller),
            f.caller_account()
        ),
        Reason::AllowedByResourcePolicy
        | Reason::AllowedByIdentityPolicy
        | Reason::AllowedCrossAccount
        | Reason::AllowedAsRoot
        | Reason::NoPermissionRequired => return None,
        Reason::ExplicitDeny => match f.explanation.first_deciding() {
            Some(d) => format!(
                "Remove or narrow {} of {}: it denies {action} on {resource} to {caller}.",
                statement_name(&d.statement),
                policy_phrase(d.policy_kind, &d.policy_name, &d.statement.pointer)
            ),
            None => format!("A Deny statement denies {action} on {resource} to {caller}."),
        },
        Reason::IdentityNoAllow => format!(
            "Add a statement to the identity policy of {caller} that allows {action} on {resource}.{}",
            closest()
        ),
        Reason::NoResourcePolicy if f.access.trust => format!(
            "Role {resource} has no trust policy that could let {caller} assume it."
        ),
        Reason::ResourcePolicyNoAllow if f.access.trust => format!(
            "Change the trust policy of {resource} so that a statement allows {caller} to call {action}.{}",
            closest()
        ),
        Reason::NoResourcePolicy | Reason::ResourcePolicyNoAllow => match f.access.resource_policy_noun {
            // The answering side of a callback or an activity: no Task, no Credentials.
            None if ANSWERS.contains(&action) => format!(
                "The task belongs to account {account}, and {action} has no resource with a resource-based policy ({resource}), so {caller} cannot call it from another account: the answer must first assume a role in account {account} (an assumeRole step) whose identity policy allows {action}."
            ),
            None => format!(
                "{resource} is in account {account}, and this resource type has no resource-based policy, so {caller} cannot call {action} on it directly: assume a role in account {account} first (a Credentials field on the Task) whose identity policy allows {action}."
            ),
            Some(noun) => format!(
                "Cross-account access needs both sides: add a statement to the {noun} of {resource} (account {account}) that allows {caller} (or its account {}) to call {action}, or assume a role in account {account} first.{}",
                f.caller_account(),
                closest()
            ),
        },
        Reason::BoundaryNoAllow => format!(
            "The permissions boundary of {caller} must also allow {action} on {resource}: add it to the boundary."
        ),
        Reason::SessionNoAllow => format!(
            "The session policy of {caller} must also allow {action} on {resource}."
        ),
        Reason::ScpNoAllow => format!(
            "A service control policy of the organization does not allow {action}: allow it in the SCPs that apply to account {} (AWS attaches FullAWSAccess by default).",
            f.caller_account()
        ),
    })
}

/// The calls that answer a waiting Task (scenario callbacks and activity workers).
const ANSWERS: [&str; 4] = [
    "states:SendTaskSuccess",
    "states:SendTaskFailure",
    "states:SendTaskHeartbeat",
    "states:GetActivityTask",
];
