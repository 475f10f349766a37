//! The world of one run: the gateway (scenario, data, report) and how deep executions
//! nest; it is what services start child executions through.

use crate::errors::ApiError;
use crate::gateway::{Gateway, Report};
use crate::scenario::Scenario;
use crate::services::{Executions, Start};

/// How deep executions may nest (an execution that starts itself ends here).
pub const MAX_NESTING: usize = 10;

/// The world of one run.
pub(crate) struct World<'s> {
    pub(crate) gateway: Gateway<'s>,
    /// Executions running now, one inside the other.
    pub(crate) depth: usize,
    /// Hears each execution's event count as it grows.
    pub(crate) progress: asl::Progress,
    /// The `callbacks` entries that answered a Task (by index).
    pub(crate) answered: std::collections::BTreeSet<usize>,
}

impl<'s> World<'s> {
    /// A world in the scenario's initial state.
    pub(crate) fn new(scenario: &'s Scenario, progress: asl::Progress) -> World<'s> {
        World {
            gateway: Gateway::new(scenario),
            depth: 0,
            progress,
            answered: std::collections::BTreeSet::new(),
        }
    }

    /// Runs the scenario's execution and returns the report.
    pub(crate) fn run(mut self) -> Report {
        let spec = &self.gateway.scenario.execution;
        let start = Start {
            account: &spec.account,
            machine: &spec.machine_name,
            input: spec.input.clone(),
            name: spec.name.clone(),
            parent: None,
            start_time: asl::Options::default().start_time,
        };
        let _ = self.start_execution(start);
        self.unmatched_tokens();
        self.gateway.report
    }
}

impl<'s> Executions<'s> for World<'s> {
    fn gateway(&mut self) -> &mut Gateway<'s> {
        &mut self.gateway
    }

    fn start(&mut self, start: Start) -> Result<usize, ApiError> {
        self.start_execution(start)
    }
}
