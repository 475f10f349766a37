//! The playground's engines for JavaScript, through wasm-bindgen: each export takes JSON
//! text and returns JSON text, the same the `sfn-play` command prints for the same input
//! (both call crates/engines). A call that cannot give a result returns
//! `{"error": {"kind", "message", …}}` instead: never an exception.
//!
//! Without the default feature `bindings` the same functions are plain Rust, not exported:
//! the playground's page calls them in its worker (its own exports forward to it).

#![warn(missing_docs)]

mod args;
mod error;
mod machine;
mod options;

use error::ApiError;
pub use machine::StateMachine;
use serde_json::Value;
#[cfg(feature = "bindings")]
use wasm_bindgen::prelude::wasm_bindgen;

/// The result's JSON text, or the error's.
fn answer(result: Result<String, ApiError>) -> String {
    result.unwrap_or_else(|e| e.to_json().to_string())
}

/// Runs a state machine definition alone, as `sfn-play run --definition` does.
///
/// - `definition`: the Amazon States Language text (JSONPath or JSONata).
/// - `input`: the execution's input, JSON text.
/// - `options`: JSON text `{"mocks"?: {…}, "testCase"?: "…", "seed"?: 0, "name"?: "…",
///   "history"?: true}`: a Step Functions Local mock configuration and the test case to
///   answer the Tasks with (together), the seed of the run's random choices, the state
///   machine's name (its ARN is `arn:aws:states:us-east-1:111111111111:stateMachine:NAME`;
///   `Playground` by default), whether to list the events (`false`: only the outcome).
///
/// Returns `{"status", "output", "error", "cause", "events"}` (the events as
/// GetExecutionHistory lists them; without them when `history` is `false`), or `{"error": {"kind", "message", …}}` with `kind`
/// `InvalidJson` (with `argument`, `line`, `column`), `InvalidArgument`,
/// `InvalidDefinition` (with every located `diagnostics`), `InvalidMocks` or
/// `InvalidExecutionInput` (an input over StartExecution's 262,144 bytes).
#[cfg_attr(feature = "bindings", wasm_bindgen(js_name = runDefinition))]
pub fn run_definition(definition: &str, input: &str, options: Option<String>) -> String {
    let machine = StateMachine::new(definition, options);
    machine.run(input)
}

/// The bytes of WebAssembly memory the engines hold. The memory grows to the largest
/// run's needs and never shrinks: in a fresh instance, after one run, this is that run's
/// peak (what `scripts/bench` reports).
#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65_536
}

/// Runs a scenario (accounts, roles, policies, resources, state machines and the run to
/// start), as `sfn-play run SCENARIO` does.
///
/// Returns the report: every execution with its status and events, every API call with
/// its IAM decision, the Tasks left waiting for their token (`paused`); or
/// `{"error": {"kind": "InvalidScenario", "message", "diagnostics"}}`.
#[cfg_attr(feature = "bindings", wasm_bindgen(js_name = runScenario))]
pub fn run_scenario(scenario: &str) -> String {
    answer(
        engines::run_scenario(scenario)
            .map(|report| report.to_json().to_string())
            .map_err(ApiError::Scenario),
    )
}

/// Validates a scenario (a document with `scenarioVersion`, lint included) or a state
/// machine definition, as `sfn-play validate` does.
///
/// Returns the JSON array of diagnostics, each
/// `{"code", "severity", "message", "pointer", "line"?, "column"?}`; `[]` when valid.
#[cfg_attr(feature = "bindings", wasm_bindgen)]
pub fn validate(text: &str) -> String {
    engines::validate(text).diagnostics.to_string()
}

/// Decides an IAM authorization request, or an array of them, as `sfn-play authorize`
/// does: `{"request": {"principal", "action", "resource", "context"}, "identityPolicies",
/// "resourcePolicy", "permissionsBoundaries", "scps", "rcps", "sessionPolicies",
/// "resourcePolicyKind"}`.
///
/// Returns `{"result": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied", "explanation"}` (each
/// statement with its line and column in `requests`), an array of them (a malformed
/// request of the array answered in its place with `{"error": {"code", "message",
/// "pointer"}}`), or `{"error": {"kind": "InvalidJson" | "InvalidRequest", …}}`.
#[cfg_attr(feature = "bindings", wasm_bindgen)]
pub fn authorize(requests: &str) -> String {
    let shape = |message: String| ApiError::Shape {
        argument: "requests",
        message,
    };
    answer(
        engines::decisions(requests)
            .map_err(ApiError::Authorize)
            .and_then(|decisions| match decisions {
                engines::Decisions::One(output) => {
                    serde_json::to_string_pretty(&output).map_err(|e| shape(e.to_string()))
                }
                engines::Decisions::Batch(mut batch) => {
                    let mut text = Vec::new();
                    batch
                        .write_pretty(&mut text)
                        .map_err(|e| shape(e.to_string()))?;
                    String::from_utf8(text).map_err(|e| shape(e.to_string()))
                }
            }),
    )
}

/// Runs one state alone, as the Step Functions TestState API (and `sfn-play test-state`)
/// does.
///
/// - `request`: the TestState request, JSON text `{"definition", "stateName"?, "input"?,
///   "variables"?, "context"?, "mock"?, "inspectionLevel"?, "stateConfiguration"?,
///   "roleArn"?, "revealSecrets"?}` (`input`, `variables` and `context` are JSON texts, as
///   in the API).
/// - `options`: JSON text `{"scenario": "<scenario text>", "stateMachine": "<ARN>"}`: test
///   the state as that state machine of the scenario runs it, its Task answered by the
///   simulated accounts (`definition` may then be left out).
///
/// Returns the TestState response (`status`, `output`, `error`, `cause`, `nextState`,
/// `inspectionData`), or `{"error": {"kind", "message", …}}`.
#[cfg_attr(feature = "bindings", wasm_bindgen(js_name = testState))]
pub fn test_state(request: &str, options: Option<String>) -> String {
    answer(test_state_json(request, options.as_deref()))
}

fn test_state_json(request: &str, options: Option<&str>) -> Result<String, ApiError> {
    let given: options::TestStateOptions = args::shaped("options", options)?;
    let world = match (given.scenario, given.state_machine) {
        (None, None) => None,
        (Some(text), Some(machine)) => Some(engines::World {
            scenario: sim::Scenario::parse_text(&text).map_err(ApiError::Scenario)?,
            machine,
        }),
        _ => {
            return Err(ApiError::Shape {
                argument: "options",
                message: "scenario and stateMachine go together".into(),
            })
        }
    };
    let mut value = args::json("request", request)?;
    if let (Some(w), Value::Object(fields)) = (&world, &mut value) {
        if !fields.contains_key("definition") {
            fields.insert("definition".into(), Value::String(w.definition()));
        }
    }
    let request = serde_json::from_value(value).map_err(|e| ApiError::Shape {
        argument: "request",
        message: e.to_string(),
    })?;
    let response = engines::test_state(&request, world.as_ref()).map_err(ApiError::TestState)?;
    serde_json::to_string(&response).map_err(|e| ApiError::Shape {
        argument: "request",
        message: e.to_string(),
    })
}

/// Evaluates a JSONata expression with the reference functions, as `sfn-play jsonata`
/// does.
///
/// - `input`: the input document (`$`), JSON text; none when absent.
/// - `bindings`: JSON text of an object of variables (`{"x": 1}` binds `$x`).
///
/// Returns `{"result": …}`, `{"undefined": true}` or
/// `{"error": {"code", "message", "position"?}}` (JSONata's codes, e.g. `S0201`); an
/// argument that is not JSON gives `{"error": {"kind": "InvalidJson", …}}`.
#[cfg_attr(feature = "bindings", wasm_bindgen(js_name = evaluateJsonata))]
pub fn evaluate_jsonata(
    expression: &str,
    input: Option<String>,
    bindings: Option<String>,
) -> String {
    answer(evaluate_jsonata_json(
        expression,
        input.as_deref(),
        bindings.as_deref(),
    ))
}

fn evaluate_jsonata_json(
    expression: &str,
    input: Option<&str>,
    bindings: Option<&str>,
) -> Result<String, ApiError> {
    let input = input.map(|text| args::json("input", text)).transpose()?;
    let options::Bindings(bindings) = args::shaped("bindings", bindings)?;
    Ok(engines::evaluate(expression, input.as_ref(), &bindings)
        .json
        .to_string())
}
