//! A Task's API call as the HTTP exchange TestState's TRACE level shows
//! (`inspectionData.request` and `inspectionData.response`). AWS shows one for an HTTP Task;
//! the playground shows the call a Task made in the simulated world the same way:
//!
//! - request: `https`, `POST`, the service's regional endpoint; for Lambda the Invoke
//!   path (`/2015-03-31/functions/NAME/invocations`, an ARN's colons encoded) with the
//!   payload as the body, for every other service the AWS JSON protocol (`Content-Type`
//!   and `X-Amz-Target` naming the API, the request JSON as the body; STS, SNS and S3
//!   use other protocols on the wire, and are shown in this one);
//! - response: `200 OK` with the response JSON (Lambda: the function's payload), `403
//!   Forbidden` for a call IAM denied and `400 Bad Request` for any other error, with
//!   AWS's JSON error body `{"__type", "message"}`.
//!
//! Headers are one string, `[Name: value, Name: value]`, as the API returns them.

use crate::gateway::CallRecord;
use crate::integration::Service;
use asl::{HttpExchange, InspectionDataRequest, InspectionDataResponse};
use serde_json::{json, Value};

/// The call as HTTP, in `region`.
pub(crate) fn exchange(call: &CallRecord, region: &str) -> HttpExchange {
    let lambda = call.service == Service::Lambda;
    let (url, content_type, request_headers, body) = if lambda {
        let name = call
            .request
            .get("FunctionName")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .replace(':', "%3A");
        (
            format!(
                "https://lambda.{region}.amazonaws.com/2015-03-31/functions/{name}/invocations"
            ),
            "application/json",
            vec![
                ("Content-Type", "application/json".to_string()),
                ("X-Amz-Invocation-Type", "RequestResponse".to_string()),
            ],
            call.request.get("Payload").map(text).unwrap_or_default(),
        )
    } else {
        let (prefix, version) = target(call.service);
        let content_type = if version == "1.1" {
            "application/x-amz-json-1.1"
        } else {
            "application/x-amz-json-1.0"
        };
        (
            format!("https://{}.{region}.amazonaws.com/", host(call)),
            content_type,
            vec![
                ("Content-Type", content_type.to_string()),
                ("X-Amz-Target", format!("{prefix}.{}", call.api)),
            ],
            text(&call.request),
        )
    };
    let request = InspectionDataRequest {
        protocol: Some("https".into()),
        method: Some("POST".into()),
        url: Some(url),
        headers: Some(headers(&request_headers)),
        body: Some(body),
    };
    let mut response_headers = vec![("Content-Type", content_type.to_string())];
    let (status, message, body) = match (&call.error, &call.response) {
        (Some(e), _) => {
            let (status, message) = if call.decision.allowed() {
                ("400", "Bad Request")
            } else {
                ("403", "Forbidden")
            };
            let body = json!({"__type": e.error, "message": e.cause});
            (status, message, text(&body))
        }
        (None, response) => {
            let response = response.clone().unwrap_or(Value::Null);
            let body = if lambda {
                response_headers.push(("X-Amz-Executed-Version", "$LATEST".into()));
                if let Some(error) = response.get("FunctionError").and_then(Value::as_str) {
                    response_headers.push(("X-Amz-Function-Error", error.to_string()));
                }
                response.get("Payload").map(text).unwrap_or_default()
            } else {
                text(&response)
            };
            ("200", "OK", body)
        }
    };
    HttpExchange {
        request,
        response: InspectionDataResponse {
            protocol: Some("https".into()),
            status_code: Some(status.into()),
            status_message: Some(message.into()),
            headers: Some(headers(&response_headers)),
            body: Some(body),
        },
    }
}

/// The endpoint's host name before the region: the service's, `sync-states` for
/// StartSyncExecution.
fn host(call: &CallRecord) -> &'static str {
    match call.service {
        Service::StepFunctions if call.api == "StartSyncExecution" => "sync-states",
        other => other.code(),
    }
}

/// The `X-Amz-Target` prefix of a service's API model and its JSON protocol version
/// (Lambda's model name too, though Invoke is shown as its REST call).
fn target(service: Service) -> (&'static str, &'static str) {
    match service {
        Service::Sts => ("AWSSecurityTokenServiceV20110615", "1.0"),
        Service::Ssm => ("AmazonSSM", "1.1"),
        Service::SecretsManager => ("secretsmanager", "1.1"),
        Service::DynamoDb => ("DynamoDB_20120810", "1.0"),
        Service::Lambda => ("AWSGirApiService", "1.0"),
        Service::Sqs => ("AmazonSQS", "1.0"),
        Service::Sns => ("AmazonSimpleNotificationService", "1.0"),
        Service::S3 => ("AmazonS3", "1.0"),
        Service::StepFunctions => ("AWSStepFunctions", "1.0"),
        Service::Kms => ("TrentService", "1.1"),
        Service::Events => ("AWSEvents", "1.1"),
        Service::ApiGateway => ("ExecuteApi", "1.1"),
    }
}

/// `[Name: value, Name: value]`.
fn headers(list: &[(&str, String)]) -> String {
    let items: Vec<String> = list.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    format!("[{}]", items.join(", "))
}

/// A JSON value as compact text.
fn text(value: &Value) -> String {
    value.to_string()
}
