//! DynamoDB: `GetItem`, `PutItem`, `UpdateItem`, `DeleteItem` and `Query` over items in
//! DynamoDB JSON. A table may have a resource-based policy (DynamoDB supports them).

use super::expression::{self, Placeholders};
use super::params::Params;
use crate::arn::{self, Arn};
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway};
use crate::integration::Service;
use crate::scenario::{is_attribute_value, Table};
use serde_json::{json, Map, Value};

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(Service::DynamoDb, "ValidationException", message)
}

/// The key of `item` under the table's schema, checked as DynamoDB checks it.
fn key_of(
    table: &Table,
    key: &Map<String, Value>,
    exact: bool,
) -> Result<Vec<(String, Value)>, ApiError> {
    let names: Vec<&String> = std::iter::once(&table.partition_key)
        .chain(table.sort_key.as_ref())
        .collect();
    if exact && key.len() != names.len() {
        return Err(invalid(
            "The provided key element does not match the schema",
        ));
    }
    names
        .into_iter()
        .map(|n| match key.get(n) {
            Some(v) if is_attribute_value(v) => Ok((n.clone(), v.clone())),
            _ => Err(invalid(
                "The provided key element does not match the schema",
            )),
        })
        .collect()
}

fn matches(item: &Map<String, Value>, key: &[(String, Value)]) -> bool {
    key.iter().all(|(k, v)| item.get(k) == Some(v))
}

/// Calls one DynamoDB API on the table named by `TableName` (a name or an ARN).
pub(crate) fn call(
    w: &mut Gateway,
    cx: &CallCx,
    api: &'static str,
    p: &Params,
) -> Result<Value, ApiError> {
    let table_name = p.string("TableName")?;
    let (account, name) =
        match Arn::parse(table_name).and_then(|a| Some((a.account, a.resource_named("table")?))) {
            Some((a, n)) => (a.to_string(), n.to_string()),
            None => (cx.account().to_string(), table_name.to_string()),
        };
    let scenario = w.scenario;
    let table = scenario
        .account(&account)
        .and_then(|a| a.dynamodb_tables.get(&name));
    let call = Call {
        service: Service::DynamoDb,
        api,
        resource: arn::table(w.region(), &account, &name),
        resource_account: account.clone(),
        resource_policy: table.and_then(|t| t.resource_policy.as_ref()),
        noun: Service::DynamoDb.policy_noun(),
        trust: false,
        context: Vec::new(),
        request: Value::Object(p.map.clone()),
    };
    w.api(cx, call, |w| {
        let Some(table) = table else {
            return Err(ApiError::new(
                Service::DynamoDb,
                "ResourceNotFoundException",
                "Requested resource not found",
            ));
        };
        let items = w.data.tables.entry((account, name)).or_default();
        let placeholders = Placeholders {
            names: p.get("ExpressionAttributeNames").and_then(Value::as_object),
            values: p
                .get("ExpressionAttributeValues")
                .and_then(Value::as_object),
        };
        let condition = |item: Option<&Map<String, Value>>| -> Result<(), ApiError> {
            match p.optional("ConditionExpression")? {
                Some(expr) if !expression::holds(expr, item, &placeholders)? => Err(ApiError::new(
                    Service::DynamoDb,
                    "ConditionalCheckFailedException",
                    "The conditional request failed",
                )),
                _ => Ok(()),
            }
        };
        let return_values = p.optional("ReturnValues")?.unwrap_or("NONE");
        match api {
            "GetItem" => {
                let key = key_of(table, p.object("Key")?, true)?;
                Ok(match items.iter().find(|i| matches(i, &key)) {
                    Some(item) => json!({ "Item": item }),
                    None => json!({}),
                })
            }
            "PutItem" => {
                let item = p.object("Item")?;
                let key = key_of(table, item, false)?;
                if let Some((name, _)) = item.iter().find(|(_, v)| !is_attribute_value(v)) {
                    return Err(invalid(format!(
                        "Supplied AttributeValue for `{name}` is not DynamoDB JSON"
                    )));
                }
                let position = items.iter().position(|i| matches(i, &key));
                condition(position.and_then(|i| items.get(i)))?;
                let old = match position {
                    Some(i) => items
                        .get_mut(i)
                        .map(|slot| std::mem::replace(slot, item.clone())),
                    None => {
                        items.push(item.clone());
                        None
                    }
                };
                Ok(match (return_values, old) {
                    ("ALL_OLD", Some(old)) => json!({ "Attributes": old }),
                    _ => json!({}),
                })
            }
            "UpdateItem" => {
                let key = key_of(table, p.object("Key")?, true)?;
                let position = items.iter().position(|i| matches(i, &key));
                let old = position.and_then(|i| items.get(i)).cloned();
                condition(old.as_ref())?;
                let mut item = old.clone().unwrap_or_else(|| key.iter().cloned().collect());
                let changed = match p.optional("UpdateExpression")? {
                    Some(expr) => expression::update(expr, &mut item, &placeholders)?,
                    None => Vec::new(),
                };
                if key.iter().any(|(k, _)| changed.contains(k)) {
                    return Err(invalid(
                        "Cannot update attribute: this attribute is part of the key",
                    ));
                }
                match position.and_then(|i| items.get_mut(i)) {
                    Some(slot) => *slot = item.clone(),
                    None => items.push(item.clone()),
                }
                let pick = |from: &Map<String, Value>| -> Map<String, Value> {
                    from.iter()
                        .filter(|(k, _)| changed.contains(k))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect()
                };
                Ok(match return_values {
                    "ALL_NEW" => json!({ "Attributes": item }),
                    "UPDATED_NEW" => json!({ "Attributes": pick(&item) }),
                    "ALL_OLD" => old.map_or(json!({}), |o| json!({ "Attributes": o })),
                    "UPDATED_OLD" => old.map_or(json!({}), |o| json!({ "Attributes": pick(&o) })),
                    _ => json!({}),
                })
            }
            "DeleteItem" => {
                let key = key_of(table, p.object("Key")?, true)?;
                let position = items.iter().position(|i| matches(i, &key));
                condition(position.and_then(|i| items.get(i)))?;
                let old = position.map(|i| items.remove(i));
                Ok(match (return_values, old) {
                    ("ALL_OLD", Some(old)) => json!({ "Attributes": old }),
                    _ => json!({}),
                })
            }
            _ => {
                let expr = p.string("KeyConditionExpression")?;
                let conditions = expression::key_condition(expr, &placeholders)?;
                if !conditions.iter().any(|(k, _)| *k == table.partition_key) {
                    return Err(invalid(
                        "Query condition missed key schema element: ".to_string()
                            + &table.partition_key,
                    ));
                }
                let found: Vec<&Map<String, Value>> =
                    items.iter().filter(|i| matches(i, &conditions)).collect();
                Ok(json!({"Count": found.len(), "Items": found, "ScannedCount": found.len()}))
            }
        }
    })
}
