//! A scenario's REST API as CloudFormation: an `AWS::ApiGateway::RestApi` whose `Body` is
//! the OpenAPI definition of its methods (`x-amazon-apigateway-integration`, a `sigv4`
//! security scheme for `AWS_IAM`), its `Policy`, its id in the metadata (CloudFormation
//! assigns one), then one `AWS::ApiGateway::Deployment` and an `AWS::ApiGateway::Stage`
//! per stage.

use serde_json::{json, Map, Value};

/// Where the API lives and how its integration roles are referred to.
pub(crate) struct ApiTarget<'a> {
    pub(crate) region: &'a str,
    pub(crate) account: &'a str,
    /// A role's ARN as the template refers to it (`Fn::GetAtt` of its logical id).
    pub(crate) role_arn: &'a dyn Fn(&str) -> Value,
}

/// The OpenAPI operation key of an HTTP method.
fn verb(http: &str) -> String {
    match http {
        "ANY" => "x-amazon-apigateway-any-method".into(),
        other => other.to_ascii_lowercase(),
    }
}

/// One method's `x-amazon-apigateway-integration`.
fn integration(t: &ApiTarget, integration: &Value) -> Value {
    let (region, account) = (t.region, t.account);
    let kind = integration
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut out = Map::new();
    match kind {
        "LambdaProxy" => {
            let function = integration
                .get("function")
                .and_then(Value::as_str)
                .unwrap_or_default();
            out.insert("type".into(), json!("aws_proxy"));
            out.insert("httpMethod".into(), json!("POST"));
            out.insert("uri".into(), json!(format!("arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:{account}:function:{function}/invocations")));
        }
        action => {
            let machine = integration
                .get("stateMachine")
                .and_then(Value::as_str)
                .unwrap_or_default();
            out.insert("type".into(), json!("aws"));
            out.insert("httpMethod".into(), json!("POST"));
            out.insert(
                "uri".into(),
                json!(format!(
                    "arn:aws:apigateway:{region}:states:action/{action}"
                )),
            );
            let template = format!("{{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"arn:aws:states:{region}:{account}:stateMachine:{machine}\"}}");
            out.insert(
                "requestTemplates".into(),
                json!({"application/json": template}),
            );
        }
    }
    if let Some(role) = integration.get("credentialsRole").and_then(Value::as_str) {
        out.insert("credentials".into(), (t.role_arn)(role));
    }
    Value::Object(out)
}

/// The OpenAPI definition of `api`'s methods.
pub(crate) fn body(t: &ApiTarget, api: &Value) -> Value {
    let mut paths: Map<String, Value> = Map::new();
    let mut signed = false;
    for (key, method) in api
        .get("methods")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let Some((http, path)) = key.split_once(' ') else {
            continue;
        };
        let mut op = Map::new();
        if method.get("authorization").and_then(Value::as_str) == Some("AWS_IAM") {
            signed = true;
            op.insert("security".into(), json!([{"sigv4": []}]));
        }
        op.insert(
            "x-amazon-apigateway-integration".into(),
            integration(t, method.get("integration").unwrap_or(&Value::Null)),
        );
        if let Value::Object(ops) = paths.entry(path.to_string()).or_insert_with(|| json!({})) {
            ops.insert(verb(http), Value::Object(op));
        }
    }
    let mut body = Map::new();
    body.insert("openapi".into(), json!("3.0.1"));
    body.insert(
        "info".into(),
        json!({"title": api.get("name").cloned().unwrap_or_default(), "version": "1.0"}),
    );
    body.insert("paths".into(), Value::Object(paths));
    if signed {
        body.insert("components".into(), json!({"securitySchemes": {"sigv4": {"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}}}));
    }
    Value::Object(body)
}
