//! Plain-words advice for a denied call: what to add or change, and where.

use iam::{ExplanationReport, Reason};

/// What the advice needs to know about the call.
pub(crate) struct Denied<'a> {
    pub(crate) reason: Reason,
    /// `role NAME (account ID)`, or the service principal.
    pub(crate) caller: &'a str,
    pub(crate) caller_arn: &'a str,
    pub(crate) caller_account: &'a str,
    /// Where the caller's identity policies are in the scenario, for a role session.
    pub(crate) policies_pointer: Option<String>,
    pub(crate) action: &'a str,
    pub(crate) resource: &'a str,
    pub(crate) resource_account: &'a str,
    /// `None` when the resource type has no resource-based policies (state machines, SSM
    /// parameters); else what its policy is called.
    pub(crate) resource_policy_noun: Option<&'a str>,
    pub(crate) trust: bool,
    pub(crate) explanation: &'a ExplanationReport,
}

/// The first deciding statement's pointer and why it did not apply (`""` when it applies).
fn deciding(explanation: &ExplanationReport) -> Option<(&str, &str)> {
    let first = &explanation.first_deciding()?.statement;
    Some((&first.pointer, first.failure_detail().unwrap_or("")))
}

/// The advice, or `None` when nothing needs to change.
pub(crate) fn advise(d: &Denied) -> Option<String> {
    let Denied {
        caller,
        caller_arn,
        action,
        resource,
        resource_account,
        ..
    } = *d;
    let near = deciding(d.explanation);
    let near_text = |what: &str| match &near {
        Some((pointer, detail)) if !detail.is_empty() => {
            format!(" The closest {what} statement ({pointer}) did not apply because {detail}.")
        }
        _ => String::new(),
    };
    Some(match d.reason {
        Reason::AllowedByResourcePolicy
        | Reason::AllowedByIdentityPolicy
        | Reason::AllowedCrossAccount
        | Reason::AllowedAsRoot
        | Reason::NoPermissionRequired => return None,
        Reason::ExplicitDeny => match &near {
            Some((pointer, _)) => format!(
                "Remove or narrow the Deny statement at {pointer}: it denies {action} on {resource} to {caller}."
            ),
            None => format!("A Deny statement denies {action} on {resource} to {caller}."),
        },
        Reason::IdentityNoAllow => format!(
            "Add a statement to the identity policy of {caller} that allows {action} on {resource}{}.{}",
            d.policies_pointer.as_deref().map(|p| format!(" (under {p})")).unwrap_or_default(),
            near_text("identity policy")
        ),
        Reason::NoResourcePolicy if d.trust => format!(
            "Role {resource} has no trust policy that could let {caller_arn} assume it."
        ),
        Reason::ResourcePolicyNoAllow if d.trust => format!(
            "Change the trust policy of {resource} so that a statement allows {caller_arn} to {action}.{}",
            near_text("trust policy")
        ),
        Reason::NoResourcePolicy | Reason::ResourcePolicyNoAllow => match d.resource_policy_noun {
            None => format!(
                "{resource} is in account {resource_account}, and this resource type has no resource-based policy, so {caller} (account {}) cannot call {action} on it directly: assume a role in account {resource_account} first (a Credentials field on the Task) whose identity policy allows {action}.",
                d.caller_account
            ),
            Some(noun) => format!(
                "Cross-account access needs both sides: add a statement to the {noun} of {resource} (account {resource_account}) that allows {caller_arn} (or its account {}) to call {action}, or assume a role in account {resource_account} first.{}",
                d.caller_account,
                near_text("resource policy")
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
            d.caller_account
        ),
    })
}
