//! The import: a template's parameters, conditions and resources resolved for one account,
//! mapped into the scenario's account, and merged into a scenario.

use crate::context::{Context, Physical};
use crate::error::ImportError;
use crate::options::{ImportOptions, Imported};
use crate::source::Source;
use crate::unmapped::{Unmapped, UnmappedKind};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The key of a resource's `Metadata` that holds what only the playground reads (a Lambda
/// function's behaviour, a table's items, an account's alias …).
pub const METADATA_KEY: &str = "SfnPlayground";

/// One resource of the template.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    pub(crate) id: String,
    pub(crate) type_: String,
    pub(crate) pointer: String,
    pub(crate) properties: Map<String, Value>,
    /// The playground's own metadata (`Metadata.SfnPlayground`), if any.
    pub(crate) playground: Map<String, Value>,
}

/// The account being built, section by section.
#[derive(Debug, Clone, Default)]
pub(crate) struct AccountOut {
    pub(crate) alias: Option<Value>,
    pub(crate) roles: Map<String, Value>,
    pub(crate) state_machines: Map<String, Value>,
    pub(crate) ssm_parameters: Map<String, Value>,
    pub(crate) secrets: Map<String, Value>,
    pub(crate) dynamodb_tables: Map<String, Value>,
    pub(crate) lambda_functions: Map<String, Value>,
    pub(crate) sqs_queues: Map<String, Value>,
    pub(crate) sns_topics: Map<String, Value>,
    pub(crate) s3_buckets: Map<String, Value>,
    pub(crate) kms_keys: Map<String, Value>,
    pub(crate) rest_apis: Map<String, Value>,
    pub(crate) activities: Map<String, Value>,
}

/// The import under way.
pub(crate) struct Importer {
    pub(crate) source: Source,
    pub(crate) ctx: Context,
    pub(crate) unmapped: Vec<Unmapped>,
    pub(crate) out: AccountOut,
    /// Physical names of resources, by logical id.
    pub(crate) names: Map<String, Value>,
    /// Properties read, by resource and property, so the rest can be listed.
    pub(crate) consumed: HashSet<(String, String)>,
    /// Resources left out whole (their other properties are not listed one by one).
    pub(crate) skipped: HashSet<String>,
    /// Roles exported only for deployment (their metadata says `skip`): their ARNs.
    pub(crate) skipped_roles: HashSet<String>,
    /// SCPs and RCPs, for the scenario's organization.
    pub(crate) org_policies: Vec<crate::organization::OrgPolicy>,
}

/// Imports `text` (a CloudFormation or SAM template, JSON or YAML) into account
/// `options.account` of a scenario.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    if !(options.account.len() == 12 && options.account.bytes().all(|b| b.is_ascii_digit())) {
        return Err(ImportError::Account {
            account: options.account.clone(),
        });
    }
    let into = match &options.into {
        None => None,
        Some(Value::Object(map)) => Some(map.clone()),
        Some(_) => {
            return Err(ImportError::Into {
                reason: "a scenario is a JSON object".into(),
            })
        }
    };
    let source = Source::read(text)?;
    let Some(Value::Object(resources)) = source.value.get("Resources").cloned() else {
        return Err(ImportError::NotATemplate {
            reason: "it has no Resources section (an object of resources by logical id)".into(),
        });
    };
    let region = options
        .region
        .clone()
        .or_else(|| {
            into.as_ref()
                .and_then(|s| s.get("region"))
                .and_then(Value::as_str)
                .map(String::from)
        })
        .unwrap_or_else(|| "us-east-1".into());
    let ctx = Context {
        account: options.account.clone(),
        region,
        stack: options
            .stack_name
            .clone()
            .unwrap_or_else(|| "sfn-playground".into()),
        mappings: source
            .value
            .get("Mappings")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        declared: resources.keys().cloned().collect(),
        ..Context::default()
    };
    let mut importer = Importer {
        source,
        ctx,
        unmapped: Vec::new(),
        out: AccountOut::default(),
        names: Map::new(),
        consumed: HashSet::new(),
        skipped: HashSet::new(),
        skipped_roles: HashSet::new(),
        org_policies: Vec::new(),
    };
    importer.sections();
    importer.parameters(&options.parameters);
    importer.conditions();
    let resources = importer.resources(&resources);
    importer.physical_values(&resources);
    for resource in &resources {
        importer.map(resource);
    }
    for resource in &resources {
        importer.attach(resource);
    }
    for resource in &resources {
        importer.leftovers(resource);
    }
    let outputs = importer.outputs();
    let mut scenario = crate::merge::merge(into, &importer.ctx, std::mem::take(&mut importer.out))?;
    crate::organization::merge(&mut scenario, std::mem::take(&mut importer.org_policies))?;
    Ok(Imported {
        scenario: Value::Object(scenario),
        outputs,
        unmapped: importer.unmapped,
    })
}

impl Importer {
    /// Records something not mapped at `pointer`.
    pub(crate) fn note(
        &mut self,
        pointer: &str,
        id: Option<&str>,
        kind: UnmappedKind,
        reason: impl Into<String>,
    ) {
        let position = self.source.locate(pointer);
        self.unmapped.push(Unmapped {
            pointer: pointer.to_string(),
            line: position.line,
            column: position.column,
            logical_id: id.map(String::from),
            kind,
            reason: reason.into(),
        });
    }

    /// The top-level sections: the known ones are read, `Rules` (CDK's bootstrap check)
    /// and unknown transforms are noted.
    fn sections(&mut self) {
        let Some(top) = self.source.value.as_object().cloned() else {
            return;
        };
        for (key, value) in &top {
            let pointer = jsonloc::pointer_push("", key);
            match key.as_str() {
                "AWSTemplateFormatVersion" | "Description" | "Parameters" | "Conditions"
                | "Mappings" | "Resources" | "Outputs" | "Globals" => {}
                "Metadata" => {
                    if let Some(alias) = value.get(METADATA_KEY).and_then(|m| m.get("alias")) {
                        self.out.alias = Some(alias.clone());
                    }
                }
                "Transform" => {
                    let names: Vec<&str> = match value {
                        Value::String(s) => vec![s.as_str()],
                        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                        _ => Vec::new(),
                    };
                    for name in names {
                        if !matches!(name, "AWS::Serverless-2016-10-31" | "AWS::LanguageExtensions") {
                            self.note(&pointer, None, UnmappedKind::Skipped, format!("the transform {name} is a macro the playground cannot run; the template is read as written"));
                        }
                    }
                }
                "Rules" => self.note(&pointer, None, UnmappedKind::Note, "Rules only check parameters at deployment (CDK's CheckBootstrapVersion among them): ignored"),
                _ => self.note(&pointer, None, UnmappedKind::Note, format!("the section {key} is not read")),
            }
        }
        for (section, value) in top
            .get("Globals")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let pointer = jsonloc::pointer_push("/Globals", section);
            match value {
                Value::Object(_) if crate::globals::is_section(section) => {}
                Value::Object(_) => self.note(&pointer, None, UnmappedKind::Skipped, format!("SAM has no Globals section {section} (it has Function, Api, HttpApi, SimpleTable and StateMachine)")),
                _ => self.note(&pointer, None, UnmappedKind::Skipped, "a Globals section is an object of properties"),
            }
        }
    }

    /// Parameter values: given, else the default; a parameter with neither cannot be
    /// resolved. CDK's `BootstrapVersion` is noted as ignored.
    fn parameters(&mut self, given: &Map<String, Value>) {
        let declared = self
            .source
            .value
            .get("Parameters")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (name, spec) in &declared {
            let pointer = jsonloc::pointer_push("/Parameters", name);
            if name == "BootstrapVersion" {
                self.note(
                    &pointer,
                    None,
                    UnmappedKind::Note,
                    "CDK's bootstrap version parameter: only deployments read it; ignored",
                );
            }
            let list = spec
                .get("Type")
                .and_then(Value::as_str)
                .is_some_and(|t| t == "CommaDelimitedList" || t.starts_with("List<"));
            let value = given.get(name).or_else(|| spec.get("Default")).cloned();
            match value {
                Some(Value::String(s)) if list => {
                    let items = s
                        .split(',')
                        .map(|i| Value::String(i.trim().to_string()))
                        .collect();
                    self.ctx
                        .parameters
                        .insert(name.clone(), Value::Array(items));
                }
                Some(Value::Number(n)) => {
                    self.ctx
                        .parameters
                        .insert(name.clone(), Value::String(n.to_string()));
                }
                Some(v) => {
                    self.ctx.parameters.insert(name.clone(), v);
                }
                None => {
                    let reason = format!("the parameter {name} has no default and no value was given (--param {name}=VALUE)");
                    self.note(&pointer, None, UnmappedKind::Skipped, reason.clone());
                    self.ctx.missing.insert(name.clone(), reason);
                }
            }
        }
        for (name, value) in given {
            if !declared.contains_key(name) {
                self.ctx.imports.insert(name.clone(), value.clone());
            }
        }
    }

    /// Conditions, evaluated until none more can be (a condition may use another).
    fn conditions(&mut self) {
        let declared = self
            .source
            .value
            .get("Conditions")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        loop {
            let mut progress = false;
            for (name, body) in &declared {
                if self.ctx.conditions.contains_key(name) {
                    continue;
                }
                if let Ok(b) =
                    self.condition_value(body, &jsonloc::pointer_push("/Conditions", name))
                {
                    self.ctx.conditions.insert(name.clone(), b);
                    progress = true;
                }
            }
            if !progress {
                break;
            }
        }
        for (name, body) in &declared {
            if !self.ctx.conditions.contains_key(name) {
                let pointer = jsonloc::pointer_push("/Conditions", name);
                let reason = match self.condition_value(body, &pointer) {
                    Err(e) => e.reason,
                    Ok(_) => "cannot be evaluated".into(),
                };
                self.note(
                    &pointer,
                    None,
                    UnmappedKind::Skipped,
                    format!("the condition {name} cannot be evaluated: {reason}"),
                );
            }
        }
    }

    fn condition_value(
        &self,
        body: &Value,
        pointer: &str,
    ) -> Result<bool, crate::intrinsic::Unresolved> {
        match self.ctx.resolve_some(body, pointer)? {
            Value::Bool(b) => Ok(b),
            other => Err(crate::intrinsic::Unresolved {
                pointer: pointer.to_string(),
                reason: format!(
                    "a condition must be a condition function, found {}",
                    crate::intrinsic::kind(&other)
                ),
            }),
        }
    }

    /// The resources to map: those whose condition holds, CDK's metadata left out.
    fn resources(&mut self, resources: &Map<String, Value>) -> Vec<Resource> {
        let mut out = Vec::new();
        for (id, body) in resources {
            let pointer = jsonloc::pointer_push("/Resources", id);
            let type_ = body
                .get("Type")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if type_ == "AWS::CDK::Metadata" {
                self.note(
                    &pointer,
                    Some(id),
                    UnmappedKind::Note,
                    "CDK's metadata resource: ignored",
                );
                continue;
            }
            if let Some(condition) = body.get("Condition").and_then(Value::as_str) {
                if self.ctx.conditions.get(condition) != Some(&true) {
                    self.note(
                        &pointer,
                        Some(id),
                        UnmappedKind::Note,
                        format!("not created: its condition {condition} is false"),
                    );
                    continue;
                }
            }
            let metadata = body.get("Metadata");
            let playground = metadata
                .and_then(|m| m.get(METADATA_KEY))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if metadata.and_then(|m| m.get("aws:asset:path")).is_some() {
                self.note(
                    &jsonloc::pointer_push(&pointer, "Metadata"),
                    Some(id),
                    UnmappedKind::Note,
                    "CDK asset metadata: the asset's code is not run; ignored",
                );
            }
            if let Some(reason) = playground.get("skip").and_then(Value::as_str) {
                self.note(
                    &pointer,
                    Some(id),
                    UnmappedKind::Note,
                    format!("not imported: {reason}"),
                );
                if type_ == "AWS::IAM::Role" {
                    self.skipped_roles.insert(id.clone());
                }
            }
            let mut properties = body
                .get("Properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let globals = crate::globals::section_of(&type_)
                .and_then(|section| self.source.value.get("Globals")?.get(section)?.as_object());
            if let Some(globals) = globals {
                properties = crate::globals::inherit(globals, properties);
            }
            out.push(Resource {
                id: id.clone(),
                type_,
                pointer,
                properties,
                playground,
            });
        }
        out
    }

    /// Each resource's physical name and `Ref`/`Fn::GetAtt` values, in rounds (a name may
    /// use another resource's value). SAM's generated roles get theirs too.
    fn physical_values(&mut self, resources: &[Resource]) {
        loop {
            let mut progress = false;
            for r in resources {
                if self.ctx.resources.contains_key(&r.id) {
                    continue;
                }
                if let Some(values) = self.physical(r, false) {
                    self.ctx.resources.insert(r.id.clone(), values);
                    progress = true;
                }
            }
            if !progress {
                break;
            }
        }
        for r in resources {
            if !self.ctx.resources.contains_key(&r.id) {
                if let Some(values) = self.physical(r, true) {
                    self.ctx.resources.insert(r.id.clone(), values);
                }
            }
        }
        for r in resources {
            let sam = matches!(
                r.type_.as_str(),
                "AWS::Serverless::Function" | "AWS::Serverless::StateMachine"
            );
            if sam && !r.properties.contains_key("Role") {
                let role_id = format!("{}Role", r.id);
                let name = crate::physical::name(&self.ctx, "AWS::IAM::Role", &role_id, None)
                    .unwrap_or_default();
                let values = crate::physical::values(&self.ctx, "AWS::IAM::Role", &name, "/");
                self.names.insert(role_id.clone(), Value::String(name));
                self.ctx.resources.insert(role_id.clone(), values);
                self.ctx.declared.push(role_id);
            }
        }
    }

    /// One resource's values, or `None` while its name cannot be resolved yet; `last`
    /// gives up on the name (noted) and generates one.
    fn physical(&mut self, r: &Resource, last: bool) -> Option<Physical> {
        let property = crate::physical::name_property(&r.type_);
        let given = match property.and_then(|p| r.properties.get(p).map(|v| (p, v))) {
            None => None,
            Some((p, v)) => {
                let pointer = format!("{}/Properties/{p}", r.pointer);
                match self.ctx.resolve_string(v, &pointer) {
                    Ok(s) => Some(s),
                    Err(e) if last => {
                        self.note(
                            &e.pointer,
                            Some(&r.id),
                            UnmappedKind::Note,
                            format!(
                                "the name cannot be resolved ({}); a generated name is used",
                                e.reason
                            ),
                        );
                        None
                    }
                    Err(_) => return None,
                }
            }
        };
        let given = given.or_else(|| {
            r.playground
                .get("apiId")
                .and_then(Value::as_str)
                .map(String::from)
        });
        let name = crate::physical::name(&self.ctx, &r.type_, &r.id, given)?;
        let path = r
            .properties
            .get("Path")
            .and_then(Value::as_str)
            .unwrap_or("/");
        self.names.insert(r.id.clone(), Value::String(name.clone()));
        Some(crate::physical::values(&self.ctx, &r.type_, &name, path))
    }

    /// The physical name of resource `id`.
    pub(crate) fn name_of(&self, id: &str) -> String {
        self.names
            .get(id)
            .and_then(Value::as_str)
            .unwrap_or(id)
            .to_string()
    }

    /// Property `key` of `r`, resolved; an unresolvable one is noted and `None`.
    pub(crate) fn prop(&mut self, r: &Resource, key: &str) -> Option<Value> {
        self.consumed.insert((r.id.clone(), key.to_string()));
        let raw = r.properties.get(key)?;
        let pointer = format!(
            "{}/Properties/{}",
            r.pointer,
            jsonloc::pointer_push("", key).trim_start_matches('/')
        );
        match self.ctx.resolve(raw, &pointer) {
            Ok(v) => v,
            Err(e) => {
                self.note(
                    &e.pointer,
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    format!("{key} not imported: {}", e.reason),
                );
                None
            }
        }
    }

    /// Property `key` of `r` as a string.
    pub(crate) fn prop_str(&mut self, r: &Resource, key: &str) -> Option<String> {
        match self.prop(r, key)? {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                let pointer = format!("{}/Properties/{key}", r.pointer);
                self.note(
                    &pointer,
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    format!(
                        "{key} must be a string, found {}",
                        crate::intrinsic::kind(&other)
                    ),
                );
                None
            }
        }
    }

    /// Marks properties as read without using them.
    pub(crate) fn ignore(&mut self, r: &Resource, keys: &[&str]) {
        for key in keys {
            self.consumed.insert((r.id.clone(), (*key).to_string()));
        }
    }

    /// Properties nobody read: noted as not simulated.
    fn leftovers(&mut self, r: &Resource) {
        if !crate::map::is_mapped(&r.type_)
            || r.playground.contains_key("skip")
            || self.skipped.contains(&r.id)
        {
            return;
        }
        for key in r.properties.keys() {
            if !self.consumed.contains(&(r.id.clone(), key.clone())) {
                let pointer = format!("{}/Properties/{key}", r.pointer);
                self.note(
                    &pointer,
                    Some(&r.id),
                    UnmappedKind::Note,
                    format!("{key} is not simulated: ignored"),
                );
            }
        }
    }

    /// The template's outputs, resolved.
    fn outputs(&mut self) -> Map<String, Value> {
        let declared = self
            .source
            .value
            .get("Outputs")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut out = Map::new();
        for (name, spec) in &declared {
            let pointer = jsonloc::pointer_push("/Outputs", name);
            if let Some(condition) = spec.get("Condition").and_then(Value::as_str) {
                if self.ctx.conditions.get(condition) != Some(&true) {
                    continue;
                }
            }
            let Some(value) = spec.get("Value") else {
                continue;
            };
            match self.ctx.resolve_some(value, &format!("{pointer}/Value")) {
                Ok(v) => {
                    out.insert(name.clone(), v);
                }
                Err(e) => self.note(
                    &e.pointer,
                    None,
                    UnmappedKind::Skipped,
                    format!("the output {name} cannot be resolved: {}", e.reason),
                ),
            }
        }
        out
    }
}
