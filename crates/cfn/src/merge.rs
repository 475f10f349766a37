//! The imported account put into a scenario: a new one, or the account added to (or
//! replacing the same account of) the scenario given.

use crate::context::Context;
use crate::error::ImportError;
use crate::import::AccountOut;
use serde_json::{json, Map, Value};

/// The order of a role's members, as the scenario format lists them.
const ROLE_KEYS: [&str; 6] = [
    "assumeRolePolicyDocument",
    "policies",
    "managedPolicyArns",
    "permissionsBoundary",
    "tags",
    "description",
];

/// The scenario with the account in it. A new scenario runs the account's first state
/// machine; a given one keeps its execution, title and the account's alias unless the
/// template gives one.
pub(crate) fn merge(
    into: Option<Map<String, Value>>,
    ctx: &Context,
    out: AccountOut,
) -> Result<Map<String, Value>, ImportError> {
    let first_machine = out.state_machines.keys().next().cloned();
    let previous_alias = into
        .as_ref()
        .and_then(|s| s.get("accounts"))
        .and_then(|a| a.get(&ctx.account))
        .and_then(|a| a.get("alias"))
        .cloned();
    let account = account(out, previous_alias);
    let mut scenario = match into {
        Some(s) => s,
        None => {
            let arn = first_machine
                .map(|m| {
                    format!(
                        "arn:aws:states:{}:{}:stateMachine:{m}",
                        ctx.region, ctx.account
                    )
                })
                .unwrap_or_default();
            let Value::Object(s) = json!({
                "scenarioVersion": 1,
                "title": "Imported from CloudFormation",
                "region": ctx.region,
                "accounts": {},
                "execution": {"stateMachineArn": arn, "input": {}}
            }) else {
                return Err(ImportError::Into {
                    reason: "internal".into(),
                });
            };
            s
        }
    };
    let accounts = scenario.entry("accounts").or_insert_with(|| json!({}));
    let Some(accounts) = accounts.as_object_mut() else {
        return Err(ImportError::Into {
            reason: "its accounts member is not an object".into(),
        });
    };
    accounts.insert(ctx.account.clone(), account);
    Ok(scenario)
}

/// The account object, its sections in the format's order, empty ones left out.
fn account(out: AccountOut, previous_alias: Option<Value>) -> Value {
    let mut account = Map::new();
    if let Some(alias) = out.alias.or(previous_alias) {
        account.insert("alias".into(), alias);
    }
    let roles = out
        .roles
        .into_iter()
        .map(|(name, role)| (name, ordered(role)))
        .collect();
    let sections = [
        ("roles", roles),
        ("stateMachines", out.state_machines),
        ("ssmParameters", out.ssm_parameters),
        ("secrets", out.secrets),
        ("dynamodbTables", out.dynamodb_tables),
        ("lambdaFunctions", out.lambda_functions),
        ("sqsQueues", out.sqs_queues),
        ("snsTopics", out.sns_topics),
        ("s3Buckets", out.s3_buckets),
        ("kmsKeys", out.kms_keys),
        ("restApis", api_order(out.rest_apis)),
        ("activities", out.activities),
    ];
    for (key, section) in sections {
        if !section.is_empty() {
            account.insert(key.into(), Value::Object(section));
        }
    }
    Value::Object(account)
}

/// Each REST API with its members in the format's order.
fn api_order(apis: Map<String, Value>) -> Map<String, Value> {
    apis.into_iter()
        .map(|(id, api)| {
            let Value::Object(mut map) = api else {
                return (id, api);
            };
            let mut out = Map::new();
            for key in crate::apigateway::API_KEYS {
                if let Some(v) = map.remove(key) {
                    out.insert(key.into(), v);
                }
            }
            out.extend(map);
            (id, Value::Object(out))
        })
        .collect()
}

/// A role with its members in the format's order.
fn ordered(role: Value) -> Value {
    let Value::Object(mut map) = role else {
        return role;
    };
    let mut out = Map::new();
    for key in ROLE_KEYS {
        if let Some(v) = map.remove(key) {
            out.insert(key.into(), v);
        }
    }
    out.extend(map);
    Value::Object(out)
}
