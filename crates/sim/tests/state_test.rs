//! `sim::test_state`: one state tested in the scenario's world, as TestState runs it
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html>),
//! against the full run of the same scenario.

use asl::{MockInput, TestExecutionStatus, TestStateRequest};
use serde_json::Value;
use sim::{Scenario, StateTestError};

const SEED: &str = "arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw";

fn preset(id: &str) -> Scenario {
    Scenario::parse_text(sim::preset(id).unwrap().text).unwrap()
}

/// A request for the state `name` of the machine's own definition.
fn request(scenario: &Scenario, name: &str, input: &Value) -> TestStateRequest {
    TestStateRequest {
        definition: scenario.definition_text(SEED).unwrap(),
        state_name: Some(name.into()),
        input: Some(input.to_string()),
        ..TestStateRequest::default()
    }
}

/// The input the full run gives the state `name`, and the run.
fn run_input(scenario: &Scenario, name: &str) -> (Value, sim::Report) {
    let report = sim::run(scenario);
    let top = report.top().unwrap();
    let entered = top
        .events
        .iter()
        .find(|e| e.pointer("/stateEnteredEventDetails/name") == Some(&Value::from(name)))
        .and_then(|e| e.pointer("/stateEnteredEventDetails/input")?.as_str())
        .unwrap();
    (serde_json::from_str(entered).unwrap(), report)
}

#[test]
fn the_cross_account_task_alone_makes_the_full_runs_calls_and_output() {
    let scenario = preset("cross-account-secret-cache");
    let (input, report) = run_input(&scenario, "GetSecretCrossAccount");
    let test = sim::test_state(
        &scenario,
        SEED,
        &request(&scenario, "GetSecretCrossAccount", &input),
    )
    .unwrap();
    assert_eq!(test.response.status, TestExecutionStatus::Succeeded);
    let output: Value = serde_json::from_str(test.response.output.as_deref().unwrap()).unwrap();
    assert_eq!(Some(&output), report.top().unwrap().output.as_ref());
    // The run's calls but the other state's (FetchConfiguration's GetParameter).
    let actions = |calls: &[sim::CallRecord]| -> Vec<(String, String, bool)> {
        calls
            .iter()
            .filter(|c| c.action != "ssm:GetParameter")
            .map(|c| {
                (
                    c.action.to_string(),
                    c.resource.clone(),
                    c.decision.allowed(),
                )
            })
            .collect()
    };
    assert_eq!(actions(&test.calls), actions(&report.calls));
    assert!(test.calls.len() >= 4, "{:?}", actions(&test.calls));
    // First Step Functions assumes the execution role, then the Task assumes the role of
    // its Credentials with the machine's ARN as ExternalId.
    assert_eq!(test.calls[0].caller.arn(), "states.us-east-1.amazonaws.com");
    assert_eq!(test.calls[1].request["ExternalId"], SEED);
}

#[test]
fn a_mocked_task_or_a_pass_state_calls_nothing() {
    let scenario = preset("cross-account-secret-cache");
    let (input, _) = run_input(&scenario, "GetSecretCrossAccount");
    let mocked = TestStateRequest {
        mock: Some(MockInput {
            result: Some(r#"{"Output": "{}"}"#.into()),
            ..MockInput::default()
        }),
        ..request(&scenario, "GetSecretCrossAccount", &input)
    };
    let test = sim::test_state(&scenario, SEED, &mocked).unwrap();
    assert_eq!(test.response.status, TestExecutionStatus::Succeeded);
    assert!(test.calls.is_empty());
    let pass = TestStateRequest {
        definition: r#"{"Type": "Pass", "End": true}"#.into(),
        ..TestStateRequest::default()
    };
    assert!(sim::test_state(&scenario, SEED, &pass)
        .unwrap()
        .calls
        .is_empty());
}

#[test]
fn an_execution_role_step_functions_may_not_assume_is_an_access_denial() {
    let text = sim::preset("cross-account-secret-cache")
        .unwrap()
        .text
        .replace("states.us-east-1.amazonaws.com", "lambda.amazonaws.com");
    let scenario = Scenario::parse_text(&text).unwrap();
    let error = sim::test_state(
        &scenario,
        SEED,
        &request(&scenario, "FetchConfiguration", &Value::Null),
    )
    .unwrap_err();
    let StateTestError::RoleNotAssumed(call) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(call.action, "sts:AssumeRole");
    assert_eq!(
        call.resource,
        "arn:aws:iam::111111111111:role/TrustedAccountRl"
    );
    assert!(!call.decision.allowed());
    assert_eq!(error.diagnostics()[0].pointer, "/roleArn");
}

#[test]
fn the_machine_must_exist_and_a_role_arn_must_be_its_execution_role() {
    let scenario = preset("cross-account-secret-cache");
    let state = request(&scenario, "FetchConfiguration", &Value::Null);
    let unknown = sim::test_state(&scenario, &SEED.replace("Wfw", "Wf"), &state).unwrap_err();
    assert!(matches!(unknown, StateTestError::UnknownMachine { .. }));
    let diagnostic = &unknown.diagnostics()[0];
    assert_eq!(diagnostic.pointer, "/stateMachineArn");
    assert!(diagnostic
        .message
        .ends_with(&format!("did you mean {SEED}?")));
    let other_role = TestStateRequest {
        role_arn: Some("arn:aws:iam::111111111111:role/Other".into()),
        ..state.clone()
    };
    let wrong = sim::test_state(&scenario, SEED, &other_role).unwrap_err();
    assert_eq!(wrong.diagnostics()[0].pointer, "/roleArn");
    let own_role = TestStateRequest {
        role_arn: Some("arn:aws:iam::111111111111:role/TrustedAccountRl".into()),
        ..state
    };
    assert!(sim::test_state(&scenario, SEED, &own_role).is_ok());
}

#[test]
fn the_definition_text_is_the_documents_in_its_key_order() {
    let scenario = preset("cross-account-secret-cache");
    let text = scenario.definition_text(SEED).unwrap();
    let fetch = text.find("\"FetchConfiguration\": {").unwrap();
    let get = text.find("\"GetSecretCrossAccount\": {").unwrap();
    assert!(fetch < get);
    assert!(asl::parse_text(&text).is_ok());
    assert_eq!(scenario.definition_text(&format!("{SEED}x")), None);
}
