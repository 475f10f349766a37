//! One account of a scenario written as a CloudFormation template that would deploy what
//! the scenario describes, and that [`crate::import`] reads back to the same account. What
//! only the playground knows (a function's behaviour, a table's items, the account's alias)
//! travels in each resource's `Metadata.SfnPlayground`.

use crate::import::METADATA_KEY;
use serde_json::{json, Map, Value};
use std::fmt;

/// A template written from a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The template as a value (long-form intrinsic functions).
    pub value: Value,
}

impl Template {
    /// The template as indented JSON text.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(&self.value).unwrap_or_default()
    }

    /// The template as YAML text (`!Ref` and `!GetAtt` in their short form).
    pub fn yaml(&self) -> String {
        crate::yaml_out::write(&self.value)
    }
}

/// Why a scenario's account cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The scenario has no such account.
    NoAccount {
        /// The account asked for.
        account: String,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::NoAccount { account } => {
                write!(f, "the scenario has no account {account}")
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// The template of `account` of `scenario`.
pub fn export(scenario: &Value, account: &str) -> Result<Template, ExportError> {
    let Some(body) = scenario
        .get("accounts")
        .and_then(|a| a.get(account))
        .and_then(Value::as_object)
    else {
        return Err(ExportError::NoAccount {
            account: account.to_string(),
        });
    };
    let region = scenario
        .get("region")
        .and_then(Value::as_str)
        .unwrap_or("us-east-1");
    let mut w = Writer {
        resources: Map::new(),
        outputs: Map::new(),
        account,
        region,
    };
    let empty = Map::new();
    let section = |key: &str| body.get(key).and_then(Value::as_object).unwrap_or(&empty);
    let mut role_ids = Map::new();
    for (name, role) in section("roles") {
        let id = w.role(name, role);
        role_ids.insert(name.clone(), Value::String(id));
    }
    for (name, machine) in section("stateMachines") {
        w.machine(name, machine, &role_ids);
    }
    for (name, p) in section("ssmParameters") {
        w.parameter(name, p);
    }
    for (name, s) in section("secrets") {
        w.secret(name, s);
    }
    for (name, t) in section("dynamodbTables") {
        w.table(name, t);
    }
    for (name, f) in section("lambdaFunctions") {
        w.function(name, f, &role_ids);
    }
    for (name, a) in section("activities") {
        w.activity(name, a);
    }
    for (name, q) in section("sqsQueues") {
        w.policied(
            name,
            q,
            "Queue",
            "AWS::SQS::Queue",
            "QueueName",
            ("AWS::SQS::QueuePolicy", "Queues"),
        );
    }
    for (name, t) in section("snsTopics") {
        w.policied(
            name,
            t,
            "Topic",
            "AWS::SNS::Topic",
            "TopicName",
            ("AWS::SNS::TopicPolicy", "Topics"),
        );
    }
    for (name, b) in section("s3Buckets") {
        w.bucket(name, b);
    }
    for (id, key) in section("kmsKeys") {
        w.kms_key(id, key);
    }
    for (id, api) in section("restApis") {
        w.rest_api(id, api, &role_ids);
    }
    for (name, properties) in crate::organization::exported(scenario, account) {
        let id = w.id(&name, "Policy");
        w.add(
            &id,
            crate::organization::POLICY_TYPE,
            properties,
            Map::new(),
        );
    }
    let mut template = Map::new();
    template.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
    let title = scenario
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("A playground scenario");
    template.insert(
        "Description".into(),
        json!(format!(
            "{title}: account {account}, exported by sfn-playground"
        )),
    );
    if let Some(alias) = body.get("alias") {
        template.insert("Metadata".into(), json!({ METADATA_KEY: {"alias": alias} }));
    }
    template.insert("Resources".into(), Value::Object(w.resources));
    if !w.outputs.is_empty() {
        template.insert("Outputs".into(), Value::Object(w.outputs));
    }
    Ok(Template {
        value: Value::Object(template),
    })
}

struct Writer<'a> {
    resources: Map<String, Value>,
    outputs: Map<String, Value>,
    account: &'a str,
    region: &'a str,
}

fn reference(id: &str) -> Value {
    json!({ "Ref": id })
}

fn get_att(id: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [id, attribute] })
}

impl Writer<'_> {
    /// A logical id for `name` of `kind`: its letters and digits, the kind, and a number
    /// when taken.
    fn id(&self, name: &str, kind: &str) -> String {
        let base: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        let base = format!("{base}{kind}");
        let mut id = base.clone();
        let mut n = 2;
        while self.resources.contains_key(&id) {
            id = format!("{base}{n}");
            n += 1;
        }
        id
    }

    fn add(
        &mut self,
        id: &str,
        type_: &str,
        properties: Map<String, Value>,
        playground: Map<String, Value>,
    ) {
        let mut resource = Map::new();
        resource.insert("Type".into(), json!(type_));
        if !playground.is_empty() {
            resource.insert("Metadata".into(), json!({ METADATA_KEY: playground }));
        }
        resource.insert("Properties".into(), Value::Object(properties));
        self.resources
            .insert(id.to_string(), Value::Object(resource));
    }

    /// An activity, with the worker the playground plays in its metadata.
    fn activity(&mut self, name: &str, activity: &Value) {
        let id = self.id(name, "Activity");
        let mut p = Map::new();
        p.insert("Name".into(), json!(name));
        let mut playground = Map::new();
        if let Some(worker) = activity.get("worker") {
            playground.insert("worker".into(), worker.clone());
        }
        self.add(&id, "AWS::StepFunctions::Activity", p, playground);
        self.outputs
            .insert(format!("{id}Arn"), json!({"Value": reference(&id)}));
    }

    fn role(&mut self, name: &str, role: &Value) -> String {
        let id = self.id(name, "Role");
        let mut p = Map::new();
        p.insert("RoleName".into(), json!(name));
        if let Some(d) = role.get("description") {
            p.insert("Description".into(), d.clone());
        }
        p.insert(
            "AssumeRolePolicyDocument".into(),
            role.get("assumeRolePolicyDocument")
                .cloned()
                .unwrap_or(json!({})),
        );
        if let Some(policies) = role.get("policies").and_then(Value::as_object) {
            let list = policies
                .iter()
                .map(|(n, d)| json!({"PolicyName": n, "PolicyDocument": d}))
                .collect();
            p.insert("Policies".into(), Value::Array(list));
        }
        if let Some(arns) = role.get("managedPolicyArns") {
            p.insert("ManagedPolicyArns".into(), arns.clone());
        }
        if let Some(arn @ Value::String(_)) = role.get("permissionsBoundary") {
            p.insert("PermissionsBoundary".into(), arn.clone());
        } else if let Some(boundary) = role.get("permissionsBoundary") {
            let boundary_id = self.id(name, "Boundary");
            let mut b = Map::new();
            b.insert(
                "ManagedPolicyName".into(),
                json!(format!("{name}-boundary")),
            );
            b.insert("PolicyDocument".into(), boundary.clone());
            self.add(&boundary_id, "AWS::IAM::ManagedPolicy", b, Map::new());
            p.insert("PermissionsBoundary".into(), reference(&boundary_id));
        }
        if let Some(tags) = role.get("tags").and_then(Value::as_object) {
            let list = tags
                .iter()
                .map(|(k, v)| json!({"Key": k, "Value": v}))
                .collect();
            p.insert("Tags".into(), Value::Array(list));
        }
        self.add(&id, "AWS::IAM::Role", p, Map::new());
        self.outputs
            .insert(format!("{id}Arn"), json!({"Value": get_att(&id, "Arn")}));
        id
    }

    /// A role's ARN: `Fn::GetAtt` of the template's role, else written out.
    fn role_arn(&self, role: &str, role_ids: &Map<String, Value>) -> Value {
        match role_ids.get(role).and_then(Value::as_str) {
            Some(id) => get_att(id, "Arn"),
            None => json!(format!("arn:aws:iam::{}:role/{role}", self.account)),
        }
    }

    fn machine(&mut self, name: &str, machine: &Value, role_ids: &Map<String, Value>) {
        let id = self.id(name, "StateMachine");
        let mut p = Map::new();
        p.insert("StateMachineName".into(), json!(name));
        p.insert(
            "StateMachineType".into(),
            machine.get("type").cloned().unwrap_or(json!("STANDARD")),
        );
        let role = machine
            .get("roleName")
            .and_then(Value::as_str)
            .unwrap_or_default();
        p.insert("RoleArn".into(), self.role_arn(role, role_ids));
        p.insert(
            "Definition".into(),
            machine.get("definition").cloned().unwrap_or(json!({})),
        );
        self.add(&id, "AWS::StepFunctions::StateMachine", p, Map::new());
        self.outputs
            .insert(format!("{id}Arn"), json!({"Value": reference(&id)}));
    }

    fn parameter(&mut self, name: &str, parameter: &Value) {
        let id = self.id(name, "Parameter");
        let kind = parameter
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("String");
        let mut playground = Map::new();
        let cfn_kind = if kind == "SecureString" {
            playground.insert("type".into(), json!(kind));
            "String"
        } else {
            kind
        };
        if let Some(v) = parameter.get("version") {
            playground.insert("version".into(), v.clone());
        }
        if let Some(key) = parameter.get("kmsKeyId") {
            playground.insert("kmsKeyId".into(), key.clone());
        }
        let mut p = Map::new();
        p.insert("Name".into(), json!(name));
        p.insert("Type".into(), json!(cfn_kind));
        p.insert(
            "Value".into(),
            parameter.get("value").cloned().unwrap_or(json!("")),
        );
        self.add(&id, "AWS::SSM::Parameter", p, playground);
    }

    fn secret(&mut self, name: &str, secret: &Value) {
        let id = self.id(name, "Secret");
        let mut p = Map::new();
        p.insert("Name".into(), json!(name));
        if let Some(s) = secret.get("secretString") {
            p.insert("SecretString".into(), s.clone());
        }
        if let Some(key) = secret.get("kmsKeyId") {
            p.insert("KmsKeyId".into(), key.clone());
        }
        self.add(&id, "AWS::SecretsManager::Secret", p, Map::new());
        if let Some(policy) = secret.get("resourcePolicy") {
            let mut rp = Map::new();
            rp.insert("SecretId".into(), reference(&id));
            rp.insert("ResourcePolicy".into(), policy.clone());
            let policy_id = self.id(name, "SecretPolicy");
            self.add(
                &policy_id,
                "AWS::SecretsManager::ResourcePolicy",
                rp,
                Map::new(),
            );
        }
    }

    fn table(&mut self, name: &str, table: &Value) {
        let id = self.id(name, "Table");
        let mut keys = vec![("HASH", table.get("partitionKey"))];
        if let Some(sort) = table.get("sortKey") {
            keys.push(("RANGE", Some(sort)));
        }
        let definitions = keys
            .iter()
            .map(|(_, k)| json!({"AttributeName": k, "AttributeType": "S"}))
            .collect();
        let schema = keys
            .iter()
            .map(|(t, k)| json!({"AttributeName": k, "KeyType": t}))
            .collect();
        let mut p = Map::new();
        p.insert("TableName".into(), json!(name));
        p.insert("BillingMode".into(), json!("PAY_PER_REQUEST"));
        p.insert("AttributeDefinitions".into(), Value::Array(definitions));
        p.insert("KeySchema".into(), Value::Array(schema));
        if let Some(policy) = table.get("resourcePolicy") {
            p.insert("ResourcePolicy".into(), json!({"PolicyDocument": policy}));
        }
        let mut playground = Map::new();
        if let Some(items) = table.get("items") {
            playground.insert("items".into(), items.clone());
        }
        self.add(&id, "AWS::DynamoDB::Table", p, playground);
    }

    fn function(&mut self, name: &str, function: &Value, role_ids: &Map<String, Value>) {
        let id = self.id(name, "Function");
        let mut playground = Map::new();
        if let Some(b) = function.get("behavior") {
            playground.insert("behavior".into(), b.clone());
        }
        let role = match function.get("roleName").and_then(Value::as_str) {
            Some(role) => self.role_arn(role, role_ids),
            None => {
                let role_id = self.id(name, "ExecutionRole");
                let mut p = Map::new();
                p.insert("AssumeRolePolicyDocument".into(), json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}));
                self.add(&role_id, "AWS::IAM::Role", p, Map::new());
                if let Some(Value::Object(r)) = self.resources.get_mut(&role_id) {
                    r.insert("Metadata".into(), json!({ METADATA_KEY: {"skip": "the function's role for deployment: the scenario's function has none"} }));
                }
                get_att(&role_id, "Arn")
            }
        };
        let mut p = Map::new();
        p.insert("FunctionName".into(), json!(name));
        p.insert("Runtime".into(), json!("python3.12"));
        p.insert("Handler".into(), json!("index.handler"));
        p.insert("Code".into(), json!({"ZipFile": "def handler(event, context):\n    # The playground runs the behaviour in Metadata.SfnPlayground.behavior.\n    return event\n"}));
        p.insert("Role".into(), role);
        let policy = function.get("resourcePolicy");
        let permissions = policy.and_then(|d| self.permissions(name, d));
        if policy.is_some() && permissions.is_none() {
            playground.insert("resourcePolicy".into(), policy.cloned().unwrap_or_default());
        }
        self.add(&id, "AWS::Lambda::Function", p, playground);
        for (sid, permission) in permissions.unwrap_or_default() {
            let mut p = permission;
            p.insert("FunctionName".into(), reference(&id));
            let pid = if self.resources.contains_key(&sid) {
                self.id(&sid, "")
            } else {
                sid
            };
            self.add(&pid, "AWS::Lambda::Permission", p, Map::new());
        }
    }

    /// A resource policy as `AWS::Lambda::Permission` properties, one per statement, when
    /// each statement is one a permission writes (else `None`: the policy goes in metadata).
    fn permissions(
        &self,
        function: &str,
        doc: &Value,
    ) -> Option<Vec<(String, Map<String, Value>)>> {
        let map = doc.as_object()?;
        if map.keys().any(|k| k != "Version" && k != "Statement")
            || map.get("Version")? != "2012-10-17"
        {
            return None;
        }
        let arn = format!(
            "arn:aws:lambda:{}:{}:function:{function}",
            self.region, self.account
        );
        let mut out = Vec::new();
        for s in map.get("Statement")?.as_array()? {
            let s = s.as_object()?;
            if s.keys().any(|k| {
                !matches!(
                    k.as_str(),
                    "Sid" | "Effect" | "Principal" | "Action" | "Resource" | "Condition"
                )
            }) {
                return None;
            }
            let sid = s.get("Sid")?.as_str()?;
            let valid_id = !sid.is_empty() && sid.chars().all(|c| c.is_ascii_alphanumeric());
            if !valid_id
                || s.get("Effect")? != "Allow"
                || s.get("Resource")?.as_str()? != arn
                || self.resources.contains_key(sid)
            {
                return None;
            }
            let principal = s.get("Principal")?.as_object()?;
            let principal = match (
                principal.len(),
                principal.get("AWS"),
                principal.get("Service"),
            ) {
                (1, Some(Value::String(p)), None) if !p.ends_with(":root") => p.clone(),
                (1, None, Some(Value::String(p))) if p.ends_with(".amazonaws.com") => p.clone(),
                _ => return None,
            };
            let mut p = Map::new();
            p.insert("Action".into(), json!(s.get("Action")?.as_str()?));
            p.insert("Principal".into(), json!(principal));
            if let Some(condition) = s.get("Condition") {
                let c = condition.as_object()?;
                for (op, keys) in c {
                    let keys = keys.as_object().filter(|k| k.len() == 1)?;
                    match (
                        op.as_str(),
                        keys.get("AWS:SourceArn"),
                        keys.get("AWS:SourceAccount"),
                    ) {
                        ("ArnLike", Some(Value::String(v)), None) => {
                            p.insert("SourceArn".into(), json!(v))
                        }
                        ("StringEquals", None, Some(Value::String(v))) => {
                            p.insert("SourceAccount".into(), json!(v))
                        }
                        _ => return None,
                    };
                }
            }
            out.push((sid.to_string(), p));
        }
        Some(out)
    }

    fn policied(
        &mut self,
        name: &str,
        body: &Value,
        kind: &str,
        type_: &str,
        name_key: &str,
        policy: (&str, &str),
    ) {
        let id = self.id(name, kind);
        let mut p = Map::new();
        p.insert(name_key.into(), json!(name));
        if let Some(key) = body.get("kmsKeyId") {
            p.insert("KmsMasterKeyId".into(), key.clone());
        }
        self.add(&id, type_, p, Map::new());
        if let Some(doc) = body.get("resourcePolicy") {
            let mut pp = Map::new();
            pp.insert(policy.1.into(), json!([reference(&id)]));
            pp.insert("PolicyDocument".into(), doc.clone());
            let pid = self.id(name, &format!("{kind}Policy"));
            self.add(&pid, policy.0, pp, Map::new());
        }
    }

    /// A KMS key with its key policy (its key id in the metadata: CloudFormation assigns
    /// one), and an `AWS::KMS::Alias` per alias.
    fn kms_key(&mut self, key_id: &str, key: &Value) {
        let id = self.id(key_id, "Key");
        let mut p = Map::new();
        if let Some(d) = key.get("description") {
            p.insert("Description".into(), d.clone());
        }
        p.insert(
            "KeyPolicy".into(),
            key.get("keyPolicy").cloned().unwrap_or_default(),
        );
        let mut playground = Map::new();
        playground.insert("keyId".into(), json!(key_id));
        self.add(&id, "AWS::KMS::Key", p, playground);
        let aliases = key.get("aliases").and_then(Value::as_array);
        for (i, alias) in aliases.into_iter().flatten().enumerate() {
            let mut a = Map::new();
            a.insert("AliasName".into(), alias.clone());
            a.insert("TargetKeyId".into(), reference(&id));
            let alias_id = self.id(key_id, &format!("Alias{}", i + 1));
            self.add(&alias_id, "AWS::KMS::Alias", a, Map::new());
        }
    }

    /// A REST API (see [`crate::export_api`]).
    fn rest_api(&mut self, api_id: &str, api: &Value, role_ids: &Map<String, Value>) {
        let name = api.get("name").and_then(Value::as_str).unwrap_or(api_id);
        let id = self.id(name, "RestApi");
        let role_arn = |role: &str| self.role_arn(role, role_ids);
        let target = crate::export_api::ApiTarget {
            region: self.region,
            account: self.account,
            role_arn: &role_arn,
        };
        let mut p = Map::new();
        p.insert("Name".into(), json!(name));
        p.insert("Body".into(), crate::export_api::body(&target, api));
        if let Some(policy) = api.get("resourcePolicy") {
            p.insert("Policy".into(), policy.clone());
        }
        let mut playground = Map::new();
        playground.insert("apiId".into(), json!(api_id));
        self.add(&id, "AWS::ApiGateway::RestApi", p, playground);
        let stages = api.get("stages").and_then(Value::as_array);
        let stages: Vec<&str> = stages
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if stages.is_empty() {
            return;
        }
        let deployment = self.id(name, "Deployment");
        let mut d = Map::new();
        d.insert("RestApiId".into(), reference(&id));
        self.add(&deployment, "AWS::ApiGateway::Deployment", d, Map::new());
        for stage in stages {
            let mut s = Map::new();
            s.insert("RestApiId".into(), reference(&id));
            s.insert("DeploymentId".into(), reference(&deployment));
            s.insert("StageName".into(), json!(stage));
            let stage_id = self.id(&format!("{name}{stage}"), "Stage");
            self.add(&stage_id, "AWS::ApiGateway::Stage", s, Map::new());
        }
    }

    fn bucket(&mut self, name: &str, bucket: &Value) {
        let id = self.id(name, "Bucket");
        let mut p = Map::new();
        p.insert("BucketName".into(), json!(name));
        let mut playground = Map::new();
        if let Some(objects) = bucket.get("objects") {
            playground.insert("objects".into(), objects.clone());
        }
        self.add(&id, "AWS::S3::Bucket", p, playground);
        if let Some(doc) = bucket.get("resourcePolicy") {
            let mut pp = Map::new();
            pp.insert("Bucket".into(), reference(&id));
            pp.insert("PolicyDocument".into(), doc.clone());
            let pid = self.id(name, "BucketPolicy");
            self.add(&pid, "AWS::S3::BucketPolicy", pp, Map::new());
        }
    }
}
