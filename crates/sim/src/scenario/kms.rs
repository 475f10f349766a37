//! KMS keys: an account's customer managed keys (`kmsKeys`) and the AWS managed keys
//! (`alias/aws/secretsmanager` …) its resources name, with the key policy AWS gives those.

use super::model::{Account, KmsKey, PolicySite};
use super::reader::Reader;
use super::resources::Ctx;
use crate::diagnostic::Code;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The AWS managed keys a resource may name: `(alias, service name in the key policy's
/// statement id, IAM service prefix)`.
pub(crate) const AWS_MANAGED: [(&str, &str, &str); 4] = [
    (
        "alias/aws/secretsmanager",
        "AWS Secrets Manager",
        "secretsmanager",
    ),
    ("alias/aws/ssm", "AWS Systems Manager", "ssm"),
    ("alias/aws/sqs", "Amazon SQS", "sqs"),
    ("alias/aws/sns", "Amazon SNS", "sns"),
];

/// `kmsKeys`: `{"KEY-ID": {"keyPolicy": {...}, "aliases"?: ["alias/NAME"]}}`.
pub(super) fn keys(
    r: &mut Reader,
    cx: &mut Ctx,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, KmsKey> {
    let mut out = BTreeMap::new();
    for (id, at, v) in r.named(account, "kmsKeys", at) {
        let Some(map) = r.object(v, &at, &["keyPolicy", "aliases", "description"]) else {
            continue;
        };
        let _ = r.optional_string(map, "description", &at);
        let aliases = read_aliases(r, map.get("aliases"), &format!("{at}/aliases"));
        let Some(doc) = map.get("keyPolicy") else {
            r.error(
                Code::MissingField,
                &at,
                "missing field `keyPolicy` (every KMS key has a key policy)",
            );
            continue;
        };
        let pointer = format!("{at}/keyPolicy");
        cx.sites.push(PolicySite {
            pointer: pointer.clone(),
            use_: iam::PolicyUse::Resource,
            account: cx.account.to_string(),
        });
        if let Some(key_policy) = r.policy(doc, &pointer, format!("key {id}/key-policy")) {
            out.insert(
                id.to_string(),
                KmsKey {
                    key_policy,
                    aliases,
                },
            );
        }
    }
    out
}

/// `aliases`: each `alias/NAME`, not in the reserved `alias/aws/` space.
fn read_aliases(r: &mut Reader, v: Option<&Value>, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    let list = match v {
        None => return out,
        Some(Value::Array(list)) => list,
        Some(other) => {
            r.wrong_type(other, at, "an array of aliases (`alias/NAME`)");
            return out;
        }
    };
    for (i, item) in list.iter().enumerate() {
        let item_at = format!("{at}/{i}");
        let Some(alias) = r.string(item, &item_at) else {
            continue;
        };
        if !alias.starts_with("alias/") || alias.len() <= "alias/".len() {
            r.error(
                Code::InvalidValue,
                &item_at,
                format!("`{alias}` is not an alias name: it starts with `alias/`"),
            );
        } else if alias.starts_with("alias/aws/") {
            r.error(
                Code::InvalidValue,
                &item_at,
                "alias names that begin with alias/aws/ are reserved for AWS managed keys",
            );
        } else {
            out.push(alias);
        }
    }
    out
}

/// The AWS managed keys the resources of `account` (`id`, at pointer `at`) name, each with
/// the key policy AWS gives it; the policy's pointer is the first `kmsKeyId` naming it.
pub(super) fn aws_managed_keys(
    account: &Account,
    region: &str,
    id: &str,
    at: &str,
) -> BTreeMap<String, KmsKey> {
    let named = |kind: &str, name: &str, key: &Option<String>| {
        key.as_deref().map(|key| {
            let resource = jsonloc::pointer_push(&jsonloc::pointer_push(at, kind), name);
            (key.to_string(), format!("{resource}/kmsKeyId"))
        })
    };
    let references = (account.ssm_parameters.iter())
        .filter_map(|(n, p)| named("ssmParameters", n, &p.kms_key_id))
        .chain(
            account
                .secrets
                .iter()
                .filter_map(|(n, s)| named("secrets", n, &s.kms_key_id)),
        )
        .chain(
            account
                .sqs_queues
                .iter()
                .filter_map(|(n, q)| named("sqsQueues", n, &q.kms_key_id)),
        )
        .chain(
            account
                .sns_topics
                .iter()
                .filter_map(|(n, t)| named("snsTopics", n, &t.kms_key_id)),
        );
    let mut out = BTreeMap::new();
    for (key, pointer) in references {
        let Some((alias, service, prefix)) = AWS_MANAGED.iter().find(|(a, ..)| *a == key) else {
            continue;
        };
        if out.contains_key(*alias) {
            continue;
        }
        let document = managed_policy(service, prefix, region, id);
        if let Ok(policy) = iam::Policy::from_value(&document) {
            let key_policy = iam::NamedPolicy {
                name: alias.to_string(),
                policy,
                pointer,
            };
            out.insert(
                alias.to_string(),
                KmsKey {
                    key_policy,
                    aliases: vec![alias.to_string()],
                },
            );
        }
    }
    out
}

/// The key policy of an AWS managed key: any principal of the account may use it through
/// the service (`kms:CallerAccount` and `kms:ViaService`), and the account may read its
/// metadata directly ("AWS managed keys", AWS KMS Developer Guide).
fn managed_policy(service: &str, prefix: &str, region: &str, account: &str) -> Value {
    let sid = format!(
        "Allow access through {service} for all principals in the account that are authorized to use {service}"
    );
    let via = format!("{prefix}.{region}.amazonaws.com");
    json!({
        "Version": "2012-10-17",
        "Id": format!("auto-{prefix}-2"),
        "Statement": [
            {
                "Sid": sid,
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": [
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:CreateGrant",
                    "kms:DescribeKey"
                ],
                "Resource": "*",
                "Condition": {
                    "StringEquals": {
                        "kms:CallerAccount": account,
                        "kms:ViaService": via
                    }
                }
            },
            {
                "Sid": "Allow direct access to key metadata to the account",
                "Effect": "Allow",
                "Principal": {"AWS": format!("arn:aws:iam::{account}:root")},
                "Action": ["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"],
                "Resource": "*"
            }
        ]
    })
}
