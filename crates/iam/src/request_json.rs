//! The `sfn-play authorize` request shape, parsed into owned, compiled parts:
//! `{"request": {"principal", "action", "resource": {"resource", "accountId", "awsManaged"?},
//! "context"}, "identityPolicies": [doc], "resourcePolicy": doc, "resourcePolicyKind":
//! "resource"|"trust"|"kmsKey" (inferred from the action and resource when absent),
//! "permissionBoundaries": [doc], "sessionPolicy": doc,
//! "serviceControlPolicies": [{"orgIdentifier", "policies": [doc]}],
//! "resourceControlPolicies": [same], "managementAccount": "ACCOUNT"}`. RCPs do not
//! affect the management account's resources nor AWS managed ones (`awsManaged`).

use crate::action::is_service_qualified;
use crate::caller::Caller;
use crate::context::RequestContext;
use crate::error::{RequestError, RequestErrorKind};
use crate::explain::Decision;
use crate::policy::Policy;
use crate::request::{AuthorizationRequest, OrgLevel, PolicyRef, ResourcePolicyKind};
use serde_json::{Map, Value};

/// A policy owned by a [`RequestDocument`], with its name and place in the document.
#[derive(Debug, Clone)]
pub struct NamedPolicy {
    /// The name explanations use (the policy's `Id`, or one made from its place).
    pub name: String,
    /// The compiled policy.
    pub policy: Policy,
    /// Where the policy sits in the document (a JSON pointer).
    pub pointer: String,
}

impl NamedPolicy {
    /// The reference an [`AuthorizationRequest`] takes, with this policy's name and place.
    pub fn policy_ref(&self) -> PolicyRef<'_> {
        PolicyRef {
            name: &self.name,
            policy: &self.policy,
            source: Some(&self.pointer),
        }
    }
}

#[derive(Debug, Clone)]
struct OwnedLevel {
    id: String,
    policies: Vec<NamedPolicy>,
}

/// One parsed authorization request with its policies.
#[derive(Debug, Clone)]
pub struct RequestDocument {
    principal: Caller,
    action: String,
    resource: String,
    resource_account: Option<String>,
    aws_managed: bool,
    management_account: Option<String>,
    context: RequestContext,
    identity: Vec<NamedPolicy>,
    resource_policy: Option<NamedPolicy>,
    resource_policy_kind: ResourcePolicyKind,
    boundaries: Vec<NamedPolicy>,
    session: Option<NamedPolicy>,
    scps: Option<Vec<OwnedLevel>>,
    rcps: Option<Vec<OwnedLevel>>,
}

const TOP_LEVEL: [&str; 9] = [
    "managementAccount",
    "request",
    "identityPolicies",
    "resourcePolicy",
    "resourcePolicyKind",
    "permissionBoundaries",
    "sessionPolicy",
    "serviceControlPolicies",
    "resourceControlPolicies",
];

fn string<'v>(
    map: &'v Map<String, Value>,
    key: &'static str,
    base: &str,
) -> Result<&'v str, RequestError> {
    match map.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(RequestErrorKind::ExpectedString.at(format!("{base}/{key}"))),
        None => Err(RequestErrorKind::Missing(key).at(base)),
    }
}

fn object<'v>(v: &'v Value, pointer: &str) -> Result<&'v Map<String, Value>, RequestError> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(RequestErrorKind::ExpectedObject.at(pointer)),
    }
}

fn array<'v>(v: &'v Value, pointer: &str) -> Result<&'v [Value], RequestError> {
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(RequestErrorKind::ExpectedArray.at(pointer)),
    }
}

fn named(doc: &Value, pointer: String, fallback: String) -> Result<NamedPolicy, RequestError> {
    let policy = Policy::from_value(doc)
        .map_err(|e| e.map_code(RequestErrorKind::Policy).under(&pointer))?;
    let name = policy.id().map(str::to_string).unwrap_or(fallback);
    Ok(NamedPolicy {
        name,
        policy,
        pointer,
    })
}

fn named_list(
    v: &Value,
    pointer: &str,
    owner: &str,
    label: &str,
) -> Result<Vec<NamedPolicy>, RequestError> {
    array(v, pointer)?
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            named(
                doc,
                format!("{pointer}/{i}"),
                format!("{owner}/{label}[{i}]"),
            )
        })
        .collect()
}

fn levels(v: &Value, pointer: &str, label: &str) -> Result<Vec<OwnedLevel>, RequestError> {
    array(v, pointer)?
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let p = format!("{pointer}/{i}");
            let m = object(level, &p)?;
            let id = string(m, "orgIdentifier", &p)?.to_string();
            let policies = match m.get("policies") {
                Some(list) => named_list(list, &format!("{p}/policies"), &id, label)?,
                None => return Err(RequestErrorKind::Missing("policies").at(p)),
            };
            Ok(OwnedLevel { id, policies })
        })
        .collect()
}

impl RequestDocument {
    /// Parses one request of the `authorize` shape; errors carry a JSON pointer relative
    /// to `value` (use [`RequestError::locate`] with the text for line and column).
    pub fn from_value(value: &Value) -> Result<RequestDocument, RequestError> {
        let doc = object(value, "")?;
        for key in doc.keys() {
            if !TOP_LEVEL.contains(&key.as_str()) {
                return Err(
                    RequestErrorKind::Policy(crate::PolicyErrorKind::UnknownElement(key.clone()))
                        .at(jsonloc::pointer_push("", key)),
                );
            }
        }
        let req = object(
            doc.get("request")
                .ok_or_else(|| RequestErrorKind::Missing("request").at(""))?,
            "/request",
        )?;
        let principal_text = string(req, "principal", "/request")?;
        let principal = Caller::parse(principal_text).map_err(|e| e.under("/request/principal"))?;
        let action = string(req, "action", "/request")?;
        if !is_service_qualified(action) {
            return Err(RequestErrorKind::InvalidAction(action.to_string()).at("/request/action"));
        }
        let mut aws_managed = false;
        let (resource, resource_account) = match req.get("resource") {
            None => ("*".to_string(), None),
            Some(Value::String(s)) => (s.clone(), None),
            Some(v) => {
                let m = object(v, "/request/resource")?;
                let arn = string(m, "resource", "/request/resource")?.to_string();
                let account = match m.get("accountId") {
                    None => None,
                    Some(Value::String(a)) => Some(a.clone()),
                    Some(_) => {
                        return Err(
                            RequestErrorKind::ExpectedString.at("/request/resource/accountId")
                        )
                    }
                };
                aws_managed = match m.get("awsManaged") {
                    None => false,
                    Some(Value::Bool(b)) => *b,
                    Some(_) => {
                        return Err(
                            RequestErrorKind::ExpectedBool.at("/request/resource/awsManaged")
                        )
                    }
                };
                (arn, account)
            }
        };
        let mut context = match req.get("context") {
            None => RequestContext::new(),
            Some(c) => RequestContext::from_json(c).map_err(|e| e.under("/request/context"))?,
        };
        context.add_principal_defaults(&principal);
        let owner = match principal.name() {
            "" => principal.account().to_string(),
            n => n.to_string(),
        };
        let identity = match doc.get("identityPolicies") {
            None => Vec::new(),
            Some(v) => named_list(v, "/identityPolicies", &owner, "identity")?,
        };
        let resource_owner = resource
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(&resource)
            .to_string();
        let resource_policy = match doc.get("resourcePolicy") {
            None | Some(Value::Null) => None,
            Some(v) => Some(named(
                v,
                "/resourcePolicy".into(),
                format!("{resource_owner}/resource-policy"),
            )?),
        };
        let resource_policy_kind = match doc.get("resourcePolicyKind") {
            None => ResourcePolicyKind::infer(action, &resource),
            Some(Value::String(k)) => match k.as_str() {
                "resource" => ResourcePolicyKind::Resource,
                "trust" => ResourcePolicyKind::Trust,
                "kmsKey" => ResourcePolicyKind::KmsKey,
                _ => {
                    return Err(RequestErrorKind::InvalidResourcePolicyKind(k.clone())
                        .at("/resourcePolicyKind"))
                }
            },
            Some(_) => return Err(RequestErrorKind::ExpectedString.at("/resourcePolicyKind")),
        };
        let resource_policy = resource_policy.map(|mut p| {
            if resource_policy_kind == ResourcePolicyKind::Trust && p.policy.id().is_none() {
                p.name = format!("{resource_owner}/trust-policy");
            }
            p
        });
        let boundaries = match doc.get("permissionBoundaries") {
            None => Vec::new(),
            Some(v) => named_list(v, "/permissionBoundaries", &owner, "boundary")?,
        };
        let session = match doc.get("sessionPolicy") {
            None | Some(Value::Null) => None,
            Some(v) => Some(named(
                v,
                "/sessionPolicy".into(),
                format!("{owner}/session-policy"),
            )?),
        };
        let scps = match doc.get("serviceControlPolicies") {
            None | Some(Value::Null) => None,
            Some(v) => Some(levels(v, "/serviceControlPolicies", "scp")?),
        };
        let management_account = match doc.get("managementAccount") {
            None | Some(Value::Null) => None,
            Some(Value::String(a)) => Some(a.clone()),
            Some(_) => return Err(RequestErrorKind::ExpectedString.at("/managementAccount")),
        };
        let rcps = match doc.get("resourceControlPolicies") {
            None | Some(Value::Null) => None,
            Some(v) => Some(levels(v, "/resourceControlPolicies", "rcp")?),
        };
        Ok(RequestDocument {
            principal,
            action: action.to_string(),
            resource,
            resource_account,
            aws_managed,
            management_account,
            context,
            identity,
            resource_policy,
            resource_policy_kind,
            boundaries,
            session,
            scps,
            rcps,
        })
    }

    /// Parses request text; errors carry line and column.
    pub fn parse_text(text: &str) -> Result<RequestDocument, RequestError> {
        let value = jsonloc::parse(text).map_err(RequestErrorKind::syntax)?;
        RequestDocument::from_value(&value).map_err(|e| e.locate(text))
    }

    /// Builds the [`AuthorizationRequest`] over this document's policies and hands it to `f`.
    pub fn with_request<T>(&self, f: impl FnOnce(&AuthorizationRequest<'_>) -> T) -> T {
        let identity: Vec<PolicyRef<'_>> =
            self.identity.iter().map(NamedPolicy::policy_ref).collect();
        let boundaries: Vec<PolicyRef<'_>> = self
            .boundaries
            .iter()
            .map(NamedPolicy::policy_ref)
            .collect();
        let scp_refs = level_refs(self.scps.as_deref());
        let rcp_refs = level_refs(self.rcps.as_deref());
        let scps = org_levels(self.scps.as_deref(), scp_refs.as_deref());
        let rcps = org_levels(self.rcps.as_deref(), rcp_refs.as_deref());
        let mut request =
            AuthorizationRequest::new(&self.principal, &self.action, &self.resource, &self.context);
        request.resource_account = self.resource_account.as_deref();
        request.identity_policies = &identity;
        request.resource_policy = self.resource_policy.as_ref().map(NamedPolicy::policy_ref);
        request.resource_policy_kind = self.resource_policy_kind;
        request.permission_boundaries = &boundaries;
        request.session_policy = self.session.as_ref().map(NamedPolicy::policy_ref);
        request.service_control_policies = scps.as_deref();
        request.resource_control_policies = rcps.as_deref();
        request.management_account = self.management_account.as_deref();
        request.aws_managed_resource = self.aws_managed;
        f(&request)
    }

    /// Evaluates the request and hands the decision to `f` (it borrows the document).
    pub fn evaluate<T>(&self, f: impl FnOnce(&Decision<'_>) -> T) -> T {
        self.with_request(|request| f(&crate::evaluate(request)))
    }
}

fn level_refs(levels: Option<&[OwnedLevel]>) -> Option<Vec<Vec<PolicyRef<'_>>>> {
    levels.map(|ls| {
        ls.iter()
            .map(|l| l.policies.iter().map(NamedPolicy::policy_ref).collect())
            .collect()
    })
}

fn org_levels<'a>(
    owned: Option<&'a [OwnedLevel]>,
    refs: Option<&'a [Vec<PolicyRef<'a>>]>,
) -> Option<Vec<OrgLevel<'a>>> {
    owned.zip(refs).map(|(ls, rs)| {
        ls.iter()
            .zip(rs)
            .map(|(l, r)| OrgLevel {
                id: &l.id,
                policies: r,
            })
            .collect()
    })
}
