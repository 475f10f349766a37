//! Export then import gives the same scenario, for every preset: each account exported
//! (YAML and JSON) and imported back into the scenario replaces it with an equal account,
//! definitions and policy documents with their keys in the same order.

use serde_json::Value;

fn round_trip(text: &str, yaml: bool) -> Result<(), String> {
    let original: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let accounts: Vec<String> = original["accounts"]
        .as_object()
        .map(|a| a.keys().cloned().collect())
        .unwrap_or_default();
    let mut scenario = original.clone();
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
