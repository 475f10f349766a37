//! Amazon States Language: parse and validate definitions as CreateStateMachine does, and
//! execute them as AWS Step Functions does, deterministically, with the history AWS records.

pub mod failure;
pub mod rng;

pub use failure::Failure;
