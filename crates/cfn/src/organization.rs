//! `AWS::Organizations::Policy` in and out: service control policies (SCPs) and resource
//! control policies (RCPs) are the scenario organization's, not an account's
//! (<https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-policy.html>).
//! The scenario applies each of them to every member account, so a policy's `TargetIds`
//! are not kept; a template exports them from the scenario's first account (the scenario
//! names no management account), targeting the organization's members.

use crate::error::ImportError;
use crate::import::{Importer, Resource};
use crate::unmapped::UnmappedKind;
use serde_json::{json, Map, Value};

/// The CloudFormation resource type of an Organizations policy.
pub(crate) const POLICY_TYPE: &str = "AWS::Organizations::Policy";

/// The two kinds of organization policy the scenario holds: their `Type` in a template
/// and their list in the scenario's `organization`.
pub(crate) const KINDS: [(&str, &str); 2] = [
    ("SERVICE_CONTROL_POLICY", "serviceControlPolicies"),
    ("RESOURCE_CONTROL_POLICY", "resourceControlPolicies"),
];

/// One imported organization policy: its scenario list, name and document.
#[derive(Debug, Clone)]
pub(crate) struct OrgPolicy {
    /// `serviceControlPolicies` or `resourceControlPolicies`.
    pub(crate) list: &'static str,
    /// The policy's `Name`.
    pub(crate) name: String,
    /// The policy's `Content`, as an object.
    pub(crate) document: Value,
}

impl Importer {
    /// Maps an `AWS::Organizations::Policy`: an SCP or RCP into the organization; the
    /// other policy types are management policies the scenario does not hold.
    pub(crate) fn organization_policy(&mut self, r: &Resource) {
        let Some(kind) = self.prop_str(r, "Type") else {
            self.skip(r, "the policy has no Type");
            return;
        };
        let Some(list) = KINDS.iter().find(|(k, _)| *k == kind).map(|(_, l)| *l) else {
            let reason = format!("{kind} is a management policy type (it manages settings, not permissions): the scenario's organization holds service and resource control policies only");
            self.skip(r, &reason);
            return;
        };
        let Some(name) = self.prop_str(r, "Name") else {
            self.skip(r, "the policy has no Name");
            return;
        };
        let Some(document) = self.prop(r, "Content").and_then(crate::map::document) else {
            self.skip(
                r,
                "the policy has no Content the playground can read (a JSON object, or JSON text)",
            );
            return;
        };
        if let Some(targets) = self.prop(r, "TargetIds") {
            let listed: Vec<String> = match &targets {
                Value::Array(items) => items
                    .iter()
                    .map(|t| t.as_str().map_or_else(|| t.to_string(), String::from))
                    .collect(),
                other => vec![other.to_string()],
            };
            self.note(&format!("{}/Properties/TargetIds", r.pointer), Some(&r.id), UnmappedKind::Note, format!("the scenario's organization applies each policy to every member account: TargetIds ({}) are dropped", listed.join(", ")));
        }
        self.org_policies.push(OrgPolicy {
            list,
            name,
            document,
        });
    }
}

/// The scenario with the imported organization policies in its `organization` (made when
/// there is none): a policy replaces the one of the same name in its list, else is added
/// at the end.
pub(crate) fn merge(
    scenario: &mut Map<String, Value>,
    policies: Vec<OrgPolicy>,
) -> Result<(), ImportError> {
    if policies.is_empty() {
        return Ok(());
    }
    if !scenario.contains_key("organization") {
        let mut out = Map::new();
        for (key, value) in std::mem::take(scenario) {
            if key == "execution" {
                out.insert("organization".into(), json!({}));
            }
            out.insert(key, value);
        }
        out.entry("organization").or_insert_with(|| json!({}));
        *scenario = out;
    }
    let Some(Value::Object(organization)) = scenario.get_mut("organization") else {
        return Err(ImportError::Into {
            reason: "its organization member is not an object".into(),
        });
    };
    for policy in policies {
        let list = organization.entry(policy.list).or_insert_with(|| json!([]));
        let Value::Array(items) = list else {
            return Err(ImportError::Into {
                reason: format!("its organization's {} is not an array", policy.list),
            });
        };
        let same = items
            .iter_mut()
            .find(|p| p.get("name").and_then(Value::as_str) == Some(policy.name.as_str()));
        match same {
            Some(Value::Object(existing)) => {
                existing.insert("document".into(), policy.document);
            }
            _ => items.push(json!({"name": policy.name, "document": policy.document})),
        }
    }
    Ok(())
}

/// The organization policies account `account` of `scenario` exports, as (name,
/// properties): all of them from the scenario's first account, none from the others.
pub(crate) fn exported(scenario: &Value, account: &str) -> Vec<(String, Map<String, Value>)> {
    let first = scenario
        .get("accounts")
        .and_then(Value::as_object)
        .and_then(|a| a.keys().next());
    let Some(organization) = scenario
        .get("organization")
        .filter(|_| first.is_some_and(|f| f == account))
    else {
        return Vec::new();
    };
    let targets = match organization.get("accounts") {
        Some(members) => members.clone(),
        None => scenario
            .get("accounts")
            .and_then(Value::as_object)
            .map(|a| a.keys().map(|k| json!(k)).collect())
            .unwrap_or_default(),
    };
    let mut out = Vec::new();
    for (kind, list) in KINDS {
        let items = organization.get(list).and_then(Value::as_array);
        for (i, item) in items.into_iter().flatten().enumerate() {
            let name = item
                .get("name")
                .and_then(Value::as_str)
                .map_or_else(|| format!("{list}[{i}]"), String::from);
            let mut p = Map::new();
            p.insert("Name".into(), json!(name));
            p.insert("Type".into(), json!(kind));
            p.insert(
                "Content".into(),
                item.get("document").cloned().unwrap_or_else(|| json!({})),
            );
            p.insert("TargetIds".into(), targets.clone());
            out.push((name, p));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(list: &'static str, name: &str, effect: &str) -> OrgPolicy {
        OrgPolicy {
            list,
            name: name.into(),
            document: json!({"Statement": [{"Effect": effect, "Action": "*", "Resource": "*"}]}),
        }
    }

    fn scenario(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn a_new_organization_goes_before_execution() {
        let mut s = scenario(json!({"accounts": {}, "execution": {}}));
        let result = merge(&mut s, vec![policy("serviceControlPolicies", "A", "Deny")]);
        assert!(result.is_ok());
        let keys: Vec<&str> = s.keys().map(String::as_str).collect();
        assert_eq!(keys, ["accounts", "organization", "execution"]);
        assert_eq!(s["organization"]["serviceControlPolicies"][0]["name"], "A");
    }

    #[test]
    fn a_policy_replaces_the_one_of_its_name_and_others_are_added() {
        let mut s = scenario(
            json!({"organization": {"id": "o-x", "serviceControlPolicies": [
                {"name": "A", "document": {}}, {"name": "B", "document": {}}
            ]}}),
        );
        let result = merge(
            &mut s,
            vec![
                policy("serviceControlPolicies", "A", "Deny"),
                policy("resourceControlPolicies", "R", "Deny"),
            ],
        );
        assert!(result.is_ok());
        let org = &s["organization"];
        assert_eq!(org["id"], "o-x");
        assert_eq!(
            org["serviceControlPolicies"][0]["document"]["Statement"][0]["Effect"],
            "Deny"
        );
        assert_eq!(org["serviceControlPolicies"][1]["name"], "B");
        assert_eq!(
            org["serviceControlPolicies"].as_array().map(Vec::len),
            Some(2)
        );
        assert_eq!(org["resourceControlPolicies"][0]["name"], "R");
    }

    #[test]
    fn an_organization_that_is_not_an_object_is_an_error() {
        let mut s = scenario(json!({"organization": []}));
        let result = merge(&mut s, vec![policy("serviceControlPolicies", "A", "Deny")]);
        assert!(matches!(result, Err(ImportError::Into { .. })));
        let mut s = scenario(json!({"organization": {"serviceControlPolicies": {}}}));
        let result = merge(&mut s, vec![policy("serviceControlPolicies", "A", "Deny")]);
        assert!(matches!(result, Err(ImportError::Into { .. })));
    }
}
