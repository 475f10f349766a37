//! The results of a Parallel's branches or a Map's iterations, gathered into the state's
//! result array and measured as they come: results over the payload limit fail the state
//! with States.DataLimitExceeded at about the limit, before more copies are made.

use crate::failure::Failure;
use crate::size::{data_limit_exceeded, Room};
use serde_json::Value;
use std::rc::Rc;

/// The result array being gathered.
pub(super) struct Results {
    items: Vec<Value>,
    room: Room,
}

impl Results {
    /// An empty array, with room for one payload.
    pub(super) fn new(capacity: usize) -> Self {
        Results {
            items: Vec::with_capacity(capacity),
            room: Room::payload(),
        }
    }

    /// Adds a branch's or iteration's output (a copy, made once it is known to fit: the
    /// history keeps the output too).
    pub(super) fn push(&mut self, output: &Rc<Value>, state: &str) -> Result<(), Failure> {
        if !self.room.take(output, 1) {
            return Err(data_limit_exceeded(state));
        }
        self.items.push(output.as_ref().clone());
        Ok(())
    }

    /// Adds a value of the state's own (a failed iteration's error output).
    pub(super) fn push_value(&mut self, value: Value, state: &str) -> Result<(), Failure> {
        if !self.room.take(&value, 1) {
            return Err(data_limit_exceeded(state));
        }
        self.items.push(value);
        Ok(())
    }

    /// The array.
    pub(super) fn into_value(self) -> Rc<Value> {
        Rc::new(Value::Array(self.items))
    }
}
