//! The world of one run: the gateway (scenario, data, report, the run's budget) and how
//! deep executions nest; it is what services start child executions through.

use crate::errors::ApiError;
use crate::gateway::{Gateway, Report};
use crate::scenario::Scenario;
use crate::services::{Executions, Start};

/// How deep executions may nest (an execution that starts itself ends here).
pub const MAX_NESTING: usize = 10;

/// The playground's limit on the JSON text of a run's history events (the report writes
/// each event's payload out in full), in bytes.
pub const MAX_HISTORY_TEXT_BYTES: usize = 64 << 20;

/// How a run goes: who hears its progress, and what it may spend.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Hears each execution's event count as it grows.
    pub progress: asl::Progress,
    /// What the whole run may spend, every execution together; by default the
    /// interpreter's limits with [`MAX_HISTORY_TEXT_BYTES`] of history text.
    pub limits: asl::Limits,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            progress: asl::Progress::default(),
            limits: asl::Limits {
                history_text_bytes: Some(MAX_HISTORY_TEXT_BYTES),
                ..asl::Limits::default()
            },
        }
    }
}

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
    /// A world in the scenario's initial state, its budget's clock starting now.
    pub(crate) fn new(scenario: &'s Scenario, settings: &RunSettings) -> World<'s> {
        World {
            gateway: Gateway::new(scenario, asl::Budget::new(settings.limits)),
            depth: 0,
            progress: settings.progress.clone(),
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
