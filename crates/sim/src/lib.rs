//! The simulated AWS world of the playground. A [`Scenario`] describes several accounts
//! (roles, state machines, parameters, secrets, tables, functions, queues, topics,
//! buckets, an organization); [`run`] executes its state machine with the States Language
//! interpreter (`asl`) and answers every Task with simulated API calls, each authorized by
//! the IAM evaluator (`iam`) under the identity that makes it, as AWS would. The
//! [`Report`] holds every execution (nested ones too), every call and every decision with
//! its explanation; it serializes to the JSON `sfn-play run` prints and reads back from it
//! (as does a [`Diagnostic`]), so it can cross a worker boundary.
//!
//! ```
//! let preset = sim::preset("cross-account-secret-cache").unwrap();
//! let scenario = sim::Scenario::parse_text(preset.text).unwrap();
//! let report = sim::run(&scenario);
//! assert_eq!(report.to_json()["status"], "SUCCEEDED");
//! let back: sim::Report = serde_json::from_value(report.to_json()).unwrap();
//! assert_eq!(back, report);
//! ```
//!
//! From failure to fix: each call's [`Verdict`] has a one-line `headline` naming what
//! decided it, `advice` when denied, and `fixes`: a [`Fix`] when one edit of the scenario
//! document makes the call allowed (checked before it is offered). [`apply_fix`] applies
//! it to the document, [`fix_diff`] shows the edited item before and after.
//!
//! ```
//! let text = sim::preset("wrong-external-id").unwrap().text;
//! let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
//! let report = sim::run(&sim::Scenario::from_value(&doc).unwrap());
//! let denied = report.calls.iter().find(|c| !c.decision.allowed()).unwrap();
//! assert!(denied.decision.headline.starts_with("sts:AssumeRole denied: the trust policy"));
//! let fix = &denied.decision.fixes[0];
//! sim::apply_fix(&mut doc, fix).unwrap();
//! let report = sim::run(&sim::Scenario::from_value(&doc).unwrap());
//! assert_eq!(report.to_json()["status"], "SUCCEEDED");
//! ```
//!
//! Layers, bottom to top (each imports only those below it): the scenario model
//! (`scenario`, `arn`, `identity`, `integration`, `diagnostic`, `errors`, `presets`,
//! `fix`); the `gateway`, which authorizes and records every call; `validate` and the
//! `services`; the execution driver (`world`), which services reach only through
//! `services::Executions`; the policy `simulator`, which asks the gateway one question;
//! on top, [`run`] and [`test_state`] (`state_test`).
//!
//! [`test_state`] runs one state as the TestState API does, as one of the scenario's state
//! machines would run it: its Task calls the world under the machine's execution role.
//!
//! ```
//! let scenario = sim::Scenario::parse_text(sim::preset("cross-account-secret-cache").unwrap().text).unwrap();
//! let machine = "arn:aws:states:us-east-1:111111111111:stateMachine:SecretCacheConsumerWfw";
//! let request = asl::TestStateRequest {
//!     definition: scenario.definition_text(machine).unwrap(),
//!     state_name: Some("FetchConfiguration".into()),
//!     ..Default::default()
//! };
//! let test = sim::test_state(&scenario, machine, &request).unwrap();
//! assert_eq!(test.response.next_state.as_deref(), Some("GetSecretCrossAccount"));
//! assert_eq!(test.calls[1].action, "ssm:GetParameter");
//! ```
//!
//! The simulator decides one request as a run's call would be decided, and explains it the
//! same way; a call of a run gives its question:
//!
//! ```
//! let text = sim::preset("cross-account-secret-cache").unwrap().text;
//! let scenario = sim::Scenario::parse_text(text).unwrap();
//! let report = sim::run(&scenario);
//! let assume = report.calls.iter().position(|c| c.site.is_some() && c.action == "sts:AssumeRole");
//! let mut question = sim::question_of_call(&report, assume.unwrap()).unwrap();
//! assert!(sim::simulate(&scenario, &question).unwrap().verdict.allowed());
//! question.context.insert("sts:ExternalId".into(), "another".into());
//! let denied = sim::simulate(&scenario, &question).unwrap().verdict;
//! assert!(denied.headline.contains("expects sts:ExternalId"));
//! ```

#![warn(missing_docs)]

mod arn;
/// The ARN of secret `name` in `region` and `account`, with the six characters AWS appends
/// (derived from the name, as the scenario does).
pub use arn::secret as secret_arn;
mod code;
mod diagnostic;
mod errors;
mod fix;
mod gateway;
mod identity;
mod integration;
mod presets;
pub mod scenario;
mod services;
mod simulator;
mod state_test;
mod validate;
mod world;

pub use diagnostic::{Code, Diagnostic};
pub use fix::{apply_fix, fix_diff, DiffKind, DiffLine, Edit, EditOp, Fix, FixError};
pub use gateway::{
    CallError, CallRecord, ExecutionRecord, ItemCounts, MapRunRecord, PausedTask, Report, Site,
    Verdict, WrittenObject, WrittenResults,
};
pub use identity::{Principal, Session};
pub use integration::{simulated_actions, Service};
pub use jsonloc::Severity;
pub use presets::{preset, presets, Preset};
pub use scenario::Scenario;
pub use simulator::{
    decide_question, principals, principals_in, question_of_call, resources, simulate,
    AppliedPolicy, ContextEntry, ContextSource, Question, SimulateError, Simulation,
};
pub use state_test::{test_state, StateTest, StateTestError};
pub use validate::{validate_text, validate_value};
pub use world::{RunSettings, MAX_HISTORY_TEXT_BYTES, MAX_NESTING};

/// Runs the scenario's execution to its end.
pub fn run(scenario: &Scenario) -> Report {
    run_with(scenario, &RunSettings::default())
}

/// Runs the scenario's execution, telling `progress` each execution's event count as it
/// grows (the page's worker reports it while a long run computes).
pub fn run_with_progress(scenario: &Scenario, progress: asl::Progress) -> Report {
    let settings = RunSettings {
        progress,
        ..RunSettings::default()
    };
    run_with(scenario, &settings)
}

/// Runs the scenario's execution within `settings`: past a limit of the run's budget every
/// execution still running fails with States.Runtime, its cause naming the limit.
pub fn run_with(scenario: &Scenario, settings: &RunSettings) -> Report {
    world::World::new(scenario, settings).run()
}
