//! Resources mapped into the scenario's account, type by type (the CloudFormation Template
//! Reference page of each type says what its properties mean).

use crate::import::{Importer, Resource};
use crate::unmapped::UnmappedKind;
use serde_json::{json, Map, Value};

/// Whether the playground maps resources of `type_` (their unread properties are listed).
pub(crate) fn is_mapped(type_: &str) -> bool {
    matches!(
        type_,
        "AWS::IAM::Role"
            | "AWS::IAM::Policy"
            | "AWS::IAM::ManagedPolicy"
            | "AWS::StepFunctions::StateMachine"
            | "AWS::StepFunctions::Activity"
            | "AWS::Serverless::StateMachine"
            | "AWS::SSM::Parameter"
            | "AWS::SecretsManager::Secret"
            | "AWS::SecretsManager::ResourcePolicy"
            | "AWS::DynamoDB::Table"
            | "AWS::Lambda::Function"
            | "AWS::Lambda::Permission"
            | "AWS::Serverless::Function"
            | "AWS::SQS::Queue"
            | "AWS::SQS::QueuePolicy"
            | "AWS::SNS::Topic"
            | "AWS::SNS::TopicPolicy"
            | "AWS::S3::Bucket"
            | "AWS::S3::BucketPolicy"
            | "AWS::KMS::Key"
            | "AWS::KMS::Alias"
            | "AWS::Organizations::Policy"
            | "AWS::ApiGateway::RestApi"
            | "AWS::ApiGateway::Resource"
            | "AWS::ApiGateway::Method"
            | "AWS::ApiGateway::Stage"
            | "AWS::ApiGateway::Deployment"
            | "AWS::Serverless::Api"
    )
}

/// A policy document: an object, or JSON text CloudFormation also accepts.
pub(crate) fn document(value: Value) -> Option<Value> {
    match value {
        Value::String(text) => jsonloc::parse(&text).ok().filter(Value::is_object),
        v @ Value::Object(_) => Some(v),
        _ => None,
    }
}

impl Importer {
    /// Maps one resource into the account (attachments come later, in [`Importer::attach`]).
    pub(crate) fn map(&mut self, r: &Resource) {
        if r.playground.contains_key("skip") {
            return;
        }
        match r.type_.as_str() {
            "AWS::IAM::Role" => self.role(r),
            "AWS::StepFunctions::StateMachine" => self.state_machine(r),
            "AWS::Serverless::StateMachine" => self.sam_state_machine(r),
            "AWS::StepFunctions::Activity" => self.activity(r),
            "AWS::Lambda::Function" => self.function(r),
            "AWS::Serverless::Function" => self.sam_function(r),
            "AWS::SSM::Parameter" => self.parameter(r),
            "AWS::SecretsManager::Secret" => self.secret(r),
            "AWS::DynamoDB::Table" => self.table(r),
            "AWS::SQS::Queue" => self.named_only(r, "QueueName", Section::Queues),
            "AWS::SNS::Topic" => self.named_only(r, "TopicName", Section::Topics),
            "AWS::S3::Bucket" => self.bucket(r),
            "AWS::KMS::Key" => self.kms_key(r),
            crate::organization::POLICY_TYPE => self.organization_policy(r),
            "AWS::ApiGateway::RestApi" => self.rest_api(r),
            "AWS::Serverless::Api" => self.sam_api(r),
            "AWS::ApiGateway::Resource" => self.ignore(r, &["ParentId", "PathPart", "RestApiId"]),
            t if is_mapped(t) => {}
            t if t.starts_with("Custom::") || t == "AWS::CloudFormation::CustomResource" => self
                .skip(
                    r,
                    "a custom resource runs code at deployment, which the playground cannot run",
                ),
            "AWS::CDK::Metadata" => {}
            t => {
                let reason = format!("the scenario cannot hold {t} resources");
                self.skip(r, &reason);
            }
        }
    }

    /// Leaves `r` out whole, with the reason.
    pub(crate) fn skip(&mut self, r: &Resource, reason: &str) {
        self.skipped.insert(r.id.clone());
        self.note(&r.pointer, Some(&r.id), UnmappedKind::Skipped, reason);
    }

    /// An activity: its name, and the worker the playground plays for it
    /// (`Metadata.SfnPlayground.worker`; without one, its Tasks wait).
    fn activity(&mut self, r: &Resource) {
        self.ignore(r, &["Name"]);
        let name = self.name_of(&r.id);
        let mut activity = Map::new();
        if let Some(worker) = r.playground.get("worker") {
            activity.insert("worker".into(), worker.clone());
        }
        self.out.activities.insert(name, Value::Object(activity));
    }

    fn role(&mut self, r: &Resource) {
        self.ignore(r, &["RoleName", "MaxSessionDuration"]);
        let Some(trust) = self.prop(r, "AssumeRolePolicyDocument").and_then(document) else {
            self.skip(
                r,
                "the role has no AssumeRolePolicyDocument the playground can read",
            );
            return;
        };
        let mut role = Map::new();
        role.insert("assumeRolePolicyDocument".into(), trust);
        let mut policies = Map::new();
        if let Some(Value::Array(items)) = self.prop(r, "Policies") {
            for (i, item) in items.into_iter().enumerate() {
                let name = item
                    .get("PolicyName")
                    .and_then(Value::as_str)
                    .map(String::from);
                match (name, item.get("PolicyDocument").cloned().and_then(document)) {
                    (Some(name), Some(doc)) => {
                        policies.insert(name, doc);
                    }
                    _ => self.note(
                        &format!("{}/Properties/Policies/{i}", r.pointer),
                        Some(&r.id),
                        UnmappedKind::Skipped,
                        "a policy needs PolicyName and PolicyDocument",
                    ),
                }
            }
        }
        if !policies.is_empty() {
            role.insert("policies".into(), Value::Object(policies));
        }
        let mut aws_managed = Vec::new();
        if let Some(Value::Array(arns)) = self.prop(r, "ManagedPolicyArns") {
            for (i, arn) in arns.iter().enumerate() {
                let arn = arn.as_str().unwrap_or_default();
                if self.template_policy(arn).is_some() {
                    continue;
                }
                if iam::is_aws_managed_policy(arn) {
                    aws_managed.push(json!(arn));
                } else {
                    self.note(&format!("{}/Properties/ManagedPolicyArns/{i}", r.pointer), Some(&r.id), UnmappedKind::Skipped, format!("the managed policy {arn} is neither an AWS managed policy nor in this template, so its document is not known: the scenario holds the role's inline policies and AWS managed policies only"));
                }
            }
        }
        if !aws_managed.is_empty() {
            role.insert("managedPolicyArns".into(), Value::Array(aws_managed));
        }
        if let Some(boundary) = self.prop_str(r, "PermissionsBoundary") {
            match self.template_policy(&boundary) {
                Some(doc) => {
                    role.insert("permissionsBoundary".into(), doc);
                }
                None if iam::is_aws_managed_policy(&boundary) => {
                    role.insert("permissionsBoundary".into(), json!(boundary));
                }
                None => self.note(&format!("{}/Properties/PermissionsBoundary", r.pointer), Some(&r.id), UnmappedKind::Skipped, format!("the boundary {boundary} is neither an AWS managed policy nor a managed policy of this template, so its document is not known")),
            }
        }
        if let Some(Value::Array(tags)) = self.prop(r, "Tags") {
            let mut map = Map::new();
            for tag in tags {
                if let (Some(k), Some(v)) =
                    (tag.get("Key").and_then(Value::as_str), tag.get("Value"))
                {
                    let v = v.as_str().map_or_else(|| v.to_string(), String::from);
                    map.insert(k.to_string(), Value::String(v));
                }
            }
            role.insert("tags".into(), Value::Object(map));
        }
        if let Some(description) = self.prop_str(r, "Description") {
            role.insert("description".into(), Value::String(description));
        }
        if let Some(path) = self.prop_str(r, "Path").filter(|p| p != "/") {
            self.note(
                &format!("{}/Properties/Path", r.pointer),
                Some(&r.id),
                UnmappedKind::Note,
                format!("the scenario's roles have no path: {path} is dropped from the role's ARN"),
            );
        }
        let name = self.name_of(&r.id);
        self.out.roles.insert(name, Value::Object(role));
    }

    /// The document of the template's managed policy whose ARN is `arn`.
    fn template_policy(&self, arn: &str) -> Option<Value> {
        let top = self.source.value.get("Resources")?.as_object()?;
        top.iter().find_map(|(id, body)| {
            let is_managed =
                body.get("Type").and_then(Value::as_str) == Some("AWS::IAM::ManagedPolicy");
            let matches = self
                .ctx
                .resources
                .get(id)
                .is_some_and(|p| p.reference.as_str() == Some(arn));
            if !(is_managed && matches) {
                return None;
            }
            let raw = body.get("Properties")?.get("PolicyDocument")?;
            self.ctx.resolve(raw, "").ok().flatten().and_then(document)
        })
    }

    /// The name of the role whose ARN is `arn`, if it is a role of this account that the
    /// scenario holds.
    pub(crate) fn role_name(&mut self, r: &Resource, key: &str, arn: &str) -> Option<String> {
        let pointer = format!("{}/Properties/{key}", r.pointer);
        let prefix = format!("arn:aws:iam::{}:role/", self.ctx.account);
        let Some(rest) = arn.strip_prefix(&prefix) else {
            self.note(&pointer, Some(&r.id), UnmappedKind::Skipped, format!("{arn} is not a role of account {}: the scenario runs a resource as a role of its own account", self.ctx.account));
            return None;
        };
        let name = rest.rsplit('/').next().unwrap_or(rest).to_string();
        let skipped = self
            .skipped_roles
            .iter()
            .any(|id| self.names.get(id).and_then(Value::as_str) == Some(name.as_str()));
        (!skipped).then_some(name)
    }

    fn state_machine(&mut self, r: &Resource) {
        self.ignore(r, &["StateMachineName"]);
        let substitutions = self.prop(r, "DefinitionSubstitutions");
        let definition = if r.properties.contains_key("DefinitionS3Location") {
            self.consumed
                .insert((r.id.clone(), "DefinitionS3Location".into()));
            self.skipped.insert(r.id.clone());
            self.note(&format!("{}/Properties/DefinitionS3Location", r.pointer), Some(&r.id), UnmappedKind::Skipped, "DefinitionS3Location: the definition is in S3, not in the template; paste it as Definition");
            return;
        } else if r.properties.contains_key("DefinitionString") {
            self.prop_str(r, "DefinitionString")
                .map(|text| Value::String(substitute_text(&text, substitutions.as_ref())))
        } else {
            self.prop(r, "Definition")
                .map(|d| substitute(d, substitutions.as_ref()))
        };
        let role = self
            .prop_str(r, "RoleArn")
            .and_then(|arn| self.role_name(r, "RoleArn", &arn));
        let kind = self.prop_str(r, "StateMachineType");
        self.machine(r, definition, role, kind);
    }

    /// Adds a state machine from its definition (an object, or JSON text), execution role
    /// and type.
    pub(crate) fn machine(
        &mut self,
        r: &Resource,
        definition: Option<Value>,
        role: Option<String>,
        kind: Option<String>,
    ) {
        let definition = match definition {
            Some(Value::String(text)) => match jsonloc::parse(&text) {
                Ok(v) => v,
                Err(e) => {
                    self.skip(
                        r,
                        &format!("the definition is not JSON ({}: {})", e.position, e.message),
                    );
                    return;
                }
            },
            Some(v @ Value::Object(_)) => v,
            _ => {
                self.skip(
                    r,
                    "the state machine has no definition the playground can read",
                );
                return;
            }
        };
        let Some(role) = role else {
            self.skip(r, "the state machine has no execution role in this account");
            return;
        };
        let mut machine = Map::new();
        machine.insert(
            "type".into(),
            Value::String(kind.unwrap_or_else(|| "STANDARD".into())),
        );
        machine.insert("roleName".into(), Value::String(role));
        machine.insert("definition".into(), definition);
        let name = self.name_of(&r.id);
        self.out.state_machines.insert(name, Value::Object(machine));
    }

    fn function(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "FunctionName",
                "Code",
                "Handler",
                "Runtime",
                "Timeout",
                "MemorySize",
                "Architectures",
                "Environment",
                "Description",
            ],
        );
        let role = self
            .prop_str(r, "Role")
            .and_then(|arn| self.role_name(r, "Role", &arn));
        self.lambda(r, role);
    }

    /// Adds a Lambda function: its behaviour from the playground's metadata (echo, noted,
    /// when there is none) and its role.
    pub(crate) fn lambda(&mut self, r: &Resource, role: Option<String>) {
        let mut function = Map::new();
        match r.playground.get("behavior") {
            Some(b) => {
                function.insert("behavior".into(), b.clone());
            }
            None => self.note(&r.pointer, Some(&r.id), UnmappedKind::Note, format!("the function's code is not run: it echoes its event (give it a behaviour under Metadata.{}.behavior, or in the pane)", crate::import::METADATA_KEY)),
        }
        if let Some(role) = role {
            function.insert("roleName".into(), Value::String(role));
        }
        let name = self.name_of(&r.id);
        self.out
            .lambda_functions
            .insert(name, Value::Object(function));
    }

    fn parameter(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "Name",
                "Type",
                "Description",
                "Tier",
                "Tags",
                "AllowedPattern",
                "DataType",
            ],
        );
        let Some(value) = self.prop_str(r, "Value") else {
            self.skip(r, "the parameter has no Value");
            return;
        };
        let kind = match r.playground.get("type").and_then(Value::as_str) {
            Some(t) => t.to_string(),
            None => self.prop_str(r, "Type").unwrap_or_else(|| "String".into()),
        };
        let mut parameter = Map::new();
        parameter.insert("type".into(), Value::String(kind));
        parameter.insert("value".into(), Value::String(value));
        if let Some(version) = r.playground.get("version") {
            parameter.insert("version".into(), version.clone());
        }
        if let Some(key) = r.playground.get("kmsKeyId") {
            parameter.insert("kmsKeyId".into(), key.clone());
        }
        let name = self.name_of(&r.id);
        self.out
            .ssm_parameters
            .insert(name, Value::Object(parameter));
    }

    fn secret(&mut self, r: &Resource) {
        self.ignore(r, &["Name", "Description", "Tags"]);
        let mut secret = Map::new();
        if let Some(text) = self.prop_str(r, "SecretString") {
            secret.insert("secretString".into(), Value::String(text));
        }
        if let Some(key) = self.prop_str(r, "KmsKeyId") {
            secret.insert("kmsKeyId".into(), Value::String(key));
        }
        if r.properties.contains_key("GenerateSecretString") {
            self.consumed
                .insert((r.id.clone(), "GenerateSecretString".into()));
            self.note(&format!("{}/Properties/GenerateSecretString", r.pointer), Some(&r.id), UnmappedKind::Note, "a generated secret's value is only known after deployment: the secret has no value (give it one in the pane)");
        }
        let name = self.name_of(&r.id);
        self.out.secrets.insert(name, Value::Object(secret));
    }

    fn table(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "TableName",
                "AttributeDefinitions",
                "BillingMode",
                "ProvisionedThroughput",
                "Tags",
                "PointInTimeRecoverySpecification",
                "SSESpecification",
                "StreamSpecification",
                "DeletionProtectionEnabled",
            ],
        );
        let mut table = Map::new();
        let schema = self.prop(r, "KeySchema").unwrap_or(Value::Null);
        let key = |kind: &str| {
            schema.as_array().and_then(|keys| {
                keys.iter()
                    .find(|k| k.get("KeyType").and_then(Value::as_str) == Some(kind))
                    .and_then(|k| k.get("AttributeName"))
                    .cloned()
            })
        };
        let Some(partition) = key("HASH") else {
            self.skip(r, "the table has no HASH key in its KeySchema");
            return;
        };
        table.insert("partitionKey".into(), partition);
        if let Some(sort) = key("RANGE") {
            table.insert("sortKey".into(), sort);
        }
        if let Some(items) = r.playground.get("items") {
            table.insert("items".into(), items.clone());
        }
        if let Some(doc) = self
            .prop(r, "ResourcePolicy")
            .and_then(|p| p.get("PolicyDocument").cloned())
            .and_then(document)
        {
            table.insert("resourcePolicy".into(), doc);
        }
        let name = self.name_of(&r.id);
        self.out.dynamodb_tables.insert(name, Value::Object(table));
    }

    fn named_only(&mut self, r: &Resource, name_property: &str, section: Section) {
        self.ignore(r, &[name_property, "Tags"]);
        let mut body = Map::new();
        if let Some(key) = self.prop_str(r, "KmsMasterKeyId") {
            body.insert("kmsKeyId".into(), Value::String(key));
        }
        let name = self.name_of(&r.id);
        self.section(section).insert(name, Value::Object(body));
    }

    /// An `AWS::KMS::Key`: its key policy and description, under the key id its metadata
    /// keeps (the physical id CloudFormation would give it otherwise). Aliases attach later.
    fn kms_key(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "Enabled",
                "EnableKeyRotation",
                "KeySpec",
                "KeyUsage",
                "Tags",
            ],
        );
        let Some(policy) = self.prop(r, "KeyPolicy").and_then(document) else {
            self.skip(r, "the key has no KeyPolicy the playground can read (AWS would give it the default key policy)");
            return;
        };
        let mut key = Map::new();
        if let Some(description) = self.prop_str(r, "Description") {
            key.insert("description".into(), Value::String(description));
        }
        key.insert("keyPolicy".into(), policy);
        let id = match r.playground.get("keyId").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => self.name_of(&r.id),
        };
        self.names.insert(r.id.clone(), Value::String(id.clone()));
        self.section(Section::Keys).insert(id, Value::Object(key));
    }

    fn bucket(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "BucketName",
                "Tags",
                "VersioningConfiguration",
                "PublicAccessBlockConfiguration",
                "BucketEncryption",
            ],
        );
        let mut bucket = Map::new();
        if let Some(objects) = r.playground.get("objects") {
            bucket.insert("objects".into(), objects.clone());
        }
        let name = self.name_of(&r.id);
        self.out.s3_buckets.insert(name, Value::Object(bucket));
    }

    /// The account section of a resource kind.
    pub(crate) fn section(&mut self, section: Section) -> &mut Map<String, Value> {
        match section {
            Section::Secrets => &mut self.out.secrets,
            Section::Queues => &mut self.out.sqs_queues,
            Section::Topics => &mut self.out.sns_topics,
            Section::Buckets => &mut self.out.s3_buckets,
            Section::Keys => &mut self.out.kms_keys,
        }
    }
}

/// An account section the attachments reach.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Section {
    Secrets,
    Queues,
    Topics,
    Buckets,
    Keys,
}

/// `DefinitionSubstitutions` applied to every string of a definition: `${key}` becomes the
/// key's value.
pub(crate) fn substitute(definition: Value, substitutions: Option<&Value>) -> Value {
    match definition {
        Value::String(s) => Value::String(substitute_text(&s, substitutions)),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| substitute(v, substitutions))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, substitute(v, substitutions)))
                .collect(),
        ),
        other => other,
    }
}

/// `DefinitionSubstitutions` applied to one text.
fn substitute_text(text: &str, substitutions: Option<&Value>) -> String {
    let Some(Value::Object(map)) = substitutions else {
        return text.to_string();
    };
    let mut out = text.to_string();
    for (key, value) in map {
        let with = value
            .as_str()
            .map_or_else(|| value.to_string(), String::from);
        out = out.replace(&format!("${{{key}}}"), &with);
    }
    out
}
