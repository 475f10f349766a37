//! The engines' JavaScript API on the built page: Trunk puts this module's exports on
//! `window.wasmBindings`, so a script in the page can call `runDefinition`, `runScenario`,
//! `validate`, `authorize`, `testState` and `evaluateJsonata` with the arguments the npm
//! package takes. The engines live in the page's worker, not in the page's own wasm (which
//! stays small), so each returns a Promise of the text the package's function returns.
//! Calls go to a worker of their own, started on the first call, so they never wait behind
//! (or cancel) the page's runs.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web::protocol::{EngineCall, FromWorker, ToWorker};
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The API's worker, its listener, the calls waiting for its start and the unanswered ones.
#[derive(Default)]
struct Engines {
    worker: Option<Worker>,
    listener: Option<Closure<dyn FnMut(MessageEvent)>>,
    on_error: Option<Closure<dyn FnMut(ErrorEvent)>>,
    ready: bool,
    queued: Vec<ToWorker>,
    /// Each unanswered call's `resolve` and `reject`.
    pending: HashMap<u64, (js_sys::Function, js_sys::Function)>,
    next_id: u64,
}

thread_local! {
    static ENGINES: RefCell<Engines> = RefCell::default();
}

/// A Promise of `call`'s answer; rejected when the worker cannot start or fails.
fn ask(call: EngineCall) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        ENGINES.with(|engines| {
            let mut engines = engines.borrow_mut();
            if engines.worker.is_none() && !start(&mut engines) {
                let _ = reject.call1(
                    &JsValue::NULL,
                    &JsValue::from_str("the engines' worker could not start"),
                );
                return;
            }
            engines.next_id += 1;
            let id = engines.next_id;
            engines.pending.insert(id, (resolve, reject));
            let request = ToWorker::Engine {
                id,
                call: call.clone(),
            };
            if engines.ready {
                post(&engines, &request);
            } else {
                engines.queued.push(request);
            }
        })
    })
}

/// Starts the worker; whether it started.
fn start(engines: &mut Engines) -> bool {
    let Ok(worker) = Worker::new(crate::runner::WORKER_URL) else {
        return false;
    };
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let message = serde_wasm_bindgen::from_value::<FromWorker>(event.data());
        ENGINES.with(|engines| {
            let mut engines = engines.borrow_mut();
            match message {
                Ok(FromWorker::Ready) => {
                    engines.ready = true;
                    for request in std::mem::take(&mut engines.queued) {
                        post(&engines, &request);
                    }
                }
                Ok(FromWorker::Engined { id, answer }) => {
                    if let Some((resolve, _)) = engines.pending.remove(&id) {
                        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&answer));
                    }
                }
                _ => {}
            }
        });
    });
    worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    // A failed worker (out of memory, a defect) rejects every unanswered call; the next
    // call starts a new one.
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(|event: ErrorEvent| {
        event.prevent_default();
        let reason = JsValue::from_str(&format!("the engines' worker failed: {}", event.message()));
        ENGINES.with(|engines| {
            let mut engines = engines.borrow_mut();
            if let Some(worker) = engines.worker.take() {
                worker.terminate();
            }
            engines.ready = false;
            engines.queued.clear();
            for (_, (_, reject)) in engines.pending.drain() {
                let _ = reject.call1(&JsValue::NULL, &reason);
            }
            // The closures stay until the next start replaces them: this one is running.
        });
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    engines.worker = Some(worker);
    engines.listener = Some(listener);
    engines.on_error = Some(on_error);
    true
}

fn post(engines: &Engines, request: &ToWorker) {
    if let (Some(worker), Ok(value)) = (&engines.worker, serde_wasm_bindgen::to_value(request)) {
        let _ = worker.post_message(&value);
    }
}

/// Runs a state machine definition alone: a Promise of what the npm package's
/// `runDefinition` returns (`{"status", "output", "error", "cause", "events"}` or
/// `{"error": …}`). `options`: `{"mocks", "testCase", "seed", "name", "history"}`.
#[wasm_bindgen(js_name = runDefinition)]
pub fn run_definition(
    definition: String,
    input: String,
    options: Option<String>,
) -> js_sys::Promise {
    ask(EngineCall::RunDefinition {
        definition,
        input,
        options,
    })
}

/// Runs a scenario: a Promise of the npm package's `runScenario` answer (the report).
#[wasm_bindgen(js_name = runScenario)]
pub fn run_scenario(scenario: String) -> js_sys::Promise {
    ask(EngineCall::RunScenario { scenario })
}

/// Validates a scenario or a definition: a Promise of the diagnostics' JSON array.
#[wasm_bindgen]
pub fn validate(text: String) -> js_sys::Promise {
    ask(EngineCall::Validate { text })
}

/// Decides an IAM authorization request (or an array): a Promise of
/// `{"result", "explanation"}` (or their array).
#[wasm_bindgen]
pub fn authorize(requests: String) -> js_sys::Promise {
    ask(EngineCall::Authorize { requests })
}

/// Runs one state as the TestState API does: a Promise of the TestState response.
/// `options`: `{"scenario", "stateMachine"}`.
#[wasm_bindgen(js_name = testState)]
pub fn test_state(request: String, options: Option<String>) -> js_sys::Promise {
    ask(EngineCall::TestState { request, options })
}

/// Evaluates a JSONata expression: a Promise of `{"result"}`, `{"undefined": true}` or
/// `{"error"}`.
#[wasm_bindgen(js_name = evaluateJsonata)]
pub fn evaluate_jsonata(
    expression: String,
    input: Option<String>,
    bindings: Option<String>,
) -> js_sys::Promise {
    ask(EngineCall::EvaluateJsonata {
        expression,
        input,
        bindings,
    })
}
