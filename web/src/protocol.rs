//! The messages between the page and its worker. They cross as typed structs
//! (serde-wasm-bindgen), the same types the engines produce.

use serde::{Deserialize, Serialize};

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Check the scenario text and, when it is valid, run it. `revision` names the text, so
    /// the page can tell whether an answer describes what is on screen.
    Evaluate { revision: u64, text: String },
}

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has started and takes requests.
    Ready,
    /// The scenario's diagnostics (validation and lint).
    Checked {
        revision: u64,
        diagnostics: Vec<sim::Diagnostic>,
    },
    /// A long run is under way: an execution has recorded this many events.
    Progress { revision: u64, events: usize },
    /// The run ended (or could not start: `refused` says why, one error per line).
    Ran {
        revision: u64,
        report: Box<sim::Report>,
        refused: Option<String>,
    },
}
