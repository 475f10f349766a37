//! The seed written as two SAM templates (`examples/seed/`), one per account: the trusted
//! account's imports first, its outputs feed the trusting account's parameters, and the
//! scenario runs to SUCCEEDED. Each broken preset, written as an edit of a template, fails
//! (or succeeds) as the preset does: same status, same error, and the same denied action.

use serde_json::{Map, Value};

const TRUSTED: &str = include_str!("../../../examples/seed/trusted-account.yaml");
const TRUSTING: &str = include_str!("../../../examples/seed/trusting-account.yaml");

/// The scenario of the two templates, and what the import listed.
fn import(trusted: &str, trusting: &str) -> (Value, Vec<cfn::Unmapped>) {
    let mut options = cfn::ImportOptions::new("111111111111");
    options
        .parameters
        .insert("TrustingAccountId".into(), "222222222222".into());
    let first = cfn::import(trusted, &options).unwrap_or_else(|e| panic!("trusted: {e}"));
    let mut options = cfn::ImportOptions::new("222222222222");
    options.parameters = first.outputs.clone();
    options.into = Some(first.scenario);
    let second = cfn::import(trusting, &options).unwrap_or_else(|e| panic!("trusting: {e}"));
    let mut unmapped = first.unmapped;
    unmapped.extend(second.unmapped);
    (second.scenario, unmapped)
}

/// Status, error and the first denied call's action of a run.
fn outcome(scenario: &Value) -> (String, Value, Option<String>) {
    let scenario = sim::Scenario::from_value(scenario).unwrap_or_else(|e| panic!("{e:?}"));
    let report = sim::run(&scenario);
    let json = report.to_json();
    let denied = report
        .calls
        .iter()
        .find(|c| !c.decision.allowed())
        .map(|c| c.action.to_string());
    (
        json["status"].as_str().unwrap_or_default().to_string(),
        json["error"].clone(),
        denied,
    )
}

fn preset(id: &str) -> Value {
    serde_json::from_str(sim::preset(id).map(|p| p.text).unwrap_or("null")).unwrap_or_default()
}

/// `text` with `from` replaced by `to` (which must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the template has no {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn the_seed_templates_import_and_run_to_succeeded() {
    let (scenario, unmapped) = import(TRUSTED, TRUSTING);
    let (status, error, denied) = outcome(&scenario);
    assert_eq!(
        (status.as_str(), &error, denied),
        ("SUCCEEDED", &Value::Null, None)
    );
    assert_eq!(
        scenario["execution"]["stateMachineArn"],
        "arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw"
    );
    let seed = preset("cross-account-secret-cache");
    for (account, role) in [
        ("111111111111", "TrustedAccountRl"),
        ("222222222222", "TrustingAccountRl"),
    ] {
        assert_eq!(
            scenario["accounts"][account]["roles"][role], seed["accounts"][account]["roles"][role],
            "{role}"
        );
    }
    assert_eq!(
        scenario["accounts"]["111111111111"]["ssmParameters"],
        seed["accounts"]["111111111111"]["ssmParameters"]
    );
    let reasons: Vec<&str> = unmapped.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(reasons.len(), 1, "{reasons:#?}");
    assert!(reasons[0].contains("AWSLambdaBasicExecutionRole"));
}

#[test]
fn the_broken_variants_fail_as_the_presets_do() {
    let variants: [(&str, String, String); 4] = [
        (
            "wrong-external-id",
            TRUSTED.to_string(),
            edit(TRUSTING, "sts:ExternalId: !Ref ConsumerWorkflowArn", "sts:ExternalId: arn:aws:states:us-east-1:111111111111:stateMachine:SomeOtherWfw"),
        ),
        (
            "missing-assume-role-permission",
            edit(TRUSTED, "              - Action: sts:AssumeRole\n", "              - Action: sts:TagSession\n"),
            TRUSTING.to_string(),
        ),
        (
            "missing-start-sync-permission",
            TRUSTED.to_string(),
            edit(TRUSTING, "- Action: states:StartSyncExecution", "- Action: states:StartExecution"),
        ),
        (
            "confused-deputy-no-external-id",
            TRUSTED.to_string(),
            edit(TRUSTING, "            Condition:\n              StringEquals:\n                sts:ExternalId: !Ref ConsumerWorkflowArn\n", ""),
        ),
    ];
    let mut checked = Map::new();
    for (id, trusted, trusting) in &variants {
        let (scenario, _) = import(trusted, trusting);
        let got = outcome(&scenario);
        let want = outcome(&preset(id));
        assert_eq!(got, want, "{id}");
        checked.insert((*id).to_string(), Value::String(got.0));
    }
    assert_eq!(checked.len(), 4);
    assert_eq!(checked["confused-deputy-no-external-id"], "SUCCEEDED");
    assert_eq!(checked["wrong-external-id"], "FAILED");
}
