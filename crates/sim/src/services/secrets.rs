//! Secrets Manager: `GetSecretValue`, by name or (partial) ARN; a secret's resource policy
//! can grant other accounts access, and a secret encrypted with a KMS key is decrypted
//! with `kms:Decrypt` on the caller's behalf.

use super::kms::{self, Use};

use super::params::Params;
use crate::arn::{self, Arn};
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway};
use crate::integration::Service;
use serde_json::{json, Value};

/// The version id of every secret's current value.
const VERSION_ID: &str = "5a1d0000-0000-4000-8000-000000000001";

/// `(account, name)` of a secret id: a name (the caller's account), a full ARN (with the
/// six-character suffix) or a partial ARN.
fn locate(w: &Gateway, cx: &CallCx, id: &str) -> (String, String) {
    match Arn::parse(id).and_then(|a| Some((a.account, a.resource_named("secret")?))) {
        Some((account, name)) => (
            account.to_string(),
            arn::secret_name(w.region(), account, id, name).to_string(),
        ),
        None => (cx.account().to_string(), id.to_string()),
    }
}

/// `GetSecretValue` → `{"ARN", "CreatedDate", "Name", "SecretString", "VersionId", "VersionStages"}`.
pub(super) fn get_secret_value(
    w: &mut Gateway,
    cx: &CallCx,
    p: &Params,
) -> Result<Value, ApiError> {
    let id = p.string("SecretId")?;
    let (account, name) = locate(w, cx, id);
    let scenario = w.scenario;
    let secret = scenario
        .account(&account)
        .and_then(|a| a.secrets.get(&name));
    let secret_arn = arn::secret(w.region(), &account, &name);
    let call = Call {
        service: Service::SecretsManager,
        api: "GetSecretValue",
        resource: secret_arn.clone(),
        resource_account: account.clone(),
        resource_policy: secret.and_then(|s| s.resource_policy.as_ref()),
        noun: Service::SecretsManager.policy_noun(),
        trust: false,
        context: Vec::new(),
        request: Value::Object(p.map.clone()),
    };
    w.api(cx, call, |w| match secret {
        None => Err(ApiError::new(
            Service::SecretsManager,
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret.",
        )),
        Some(s) => match &s.secret_string {
            None => Err(ApiError::new(
                Service::SecretsManager,
                "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
            )),
            Some(text) => {
                if let Some(key_id) = &s.kms_key_id {
                    let u = Use {
                        via: Service::SecretsManager,
                        resource_account: &account,
                        key_id,
                        encryption_context: vec![
                            (
                                "kms:EncryptionContext:SecretARN",
                                "SecretARN",
                                secret_arn.clone(),
                            ),
                            (
                                "kms:EncryptionContext:SecretVersionId",
                                "SecretVersionId",
                                VERSION_ID.to_string(),
                            ),
                        ],
                    };
                    kms::on_behalf(w, cx, "Decrypt", &u)?;
                }
                Ok(json!({
                "ARN": secret_arn,
                "CreatedDate": asl::Options::default().start_time / 1000,
                "Name": name,
                "SecretString": text,
                "VersionId": VERSION_ID,
                "VersionStages": ["AWSCURRENT"],
                }))
            }
        },
    })
}
