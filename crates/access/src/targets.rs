//! The scenario's resources as the analysis sees them: ARN, owner, type, and the policy
//! on the resource (a role's trust policy, a resource-based policy).

use iam::NamedPolicy;
use sim::Scenario;

/// What kind of resource: its Access Analyzer type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Role,
    StateMachine,
    Parameter,
    Secret,
    Table,
    Function,
    Queue,
    Topic,
    Bucket,
    Object,
    /// A REST API method on a stage (IAM Access Analyzer does not analyse API Gateway:
    /// the playground reports its resource policy's grants all the same).
    ApiMethod,
}

impl Kind {
    /// The resource type as Access Analyzer and CloudFormation name it.
    pub(crate) fn resource_type(self) -> &'static str {
        match self {
            Kind::Role => "AWS::IAM::Role",
            Kind::StateMachine => "AWS::StepFunctions::StateMachine",
            Kind::Parameter => "AWS::SSM::Parameter",
            Kind::Secret => "AWS::SecretsManager::Secret",
            Kind::Table => "AWS::DynamoDB::Table",
            Kind::Function => "AWS::Lambda::Function",
            Kind::Queue => "AWS::SQS::Queue",
            Kind::Topic => "AWS::SNS::Topic",
            Kind::Bucket => "AWS::S3::Bucket",
            Kind::Object => "AWS::S3::Object",
            Kind::ApiMethod => "AWS::ApiGateway::RestApi",
        }
    }
}

/// One resource.
pub(crate) struct Target<'s> {
    pub(crate) arn: String,
    /// The account that owns it.
    pub(crate) account: String,
    pub(crate) kind: Kind,
    /// For a role, its name.
    pub(crate) role: Option<&'s str>,
    /// Its trust or resource-based policy.
    pub(crate) policy: Option<&'s NamedPolicy>,
}

/// Every resource of the scenario, account by account, in the order of
/// [`sim::resources`]: roles, state machines, parameters, secrets, tables, functions,
/// queues, topics, buckets with their objects, REST API methods.
pub(crate) fn targets(scenario: &Scenario) -> Vec<Target<'_>> {
    let region = &scenario.region;
    let arns = sim::resources(scenario);
    let mut out = Vec::new();
    for (id, a) in &scenario.accounts {
        let mut add = |arn: String, kind, role, policy| {
            out.push(Target {
                arn,
                account: id.clone(),
                kind,
                role,
                policy,
            })
        };
        for (name, role) in &a.roles {
            let arn = format!("arn:aws:iam::{id}:role/{name}");
            add(
                arn,
                Kind::Role,
                Some(name.as_str()),
                Some(&role.trust_policy),
            );
        }
        for name in a.state_machines.keys() {
            let arn = format!("arn:aws:states:{region}:{id}:stateMachine:{name}");
            add(arn, Kind::StateMachine, None, None);
        }
        for name in a.ssm_parameters.keys() {
            let name = name.strip_prefix('/').unwrap_or(name);
            let arn = format!("arn:aws:ssm:{region}:{id}:parameter/{name}");
            add(arn, Kind::Parameter, None, None);
        }
        for (name, secret) in &a.secrets {
            // The full ARN ends in six characters Secrets Manager appends: the
            // simulator's listing has it.
            let prefix = format!("arn:aws:secretsmanager:{region}:{id}:secret:{name}-");
            let arn = arns
                .iter()
                .find(|arn| {
                    arn.strip_prefix(&prefix)
                        .is_some_and(|rest| rest.len() == 6)
                })
                .cloned()
                .unwrap_or(prefix);
            add(arn, Kind::Secret, None, secret.resource_policy.as_ref());
        }
        for (name, table) in &a.dynamodb_tables {
            let arn = format!("arn:aws:dynamodb:{region}:{id}:table/{name}");
            add(arn, Kind::Table, None, table.resource_policy.as_ref());
        }
        for (name, function) in &a.lambda_functions {
            let arn = format!("arn:aws:lambda:{region}:{id}:function:{name}");
            add(arn, Kind::Function, None, function.resource_policy.as_ref());
        }
        for (name, queue) in &a.sqs_queues {
            let arn = format!("arn:aws:sqs:{region}:{id}:{name}");
            add(arn, Kind::Queue, None, queue.resource_policy.as_ref());
        }
        for (name, topic) in &a.sns_topics {
            let arn = format!("arn:aws:sns:{region}:{id}:{name}");
            add(arn, Kind::Topic, None, topic.resource_policy.as_ref());
        }
        for (name, bucket) in &a.s3_buckets {
            let policy = bucket.resource_policy.as_ref();
            add(format!("arn:aws:s3:::{name}"), Kind::Bucket, None, policy);
            for key in bucket.objects.keys() {
                add(
                    format!("arn:aws:s3:::{name}/{key}"),
                    Kind::Object,
                    None,
                    policy,
                );
            }
        }
        for (api_id, api) in &a.rest_apis {
            for arn in api.method_arns(region, id, api_id) {
                add(arn, Kind::ApiMethod, None, api.resource_policy.as_ref());
            }
        }
    }
    out
}
