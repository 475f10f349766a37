//! The simulated APIs, with AWS's request and response shapes and error codes.

pub(crate) mod dynamodb;
mod expression;
mod lambda;
mod s3;
mod secrets;
mod sfn;
mod sqs_sns;
mod ssm;
pub(crate) mod sts;

use crate::errors::ApiError;
use crate::integration::{Service, Style, Target};
use crate::world::{CallCx, World};
use asl::Failure;
use serde_json::{json, Map, Value};

/// What a call gave the Task.
pub(crate) struct Reply {
    pub(crate) value: Value,
    /// Time on the virtual clock (ms).
    pub(crate) duration: u64,
    /// A Task failure although the API call itself succeeded (a Lambda function error, a
    /// failed child execution under `.sync`).
    pub(crate) failure: Option<Failure>,
}

impl Reply {
    /// An instant success.
    pub(crate) fn ok(value: Value) -> Reply {
        Reply {
            value,
            duration: 0,
            failure: None,
        }
    }
}

/// Calls `target` with the Task's effective parameters.
pub(crate) fn call(
    w: &mut World,
    cx: &CallCx,
    target: Target,
    params: &Value,
) -> Result<Reply, ApiError> {
    let Some(params) = params.as_object() else {
        return Err(ApiError::validation(
            target.service,
            "The request parameters must be a JSON object",
        ));
    };
    let p = Params {
        service: target.service,
        map: params,
    };
    let reply = match (target.service, target.api) {
        (Service::Sts, "AssumeRole") => sts::assume_role(w, cx, &p).map(Reply::ok),
        (Service::Sts, _) => sts::get_caller_identity(w, cx).map(Reply::ok),
        (Service::Ssm, "GetParameter") => ssm::get_parameter(w, cx, &p).map(Reply::ok),
        (Service::Ssm, _) => ssm::get_parameters(w, cx, &p).map(Reply::ok),
        (Service::SecretsManager, _) => secrets::get_secret_value(w, cx, &p).map(Reply::ok),
        (Service::DynamoDb, api) => dynamodb::call(w, cx, api, &p).map(Reply::ok),
        (Service::Lambda, _) => lambda::invoke(w, cx, &p),
        (Service::Sqs, _) => sqs_sns::send_message(w, cx, &p).map(Reply::ok),
        (Service::Sns, _) => sqs_sns::publish(w, cx, &p).map(Reply::ok),
        (Service::S3, "GetObject") => s3::get_object(w, cx, &p).map(Reply::ok),
        (Service::S3, _) => s3::put_object(w, cx, &p).map(Reply::ok),
        (Service::StepFunctions, "StartExecution") => sfn::start_execution(w, cx, &p),
        (Service::StepFunctions, "StartSyncExecution") => sfn::start_sync_execution(w, cx, &p),
        (Service::StepFunctions, _) => sfn::describe_execution(w, cx, &p).map(Reply::ok),
    }?;
    Ok(match (cx.style, target.service) {
        (Style::Optimized, Service::DynamoDb | Service::Sqs | Service::Sns) => Reply {
            value: with_metadata(reply.value, &w.request_id()),
            ..reply
        },
        _ => reply,
    })
}

/// Adds the `SdkHttpMetadata` and `SdkResponseMetadata` optimized integrations return.
pub(crate) fn with_metadata(value: Value, request_id: &str) -> Value {
    let mut map = match value {
        Value::Object(m) => m,
        other => {
            let mut m = Map::new();
            m.insert("Result".into(), other);
            m
        }
    };
    map.insert(
        "SdkHttpMetadata".into(),
        json!({"HttpHeaders": {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": request_id}, "HttpStatusCode": 200}),
    );
    map.insert(
        "SdkResponseMetadata".into(),
        json!({ "RequestId": request_id }),
    );
    Value::Object(map)
}

/// Request parameters with AWS's validation messages.
pub(crate) struct Params<'a> {
    pub(crate) service: Service,
    pub(crate) map: &'a Map<String, Value>,
}

impl<'a> Params<'a> {
    /// A required string parameter.
    pub(crate) fn string(&self, name: &str) -> Result<&'a str, ApiError> {
        match self.map.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(ApiError::validation(
                self.service,
                format!("1 validation error detected: Value at '{}' failed to satisfy constraint: Member must be a string", lower_first(name)),
            )),
            None => Err(ApiError::validation(
                self.service,
                format!("1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null", lower_first(name)),
            )),
        }
    }

    /// An optional string parameter.
    pub(crate) fn optional(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.string(name).map(Some),
        }
    }

    /// A required object parameter.
    pub(crate) fn object(&self, name: &str) -> Result<&'a Map<String, Value>, ApiError> {
        match self.map.get(name) {
            Some(Value::Object(m)) => Ok(m),
            _ => Err(ApiError::validation(
                self.service,
                format!("1 validation error detected: Value at '{}' failed to satisfy constraint: Member must be a map", lower_first(name)),
            )),
        }
    }

    /// Any parameter.
    pub(crate) fn get(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name)
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The text of a payload parameter: strings as they are, other JSON serialised.
pub(crate) fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
