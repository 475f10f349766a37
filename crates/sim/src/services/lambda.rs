//! Lambda `Invoke`: the function does what the scenario declares (echo, a fixed answer, a
//! sequence, a template over the event, or a proxy that starts an Express workflow as the
//! function's role). Function errors fail the Task under the optimized integration and a
//! function ARN; the SDK integration returns them with `FunctionError`.

use super::executions::{self, Executions};
use super::params::Params;
use super::reply::{with_metadata, Reply};
use super::sfn;
use crate::arn::{self, Arn};
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx};
use crate::identity::{Principal, Session};
use crate::integration::{Service, Style};
use crate::scenario::{Behavior, Function, Step};
use asl::Failure;
use serde_json::{json, Value};

/// `(account, name, qualifier)` of a function name, ARN or partial ARN.
fn locate(cx: &CallCx, name: &str) -> (String, String, Option<String>) {
    let (account, rest) = match Arn::parse(name) {
        Some(a) => (
            a.account.to_string(),
            a.resource_named("function").unwrap_or(a.resource),
        ),
        None => match name.split_once(":function:") {
            Some((account, rest)) => (account.to_string(), rest),
            None => (cx.account().to_string(), name),
        },
    };
    match rest.split_once(':') {
        Some((n, q)) => (account, n.to_string(), Some(q.to_string())),
        None => (account, rest.to_string(), None),
    }
}

/// What the function did: its result, or `(errorType, errorMessage)`.
type Outcome = Result<Value, (String, String)>;

fn run_behavior(
    w: &mut dyn Executions,
    cx: &CallCx,
    account: &str,
    name: &str,
    f: &Function,
    event: &Value,
) -> Outcome {
    let n = {
        let count = w
            .gateway()
            .data
            .invocations
            .entry((account.into(), name.into()))
            .or_insert(0);
        *count += 1;
        *count - 1
    };
    let step = |s: &Step| match s {
        Step::Result(v) => Ok(v.clone()),
        Step::Error { error, cause } => Err((error.clone(), cause.clone())),
    };
    match &f.behavior {
        Behavior::Echo => Ok(event.clone()),
        Behavior::Fixed(s) => step(s),
        Behavior::Sequence(steps) => match steps.get(n).or(steps.last()) {
            Some(s) => step(s),
            None => Ok(Value::Null),
        },
        Behavior::Template(t) => t
            .render(event, cx.task.execution, cx.task.state_name, cx.now)
            .map_err(|f| (f.error, f.cause)),
        Behavior::StartSyncExecution { state_machine_arn } => {
            let Some(role) = &f.role_name else {
                return Err(("Error".into(), "The function has no roleName".into()));
            };
            let proxy = CallCx {
                principal: Principal::Session(Session {
                    account: account.to_string(),
                    role: role.clone(),
                    name: name.to_string(),
                }),
                style: Style::Sdk,
                ..cx.clone()
            };
            match sfn::start_sync(w, &proxy, state_machine_arn, event.clone(), None) {
                Ok(reply) => match reply.value.get("Status").and_then(Value::as_str) {
                    Some("SUCCEEDED") => Ok(reply
                        .value
                        .get("Output")
                        .and_then(Value::as_str)
                        .and_then(|o| serde_json::from_str(o).ok())
                        .unwrap_or(Value::Null)),
                    status => Err((
                        "ExecutionFailed".into(),
                        format!(
                            "{state_machine_arn} ended {}: {}",
                            status.unwrap_or("?"),
                            reply
                                .value
                                .get("Cause")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                        ),
                    )),
                },
                Err(e) => Err((e.error_name(), e.cause(&w.gateway().request_id()))),
            }
        }
    }
}

/// `Invoke`.
pub(super) fn invoke(w: &mut dyn Executions, cx: &CallCx, p: &Params) -> Result<Reply, ApiError> {
    let (function_name, event) = match cx.style {
        Style::LambdaArn => (cx.task.resource, Value::Object(p.map.clone())),
        _ => (
            p.string("FunctionName")?,
            match p.get("Payload") {
                Some(Value::String(s)) => {
                    serde_json::from_str(s).unwrap_or(Value::String(s.clone()))
                }
                Some(v) => v.clone(),
                None => json!({}),
            },
        ),
    };
    let (account, name, mut qualifier) = locate(cx, function_name);
    if let Some(q) = p
        .optional("Qualifier")
        .ok()
        .flatten()
        .filter(|_| cx.style != Style::LambdaArn)
    {
        qualifier = Some(q.to_string());
    }
    let asynchronous =
        cx.style != Style::LambdaArn && p.optional("InvocationType")? == Some("Event");
    let request = match cx.style {
        Style::LambdaArn => json!({"FunctionName": function_name, "Payload": event}),
        _ => Value::Object(p.map.clone()),
    };
    let target = Invocation {
        account: &account,
        name: &name,
        qualifier: qualifier.as_deref(),
        asynchronous,
        context: Vec::new(),
    };
    let response = invoke_function(w, cx, &target, &event, request)?;
    let payload = response.get("Payload").cloned().unwrap_or(Value::Null);
    let failure = response.get("FunctionError").map(|_| {
        let error_type = payload
            .get("errorType")
            .and_then(Value::as_str)
            .unwrap_or("Unhandled");
        Failure::new(error_type, payload.to_string())
    });
    let value = match cx.style {
        Style::LambdaArn => payload,
        Style::Optimized => with_metadata(response, &w.gateway().request_id()),
        Style::Sdk => {
            let mut r = response;
            r["Payload"] = Value::String(match payload {
                Value::String(s) => s,
                other => other.to_string(),
            });
            r
        }
    };
    Ok(Reply {
        value,
        duration: 0,
        failure: failure.filter(|_| cx.style != Style::Sdk),
        waiting: false,
    })
}

/// Which function an invocation runs, and how.
pub(crate) struct Invocation<'a> {
    pub(crate) account: &'a str,
    pub(crate) name: &'a str,
    pub(crate) qualifier: Option<&'a str>,
    /// `InvocationType` `Event`.
    pub(crate) asynchronous: bool,
    /// Condition keys the caller's service sets (`aws:SourceArn` of an API Gateway method).
    pub(crate) context: Vec<(&'static str, String)>,
}

/// Authorizes and runs one invocation of `target` with `event` as the caller of `cx`:
/// `{ExecutedVersion, StatusCode, Payload, FunctionError?}` with the payload as JSON.
pub(crate) fn invoke_function(
    w: &mut dyn Executions,
    cx: &CallCx,
    target: &Invocation,
    event: &Value,
    request: Value,
) -> Result<Value, ApiError> {
    let (account, name, asynchronous) = (target.account, target.name, target.asynchronous);
    let function_arn = arn::function(w.gateway().region(), account, name);
    let resource = match target.qualifier {
        Some(q) => format!("{function_arn}:{q}"),
        None => function_arn.clone(),
    };
    let scenario = w.gateway().scenario;
    let function = scenario
        .account(account)
        .and_then(|a| a.lambda_functions.get(name));
    let call = Call {
        service: Service::Lambda,
        api: "Invoke",
        resource: resource.clone(),
        resource_account: account.to_string(),
        resource_policy: function.and_then(|f| f.resource_policy.as_ref()),
        noun: Service::Lambda.policy_noun(),
        trust: false,
        context: target.context.clone(),
        request,
    };
    executions::api(w, cx, call, |w| {
        let Some(f) = function else {
            return Err(ApiError::new(
                Service::Lambda,
                "ResourceNotFoundException",
                format!("Function not found: {resource}"),
            ));
        };
        let outcome = run_behavior(w, cx, account, name, f, event);
        let mut out = json!({"ExecutedVersion": "$LATEST", "StatusCode": if asynchronous { 202 } else { 200 }});
        match outcome {
            _ if asynchronous => out["Payload"] = Value::String(String::new()),
            Ok(v) => out["Payload"] = v,
            Err((error_type, message)) => {
                out["FunctionError"] = "Unhandled".into();
                out["Payload"] =
                    json!({"errorMessage": message, "errorType": error_type, "trace": []});
            }
        }
        Ok(out)
    })
}
