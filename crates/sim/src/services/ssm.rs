//! SSM Parameter Store: `GetParameter` and `GetParameters`. Parameters have no
//! resource-based policies, so another account's parameter is out of reach without a role.
//! A SecureString encrypted with a named KMS key read `WithDecryption` is decrypted with
//! `kms:Decrypt` on the caller's behalf.

use super::kms::{self, Use};
use super::params::Params;
use crate::arn::{self, Arn};
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway};
use crate::integration::Service;
use crate::scenario::Parameter;
use serde_json::{json, Value};

/// `(account, name)` of a parameter given by name or ARN.
fn locate(cx: &CallCx, name: &str) -> (String, String) {
    match Arn::parse(name).and_then(|a| Some((a.account, a.resource_named("parameter")?))) {
        Some((account, n)) => (account.to_string(), n.to_string()),
        None => (cx.account().to_string(), name.to_string()),
    }
}

fn find<'s>(w: &Gateway<'s>, account: &str, name: &str) -> Option<(String, &'s Parameter)> {
    let params = &w.scenario.account(account)?.ssm_parameters;
    let slashed = format!("/{name}");
    [name.to_string(), slashed]
        .into_iter()
        .find_map(|n| params.get(&n).map(|p| (n, p)))
}

fn shape(w: &Gateway, account: &str, name: &str, p: &Parameter) -> Value {
    json!({
        "ARN": arn::parameter(w.region(), account, name),
        "DataType": "text",
        "LastModifiedDate": asl::Options::default().start_time / 1000,
        "Name": name,
        "Type": p.kind,
        "Value": p.value,
        "Version": p.version,
    })
}

fn one(
    w: &mut Gateway,
    cx: &CallCx,
    api: &'static str,
    name: &str,
    request: Value,
) -> Result<Value, ApiError> {
    let decrypt = request.get("WithDecryption") == Some(&Value::Bool(true));
    let (account, bare) = locate(cx, name);
    let call = Call {
        service: Service::Ssm,
        api,
        resource: arn::parameter(w.region(), &account, &bare),
        resource_account: account.clone(),
        resource_policy: None,
        noun: Service::Ssm.policy_noun(),
        trust: false,
        context: Vec::new(),
        request,
    };
    w.api(cx, call, |w| match find(w, &account, &bare) {
        Some((found, p)) => {
            if let Some(key_id) = p.kms_key_id.as_deref().filter(|_| decrypt) {
                let u = Use {
                    via: Service::Ssm,
                    resource_account: &account,
                    key_id,
                    encryption_context: vec![(
                        "kms:EncryptionContext:PARAMETER_ARN",
                        "PARAMETER_ARN",
                        arn::parameter(w.region(), &account, &found),
                    )],
                };
                kms::on_behalf(w, cx, "Decrypt", &u)?;
            }
            Ok(shape(w, &account, &found, p))
        }
        None => Err(ApiError::new(
            Service::Ssm,
            "ParameterNotFound",
            format!("Parameter {name} not found."),
        )),
    })
}

/// `GetParameter` → `{"Parameter": {...}}`.
pub(super) fn get_parameter(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let name = p.string("Name")?;
    let request = Value::Object(p.map.clone());
    one(w, cx, "GetParameter", name, request).map(|param| json!({ "Parameter": param }))
}

/// `GetParameters` → `{"Parameters": [...], "InvalidParameters": [...]}`; each name is
/// authorized, and one denial fails the call.
pub(super) fn get_parameters(w: &mut Gateway, cx: &CallCx, p: &Params) -> Result<Value, ApiError> {
    let names: Vec<&str> = match p.get("Names") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => return Err(ApiError::validation(Service::Ssm, "1 validation error detected: Value null at 'names' failed to satisfy constraint: Member must not be null")),
    };
    let decrypt = p
        .get("WithDecryption")
        .cloned()
        .unwrap_or(Value::Bool(false));
    let mut found = Vec::new();
    let mut invalid = Vec::new();
    for name in names {
        match one(
            w,
            cx,
            "GetParameters",
            name,
            json!({ "Names": [name], "WithDecryption": decrypt }),
        ) {
            Ok(v) => found.push(v),
            Err(e) if e.code == "ParameterNotFound" => invalid.push(Value::String(name.into())),
            Err(e) => return Err(e),
        }
    }
    Ok(json!({"InvalidParameters": invalid, "Parameters": found}))
}
