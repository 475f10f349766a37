//! S3: `GetObject` and `PutObject`; a bucket's policy can grant other accounts access.

use super::params::{text_of, Params};
use crate::arn;
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway};
use crate::integration::Service;
use crate::scenario::Bucket;
use serde_json::{json, Value};

/// The bucket and its account (bucket names are global).
fn find<'s>(w: &Gateway<'s>, bucket: &str) -> Option<(&'s str, &'s Bucket)> {
    w.scenario
        .accounts
        .iter()
        .find_map(|(id, a)| a.s3_buckets.get(bucket).map(|b| (id.as_str(), b)))
}

fn call<'s>(
    w: &Gateway<'s>,
    cx: &CallCx,
    api: &'static str,
    p: &Params,
) -> Result<(Call<'s>, Option<&'s Bucket>, String, String), ApiError> {
    let bucket = p.string("Bucket")?;
    let key = p.string("Key")?;
    let found = find(w, bucket);
    let account = found.map_or_else(|| cx.account().to_string(), |(a, _)| a.to_string());
    let mut request = Value::Object(p.map.clone());
    if let Some(body) = p.get("Body") {
        request["Body"] = text_of(body).into();
    }
    Ok((
        Call {
            service: Service::S3,
            api,
            resource: arn::object(bucket, key),
            resource_account: account,
            resource_policy: found.and_then(|(_, b)| b.resource_policy.as_ref()),
            noun: Service::S3.policy_noun(),
            trust: false,
            context: Vec::new(),
            request,
        },
        found.map(|(_, b)| b),
        bucket.to_string(),
        key.to_string(),
    ))
}

fn no_bucket() -> ApiError {
    ApiError {
        status: 404,
        ..ApiError::new(
            Service::S3,
            "NoSuchBucket",
            "The specified bucket does not exist",
        )
    }
}

fn etag(body: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{hash:016x}{:016x}\"", body.len())
}

/// `GetObject` → `{"Body", "ContentLength", "ContentType", "ETag", "LastModified"}`.
pub(super) fn get_object(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let (call, bucket, name, key) = call(w, cx, "GetObject", p)?;
    w.api(cx, call, |w| {
        bucket.ok_or_else(no_bucket)?;
        match w.data.objects.get(&(name, key)) {
            Some(body) => Ok(json!({
                "Body": body,
                "ContentLength": body.len(),
                "ContentType": "binary/octet-stream",
                "ETag": etag(body),
                "LastModified": timestamp::format_millis(asl::Options::default().start_time),
            })),
            None => Err(ApiError {
                status: 404,
                ..ApiError::new(
                    Service::S3,
                    "NoSuchKey",
                    "The specified key does not exist.",
                )
            }),
        }
    })
}

/// `PutObject` → `{"ETag"}`.
pub(super) fn put_object(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let (call, bucket, name, key) = call(w, cx, "PutObject", p)?;
    let body = p.get("Body").map(text_of).unwrap_or_default();
    w.api(cx, call, |w| {
        bucket.ok_or_else(no_bucket)?;
        let tag = etag(&body);
        w.data.objects.insert((name, key), body);
        Ok(json!({ "ETag": tag }))
    })
}
