//! S3: `GetObject`, `ListObjectsV2` and `PutObject`, for Tasks and for a Distributed
//! Map's reader and writer; a bucket's policy can grant other accounts access.

use super::params::{text_of, Params};
use crate::arn;
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway, Site};
use crate::identity::Principal;
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

/// Who makes an S3 call: a Task's caller, or a Distributed Map's execution role reading
/// items or writing results.
pub(crate) struct Caller<'a> {
    /// The Task attempt, when a Task makes the call.
    pub(crate) site: Option<Site>,
    /// The execution (index in the report) the call belongs to.
    pub(crate) execution: usize,
    pub(crate) principal: &'a Principal,
    /// ms on the virtual clock.
    pub(crate) now: i64,
}

impl<'a> Caller<'a> {
    /// The caller of a Task's call.
    pub(crate) fn of(cx: &'a CallCx) -> Self {
        Caller {
            site: Some(cx.site),
            execution: cx.site.execution,
            principal: &cx.principal,
            now: cx.now,
        }
    }

    fn account(&self) -> &str {
        match self.principal {
            Principal::Session(s) => &s.account,
            Principal::Service(_) | Principal::Anonymous => "",
        }
    }
}

/// The call of `api` on `resource` in `bucket`, with the bucket's policy.
fn call<'s>(
    w: &Gateway<'s>,
    caller: &Caller,
    api: &'static str,
    bucket: &str,
    resource: String,
    request: Value,
) -> (Call<'s>, Option<&'s Bucket>) {
    let found = find(w, bucket);
    let account = found.map_or_else(|| caller.account().to_string(), |(a, _)| a.to_string());
    (
        Call {
            service: Service::S3,
            api,
            resource,
            resource_account: account,
            resource_policy: found.and_then(|(_, b)| b.resource_policy.as_ref()),
            noun: Service::S3.policy_noun(),
            trust: false,
            context: Vec::new(),
            request,
        },
        found.map(|(_, b)| b),
    )
}

/// Authorizes and records `call`, then runs `body` if allowed.
fn api<'s>(
    w: &mut Gateway<'s>,
    caller: &Caller,
    call: Call<'s>,
    body: impl FnOnce(&mut Gateway<'s>) -> Result<Value, ApiError>,
) -> Result<Value, ApiError> {
    let admitted = w.admit_as(
        caller.site,
        caller.execution,
        caller.principal,
        caller.now,
        call,
    )?;
    let result = body(w);
    w.settle(admitted, result)
}

/// The account that owns `bucket`, if the scenario has it.
pub(crate) fn bucket_account<'s>(w: &Gateway<'s>, bucket: &str) -> Option<&'s str> {
    find(w, bucket).map(|(a, _)| a)
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
    read(
        w,
        &Caller::of(cx),
        p.string("Bucket")?,
        p.string("Key")?,
        Value::Object(p.map.clone()),
    )
}

/// `s3:GetObject` of `bucket`/`key` by `caller`.
pub(crate) fn read(
    w: &mut Gateway,
    caller: &Caller,
    bucket: &str,
    key: &str,
    request: Value,
) -> Result<Value, ApiError> {
    let (call, found) = call(
        w,
        caller,
        "GetObject",
        bucket,
        arn::object(bucket, key),
        request,
    );
    let name = (bucket.to_string(), key.to_string());
    api(w, caller, call, |w| {
        found.ok_or_else(no_bucket)?;
        match w.data.objects.get(&name) {
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

/// `ListObjectsV2` → `{"Contents": [{"ETag", "Key", "LastModified", "Size",
/// "StorageClass"}], "IsTruncated", "KeyCount", "MaxKeys", "Name", "Prefix"}`.
pub(super) fn list_objects(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let prefix = p.optional("Prefix")?.unwrap_or("");
    list(w, &Caller::of(cx), p.string("Bucket")?, prefix)
}

/// `s3:ListBucket` on `bucket` by `caller`: the objects under `prefix`, in key order.
pub(crate) fn list(
    w: &mut Gateway,
    caller: &Caller,
    bucket: &str,
    prefix: &str,
) -> Result<Value, ApiError> {
    let request = json!({"Bucket": bucket, "Prefix": prefix});
    let (call, found) = call(
        w,
        caller,
        "ListObjectsV2",
        bucket,
        arn::bucket(bucket),
        request,
    );
    api(w, caller, call, |w| {
        found.ok_or_else(no_bucket)?;
        let contents: Vec<Value> = w
            .data
            .objects
            .iter()
            .filter(|((b, k), _)| b == bucket && k.starts_with(prefix))
            .map(|((_, key), body)| {
                json!({
                    "ETag": etag(body),
                    "Key": key,
                    "LastModified": timestamp::format_millis(asl::Options::default().start_time),
                    "Size": body.len(),
                    "StorageClass": "STANDARD",
                })
            })
            .collect();
        Ok(json!({
            "Contents": contents,
            "IsTruncated": false,
            "KeyCount": contents.len(),
            "MaxKeys": 1000,
            "Name": bucket,
            "Prefix": prefix,
        }))
    })
}

/// `PutObject` → `{"ETag"}`.
pub(super) fn put_object(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let body = p.get("Body").map(text_of).unwrap_or_default();
    let mut request = Value::Object(p.map.clone());
    request["Body"] = body.as_str().into();
    write(
        w,
        &Caller::of(cx),
        p.string("Bucket")?,
        p.string("Key")?,
        body,
        request,
    )
}

/// `s3:PutObject` of `body` at `bucket`/`key` by `caller`.
pub(crate) fn write(
    w: &mut Gateway,
    caller: &Caller,
    bucket: &str,
    key: &str,
    body: String,
    request: Value,
) -> Result<Value, ApiError> {
    let (call, found) = call(
        w,
        caller,
        "PutObject",
        bucket,
        arn::object(bucket, key),
        request,
    );
    let name = (bucket.to_string(), key.to_string());
    api(w, caller, call, |w| {
        found.ok_or_else(no_bucket)?;
        let tag = etag(&body);
        w.data.objects.insert(name, body);
        Ok(json!({ "ETag": tag }))
    })
}
