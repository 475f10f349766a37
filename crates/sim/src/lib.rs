//! The simulated AWS world of the playground. A [`Scenario`] describes several accounts
//! (roles, state machines, parameters, secrets, tables, functions, queues, topics,
//! buckets, an organization); [`run`] executes its state machine with the States Language
//! interpreter (`asl`) and answers every Task with simulated API calls, each authorized by
//! the IAM evaluator (`iam`) under the identity that makes it, as AWS would. The
//! [`Report`] holds every execution (nested ones too), every call and every decision with
//! its explanation.
//!
//! ```
//! let preset = sim::preset("cross-account-secret-cache").unwrap();
//! let scenario = sim::Scenario::parse_text(preset.text).unwrap();
//! let report = sim::run(&scenario);
//! assert_eq!(report.to_json()["status"], "SUCCEEDED");
//! ```

mod advice;
pub mod arn;
mod authz;
pub mod diagnostic;
pub mod errors;
pub mod identity;
pub mod integration;
mod presets;
pub mod report;
pub mod scenario;
mod services;
mod suggest;
mod validate;
mod world;

pub use authz::Verdict;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use presets::{preset, presets, Preset};
pub use report::{CallRecord, ExecutionRecord, Report, Site};
pub use scenario::Scenario;
pub use validate::validate_text;
pub use world::MAX_NESTING;

/// Runs the scenario's execution to its end.
pub fn run(scenario: &Scenario) -> Report {
    world::World::new(scenario).run()
}
