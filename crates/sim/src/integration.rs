//! Which API a Task `Resource` calls: optimized integrations
//! (`arn:aws:states:::lambda:invoke`, `dynamodb:getItem`, `states:startExecution.sync:2` …),
//! AWS SDK integrations (`arn:aws:states:::aws-sdk:SERVICE:ACTION`) and Lambda function ARNs.

use crate::arn::Arn;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A simulated service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// AWS Security Token Service.
    Sts,
    /// SSM Parameter Store.
    Ssm,
    /// Secrets Manager.
    SecretsManager,
    /// DynamoDB.
    DynamoDb,
    /// Lambda.
    Lambda,
    /// SQS.
    Sqs,
    /// SNS.
    Sns,
    /// S3.
    S3,
    /// Step Functions.
    StepFunctions,
    /// AWS KMS, which the other services call on the caller's behalf.
    Kms,
    /// EventBridge, where Step Functions manages the rule a `.sync` integration waits on.
    Events,
    /// API Gateway (`execute-api`), called by `arn:aws:states:::apigateway:invoke`.
    ApiGateway,
}

impl Service {
    /// Every simulated service.
    pub const ALL: [Service; 12] = [
        Service::Sts,
        Service::Ssm,
        Service::SecretsManager,
        Service::DynamoDb,
        Service::Lambda,
        Service::Sqs,
        Service::Sns,
        Service::S3,
        Service::StepFunctions,
        Service::Kms,
        Service::Events,
        Service::ApiGateway,
    ];

    /// The IAM service prefix (`sts`, `ssm`, … `states`), as the report names services.
    pub fn code(self) -> &'static str {
        match self {
            Service::Sts => "sts",
            Service::Ssm => "ssm",
            Service::SecretsManager => "secretsmanager",
            Service::DynamoDb => "dynamodb",
            Service::Lambda => "lambda",
            Service::Sqs => "sqs",
            Service::Sns => "sns",
            Service::S3 => "s3",
            Service::StepFunctions => "states",
            Service::Kms => "kms",
            Service::Events => "events",
            Service::ApiGateway => "execute-api",
        }
    }

    /// What the policy on one of its resources is called (`trust policy` for a role, `queue
    /// policy`, `bucket policy` …); `None` for services whose resources have none (SSM
    /// parameters, state machines).
    pub(crate) fn policy_noun(self) -> Option<&'static str> {
        match self {
            Service::Sts => Some("trust policy"),
            Service::SecretsManager => Some("resource policy"),
            Service::DynamoDb | Service::Lambda => Some("resource-based policy"),
            Service::Sqs => Some("queue policy"),
            Service::ApiGateway => Some("resource policy"),
            Service::Sns => Some("topic policy"),
            Service::S3 => Some("bucket policy"),
            Service::Kms => Some("key policy"),
            Service::Ssm | Service::StepFunctions | Service::Events => None,
        }
    }

    /// The service name in AWS SDK integration errors (`SecretsManager.…`, `Sfn.…`).
    pub fn sdk_name(self) -> &'static str {
        match self {
            Service::Sts => "Sts",
            Service::Ssm => "Ssm",
            Service::SecretsManager => "SecretsManager",
            Service::DynamoDb => "DynamoDb",
            Service::Lambda => "Lambda",
            Service::Sqs => "Sqs",
            Service::Sns => "Sns",
            Service::S3 => "S3",
            Service::StepFunctions => "Sfn",
            Service::Kms => "Kms",
            Service::Events => "EventBridge",
            Service::ApiGateway => "ApiGateway",
        }
    }

    /// The service name in optimized integration errors (`DynamoDB.…`, `StepFunctions.…`).
    pub fn optimized_name(self) -> &'static str {
        match self {
            Service::DynamoDb => "DynamoDB",
            Service::Sqs => "SQS",
            Service::Sns => "SNS",
            Service::StepFunctions => "StepFunctions",
            other => other.sdk_name(),
        }
    }

    /// The error an optimized integration raises for an access denial (the SDK's generic
    /// service exception, as the Java SDK names it).
    pub fn optimized_denied(self) -> String {
        match self {
            Service::Lambda => "Lambda.AWSLambdaException".into(),
            Service::DynamoDb => "DynamoDB.AmazonDynamoDBException".into(),
            Service::Sqs => "SQS.AmazonSQSException".into(),
            Service::Sns => "SNS.AuthorizationErrorException".into(),
            Service::StepFunctions => "StepFunctions.AWSStepFunctionsException".into(),
            other => format!("{0}.{0}Exception", other.sdk_name()),
        }
    }
}

impl Serialize for Service {
    /// As its [`Service::code`].
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Service {
    /// Reads its [`Service::code`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::code::from_code(deserializer, &Service::ALL, Service::code, "service")
    }
}

/// How the Task reaches the service; it decides error names and response shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `arn:aws:states:::aws-sdk:…`.
    Sdk,
    /// `arn:aws:states:::SERVICE:ACTION`.
    Optimized,
    /// A Lambda function ARN as the resource.
    LambdaArn,
}

/// Request-response or run-a-job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    RequestResponse,
    /// `.sync`: wait, output as a string.
    Sync,
    /// `.sync:2`: wait, output as JSON.
    Sync2,
    /// `.waitForTaskToken`: make the call, then wait for `SendTask*` with the token.
    Callback,
}

/// A resolved Task resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub service: Service,
    /// The API name, e.g. `GetSecretValue`.
    pub api: &'static str,
    pub style: Style,
    pub pattern: Pattern,
}

/// `(service, SDK action, API, IAM action)` for every simulated API.
const APIS: [(Service, &str, &str, &str); 29] = [
    (Service::Sts, "assumeRole", "AssumeRole", "sts:AssumeRole"),
    (
        Service::Sts,
        "getCallerIdentity",
        "GetCallerIdentity",
        "sts:GetCallerIdentity",
    ),
    (
        Service::Ssm,
        "getParameter",
        "GetParameter",
        "ssm:GetParameter",
    ),
    (
        Service::Ssm,
        "getParameters",
        "GetParameters",
        "ssm:GetParameters",
    ),
    (
        Service::SecretsManager,
        "getSecretValue",
        "GetSecretValue",
        "secretsmanager:GetSecretValue",
    ),
    (Service::DynamoDb, "getItem", "GetItem", "dynamodb:GetItem"),
    (Service::DynamoDb, "putItem", "PutItem", "dynamodb:PutItem"),
    (
        Service::DynamoDb,
        "updateItem",
        "UpdateItem",
        "dynamodb:UpdateItem",
    ),
    (
        Service::DynamoDb,
        "deleteItem",
        "DeleteItem",
        "dynamodb:DeleteItem",
    ),
    (Service::DynamoDb, "query", "Query", "dynamodb:Query"),
    (Service::Lambda, "invoke", "Invoke", "lambda:InvokeFunction"),
    (
        Service::Sqs,
        "sendMessage",
        "SendMessage",
        "sqs:SendMessage",
    ),
    (Service::Sns, "publish", "Publish", "sns:Publish"),
    (Service::S3, "getObject", "GetObject", "s3:GetObject"),
    (Service::S3, "putObject", "PutObject", "s3:PutObject"),
    (
        Service::S3,
        "listObjectsV2",
        "ListObjectsV2",
        "s3:ListBucket",
    ),
    (
        Service::StepFunctions,
        "startExecution",
        "StartExecution",
        "states:StartExecution",
    ),
    (
        Service::StepFunctions,
        "startSyncExecution",
        "StartSyncExecution",
        "states:StartSyncExecution",
    ),
    (
        Service::StepFunctions,
        "describeExecution",
        "DescribeExecution",
        "states:DescribeExecution",
    ),
    (
        Service::StepFunctions,
        "sendTaskSuccess",
        "SendTaskSuccess",
        "states:SendTaskSuccess",
    ),
    (
        Service::StepFunctions,
        "sendTaskFailure",
        "SendTaskFailure",
        "states:SendTaskFailure",
    ),
    (
        Service::StepFunctions,
        "sendTaskHeartbeat",
        "SendTaskHeartbeat",
        "states:SendTaskHeartbeat",
    ),
    (
        Service::StepFunctions,
        "getActivityTask",
        "GetActivityTask",
        "states:GetActivityTask",
    ),
    (Service::Kms, "decrypt", "Decrypt", "kms:Decrypt"),
    (
        Service::Kms,
        "generateDataKey",
        "GenerateDataKey",
        "kms:GenerateDataKey",
    ),
    (
        Service::Events,
        "putTargets",
        "PutTargets",
        "events:PutTargets",
    ),
    (Service::Events, "putRule", "PutRule", "events:PutRule"),
    (
        Service::Events,
        "describeRule",
        "DescribeRule",
        "events:DescribeRule",
    ),
    (
        Service::ApiGateway,
        "invoke",
        "Invoke",
        "execute-api:Invoke",
    ),
];

/// A simulated API's name (`GetSecretValue` …) as the table holds it, if it is one.
pub fn known_api(name: &str) -> Option<&'static str> {
    APIS.iter()
        .find(|(_, _, a, _)| *a == name)
        .map(|(_, _, a, _)| *a)
}

/// A simulated API's IAM action (`secretsmanager:GetSecretValue` …) as the table holds
/// it, if it is one.
pub fn known_action(name: &str) -> Option<&'static str> {
    APIS.iter().find(|(.., a)| *a == name).map(|(.., a)| *a)
}

/// The IAM action of every simulated API (`sts:AssumeRole`, `ssm:GetParameter` …), in
/// the table's order, each once.
pub fn simulated_actions() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (.., action) in APIS.iter() {
        if !out.contains(action) {
            out.push(action);
        }
    }
    out
}

/// The IAM action of an API.
pub fn iam_action(service: Service, api: &str) -> &'static str {
    APIS.iter()
        .find(|(s, _, a, _)| *s == service && *a == api)
        .map_or("", |(_, _, _, action)| action)
}

fn sdk_service(name: &str) -> Option<Service> {
    Some(match name {
        "sts" => Service::Sts,
        "ssm" => Service::Ssm,
        "secretsmanager" => Service::SecretsManager,
        "dynamodb" => Service::DynamoDb,
        "lambda" => Service::Lambda,
        "sqs" => Service::Sqs,
        "sns" => Service::Sns,
        "s3" => Service::S3,
        "sfn" => Service::StepFunctions,
        _ => return None,
    })
}

fn api(service: Service, action: &str) -> Option<&'static str> {
    APIS.iter()
        .find(|(s, a, _, _)| *s == service && *a == action)
        .map(|(_, _, api, _)| *api)
}

/// Resolves a Task `Resource`; `None` when the playground does not simulate it.
pub fn resolve(resource: &str) -> Option<Target> {
    let request = |service, api| Target {
        service,
        api,
        style: Style::Optimized,
        pattern: Pattern::RequestResponse,
    };
    if let Some(rest) = resource.strip_prefix("arn:aws:states:::") {
        if let Some(sdk) = rest.strip_prefix("aws-sdk:") {
            let (service, action) = sdk.split_once(':')?;
            let service = sdk_service(service)?;
            return Some(Target {
                style: Style::Sdk,
                ..request(service, api(service, action)?)
            });
        }
        if let Some(call) = rest.strip_suffix(".waitForTaskToken") {
            let target = match call {
                "lambda:invoke" => request(Service::Lambda, "Invoke"),
                "sqs:sendMessage" => request(Service::Sqs, "SendMessage"),
                "sns:publish" => request(Service::Sns, "Publish"),
                "states:startExecution" => request(Service::StepFunctions, "StartExecution"),
                _ => return None,
            };
            return Some(Target {
                pattern: Pattern::Callback,
                ..target
            });
        }
        return Some(match rest {
            "lambda:invoke" => request(Service::Lambda, "Invoke"),
            "dynamodb:getItem" => request(Service::DynamoDb, "GetItem"),
            "dynamodb:putItem" => request(Service::DynamoDb, "PutItem"),
            "dynamodb:updateItem" => request(Service::DynamoDb, "UpdateItem"),
            "dynamodb:deleteItem" => request(Service::DynamoDb, "DeleteItem"),
            "sqs:sendMessage" => request(Service::Sqs, "SendMessage"),
            "sns:publish" => request(Service::Sns, "Publish"),
            "apigateway:invoke" => request(Service::ApiGateway, "Invoke"),
            "states:startExecution" => request(Service::StepFunctions, "StartExecution"),
            "states:startExecution.sync" => Target {
                pattern: Pattern::Sync,
                ..request(Service::StepFunctions, "StartExecution")
            },
            "states:startExecution.sync:2" => Target {
                pattern: Pattern::Sync2,
                ..request(Service::StepFunctions, "StartExecution")
            },
            _ => return None,
        });
    }
    let arn = Arn::parse(resource)?;
    (arn.service == "lambda" && arn.resource_named("function").is_some()).then_some(Target {
        style: Style::LambdaArn,
        ..request(Service::Lambda, "Invoke")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_the_three_styles() {
        let t = resolve("arn:aws:states:::aws-sdk:secretsmanager:getSecretValue").unwrap();
        assert_eq!(
            (t.service, t.api, t.style),
            (Service::SecretsManager, "GetSecretValue", Style::Sdk)
        );
        let t = resolve("arn:aws:states:::states:startExecution.sync:2").unwrap();
        assert_eq!(t.pattern, Pattern::Sync2);
        let t = resolve("arn:aws:states:::sqs:sendMessage.waitForTaskToken").unwrap();
        assert_eq!((t.api, t.pattern), ("SendMessage", Pattern::Callback));
        assert!(resolve("arn:aws:states:::dynamodb:getItem.waitForTaskToken").is_none());
        let t = resolve("arn:aws:lambda:us-east-1:111111111111:function:f").unwrap();
        assert_eq!(t.style, Style::LambdaArn);
        assert!(resolve("arn:aws:states:::aws-sdk:ec2:describeInstances").is_none());
        let t = resolve("arn:aws:states:::apigateway:invoke").unwrap();
        assert_eq!(
            (t.service, iam_action(t.service, t.api)),
            (Service::ApiGateway, "execute-api:Invoke")
        );
        assert!(resolve("arn:aws:states:::apigateway:invoke.sync").is_none());
        assert_eq!(
            iam_action(Service::Lambda, "Invoke"),
            "lambda:InvokeFunction"
        );
        assert_eq!(known_api("Invoke"), Some("Invoke"));
        assert_eq!(
            known_action("lambda:InvokeFunction"),
            Some("lambda:InvokeFunction")
        );
        assert_eq!(known_action("Invoke"), None);
        for service in Service::ALL {
            let json = serde_json::to_value(service).unwrap();
            assert_eq!(serde_json::from_value::<Service>(json).unwrap(), service);
        }
    }
}
