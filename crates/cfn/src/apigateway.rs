//! API Gateway REST APIs into the scenario's `restApis`: `AWS::ApiGateway::RestApi` (its
//! `Policy`, and its `Body` read as an OpenAPI definition), `AWS::ApiGateway::Resource`
//! and `Method` (the resource tree gives the path; the `Integration` an AWS service
//! integration with Step Functions or a Lambda proxy, with its `Credentials`), `Stage` and
//! `Deployment` (their `StageName`), and SAM's `AWS::Serverless::Api` (`StageName`,
//! `DefinitionBody` with `x-amazon-apigateway-integration` and
//! `x-amazon-apigateway-policy`, `Auth.DefaultAuthorizer: AWS_IAM` and
//! `Auth.ResourcePolicy.CustomStatements`), and a SAM function's `Api` events. The API's
//! id is its metadata's `apiId`, or the id CloudFormation would generate.

use crate::import::{Importer, Resource};
use crate::map::document;
use crate::unmapped::UnmappedKind;
use serde_json::{json, Map, Value};

/// The key order of one API in the scenario.
pub(crate) const API_KEYS: [&str; 4] = ["name", "stages", "methods", "resourcePolicy"];

/// OpenAPI operation keys and the HTTP method each is.
fn http_method(verb: &str) -> Option<&'static str> {
    Some(match verb.to_ascii_lowercase().as_str() {
        "get" => "GET",
        "post" => "POST",
        "put" => "PUT",
        "delete" => "DELETE",
        "patch" => "PATCH",
        "head" => "HEAD",
        "options" => "OPTIONS",
        "x-amazon-apigateway-any-method" | "any" => "ANY",
        _ => return None,
    })
}

/// The logical id a raw `{"Ref": ID}` names.
fn ref_id(raw: Option<&Value>) -> Option<&str> {
    raw?.get("Ref")?.as_str()
}

/// The logical id of a raw `Fn::GetAtt` of the `RootResourceId` of an API.
fn root_of(raw: &Value) -> Option<&str> {
    match raw.get("Fn::GetAtt")? {
        Value::Array(parts) => match parts.as_slice() {
            [Value::String(id), Value::String(attribute)] if attribute == "RootResourceId" => {
                Some(id)
            }
            _ => None,
        },
        Value::String(dotted) => dotted.strip_suffix(".RootResourceId"),
        _ => None,
    }
}

impl Importer {
    /// An `AWS::ApiGateway::RestApi`.
    pub(crate) fn rest_api(&mut self, r: &Resource) {
        let mut api = self.new_api(r, "Name");
        if r.properties.contains_key("BodyS3Location") {
            self.ignore(r, &["BodyS3Location"]);
            self.note(&format!("{}/Properties/BodyS3Location", r.pointer), Some(&r.id), UnmappedKind::Skipped, "BodyS3Location: the OpenAPI definition is in S3, not in the template; paste it as Body");
        }
        if let Some(body) = self.prop(r, "Body") {
            let at = format!("{}/Properties/Body", r.pointer);
            self.openapi(r, &at, &body, &mut api, "NONE");
        }
        if let Some(policy) = self.prop(r, "Policy").and_then(document) {
            api.insert("resourcePolicy".into(), self.expanded(r, policy));
        }
        self.ignore(r, &["Description", "EndpointConfiguration", "Tags"]);
        let id = self.name_of(&r.id);
        self.out.rest_apis.insert(id, Value::Object(api));
    }

    /// An `AWS::Serverless::Api`: its stage, its OpenAPI `DefinitionBody` and its `Auth`.
    pub(crate) fn sam_api(&mut self, r: &Resource) {
        let mut api = self.new_api(r, "Name");
        if let Some(stage) = self.prop_str(r, "StageName") {
            api.insert("stages".into(), json!([stage]));
        }
        if r.properties.contains_key("DefinitionUri") {
            self.ignore(r, &["DefinitionUri"]);
            self.note(&format!("{}/Properties/DefinitionUri", r.pointer), Some(&r.id), UnmappedKind::Skipped, "DefinitionUri: the OpenAPI definition is in a file or S3, not in the template; paste it as DefinitionBody");
        }
        let auth = self.prop(r, "Auth").unwrap_or(Value::Null);
        let default_auth = match auth.get("DefaultAuthorizer").and_then(Value::as_str) {
            Some("AWS_IAM") => "AWS_IAM",
            _ => "NONE",
        };
        if let Some(body) = self.prop(r, "DefinitionBody") {
            let at = format!("{}/Properties/DefinitionBody", r.pointer);
            self.openapi(r, &at, &body, &mut api, default_auth);
        }
        if let Some(policy) = auth.get("ResourcePolicy") {
            self.sam_resource_policy(r, policy, &mut api);
        }
        self.ignore(
            r,
            &[
                "Description",
                "EndpointConfiguration",
                "Tags",
                "OpenApiVersion",
            ],
        );
        let id = self.name_of(&r.id);
        self.out.rest_apis.insert(id, Value::Object(api));
    }

    /// An API with its name and no stage or method yet.
    fn new_api(&mut self, r: &Resource, name_key: &str) -> Map<String, Value> {
        let name = self.prop_str(r, name_key).unwrap_or_else(|| r.id.clone());
        let mut api = Map::new();
        api.insert("name".into(), Value::String(name));
        api.insert("stages".into(), json!([]));
        api.insert("methods".into(), json!({}));
        api
    }

    /// SAM's `Auth.ResourcePolicy`: its `CustomStatements` (an `execute-api:/…` resource
    /// expands to the API's ARN); the other keys are noted.
    fn sam_resource_policy(&mut self, r: &Resource, policy: &Value, api: &mut Map<String, Value>) {
        let at = format!("{}/Properties/Auth/ResourcePolicy", r.pointer);
        let Some(map) = policy.as_object() else {
            return;
        };
        for key in map.keys().filter(|k| *k != "CustomStatements") {
            self.note(
                &format!("{at}/{key}"),
                Some(&r.id),
                UnmappedKind::Skipped,
                format!("{key} is not imported: give the statement as CustomStatements"),
            );
        }
        let statements = match map.get("CustomStatements") {
            Some(Value::Array(items)) => items.clone(),
            Some(one @ Value::Object(_)) => vec![one.clone()],
            _ => return,
        };
        let policy = json!({"Version": "2012-10-17", "Statement": statements});
        api.insert("resourcePolicy".into(), self.expanded(r, policy));
    }

    /// A resource policy with each `execute-api:/…` resource written as the API's ARN
    /// (`arn:aws:execute-api:REGION:ACCOUNT:ID/…`), as API Gateway expands it.
    fn expanded(&self, r: &Resource, mut policy: Value) -> Value {
        let arn = format!(
            "arn:aws:execute-api:{}:{}:{}/",
            self.ctx.region,
            self.ctx.account,
            self.name_of(&r.id)
        );
        let expand = |v: &Value| match v.as_str().and_then(|s| s.strip_prefix("execute-api:/")) {
            Some(rest) => Value::String(format!("{arn}{rest}")),
            None => v.clone(),
        };
        let statements = match policy.get_mut("Statement") {
            Some(Value::Array(items)) => items.iter_mut().collect::<Vec<_>>(),
            Some(one @ Value::Object(_)) => vec![one],
            _ => Vec::new(),
        };
        for statement in statements {
            for key in ["Resource", "NotResource"] {
                if let Some(resource) = statement.get_mut(key) {
                    let expanded = match &*resource {
                        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
                        other => expand(other),
                    };
                    *resource = expanded;
                }
            }
        }
        policy
    }

    /// The methods of an OpenAPI definition, and its `x-amazon-apigateway-policy`.
    fn openapi(
        &mut self,
        r: &Resource,
        at: &str,
        body: &Value,
        api: &mut Map<String, Value>,
        default_auth: &str,
    ) {
        let schemes = body
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .or_else(|| body.get("securityDefinitions"))
            .and_then(Value::as_object);
        let sigv4: Vec<&str> = schemes
            .into_iter()
            .flatten()
            .filter(|(_, s)| {
                s.get("x-amazon-apigateway-authtype")
                    .and_then(Value::as_str)
                    == Some("awsSigv4")
            })
            .map(|(name, _)| name.as_str())
            .collect();
        let signed = |security: Option<&Value>| {
            security.and_then(Value::as_array).is_some_and(|list| {
                list.iter().any(|req| {
                    req.as_object()
                        .is_some_and(|m| m.keys().any(|k| sigv4.contains(&k.as_str())))
                })
            })
        };
        let global = body.get("security");
        let mut methods = Map::new();
        for (path, ops) in body
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for (verb, op) in ops.as_object().into_iter().flatten() {
                let Some(http) = http_method(verb) else {
                    continue;
                };
                let op_at = format!(
                    "{at}/paths/{}/{}",
                    jsonloc::pointer_push("", path).trim_start_matches('/'),
                    verb
                );
                let iam = op
                    .get("x-amazon-apigateway-auth")
                    .and_then(|a| a.get("type"))
                    == Some(&json!("AWS_IAM"));
                let auth = if iam || signed(op.get("security").or(global)) {
                    "AWS_IAM"
                } else {
                    default_auth
                };
                let Some(integration) = op.get("x-amazon-apigateway-integration") else {
                    self.note(
                        &op_at,
                        Some(&r.id),
                        UnmappedKind::Skipped,
                        format!(
                            "{http} {path} has no x-amazon-apigateway-integration: not imported"
                        ),
                    );
                    continue;
                };
                let at = format!("{op_at}/x-amazon-apigateway-integration");
                if let Some(integration) = self.integration(r, &at, integration) {
                    methods.insert(
                        format!("{http} {path}"),
                        json!({"authorization": auth, "integration": integration}),
                    );
                }
            }
        }
        api.insert("methods".into(), Value::Object(methods));
        if let Some(policy) = body
            .get("x-amazon-apigateway-policy")
            .cloned()
            .and_then(document)
        {
            api.insert("resourcePolicy".into(), self.expanded(r, policy));
        }
    }

    /// An integration (OpenAPI's lower-case keys, or a Method's `Integration`) as the
    /// scenario's: Step Functions `StartExecution`/`StartSyncExecution` (the state machine
    /// named in the request template) or a Lambda proxy; anything else is noted.
    fn integration(&mut self, r: &Resource, at: &str, integration: &Value) -> Option<Value> {
        let get = |lower: &str, upper: &str| integration.get(lower).or(integration.get(upper));
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
        let kind = text(get("type", "Type")).to_ascii_lowercase();
        let uri = text(get("uri", "Uri"));
        let mut out = Map::new();
        if kind == "aws_proxy" && uri.contains(":lambda:path/") {
            let function = uri
                .split(":function:")
                .nth(1)
                .and_then(|rest| rest.split(['/', ':']).next())
                .unwrap_or_default();
            out.insert("type".into(), json!("LambdaProxy"));
            out.insert("function".into(), json!(function));
        } else if kind == "aws"
            && (uri.ends_with("states:action/StartExecution")
                || uri.ends_with("states:action/StartSyncExecution"))
        {
            let templates = get("requestTemplates", "RequestTemplates")
                .cloned()
                .unwrap_or_default();
            let machine = templates
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
                .filter_map(Value::as_str)
                .find_map(|t| {
                    let rest = t.split(":stateMachine:").nth(1)?;
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    Some(name)
                });
            let Some(machine) = machine else {
                self.note(at, Some(&r.id), UnmappedKind::Skipped, "the integration's request template names no state machine (arn:…:stateMachine:NAME): not imported");
                return None;
            };
            let action = uri.rsplit('/').next().unwrap_or_default();
            out.insert("type".into(), json!(action));
            out.insert("stateMachine".into(), json!(machine));
        } else {
            self.note(at, Some(&r.id), UnmappedKind::Skipped, format!("the integration ({kind} {uri}) is not one the playground simulates: Step Functions StartExecution or StartSyncExecution (type aws), or a Lambda proxy (aws_proxy)"));
            return None;
        }
        if let Some(credentials) = get("credentials", "Credentials").and_then(Value::as_str) {
            let prefix = format!("arn:aws:iam::{}:role/", self.ctx.account);
            match credentials.strip_prefix(&prefix) {
                Some(rest) => {
                    let role = rest.rsplit('/').next().unwrap_or(rest);
                    out.insert("credentialsRole".into(), json!(role));
                }
                None => self.note(
                    at,
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    format!(
                        "the credentials {credentials} are not a role of account {}: not imported",
                        self.ctx.account
                    ),
                ),
            }
        }
        Some(Value::Object(out))
    }

    /// The API (its id in the scenario) a raw `RestApiId` names, if it was imported.
    fn api_of(&mut self, r: &Resource) -> Option<String> {
        self.ignore(r, &["RestApiId"]);
        let id = ref_id(r.properties.get("RestApiId")).map(|id| self.name_of(id));
        match id {
            Some(id) if self.out.rest_apis.contains_key(&id) => Some(id),
            _ => {
                self.note(
                    &format!("{}/Properties/RestApiId", r.pointer),
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    "RestApiId does not name a REST API of this template: not imported",
                );
                None
            }
        }
    }

    /// The path of a raw `ResourceId`/`ParentId`: the API's root, or an
    /// `AWS::ApiGateway::Resource` under it; `depth` stops a cycle.
    fn resource_path(&self, raw: &Value, depth: usize) -> Option<String> {
        if root_of(raw).is_some() {
            return Some(String::new());
        }
        let id = ref_id(Some(raw))?;
        let resource = self.source.value.get("Resources")?.get(id)?;
        if depth > 64
            || resource.get("Type").and_then(Value::as_str) != Some("AWS::ApiGateway::Resource")
        {
            return None;
        }
        let properties = resource.get("Properties")?;
        let parent = self.resource_path(properties.get("ParentId")?, depth + 1)?;
        let part = properties.get("PathPart")?.as_str()?;
        Some(format!("{parent}/{part}"))
    }

    /// An `AWS::ApiGateway::Method`.
    pub(crate) fn api_method(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "ResourceId",
                "MethodResponses",
                "OperationName",
                "RequestParameters",
                "RequestModels",
                "ApiKeyRequired",
                "Integration",
                "HttpMethod",
                "AuthorizationType",
            ],
        );
        let Some(api) = self.api_of(r) else {
            return;
        };
        let path = r
            .properties
            .get("ResourceId")
            .and_then(|raw| self.resource_path(raw, 0));
        let Some(path) = path else {
            self.note(&format!("{}/Properties/ResourceId", r.pointer), Some(&r.id), UnmappedKind::Skipped, "ResourceId names neither the API's RootResourceId nor an AWS::ApiGateway::Resource of this template: not imported");
            return;
        };
        let path = if path.is_empty() {
            "/".to_string()
        } else {
            path
        };
        let http = self
            .prop_str(r, "HttpMethod")
            .unwrap_or_default()
            .to_ascii_uppercase();
        let auth = self
            .prop_str(r, "AuthorizationType")
            .unwrap_or_else(|| "NONE".into());
        if !matches!(auth.as_str(), "NONE" | "AWS_IAM") {
            self.note(&format!("{}/Properties/AuthorizationType", r.pointer), Some(&r.id), UnmappedKind::Skipped, format!("authorization {auth} is not simulated (NONE and AWS_IAM are): the method is not imported"));
            return;
        }
        let Some(integration) = self.prop(r, "Integration") else {
            self.skip(r, "the method has no Integration");
            return;
        };
        let at = format!("{}/Properties/Integration", r.pointer);
        let Some(integration) = self.integration(r, &at, &integration) else {
            return;
        };
        if let Some(methods) = self
            .out
            .rest_apis
            .get_mut(&api)
            .and_then(|a| a.get_mut("methods"))
            .and_then(Value::as_object_mut)
        {
            methods.insert(
                format!("{http} {path}"),
                json!({"authorization": auth, "integration": integration}),
            );
        }
    }

    /// An `AWS::ApiGateway::Stage` or `Deployment`: its `StageName` is a stage of the API.
    pub(crate) fn api_stage(&mut self, r: &Resource) {
        self.ignore(
            r,
            &[
                "DeploymentId",
                "Description",
                "StageDescription",
                "MethodSettings",
                "Variables",
                "TracingEnabled",
                "Tags",
            ],
        );
        let Some(stage) = self.prop_str(r, "StageName") else {
            self.ignore(r, &["RestApiId"]);
            return;
        };
        let Some(api) = self.api_of(r) else {
            return;
        };
        if let Some(stages) = self
            .out
            .rest_apis
            .get_mut(&api)
            .and_then(|a| a.get_mut("stages"))
            .and_then(Value::as_array_mut)
        {
            if !stages.contains(&json!(stage)) {
                stages.push(json!(stage));
            }
        }
    }
}

impl Importer {
    /// The `Api` events of an `AWS::Serverless::Function`, as SAM expands them: a Lambda
    /// proxy method on the API its `RestApiId` names (or on the implicit
    /// `ServerlessRestApi`, stage `Prod`), and a statement of the function's resource policy
    /// letting `apigateway.amazonaws.com` invoke it from that method
    /// (`aws:SourceArn` `arn:aws:execute-api:REGION:ACCOUNT:ID/*/METHOD/PATH`).
    pub(crate) fn sam_api_events(&mut self, r: &Resource) {
        let Some(Value::Object(events)) = r.properties.get("Events") else {
            return;
        };
        let function = self.name_of(&r.id);
        for (event_id, event) in events {
            if event.get("Type").and_then(Value::as_str) != Some("Api") {
                continue;
            }
            let at = format!("{}/Properties/Events/{event_id}", r.pointer);
            let properties = event.get("Properties").cloned().unwrap_or_default();
            let text = |key: &str| {
                properties
                    .get(key)
                    .and_then(Value::as_str)
                    .map(String::from)
            };
            let (Some(path), Some(method)) = (text("Path"), text("Method")) else {
                self.note(
                    &at,
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    "an Api event needs Path and Method: not imported",
                );
                continue;
            };
            let http = match method.to_ascii_lowercase().as_str() {
                "any" => "ANY".to_string(),
                m => m.to_ascii_uppercase(),
            };
            let api = match ref_id(properties.get("RestApiId")) {
                Some(id) => self.name_of(id),
                None => self.implicit_api(),
            };
            let auth = match properties.get("Auth").and_then(|a| a.get("Authorizer")) {
                Some(Value::String(a)) if a == "AWS_IAM" => "AWS_IAM",
                _ => "NONE",
            };
            let Some(methods) = self
                .out
                .rest_apis
                .get_mut(&api)
                .and_then(|a| a.get_mut("methods"))
                .and_then(Value::as_object_mut)
            else {
                self.note(
                    &at,
                    Some(&r.id),
                    UnmappedKind::Skipped,
                    "RestApiId does not name a REST API of this template: not imported",
                );
                continue;
            };
            methods.insert(
                format!("{http} {path}"),
                json!({"authorization": auth, "integration": {"type": "LambdaProxy", "function": function}}),
            );
            let arn_path: String = path
                .split('/')
                .map(|s| if s.starts_with('{') { "*" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let verb = if http == "ANY" { "*" } else { http.as_str() };
            let source = format!(
                "arn:aws:execute-api:{}:{}:{api}/*/{verb}{arn_path}",
                self.ctx.region, self.ctx.account
            );
            let statement = json!({
                "Sid": format!("{}{event_id}Permission", r.id),
                "Effect": "Allow",
                "Principal": {"Service": "apigateway.amazonaws.com"},
                "Action": "lambda:InvokeFunction",
                "Resource": format!("arn:aws:lambda:{}:{}:function:{function}", self.ctx.region, self.ctx.account),
                "Condition": {"ArnLike": {"AWS:SourceArn": source}},
            });
            if let Some(f) = self
                .out
                .lambda_functions
                .get_mut(&function)
                .and_then(Value::as_object_mut)
            {
                let policy = f
                    .entry("resourcePolicy")
                    .or_insert_with(|| json!({"Version": "2012-10-17", "Statement": []}));
                if let Some(Value::Array(statements)) = policy.get_mut("Statement") {
                    statements.push(statement);
                }
            }
        }
    }

    /// The id of SAM's implicit `ServerlessRestApi` (stage `Prod`), added when first needed.
    fn implicit_api(&mut self) -> String {
        let id =
            crate::physical::name(&self.ctx, "AWS::Serverless::Api", "ServerlessRestApi", None)
                .unwrap_or_default();
        if !self.out.rest_apis.contains_key(&id) {
            let api = json!({"name": self.ctx.stack, "stages": ["Prod"], "methods": {}});
            self.out.rest_apis.insert(id.clone(), api);
        }
        id
    }
}
