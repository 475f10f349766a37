//! The page's Web Worker: checks and runs scenarios off the main thread, so typing,
//! scrolling and stepping stay smooth while a long run computes. Trunk builds it
//! (`data-type="worker"` in index.html); web/worker-loader.js starts it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web::protocol::{AsJson, FromWorker, ToWorker};
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
        let answer_scope = answer.clone();
        match request {
            ToWorker::Evaluate { revision, text } => {
                let scope = answer.clone();
                web::job::evaluate(revision, &text, move |m| post(&scope, &m));
            }
            ToWorker::TestState {
                id,
                text,
                machine,
                request,
            } => {
                let answer = web::questions::test_state(&text, &machine, &request.0);
                post(
                    &answer_scope,
                    &FromWorker::Tested {
                        id,
                        answer: AsJson(Box::new(answer)),
                    },
                );
            }
            ToWorker::Access { id, text, question } => {
                let answer = web::questions::access(&text, &question);
                post(
                    &answer_scope,
                    &FromWorker::Accessed {
                        id,
                        answer: AsJson(Box::new(answer)),
                    },
                );
            }
            ToWorker::Import {
                id,
                text,
                account,
                template,
                parameters,
            } => {
                let answer = web::transfer::import(&text, &account, &template, &parameters);
                post(
                    &answer_scope,
                    &FromWorker::Imported {
                        id,
                        answer: AsJson(Box::new(answer)),
                    },
                );
            }
            ToWorker::Export {
                id,
                text,
                account,
                json,
                imported,
            } => {
                let answer = web::transfer::export(&text, &account, json, imported.as_deref());
                post(
                    &answer_scope,
                    &FromWorker::Exported {
                        id,
                        answer: AsJson(Box::new(answer)),
                    },
                );
            }
            ToWorker::Simulate { id, text, question } => {
                let answer = web::questions::simulate(&text, &question.0);
                post(
                    &answer_scope,
                    &FromWorker::Simulated {
                        id,
                        answer: AsJson(Box::new(answer)),
                    },
                );
            }
            ToWorker::Complete {
                id,
                text,
                kind,
                typed,
                actions,
            } => {
                let items = web::questions::complete(&text, kind, &typed, &actions);
                post(&answer_scope, &FromWorker::Completions { id, items });
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &FromWorker::Ready);
}
