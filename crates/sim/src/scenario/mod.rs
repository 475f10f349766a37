//! The scenario format, version 1: accounts with their roles, state machines and resources,
//! an optional organization, and the execution to run. See `docs/scenario-format.md`.

mod behavior;
mod parse;
mod reader;
mod resources;

use crate::diagnostic::{locate_all, Code, Diagnostic, Severity};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

pub use behavior::{Behavior, Step};
pub use iam::NamedPolicy;

/// A parsed, valid scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub title: String,
    pub region: String,
    /// Accounts by id.
    pub accounts: BTreeMap<String, Account>,
    pub organization: Option<Organization>,
    pub execution: ExecutionSpec,
    /// Every policy document, for lint.
    pub(crate) policy_sites: Vec<PolicySite>,
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
    pub alias: Option<String>,
    pub roles: BTreeMap<String, Role>,
    pub state_machines: BTreeMap<String, StateMachine>,
    pub ssm_parameters: BTreeMap<String, Parameter>,
    pub secrets: BTreeMap<String, Secret>,
    pub dynamodb_tables: BTreeMap<String, Table>,
    pub lambda_functions: BTreeMap<String, Function>,
    pub sqs_queues: BTreeMap<String, Queue>,
    pub sns_topics: BTreeMap<String, Topic>,
    pub s3_buckets: BTreeMap<String, Bucket>,
}

/// An IAM role.
#[derive(Debug, Clone)]
pub struct Role {
    /// The trust policy (`assumeRolePolicyDocument`).
    pub trust_policy: NamedPolicy,
    /// Inline identity policies, by name.
    pub policies: Vec<NamedPolicy>,
    pub permissions_boundary: Option<NamedPolicy>,
    /// Principal tags (`aws:PrincipalTag/KEY` for its sessions).
    pub tags: Vec<(String, String)>,
}

/// Standard or Express.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MachineType {
    Standard,
    Express,
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
    pub kind: MachineType,
    /// Its execution role, in the same account.
    pub role_name: String,
    pub definition: Rc<asl::Definition>,
}

/// An SSM parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    pub value: String,
    /// `String`, `StringList` or `SecureString`.
    pub kind: String,
    pub version: u64,
}

/// A Secrets Manager secret.
#[derive(Debug, Clone)]
pub struct Secret {
    pub secret_string: Option<String>,
    pub resource_policy: Option<NamedPolicy>,
}

/// A DynamoDB table; items are in DynamoDB JSON (`{"id": {"S": "a"}}`).
#[derive(Debug, Clone)]
pub struct Table {
    pub partition_key: String,
    pub sort_key: Option<String>,
    pub items: Vec<Map<String, Value>>,
    pub resource_policy: Option<NamedPolicy>,
}

/// A Lambda function: what it does, the role it runs as, its resource policy.
#[derive(Debug, Clone)]
pub struct Function {
    pub behavior: Behavior,
    /// The function's execution role (needed when its behaviour calls AWS).
    pub role_name: Option<String>,
    pub resource_policy: Option<NamedPolicy>,
}

/// An SQS queue.
#[derive(Debug, Clone)]
pub struct Queue {
    pub resource_policy: Option<NamedPolicy>,
}

/// An SNS topic.
#[derive(Debug, Clone)]
pub struct Topic {
    pub resource_policy: Option<NamedPolicy>,
}

/// An S3 bucket with its objects (key to body text).
#[derive(Debug, Clone)]
pub struct Bucket {
    pub objects: BTreeMap<String, String>,
    pub resource_policy: Option<NamedPolicy>,
}

/// The organization the accounts belong to, with its SCPs and RCPs.
#[derive(Debug, Clone)]
pub struct Organization {
    /// `aws:PrincipalOrgID` of its members.
    pub id: String,
    /// Member accounts (all of the scenario's when not given).
    pub accounts: Vec<String>,
    pub service_control_policies: Vec<NamedPolicy>,
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
    pub state_machine_arn: String,
    pub account: String,
    pub machine_name: String,
    pub input: Value,
    pub name: Option<String>,
}

impl Scenario {
    /// Parses scenario text: every error, each with a pointer and line:column.
    pub fn parse_text(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        let value = jsonloc::parse(text).map_err(|e| {
            vec![Diagnostic {
                position: Some(e.position),
                ..Diagnostic::error(Code::InvalidJson, "", e.message)
            }]
        })?;
        Scenario::from_value(&value).map_err(|mut diags| {
            locate_all(text, &mut diags);
            diags
        })
    }

    /// Parses a scenario document: every error, each with a pointer into it.
    pub fn from_value(value: &Value) -> Result<Scenario, Vec<Diagnostic>> {
        let (scenario, diags) = parse::parse(value);
        let errors: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match scenario {
            Some(s) if errors.is_empty() => Ok(s),
            _ => Err(errors),
        }
    }

    /// The account with this id.
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.get(id)
    }

    /// The role `name` of `account`.
    pub fn role(&self, account: &str, name: &str) -> Option<&Role> {
        self.accounts.get(account)?.roles.get(name)
    }
}

/// Every problem of a scenario document, errors and warnings (without lint).
pub(crate) fn check(value: &Value) -> (Option<Scenario>, Vec<Diagnostic>) {
    parse::parse(value)
}
