//! AWS KMS as the other services call it on the caller's behalf: reading a secret or a
//! SecureString parameter needs `kms:Decrypt` on its key, sending to an encrypted queue or
//! topic `kms:GenerateDataKey` and `kms:Decrypt`. Each call is authorized under the
//! caller's identity with the key policy as the resource policy, and the condition keys
//! AWS sets: `kms:ViaService`, `kms:CallerAccount`, `aws:ViaAWSService` and the service's
//! `kms:EncryptionContext:*`. A denial becomes the error the calling service returns.

use crate::arn::{self, Arn};
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway};
use crate::integration::Service;
use crate::scenario::{KmsKey, NamedPolicy, AWS_MANAGED};
use serde_json::{json, Map, Value};

/// One encryption context pair: the condition key, the context key and its value.
pub(super) type ContextPair = (&'static str, &'static str, String);

/// Why a service calls KMS: the service, the account of the encrypted resource, the key
/// the resource names and the encryption context the service uses.
pub(super) struct Use<'a> {
    pub(super) via: Service,
    pub(super) resource_account: &'a str,
    pub(super) key_id: &'a str,
    pub(super) encryption_context: Vec<ContextPair>,
}

/// A key as found: its ARN, account, policy, and whether AWS manages it.
struct Found<'s> {
    arn: String,
    account: String,
    policy: Option<&'s NamedPolicy>,
    aws_managed: bool,
}

/// The key `key_id` names for a resource of `account`: a key id, a key or alias ARN, or an
/// alias (`alias/NAME`, `alias/aws/SERVICE`). A key the scenario lacks has no policy.
fn locate<'s>(w: &Gateway<'s>, account: &str, key_id: &str) -> Found<'s> {
    let region = w.region();
    let (account, resource) = match Arn::parse(key_id).filter(|a| a.service == "kms") {
        Some(a) => (a.account.to_string(), a.resource.to_string()),
        None if key_id.starts_with("alias/") => (account.to_string(), key_id.to_string()),
        None => (account.to_string(), format!("key/{key_id}")),
    };
    let keys = w.scenario.account(&account);
    let found = |id: &str, key: &'s KmsKey, aws_managed: bool| Found {
        arn: arn::kms_key(region, &account, id),
        account: account.clone(),
        policy: Some(&key.key_policy),
        aws_managed,
    };
    let hit = match resource.strip_prefix("key/") {
        Some(id) => keys
            .and_then(|a| a.kms_keys.get(id))
            .map(|k| found(id, k, false)),
        None => keys.and_then(|a| {
            let managed = AWS_MANAGED
                .iter()
                .position(|(alias, ..)| *alias == resource);
            match managed {
                Some(i) => a
                    .aws_managed_keys
                    .get(&resource)
                    .map(|k| found(&managed_key_id(i), k, true)),
                None => a
                    .kms_keys
                    .iter()
                    .find(|(_, k)| k.aliases.contains(&resource))
                    .map(|(id, k)| found(id, k, false)),
            }
        }),
    };
    hit.unwrap_or_else(|| Found {
        arn: format!("arn:aws:kms:{region}:{account}:{resource}"),
        account,
        policy: None,
        aws_managed: resource.starts_with("alias/aws/"),
    })
}

/// The (stable) key id of the `i`-th AWS managed key.
fn managed_key_id(i: usize) -> String {
    format!("5a1d0000-0000-4000-a000-{:012x}", i + 1)
}

/// Calls KMS `api` (`Decrypt` or `GenerateDataKey`) for `u` on behalf of the caller of
/// `cx`; a denial is returned as the error the calling service gives.
pub(super) fn on_behalf(
    w: &mut Gateway,
    cx: &CallCx,
    api: &'static str,
    u: &Use,
) -> Result<(), ApiError> {
    let key = locate(w, u.resource_account, u.key_id);
    let encryption_context: Map<String, Value> = u
        .encryption_context
        .iter()
        .map(|(_, name, value)| (name.to_string(), Value::String(value.clone())))
        .collect();
    let mut request = json!({"KeyId": key.arn, "EncryptionContext": encryption_context});
    if api == "GenerateDataKey" {
        request["KeySpec"] = "AES_256".into();
    }
    let mut context = vec![
        (
            "kms:ViaService",
            format!("{}.{}.amazonaws.com", u.via.code(), w.region()),
        ),
        ("kms:CallerAccount", cx.account().to_string()),
        ("aws:ViaAWSService", "true".to_string()),
    ];
    context.extend(
        u.encryption_context
            .iter()
            .map(|(condition, _, value)| (*condition, value.clone())),
    );
    let response = json!({"KeyId": key.arn, "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"});
    let cross_account_managed = key.aws_managed && key.account != cx.account();
    let call = Call {
        service: Service::Kms,
        api,
        resource: key.arn,
        resource_account: key.account,
        resource_policy: key.policy,
        noun: Service::Kms.policy_noun(),
        trust: false,
        context,
        request,
    };
    match w.api(cx, call, |_| Ok(response)) {
        Ok(_) => Ok(()),
        Err(e) => Err(as_service_error(u.via, e, cross_account_managed)),
    }
}

/// The error `via` returns when KMS denied the call it made (`kms` is KMS's error).
fn as_service_error(via: Service, kms: ApiError, cross_account_managed: bool) -> ApiError {
    let denied = |code: &str, message: &str| ApiError {
        access_denied: true,
        ..ApiError::new(via, code, message)
    };
    match via {
        Service::SecretsManager if cross_account_managed => ApiError::new(
            via,
            "InvalidRequestException",
            "You can't access a secret from a different AWS account if you encrypt the secret with the default KMS service key.",
        ),
        Service::SecretsManager => denied("AccessDeniedException", "Access to KMS is not allowed"),
        Service::Sqs => ApiError::new(
            via,
            "KmsAccessDenied",
            "The caller doesn't have the required KMS access.",
        ),
        Service::Sns => ApiError::new(
            via,
            "KMSAccessDenied",
            "The ciphertext references a key that doesn't exist or that you don't have access to.",
        ),
        _ => denied(&kms.code, &kms.message),
    }
}
