//! Which service answers a Task: the call goes to the simulated API its resource names.

use super::executions::Executions;
use super::params::Params;
use super::reply::{with_metadata, Reply};
use super::{apigateway, dynamodb, lambda, s3, secrets, sfn, sqs_sns, ssm, sts};
use crate::errors::ApiError;
use crate::gateway::CallCx;
use crate::integration::{Service, Style, Target};
use serde_json::Value;

/// Calls `target` with the Task's effective parameters.
pub(crate) fn call(
    w: &mut dyn Executions,
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
        (Service::Sts, "AssumeRole") => sts::assume_role(w.gateway(), cx, &p).map(Reply::ok),
        (Service::Sts, _) => sts::get_caller_identity(w.gateway(), cx).map(Reply::ok),
        (Service::Ssm, "GetParameter") => ssm::get_parameter(w.gateway(), cx, &p).map(Reply::ok),
        (Service::Ssm, _) => ssm::get_parameters(w.gateway(), cx, &p).map(Reply::ok),
        (Service::SecretsManager, _) => {
            secrets::get_secret_value(w.gateway(), cx, &p).map(Reply::ok)
        }
        (Service::DynamoDb, api) => dynamodb::call(w.gateway(), cx, api, &p).map(Reply::ok),
        (Service::Lambda, _) => lambda::invoke(w, cx, &p),
        (Service::Sqs, _) => sqs_sns::send_message(w.gateway(), cx, &p).map(Reply::ok),
        (Service::Sns, _) => sqs_sns::publish(w.gateway(), cx, &p).map(Reply::ok),
        (Service::S3, "GetObject") => s3::get_object(w.gateway(), cx, &p).map(Reply::ok),
        (Service::S3, "ListObjectsV2") => s3::list_objects(w.gateway(), cx, &p).map(Reply::ok),
        (Service::S3, _) => s3::put_object(w.gateway(), cx, &p).map(Reply::ok),
        (Service::StepFunctions, "StartExecution") => sfn::start_execution(w, cx, &p),
        (Service::StepFunctions, "StartSyncExecution") => sfn::start_sync_execution(w, cx, &p),
        (Service::StepFunctions, "DescribeExecution") => {
            sfn::describe_execution(w.gateway(), cx, &p).map(Reply::ok)
        }
        // SendTask* and GetActivityTask are the answering side's calls (scenario
        // `callbacks` and activity workers), not a Task integration here.
        (Service::StepFunctions, _) => Err(ApiError::validation(
            Service::StepFunctions,
            "Not a Task integration of the playground",
        )),
        (Service::ApiGateway, _) => apigateway::invoke(w, cx, &p),
        // KMS and EventBridge are called by the services on the caller's behalf: no Task
        // resource resolves to them.
        (service @ (Service::Kms | Service::Events), _) => Err(ApiError::validation(
            service,
            "Not a Task integration of the playground",
        )),
    }?;
    Ok(match (cx.style, target.service) {
        (Style::Optimized, Service::DynamoDb | Service::Sqs | Service::Sns) => Reply {
            value: with_metadata(reply.value, &w.gateway().request_id()),
            ..reply
        },
        _ => reply,
    })
}
