//! What the page and its Web Worker share: the messages that cross between them
//! ([`protocol`]), the engine work the worker does for the page ([`job`]) and its answers to
//! one-off questions about one state or one request ([`questions`]), and templates in and out
//! ([`transfer`]).

pub mod job;
pub mod protocol;
pub mod questions;
pub mod transfer;
