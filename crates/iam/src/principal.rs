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

    /// Whether a `NotPrincipal` leaves the caller out: when it lists every identity AWS
    /// checks for the caller ([`PrincipalElement::checks`]).
    fn excludes(&self, caller: &Caller) -> bool {
        self.checks(caller).iter().all(|(_, listed)| *listed)
    }

    /// The identities AWS checks a `NotPrincipal` for, in its order, each with whether the
    /// element lists it ("AWS JSON policy elements: NotPrincipal": "AWS might validate
    /// the account first and then the user. If an assumed-role user (someone who is using
    /// a role) is being evaluated, AWS might validate the account first, then the role,
    /// and then the assumed-role user"). The caller is spared only when all are listed:
    /// an account alone spares only its root user, a role alone none of its sessions.
    pub(crate) fn checks(&self, caller: &Caller) -> Vec<(Checked, bool)> {
        let everyone = self.entries.contains(&PrincipalEntry::Everyone);
        let listed = |want: PrincipalMatch| {
            everyone || self.entries.iter().any(|e| e.matches(caller) == Some(want))
        };
        let account = || {
            (
                Checked::Account(caller.account().into()),
                listed(PrincipalMatch::Account),
            )
        };
        let own = |checked: fn(Box<str>) -> Checked| {
            (checked(caller.arn().into()), listed(PrincipalMatch::Direct))
        };
        let role = || {
            let arn = caller.principal_arn().unwrap_or_default();
            (Checked::Role(arn.into()), listed(PrincipalMatch::Indirect))
        };
        match caller.kind() {
            CallerKind::Root => vec![account()],
            CallerKind::User | CallerKind::FederatedUser => vec![account(), own(Checked::User)],
            CallerKind::AssumedRole => vec![account(), role(), own(Checked::Session)],
            // A role ARN stands for one of its sessions, whose ARN is not known.
            CallerKind::Role => vec![account(), role(), (Checked::SomeSession, everyone)],
            CallerKind::Service | CallerKind::WebIdentity => {
                vec![(
                    Checked::Named(caller.arn().into()),
                    listed(PrincipalMatch::Service),
                )]
            }
            CallerKind::Anonymous => vec![own(Checked::Named)],
        }
    }
}

/// An identity of the caller that AWS checks against a `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Checked {
    /// The caller's account (listed as its id or its `:root` ARN).
    Account(Box<str>),
    /// The IAM user or federated user ARN.
    User(Box<str>),
    /// The role of a role session (its ARN without the path a session ARN lacks).
    Role(Box<str>),
    /// The role session ARN.
    Session(Box<str>),
    /// The session of a caller named by its role ARN: no `NotPrincipal` can name it.
    SomeSession,
    /// A service principal, web identity provider or anonymous caller.
    Named(Box<str>),
}

impl std::fmt::Display for Checked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Checked::Account(a) => write!(f, "the account {a}"),
            Checked::User(arn) => write!(f, "the user {arn}"),
            Checked::Role(arn) => write!(f, "the role {arn}"),
            Checked::Session(arn) => write!(f, "the session {arn}"),
            Checked::SomeSession => write!(f, "the session's own ARN"),
            Checked::Named(name) => write!(f, "{name}"),
        }
    }
}
