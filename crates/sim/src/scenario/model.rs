//! The scenario model: accounts with their roles, state machines and resources, an
//! optional organization, and the execution to run.

use super::behavior::Behavior;
use iam::NamedPolicy;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A parsed, valid scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The scenario's title.
    pub title: String,
    /// The region every resource is in (`us-east-1` by default).
    pub region: String,
    /// Accounts by id.
    pub accounts: BTreeMap<String, Account>,
    /// The organization the accounts belong to, if any.
    pub organization: Option<Organization>,
    /// The execution to run.
    pub execution: ExecutionSpec,
    /// The scripted answers to Tasks that wait for their token.
    pub callbacks: Vec<super::callbacks::Callback>,
    /// Every policy document, for lint.
    pub(crate) policy_sites: Vec<PolicySite>,
    /// The documents of AWS managed policies, by the pointer of the ARN attaching each.
    pub(crate) managed_documents: BTreeMap<String, Rc<Value>>,
    /// The document it was read from (fixes are edits of it).
    pub(crate) document: Rc<Value>,
}

impl Role {
    /// Its identity policies: the inline ones, then the AWS managed ones.
    pub fn identity_policies(&self) -> impl Iterator<Item = &NamedPolicy> {
        self.policies.iter().chain(&self.managed_policies)
    }
}

/// Where a policy document sits and what it is for.
#[derive(Debug, Clone)]
pub(crate) struct PolicySite {
    pub(crate) pointer: String,
    pub(crate) use_: iam::PolicyUse,
    pub(crate) account: String,
}

/// One AWS account and what it holds.
#[derive(Debug, Clone, Default)]
pub struct Account {
    /// The account alias, if given.
    pub alias: Option<String>,
    /// IAM roles by name.
    pub roles: BTreeMap<String, Role>,
    /// State machines by name.
    pub state_machines: BTreeMap<String, StateMachine>,
    /// SSM parameters by name.
    pub ssm_parameters: BTreeMap<String, Parameter>,
    /// Secrets Manager secrets by name.
    pub secrets: BTreeMap<String, Secret>,
    /// DynamoDB tables by name.
    pub dynamodb_tables: BTreeMap<String, Table>,
    /// Lambda functions by name.
    pub lambda_functions: BTreeMap<String, Function>,
    /// SQS queues by name.
    pub sqs_queues: BTreeMap<String, Queue>,
    /// SNS topics by name.
    pub sns_topics: BTreeMap<String, Topic>,
    /// S3 buckets by name.
    pub s3_buckets: BTreeMap<String, Bucket>,
    /// Customer managed KMS keys by key id.
    pub kms_keys: BTreeMap<String, KmsKey>,
    /// Step Functions activities by name.
    pub activities: BTreeMap<String, super::callbacks::Activity>,
    /// The AWS managed keys its resources name (`alias/aws/secretsmanager` …), by alias.
    pub aws_managed_keys: BTreeMap<String, KmsKey>,
    /// API Gateway REST APIs by API id.
    pub rest_apis: BTreeMap<String, RestApi>,
}

/// An API Gateway REST API: its deployed stages, its methods and its resource policy.
#[derive(Debug, Clone)]
pub struct RestApi {
    /// The API's name.
    pub name: String,
    /// The stages it is deployed to.
    pub stages: Vec<String>,
    /// Its methods, in the order written.
    pub methods: Vec<ApiMethod>,
    /// Its resource policy (`execute-api:Invoke`), if any.
    pub resource_policy: Option<NamedPolicy>,
}

impl RestApi {
    /// The `execute-api:Invoke` ARN of each method on each stage, stage by stage
    /// (`arn:aws:execute-api:REGION:ACCOUNT:ID/STAGE/METHOD/PATH`, `*` for `ANY`).
    pub fn method_arns(&self, region: &str, account: &str, id: &str) -> Vec<String> {
        self.stages
            .iter()
            .flat_map(|stage| {
                self.methods.iter().map(move |m| {
                    let verb = match m.http_method.as_str() {
                        "ANY" => "*",
                        other => other,
                    };
                    crate::arn::execute_api(region, account, id, stage, verb, &m.path)
                })
            })
            .collect()
    }
}

/// One method of a REST API: an HTTP method (or `ANY`) on a resource path.
#[derive(Debug, Clone)]
pub struct ApiMethod {
    /// `GET`, `POST` … or `ANY`.
    pub http_method: String,
    /// The resource path, `/` or `/orders/{id}`.
    pub path: String,
    /// How callers are authorized.
    pub authorization: ApiAuthorization,
    /// What the method calls.
    pub integration: ApiIntegration,
}

/// A method's `authorizationType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiAuthorization {
    /// `NONE`: open, only the resource policy (if any) decides.
    None,
    /// `AWS_IAM`: requests must be signed; IAM decides with the resource policy.
    AwsIam,
}

impl ApiAuthorization {
    /// `"NONE"` or `"AWS_IAM"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiAuthorization::None => "NONE",
            ApiAuthorization::AwsIam => "AWS_IAM",
        }
    }
}

/// What a method's integration calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntegrationTarget {
    /// An AWS service integration calling Step Functions `StartExecution` on a state
    /// machine of the API's account (by name).
    StartExecution(String),
    /// The same with `StartSyncExecution` (Express machines).
    StartSyncExecution(String),
    /// A Lambda proxy integration with a function of the API's account (by name).
    LambdaProxy(String),
}

/// A method's integration: its target and the role API Gateway calls it as.
#[derive(Debug, Clone)]
pub struct ApiIntegration {
    /// What it calls.
    pub target: IntegrationTarget,
    /// The integration's `credentials` role (of the API's account), by name; required for
    /// Step Functions, optional for a Lambda proxy (which then needs the function's
    /// resource policy to allow API Gateway).
    pub credentials_role: Option<String>,
}

/// A KMS key: its key policy and its aliases.
#[derive(Debug, Clone)]
pub struct KmsKey {
    /// The key policy (for an AWS managed key, the policy AWS gives it).
    pub key_policy: NamedPolicy,
    /// Its aliases, each `alias/NAME`.
    pub aliases: Vec<String>,
}

/// An IAM role.
#[derive(Debug, Clone)]
pub struct Role {
    /// The trust policy (`assumeRolePolicyDocument`).
    pub trust_policy: NamedPolicy,
    /// Inline identity policies, by name.
    pub policies: Vec<NamedPolicy>,
    /// AWS managed policies attached by ARN (`managedPolicyArns`), in order.
    pub managed_policies: Vec<NamedPolicy>,
    /// The permissions boundary, if any (a document, or an AWS managed policy's ARN).
    pub permissions_boundary: Option<NamedPolicy>,
    /// Principal tags (`aws:PrincipalTag/KEY` for its sessions).
    pub tags: Vec<(String, String)>,
}

/// Standard or Express.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MachineType {
    /// A Standard workflow.
    Standard,
    /// An Express workflow.
    Express,
}

impl Serialize for MachineType {
    /// As [`MachineType::as_str`].
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MachineType {
    /// Reads [`MachineType::as_str`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::code::from_code(
            deserializer,
            &[MachineType::Standard, MachineType::Express],
            MachineType::as_str,
            "state machine type",
        )
    }
}

impl MachineType {
    /// `"STANDARD"` or `"EXPRESS"`.
    pub fn as_str(self) -> &'static str {
        match self {
            MachineType::Standard => "STANDARD",
            MachineType::Express => "EXPRESS",
        }
    }
}

/// A state machine.
#[derive(Debug, Clone)]
pub struct StateMachine {
    /// Standard or Express.
    pub kind: MachineType,
    /// Its execution role, in the same account.
    pub role_name: String,
    /// The Amazon States Language definition, parsed.
    pub definition: Rc<asl::Definition>,
}

/// An SSM parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// The parameter's value.
    pub value: String,
    /// `String`, `StringList` or `SecureString`.
    pub kind: String,
    /// The parameter's version (1 unless given).
    pub version: u64,
    /// The KMS key a SecureString is encrypted with (key id, key or alias ARN, or alias).
    pub kms_key_id: Option<String>,
}

/// A Secrets Manager secret.
#[derive(Debug, Clone)]
pub struct Secret {
    /// The `SecretString`, if any.
    pub secret_string: Option<String>,
    /// Its resource-based policy, if any.
    pub resource_policy: Option<NamedPolicy>,
    /// The KMS key it is encrypted with (key id, key or alias ARN, or alias).
    pub kms_key_id: Option<String>,
}

/// A DynamoDB table; items are in DynamoDB JSON (`{"id": {"S": "a"}}`).
#[derive(Debug, Clone)]
pub struct Table {
    /// The partition key's attribute name.
    pub partition_key: String,
    /// The sort key's attribute name, if any.
    pub sort_key: Option<String>,
    /// The initial items.
    pub items: Vec<Map<String, Value>>,
    /// Its resource-based policy, if any.
    pub resource_policy: Option<NamedPolicy>,
}

/// A Lambda function: what it does, the role it runs as, its resource policy.
#[derive(Debug, Clone)]
pub struct Function {
    /// What the function does when invoked.
    pub behavior: Behavior,
    /// The function's execution role (needed when its behaviour calls AWS).
    pub role_name: Option<String>,
    /// Its resource-based policy, if any.
    pub resource_policy: Option<NamedPolicy>,
}

/// An SQS queue.
#[derive(Debug, Clone)]
pub struct Queue {
    /// Its resource-based policy, if any.
    pub resource_policy: Option<NamedPolicy>,
    /// The KMS key its messages are encrypted with (key id, key or alias ARN, or alias).
    pub kms_key_id: Option<String>,
}

/// An SNS topic.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Its resource-based policy, if any.
    pub resource_policy: Option<NamedPolicy>,
    /// The KMS key its messages are encrypted with (key id, key or alias ARN, or alias).
    pub kms_key_id: Option<String>,
}

/// An S3 bucket with its objects (key to body text).
#[derive(Debug, Clone)]
pub struct Bucket {
    /// Object bodies by key.
    pub objects: BTreeMap<String, String>,
    /// Its resource-based policy, if any.
    pub resource_policy: Option<NamedPolicy>,
}

/// The organization the accounts belong to, with its SCPs and RCPs.
#[derive(Debug, Clone)]
pub struct Organization {
    /// `aws:PrincipalOrgID` of its members.
    pub id: String,
    /// Member accounts (all of the scenario's when not given).
    pub accounts: Vec<String>,
    /// Its service control policies.
    pub service_control_policies: Vec<NamedPolicy>,
    /// Its resource control policies.
    pub resource_control_policies: Vec<NamedPolicy>,
}

impl Organization {
    /// Whether `account` is a member.
    pub fn contains(&self, account: &str) -> bool {
        self.accounts.iter().any(|a| a == account)
    }
}

/// The execution to run.
#[derive(Debug, Clone)]
pub struct ExecutionSpec {
    /// The ARN of the state machine to start.
    pub state_machine_arn: String,
    /// The account of that state machine.
    pub account: String,
    /// The state machine's name.
    pub machine_name: String,
    /// The execution input.
    pub input: Value,
    /// The execution name, if given.
    pub name: Option<String>,
}

impl Scenario {
    /// The account with this id.
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.get(id)
    }

    /// The role `name` of `account`.
    pub fn role(&self, account: &str, name: &str) -> Option<&Role> {
        self.accounts.get(account)?.roles.get(name)
    }

    /// The state machine whose ARN is `arn` (in the scenario's region): its account, its
    /// name and the machine.
    pub fn state_machine_at(&self, arn: &str) -> Option<(&str, &str, &StateMachine)> {
        self.accounts.iter().find_map(|(id, account)| {
            account.state_machines.iter().find_map(|(name, machine)| {
                (crate::arn::state_machine(&self.region, id, name) == arn).then_some((
                    id.as_str(),
                    name.as_str(),
                    machine,
                ))
            })
        })
    }

    /// The definition of the state machine whose ARN is `arn`, as the document holds it
    /// (keys in their order), as indented JSON text.
    pub fn definition_text(&self, arn: &str) -> Option<String> {
        let (account, name, _) = self.state_machine_at(arn)?;
        let definition = self
            .document
            .get("accounts")?
            .get(account)?
            .get("stateMachines")?
            .get(name)?
            .get("definition")?;
        serde_json::to_string_pretty(definition).ok()
    }

    /// The document the scenario was read from, keys in their written order (the
    /// pointers of policies and fixes point into it).
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// The document of `policy`: where its pointer points in [`Scenario::document`], or,
    /// for an AWS managed policy, the catalog's document.
    pub fn policy_document(&self, policy: &NamedPolicy) -> Option<&Value> {
        match self.managed_documents.get(&policy.pointer) {
            Some(document) => Some(document),
            None => self.document.pointer(&policy.pointer),
        }
    }

    /// The ARN of every state machine, account by account.
    pub fn state_machine_arns(&self) -> Vec<String> {
        self.accounts
            .iter()
            .flat_map(|(id, account)| {
                account
                    .state_machines
                    .keys()
                    .map(move |name| crate::arn::state_machine(&self.region, id, name))
            })
            .collect()
    }

    /// The trust policy or resource-based policy at `pointer` in the document.
    pub(crate) fn resource_policy_at(&self, pointer: &str) -> Option<&NamedPolicy> {
        self.accounts.values().find_map(|a| {
            let trust = a.roles.values().map(|r| &r.trust_policy);
            let resources = (a.secrets.values().map(|r| &r.resource_policy))
                .chain(a.dynamodb_tables.values().map(|r| &r.resource_policy))
                .chain(a.lambda_functions.values().map(|r| &r.resource_policy))
                .chain(a.sqs_queues.values().map(|r| &r.resource_policy))
                .chain(a.sns_topics.values().map(|r| &r.resource_policy))
                .chain(a.s3_buckets.values().map(|r| &r.resource_policy))
                .chain(a.rest_apis.values().map(|r| &r.resource_policy))
                .flatten();
            let keys = a.kms_keys.values().map(|k| &k.key_policy);
            trust
                .chain(resources)
                .chain(keys)
                .find(|p| p.pointer == pointer)
        })
    }
}
