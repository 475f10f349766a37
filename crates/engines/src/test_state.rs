//! One state run alone, as the TestState API (and `sfn-play test-state`) runs it.

use asl::{Diagnostic, TestStateRequest, TestStateResponse};

/// A scenario and one of its state machines: the world a state is tested in.
#[derive(Debug, Clone)]
pub struct World {
    /// The scenario.
    pub scenario: sim::Scenario,
    /// The state machine's ARN.
    pub machine: String,
}

impl World {
    /// The definition of the state machine (empty when the scenario has no such machine:
    /// the test then reports it).
    pub fn definition(&self) -> String {
        self.scenario
            .definition_text(&self.machine)
            .unwrap_or_default()
    }
}

/// The TestState response: its Task answered by the world's simulated services under the
/// machine's role, or, with no world, by nothing (a mock or no call).
pub fn test_state(
    request: &TestStateRequest,
    world: Option<&World>,
) -> Result<TestStateResponse, Vec<Diagnostic>> {
    match world {
        Some(w) => sim::test_state(&w.scenario, &w.machine, request)
            .map(|test| test.response)
            .map_err(|e| e.diagnostics()),
        None => asl::test_state(request, &mut asl::NoTasks),
    }
}
