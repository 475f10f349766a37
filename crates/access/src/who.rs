//! The principals the analysis asks for: the scenario's roles, the service principals
//! its policies name, and the principals from outside the scenario a policy admits.

use sim::Scenario;

/// A principal, by what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Who {
    /// A role of the scenario, acting as a session of itself.
    Role { account: String, name: String },
    /// A service principal (`states.amazonaws.com`).
    Service(String),
    /// A role of an account outside the scenario, named by a policy.
    OutsideRole { account: String, name: String },
    /// Any principal of an account outside the scenario.
    Account(String),
    /// Any principal of an organization other than the scenario's.
    Organization(String),
    /// Any principal of any account.
    Anyone,
}

impl Who {
    /// How the analysis writes it: a role ARN, a service principal, the account's root
    /// ARN (any principal of it), an organization id, or `*`.
    pub(crate) fn label(&self) -> String {
        match self {
            Who::Role { account, name } | Who::OutsideRole { account, name } => {
                role_arn(account, name)
            }
            Who::Service(name) | Who::Organization(name) => name.clone(),
            Who::Account(account) => format!("arn:aws:iam::{account}:root"),
            Who::Anyone => "*".into(),
        }
    }

    /// The account it belongs to, when it is one.
    pub(crate) fn account(&self) -> Option<&str> {
        match self {
            Who::Role { account, .. }
            | Who::OutsideRole { account, .. }
            | Who::Account(account) => Some(account),
            Who::Service(_) | Who::Organization(_) | Who::Anyone => None,
        }
    }

    /// Whether it comes from outside the scenario (its identity side is not modelled).
    pub(crate) fn is_outsider(&self) -> bool {
        !matches!(self, Who::Role { .. } | Who::Service(_))
    }

    /// Whether it is outside the zone of trust of a resource owned by `owner`: that
    /// account, or the scenario's organization when `owner` is a member. Service
    /// principals act for the accounts that use them and are not external (the
    /// confused-deputy check covers them).
    pub(crate) fn is_external(&self, scenario: &Scenario, owner: &str) -> bool {
        match self {
            Who::Service(_) => false,
            Who::Organization(_) | Who::Anyone => true,
            _ => {
                let account = self.account().unwrap_or_default();
                let same_org = scenario
                    .organization
                    .as_ref()
                    .is_some_and(|o| o.contains(owner) && o.contains(account));
                account != owner && !same_org
            }
        }
    }
}

/// `arn:aws:iam::ACCOUNT:role/NAME`.
pub(crate) fn role_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:role/{name}")
}

/// The zone of trust of a resource owned by `owner`, in words: `account X` or
/// `organization o-…`.
pub(crate) fn zone(scenario: &Scenario, owner: &str) -> String {
    match scenario.organization.as_ref().filter(|o| o.contains(owner)) {
        Some(org) => format!("organization {}", org.id),
        None => format!("account {owner}"),
    }
}
