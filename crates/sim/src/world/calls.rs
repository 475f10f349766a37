//! Making one API call: authorize it, record it with its decision, and run it if allowed.

use super::{CallCx, World};
use crate::authz::{authorize, Access, Verdict};
use crate::errors::ApiError;
use crate::identity::Principal;
use crate::integration::{iam_action, Service};
use crate::report::{CallRecord, Site};
use crate::scenario::NamedPolicy;
use serde_json::Value;

/// One API call to make.
pub(crate) struct Call<'s> {
    pub(crate) service: Service,
    pub(crate) api: &'static str,
    pub(crate) resource: String,
    pub(crate) resource_account: String,
    pub(crate) resource_policy: Option<&'s NamedPolicy>,
    /// What the resource's policy is called; `None` for types without one.
    pub(crate) noun: Option<&'static str>,
    pub(crate) trust: bool,
    pub(crate) context: Vec<(&'static str, String)>,
    pub(crate) request: Value,
}

impl<'s> World<'s> {
    /// Authorizes `call` for the caller of `cx`, records it, and runs `body` if allowed.
    pub(crate) fn api(
        &mut self,
        cx: &CallCx,
        call: Call<'s>,
        body: impl FnOnce(&mut World<'s>) -> Result<Value, ApiError>,
    ) -> Result<Value, ApiError> {
        self.api_as(
            Some(cx.site),
            cx.site.execution,
            &cx.principal,
            cx.now,
            call,
            body,
        )
    }

    /// [`World::api`] for any principal and site.
    pub(crate) fn api_as(
        &mut self,
        site: Option<Site>,
        execution: usize,
        principal: &Principal,
        now: i64,
        call: Call<'s>,
        body: impl FnOnce(&mut World<'s>) -> Result<Value, ApiError>,
    ) -> Result<Value, ApiError> {
        let action = iam_action(call.service, call.api);
        let verdict = if action == "sts:GetCallerIdentity" {
            Verdict::unconditional(
                "Allowed: GetCallerIdentity needs no permission, and no policy can deny it".into(),
            )
        } else {
            let access = Access {
                action,
                resource: call.resource.clone(),
                resource_account: call.resource_account.clone(),
                resource_policy: call.resource_policy,
                resource_policy_noun: call.noun,
                trust: call.trust,
                context: call.context,
            };
            authorize(self.scenario, principal, &access, now)
        };
        let index = self.report.calls.len();
        let allowed = verdict.allowed();
        let denial = (!allowed).then(|| {
            ApiError::access_denied(
                call.service,
                denied_message(&principal.arn(), action, &call.resource, &verdict),
            )
        });
        self.report.calls.push(CallRecord {
            site,
            execution,
            service: call.service,
            action,
            api: call.api,
            caller: principal.clone(),
            resource: call.resource,
            resource_account: call.resource_account,
            request: call.request,
            response: None,
            error: None,
            decision: verdict,
        });
        let result = match denial {
            Some(e) => Err(e),
            None => body(self),
        };
        if let Some(record) = self.report.calls.get_mut(index) {
            match &result {
                Ok(v) => record.response = Some(v.clone()),
                Err(e) => record.error = Some((e.code.clone(), e.message.clone())),
            }
        }
        result
    }

    /// A request id for the error cause of the latest call.
    pub(crate) fn request_id(&self) -> String {
        format!("5a1d0000-0000-4000-9000-{:012x}", self.report.calls.len())
    }
}

/// AWS's wording: `User: ARN is not authorized to perform: ACTION on resource: ARN because …`.
fn denied_message(caller: &str, action: &str, resource: &str, verdict: &Verdict) -> String {
    use iam::Reason;
    let because = match verdict.reason {
        Some(Reason::ExplicitDeny) => {
            let kind = verdict
                .explanation
                .pointer("/decidingStatements/0/policyKind")
                .and_then(Value::as_str)
                .unwrap_or("identity");
            let kind = match kind {
                "identity" => "an identity-based",
                "resource" | "trust" => "a resource-based",
                "permissionsBoundary" => "a permissions boundary",
                "session" => "a session",
                "serviceControlPolicy" => "a service control",
                _ => "a resource control",
            };
            format!(" with an explicit deny in {kind} policy")
        }
        Some(Reason::IdentityNoAllow) => {
            format!(" because no identity-based policy allows the {action} action")
        }
        Some(Reason::NoResourcePolicy | Reason::ResourcePolicyNoAllow) => {
            format!(" because no resource-based policy allows the {action} action")
        }
        Some(Reason::BoundaryNoAllow) => {
            format!(" because no permissions boundary allows the {action} action")
        }
        Some(Reason::SessionNoAllow) => {
            format!(" because no session policy allows the {action} action")
        }
        Some(Reason::ScpLevel(_)) => {
            format!(" because no service control policy allows the {action} action")
        }
        Some(Reason::RcpLevel(_)) => {
            format!(" because no resource control policy allows the {action} action")
        }
        _ => String::new(),
    };
    format!(
        "User: {caller} is not authorized to perform: {action} on resource: {resource}{because}"
    )
}
