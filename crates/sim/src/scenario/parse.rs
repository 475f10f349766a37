//! Reading a whole scenario: the top level, accounts, roles, state machines, the
//! organization and the execution, then the references between them.

use super::behavior::Behavior;
use super::kms;
use super::model::{
    Account, ExecutionSpec, IntegrationTarget, MachineType, Organization, PolicySite, Role,
    Scenario, StateMachine,
};
use super::names::NameRule;
use super::reader::Reader;
use super::resources::{self, Ctx};
use super::rest_api;
use crate::arn::{is_account_id, Arn};
use crate::diagnostic::{Code, Diagnostic};
use jsonloc::closest;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

const TOP: [&str; 8] = [
    "scenarioVersion",
    "title",
    "description",
    "region",
    "accounts",
    "organization",
    "execution",
    "callbacks",
];
const ACCOUNT: [&str; 13] = [
    "alias",
    "roles",
    "stateMachines",
    "ssmParameters",
    "secrets",
    "dynamodbTables",
    "lambdaFunctions",
    "sqsQueues",
    "snsTopics",
    "s3Buckets",
    "kmsKeys",
    "activities",
    "restApis",
];

/// Reads the document; the scenario is `None` when it cannot be built at all.
pub(super) fn parse(value: &Value) -> (Option<Scenario>, Vec<Diagnostic>) {
    let mut r = Reader::default();
    let scenario = read(&mut r, value);
    (scenario, r.diags)
}

fn read(r: &mut Reader, value: &Value) -> Option<Scenario> {
    let top = r.object(value, "", &TOP)?;
    match top.get("scenarioVersion") {
        Some(v) if v.as_u64() == Some(1) => {}
        Some(_) => r.error(
            Code::UnsupportedVersion,
            "/scenarioVersion",
            "this playground reads scenarioVersion 1",
        ),
        None => r.error(
            Code::UnsupportedVersion,
            "",
            "missing `scenarioVersion` (1)",
        ),
    }
    let title = r.optional_string(top, "title", "").unwrap_or_default();
    let _ = r.optional_string(top, "description", "");
    let region = r
        .optional_string(top, "region", "")
        .unwrap_or_else(|| "us-east-1".into());
    let mut sites = Vec::new();
    let mut accounts = BTreeMap::new();
    match top.get("accounts") {
        Some(Value::Object(map)) => {
            for (id, v) in map {
                let at = jsonloc::pointer_push("/accounts", id);
                if !is_account_id(id) {
                    r.error(
                        Code::InvalidValue,
                        &at,
                        format!("`{id}` is not an account id (12 digits)"),
                    );
                }
                if let Some(account) = read_account(r, v, &at, id, &region, &mut sites) {
                    accounts.insert(id.clone(), account);
                }
            }
        }
        Some(other) => r.wrong_type(other, "/accounts", "an object of accounts by id"),
        None => r.error(Code::MissingField, "", "missing field `accounts`"),
    }
    let organization = match top.get("organization") {
        None | Some(Value::Null) => None,
        Some(v) => read_organization(r, v, &accounts, &mut sites),
    };
    let execution = match top.get("execution") {
        Some(v) => read_execution(r, v, &accounts),
        None => {
            r.error(Code::MissingField, "", "missing field `execution`");
            None
        }
    };
    let callbacks = super::callbacks::callbacks(r, top);
    check_references(r, &accounts);
    super::callbacks::check_references(r, &accounts, &region, &callbacks);
    Some(Scenario {
        title,
        region,
        accounts,
        organization,
        execution: execution?,
        callbacks,
        policy_sites: sites,
        managed_documents: std::mem::take(&mut r.managed_documents),
        document: Rc::new(value.clone()),
    })
}

fn read_account(
    r: &mut Reader,
    v: &Value,
    at: &str,
    id: &str,
    region: &str,
    sites: &mut Vec<PolicySite>,
) -> Option<Account> {
    let map = r.object(v, at, &ACCOUNT)?;
    let alias = r.optional_string(map, "alias", at);
    let roles = read_roles(r, map, at, id, sites);
    let state_machines = read_machines(r, map, at);
    let ssm_parameters = resources::parameters(r, map, at);
    let mut cx = Ctx { account: id, sites };
    let mut account = Account {
        alias,
        roles,
        state_machines,
        ssm_parameters,
        secrets: resources::secrets(r, &mut cx, map, at),
        dynamodb_tables: resources::tables(r, &mut cx, map, at),
        lambda_functions: resources::functions(r, &mut cx, map, at),
        sqs_queues: resources::queues(r, &mut cx, map, at),
        sns_topics: resources::topics(r, &mut cx, map, at),
        s3_buckets: resources::buckets(r, &mut cx, map, at),
        kms_keys: kms::keys(r, &mut cx, map, at),
        activities: super::callbacks::activities(r, map, at),
        aws_managed_keys: BTreeMap::new(),
        rest_apis: rest_api::rest_apis(r, &mut cx, map, at),
    };
    account.aws_managed_keys = kms::aws_managed_keys(&account, region, id, at);
    Some(account)
}

fn read_roles(
    r: &mut Reader,
    account: &Map<String, Value>,
    at: &str,
    id: &str,
    sites: &mut Vec<PolicySite>,
) -> BTreeMap<String, Role> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "roles", at) {
        r.name(NameRule::IamRole, name, &at);
        let Some(map) = r.object(
            v,
            &at,
            &[
                "assumeRolePolicyDocument",
                "policies",
                "managedPolicyArns",
                "permissionsBoundary",
                "tags",
                "description",
            ],
        ) else {
            continue;
        };
        let _ = r.optional_string(map, "description", &at);
        let mut site = |pointer: &str, use_| {
            sites.push(PolicySite {
                pointer: pointer.to_string(),
                use_,
                account: id.to_string(),
            })
        };
        let trust = match map.get("assumeRolePolicyDocument") {
            Some(doc) => {
                let p = format!("{at}/assumeRolePolicyDocument");
                site(&p, iam::PolicyUse::Trust);
                r.policy(doc, &p, format!("{name}/trust-policy"))
            }
            None => {
                r.error(
                    Code::MissingField,
                    &at,
                    "missing field `assumeRolePolicyDocument` (the role's trust policy)",
                );
                None
            }
        };
        let mut policies = Vec::new();
        for (policy_name, p, doc) in r.named(map, "policies", &at) {
            r.name(NameRule::IamPolicy, policy_name, &p);
            site(&p, iam::PolicyUse::Inline);
            if let Some(policy) = r.policy(doc, &p, format!("{name}/inline:{policy_name}")) {
                policies.push(policy);
            }
        }
        let mut managed_policies = Vec::new();
        match map.get("managedPolicyArns") {
            None | Some(Value::Null) => {}
            Some(Value::Array(arns)) => {
                let list_at = format!("{at}/managedPolicyArns");
                for (i, arn) in arns.iter().enumerate() {
                    let p = jsonloc::pointer_push(&list_at, &i.to_string());
                    if let Some(policy) = r.managed_policy(arn, &p, name) {
                        managed_policies.push(policy);
                    }
                }
            }
            Some(other) => r.wrong_type(
                other,
                &format!("{at}/managedPolicyArns"),
                "an array of AWS managed policy ARNs",
            ),
        }
        let boundary_at = format!("{at}/permissionsBoundary");
        let permissions_boundary = match map.get("permissionsBoundary") {
            Some(arn @ Value::String(_)) => r.managed_policy(arn, &boundary_at, name),
            Some(_) => {
                site(&boundary_at, iam::PolicyUse::Boundary);
                r.optional_policy(
                    map,
                    "permissionsBoundary",
                    &at,
                    format!("{name}/permissions-boundary"),
                )
            }
            None => None,
        };
        let mut tags = Vec::new();
        for (key, p, value) in r.named(map, "tags", &at) {
            if let Some(value) = r.string(value, &p) {
                tags.push((key.to_string(), value));
            }
        }
        if let Some(trust_policy) = trust {
            out.insert(
                name.to_string(),
                Role {
                    trust_policy,
                    policies,
                    managed_policies,
                    permissions_boundary,
                    tags,
                },
            );
        }
    }
    out
}

fn read_machines(
    r: &mut Reader,
    account: &Map<String, Value>,
    at: &str,
) -> BTreeMap<String, StateMachine> {
    let mut out = BTreeMap::new();
    for (name, at, v) in r.named(account, "stateMachines", at) {
        r.name(NameRule::StepFunctions, name, &at);
        let Some(map) = r.object(v, &at, &["type", "roleName", "definition"]) else {
            continue;
        };
        let kind = match r.optional_string(map, "type", &at).as_deref() {
            None | Some("STANDARD") => MachineType::Standard,
            Some("EXPRESS") => MachineType::Express,
            Some(other) => {
                r.error(
                    Code::InvalidValue,
                    &format!("{at}/type"),
                    format!("`{other}` is not a state machine type: use STANDARD or EXPRESS"),
                );
                MachineType::Standard
            }
        };
        let role_name = r.required_string(map, "roleName", &at);
        let definition = match map.get("definition") {
            Some(def @ Value::Object(_)) => match asl::parse_definition(def) {
                Ok(d) => Some(d),
                Err(diags) => {
                    r.diags.extend(diags.into_iter().map(|d| Diagnostic {
                        inner: d.inner,
                        ..Diagnostic::new(
                            Code::Definition(d.code),
                            format!("{at}/definition{}", d.pointer),
                            d.message,
                        )
                    }));
                    None
                }
            },
            Some(other) => {
                r.wrong_type(
                    other,
                    &format!("{at}/definition"),
                    "an Amazon States Language object",
                );
                None
            }
            None => {
                r.error(Code::MissingField, &at, "missing field `definition`");
                None
            }
        };
        if let (Some(role_name), Some(definition)) = (role_name, definition) {
            out.insert(
                name.to_string(),
                StateMachine {
                    kind,
                    role_name,
                    definition: Rc::new(definition),
                },
            );
        }
    }
    out
}

fn read_organization(
    r: &mut Reader,
    v: &Value,
    accounts: &BTreeMap<String, Account>,
    sites: &mut Vec<PolicySite>,
) -> Option<Organization> {
    let at = "/organization";
    let map = r.object(
        v,
        at,
        &[
            "id",
            "accounts",
            "serviceControlPolicies",
            "resourceControlPolicies",
        ],
    )?;
    let id = r
        .optional_string(map, "id", at)
        .unwrap_or_else(|| "o-playground".into());
    let members = match map.get("accounts") {
        None => accounts.keys().cloned().collect(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .filter_map(|(i, a)| r.string(a, &format!("{at}/accounts/{i}")))
            .collect(),
        Some(other) => {
            r.wrong_type(other, &format!("{at}/accounts"), "an array of account ids");
            Vec::new()
        }
    };
    let mut lists = [Vec::new(), Vec::new()];
    for (slot, (key, use_)) in lists.iter_mut().zip([
        ("serviceControlPolicies", iam::PolicyUse::Scp),
        ("resourceControlPolicies", iam::PolicyUse::Rcp),
    ]) {
        let list_at = format!("{at}/{key}");
        let items = match map.get(key) {
            None => continue,
            Some(Value::Array(items)) => items,
            Some(other) => {
                r.wrong_type(other, &list_at, "an array of {\"name\", \"document\"}");
                continue;
            }
        };
        for (i, item) in items.iter().enumerate() {
            let item_at = format!("{list_at}/{i}");
            let Some(entry) = r.object(item, &item_at, &["name", "document"]) else {
                continue;
            };
            let name = r
                .optional_string(entry, "name", &item_at)
                .unwrap_or_else(|| format!("{key}[{i}]"));
            let Some(doc) = entry.get("document") else {
                r.error(Code::MissingField, &item_at, "missing field `document`");
                continue;
            };
            let p = format!("{item_at}/document");
            sites.push(PolicySite {
                pointer: p.clone(),
                use_,
                account: String::new(),
            });
            if let Some(policy) = r.policy(doc, &p, name) {
                slot.push(policy);
            }
        }
    }
    let [service_control_policies, resource_control_policies] = lists;
    Some(Organization {
        id,
        accounts: members,
        service_control_policies,
        resource_control_policies,
    })
}

fn read_execution(
    r: &mut Reader,
    v: &Value,
    accounts: &BTreeMap<String, Account>,
) -> Option<ExecutionSpec> {
    let at = "/execution";
    let map = r.object(v, at, &["stateMachineArn", "input", "name"])?;
    let input = map
        .get("input")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    if asl::payload_size(&input) > asl::MAX_PAYLOAD_BYTES {
        r.error(
            Code::InvalidValue,
            "/execution/input",
            asl::too_long("input", asl::MAX_PAYLOAD_BYTES),
        );
    }
    let name = r.optional_string(map, "name", at);
    if let Some(name) = &name {
        r.name(NameRule::StepFunctions, name, "/execution/name");
    }
    let arn_text = r.required_string(map, "stateMachineArn", at)?;
    let arn_at = format!("{at}/stateMachineArn");
    let (account, machine) = match Arn::parse(&arn_text)
        .and_then(|a| Some((a.account, a.resource_named("stateMachine")?)))
    {
        Some(found) => found,
        None => {
            r.error(
                Code::InvalidArn,
                &arn_at,
                format!("`{arn_text}` is not a state machine ARN (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)"),
            );
            return None;
        }
    };
    let Some(acct) = accounts.get(account) else {
        r.error(
            Code::UnknownReference,
            &arn_at,
            format!("account {account} is not in the scenario"),
        );
        return None;
    };
    if !acct.state_machines.contains_key(machine) {
        let names: Vec<&str> = acct.state_machines.keys().map(String::as_str).collect();
        r.error(
            Code::UnknownReference,
            &arn_at,
            format!(
                "no state machine `{machine}` in account {account}{}",
                hint(machine, &names)
            ),
        );
        return None;
    }
    Some(ExecutionSpec {
        state_machine_arn: arn_text.clone(),
        account: account.to_string(),
        machine_name: machine.to_string(),
        input,
        name,
    })
}

/// "; did you mean `X`?" or the list of known names.
fn hint(name: &str, known: &[&str]) -> String {
    match closest(name, known.iter().copied()) {
        Some(k) => format!("; did you mean `{k}`?"),
        None if known.is_empty() => String::new(),
        None => format!(" (known: {})", known.join(", ")),
    }
}

/// Every `roleName` must name a role of the same account.
fn check_references(r: &mut Reader, accounts: &BTreeMap<String, Account>) {
    for (id, account) in accounts {
        let roles: Vec<&str> = account.roles.keys().map(String::as_str).collect();
        let base = jsonloc::pointer_push("/accounts", id);
        let missing = |r: &mut Reader, role: &str, at: String| {
            if !account.roles.contains_key(role) {
                r.error(
                    Code::UnknownReference,
                    &at,
                    format!("no role `{role}` in account {id}{}", hint(role, &roles)),
                );
            }
        };
        for (name, machine) in &account.state_machines {
            let at = jsonloc::pointer_push(&jsonloc::pointer_push(&base, "stateMachines"), name);
            missing(r, &machine.role_name, format!("{at}/roleName"));
        }
        for (name, function) in &account.lambda_functions {
            let at = jsonloc::pointer_push(&jsonloc::pointer_push(&base, "lambdaFunctions"), name);
            match &function.role_name {
                Some(role) => missing(r, role, format!("{at}/roleName")),
                None if matches!(function.behavior, Behavior::StartSyncExecution { .. }) => r
                    .error(
                        Code::MissingField,
                        &at,
                        "a function that calls AWS needs a `roleName` (its execution role)",
                    ),
                None => {}
            }
        }
        for (id_, api) in &account.rest_apis {
            let api_at = jsonloc::pointer_push(&jsonloc::pointer_push(&base, "restApis"), id_);
            for m in &api.methods {
                let at = jsonloc::pointer_push(
                    &format!("{api_at}/methods"),
                    &format!("{} {}", m.http_method, m.path),
                );
                let at = format!("{at}/integration");
                if let Some(role) = &m.integration.credentials_role {
                    missing(r, role, format!("{at}/credentialsRole"));
                }
                match &m.integration.target {
                    IntegrationTarget::StartExecution(machine)
                    | IntegrationTarget::StartSyncExecution(machine) => {
                        if !account.state_machines.contains_key(machine) {
                            let known: Vec<&str> =
                                account.state_machines.keys().map(String::as_str).collect();
                            r.error(
                                Code::UnknownReference,
                                &format!("{at}/stateMachine"),
                                format!(
                                    "no state machine `{machine}` in account {id}{}",
                                    hint(machine, &known)
                                ),
                            );
                        }
                    }
                    IntegrationTarget::LambdaProxy(function) => {
                        if !account.lambda_functions.contains_key(function) {
                            let known: Vec<&str> = account
                                .lambda_functions
                                .keys()
                                .map(String::as_str)
                                .collect();
                            r.error(
                                Code::UnknownReference,
                                &format!("{at}/function"),
                                format!(
                                    "no Lambda function `{function}` in account {id}{}",
                                    hint(function, &known)
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}
