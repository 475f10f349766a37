//! SQS `SendMessage` and SNS `Publish`; queue and topic policies can grant other accounts.
//! Sending to a queue or topic encrypted with a KMS key needs `kms:GenerateDataKey` and
//! `kms:Decrypt` on it, called on the caller's behalf.

use super::kms::{self, ContextPair, Use};
use super::params::{text_of, Params};
use crate::arn::{self, Arn};
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway};
use crate::integration::Service;
use serde_json::{json, Value};

/// `(account, name)` of `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`.
fn queue_of(url: &str) -> Option<(String, String)> {
    let path = url.split_once("amazonaws.com/")?.1;
    let (account, name) = path.split_once('/')?;
    Some((account.to_string(), name.trim_end_matches('/').to_string()))
}

/// `SendMessage` → `{"MD5OfMessageBody", "MessageId"}`.
pub(super) fn send_message(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let url = p.string("QueueUrl")?;
    let body = p.get("MessageBody").map(text_of).ok_or_else(|| {
        ApiError::new(
            Service::Sqs,
            "MissingParameter",
            "The request must contain the parameter MessageBody.",
        )
    })?;
    let Some((account, name)) = queue_of(url) else {
        return Err(ApiError::new(
            Service::Sqs,
            "QueueDoesNotExist",
            "The specified queue does not exist.",
        ));
    };
    let scenario = w.scenario;
    let queue = scenario
        .account(&account)
        .and_then(|a| a.sqs_queues.get(&name));
    let mut request = Value::Object(p.map.clone());
    request["MessageBody"] = body.clone().into();
    let call = Call {
        service: Service::Sqs,
        api: "SendMessage",
        resource: arn::queue(w.region(), &account, &name),
        resource_account: account.clone(),
        resource_policy: queue.and_then(|q| q.resource_policy.as_ref()),
        noun: Service::Sqs.policy_noun(),
        trust: false,
        context: Vec::new(),
        request,
    };
    let md5 = md5_hex(&body);
    w.api(cx, call, |w| {
        if queue.is_none() {
            return Err(ApiError::new(
                Service::Sqs,
                "QueueDoesNotExist",
                "The specified queue does not exist.",
            ));
        }
        if let Some(key_id) = queue.and_then(|q| q.kms_key_id.as_deref()) {
            let queue_arn = arn::queue(w.region(), &account, &name);
            let context = (
                "kms:EncryptionContext:aws:sqs:arn",
                "aws:sqs:arn",
                queue_arn,
            );
            encrypt(w, cx, Service::Sqs, &account, key_id, context)?;
        }
        let id = w.uuid();
        w.data
            .queues
            .entry((account, name))
            .or_default()
            .push(json!({"MessageId": id, "Body": body}));
        Ok(json!({"MD5OfMessageBody": md5, "MessageId": id}))
    })
}

/// The KMS calls a send to an encrypted queue or topic makes: `GenerateDataKey`, then
/// `Decrypt` (both needed, as the SQS and SNS developer guides list them).
fn encrypt(
    w: &mut Gateway,
    cx: &CallCx,
    via: Service,
    account: &str,
    key_id: &str,
    context: ContextPair,
) -> Result<(), ApiError> {
    let u = Use {
        via,
        resource_account: account,
        key_id,
        encryption_context: vec![context],
    };
    kms::on_behalf(w, cx, "GenerateDataKey", &u)?;
    kms::on_behalf(w, cx, "Decrypt", &u)
}

/// The MD5 of `text` in hex (SQS's `MD5OfMessageBody`).
fn md5_hex(text: &str) -> Value {
    seeded::hex_digest("MD5", text.as_bytes()).map_or(Value::Null, Value::String)
}

/// `Publish` → `{"MessageId"}`.
pub(super) fn publish(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let topic_arn = p
        .optional("TopicArn")?
        .or(p.optional("TargetArn")?)
        .ok_or_else(|| {
            ApiError::new(
                Service::Sns,
                "InvalidParameter",
                "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter",
            )
        })?;
    let message = p.get("Message").map(text_of).ok_or_else(|| {
        ApiError::new(
            Service::Sns,
            "InvalidParameter",
            "Invalid parameter: Message Reason: no value for required parameter",
        )
    })?;
    let (account, name) = match Arn::parse(topic_arn) {
        Some(a) if a.service == "sns" => (a.account.to_string(), a.resource.to_string()),
        _ => {
            return Err(ApiError::new(
                Service::Sns,
                "InvalidParameter",
                format!("Invalid parameter: TopicArn: {topic_arn}"),
            ))
        }
    };
    let scenario = w.scenario;
    let topic = scenario
        .account(&account)
        .and_then(|a| a.sns_topics.get(&name));
    let mut request = Value::Object(p.map.clone());
    request["Message"] = message.clone().into();
    let call = Call {
        service: Service::Sns,
        api: "Publish",
        resource: topic_arn.to_string(),
        resource_account: account.clone(),
        resource_policy: topic.and_then(|t| t.resource_policy.as_ref()),
        noun: Service::Sns.policy_noun(),
        trust: false,
        context: Vec::new(),
        request,
    };
    w.api(cx, call, |w| {
        if topic.is_none() {
            return Err(ApiError {
                status: 404,
                ..ApiError::new(Service::Sns, "NotFound", "Topic does not exist")
            });
        }
        if let Some(key_id) = topic.and_then(|t| t.kms_key_id.as_deref()) {
            let context = (
                "kms:EncryptionContext:aws:sns:topicArn",
                "aws:sns:topicArn",
                arn::topic(w.region(), &account, &name),
            );
            encrypt(w, cx, Service::Sns, &account, key_id, context)?;
        }
        let id = w.uuid();
        w.data
            .topics
            .entry((account, name))
            .or_default()
            .push(json!({"MessageId": id, "Message": message}));
        Ok(json!({ "MessageId": id }))
    })
}
