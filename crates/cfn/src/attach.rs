//! Resources that attach to others: IAM policies to roles, resource policies to functions,
//! secrets, queues, topics and buckets, aliases to KMS keys.

use crate::import::{Importer, Resource};
use crate::map::{document, Section};
use crate::unmapped::UnmappedKind;
use serde_json::{json, Map, Value};

impl Importer {
    /// Attaches `r` to the resources it names.
    pub(crate) fn attach(&mut self, r: &Resource) {
        if r.playground.contains_key("skip") {
            return;
        }
        match r.type_.as_str() {
            "AWS::IAM::Policy" => self.role_policy(r, "PolicyName"),
            "AWS::IAM::ManagedPolicy" => self.managed_policy(r),
            "AWS::Lambda::Permission" => self.permission(r),
            "AWS::SecretsManager::ResourcePolicy" => {
                let doc = self.prop(r, "ResourcePolicy").and_then(document);
                let target = self.prop_str(r, "SecretId").map(|id| {
                    let by_arn = self
                        .ctx
                        .resources
                        .iter()
                        .find(|(_, p)| p.reference.as_str() == Some(id.as_str()))
                        .map(|(k, _)| self.name_of(k));
                    by_arn.unwrap_or(id)
                });
                self.attach_policy(r, Section::Secrets, target, doc);
            }
            "AWS::SQS::QueuePolicy" => self.policy_on_each(r, "Queues", Section::Queues, |url| {
                url.rsplit('/').next().map(String::from)
            }),
            "AWS::SNS::TopicPolicy" => self.policy_on_each(r, "Topics", Section::Topics, |arn| {
                arn.rsplit(':').next().map(String::from)
            }),
            "AWS::KMS::Alias" => self.alias(r),
            "AWS::ApiGateway::Method" => self.api_method(r),
            "AWS::Serverless::Function" => self.sam_api_events(r),
            "AWS::ApiGateway::Stage" | "AWS::ApiGateway::Deployment" => self.api_stage(r),
            "AWS::S3::BucketPolicy" => {
                let doc = self.prop(r, "PolicyDocument").and_then(document);
                let bucket = self.prop_str(r, "Bucket");
                self.attach_policy(r, Section::Buckets, bucket, doc);
            }
            _ => {}
        }
    }

    /// An `AWS::IAM::Policy`: an inline policy of each role in `Roles`.
    fn role_policy(&mut self, r: &Resource, name_key: &str) {
        self.ignore(r, &["Users", "Groups"]);
        for key in ["Users", "Groups"] {
            if r.properties.contains_key(key) {
                self.note(
                    &format!("{}/Properties/{key}", r.pointer),
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    format!("the scenario has no IAM users or groups: {key} is not imported"),
                );
            }
        }
        let name = self
            .prop_str(r, name_key)
            .unwrap_or_else(|| self.name_of(&r.id));
        let Some(doc) = self.prop(r, "PolicyDocument").and_then(document) else {
            self.note(
                &r.pointer,
                Some(&r.id),
                UnmappedKind::Skipped,
                "the policy has no PolicyDocument the playground can read",
            );
            return;
        };
        let roles = match self.prop(r, "Roles") {
            Some(Value::Array(roles)) => roles,
            _ => Vec::new(),
        };
        for (i, role) in roles.iter().enumerate() {
            let role = role.as_str().unwrap_or_default().to_string();
            match self.out.roles.get_mut(&role).and_then(Value::as_object_mut) {
                Some(target) => {
                    let policies = target.entry("policies").or_insert_with(|| json!({}));
                    if let Some(p) = policies.as_object_mut() {
                        p.insert(name.clone(), doc.clone());
                    }
                }
                None => self.note(
                    &format!("{}/Properties/Roles/{i}", r.pointer),
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    format!("the role {role} is not in this template"),
                ),
            }
        }
    }

    /// An `AWS::IAM::ManagedPolicy`: an inline policy (named as the managed policy) of each
    /// role in its `Roles` or whose `ManagedPolicyArns` lists it.
    fn managed_policy(&mut self, r: &Resource) {
        self.ignore(r, &["ManagedPolicyName", "Description", "Path"]);
        let arn = self
            .ctx
            .resources
            .get(&r.id)
            .and_then(|p| p.reference.as_str())
            .unwrap_or_default()
            .to_string();
        let listing: Vec<String> = self
            .source
            .value
            .get("Resources")
            .and_then(Value::as_object)
            .map(|all| {
                all.iter()
                    .filter(|(_, b)| {
                        b.get("Type").and_then(Value::as_str) == Some("AWS::IAM::Role")
                    })
                    .filter(|(id, b)| {
                        b.get("Properties")
                            .and_then(|p| p.get("ManagedPolicyArns"))
                            .is_some_and(|arns| {
                                self.ctx
                                    .resolve(arns, "")
                                    .ok()
                                    .flatten()
                                    .and_then(|v| v.as_array().cloned())
                                    .unwrap_or_default()
                                    .iter()
                                    .any(|a| a.as_str() == Some(arn.as_str()))
                            })
                            && self.names.contains_key(id.as_str())
                    })
                    .map(|(id, _)| self.name_of(id))
                    .collect()
            })
            .unwrap_or_default();
        let mut roles = match self.prop(r, "Roles") {
            Some(Value::Array(roles)) => roles,
            _ => Vec::new(),
        };
        roles.extend(listing.into_iter().map(Value::String));
        let mut props = r.properties.clone();
        props.insert("Roles".into(), Value::Array(roles));
        props.insert("PolicyName".into(), Value::String(self.name_of(&r.id)));
        let expanded = Resource {
            properties: props,
            ..r.clone()
        };
        self.role_policy(&expanded, "PolicyName");
    }

    /// An `AWS::Lambda::Permission`: one statement of the function's resource policy.
    fn permission(&mut self, r: &Resource) {
        let Some(function) = self.prop_str(r, "FunctionName") else {
            return;
        };
        let name = function.rsplit(':').next().unwrap_or(&function).to_string();
        let action = self
            .prop_str(r, "Action")
            .unwrap_or_else(|| "lambda:InvokeFunction".into());
        let principal = self.prop_str(r, "Principal").unwrap_or_default();
        let principal = if principal.ends_with(".amazonaws.com") {
            json!({"Service": principal})
        } else if principal.len() == 12 && principal.bytes().all(|b| b.is_ascii_digit()) {
            json!({"AWS": format!("arn:aws:iam::{principal}:root")})
        } else {
            json!({"AWS": principal})
        };
        let mut statement = Map::new();
        statement.insert("Sid".into(), Value::String(r.id.clone()));
        statement.insert("Effect".into(), Value::String("Allow".into()));
        statement.insert("Principal".into(), principal);
        statement.insert("Action".into(), Value::String(action));
        statement.insert(
            "Resource".into(),
            Value::String(format!(
                "arn:aws:lambda:{}:{}:function:{name}",
                self.ctx.region, self.ctx.account
            )),
        );
        let mut condition = Map::new();
        if let Some(arn) = self.prop_str(r, "SourceArn") {
            condition.insert("ArnLike".into(), json!({"AWS:SourceArn": arn}));
        }
        if let Some(account) = self.prop_str(r, "SourceAccount") {
            condition.insert("StringEquals".into(), json!({"AWS:SourceAccount": account}));
        }
        if let Some(org) = self.prop_str(r, "PrincipalOrgID") {
            let equals = condition.entry("StringEquals").or_insert_with(|| json!({}));
            if let Some(e) = equals.as_object_mut() {
                e.insert("aws:PrincipalOrgID".into(), Value::String(org));
            }
        }
        if !condition.is_empty() {
            statement.insert("Condition".into(), Value::Object(condition));
        }
        match self
            .out
            .lambda_functions
            .get_mut(&name)
            .and_then(Value::as_object_mut)
        {
            Some(f) => {
                let policy = f
                    .entry("resourcePolicy")
                    .or_insert_with(|| json!({"Version": "2012-10-17", "Statement": []}));
                if let Some(Value::Array(statements)) = policy.get_mut("Statement") {
                    statements.push(Value::Object(statement));
                }
            }
            None => self.note(
                &format!("{}/Properties/FunctionName", r.pointer),
                Some(&r.id),
                UnmappedKind::Skipped,
                format!("the function {name} is not in this template"),
            ),
        }
    }

    /// A policy document on each resource listed in `key` (a URL or an ARN, whose last part
    /// `name_of` takes).
    fn policy_on_each(
        &mut self,
        r: &Resource,
        key: &str,
        section: Section,
        name_of: fn(&str) -> Option<String>,
    ) {
        let doc = self.prop(r, "PolicyDocument").and_then(document);
        let targets = match self.prop(r, key) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        for target in targets {
            let name = target.as_str().and_then(name_of);
            self.attach_policy(r, section, name, doc.clone());
        }
    }

    /// Sets `doc` as the resource policy of `name` in `section`.
    /// An `AWS::KMS::Alias`: an alias of the key `TargetKeyId` names (by `Ref`, or by the
    /// key id).
    fn alias(&mut self, r: &Resource) {
        let alias = self.prop_str(r, "AliasName");
        let target = self.prop_str(r, "TargetKeyId").map(|id| {
            self.ctx
                .resources
                .iter()
                .find(|(_, p)| p.reference.as_str() == Some(id.as_str()))
                .map(|(k, _)| self.name_of(k))
                .unwrap_or(id)
        });
        let key = target
            .as_ref()
            .and_then(|t| self.section(Section::Keys).get_mut(t))
            .and_then(Value::as_object_mut);
        match (alias, key) {
            (Some(alias), Some(key)) => {
                let aliases = key.entry("aliases").or_insert_with(|| json!([]));
                if let Value::Array(list) = aliases {
                    list.push(Value::String(alias));
                }
            }
            _ => self.note(
                &r.pointer,
                Some(&r.id),
                UnmappedKind::Skipped,
                "the alias or the key it names cannot be read",
            ),
        }
    }

    fn attach_policy(
        &mut self,
        r: &Resource,
        section: Section,
        name: Option<String>,
        doc: Option<Value>,
    ) {
        let (Some(name), Some(doc)) = (name, doc) else {
            self.note(
                &r.pointer,
                Some(&r.id),
                UnmappedKind::Skipped,
                "the policy or the resource it applies to cannot be read",
            );
            return;
        };
        match self
            .section(section)
            .get_mut(&name)
            .and_then(Value::as_object_mut)
        {
            Some(target) => {
                target.insert("resourcePolicy".into(), doc);
            }
            None => self.note(
                &r.pointer,
                Some(&r.id),
                UnmappedKind::Skipped,
                format!("{name} is not a resource of this template"),
            ),
        }
    }
}
