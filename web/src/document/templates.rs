//! What a new item starts as: a small, valid example of its kind with realistic values, and
//! one line for each kind that says what its fields mean (the editor shows it).

use super::{account_pointer, Addable};
use jsonloc::pointer_tokens;
use serde_json::{json, Value};

/// The region of the scenario's ARNs.
fn region(doc: &Value) -> &str {
    doc.get("region")
        .and_then(Value::as_str)
        .unwrap_or("us-east-1")
}

/// Another account of the scenario, if any: who a resource policy lets in.
fn other_account<'a>(doc: &'a Value, account: &str) -> Option<&'a str> {
    doc.get("accounts")?
        .as_object()?
        .keys()
        .map(String::as_str)
        .find(|id| *id != account)
}

/// The role a new state machine of `account` runs as: the first one whose trust policy
/// names Step Functions, else the first one.
fn execution_role(doc: &Value, account: &str) -> String {
    let roles = doc
        .pointer(&format!("{}/roles", account_pointer(account)))
        .and_then(Value::as_object);
    let trusts_states = |role: &Value| {
        role.get("assumeRolePolicyDocument")
            .is_some_and(|t| t.to_string().contains("states.amazonaws.com"))
    };
    roles
        .and_then(|r| {
            r.iter()
                .find(|(_, role)| trusts_states(role))
                .or_else(|| r.iter().next())
        })
        .map(|(name, _)| name.clone())
        .unwrap_or_default()
}

/// The new `kind` named `name` in `account`.
pub(super) fn template(kind: Addable, doc: &Value, account: &str, name: &str) -> Value {
    let region = region(doc);
    let invoker = other_account(doc, account).unwrap_or(account);
    match kind {
        // Step Functions may assume it, for state machines of this account only: the
        // conditions the AWS docs recommend against the confused deputy.
        Addable::Role => json!({
            "description": "Run by Step Functions for the state machines of this account",
            "assumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "states.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                    "Condition": {
                        "StringEquals": {"aws:SourceAccount": account},
                        "ArnLike": {"aws:SourceArn": format!("arn:aws:states:{region}:{account}:stateMachine:*")}
                    }
                }]
            },
            "policies": {}
        }),
        Addable::Policy => json!({"Version": "2012-10-17", "Statement": []}),
        Addable::StateMachine => json!({
            "type": "STANDARD",
            "roleName": execution_role(doc, account),
            "definition": {
                "Comment": "A first state: replace it with yours",
                "StartAt": "Hello",
                "States": {"Hello": {"Type": "Pass", "Result": {"greeting": "Hello"}, "End": true}}
            }
        }),
        Addable::Parameter => json!({
            "value": "https://config.example.com/orders",
            "type": "String",
            "version": 1
        }),
        Addable::Secret => json!({
            "secretString": "{\"username\":\"orders-app\",\"password\":\"example-only\"}"
        }),
        Addable::Table => json!({
            "partitionKey": "id",
            "items": [
                {"id": {"S": "order-1"}, "status": {"S": "NEW"}, "total": {"N": "42.5"}}
            ]
        }),
        Addable::Function => json!({
            "behavior": {"result": {"statusCode": 200, "body": "processed"}},
            "resourcePolicy": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "AllowInvokeFromAccount",
                    "Effect": "Allow",
                    "Principal": {"AWS": format!("arn:aws:iam::{invoker}:root")},
                    "Action": "lambda:InvokeFunction",
                    "Resource": format!("arn:aws:lambda:{region}:{account}:function:{name}")
                }]
            }
        }),
        Addable::Queue => json!({}),
        Addable::Topic => json!({}),
        Addable::Bucket => json!({
            "objects": {"config/settings.json": "{\"retries\": 3}"}
        }),
        Addable::Key => json!({
            "keyPolicy": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "Enable IAM User Permissions",
                    "Effect": "Allow",
                    "Principal": {"AWS": format!("arn:aws:iam::{account}:root")},
                    "Action": "kms:*",
                    "Resource": "*"
                }]
            },
            "aliases": [format!("alias/{name}")]
        }),
        Addable::Api => json!({
            "name": name,
            "stages": ["prod"],
            "methods": {},
            "resourcePolicy": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": format!("arn:aws:iam::{invoker}:root")},
                    "Action": "execute-api:Invoke",
                    "Resource": format!("arn:aws:execute-api:{region}:{account}:{}/*", super::api_id(name))
                }]
            }
        }),
        Addable::Activity => match execution_role(doc, account) {
            role if role.is_empty() => json!({}),
            role => json!({"worker": {
                "principal": format!("arn:aws:iam::{account}:role/{role}"),
                "send": "SendTaskSuccess",
                "output": {"approved": true}
            }}),
        },
    }
}

/// One line on what the item at `pointer` holds, for the editor.
pub fn help(pointer: &str) -> Option<&'static str> {
    let tokens = pointer_tokens(pointer);
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    Some(match tokens.as_slice() {
        ["execution"] => "The execution to run: stateMachineArn (a state machine of the scenario), input (the execution input), name (optional).",
        ["callbacks"] => "Answers to Tasks that wait for a token (.waitForTaskToken, activities): [{principal (a role ARN), assumeRole?, task: {stateMachine, state, attempt?} or taskToken, afterSeconds?, send: SendTaskSuccess (output) | SendTaskFailure (error, cause) | SendTaskHeartbeat}], each authorized as its principal.",
        ["organization"] => "id, accounts (default: all), serviceControlPolicies and resourceControlPolicies as [{name, document}]; SCPs must allow (list FullAWSAccess to only deny), RCPs only deny.",
        ["accounts", _, "roles", _, "assumeRolePolicyDocument"] => "Trust policy: who may assume this role (Principal) and on which conditions. Step Functions assumes an execution role as states.amazonaws.com; another account's role calls sts:AssumeRole.",
        ["accounts", _, "roles", _, "policies", _] => "Permission policy: the Statement list says what this role may do (Effect, Action, Resource, Condition).",
        ["accounts", _, "roles", _, "managedPolicyArns"] => "AWS managed policies attached to the role, by ARN (arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/service-role/AWSLambdaRole): their current documents count as the role's permission policies.",
        ["accounts", _, "roles", _, "permissionsBoundary"] => "Permissions boundary: the most the role's policies can grant; an action must be allowed here too. A document, or an AWS managed policy's ARN.",
        ["accounts", _, "stateMachines", _, "definition"] => "Amazon States Language: StartAt and States; a Task's Credentials.RoleArn makes its call as a role of another account.",
        ["accounts", _, "stateMachines", _] => "type: STANDARD or EXPRESS; roleName: the execution role (a role of this account); definition: the workflow.",
        ["accounts", _, "ssmParameters", _] => "value; type: String, StringList or SecureString; version (default 1).",
        ["accounts", _, "secrets", _] => "secretString: what GetSecretValue returns; resourcePolicy (optional): who else may read it.",
        ["accounts", _, "dynamodbTables", _] => "partitionKey (and sortKey): the key attributes; items in DynamoDB JSON ({\"S\": text}, {\"N\": number}); resourcePolicy (optional).",
        ["accounts", _, "lambdaFunctions", _] => "behavior, exactly one of: echo, result, error (with cause), sequence (one step per call), template (\"key.$\": \"$.path\"), startSyncExecution (as roleName); roleName: the role it runs as; resourcePolicy: who may invoke it.",
        ["accounts", _, "sqsQueues" | "snsTopics", _] => "resourcePolicy (optional): who else may use it.",
        ["accounts", _, "kmsKeys", _] => "keyPolicy: who may use the key (its account's root lets identity policies decide; another account needs both this and its own policy); aliases. A secret, SecureString parameter, queue or topic names it in kmsKeyId.",
        ["accounts", _, "restApis", _] => "An API Gateway REST API (its key is the API id: lower-case letters and digits): name, stages, methods {\"POST /orders\": {authorization: NONE | AWS_IAM, integration: {type: StartExecution | StartSyncExecution, stateMachine, credentialsRole} | {type: LambdaProxy, function}}}, resourcePolicy (execute-api:Invoke). A Task calls it with arn:aws:states:::apigateway:invoke.",
        ["accounts", _, "activities", _] => "An activity (a Task's Resource arn:aws:states:REGION:ACCOUNT:activity:NAME): worker {principal, send: SendTaskSuccess (output) | SendTaskFailure (error, cause), pollAfterSeconds, answerAfterSeconds, heartbeatAfterSeconds}; without a worker its Tasks wait.",
        ["accounts", _, "s3Buckets", _] => "objects: key → body text; resourcePolicy (optional): who else may read or write.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{add, Addable, RESOURCES};
    use super::*;
    use jsonloc::DiagnosticCode;

    fn findings(doc: &Value) -> Vec<String> {
        let text = serde_json::to_string_pretty(doc).expect("serializes");
        sim::validate_text(&text)
            .into_iter()
            .map(|d| format!("{} {} {}", d.pointer, d.code.as_str(), d.message))
            .collect()
    }

    /// Every kind added to every preset validates: no finding that the preset lacks, of any
    /// severity; and each opens with a line of help.
    #[test]
    fn every_template_validates_and_is_explained() {
        let kinds = [Addable::Role, Addable::StateMachine]
            .into_iter()
            .chain(RESOURCES);
        for preset in sim::presets() {
            let mut doc: Value = serde_json::from_str(preset.text).expect("a preset");
            let before = findings(&doc);
            for account in ["111111111111", "222222222222"] {
                let owner = account_pointer(account);
                let mut opened = Vec::new();
                for kind in kinds.clone() {
                    opened.push(add(&mut doc, account, &owner, kind, "New-item_1").expect("added"));
                }
                let role = format!("{owner}/roles/New-item_1");
                opened.push(
                    add(&mut doc, account, &role, Addable::Policy, "NewPolicy").expect("added"),
                );
                for pointer in opened {
                    assert!(help(&pointer).is_some(), "no help for {pointer}");
                }
            }
            let new: Vec<String> = findings(&doc)
                .into_iter()
                .filter(|f| !before.contains(f))
                .collect();
            // A policy without statements is what Access Analyzer reports as the error
            // MISSING_STATEMENT: the one finding a new (empty) policy has, by design.
            let empty_policy = |f: &String| {
                f.ends_with("/NewPolicy/Statement MISSING_STATEMENT Add a statement to the policy")
            };
            assert_eq!(
                new.iter().filter(|f| !empty_policy(f)).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "{}",
                preset.id
            );
            assert_eq!(new.len(), 2, "{}: the two empty policies", preset.id);
        }
    }

    #[test]
    fn a_new_policy_grants_nothing_and_a_new_role_trusts_only_its_account() {
        let doc = json!({"accounts": {"111111111111": {}, "222222222222": {}}});
        assert_eq!(
            template(Addable::Policy, &doc, "111111111111", "p").to_string(),
            r#"{"Version":"2012-10-17","Statement":[]}"#
        );
        let role = template(Addable::Role, &doc, "222222222222", "r");
        let statement = &role["assumeRolePolicyDocument"]["Statement"][0];
        assert_eq!(statement["Principal"]["Service"], "states.amazonaws.com");
        assert_eq!(
            statement["Condition"]["StringEquals"]["aws:SourceAccount"],
            "222222222222"
        );
        let function = template(Addable::Function, &doc, "222222222222", "f");
        assert_eq!(
            function["resourcePolicy"]["Statement"][0]["Principal"]["AWS"],
            "arn:aws:iam::111111111111:root"
        );
    }
}
