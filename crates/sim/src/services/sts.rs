//! STS: `AssumeRole` (also how a Task's `Credentials` take effect) and `GetCallerIdentity`.

use super::params::Params;
use crate::arn::{self, Arn};
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway, Site};
use crate::identity::{Principal, Session};
use crate::integration::Service;
use serde_json::{json, Value};

/// Assumes `role_arn` as the caller of `cx`: the caller's identity policies and the role's
/// trust policy decide (both, across accounts). Returns the new session and the response.
pub(crate) fn assume(
    w: &mut Gateway,
    cx: &CallCx,
    role_arn: &str,
    session_name: &str,
    external_id: Option<String>,
) -> Result<(Session, Value), ApiError> {
    let by = By {
        site: Some(cx.site),
        execution: cx.site.execution,
        principal: &cx.principal,
        now: cx.now,
    };
    assume_by(w, &by, role_arn, session_name, external_id)
}

/// Who makes a call outside a Task attempt, when (a scripted answer with a token that
/// names no Task has no attempt).
pub(crate) struct By<'p> {
    /// The Task attempt it belongs to, if any.
    pub(crate) site: Option<Site>,
    /// The execution it belongs to.
    pub(crate) execution: usize,
    /// The caller.
    pub(crate) principal: &'p Principal,
    /// Now, ms on the virtual clock.
    pub(crate) now: i64,
}

/// [`assume`] by any caller at any site.
pub(crate) fn assume_by(
    w: &mut Gateway,
    by: &By,
    role_arn: &str,
    session_name: &str,
    external_id: Option<String>,
) -> Result<(Session, Value), ApiError> {
    let Some((account, role)) = Arn::parse(role_arn)
        .filter(|a| a.service == "iam")
        .and_then(|a| Some((a.account, a.resource_named("role")?)))
    else {
        return Err(ApiError::validation(
            Service::Sts,
            format!("{role_arn} is invalid: expected arn:aws:iam::ACCOUNT:role/NAME"),
        ));
    };
    let role = role.rsplit('/').next().unwrap_or(role);
    let scenario = w.scenario;
    let target = scenario.role(account, role);
    let mut context = vec![("sts:RoleSessionName", session_name.to_string())];
    let mut request = json!({"RoleArn": role_arn, "RoleSessionName": session_name});
    if let Some(id) = &external_id {
        context.push(("sts:ExternalId", id.clone()));
        request["ExternalId"] = Value::String(id.clone());
    }
    let session = Session {
        account: account.to_string(),
        role: role.to_string(),
        name: session_name.to_string(),
    };
    let expiration = timestamp::format_millis(by.now + 3_600_000);
    let response = {
        let session = session.clone();
        move |w: &mut Gateway| {
            let key = w.uuid().replace('-', "").to_ascii_uppercase();
            Ok(json!({
                "AssumedRoleUser": {
                    "Arn": session.arn(),
                    "AssumedRoleId": session.user_id(),
                },
                "Credentials": {
                    "AccessKeyId": format!("ASIA{}", key.get(..16).unwrap_or(&key)),
                    "Expiration": expiration,
                    "SecretAccessKey": "simulated/secret/access/key",
                    "SessionToken": format!("simulated-session-token-{key}"),
                },
            }))
        }
    };
    let call = Call {
        service: Service::Sts,
        api: "AssumeRole",
        resource: arn::role(account, role),
        resource_account: account.to_string(),
        resource_policy: target.map(|r| &r.trust_policy),
        noun: Service::Sts.policy_noun(),
        trust: true,
        context,
        request,
    };
    let admitted = w.admit_as(by.site, by.execution, by.principal, by.now, call)?;
    let result = response(w);
    w.settle(admitted, result).map(|r| (session, r))
}

/// `AssumeRole` as an SDK integration: the Task gets the credentials.
pub(super) fn assume_role(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let role_arn = p.string("RoleArn")?;
    let session_name = p.string("RoleSessionName")?;
    let external_id = p.optional("ExternalId")?.map(str::to_string);
    assume(w, cx, role_arn, session_name, external_id).map(|(_, v)| v)
}

/// `GetCallerIdentity`: needs no permission.
pub(super) fn get_caller_identity(w: &mut Gateway, cx: &CallCx) -> Result<Value, ApiError> {
    let (account, arn, user) = match &cx.principal {
        Principal::Session(s) => (s.account.clone(), s.arn(), s.user_id()),
        Principal::Service(s) => (String::new(), s.clone(), s.clone()),
        Principal::Anonymous => (String::new(), "*".into(), "anonymous".into()),
    };
    let call = Call {
        service: Service::Sts,
        api: "GetCallerIdentity",
        resource: "*".into(),
        resource_account: account.clone(),
        resource_policy: None,
        noun: None,
        trust: false,
        context: Vec::new(),
        request: json!({}),
    };
    w.api(cx, call, |_| {
        Ok(json!({"Account": account, "Arn": arn, "UserId": user}))
    })
}
