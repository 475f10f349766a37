//! SAM policy templates: the named policies `AWS::Serverless::Function` and
//! `AWS::Serverless::StateMachine` accept in `Policies`, expanded into the statements SAM
//! writes (AWS SAM Developer Guide, "AWS SAM policy template list",
//! <https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html>).

use serde_json::{json, Value};

/// The statements of policy template `name` with its parameters, in `region` and `account`;
/// `None` for a template the playground does not know, or a parameter it lacks.
pub(crate) fn expand(name: &str, params: &Value, region: &str, account: &str) -> Option<Value> {
    let param = |key: &str| params.get(key).and_then(Value::as_str).map(str::to_string);
    let table = |actions: &[&str]| -> Option<Value> {
        let t = param("TableName")?;
        Some(json!([{
            "Effect": "Allow",
            "Action": actions,
            "Resource": [
                format!("arn:aws:dynamodb:{region}:{account}:table/{t}"),
                format!("arn:aws:dynamodb:{region}:{account}:table/{t}/index/*")
            ]
        }]))
    };
    let bucket = |actions: &[&str]| -> Option<Value> {
        let b = param("BucketName")?;
        Some(json!([{
            "Effect": "Allow",
            "Action": actions,
            "Resource": [format!("arn:aws:s3:::{b}"), format!("arn:aws:s3:::{b}/*")]
        }]))
    };
    let statements = match name {
        "SSMParameterReadPolicy" | "SSMParameterWithSlashPrefixReadPolicy" => {
            let p = param("ParameterName")?;
            let p = p.strip_prefix('/').unwrap_or(&p).to_string();
            json!([
                {"Effect": "Allow", "Action": ["ssm:DescribeParameters"], "Resource": "*"},
                {
                    "Effect": "Allow",
                    "Action": ["ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"],
                    "Resource": format!("arn:aws:ssm:{region}:{account}:parameter/{p}")
                }
            ])
        }
        "DynamoDBReadPolicy" => table(&[
            "dynamodb:GetItem",
            "dynamodb:Scan",
            "dynamodb:Query",
            "dynamodb:BatchGetItem",
            "dynamodb:DescribeTable",
        ])?,
        "DynamoDBWritePolicy" => table(&[
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem",
        ])?,
        "DynamoDBCrudPolicy" => table(&[
            "dynamodb:GetItem",
            "dynamodb:DeleteItem",
            "dynamodb:PutItem",
            "dynamodb:Scan",
            "dynamodb:Query",
            "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:BatchGetItem",
            "dynamodb:DescribeTable",
            "dynamodb:ConditionCheckItem",
        ])?,
        "KMSDecryptPolicy" | "KMSEncryptPolicy" => {
            let k = param("KeyId")?;
            let action = if name == "KMSDecryptPolicy" {
                "kms:Decrypt"
            } else {
                "kms:Encrypt"
            };
            json!([{
                "Action": action,
                "Effect": "Allow",
                "Resource": format!("arn:aws:kms:{region}:{account}:key/{k}")
            }])
        }
        "LambdaInvokePolicy" => {
            let f = param("FunctionName")?;
            json!([{
                "Effect": "Allow",
                "Action": ["lambda:InvokeFunction"],
                "Resource": format!("arn:aws:lambda:{region}:{account}:function:{f}*")
            }])
        }
        "StepFunctionsExecutionPolicy" => {
            let m = param("StateMachineName")?;
            json!([{
                "Effect": "Allow",
                "Action": ["states:StartExecution"],
                "Resource": format!("arn:aws:states:{region}:{account}:stateMachine:{m}")
            }])
        }
        "AWSSecretsManagerGetSecretValuePolicy" => {
            let s = param("SecretArn")?;
            json!([{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": s}])
        }
        "SQSSendMessagePolicy" => {
            let q = param("QueueName")?;
            json!([{
                "Effect": "Allow",
                "Action": ["sqs:SendMessage*"],
                "Resource": format!("arn:aws:sqs:{region}:{account}:{q}")
            }])
        }
        "SNSPublishMessagePolicy" => {
            let t = param("TopicName")?;
            json!([{
                "Effect": "Allow",
                "Action": ["sns:Publish"],
                "Resource": format!("arn:aws:sns:{region}:{account}:{t}")
            }])
        }
        "S3ReadPolicy" => bucket(&[
            "s3:GetObject",
            "s3:ListBucket",
            "s3:GetBucketLocation",
            "s3:GetObjectVersion",
            "s3:GetLifecycleConfiguration",
        ])?,
        "S3WritePolicy" => bucket(&[
            "s3:PutObject",
            "s3:PutObjectAcl",
            "s3:PutLifecycleConfiguration",
        ])?,
        "S3CrudPolicy" => bucket(&[
            "s3:GetObject",
            "s3:ListBucket",
            "s3:GetBucketLocation",
            "s3:GetObjectVersion",
            "s3:PutObject",
            "s3:PutObjectAcl",
            "s3:GetLifecycleConfiguration",
            "s3:PutLifecycleConfiguration",
            "s3:DeleteObject",
        ])?,
        _ => return None,
    };
    Some(json!({"Version": "2012-10-17", "Statement": statements}))
}
