//! An authorization request as the evaluator takes it: the caller, action, resource,
//! context, and references to the policies that apply, each with a name for explanations.

use crate::caller::Caller;
use crate::context::RequestContext;
use crate::policy::Policy;

/// What the resource-based policy is; trust and KMS key policies must allow the principal
/// explicitly even within one account ("Policy evaluation logic", IAM User Guide).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourcePolicyKind {
    /// An ordinary resource-based policy (S3 bucket, Secrets Manager secret, Lambda...).
    Resource,
    /// A role trust policy (the request is `sts:AssumeRole*` on the role).
    Trust,
    /// A KMS key policy.
    KmsKey,
}

/// The STS actions a role's trust policy decides ("IAM JSON policy elements: Principal":
/// the trust policy is the resource-based policy of the role).
const TRUST_ACTIONS: [&str; 5] = [
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:tagsession",
    "sts:setsourceidentity",
];

impl ResourcePolicyKind {
    /// The kind a request implies when it does not say: an `sts:AssumeRole*`,
    /// `sts:TagSession` or `sts:SetSourceIdentity` on a role ARN is judged by the role's
    /// trust policy, a `kms:` action on a key ARN by the key policy, anything else by an
    /// ordinary resource-based policy.
    pub fn infer(action: &str, resource: &str) -> ResourcePolicyKind {
        let Some(parts) = crate::arn::ArnParts::split(resource) else {
            return ResourcePolicyKind::Resource;
        };
        let on_role = parts.service == "iam" && parts.resource.starts_with("role/");
        let on_key = parts.service == "kms" && parts.resource.starts_with("key/");
        let service = action.split_once(':').map_or("", |(s, _)| s);
        if on_role && TRUST_ACTIONS.iter().any(|a| a.eq_ignore_ascii_case(action)) {
            ResourcePolicyKind::Trust
        } else if on_key && service.eq_ignore_ascii_case("kms") {
            ResourcePolicyKind::KmsKey
        } else {
            ResourcePolicyKind::Resource
        }
    }
}

/// A policy with the name explanations use, e.g. `TrustedAccountRl/inline:ssm-read`.
#[derive(Debug, Clone, Copy)]
pub struct PolicyRef<'r> {
    /// The name explanations use.
    pub name: &'r str,
    /// The compiled policy.
    pub policy: &'r Policy,
    /// Where the policy sits in the input document (a JSON pointer), if known.
    pub source: Option<&'r str>,
}

/// The policies attached at one level of an organization (root, OU or account).
#[derive(Debug, Clone, Copy)]
pub struct OrgLevel<'r> {
    /// The level's identifier (root, OU or account id).
    pub id: &'r str,
    /// The policies attached there.
    pub policies: &'r [PolicyRef<'r>],
}

/// One request to authorize.
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationRequest<'r> {
    /// Who makes the request.
    pub principal: &'r Caller,
    /// `service:Action`, any case.
    pub action: &'r str,
    /// The resource ARN (or `*` for actions without resource types).
    pub resource: &'r str,
    /// The account that owns the resource; `None` means the ARN's account field, or the
    /// principal's account when the ARN has none (S3 buckets).
    pub resource_account: Option<&'r str>,
    /// Condition keys; see [`RequestContext::add_principal_defaults`].
    pub context: &'r RequestContext,
    /// The principal's identity-based policies.
    pub identity_policies: &'r [PolicyRef<'r>],
    /// The resource's resource-based policy (or the role's trust policy, or the key policy).
    pub resource_policy: Option<PolicyRef<'r>>,
    /// What the resource-based policy is.
    pub resource_policy_kind: ResourcePolicyKind,
    /// The principal's permissions boundary (several documents act as one boundary).
    pub permission_boundaries: &'r [PolicyRef<'r>],
    /// The session policy passed when the role was assumed.
    pub session_policy: Option<PolicyRef<'r>>,
    /// SCP levels for the principal's account; `None` when it is in no organization.
    pub service_control_policies: Option<&'r [OrgLevel<'r>]>,
    /// RCP levels for the resource's account; `None` when it is in no organization.
    pub resource_control_policies: Option<&'r [OrgLevel<'r>]>,
    /// The organization's management account, whose resources RCPs do not affect.
    pub management_account: Option<&'r str>,
    /// The resource is AWS managed (an AWS managed KMS key), which RCPs do not restrict.
    pub aws_managed_resource: bool,
}

impl<'r> AuthorizationRequest<'r> {
    /// A request with no policies yet; set the fields for the policies that apply. The
    /// resource policy's kind is inferred from the action and resource
    /// ([`ResourcePolicyKind::infer`]).
    pub fn new(
        principal: &'r Caller,
        action: &'r str,
        resource: &'r str,
        context: &'r RequestContext,
    ) -> AuthorizationRequest<'r> {
        AuthorizationRequest {
            principal,
            action,
            resource,
            resource_account: None,
            context,
            identity_policies: &[],
            resource_policy: None,
            resource_policy_kind: ResourcePolicyKind::infer(action, resource),
            permission_boundaries: &[],
            session_policy: None,
            service_control_policies: None,
            resource_control_policies: None,
            management_account: None,
            aws_managed_resource: false,
        }
    }

    /// The account that owns the resource.
    pub fn resource_account(&self) -> &'r str {
        if let Some(a) = self.resource_account.filter(|a| !a.is_empty()) {
            return a;
        }
        match crate::arn::ArnParts::split(self.resource) {
            Some(p) if !p.account.is_empty() => p.account,
            _ => self.principal.account(),
        }
    }

    /// Whether RCPs reach the resource: not in the management account, not AWS managed
    /// (AWS Organizations User Guide, "Resource control policies": "RCPs don't affect
    /// resources in the management account"; AWS KMS Developer Guide: "Resource control
    /// policies in your organization do not apply to AWS managed keys").
    pub fn resource_under_rcps(&self) -> bool {
        !self.aws_managed_resource && self.management_account != Some(self.resource_account())
    }

    /// Whether the principal and the resource are in different accounts (a service
    /// principal has no account: its requests are never cross-account).
    pub fn is_cross_account(&self) -> bool {
        !self.principal.account().is_empty() && self.principal.account() != self.resource_account()
    }
}
