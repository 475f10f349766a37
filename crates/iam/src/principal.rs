//! The `Principal`/`NotPrincipal` element and how it matches the caller.

use crate::arn::{is_account_id, ArnParts};
use crate::caller::{Caller, CallerKind};

/// The keys of a `Principal` object.
pub(crate) const PRINCIPAL_KEYS: [&str; 4] = ["AWS", "Service", "Federated", "CanonicalUser"];

/// How a statement's principal matched the caller; it decides, within one account, which
/// implicit denies a resource-based policy overrides (IAM User Guide, "Policy evaluation
/// logic": role ARN versus role session ARN versus user ARN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PrincipalMatch {
    /// Through the account (`"AWS": "111122223333"` or `...:root`): delegated to IAM.
    Account,
    /// Through the role ARN, a wildcard (`*`) or a `NotPrincipal`.
    Indirect,
    /// A service principal or web identity provider.
    Service,
    /// The user ARN, role session ARN or federated user ARN itself.
    Direct,
}

/// One principal named in the element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PrincipalEntry {
    Everyone,
    Account(Box<str>),
    Role { account: Box<str>, name: Box<str> },
    Exact(Box<str>),
    Service(Box<str>),
    Federated(Box<str>),
}

impl PrincipalEntry {
    /// Compiles one value under the `AWS` key.
    pub(crate) fn aws(value: &str) -> PrincipalEntry {
        if value == "*" {
            return PrincipalEntry::Everyone;
        }
        if is_account_id(value) {
            return PrincipalEntry::Account(value.into());
        }
        if let Some(p) = ArnParts::split(value) {
            if p.service == "iam" && p.resource == "root" {
                return PrincipalEntry::Account(p.account.into());
            }
            if p.service == "iam" {
                if let Some(rest) = p.resource.strip_prefix("role/") {
                    let name = rest.rsplit('/').next().unwrap_or(rest);
                    return PrincipalEntry::Role {
                        account: p.account.into(),
                        name: name.into(),
                    };
                }
            }
        }
        PrincipalEntry::Exact(value.into())
    }

    pub(crate) fn matches(&self, caller: &Caller) -> Option<PrincipalMatch> {
        let in_account = |account: &str| {
            caller.account() == account
                && matches!(
                    caller.kind(),
                    CallerKind::Root
                        | CallerKind::User
                        | CallerKind::Role
                        | CallerKind::AssumedRole
                        | CallerKind::FederatedUser
                )
        };
        match self {
            PrincipalEntry::Everyone => Some(PrincipalMatch::Indirect),
            PrincipalEntry::Account(a) => in_account(a).then_some(PrincipalMatch::Account),
            PrincipalEntry::Role { account, name } => {
                (caller.is_role() && caller.account() == &**account && caller.name() == &**name)
                    .then_some(PrincipalMatch::Indirect)
            }
            PrincipalEntry::Exact(arn) => (caller.arn() == &**arn
                && caller.kind() != CallerKind::Service)
                .then_some(PrincipalMatch::Direct),
            PrincipalEntry::Service(s) => (caller.kind() == CallerKind::Service
                && caller.arn().eq_ignore_ascii_case(s))
            .then_some(PrincipalMatch::Service),
            PrincipalEntry::Federated(f) => (caller.kind() == CallerKind::WebIdentity
                && caller.arn() == &**f)
                .then_some(PrincipalMatch::Service),
        }
    }
}

/// A compiled `Principal` or `NotPrincipal` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PrincipalElement {
    pub(crate) entries: Vec<PrincipalEntry>,
    pub(crate) negated: bool,
}

impl PrincipalElement {
    /// How the statement applies to the caller, or `None` when it does not.
    pub(crate) fn matches(&self, caller: &Caller) -> Option<PrincipalMatch> {
        let best = self.entries.iter().filter_map(|e| e.matches(caller)).max();
        if self.negated {
            best.is_none().then_some(PrincipalMatch::Indirect)
        } else {
            best
        }
    }
}
