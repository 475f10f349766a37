//! The interpreter's Task answers for one execution: each attempt becomes API calls in the
//! world, and the decisions behind them are attached to the Task's closing event.

use super::driver::World;
use crate::gateway::Site;
use crate::identity::Session;
use asl::{TaskHandler, TaskRequest, TaskResponse};
use serde_json::{json, Value};

/// Answers the Tasks of execution `execution`, which runs as `session`.
pub(crate) struct Handler<'w, 's> {
    world: &'w mut World<'s>,
    execution: usize,
    session: Session,
    attempts: usize,
}

impl<'w, 's> Handler<'w, 's> {
    /// A handler for execution `execution` (index in the report).
    pub(crate) fn new(world: &'w mut World<'s>, execution: usize, session: Session) -> Self {
        Handler {
            world,
            execution,
            session,
            attempts: 0,
        }
    }
}

impl TaskHandler for Handler<'_, '_> {
    fn invoke(&mut self, request: &TaskRequest) -> TaskResponse {
        let site = Site {
            execution: self.execution,
            invocation: self.attempts,
        };
        self.attempts += 1;
        let first = self.world.gateway.report.calls.len();
        let (result, duration_millis) = self.world.task(site, &self.session, request);
        let calls: Vec<Value> = self
            .world
            .gateway
            .report
            .calls
            .iter()
            .enumerate()
            .skip(first)
            .filter(|(_, c)| c.site == Some(site))
            .map(|(i, c)| c.annotation(i))
            .collect();
        TaskResponse {
            result,
            duration_millis,
            annotation: (!calls.is_empty()).then(|| json!({ "calls": calls })),
        }
    }
}
