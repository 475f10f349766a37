//! The worker's side of bringing stacks in and out: import a CloudFormation or SAM template
//! into an account of the scenario, export an account as a template, and list the role
//! policies changed since an import as the AWS CLI would apply them. Plain Rust, tested
//! natively.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What importing a template came to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportAnswer {
    /// The scenario with the account added or replaced, as JSON text (key order kept).
    pub scenario: Option<String>,
    /// The account it went into.
    pub account: String,
    /// What did not map or resolve, one line each (`line:column: not imported: …`).
    pub unmapped: Vec<String>,
    /// The template's outputs, resolved.
    pub outputs: Map<String, Value>,
    /// Why nothing was imported.
    pub problem: Option<String>,
}

/// One role policy changed since the import, as an AWS CLI command and its input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub account: String,
    /// `aws iam put-role-policy` …
    pub command: String,
    /// The `--cli-input-json` text.
    pub input: String,
}

/// What exporting an account came to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportAnswer {
    /// The template, YAML or JSON.
    pub template: Option<String>,
    /// Role policies changed since the import, when there was one.
    pub changes: Vec<Change>,
    /// Why there is no template.
    pub problem: Option<String>,
}

/// Imports `template` into `account` of the scenario in `text` (a new scenario when `text`
/// is not one), with `parameters` (a JSON object, or empty).
pub fn import(text: &str, account: &str, template: &str, parameters: &str) -> ImportAnswer {
    let fail = |problem: String| ImportAnswer {
        account: account.to_string(),
        problem: Some(problem),
        ..ImportAnswer::default()
    };
    let account = account.trim();
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return fail(format!("An account id is 12 digits, not '{account}'."));
    }
    let parameters = match parameters.trim() {
        "" => Map::new(),
        p => match serde_json::from_str::<Value>(p) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                return fail("The parameters are a JSON object: {\"Name\": \"value\"}.".into())
            }
            Err(e) => return fail(format!("The parameters are not JSON: {e}")),
        },
    };
    let options = cfn::ImportOptions {
        parameters,
        into: serde_json::from_str(text).ok(),
        ..cfn::ImportOptions::new(account)
    };
    match cfn::import(template, &options) {
        Ok(imported) => ImportAnswer {
            scenario: serde_json::to_string_pretty(&imported.scenario).ok(),
            account: account.to_string(),
            unmapped: imported.unmapped.iter().map(ToString::to_string).collect(),
            outputs: imported.outputs,
            problem: None,
        },
        Err(e) => fail(e.to_string()),
    }
}

/// Exports `account` of the scenario in `text` as a template (YAML unless `json`), with the
/// role policies changed since `imported` (the scenario as imported), when given.
pub fn export(text: &str, account: &str, json: bool, imported: Option<&str>) -> ExportAnswer {
    let Ok(scenario) = serde_json::from_str::<Value>(text) else {
        return ExportAnswer {
            problem: Some("The scenario is not JSON.".into()),
            ..ExportAnswer::default()
        };
    };
    let changes = imported
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .map(|before| {
            cfn::policy_changes(&before, &scenario)
                .into_iter()
                .map(|c| Change {
                    account: c.account,
                    command: format!("aws iam {}", c.command.as_str()),
                    input: serde_json::to_string_pretty(&c.input).unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    match cfn::export(&scenario, account) {
        Ok(template) => ExportAnswer {
            template: Some(if json {
                template.json()
            } else {
                template.yaml()
            }),
            changes,
            problem: None,
        },
        Err(e) => ExportAnswer {
            changes,
            problem: Some(e.to_string()),
            ..ExportAnswer::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{export, import};

    fn seed() -> &'static str {
        sim::preset("cross-account-secret-cache")
            .expect("the seed")
            .text
    }

    #[test]
    fn an_account_exported_imports_back_into_the_scenario() {
        let exported = export(seed(), "222222222222", false, None);
        let template = exported.template.expect("a template");
        assert!(template.contains("AWS::IAM::Role"), "{template}");
        let answer = import(seed(), "222222222222", &template, "");
        assert_eq!(answer.problem, None);
        let back: serde_json::Value =
            serde_json::from_str(&answer.scenario.expect("a scenario")).expect("json");
        let seed: serde_json::Value = serde_json::from_str(seed()).expect("json");
        assert_eq!(back, seed);
    }

    #[test]
    fn bad_input_is_refused_in_words() {
        assert!(import(seed(), "2222", "{}", "")
            .problem
            .is_some_and(|p| p.contains("12 digits")));
        assert!(import(seed(), "222222222222", "{}", "[1]")
            .problem
            .is_some_and(|p| p.contains("JSON object")));
        assert!(import(seed(), "222222222222", "Resources: [", "")
            .problem
            .is_some());
    }

    #[test]
    fn a_changed_trust_policy_is_an_update_assume_role_policy() {
        let mut doc: serde_json::Value = serde_json::from_str(seed()).expect("json");
        let before = doc.to_string();
        doc["accounts"]["222222222222"]["roles"]["TrustingAccountRl"]["assumeRolePolicyDocument"]
            ["Statement"][0]["Condition"] = serde_json::json!({});
        let answer = export(&doc.to_string(), "222222222222", true, Some(&before));
        let [change] = answer.changes.as_slice() else {
            panic!("one change: {:?}", answer.changes);
        };
        assert_eq!(change.command, "aws iam update-assume-role-policy");
        assert!(change.input.contains("TrustingAccountRl"));
    }
}
