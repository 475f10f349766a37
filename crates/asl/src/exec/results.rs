//! The results of a Parallel's branches or a Map's iterations, gathered into the state's
//! result array and measured as they come: results over the payload limit fail the state
//! with States.DataLimitExceeded at about the limit, before more copies are made.

use super::MAX_PAYLOAD_BYTES;
use crate::failure::Failure;
use crate::size::{data_limit_exceeded, Room};
use serde_json::Value;
use std::rc::Rc;

/// The result array being gathered.
pub(super) struct Results {
    items: Vec<Value>,
    room: Room,
    /// While every result so far came with a bound on its length and the bounds add up to
    /// no more than a payload, nothing needs measuring: the sum of those bounds. `None` once
    /// the results are measured exactly, each as it comes.
    bounded: Option<usize>,
}

impl Results {
    /// An empty array, with room for one payload.
    pub(super) fn new(capacity: usize) -> Self {
        Results {
            items: Vec::with_capacity(capacity),
            room: Room::payload(),
            bounded: Some(0),
        }
    }

    /// Adds a branch's or iteration's output (a copy, made once it is known to fit: the
    /// history keeps the output too); `bound`, when known, never undercounts its length.
    pub(super) fn push(
        &mut self,
        output: &Rc<Value>,
        bound: Option<usize>,
        state: &str,
    ) -> Result<(), Failure> {
        let within = self
            .bounded
            .zip(bound)
            .map(|(sum, bound)| sum.saturating_add(bound + 1))
            .filter(|&sum| sum <= MAX_PAYLOAD_BYTES);
        if within.is_none() {
            self.measure(output, state)?;
        }
        self.bounded = within;
        self.items.push(output.as_ref().clone());
        Ok(())
    }

    /// Adds a value of the state's own (a failed iteration's error output).
    pub(super) fn push_value(&mut self, value: Value, state: &str) -> Result<(), Failure> {
        self.measure(&value, state)?;
        self.bounded = None;
        self.items.push(value);
        Ok(())
    }

    /// Takes room for `value`, having measured the results kept unmeasured so far.
    fn measure(&mut self, value: &Value, state: &str) -> Result<(), Failure> {
        if self.bounded.take().is_some() {
            for item in &self.items {
                // They fit: their bounds added up to no more than the room.
                self.room.take(item, 1);
            }
        }
        match self.room.take(value, 1) {
            true => Ok(()),
            false => Err(data_limit_exceeded(state)),
        }
    }

    /// The array.
    pub(super) fn into_value(self) -> Rc<Value> {
        Rc::new(Value::Array(self.items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::size::text_within;

    /// The index at which results of `len` bytes each stop fitting (`None`: all fit), given
    /// each with `bound` (or none).
    fn fails_at(count: usize, len: usize, bound: Option<usize>) -> Option<usize> {
        let item = Rc::new(Value::String("x".repeat(len - 2)));
        assert_eq!(text_within(item.as_ref(), usize::MAX), Some(len));
        let mut results = Results::new(count);
        (0..count).find(|_| results.push(&item, bound, "S").is_err())
    }

    #[test]
    fn bounds_spare_the_measuring_but_not_the_limit() {
        // 100 results of 1,000 bytes fit whether bounded loosely, tightly or not at all.
        for bound in [None, Some(1_000), Some(6_000)] {
            assert_eq!(fails_at(100, 1_000, bound), None, "{bound:?}");
        }
        // 300 of 1,000 bytes (and a comma each) pass 262,144 bytes at the 262nd, however
        // loose the bounds: once they add up past a payload, the rest is measured exactly.
        for bound in [None, Some(1_000), Some(6_000), Some(300_000)] {
            assert_eq!(fails_at(300, 1_000, bound), Some(261), "{bound:?}");
        }
    }

    #[test]
    fn an_error_output_ends_the_unmeasured_run() {
        let item = Rc::new(Value::String("x".repeat(998)));
        let mut results = Results::new(300);
        for _ in 0..200 {
            results.push(&item, Some(1_000), "S").expect("fits");
        }
        results
            .push_value(Value::String("y".repeat(998)), "S")
            .expect("fits");
        let fitted = (0..100)
            .take_while(|_| results.push(&item, Some(1_000), "S").is_ok())
            .count();
        assert_eq!(fitted, 60, "201 + 60 results of 1,001 bytes fill 262,144");
    }
}
