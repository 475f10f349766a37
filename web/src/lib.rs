//! What the page and its Web Worker share: the messages that cross between them
//! ([`protocol`]) and the engine work the worker does for the page ([`job`]).

pub mod job;
pub mod protocol;
