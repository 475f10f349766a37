//! `StateMachine`: a definition parsed once and run on many inputs, for callers (tests,
//! benchmarks) that run the same definition again and again.

use crate::error::ApiError;
use crate::{answer, args, options};
#[cfg(feature = "bindings")]
use wasm_bindgen::prelude::wasm_bindgen;

/// A state machine definition, parsed and checked once; `run` runs it on an input and
/// answers as `runDefinition` does. Building one never throws: an invalid definition or
/// options are reported by `error` and by every `run`.
#[cfg_attr(feature = "bindings", wasm_bindgen)]
pub struct StateMachine {
    /// The machine, or why it cannot run (the error's JSON text).
    prepared: Result<Prepared, String>,
}

/// The parsed machine and whether answers list the events.
struct Prepared {
    machine: engines::Machine,
    history: bool,
}

#[cfg_attr(feature = "bindings", wasm_bindgen)]
impl StateMachine {
    /// Parses `definition` with `options`, as `runDefinition` takes them (`mocks`,
    /// `testCase`, `seed`, `name`, `history`).
    #[cfg_attr(feature = "bindings", wasm_bindgen(constructor))]
    pub fn new(definition: &str, options: Option<String>) -> StateMachine {
        StateMachine {
            prepared: prepare(definition, options.as_deref()).map_err(|e| e.to_json().to_string()),
        }
    }

    /// `{"error": {"kind", "message", …}}` as JSON text when the definition or the options
    /// are invalid (then every `run` answers it too); `undefined` when the machine can run.
    #[cfg_attr(feature = "bindings", wasm_bindgen(getter))]
    pub fn error(&self) -> Option<String> {
        self.prepared.as_ref().err().cloned()
    }

    /// Runs the machine on `input` (JSON text): `{"status", "output", "error", "cause",
    /// "events"}` as `runDefinition` answers, or `{"error": …}`.
    pub fn run(&self, input: &str) -> String {
        match &self.prepared {
            Ok(prepared) => answer(run(prepared, input)),
            Err(e) => e.clone(),
        }
    }
}

fn prepare(definition: &str, options: Option<&str>) -> Result<Prepared, ApiError> {
    let given: options::RunOptions = args::shaped("options", options)?;
    let mocks = match (given.mocks, given.test_case) {
        (Some(config), Some(case)) => Some((config, case)),
        (None, None) => None,
        _ => {
            return Err(ApiError::Shape {
                argument: "options",
                message: "mocks and testCase go together".into(),
            })
        }
    };
    let options = engines::RunOptions {
        name: given.name.unwrap_or_else(|| "Playground".into()),
        seed: given.seed,
        mocks,
    };
    Ok(Prepared {
        machine: engines::Machine::new(definition, &options).map_err(ApiError::Run)?,
        history: given.history != Some(false),
    })
}

fn run(prepared: &Prepared, input: &str) -> Result<String, ApiError> {
    let input = args::json("input", input)?;
    let outcome = prepared.machine.run(input).map_err(ApiError::Run)?;
    if !prepared.history {
        // Written straight to text (not built as a Value, nor through `Display`: a third of
        // a small run's time in wasm went to that). It cannot fail: the keys are strings.
        return Ok(serde_json::to_string(&outcome.summary()).unwrap_or_default());
    }
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    outcome.write_json(&mut out).ok();
    Ok(String::from_utf8_lossy(&out).into_owned())
}
