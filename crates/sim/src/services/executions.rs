//! Child executions, as services ask for them: the execution driver implements
//! [`Executions`], so that a service starting a workflow never calls the driver directly.

use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway, Site};
use serde_json::Value;

/// An execution to start.
pub(crate) struct Start<'a> {
    /// The account of the state machine.
    pub(crate) account: &'a str,
    /// The state machine's name.
    pub(crate) machine: &'a str,
    pub(crate) input: Value,
    /// The execution name (generated when `None`).
    pub(crate) name: Option<String>,
    /// The Task attempt that starts it; `None` for the scenario's own execution.
    pub(crate) parent: Option<Site>,
    /// ms on the virtual clock.
    pub(crate) start_time: i64,
}

/// What the execution driver lends the services: the gateway, and running executions.
pub(crate) trait Executions<'s> {
    /// The gateway every call goes through.
    fn gateway(&mut self) -> &mut Gateway<'s>;

    /// Starts an execution and runs it to its end; returns its index in the report.
    fn start(&mut self, start: Start) -> Result<usize, ApiError>;
}

/// [`Gateway::api`] for a call whose body may start executions.
pub(crate) fn api<'s>(
    x: &mut dyn Executions<'s>,
    cx: &CallCx,
    call: Call<'s>,
    body: impl FnOnce(&mut dyn Executions<'s>) -> Result<Value, ApiError>,
) -> Result<Value, ApiError> {
    let admitted = x.gateway().admit(cx, call)?;
    let result = body(x);
    x.gateway().settle(admitted, result)
}
