//! One visit of a state: which state, the input it entered with and when. Every state
//! handler takes the visit whole and builds its context object (`$$`) from it.

use crate::definition::State;
use crate::scope::{ExecutionInfo, StateContext};
use serde_json::Value;
use std::rc::Rc;

/// A state being run: the state, its raw input and the time it was entered.
pub(super) struct Visit<'s> {
    /// The state.
    pub(super) state: &'s State,
    /// The input the state entered with, before InputPath.
    pub(super) input: Rc<Value>,
    /// The virtual time of its entered event, in milliseconds.
    pub(super) entered_time: i64,
    info: Rc<ExecutionInfo>,
}

impl<'s> Visit<'s> {
    /// A visit of `state` in the execution `info`.
    pub(super) fn new(
        state: &'s State,
        input: Rc<Value>,
        entered_time: i64,
        info: Rc<ExecutionInfo>,
    ) -> Self {
        Visit {
            state,
            input,
            entered_time,
            info,
        }
    }

    /// The context object of this visit (no retry count, Map item or task token yet).
    pub(super) fn context(&self) -> StateContext<'_> {
        StateContext::new(&self.info, &self.state.name, self.entered_time)
    }
}
