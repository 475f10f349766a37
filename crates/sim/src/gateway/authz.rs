//! Authorizing one call with the IAM evaluator: the caller's identity policies, boundary and
//! SCPs, the resource's policy and RCPs, and the request context AWS would build.

use super::advice::advise;
use super::facts::Facts;
use super::fixes::candidates;
use super::headline::headline;
use crate::fix::{apply_fix, Fix};
use crate::identity::Principal;
use crate::scenario::{NamedPolicy, Organization, Role, Scenario};
use iam::{
    AuthorizationRequest, AuthorizationResult, ContextValue, ExplanationReport, OrgLevel,
    PolicyRef, Reason,
};
use serde::{Deserialize, Serialize};

/// What is asked for.
pub(crate) struct Access<'s> {
    /// `service:Action`.
    pub(crate) action: &'s str,
    pub(crate) resource: String,
    pub(crate) resource_account: String,
    pub(crate) resource_policy: Option<&'s NamedPolicy>,
    /// `None` when the resource type has no resource-based policies.
    pub(crate) resource_policy_noun: Option<&'static str>,
    /// The resource policy is a role's trust policy.
    pub(crate) trust: bool,
    /// Condition keys the call sends (`sts:ExternalId`, `aws:SourceArn` …).
    pub(crate) context: Vec<(&'static str, String)>,
    /// Condition keys a simulator user set: they replace any the call or AWS would set
    /// (none in a run).
    pub(crate) given: Vec<(String, ContextValue)>,
}

/// The decision on one call, rendered; in JSON `{"result", "summary", "explanation",
/// "advice", "reason", "headline", "fixes"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// Allowed, or how it was denied.
    pub result: AuthorizationResult,
    /// The decision in one sentence.
    pub summary: String,
    /// The IAM explanation, with pointers into the scenario; `None` (`null` in JSON) when
    /// no policy decided.
    pub explanation: Option<ExplanationReport>,
    /// What to change for the call to be allowed, when it was denied.
    pub advice: Option<String>,
    /// Why, when the evaluator decided (`None`, `null` in JSON, for a caller it could not
    /// read); its code in JSON.
    pub reason: Option<Reason>,
    /// The call in one line, naming what mattered: `sts:AssumeRole denied: the trust
    /// policy of role T (account 2) expects sts:ExternalId "a", the call sent "b"`, or
    /// `… allowed by …`. Words and ARNs only.
    pub headline: String,
    /// For a denial that one edit of the scenario turns into an allow, that edit (empty
    /// otherwise: explicit denies, boundaries, SCPs, or more than one thing to change).
    pub fixes: Vec<Fix>,
}

impl Verdict {
    /// Whether the call may proceed.
    pub fn allowed(&self) -> bool {
        self.result == AuthorizationResult::Allowed
    }

    /// A decision on `action` that no policy takes part in, worded by `headline` (an API
    /// Gateway method with authorization `NONE` and no resource policy).
    pub(crate) fn open(action: &str, headline: String) -> Verdict {
        Verdict {
            summary: format!("Allowed: {action} is not authorized with IAM here"),
            headline,
            ..Verdict::unconditional(action, String::new())
        }
    }

    /// A refusal of `action` before any policy is asked (an API Gateway request to a
    /// method that does not exist, or unsigned to an `AWS_IAM` method), worded by
    /// `headline`, with `advice`.
    pub(crate) fn refused(action: &str, headline: String, advice: String) -> Verdict {
        Verdict {
            result: AuthorizationResult::ImplicitlyDenied,
            summary: format!("Denied: the request for {action} was refused before IAM was asked"),
            advice: Some(advice),
            headline,
            ..Verdict::unconditional(action, String::new())
        }
    }

    /// A decision on `action` that needs no policy (`sts:GetCallerIdentity`).
    pub(crate) fn unconditional(action: &str, summary: String) -> Verdict {
        Verdict {
            result: AuthorizationResult::Allowed,
            reason: None,
            summary,
            explanation: None,
            advice: None,
            headline: format!("{action} allowed: it needs no permission"),
            fixes: Vec::new(),
        }
    }
}

fn refs(policies: &[NamedPolicy]) -> Vec<PolicyRef<'_>> {
    policies.iter().map(as_ref).collect()
}

fn as_ref(p: &NamedPolicy) -> PolicyRef<'_> {
    PolicyRef {
        name: &p.name,
        policy: &p.policy,
        source: Some(&p.pointer),
    }
}

/// Decides `access` for `principal` at virtual time `now` (ms), with the headline, and
/// for a denial the advice and the fix (checked: applied to the scenario, it allows).
/// `sts:GetCallerIdentity` needs no permission, and no policy can deny it.
pub(crate) fn authorize(
    scenario: &Scenario,
    principal: &Principal,
    access: &Access,
    now: i64,
) -> Verdict {
    if access.action.eq_ignore_ascii_case("sts:GetCallerIdentity") {
        return Verdict::unconditional(
            access.action,
            "Allowed: GetCallerIdentity needs no permission, and no policy can deny it".into(),
        );
    }
    let mut verdict = decide(scenario, principal, access, now);
    let Some(explanation) = &verdict.explanation else {
        return verdict;
    };
    let facts = Facts {
        scenario,
        principal,
        access,
        explanation,
    };
    verdict.headline = headline(&facts);
    if let Some(note) = facts.outsider_note() {
        verdict.summary = format!("{} {note}", verdict.summary);
    }
    if !verdict.allowed() {
        verdict.advice = advise(&facts);
        verdict.fixes = candidates(&facts)
            .into_iter()
            .find(|fix| allows_after(scenario, principal, access, now, fix))
            .into_iter()
            .collect();
    }
    verdict
}

/// Whether the call would be allowed in the scenario with `fix` applied.
fn allows_after(
    scenario: &Scenario,
    principal: &Principal,
    access: &Access,
    now: i64,
    fix: &Fix,
) -> bool {
    let mut document = (*scenario.document).clone();
    if apply_fix(&mut document, fix).is_err() {
        return false;
    }
    let Ok(fixed) = Scenario::from_value(&document) else {
        return false;
    };
    let resource_policy = match access.resource_policy {
        Some(p) => match fixed.resource_policy_at(&p.pointer) {
            Some(p) => Some(p),
            None => return false,
        },
        None => None,
    };
    let access = Access {
        resource: access.resource.clone(),
        resource_account: access.resource_account.clone(),
        resource_policy,
        context: access.context.clone(),
        given: access.given.clone(),
        ..*access
    };
    decide(&fixed, principal, &access, now).allowed()
}

/// The IAM decision on `access` for `principal` at virtual time `now` (ms), without
/// headline (unless the caller cannot be read), advice or fixes.
pub(crate) fn decide(
    scenario: &Scenario,
    principal: &Principal,
    access: &Access,
    now: i64,
) -> Verdict {
    let principal_arn = principal.arn();
    let caller = match iam::Caller::parse(&principal_arn) {
        Ok(c) => c,
        Err(e) => {
            return Verdict {
                result: AuthorizationResult::ImplicitlyDenied,
                reason: None,
                summary: format!("Implicitly denied: {e}"),
                explanation: None,
                advice: None,
                headline: format!("{} denied: {e}", access.action),
                fixes: Vec::new(),
            }
        }
    };
    let session = match principal {
        Principal::Session(s) => Some(s),
        Principal::Service(_) | Principal::Anonymous => None,
    };
    let role = caller_role(scenario, principal);
    let identity: Vec<PolicyRef> = role
        .map(|r| r.identity_policies().map(as_ref).collect())
        .unwrap_or_default();
    let boundary: Vec<PolicyRef> = role
        .and_then(|r| r.permissions_boundary.as_ref())
        .map(as_ref)
        .into_iter()
        .collect();
    let org = scenario.organization.as_ref();
    let scp_refs = org.map(|o| refs(&o.service_control_policies));
    let rcp_refs = org.map(|o| refs(&o.resource_control_policies));
    fn level<'a>(
        org: Option<&'a Organization>,
        policies: &'a Option<Vec<PolicyRef<'a>>>,
        member: bool,
    ) -> Option<Vec<OrgLevel<'a>>> {
        let (org, policies) = (org?, policies.as_ref()?);
        (member && !policies.is_empty()).then(|| {
            vec![OrgLevel {
                id: &org.id,
                policies,
            }]
        })
    }
    let caller_account = session.map(|s| s.account.as_str()).unwrap_or("");
    let scps = level(
        org,
        &scp_refs,
        org.is_some_and(|o| o.contains(caller_account)),
    );
    let rcps = level(
        org,
        &rcp_refs,
        org.is_some_and(|o| o.contains(&access.resource_account)),
    );

    let context = request_context(scenario, principal, &caller, access, now);
    let mut request = AuthorizationRequest::new(&caller, access.action, &access.resource, &context);
    request.resource_account = Some(&access.resource_account);
    request.identity_policies = &identity;
    request.permission_boundaries = &boundary;
    request.resource_policy = access.resource_policy.map(as_ref);
    if access.trust {
        request.resource_policy_kind = iam::ResourcePolicyKind::Trust;
    }
    request.service_control_policies = scps.as_deref();
    request.resource_control_policies = rcps.as_deref();
    let decision = iam::evaluate(&request);
    let explanation = decision.explanation.report();
    Verdict {
        result: decision.result,
        reason: Some(decision.explanation.reason()),
        summary: explanation.summary.clone(),
        explanation: Some(explanation),
        advice: None,
        headline: String::new(),
        fixes: Vec::new(),
    }
}

/// The role of the caller's session in the scenario (`None` for a service principal or a
/// role the scenario does not hold).
pub(crate) fn caller_role<'s>(scenario: &'s Scenario, principal: &Principal) -> Option<&'s Role> {
    match principal {
        Principal::Session(s) => scenario.role(&s.account, &s.role),
        Principal::Service(_) | Principal::Anonymous => None,
    }
}

/// `aws:CurrentTime` and `aws:EpochTime` at virtual time `now` (ms).
pub(crate) fn time_keys(now: i64) -> [(&'static str, String); 2] {
    [
        ("aws:CurrentTime", timestamp::format_millis(now)),
        ("aws:EpochTime", (now / 1000).to_string()),
    ]
}

/// The request context IAM sees for `access` by `principal` (parsed as `caller`) at `now`:
/// the keys a simulator user gave, then those AWS sets (of the principal, the resource
/// and the request), then the call's own keys; a key already set is not set again.
pub(crate) fn request_context(
    scenario: &Scenario,
    principal: &Principal,
    caller: &iam::Caller,
    access: &Access,
    now: i64,
) -> iam::RequestContext {
    let mut context = iam::RequestContext::new();
    for (key, value) in &access.given {
        context.insert(key, value.clone());
    }
    context.add_principal_defaults(caller);
    let session = match principal {
        Principal::Session(s) => Some(s),
        Principal::Service(_) | Principal::Anonymous => None,
    };
    let caller_account = session.map(|s| s.account.as_str()).unwrap_or("");
    let org = scenario.organization.as_ref();
    if let Some(o) = org.filter(|o| o.contains(caller_account)) {
        context.insert_default("aws:PrincipalOrgID", &o.id);
    }
    if let Some(role) = caller_role(scenario, principal) {
        for (k, v) in &role.tags {
            context.insert_default(&format!("aws:PrincipalTag/{k}"), v);
        }
    }
    if let Some(s) = session {
        context.insert_default("aws:userid", &s.user_id());
    }
    context.insert_default("aws:ResourceAccount", &access.resource_account);
    context.insert_default("aws:RequestedRegion", &scenario.region);
    for (key, value) in time_keys(now) {
        context.insert_default(key, &value);
    }
    context.insert_default("aws:SecureTransport", "true");
    for (key, value) in &access.context {
        context.insert_default(key, value);
    }
    context.insert_default("aws:ViaAWSService", "false");
    context
}
