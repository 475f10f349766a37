//! The engines from text to JSON: what `sfn-play` (crates/cli) and the JavaScript library
//! (crates/js) both call. Each entry point takes the texts a user gives and returns the
//! JSON both print, or a typed error each reports in its own form (the command line with
//! file names, the library as JSON).

#![warn(missing_docs)]

mod authorize;
mod evaluate;
mod run;
mod scenario;
mod test_state;
mod validate;

pub use authorize::{decisions, AuthorizeError, Batch, Decisions};
pub use evaluate::{evaluate, Evaluation};
pub use run::{run_definition, Machine, RunError, RunOptions};
pub use scenario::run_scenario;
pub use test_state::{test_state, World};
pub use validate::{is_scenario, validate, Validation};
