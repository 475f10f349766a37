//! What an API Gateway method calls once the caller is authorized, and the HTTP answer.
//!
//! - An AWS service integration (`StartExecution`, `StartSyncExecution`): API Gateway
//!   assumes the integration's `credentials` role (`apigateway.amazonaws.com` must be
//!   trusted) and calls Step Functions as that role, the request body as the execution
//!   input; the Step Functions response, as its JSON protocol sends it (`executionArn`,
//!   `startDate` in epoch seconds …), is the body (`200`).
//! - A Lambda proxy integration: the function gets the proxy event (`resource`, `path`,
//!   `httpMethod`, `headers`, `queryStringParameters`, `body` …) and must answer
//!   `{statusCode, headers?, body?}`; API Gateway invokes it as the `credentials` role if
//!   there is one, else as `apigateway.amazonaws.com` (the function's resource policy must
//!   allow it, with `aws:SourceArn` the method's ARN).
//!
//! A role API Gateway cannot assume or whose call is denied, and any other failure of the
//! integration, is `500 {"message": "Internal server error"}`; a Lambda function error or
//! an answer without `statusCode` is `502` with the same body, as API Gateway answers.

use super::apigateway::ApiRequest;
use super::executions::Executions;
use super::lambda::{self, Invocation};
use super::params::{text_of, Params};
use super::sfn;
use crate::arn;
use crate::gateway::{Call, CallCx};
use crate::identity::{Principal, Session};
use crate::integration::{Pattern, Service, Style};
use crate::scenario::{ApiMethod, IntegrationTarget};
use serde_json::{json, Map, Value};

/// An HTTP answer of API Gateway.
pub(super) struct HttpResponse {
    pub(super) status: u16,
    /// Header values by name, each a list (as Step Functions shows them).
    pub(super) headers: Map<String, Value>,
    pub(super) body: Value,
}

impl HttpResponse {
    fn json(status: u16, body: Value) -> HttpResponse {
        let mut headers = Map::new();
        headers.insert("Content-Type".into(), json!(["application/json"]));
        HttpResponse {
            status,
            headers,
            body,
        }
    }

    /// `500 {"message": "Internal server error"}` (or `502`).
    fn internal(status: u16) -> HttpResponse {
        HttpResponse::json(status, json!({"message": "Internal server error"}))
    }

    /// The Task's output: `{ResponseBody, Headers, StatusCode, StatusText}`.
    pub(super) fn output(&self) -> Value {
        json!({
            "ResponseBody": self.body,
            "Headers": self.headers,
            "StatusCode": self.status,
            "StatusText": status_text(self.status),
        })
    }
}

fn status_text(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        _ => "",
    }
}

/// A body as the text a failure's cause shows.
pub(super) fn body_text(body: &Value) -> String {
    text_of(body)
}

/// Runs `method`'s integration for `request` (the method's ARN is `resource`); returns
/// the answer and how long it took (ms).
pub(super) fn run(
    w: &mut dyn Executions,
    cx: &CallCx,
    account: &str,
    method: &ApiMethod,
    request: &ApiRequest,
    resource: &str,
) -> (HttpResponse, u64) {
    let role = match &method.integration.credentials_role {
        Some(role) => match assume(w, cx, account, role) {
            Some(session) => Some(session),
            None => return (HttpResponse::internal(500), 0),
        },
        None => None,
    };
    match &method.integration.target {
        IntegrationTarget::StartExecution(machine)
        | IntegrationTarget::StartSyncExecution(machine) => {
            let Some(session) = role else {
                return (HttpResponse::internal(500), 0);
            };
            let sync = matches!(
                method.integration.target,
                IntegrationTarget::StartSyncExecution(_)
            );
            start(w, cx, session, account, machine, sync, request)
        }
        IntegrationTarget::LambdaProxy(function) => (
            proxy(w, cx, role, account, function, method, request, resource),
            0,
        ),
    }
}

/// API Gateway assumes the integration's role; `None` when the trust policy refuses.
fn assume(w: &mut dyn Executions, cx: &CallCx, account: &str, role: &str) -> Option<Session> {
    let scenario = w.gateway().scenario;
    let role_arn = arn::role(account, role);
    let call = Call {
        service: Service::Sts,
        api: "AssumeRole",
        resource: role_arn.clone(),
        resource_account: account.to_string(),
        resource_policy: scenario.role(account, role).map(|r| &r.trust_policy),
        noun: Service::Sts.policy_noun(),
        trust: true,
        context: Vec::new(),
        request: json!({"RoleArn": role_arn, "RoleSessionName": "apigateway"}),
    };
    let gateway_cx = CallCx {
        principal: Principal::Service("apigateway.amazonaws.com".into()),
        ..cx.clone()
    };
    let admitted = w.gateway().admit(&gateway_cx, call).ok()?;
    let session = Session {
        account: account.to_string(),
        role: role.to_string(),
        name: "apigateway".into(),
    };
    let response = json!({"AssumedRoleUser": {"Arn": session.arn()}});
    w.gateway().settle(admitted, Ok(response)).ok()?;
    Some(session)
}

/// The Step Functions call of an AWS service integration, as `session`.
fn start(
    w: &mut dyn Executions,
    cx: &CallCx,
    session: Session,
    account: &str,
    machine: &str,
    sync: bool,
    request: &ApiRequest,
) -> (HttpResponse, u64) {
    let role_cx = CallCx {
        principal: Principal::Session(session),
        style: Style::Sdk,
        pattern: Pattern::RequestResponse,
        ..cx.clone()
    };
    let mut map = Map::new();
    map.insert(
        "StateMachineArn".into(),
        arn::state_machine(w.gateway().region(), account, machine).into(),
    );
    map.insert(
        "Input".into(),
        request.body.map_or_else(|| "{}".into(), text_of).into(),
    );
    let p = Params {
        service: Service::StepFunctions,
        map: &map,
    };
    let reply = match sync {
        true => sfn::start_sync_execution(w, &role_cx, &p),
        false => sfn::start_execution(w, &role_cx, &p),
    };
    match reply {
        Ok(reply) => (HttpResponse::json(200, wire(reply.value)), reply.duration),
        Err(_) => (HttpResponse::internal(500), 0),
    }
}

/// A Step Functions response as its JSON protocol sends it, which an AWS service
/// integration passes through: member names in lower camel case (`executionArn`,
/// `inputDetails.included`), dates in epoch seconds (`startDate`, `stopDate`).
fn wire(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, v)| {
                    let mut chars = key.chars();
                    let key = match chars.next() {
                        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
                        None => key,
                    };
                    let v = match (key.as_str(), v.as_i64()) {
                        ("startDate" | "stopDate", Some(ms)) => json!(ms as f64 / 1000.0),
                        _ => wire(v),
                    };
                    (key, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(wire).collect()),
        other => other,
    }
}

/// The Lambda proxy event for `request` on `method`.
fn proxy_event(account: &str, method: &ApiMethod, request: &ApiRequest, caller: &Value) -> Value {
    let first = |v: &Value| -> Value {
        match v.as_object() {
            Some(m) if !m.is_empty() => Value::Object(
                m.iter()
                    .map(|(k, v)| {
                        let one = v.as_array().and_then(|a| a.first()).unwrap_or(v);
                        (k.clone(), Value::String(text_of(one)))
                    })
                    .collect(),
            ),
            _ => Value::Null,
        }
    };
    let many = |v: &Value| match v.as_object() {
        Some(m) if !m.is_empty() => v.clone(),
        _ => Value::Null,
    };
    json!({
        "resource": method.path,
        "path": request.path,
        "httpMethod": request.method,
        "headers": first(&request.headers),
        "multiValueHeaders": many(&request.headers),
        "queryStringParameters": first(&request.query),
        "multiValueQueryStringParameters": many(&request.query),
        "pathParameters": super::apigateway::path_parameters(&method.path, &request.path),
        "stageVariables": null,
        "requestContext": {
            "accountId": account,
            "apiId": request.api_id,
            "stage": request.stage,
            "httpMethod": request.method,
            "resourcePath": method.path,
            "path": format!("/{}{}", request.stage, request.path),
            "identity": caller,
        },
        "body": request.body.map(text_of),
        "isBase64Encoded": false,
    })
}

/// A Lambda proxy integration.
#[allow(clippy::too_many_arguments)]
fn proxy(
    w: &mut dyn Executions,
    cx: &CallCx,
    role: Option<Session>,
    account: &str,
    function: &str,
    method: &ApiMethod,
    request: &ApiRequest,
    resource: &str,
) -> HttpResponse {
    let caller = match &cx.principal {
        Principal::Session(s) => {
            json!({"caller": s.user_id(), "userArn": s.arn(), "accountId": s.account})
        }
        _ => json!({"caller": null, "userArn": null, "accountId": null}),
    };
    let event = proxy_event(account, method, request, &caller);
    let (principal, context) = match role {
        Some(session) => (Principal::Session(session), Vec::new()),
        None => (
            Principal::Service("apigateway.amazonaws.com".into()),
            vec![
                ("aws:SourceArn", resource.to_string()),
                ("aws:SourceAccount", account.to_string()),
            ],
        ),
    };
    let invoke_cx = CallCx {
        principal,
        style: Style::Sdk,
        pattern: Pattern::RequestResponse,
        ..cx.clone()
    };
    let function_arn = arn::function(w.gateway().region(), account, function);
    let target = Invocation {
        account,
        name: function,
        qualifier: None,
        asynchronous: false,
        context,
    };
    let request_json = json!({"FunctionName": function_arn, "Payload": event});
    let Ok(response) = lambda::invoke_function(w, &invoke_cx, &target, &event, request_json) else {
        return HttpResponse::internal(500);
    };
    if response.get("FunctionError").is_some() {
        return HttpResponse::internal(502);
    }
    let payload = response.get("Payload").cloned().unwrap_or(Value::Null);
    let Some(status) = payload
        .get("statusCode")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
    else {
        return HttpResponse::internal(502);
    };
    let mut answer = HttpResponse::json(status, Value::Null);
    if let Some(headers) = payload.get("headers").and_then(Value::as_object) {
        for (k, v) in headers {
            answer.headers.insert(k.clone(), json!([text_of(v)]));
        }
    }
    answer.body = match payload.get("body") {
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::String(s.clone())),
        Some(other) => other.clone(),
        None => Value::String(String::new()),
    };
    answer
}
