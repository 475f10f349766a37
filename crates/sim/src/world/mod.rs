//! The execution driver: runs state machines with the interpreter, answers their Tasks
//! with calls through the gateway, and starts the child executions services ask for.

mod driver;
mod executions;
mod handler;
mod task;

pub(crate) use driver::World;
pub use driver::MAX_NESTING;
