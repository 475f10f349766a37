//! `restApis`: an account's API Gateway REST APIs by API id, each with its stages, its
//! methods (`"POST /orders": {"authorization", "integration"}`) and its resource policy.

use super::model::{ApiAuthorization, ApiIntegration, ApiMethod, IntegrationTarget, RestApi};
use super::reader::Reader;
use super::resources::Ctx;
use crate::diagnostic::Code;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The HTTP methods a REST API method may have.
pub(crate) const HTTP_METHODS: [&str; 8] = [
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY",
];

/// Whether `id` can be an API id: lower-case letters and digits, as API Gateway generates
/// them and Step Functions' `ApiEndpoint` accepts them.
pub(crate) fn is_api_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// `restApis`.
pub(super) fn rest_apis(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, RestApi> {
    let mut out = BTreeMap::new();
    for (id, at, v) in r.named(account, "restApis", at) {
        if !is_api_id(id) {
            r.error(
                Code::InvalidValue,
                &at,
                format!("`{id}` is not an API id: lower-case letters and digits only"),
            );
        }
        let Some(map) = r.object(v, &at, &["name", "stages", "methods", "resourcePolicy"]) else {
            continue;
        };
        let name = r
            .optional_string(map, "name", &at)
            .unwrap_or_else(|| id.to_string());
        let stages = read_stages(r, map.get("stages"), &format!("{at}/stages"));
        let mut methods = Vec::new();
        for (key, method_at, v) in r.named(map, "methods", &at) {
            if let Some(m) = read_method(r, key, v, &method_at) {
                methods.push(m);
            }
        }
        let resource_policy =
            cx.resource_policy(r, map, &at, format!("api {name}/resource-policy"));
        out.insert(
            id.to_string(),
            RestApi {
                name,
                stages,
                methods,
                resource_policy,
            },
        );
    }
    out
}

fn read_stages(r: &mut Reader, v: Option<&Value>, at: &str) -> Vec<String> {
    match v {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| r.string(item, &format!("{at}/{i}")))
            .collect(),
        Some(other) => {
            r.wrong_type(other, at, "an array of stage names");
            Vec::new()
        }
    }
}

/// One `"METHOD /path": {...}` member.
fn read_method(r: &mut Reader, key: &str, v: &Value, at: &str) -> Option<ApiMethod> {
    let (http_method, path) = match key.split_once(' ') {
        Some((m, p)) if HTTP_METHODS.contains(&m) && p.starts_with('/') => (m, p),
        _ => {
            r.error(
                Code::InvalidValue,
                at,
                format!(
                    "`{key}` is not `METHOD /path`: METHOD one of {}, the path starting with /",
                    HTTP_METHODS.join(", ")
                ),
            );
            return None;
        }
    };
    let map = r.object(v, at, &["authorization", "integration"])?;
    let authorization = match r.optional_string(map, "authorization", at).as_deref() {
        None | Some("NONE") => ApiAuthorization::None,
        Some("AWS_IAM") => ApiAuthorization::AwsIam,
        Some(other) => {
            r.error(
                Code::InvalidValue,
                &format!("{at}/authorization"),
                format!("`{other}` is not an authorization type the playground simulates: use NONE or AWS_IAM"),
            );
            return None;
        }
    };
    let integration_at = format!("{at}/integration");
    let Some(v) = map.get("integration") else {
        r.error(Code::MissingField, at, "missing field `integration`");
        return None;
    };
    let integration = read_integration(r, v, &integration_at)?;
    Some(ApiMethod {
        http_method: http_method.to_string(),
        path: path.to_string(),
        authorization,
        integration,
    })
}

/// `{"type": "StartExecution" | "StartSyncExecution" | "LambdaProxy", "stateMachine" |
/// "function", "credentialsRole"?}`.
fn read_integration(r: &mut Reader, v: &Value, at: &str) -> Option<ApiIntegration> {
    let map = r.object(
        v,
        at,
        &["type", "stateMachine", "function", "credentialsRole"],
    )?;
    let kind = r.required_string(map, "type", at)?;
    let credentials_role = r.optional_string(map, "credentialsRole", at);
    let target = match kind.as_str() {
        "StartExecution" | "StartSyncExecution" => {
            let machine = r.required_string(map, "stateMachine", at)?;
            if credentials_role.is_none() {
                r.error(
                    Code::MissingField,
                    at,
                    "an AWS service integration needs a `credentialsRole` (the role API Gateway calls Step Functions as)",
                );
            }
            match kind.as_str() {
                "StartExecution" => IntegrationTarget::StartExecution(machine),
                _ => IntegrationTarget::StartSyncExecution(machine),
            }
        }
        "LambdaProxy" => IntegrationTarget::LambdaProxy(r.required_string(map, "function", at)?),
        other => {
            r.error(
                Code::InvalidValue,
                &format!("{at}/type"),
                format!("`{other}` is not an integration the playground simulates: use StartExecution, StartSyncExecution or LambdaProxy"),
            );
            return None;
        }
    };
    Some(ApiIntegration {
        target,
        credentials_role,
    })
}
