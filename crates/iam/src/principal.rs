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
    /// Through the role ARN or a `NotPrincipal`.
    Indirect,
    /// A service principal or web identity provider.
    Service,
    /// The user ARN, role session ARN or federated user ARN itself, or the wildcard `*`,
    /// which matches the caller's own ARN.
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
    /// Compiles one value under the `AWS` key: `*`, an account id, or the ARN of an
    /// account root, user, role, assumed-role session or federated user; `None` for
    /// anything else, which IAM refuses as an invalid principal.
    pub(crate) fn aws(value: &str) -> Option<PrincipalEntry> {
        if value == "*" {
            return Some(PrincipalEntry::Everyone);
        }
        if is_account_id(value) {
            return Some(PrincipalEntry::Account(value.into()));
        }
        let p = ArnParts::split(value)?;
        if !is_account_id(p.account) {
            return None;
        }
        let (kind, rest) = p.resource.split_once('/').unwrap_or((p.resource, ""));
        match (p.service, kind) {
            ("iam", "root") if rest.is_empty() => Some(PrincipalEntry::Account(p.account.into())),
            ("iam", "role") if !rest.is_empty() => {
                let name = rest.rsplit('/').next().unwrap_or(rest);
                Some(PrincipalEntry::Role {
                    account: p.account.into(),
                    name: name.into(),
                })
            }
            ("iam", "user") | ("sts", "assumed-role" | "federated-user") if !rest.is_empty() => {
                Some(PrincipalEntry::Exact(value.into()))
            }
            _ => None,
        }
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
            PrincipalEntry::Everyone => Some(PrincipalMatch::Direct),
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
        if self.negated {
            return (!self.excludes(caller)).then_some(PrincipalMatch::Indirect);
        }
        self.entries.iter().filter_map(|e| e.matches(caller)).max()
    }

    /// Whether a `NotPrincipal` leaves the caller out ("AWS JSON policy elements:
    /// NotPrincipal"): the account must be listed with the user, or with the role for a
    /// role session ("include both the ARN for a role and the ARN for the account
    /// containing that role"); the session's own ARN may be listed too.
    fn excludes(&self, caller: &Caller) -> bool {
        let listed = |want: PrincipalMatch| {
            self.entries
                .iter()
                .any(|e| *e == PrincipalEntry::Everyone || e.matches(caller) == Some(want))
        };
        let account = listed(PrincipalMatch::Account);
        match caller.kind() {
            CallerKind::Root => account,
            CallerKind::User | CallerKind::FederatedUser => {
                account && listed(PrincipalMatch::Direct)
            }
            CallerKind::Role | CallerKind::AssumedRole => {
                account && listed(PrincipalMatch::Indirect)
            }
            CallerKind::Service | CallerKind::WebIdentity => listed(PrincipalMatch::Service),
            CallerKind::Anonymous => listed(PrincipalMatch::Direct),
        }
    }
}
