//! The `sfn-play authorize` request shape, parsed into owned, compiled parts:
//! `{"request": {"principal", "action", "resource": {"resource", "accountId"}, "context"},
//! "identityPolicies": [doc], "resourcePolicy": doc, "resourcePolicyKind":
//! "resource"|"trust"|"kmsKey", "permissionBoundaries": [doc], "sessionPolicy": doc,
//! "serviceControlPolicies": [{"orgIdentifier", "policies": [doc]}],
//! "resourceControlPolicies": [same]}`.

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
    pub name: String,
    pub policy: Policy,
    pub pointer: String,
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
    context: RequestContext,
    identity: Vec<NamedPolicy>,
    resource_policy: Option<NamedPolicy>,
    resource_policy_kind: ResourcePolicyKind,
    boundaries: Vec<NamedPolicy>,
    session: Option<NamedPolicy>,
    scps: Option<Vec<OwnedLevel>>,
    rcps: Option<Vec<OwnedLevel>>,
}

const TOP_LEVEL: [&str; 8] = [
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
        Some(_) => Err(RequestError::new(
            &format!("{base}/{key}"),
            RequestErrorKind::ExpectedString,
        )),
        None => Err(RequestError::new(base, RequestErrorKind::Missing(key))),
    }
}

fn object<'v>(v: &'v Value, pointer: &str) -> Result<&'v Map<String, Value>, RequestError> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(RequestError::new(pointer, RequestErrorKind::ExpectedObject)),
    }
}

fn array<'v>(v: &'v Value, pointer: &str) -> Result<&'v [Value], RequestError> {
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(RequestError::new(pointer, RequestErrorKind::ExpectedArray)),
    }
}

fn named(doc: &Value, pointer: String, fallback: String) -> Result<NamedPolicy, RequestError> {
    let policy = Policy::from_value(doc).map_err(|e| RequestError::from(e).under(&pointer))?;
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
                None => return Err(RequestError::new(&p, RequestErrorKind::Missing("policies"))),
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
                return Err(RequestError::new(
                    &jsonloc::pointer_push("", key),
                    RequestErrorKind::Policy(crate::PolicyErrorKind::UnknownElement(key.clone())),
                ));
            }
        }
        let req = object(
            doc.get("request")
                .ok_or_else(|| RequestError::new("", RequestErrorKind::Missing("request")))?,
            "/request",
        )?;
        let principal_text = string(req, "principal", "/request")?;
        let principal = Caller::parse(principal_text).map_err(|e| e.under("/request/principal"))?;
        let action = string(req, "action", "/request")?;
        if !action
            .split_once(':')
            .is_some_and(|(s, a)| !s.is_empty() && !a.is_empty())
        {
            return Err(RequestError::new(
                "/request/action",
                RequestErrorKind::InvalidAction(action.to_string()),
            ));
        }
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
                        return Err(RequestError::new(
                            "/request/resource/accountId",
                            RequestErrorKind::ExpectedString,
                        ))
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
            None => ResourcePolicyKind::Resource,
            Some(Value::String(k)) => match k.as_str() {
                "resource" => ResourcePolicyKind::Resource,
                "trust" => ResourcePolicyKind::Trust,
                "kmsKey" => ResourcePolicyKind::KmsKey,
                _ => {
                    return Err(RequestError::new(
                        "/resourcePolicyKind",
                        RequestErrorKind::InvalidResourcePolicyKind(k.clone()),
                    ))
                }
            },
            Some(_) => {
                return Err(RequestError::new(
                    "/resourcePolicyKind",
                    RequestErrorKind::ExpectedString,
                ))
            }
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
        let rcps = match doc.get("resourceControlPolicies") {
            None | Some(Value::Null) => None,
            Some(v) => Some(levels(v, "/resourceControlPolicies", "rcp")?),
        };
        Ok(RequestDocument {
            principal,
            action: action.to_string(),
            resource,
            resource_account,
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
        let value = jsonloc::parse(text).map_err(|e| RequestError {
            pointer: String::new(),
            kind: RequestErrorKind::Syntax(e.message),
            position: Some(e.position),
        })?;
        RequestDocument::from_value(&value).map_err(|e| e.locate(text))
    }

    /// Builds the [`AuthorizationRequest`] over this document's policies and hands it to `f`.
    pub fn with_request<T>(&self, f: impl FnOnce(&AuthorizationRequest<'_>) -> T) -> T {
        let identity: Vec<PolicyRef<'_>> = self.identity.iter().map(as_ref).collect();
        let boundaries: Vec<PolicyRef<'_>> = self.boundaries.iter().map(as_ref).collect();
        let scp_refs = level_refs(self.scps.as_deref());
        let rcp_refs = level_refs(self.rcps.as_deref());
        let scps = org_levels(self.scps.as_deref(), scp_refs.as_deref());
        let rcps = org_levels(self.rcps.as_deref(), rcp_refs.as_deref());
        let mut request =
            AuthorizationRequest::new(&self.principal, &self.action, &self.resource, &self.context);
        request.resource_account = self.resource_account.as_deref();
        request.identity_policies = &identity;
        request.resource_policy = self.resource_policy.as_ref().map(as_ref);
        request.resource_policy_kind = self.resource_policy_kind;
        request.permission_boundaries = &boundaries;
        request.session_policy = self.session.as_ref().map(as_ref);
        request.service_control_policies = scps.as_deref();
        request.resource_control_policies = rcps.as_deref();
        f(&request)
    }

    /// Evaluates the request and hands the decision to `f` (it borrows the document).
    pub fn evaluate<T>(&self, f: impl FnOnce(&Decision<'_>) -> T) -> T {
        self.with_request(|request| f(&crate::evaluate(request)))
    }
}

fn as_ref(p: &NamedPolicy) -> PolicyRef<'_> {
    PolicyRef {
        name: &p.name,
        policy: &p.policy,
        source: Some(&p.pointer),
    }
}

fn level_refs(levels: Option<&[OwnedLevel]>) -> Option<Vec<Vec<PolicyRef<'_>>>> {
    levels.map(|ls| {
        ls.iter()
            .map(|l| l.policies.iter().map(as_ref).collect())
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
