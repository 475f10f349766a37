//! The execution driver: runs state machines with the interpreter, answers their Tasks
//! with calls through the gateway, and starts the child executions services ask for.

mod driver;
mod exchange;
mod executions;
mod handler;
mod map_run;
mod task;
mod test_state;
mod waiting;

pub(crate) use driver::World;
pub use driver::{RunSettings, MAX_HISTORY_TEXT_BYTES, MAX_NESTING};
pub(crate) use test_state::Tested;
