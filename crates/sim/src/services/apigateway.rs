//! `arn:aws:states:::apigateway:invoke` ("Call API Gateway with Step Functions"): the Task
//! calls a REST API of the scenario by its `ApiEndpoint`
//! (`{id}.execute-api.{region}.amazonaws.com`), `Stage`, `Method` and `Path`. API Gateway
//! finds the stage (`403 Forbidden` if none) and the method (`403 Missing Authentication
//! Token` if none, as REST APIs answer), each refusal recorded as a denied call with its
//! reason in words, authorizes the caller, runs the integration
//! ([`super::api_integration`]) and answers `{ResponseBody, Headers, StatusCode,
//! StatusText}`; any status but 2XX fails the Task with `ApiGateway.<status>` and the
//! body as the cause.
//!
//! Who calls depends on `AuthType`: `NO_AUTH` sends no signature (an anonymous caller),
//! `IAM_ROLE` signs as the Task's role (the execution role, or its `Credentials` role),
//! `RESOURCE_POLICY` signs as Step Functions (`states.amazonaws.com`, with
//! `aws:SourceArn` the state machine). A method with authorization `AWS_IAM` refuses an
//! unsigned call and otherwise asks IAM with the API's resource policy ("How API Gateway
//! resource policies affect authorization workflow": same account, either may allow;
//! across accounts, both must); a method with `NONE` treats every caller as anonymous,
//! and its resource policy, if any, must allow.

use super::api_integration::{self, HttpResponse};
use super::executions::Executions;
use super::params::Params;
use super::reply::Reply;
use crate::arn::Arn;
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx};
use crate::identity::Principal;
use crate::integration::Service;
use crate::scenario::{ApiAuthorization, ApiMethod, RestApi};
use asl::Failure;
use serde_json::{json, Value};

/// The HTTP methods Step Functions accepts in `Method`.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// The request a Task makes, read from its parameters.
pub(super) struct ApiRequest<'p> {
    /// The API's id, from `ApiEndpoint`.
    pub(super) api_id: String,
    pub(super) method: &'p str,
    pub(super) stage: &'p str,
    /// The path, starting with `/`.
    pub(super) path: String,
    pub(super) headers: Value,
    pub(super) query: Value,
    pub(super) body: Option<&'p Value>,
}

fn read_request<'p>(p: &Params<'p>, region: &str) -> Result<(ApiRequest<'p>, &'p str), ApiError> {
    let endpoint = p.string("ApiEndpoint")?;
    let method = p.string("Method")?;
    if !METHODS.contains(&method) {
        return Err(ApiError::validation(
            Service::ApiGateway,
            format!(
                "The Method '{method}' is not supported: use one of {}",
                METHODS.join(", ")
            ),
        ));
    }
    let auth_type = p.optional("AuthType")?.unwrap_or("NO_AUTH");
    if !matches!(auth_type, "NO_AUTH" | "IAM_ROLE" | "RESOURCE_POLICY") {
        return Err(ApiError::validation(
            Service::ApiGateway,
            format!("The AuthType '{auth_type}' is not supported: use NO_AUTH, IAM_ROLE or RESOURCE_POLICY"),
        ));
    }
    let suffix = format!(".execute-api.{region}.amazonaws.com");
    let api_id = endpoint.strip_prefix("https://").unwrap_or(endpoint);
    let Some(api_id) = api_id.strip_suffix(&suffix) else {
        return Err(ApiError {
            code: "UnknownHostException".into(),
            message: format!("{endpoint}: Name or service not known"),
            status: 0,
            ..ApiError::validation(Service::ApiGateway, "")
        });
    };
    let path = p.optional("Path")?.unwrap_or("");
    Ok((
        ApiRequest {
            api_id: api_id.to_string(),
            method,
            stage: p.optional("Stage")?.unwrap_or(""),
            path: format!("/{}", path.trim_start_matches('/')),
            headers: p.get("Headers").cloned().unwrap_or(json!({})),
            query: p.get("QueryParameters").cloned().unwrap_or(json!({})),
            body: p.get("RequestBody").filter(|v| !v.is_null()),
        },
        auth_type,
    ))
}

/// Whether a method's resource path (`/orders/{id}`, `/{proxy+}`) matches `path`.
fn path_matches(pattern: &str, path: &str) -> bool {
    let mut want = pattern.split('/').filter(|s| !s.is_empty());
    let mut have = path.split('/').filter(|s| !s.is_empty());
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), Some(_)) if w.starts_with('{') && w.ends_with("+}") => return true,
            (Some(w), Some(h)) if w == h || (w.starts_with('{') && w.ends_with('}')) => {}
            _ => return false,
        }
    }
}

/// The values a matching `path` gives the `{name}` and `{name+}` segments of `pattern`
/// (the proxy event's `pathParameters`; `null` when there are none).
pub(super) fn path_parameters(pattern: &str, path: &str) -> Value {
    let have: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = serde_json::Map::new();
    for (i, w) in pattern.split('/').filter(|s| !s.is_empty()).enumerate() {
        let Some(name) = w.strip_prefix('{').and_then(|n| n.strip_suffix('}')) else {
            continue;
        };
        let value = match name.strip_suffix('+') {
            Some(greedy) => (greedy, have.get(i..).map(|rest| rest.join("/"))),
            None => (name, have.get(i).map(|s| s.to_string())),
        };
        if let (name, Some(v)) = value {
            out.insert(name.to_string(), Value::String(v));
        }
    }
    match out.is_empty() {
        true => Value::Null,
        false => Value::Object(out),
    }
}

/// The method of `api` answering `method` on `path`: an exact method before `ANY`.
fn find_method<'a>(api: &'a RestApi, method: &str, path: &str) -> Option<&'a ApiMethod> {
    let on_path = || api.methods.iter().filter(|m| path_matches(&m.path, path));
    on_path()
        .find(|m| m.http_method == method)
        .or_else(|| on_path().find(|m| m.http_method == "ANY"))
}

/// A stage name as the headline shows it (the empty one, when `Stage` is not given).
fn quoted(stage: &str) -> String {
    match stage {
        "" => "(none given)".into(),
        s => s.to_string(),
    }
}

/// An account id as API Gateway shows it in a denial: all but its last four digits masked.
fn masked(arn: &str, account: &str) -> String {
    let shown = account.get(account.len().saturating_sub(4)..).unwrap_or("");
    arn.replacen(
        &format!(":{account}:"),
        &format!(":{}{shown}:", "*".repeat(account.len().saturating_sub(4))),
        1,
    )
}

/// The Task's call: `{ResponseBody, Headers, StatusCode, StatusText}`, or the failure
/// `ApiGateway.<status>`.
pub(super) fn invoke(w: &mut dyn Executions, cx: &CallCx, p: &Params) -> Result<Reply, ApiError> {
    let scenario = w.gateway().scenario;
    let region = w.gateway().region();
    let (request, auth_type) = read_request(p, region)?;
    let Some((account, api)) = scenario
        .accounts
        .iter()
        .find_map(|(id, a)| Some((id.as_str(), a.rest_apis.get(&request.api_id)?)))
    else {
        return Err(ApiError {
            code: "UnknownHostException".into(),
            message: format!(
                "{}.execute-api.{region}.amazonaws.com: Name or service not known",
                request.api_id
            ),
            status: 0,
            ..ApiError::validation(Service::ApiGateway, "")
        });
    };
    let resource = crate::arn::execute_api(
        region,
        account,
        &request.api_id,
        request.stage,
        request.method,
        &request.path,
    );
    let mut context = Vec::new();
    let signed = match auth_type {
        "IAM_ROLE" => cx.principal.clone(),
        "RESOURCE_POLICY" => {
            let machine = cx.task.execution.state_machine_arn.to_string();
            let machine_account = Arn::parse(&machine).map(|a| a.account.to_string());
            context.push(("aws:SourceArn", machine));
            if let Some(a) = machine_account {
                context.push(("aws:SourceAccount", a));
            }
            Principal::Service("states.amazonaws.com".into())
        }
        _ => Principal::Anonymous,
    };
    let call = Call {
        service: Service::ApiGateway,
        api: "Invoke",
        resource: resource.clone(),
        resource_account: account.to_string(),
        resource_policy: api.resource_policy.as_ref(),
        noun: Service::ApiGateway.policy_noun(),
        trust: false,
        context,
        request: Value::Object(p.map.clone()),
    };
    let signed_cx = CallCx {
        principal: signed.clone(),
        ..cx.clone()
    };
    let the_api = format!("API {} (account {account})", api.name);
    if !api.stages.iter().any(|s| s == request.stage) {
        let words = (
            format!(
                "execute-api:Invoke refused: {the_api} is not deployed to stage {}",
                quoted(request.stage)
            ),
            format!(
                "Call a stage the API is deployed to ({}), or deploy it to this one.",
                api.stages.join(", ")
            ),
        );
        let error = ApiError::http(403, &json!({"message": "Forbidden"}));
        return Err(w.gateway().refuse(&signed_cx, call, words, error));
    }
    let missing_token = || ApiError::http(403, &json!({"message": "Missing Authentication Token"}));
    let Some(method) = find_method(api, request.method, &request.path) else {
        let methods: Vec<String> = api
            .methods
            .iter()
            .map(|m| format!("{} {}", m.http_method, m.path))
            .collect();
        let words = (
            format!(
                "execute-api:Invoke refused: {the_api} has no method {} {}, and a REST API answers that with 403 Missing Authentication Token",
                request.method, request.path
            ),
            format!(
                "Call one of its methods ({}), or add this one.",
                methods.join(", ")
            ),
        );
        return Err(w.gateway().refuse(&signed_cx, call, words, missing_token()));
    };
    let principal = match method.authorization {
        ApiAuthorization::AwsIam if signed == Principal::Anonymous => {
            let words = (
                format!(
                    "execute-api:Invoke refused: method {} {} of {the_api} has authorization AWS_IAM and the request is not signed (AuthType NO_AUTH)",
                    method.http_method, method.path
                ),
                "Sign the request: AuthType IAM_ROLE (as the Task's role) or RESOURCE_POLICY (as Step Functions, which the resource policy must allow), or make the method's authorization NONE.".to_string(),
            );
            return Err(w.gateway().refuse(&signed_cx, call, words, missing_token()));
        }
        ApiAuthorization::AwsIam => signed,
        ApiAuthorization::None => Principal::Anonymous,
    };
    let caller_cx = CallCx {
        principal: principal.clone(),
        ..cx.clone()
    };
    let admitted = match (method.authorization, &api.resource_policy) {
        (ApiAuthorization::None, None) => w.gateway().admit_open(
            &caller_cx,
            call,
            format!(
                "execute-api:Invoke allowed: method {} {} of API {} (account {account}) has authorization NONE and the API has no resource policy",
                method.http_method, method.path, api.name
            ),
        ),
        _ => w.gateway().admit(&caller_cx, call),
    };
    let admitted = match admitted {
        Ok(a) => a,
        Err(e) if e.access_denied => {
            let explicit = w
                .gateway()
                .report
                .calls
                .last()
                .is_some_and(|c| c.decision.reason == Some(iam::Reason::ExplicitDeny));
            let user = match &principal {
                Principal::Anonymous => "anonymous".to_string(),
                other => other.arn(),
            };
            let message =
                format!(
                "User: {user} is not authorized to perform: execute-api:Invoke on resource: {}{}",
                masked(&resource, account),
                if explicit { " with an explicit deny" } else { "" }
            );
            return Err(ApiError::http(403, &json!({ "Message": message })));
        }
        Err(e) => return Err(e),
    };
    let (response, took) = api_integration::run(w, cx, account, method, &request, &resource);
    let value = w
        .gateway()
        .settle(admitted, Ok(HttpResponse::output(&response)))?;
    let failure = (!(200..300).contains(&response.status)).then(|| {
        Failure::new(
            format!("ApiGateway.{}", response.status),
            api_integration::body_text(&response.body),
        )
    });
    Ok(Reply {
        value,
        duration: took,
        failure,
        waiting: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_paths_match_as_api_gateway_matches_them() {
        assert!(path_matches("/", "/"));
        assert!(path_matches("/orders", "/orders"));
        assert!(path_matches("/orders/{id}", "/orders/42"));
        assert!(!path_matches("/orders/{id}", "/orders"));
        assert!(!path_matches("/orders", "/orders/42"));
        assert!(path_matches("/{proxy+}", "/a/b/c"));
        assert!(!path_matches("/{proxy+}", "/"));
        assert_eq!(
            path_parameters("/orders/{id}/{rest+}", "/orders/42/a/b"),
            json!({"id": "42", "rest": "a/b"})
        );
        assert_eq!(path_parameters("/orders", "/orders"), Value::Null);
        assert_eq!(
            masked(
                "arn:aws:execute-api:us-east-1:222222222222:a/p/GET/",
                "222222222222"
            ),
            "arn:aws:execute-api:us-east-1:********2222:a/p/GET/"
        );
    }
}
