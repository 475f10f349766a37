//! Reading the resources of an account: parameters, secrets, tables, functions, queues,
//! topics and buckets (a parameter, secret, queue or topic may name its KMS key).

use super::attribute_value::is_attribute_value;
use super::behavior;
use super::model::{Bucket, Function, Parameter, PolicySite, Queue, Secret, Table, Topic};
use super::names::NameRule;
use super::reader::Reader;
use crate::diagnostic::Code;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What the resource readers share: the account and where resource policies are noted.
pub(super) struct Ctx<'a> {
    pub(super) account: &'a str,
    pub(super) sites: &'a mut Vec<PolicySite>,
}

impl Ctx<'_> {
    pub(super) fn resource_policy(
        &mut self,
        r: &mut Reader,
        map: &Map<String, Value>,
        at: &str,
        name: String,
    ) -> Option<iam::NamedPolicy> {
        let policy = r.optional_policy(map, "resourcePolicy", at, name)?;
        self.sites.push(PolicySite {
            pointer: policy.pointer.clone(),
            use_: iam::PolicyUse::Resource,
            account: self.account.to_string(),
        });
        Some(policy)
    }
}

/// `ssmParameters`.
pub(super) fn parameters(
    r: &mut Reader,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Parameter> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "ssmParameters", at) {
        let Some(map) = r.object(v, &at, &["value", "type", "version", "kmsKeyId"]) else {
            continue;
        };
        let value = r.required_string(map, "value", &at);
        let kind = r
            .optional_string(map, "type", &at)
            .unwrap_or_else(|| "String".into());
        if !matches!(kind.as_str(), "String" | "StringList" | "SecureString") {
            r.error(
                Code::InvalidValue,
                &format!("{at}/type"),
                format!("`{kind}` is not a parameter type: use String, StringList or SecureString"),
            );
        }
        let version = match map.get("version") {
            None => 1,
            Some(v) => match v.as_u64() {
                Some(n) if n >= 1 => n,
                _ => {
                    r.wrong_type(v, &format!("{at}/version"), "a positive whole number");
                    1
                }
            },
        };
        let kms_key_id = r.optional_string(map, "kmsKeyId", &at);
        if kms_key_id.is_some() && kind != "SecureString" {
            r.error(
                Code::InvalidValue,
                &format!("{at}/kmsKeyId"),
                "only a SecureString parameter is encrypted with a KMS key",
            );
        }
        if let Some(value) = value {
            out.insert(
                name.to_string(),
                Parameter {
                    value,
                    kind,
                    version,
                    kms_key_id,
                },
            );
        }
    }
    out
}

/// `secrets`.
pub(super) fn secrets(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Secret> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "secrets", at) {
        let Some(map) = r.object(v, &at, &["secretString", "resourcePolicy", "kmsKeyId"]) else {
            continue;
        };
        let secret_string = r.optional_string(map, "secretString", &at);
        let resource_policy =
            cx.resource_policy(r, map, &at, format!("secret {name}/resource-policy"));
        let kms_key_id = r.optional_string(map, "kmsKeyId", &at);
        out.insert(
            name.to_string(),
            Secret {
                secret_string,
                resource_policy,
                kms_key_id,
            },
        );
    }
    out
}

/// `dynamodbTables`.
pub(super) fn tables(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Table> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "dynamodbTables", at) {
        r.name(NameRule::DynamoDbTable, name, &at);
        let Some(map) = r.object(
            v,
            &at,
            &["partitionKey", "sortKey", "items", "resourcePolicy"],
        ) else {
            continue;
        };
        let partition_key = r
            .optional_string(map, "partitionKey", &at)
            .unwrap_or_else(|| "id".into());
        let sort_key = r.optional_string(map, "sortKey", &at);
        let mut items = Vec::new();
        match map.get("items") {
            None => {}
            Some(Value::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    let item_at = format!("{at}/items/{i}");
                    let Value::Object(attrs) = item else {
                        r.wrong_type(item, &item_at, "an item in DynamoDB JSON");
                        continue;
                    };
                    let mut ok = true;
                    for (key, value) in attrs {
                        if !is_attribute_value(value) {
                            r.error(
                                Code::InvalidValue,
                                &jsonloc::pointer_push(&item_at, key),
                                "an attribute value is DynamoDB JSON such as {\"S\": \"text\"} or {\"N\": \"1\"}",
                            );
                            ok = false;
                        }
                    }
                    for key in std::iter::once(&partition_key).chain(sort_key.as_ref()) {
                        if !attrs.contains_key(key) {
                            r.error(
                                Code::MissingField,
                                &item_at,
                                format!("the item lacks the key attribute `{key}`"),
                            );
                            ok = false;
                        }
                    }
                    if ok {
                        items.push(attrs.clone());
                    }
                }
            }
            Some(other) => r.wrong_type(other, &format!("{at}/items"), "an array of items"),
        }
        let resource_policy =
            cx.resource_policy(r, map, &at, format!("table {name}/resource-policy"));
        out.insert(
            name.to_string(),
            Table {
                partition_key,
                sort_key,
                items,
                resource_policy,
            },
        );
    }
    out
}

/// `lambdaFunctions`.
pub(super) fn functions(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Function> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "lambdaFunctions", at) {
        r.name(NameRule::LambdaFunction, name, &at);
        let Some(map) = r.object(v, &at, &["behavior", "roleName", "resourcePolicy"]) else {
            continue;
        };
        let behavior = behavior::read(r, map.get("behavior"), &format!("{at}/behavior"));
        let role_name = r.optional_string(map, "roleName", &at);
        let resource_policy =
            cx.resource_policy(r, map, &at, format!("function {name}/resource-policy"));
        if let Some(behavior) = behavior {
            out.insert(
                name.to_string(),
                Function {
                    behavior,
                    role_name,
                    resource_policy,
                },
            );
        }
    }
    out
}

/// `sqsQueues`.
pub(super) fn queues(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Queue> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "sqsQueues", at) {
        let Some(map) = r.object(v, &at, &["resourcePolicy", "kmsKeyId"]) else {
            continue;
        };
        let resource_policy =
            cx.resource_policy(r, map, &at, format!("queue {name}/resource-policy"));
        let kms_key_id = r.optional_string(map, "kmsKeyId", &at);
        out.insert(
            name.to_string(),
            Queue {
                resource_policy,
                kms_key_id,
            },
        );
    }
    out
}

/// `snsTopics`.
pub(super) fn topics(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Topic> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "snsTopics", at) {
        let Some(map) = r.object(v, &at, &["resourcePolicy", "kmsKeyId"]) else {
            continue;
        };
        let resource_policy =
            cx.resource_policy(r, map, &at, format!("topic {name}/resource-policy"));
        let kms_key_id = r.optional_string(map, "kmsKeyId", &at);
        out.insert(
            name.to_string(),
            Topic {
                resource_policy,
                kms_key_id,
            },
        );
    }
    out
}

/// `s3Buckets`.
pub(super) fn buckets(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, Bucket> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "s3Buckets", at) {
        let Some(map) = r.object(v, &at, &["objects", "resourcePolicy"]) else {
            continue;
        };
        let mut objects = BTreeMap::new();
        for (key, key_at, body) in r.named(map, "objects", &at) {
            if let Some(body) = r.string(body, &key_at) {
                objects.insert(key.to_string(), body);
            }
        }
        let resource_policy =
            cx.resource_policy(r, map, &at, format!("bucket {name}/resource-policy"));
        out.insert(
            name.to_string(),
            Bucket {
                objects,
                resource_policy,
            },
        );
    }
    out
}
