//! The page's Web Worker: checks and runs scenarios off the main thread, so typing,
//! scrolling and stepping stay smooth while a long run computes. Trunk builds it
//! (`data-type="worker"` in index.html); web/worker-loader.js starts it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web::protocol::{FromWorker, ToWorker};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Posts `message` to the page; one that cannot be encoded is replaced by a `Broken` that
/// says why, so the page never waits for an answer that will not come.
fn post(scope: &DedicatedWorkerGlobalScope, message: &FromWorker) {
    let value = serde_wasm_bindgen::to_value(message).or_else(|e| {
        serde_wasm_bindgen::to_value(&FromWorker::Broken {
            message: format!("The worker could not send its answer: {e}"),
        })
    });
    if let Ok(value) = value {
        let _ = scope.post_message(&value);
    }
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Ok(request) = serde_wasm_bindgen::from_value::<ToWorker>(event.data()) else {
            return;
        };
        let scope = answer.clone();
        web::job::handle(request, move |m| post(&scope, &m));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &FromWorker::Ready);
}
