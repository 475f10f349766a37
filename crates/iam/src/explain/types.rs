//! The small enums of a decision: its result, why it was made, and the kinds of policy an
//! explanation names. Each serializes as the code it has in JSON, and reads it back.

use serde::de::{Deserialize, Deserializer, Error};
use serde::{Serialize, Serializer};

/// Reads the code of one of `all` (as `code` writes it), for the enums of this module.
pub(crate) fn from_code<'de, D: Deserializer<'de>, T: Copy>(
    deserializer: D,
    all: &[T],
    code: fn(T) -> &'static str,
    what: &str,
) -> Result<T, D::Error> {
    let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
    all.iter()
        .copied()
        .find(|t| code(*t) == text)
        .ok_or_else(|| D::Error::custom(format!("unknown {what} `{text}`")))
}

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
    /// Every result.
    pub const ALL: [AuthorizationResult; 3] = [
        AuthorizationResult::Allowed,
        AuthorizationResult::ImplicitlyDenied,
        AuthorizationResult::ExplicitlyDenied,
    ];

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

impl<'de> Deserialize<'de> for AuthorizationResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_code(deserializer, &Self::ALL, Self::as_str, "result")
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
    /// Every kind.
    pub const ALL: [PolicyKind; 8] = [
        PolicyKind::Identity,
        PolicyKind::Resource,
        PolicyKind::Trust,
        PolicyKind::KmsKey,
        PolicyKind::Boundary,
        PolicyKind::Session,
        PolicyKind::Scp,
        PolicyKind::Rcp,
    ];

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

impl<'de> Deserialize<'de> for PolicyKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_code(deserializer, &Self::ALL, Self::code, "policy kind")
    }
}

/// Why the decision is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A statement denies.
    ExplicitDeny,
    /// No SCP at one level of the organization allows (the explanation names the level).
    ScpNoAllow,
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
    /// Every reason.
    pub const ALL: [Reason; 12] = [
        Reason::ExplicitDeny,
        Reason::ScpNoAllow,
        Reason::NoResourcePolicy,
        Reason::ResourcePolicyNoAllow,
        Reason::IdentityNoAllow,
        Reason::BoundaryNoAllow,
        Reason::SessionNoAllow,
        Reason::AllowedByResourcePolicy,
        Reason::AllowedByIdentityPolicy,
        Reason::AllowedCrossAccount,
        Reason::AllowedAsRoot,
        Reason::NoPermissionRequired,
    ];

    /// A camelCase code for JSON.
    pub fn code(self) -> &'static str {
        match self {
            Reason::ExplicitDeny => "explicitDeny",
            Reason::ScpNoAllow => "serviceControlPolicyNoAllow",
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
            Reason::ScpNoAllow
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

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_code(deserializer, &Self::ALL, Self::code, "reason")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_read_back() {
        fn check<T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug>(
            all: &[T],
        ) {
            let mut codes = Vec::new();
            for t in all {
                let json = serde_json::to_value(t).unwrap();
                assert_eq!(&serde_json::from_value::<T>(json.clone()).unwrap(), t);
                codes.push(json.as_str().unwrap_or_default().to_string());
            }
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), all.len());
        }
        check(&AuthorizationResult::ALL);
        check(&PolicyKind::ALL);
        check(&Reason::ALL);
        assert!(serde_json::from_str::<Reason>("\"allowed\"").is_err());
    }
}
