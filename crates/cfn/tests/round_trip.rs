//! Export then import gives the same scenario, for every preset: each account exported
//! (YAML and JSON) and imported back into the scenario replaces it with an equal account,
//! definitions and policy documents with their keys in the same order; so does the
//! organization's SCPs and RCPs, exported from the first account's template.

use serde_json::Value;

fn round_trip(text: &str, yaml: bool) -> Result<(), String> {
    let original: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let accounts: Vec<String> = original["accounts"]
        .as_object()
        .map(|a| a.keys().cloned().collect())
        .unwrap_or_default();
    let mut scenario = original.clone();
    // The import must bring the organization's policies back: start without them.
    if let Some(organization) = scenario
        .get_mut("organization")
        .and_then(Value::as_object_mut)
    {
        organization.remove("serviceControlPolicies");
        organization.remove("resourceControlPolicies");
    }
    for account in &accounts {
        let template = cfn::export(&original, account).map_err(|e| e.to_string())?;
        let text = if yaml {
            template.yaml()
        } else {
            template.json()
        };
        let mut options = cfn::ImportOptions::new(account.clone());
        options.into = Some(scenario.clone());
        let imported =
            cfn::import(&text, &options).map_err(|e| format!("{account}: {e}\n{text}"))?;
        scenario = imported.scenario;
    }
    if original.get("organization") != scenario.get("organization") {
        return Err(format!(
            "organization: expected {}\ngot {}",
            original["organization"], scenario["organization"]
        ));
    }
    let keys = |s: &Value| s.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>());
    if keys(&original) != keys(&scenario) {
        return Err("the scenario's members changed order".into());
    }
    for account in &accounts {
        let (want, got) = (
            &original["accounts"][account],
            &scenario["accounts"][account],
        );
        if want != got {
            return Err(format!("{account}: expected {want}\ngot {got}"));
        }
        for machine in want["stateMachines"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.keys())
        {
            let d = |s: &Value| s["stateMachines"][machine]["definition"].to_string();
            if d(want) != d(got) {
                return Err(format!(
                    "{account}/{machine}: the definition's key order changed"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn every_preset_round_trips_through_yaml_and_json() {
    let presets = sim::presets();
    assert!(presets.len() >= 8);
    for preset in presets {
        for yaml in [true, false] {
            if let Err(e) = round_trip(preset.text, yaml) {
                panic!(
                    "{} ({}): {e}",
                    preset.id,
                    if yaml { "YAML" } else { "JSON" }
                );
            }
        }
    }
}

/// A two-account preset with an organization: its SCPs and RCPs round-trip, exported from
/// the first account only and targeting the members.
#[test]
fn organization_policies_round_trip_from_the_first_account() {
    let mut scenario: Value = serde_json::from_str(
        sim::preset("cross-account-secret-cache")
            .map(|p| p.text)
            .unwrap_or("{}"),
    )
    .unwrap_or_default();
    let organization = serde_json::json!({
        "id": "o-example",
        "accounts": ["111111111111", "222222222222"],
        "serviceControlPolicies": [
            {"name": "FullAWSAccess", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}},
            {"name": "DenyLeave", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}}
        ],
        "resourceControlPolicies": [
            {"name": "Perimeter", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-example"}}}]}}
        ]
    });
    let Some(map) = scenario.as_object_mut() else {
        panic!("the preset is not an object");
    };
    let execution = map.remove("execution");
    map.insert("organization".into(), organization);
    map.extend(execution.map(|e| ("execution".to_string(), e)));
    assert!(sim::Scenario::from_value(&scenario).is_ok());
    let text = scenario.to_string();
    for yaml in [true, false] {
        if let Err(e) = round_trip(&text, yaml) {
            panic!("{e}");
        }
    }
    let policies = |account: &str| -> Vec<Value> {
        let template = cfn::export(&scenario, account).unwrap_or_else(|e| panic!("{e}"));
        template.value["Resources"]
            .as_object()
            .into_iter()
            .flat_map(|r| r.values())
            .filter(|r| r["Type"] == "AWS::Organizations::Policy")
            .cloned()
            .collect()
    };
    let first = policies("111111111111");
    assert_eq!(first.len(), 3);
    assert_eq!(first[1]["Properties"]["Name"], "DenyLeave");
    assert_eq!(first[1]["Properties"]["Type"], "SERVICE_CONTROL_POLICY");
    assert_eq!(first[2]["Properties"]["Type"], "RESOURCE_CONTROL_POLICY");
    assert_eq!(
        first[2]["Properties"]["TargetIds"],
        serde_json::json!(["111111111111", "222222222222"])
    );
    assert!(policies("222222222222").is_empty());
}

#[test]
fn changed_policies_become_iam_cli_inputs() {
    let before: Value = serde_json::from_str(
        sim::preset("wrong-external-id")
            .map(|p| p.text)
            .unwrap_or("{}"),
    )
    .unwrap_or_default();
    let after: Value = serde_json::from_str(
        sim::preset("cross-account-secret-cache")
            .map(|p| p.text)
            .unwrap_or("{}"),
    )
    .unwrap_or_default();
    let changes = cfn::policy_changes(&before, &after);
    assert_eq!(changes.len(), 1, "{changes:?}");
    let change = &changes[0];
    assert_eq!(change.account, "222222222222");
    assert_eq!(change.command.as_str(), "update-assume-role-policy");
    assert_eq!(change.input["RoleName"], "TrustingAccountRl");
    let doc: Value = serde_json::from_str(change.input["PolicyDocument"].as_str().unwrap_or(""))
        .unwrap_or_default();
    assert_eq!(
        doc,
        after["accounts"]["222222222222"]["roles"]["TrustingAccountRl"]["assumeRolePolicyDocument"]
    );
}

/// A role's AWS managed policies and a boundary given as an AWS managed policy's ARN export
/// as `ManagedPolicyArns` and `PermissionsBoundary`, an activity with its worker as an
/// `AWS::StepFunctions::Activity`, and come back the same.
#[test]
fn aws_managed_policies_and_activities_round_trip() {
    let mut scenario: Value = serde_json::from_str(
        sim::preset("cross-account-secret-cache")
            .map(|p| p.text)
            .unwrap_or("{}"),
    )
    .unwrap_or_default();
    let role = &mut scenario["accounts"]["222222222222"]["roles"]["TrustingAccountRl"];
    let Some(role) = role.as_object_mut() else {
        panic!("the preset has no TrustingAccountRl");
    };
    role.insert(
        "managedPolicyArns".into(),
        serde_json::json!([
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"
        ]),
    );
    role.insert(
        "permissionsBoundary".into(),
        serde_json::json!("arn:aws:iam::aws:policy/PowerUserAccess"),
    );
    scenario["accounts"]["222222222222"]["activities"] = serde_json::json!({"Approve": {"worker": {
        "principal": "arn:aws:iam::222222222222:role/TrustingAccountRl", "send": "SendTaskSuccess", "output": {"ok": true}}}});
    if let Err(e) = sim::Scenario::from_value(&scenario) {
        panic!("{e:?}");
    }
    let template = cfn::export(&scenario, "222222222222").unwrap_or_else(|e| panic!("{e}"));
    let exported = template.value["Resources"]
        .as_object()
        .into_iter()
        .flat_map(|r| r.values())
        .find(|r| r["Properties"]["RoleName"] == "TrustingAccountRl")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        exported["Properties"]["ManagedPolicyArns"][1],
        "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"
    );
    assert_eq!(
        exported["Properties"]["PermissionsBoundary"],
        "arn:aws:iam::aws:policy/PowerUserAccess"
    );
    let text = scenario.to_string();
    for yaml in [true, false] {
        if let Err(e) = round_trip(&text, yaml) {
            panic!("{e}");
        }
    }
}
