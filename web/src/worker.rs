//! The page's Web Worker: checks and runs scenarios off the main thread, so typing,
//! scrolling and stepping stay smooth while a long run computes. Trunk builds it
//! (`data-type="worker"` in index.html); web/worker-loader.js starts it.
//!
//! The AWS managed policies (2.4 MB) are not in the wasm: the first request that needs
//! them ([`ToWorker::needs_managed_policies`]) fetches `managed-policies.tsv` from beside
//! the page; requests wait, in order, until it has arrived or failed.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web::protocol::{FromWorker, ToWorker};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

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

/// Where the AWS managed policies stand.
enum Catalog {
    /// Not asked for yet.
    Unasked,
    /// Being fetched: the requests waiting for it, in order.
    Fetching(Vec<ToWorker>),
    /// Installed, or failed (then answers say their documents are not known).
    Settled,
}

/// Fetches the catalog's text.
async fn fetch_catalog(scope: &DedicatedWorkerGlobalScope) -> Result<String, JsValue> {
    let response: Response = JsFuture::from(scope.fetch_with_str(iam::MANAGED_POLICIES_FILE))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str(&format!("HTTP {}", response.status())));
    }
    JsFuture::from(response.text()?)
        .await?
        .as_string()
        .ok_or_else(|| JsValue::from_str("not text"))
}

fn answer(scope: &DedicatedWorkerGlobalScope, request: ToWorker) {
    let scope = scope.clone();
    web::job::handle(request, move |m| post(&scope, &m));
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let catalog = Rc::new(RefCell::new(Catalog::Unasked));
    let answering = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Ok(request) = serde_wasm_bindgen::from_value::<ToWorker>(event.data()) else {
            return;
        };
        let mut state = catalog.borrow_mut();
        match &mut *state {
            Catalog::Fetching(waiting) => waiting.push(request),
            Catalog::Unasked
                if request.needs_managed_policies() && iam::managed_policies().is_none() =>
            {
                *state = Catalog::Fetching(vec![request]);
                let (scope, catalog) = (answering.clone(), catalog.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(text) = fetch_catalog(&scope).await {
                        let _ = iam::install_managed_policies(&text);
                    }
                    let waiting = match catalog.replace(Catalog::Settled) {
                        Catalog::Fetching(waiting) => waiting,
                        _ => Vec::new(),
                    };
                    for request in waiting {
                        answer(&scope, request);
                    }
                });
            }
            _ => answer(&answering, request),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &FromWorker::Ready);
}
