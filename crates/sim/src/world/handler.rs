//! The interpreter's Task answers for one execution: each attempt becomes API calls in the
//! world, and the decisions behind them are attached to the Task's closing event; a
//! Distributed Map's S3 calls and child executions go to the world too.

use super::driver::World;
use super::exchange::exchange;
use crate::gateway::Site;
use crate::identity::Session;
use asl::{
    ChildAnswer, ChildExecution, Failure, MapRunSummary, S3Call, TaskHandler, TaskRequest,
    TaskResponse,
};
use serde_json::{json, Value};

/// Answers the Tasks of execution `execution`, which runs as `session`.
pub(crate) struct Handler<'w, 's> {
    world: &'w mut World<'s>,
    execution: usize,
    session: Session,
    attempts: usize,
    /// Whether each answer carries its last call as an HTTP exchange (TestState's TRACE).
    traced: bool,
    /// The child executions of the Map Run under way (indexes in the report).
    map_children: Vec<usize>,
}

impl<'w, 's> Handler<'w, 's> {
    /// A handler for execution `execution` (index in the report).
    pub(crate) fn new(world: &'w mut World<'s>, execution: usize, session: Session) -> Self {
        Handler {
            world,
            execution,
            session,
            attempts: 0,
            traced: false,
            map_children: Vec::new(),
        }
    }

    /// The same handler, describing the last call of each attempt as an HTTP exchange.
    pub(crate) fn traced(mut self) -> Self {
        self.traced = true;
        self
    }

    /// The world it answers from.
    pub(crate) fn world(&mut self) -> &mut World<'s> {
        self.world
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
        // TestState (the traced handler) makes the call and does not wait for answers.
        let attempt = self.world.task(site, &self.session, request, !self.traced);
        let made = || {
            self.world
                .gateway
                .report
                .calls
                .iter()
                .enumerate()
                .skip(first)
                .filter(|(_, c)| c.site == Some(site))
        };
        let calls: Vec<Value> = made().map(|(i, c)| c.annotation(i)).collect();
        let region = self.world.gateway.region();
        let exchange = self
            .traced
            .then(|| made().next_back().map(|(_, c)| exchange(c, region)))
            .flatten();
        TaskResponse {
            result: attempt.result,
            duration_millis: attempt.duration,
            annotation: (!calls.is_empty()).then(|| json!({ "calls": calls })),
            exchange,
            wait: attempt.wait,
        }
    }

    fn traces(&self) -> bool {
        self.traced
    }

    fn s3(&mut self, call: &S3Call, now: i64) -> Result<Value, Failure> {
        self.world
            .map_run_s3(self.execution, &self.session, call, now)
    }

    fn child_execution(&mut self, child: &ChildExecution) -> ChildAnswer {
        let (answer, index) = self
            .world
            .map_run_child(self.execution, &self.session, child);
        self.map_children.extend(index);
        answer
    }

    fn map_run_finished(&mut self, summary: &MapRunSummary) {
        let children = std::mem::take(&mut self.map_children);
        self.world
            .map_run_finished(self.execution, children, summary);
    }
}
