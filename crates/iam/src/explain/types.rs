//! The small enums of a decision: its result, why it was made, and the kinds of policy an
//! explanation names. Each serializes as the code it has in JSON.

use serde::{Serialize, Serializer};

/// The three outcomes of an authorization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorizationResult {
    /// Some policy allows, and nothing denies or limits.
    Allowed,
    /// Nothing denies, but what is needed does not allow.
    ImplicitlyDenied,
    /// A statement denies.
    ExplicitlyDenied,
}

impl AuthorizationResult {
    /// `"Allowed"`, `"ImplicitlyDenied"` or `"ExplicitlyDenied"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorizationResult::Allowed => "Allowed",
            AuthorizationResult::ImplicitlyDenied => "ImplicitlyDenied",
            AuthorizationResult::ExplicitlyDenied => "ExplicitlyDenied",
        }
    }
}

impl Serialize for AuthorizationResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The kind of a policy in an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// An identity-based policy of the caller.
    Identity,
    /// The resource's resource-based policy.
    Resource,
    /// The trust policy of the role being assumed.
    Trust,
    /// The KMS key policy.
    KmsKey,
    /// The caller's permissions boundary.
    Boundary,
    /// The session policy.
    Session,
    /// A service control policy of the caller's organization.
    Scp,
    /// A resource control policy of the resource's organization.
    Rcp,
}

/// The kinds of resource-based policy.
pub(crate) const RESOURCE_BASED: &[PolicyKind] =
    &[PolicyKind::Resource, PolicyKind::Trust, PolicyKind::KmsKey];

impl PolicyKind {
    /// A camelCase code for JSON.
    pub fn code(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity",
            PolicyKind::Resource => "resource",
            PolicyKind::Trust => "trust",
            PolicyKind::KmsKey => "kmsKey",
            PolicyKind::Boundary => "permissionsBoundary",
            PolicyKind::Session => "session",
            PolicyKind::Scp => "serviceControlPolicy",
            PolicyKind::Rcp => "resourceControlPolicy",
        }
    }

    /// Whether it is a resource-based policy (resource, trust or key policy).
    pub fn is_resource_based(self) -> bool {
        RESOURCE_BASED.contains(&self)
    }
}

impl Serialize for PolicyKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// Why the decision is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A statement denies.
    ExplicitDeny,
    /// No SCP at this level (index into the SCP levels) allows.
    ScpLevel(usize),
    /// Cross-account, or a trust/key policy is required, and there is none.
    NoResourcePolicy,
    /// The resource-based policy has no statement that allows.
    ResourcePolicyNoAllow,
    /// No identity-based policy allows.
    IdentityNoAllow,
    /// The permissions boundary does not allow.
    BoundaryNoAllow,
    /// The session policy does not allow.
    SessionNoAllow,
    /// The resource-based policy allows the caller itself.
    AllowedByResourcePolicy,
    /// An identity-based policy allows.
    AllowedByIdentityPolicy,
    /// Both the caller's account and the resource's account allow.
    AllowedCrossAccount,
    /// The account root user acts in its own account.
    AllowedAsRoot,
    /// The action needs no permission (`sts:GetCallerIdentity`, `sts:GetSessionToken`):
    /// allowed whatever the policies say, even under an explicit deny.
    NoPermissionRequired,
}

impl Reason {
    /// A camelCase code for JSON.
    pub fn code(self) -> &'static str {
        match self {
            Reason::ExplicitDeny => "explicitDeny",
            Reason::ScpLevel(_) => "serviceControlPolicyNoAllow",
            Reason::NoResourcePolicy => "noResourcePolicy",
            Reason::ResourcePolicyNoAllow => "resourcePolicyNoAllow",
            Reason::IdentityNoAllow => "identityPolicyNoAllow",
            Reason::BoundaryNoAllow => "permissionsBoundaryNoAllow",
            Reason::SessionNoAllow => "sessionPolicyNoAllow",
            Reason::AllowedByResourcePolicy => "allowedByResourcePolicy",
            Reason::AllowedByIdentityPolicy => "allowedByIdentityPolicy",
            Reason::AllowedCrossAccount => "allowedByBothAccounts",
            Reason::AllowedAsRoot => "allowedAsAccountRoot",
            Reason::NoPermissionRequired => "noPermissionRequired",
        }
    }

    /// The result this reason leads to.
    pub fn result(self) -> AuthorizationResult {
        match self {
            Reason::ExplicitDeny => AuthorizationResult::ExplicitlyDenied,
            Reason::AllowedByResourcePolicy
            | Reason::AllowedByIdentityPolicy
            | Reason::AllowedCrossAccount
            | Reason::AllowedAsRoot
            | Reason::NoPermissionRequired => AuthorizationResult::Allowed,
            Reason::ScpLevel(_)
            | Reason::NoResourcePolicy
            | Reason::ResourcePolicyNoAllow
            | Reason::IdentityNoAllow
            | Reason::BoundaryNoAllow
            | Reason::SessionNoAllow => AuthorizationResult::ImplicitlyDenied,
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}
