//! The page's handle on its worker: sends the scenario to evaluate, passes on what the worker
//! answers, and cancels a run by replacing the worker (a run in progress cannot be
//! interrupted otherwise).

use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web::protocol::{FromWorker, ToWorker, QUESTION_KINDS};
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::Callback;

/// The worker's loader (web/worker-loader.js), relative to the page.
pub const WORKER_URL: &str = "./worker-loader.js";

/// A request sent but not answered for this long is a long run: a newer request replaces
/// the worker rather than wait behind it.
const PATIENCE_MS: f64 = 150.0;

/// A worker's message handler.
type Listener = Closure<dyn FnMut(MessageEvent)>;
/// A worker's error handler.
type OnError = Closure<dyn FnMut(ErrorEvent)>;
/// A worker's two handlers.
type Handlers = (Option<Listener>, Option<OnError>);

struct Inner {
    worker: Option<Worker>,
    ready: bool,
    /// The request waiting for the worker to start.
    queued: Option<ToWorker>,
    /// When the evaluation the worker is on was sent, if it is on one.
    busy_since: Option<f64>,
    /// The newest unanswered question of each kind (TestState, Simulate, Access, Complete,
    /// Import, Export): asked again when a cancelled run replaces the worker.
    questions: [Option<ToWorker>; QUESTION_KINDS],
    listener: Option<Listener>,
    /// Hears the worker fail (out of memory, a defect), and replaces it.
    on_error: Option<OnError>,
    /// The handlers of the worker replaced last, detached from it but kept alive one more
    /// restart: one of them may be running (a Cancel from inside an answer), and a closure
    /// dropped while it runs throws.
    retired: Option<Handlers>,
}

/// The worker, restartable.
#[derive(Clone)]
pub struct Runner {
    inner: Rc<RefCell<Inner>>,
    on_message: Callback<FromWorker>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Runner {
    /// Starts the worker; `on_message` hears everything it says.
    pub fn start(on_message: Callback<FromWorker>) -> Runner {
        let runner = Runner {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                ready: false,
                queued: None,
                busy_since: None,
                questions: std::array::from_fn(|_| None),
                listener: None,
                on_error: None,
                retired: None,
            })),
            on_message,
        };
        runner.spawn();
        runner
    }

    fn spawn(&self) {
        let Ok(worker) = Worker::new(WORKER_URL) else {
            self.on_message.emit(FromWorker::Ran {
                revision: 0,
                report: web::protocol::AsJson(Box::default()),
                refused: Some(
                    "The playground's worker could not start: this browser may block Web Workers."
                        .into(),
                ),
            });
            return;
        };
        let weak = Rc::downgrade(&self.inner);
        let on_message = self.on_message.clone();
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = serde_wasm_bindgen::from_value::<FromWorker>(event.data())
                .unwrap_or_else(|e| FromWorker::Broken {
                    message: format!("The page could not read the worker's answer: {e}"),
                });
            if let Some(inner) = weak.upgrade() {
                let mut inner = inner.borrow_mut();
                match &message {
                    FromWorker::Ready => {
                        inner.ready = true;
                        if let Some(request) = inner.queued.take() {
                            inner.send(request);
                        }
                        for question in inner.questions.clone().into_iter().flatten() {
                            inner.post(&question);
                        }
                    }
                    FromWorker::Ran { .. } => {
                        crate::browser::mark("sfn:ran");
                        inner.busy_since = None;
                    }
                    FromWorker::Broken { .. } => inner.busy_since = None,
                    answer => {
                        if let Some((kind, id)) = answer.answer_to() {
                            inner.answered(kind, id);
                        }
                    }
                }
            }
            on_message.emit(message);
        });
        worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        let weak = Rc::downgrade(&self.inner);
        let on_message = self.on_message.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            on_message.emit(FromWorker::Crashed {
                message: format!(
                    "The run stopped: the playground's worker failed ({}). A scenario this \
                     large or this deep can need more memory or stack than the tab allows; \
                     the worker was restarted.",
                    event.message()
                ),
            });
            if let Some(inner) = weak.upgrade() {
                // The questions it was answering go with it: asked again, one might fail
                // it again, and again.
                inner.borrow_mut().questions = std::array::from_fn(|_| None);
                let runner = Runner {
                    inner,
                    on_message: on_message.clone(),
                };
                // Replaced once this handler, which belongs to the failed worker, returns.
                Timeout::new(0, move || runner.restart()).forget();
            }
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        inner.busy_since = None;
        let old = (
            inner.listener.replace(listener),
            inner.on_error.replace(on_error),
        );
        inner.retired = Some(old);
    }

    /// Asks the worker to check and run `text`; a long run still going is abandoned.
    pub fn evaluate(&self, revision: u64, text: String) {
        let stuck = self
            .inner
            .borrow()
            .busy_since
            .is_some_and(|t| now() - t > PATIENCE_MS);
        if stuck {
            self.restart();
        }
        let request = ToWorker::Evaluate { revision, text };
        let mut inner = self.inner.borrow_mut();
        if inner.ready {
            inner.send(request);
        } else {
            inner.queued = Some(request);
        }
    }

    /// Asks the worker a question about one state, one request or what completes a string.
    /// It waits behind a run under way, and is asked again if that run is cancelled.
    pub fn ask(&self, question: ToWorker) {
        let Some((kind, _)) = question.question() else {
            return;
        };
        let mut inner = self.inner.borrow_mut();
        if inner.ready {
            inner.post(&question);
        }
        inner.questions[kind] = Some(question);
    }

    /// Stops the run under way by replacing the worker.
    pub fn cancel(&self) {
        self.restart();
    }

    fn restart(&self) {
        if let Some(worker) = self.inner.borrow_mut().worker.take() {
            // Messages it already sent must not reach handlers about to be retired.
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.spawn();
    }
}

impl Inner {
    /// Sends an evaluation, which keeps the worker busy until it has run.
    fn send(&mut self, request: ToWorker) {
        if self.post(&request) {
            self.busy_since = Some(now());
        }
    }

    /// Posts a message; whether it left.
    fn post(&self, message: &ToWorker) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        serde_wasm_bindgen::to_value(message).is_ok_and(|value| worker.post_message(&value).is_ok())
    }

    /// Forgets the question of `kind` once its answer `id` (or a newer one) came.
    fn answered(&mut self, kind: usize, id: u64) {
        let done = self.questions[kind]
            .as_ref()
            .and_then(ToWorker::question)
            .is_some_and(|(_, asked)| asked <= id);
        if done {
            self.questions[kind] = None;
        }
    }
}
