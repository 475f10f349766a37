//! SAM's own resources expanded as SAM expands them (AWS SAM Developer Guide,
//! "AWS::Serverless::StateMachine" and "AWS::Serverless::Function"): a role generated
//! when `Role` is not given, named `LOGICAL_IDRole`, trusted by the service, with one inline
//! policy per `Policies` entry named `LOGICAL_IDRolePolicyN` (policy templates expanded).

use crate::import::{Importer, Resource};
use crate::unmapped::UnmappedKind;
use serde_json::{json, Map, Value};

impl Importer {
    pub(crate) fn sam_state_machine(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "Name",
                "Events",
                "Logging",
                "Tracing",
                "Tags",
                "RolePath",
                "PropagateTags",
            ],
        );
        if r.properties.contains_key("DefinitionUri") {
            self.consumed.insert((r.id.clone(), "DefinitionUri".into()));
            self.skipped.insert(r.id.clone());
            self.note(&format!("{}/Properties/DefinitionUri", r.pointer), Some(&r.id), UnmappedKind::Skipped, "DefinitionUri: the definition is in a file or in S3, not in the template; paste it as Definition");
            return;
        }
        let substitutions = self.prop(r, "DefinitionSubstitutions");
        let definition = self
            .prop(r, "Definition")
            .map(|d| crate::map::substitute(d, substitutions.as_ref()));
        let role = self.sam_role(r, "states.amazonaws.com");
        let kind = self.prop_str(r, "Type");
        self.machine(r, definition, role, kind);
    }

    pub(crate) fn sam_function(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "FunctionName",
                "CodeUri",
                "InlineCode",
                "Handler",
                "Runtime",
                "Timeout",
                "MemorySize",
                "Architectures",
                "Environment",
                "Description",
                "Events",
                "Tags",
            ],
        );
        let role = self.sam_role(r, "lambda.amazonaws.com");
        if !r.properties.contains_key("Role") {
            self.note(&r.pointer, Some(&r.id), UnmappedKind::Note, "SAM also attaches the AWS managed policy AWSLambdaBasicExecutionRole (CloudWatch Logs) to the generated role: logs are not simulated, so it is left out");
        }
        self.lambda(r, role);
    }

    /// The execution role: `Role` when given, else the role SAM generates (added to the
    /// account), trusted by `service`.
    fn sam_role(&mut self, r: &Resource, service: &str) -> Option<String> {
        if r.properties.contains_key("Role") {
            self.ignore(r, &["Policies"]);
            if r.properties.contains_key("Policies") {
                self.note(
                    &format!("{}/Properties/Policies", r.pointer),
                    Some(&r.id),
                    UnmappedKind::Note,
                    "SAM ignores Policies when Role is given",
                );
            }
            let arn = self.prop_str(r, "Role")?;
            return self.role_name(r, "Role", &arn);
        }
        let role_id = format!("{}Role", r.id);
        let name = self.name_of(&role_id);
        let mut policies = Map::new();
        let mut aws_managed = Vec::new();
        if service == "lambda.amazonaws.com" {
            aws_managed.push(json!(LAMBDA_BASIC_EXECUTION));
        }
        let entries = match self.prop(r, "Policies") {
            Some(Value::Array(items)) => items,
            Some(single) => vec![single],
            None => Vec::new(),
        };
        for (i, entry) in entries.into_iter().enumerate() {
            let pointer = format!("{}/Properties/Policies/{i}", r.pointer);
            let policy_name = format!("{role_id}Policy{i}");
            match entry {
                Value::String(managed) => match aws_managed_arn(&managed) {
                    Some(arn) => aws_managed.push(json!(arn)),
                    None => self.note(&pointer, Some(&r.id), UnmappedKind::Skipped, format!("the managed policy {managed} is not an AWS managed policy, and its document is not in the template")),
                },
                Value::Object(map) if map.contains_key("Statement") => {
                    policies.insert(policy_name, Value::Object(map));
                }
                Value::Object(map) => {
                    let Some((template, params)) = map.iter().next() else { continue };
                    match crate::sam_policies::expand(template, params, &self.ctx.region, &self.ctx.account) {
                        Some(doc) => {
                            policies.insert(policy_name, doc);
                        }
                        None => self.note(&pointer, Some(&r.id), UnmappedKind::Skipped, format!("the policy template {template} is not one the playground expands (or lacks a parameter)")),
                    }
                }
                other => self.note(&pointer, Some(&r.id), UnmappedKind::Skipped, format!("a Policies entry is a managed policy name, a policy template or a document, found {}", crate::intrinsic::kind(&other))),
            }
        }
        let mut role = Map::new();
        role.insert(
            "assumeRolePolicyDocument".into(),
            json!({"Version": "2012-10-17", "Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": [service]}}]}),
        );
        if !policies.is_empty() {
            role.insert("policies".into(), Value::Object(policies));
        }
        if !aws_managed.is_empty() {
            role.insert("managedPolicyArns".into(), Value::Array(aws_managed));
        }
        if let Some(boundary) = self.prop_str(r, "PermissionsBoundary") {
            if iam::is_aws_managed_policy(&boundary) {
                role.insert("permissionsBoundary".into(), json!(boundary));
            } else {
                self.note(
                    &format!("{}/Properties/PermissionsBoundary", r.pointer),
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    format!("the boundary {boundary} is not an AWS managed policy, and its document is not in the template"),
                );
            }
        }
        self.out.roles.insert(name.clone(), Value::Object(role));
        Some(name)
    }
}

/// The managed policy SAM attaches to every role it generates for a function.
const LAMBDA_BASIC_EXECUTION: &str =
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

/// The ARN of an AWS managed policy named in SAM's `Policies`: an ARN as given, or a name
/// (SAM looks names up among AWS managed policies, whatever their path).
fn aws_managed_arn(name: &str) -> Option<String> {
    if iam::is_aws_managed_policy(name) {
        return Some(name.to_string());
    }
    iam::managed_policies()?
        .policies()
        .iter()
        .find(|p| p.name.rsplit('/').next() == Some(name))
        .map(iam::ManagedPolicy::arn)
}
