//! Each resource type's name property and the values `Ref` and `Fn::GetAtt` return for it
//! (the "Return values" section of each type's page in the CloudFormation Template
//! Reference).

use crate::context::{Context, Physical};
use serde_json::{Map, Value};

/// A resource type the playground knows the values of: its name property, the length
/// limit of a generated name, and whether names are lower-case.
struct Kind {
    name_property: &'static str,
    max: usize,
    lower: bool,
}

fn kind(type_: &str) -> Option<Kind> {
    let k = |name_property, max, lower| {
        Some(Kind {
            name_property,
            max,
            lower,
        })
    };
    match type_ {
        "AWS::IAM::Role" => k("RoleName", 64, false),
        "AWS::IAM::Policy" => k("", 128, false),
        "AWS::IAM::ManagedPolicy" => k("ManagedPolicyName", 128, false),
        "AWS::StepFunctions::StateMachine" => k("StateMachineName", 80, false),
        "AWS::StepFunctions::Activity" => k("Name", 80, false),
        "AWS::Serverless::StateMachine" => k("Name", 80, false),
        "AWS::SSM::Parameter" => k("Name", 2048, false),
        "AWS::SecretsManager::Secret" => k("Name", 512, false),
        "AWS::DynamoDB::Table" => k("TableName", 255, false),
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => k("FunctionName", 64, false),
        "AWS::SQS::Queue" => k("QueueName", 80, false),
        "AWS::SNS::Topic" => k("TopicName", 256, false),
        "AWS::S3::Bucket" => k("BucketName", 63, true),
        "AWS::KMS::Key" | "AWS::Serverless::Api" | "AWS::ApiGateway::RestApi" => k("", 36, true),
        _ => None,
    }
}

/// The name property of `type_` (`RoleName`, `StateMachineName` …), if it has one.
pub(crate) fn name_property(type_: &str) -> Option<&'static str> {
    kind(type_)
        .map(|k| k.name_property)
        .filter(|p| !p.is_empty())
}

/// The physical name of resource `id`: the name given, or the one CloudFormation generates.
pub(crate) fn name(ctx: &Context, type_: &str, id: &str, given: Option<String>) -> Option<String> {
    let k = kind(type_)?;
    if matches!(type_, "AWS::ApiGateway::RestApi" | "AWS::Serverless::Api") {
        // A REST API's id: ten lower-case letters and digits.
        return Some(given.unwrap_or_else(|| {
            crate::names::generated(&ctx.account, &ctx.stack, id, 64, true)
                .rsplit('-')
                .next()
                .unwrap_or_default()
                .chars()
                .take(10)
                .collect()
        }));
    }
    Some(
        given.unwrap_or_else(|| {
            crate::names::generated(&ctx.account, &ctx.stack, id, k.max, k.lower)
        }),
    )
}

/// `Ref` and `Fn::GetAtt` values of resource `id` of `type_` named `name`; `path` is an IAM
/// role's or policy's path.
pub(crate) fn values(ctx: &Context, type_: &str, name: &str, path: &str) -> Physical {
    let (region, account) = (ctx.region.as_str(), ctx.account.as_str());
    let mut attributes = Map::new();
    let mut set = |key: &str, value: String| {
        attributes.insert(key.to_string(), Value::String(value));
    };
    let reference = match type_ {
        "AWS::IAM::Role" => {
            set("Arn", format!("arn:aws:iam::{account}:role{path}{name}"));
            set("RoleId", format!("AROA{}", id_of(ctx, name)));
            name.to_string()
        }
        "AWS::IAM::ManagedPolicy" => {
            let arn = format!("arn:aws:iam::{account}:policy{path}{name}");
            set("PolicyArn", arn.clone());
            arn
        }
        "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
            let arn = format!("arn:aws:states:{region}:{account}:stateMachine:{name}");
            set("Arn", arn.clone());
            set("Name", name.to_string());
            arn
        }
        "AWS::StepFunctions::Activity" => {
            set("Name", name.to_string());
            format!("arn:aws:states:{region}:{account}:activity:{name}")
        }
        "AWS::SSM::Parameter" => name.to_string(),
        "AWS::SecretsManager::Secret" => {
            let arn = sim::secret_arn(region, account, name);
            set("Id", arn.clone());
            arn
        }
        "AWS::DynamoDB::Table" => {
            set(
                "Arn",
                format!("arn:aws:dynamodb:{region}:{account}:table/{name}"),
            );
            name.to_string()
        }
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
            set(
                "Arn",
                format!("arn:aws:lambda:{region}:{account}:function:{name}"),
            );
            name.to_string()
        }
        "AWS::SQS::Queue" => {
            let url = format!("https://sqs.{region}.amazonaws.com/{account}/{name}");
            set("Arn", format!("arn:aws:sqs:{region}:{account}:{name}"));
            set("QueueName", name.to_string());
            set("QueueUrl", url.clone());
            url
        }
        "AWS::SNS::Topic" => {
            let arn = format!("arn:aws:sns:{region}:{account}:{name}");
            set("TopicArn", arn.clone());
            set("TopicName", name.to_string());
            arn
        }
        "AWS::S3::Bucket" => {
            set("Arn", format!("arn:aws:s3:::{name}"));
            set("DomainName", format!("{name}.s3.amazonaws.com"));
            set(
                "RegionalDomainName",
                format!("{name}.s3.{region}.amazonaws.com"),
            );
            name.to_string()
        }
        "AWS::ApiGateway::RestApi" | "AWS::Serverless::Api" => {
            set("RootResourceId", id_of(ctx, name).to_ascii_lowercase());
            name.to_string()
        }
        "AWS::KMS::Key" => {
            set("Arn", format!("arn:aws:kms:{region}:{account}:key/{name}"));
            set("KeyId", name.to_string());
            name.to_string()
        }
        _ => name.to_string(),
    };
    Physical {
        reference: Value::String(reference),
        attributes,
    }
}

/// Sixteen upper-case letters and digits derived from a name, for unique ids.
fn id_of(ctx: &Context, name: &str) -> String {
    crate::names::generated(&ctx.account, "", name, 16, false)
        .rsplit('-')
        .next()
        .unwrap_or_default()
        .to_string()
}
