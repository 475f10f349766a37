//! The application shell: where the page starts, what it keeps, the keyboard, the layout.

use crate::ask::Tool;
use crate::browser;
use crate::model::{Action, Model};
use crate::panels::{self, Draw, Page, Panel};
use crate::runner::Runner;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web::protocol::{AsJson, ToWorker};
use web::questions::CompletionKind;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// How long typing must pause before the scenario is checked and run again.
const EDIT_PAUSE_MS: u32 = 250;

/// How long editing must pause before the scenario is saved and written into the link:
/// longer than a pause between keys, as writing out, compressing and storing a long scenario
/// holds the page up (0.2 s for a policy of 3,000 statements).
const SAVE_PAUSE_MS: u32 = 1000;

/// Saves the scenario for the next visit and writes it into the address bar's link.
fn persist(m: &Model) {
    browser::save(&m.text(), &m.preset);
    browser::write_link(m);
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let model = use_reducer(|| {
        let start = browser::start();
        let mut m = Model::new(start.doc, start.preset, browser::theme());
        m.banner = start.banner;
        if start.hold {
            m.hold();
        }
        m.restore(start.context);
        m
    });
    let runner = {
        let d = model.dispatcher();
        use_memo((), move |_| {
            Runner::start(Callback::from(move |m| d.dispatch(Action::Heard(m))))
        })
    };
    let sent = use_mut_ref(|| None::<u64>);
    let pause = use_mut_ref(|| None::<Timeout>);

    // Run (and the first render) evaluates at once.
    {
        let (m, runner, sent, pause) = (model.clone(), runner.clone(), sent.clone(), pause.clone());
        use_effect_with(model.run_requests, move |_| {
            if m.held {
                return;
            }
            pause.borrow_mut().take();
            *sent.borrow_mut() = Some(m.revision);
            runner.evaluate(m.revision, m.text());
            m.dispatch(Action::Sent(m.revision));
        });
    }
    // A run under way is noted for the next visit (which does not run again on its own if
    // this one ends mid-run); held, the note stays until the user runs.
    use_effect_with((model.running.is_some(), model.held), |(busy, held)| {
        if *busy || !*held {
            browser::note_running(*busy);
        }
    });
    // An edit evaluates after a pause in typing.
    {
        let (m, runner, sent, pause) = (model.clone(), runner.clone(), sent.clone(), pause.clone());
        use_effect_with(model.revision, move |revision| {
            let revision = *revision;
            // Held, the page opened without running; an edit releases it.
            if *sent.borrow() != Some(revision) && !m.held {
                let later = sent.clone();
                *pause.borrow_mut() = Some(Timeout::new(EDIT_PAUSE_MS, move || {
                    *later.borrow_mut() = Some(revision);
                    runner.evaluate(revision, m.text());
                    m.dispatch(Action::Sent(revision));
                }));
            }
        });
    }
    // An open question tool asks again whenever its form or the scenario changes.
    {
        let (m, runner) = (model.clone(), runner.clone());
        let asked = use_mut_ref(|| 0_u64);
        use_effect_with(
            (model.ask.asked, model.revision, model.ask.open),
            move |(_, _, open)| {
                let id = {
                    let mut n = asked.borrow_mut();
                    *n += 1;
                    *n
                };
                match open {
                    Some(Tool::TestState) => {
                        if let Ok(request) = m.ask.test.request(&m.doc) {
                            runner.ask(ToWorker::TestState {
                                id,
                                text: m.text(),
                                machine: m.ask.test.arn(&m.doc),
                                request: AsJson(request),
                            });
                        }
                    }
                    Some(Tool::Access) => {
                        let baseline = sim::preset(&m.preset).map(|p| p.text.to_string());
                        runner.ask(ToWorker::Access {
                            id,
                            text: m.text(),
                            question: m.ask.access_question(baseline),
                        })
                    }
                    Some(Tool::Transfer) if !m.ask.transfer_account.is_empty() => {
                        runner.ask(ToWorker::Export {
                            id,
                            text: m.text(),
                            account: m.ask.transfer_account.clone(),
                            json: m.ask.export_json,
                            imported: m.imported.as_deref().cloned(),
                        })
                    }
                    Some(Tool::Simulator) => runner.ask(ToWorker::Simulate {
                        id,
                        text: m.text(),
                        question: AsJson(m.ask.sim.question()),
                    }),
                    _ => {}
                }
            },
        );
    }
    // The editor's caret moved into a string that completes: ask for its suggestions.
    {
        let (m, runner) = (model.clone(), runner.clone());
        use_effect_with(model.complete.asked, move |id| {
            if let Some(site) = &m.complete.site {
                let resources = site.kind == CompletionKind::Resource;
                runner.ask(ToWorker::Complete {
                    id: *id,
                    text: if resources { m.text() } else { String::new() },
                    kind: site.kind,
                    typed: site.typed.clone(),
                    actions: site.actions.clone(),
                });
            }
        });
    }
    // Import sends the template once per press.
    {
        let (m, runner) = (model.clone(), runner.clone());
        use_effect_with(model.ask.import_requests, move |requests| {
            if *requests > 0 {
                runner.ask(ToWorker::Import {
                    id: *requests,
                    text: m.text(),
                    account: m.ask.transfer_account.clone(),
                    template: m.ask.template.clone(),
                    parameters: m.ask.parameters.clone(),
                });
            }
        });
    }
    let cancel = {
        let (d, runner) = (model.dispatcher(), runner.clone());
        Callback::from(move |_| {
            runner.cancel();
            d.dispatch(Action::Cancelled);
        })
    };

    // Every change of the scenario is saved, and the link carries it, once editing pauses
    // (saving on every key would hold each key up); a page being hidden or left saves at
    // once whatever is not saved yet. That flush reads the latest state, not what the last
    // render saw: an edit is reduced as its key comes, but its render (and the effect that
    // would arm the pause) can come after a reload has already begun.
    {
        let saved = use_mut_ref(|| model.revision);
        let pending = use_mut_ref(|| None::<Timeout>);
        let save = {
            let (m, saved) = (model.clone(), saved.clone());
            move || {
                if m.revision != *saved.borrow() {
                    *saved.borrow_mut() = m.revision;
                    persist(&m);
                }
            }
        };
        {
            let (save, pending) = (save.clone(), pending.clone());
            use_effect_with(model.revision, move |_| {
                *pending.borrow_mut() = Some(Timeout::new(SAVE_PAUSE_MS, save));
            });
        }
        use_effect_with((), move |_| {
            let flush = move |_: &web_sys::Event| {
                if let Some(timeout) = pending.borrow_mut().take() {
                    timeout.cancel();
                }
                save();
            };
            let window = gloo::utils::window();
            let hidden =
                EventListener::new(&gloo::utils::document(), "visibilitychange", flush.clone());
            let left = EventListener::new(&window, "pagehide", flush);
            move || drop((hidden, left))
        });
    }
    use_effect_with(model.theme, |theme| browser::apply_theme(*theme));
    // Marks for scripts/bench-page: the first frame (Run is clickable), and each run's
    // results painted.
    use_effect_with((), |_| browser::mark_after_paint("sfn:interactive"));
    let shown_report = model.report.as_ref().map(|r| Rc::as_ptr(r) as usize);
    use_effect_with(shown_report, |shown| {
        if shown.is_some() {
            browser::mark_after_paint("sfn:painted");
        }
    });
    use_effect_with(
        (model.ask.open.is_some(), model.share_url.is_some()),
        |(open, _)| {
            if *open {
                browser::note_toolbar_height();
            }
        },
    );
    use_effect_with(model.focus_call, |focus| {
        if let Some((index, _)) = focus {
            browser::scroll_to_id(&format!("call-{index}"));
        }
    });

    // Ctrl/Cmd+Enter runs anywhere; arrow keys step when not typing.
    {
        let dispatch = model.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                    });
                match e.key().as_str() {
                    "Enter" if e.ctrl_key() || e.meta_key() => {
                        e.prevent_default();
                        dispatch.dispatch(Action::Run);
                    }
                    // Outside text fields (which keep their own undo).
                    "z" | "Z" if (e.ctrl_key() || e.meta_key()) && !e.shift_key() && !typing => {
                        e.prevent_default();
                        dispatch.dispatch(Action::Undo);
                    }
                    "ArrowRight" if !typing => dispatch.dispatch(Action::Step(1)),
                    "ArrowLeft" if !typing => dispatch.dispatch(Action::Step(-1)),
                    "Home" if !typing => dispatch.dispatch(Action::Step(-1_000_000)),
                    "End" if !typing => dispatch.dispatch(Action::Step(1_000_000)),
                    _ => {}
                }
            });
            move || drop(listener)
        });
    }

    let dispatch = model.dispatcher();
    let page = Page {
        content: model.content,
        model: model.clone(),
        dispatch: dispatch.clone(),
        cancel,
    };
    let dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Banner(None)))
    };
    let announcement = model
        .report
        .as_deref()
        .map(|r| panels::outcome::announcement(r, model.refused.as_deref()))
        .unwrap_or_default();
    html! {
        <ContextProvider<Page> context={page}>
        <div class="app">
            { panels::skip::link("results", "Skip to results") }
            <Panel draw={panels::toolbar::view as Draw} />
            <Panel draw={panels::toolbar::intro as Draw} />
            if let Some(message) = &model.banner {
                <div class="banner" role="alert" data-testid="error-banner">
                    <span>{ message }</span>
                    <button onclick={dismiss} aria-label="Dismiss">{"×"}</button>
                </div>
            }
            <div class="visually-hidden" aria-live="polite" data-testid="run-announcer">{ announcement }</div>
            <section class="story" id="results" tabindex="-1" aria-label="Results: what happened">
                <Panel draw={panels::outcome::view as Draw} />
                <Panel draw={panels::crossing as Draw} />
            </section>
            <main class="layout">
                <div class="edit-area">
                    <Panel draw={panels::accounts::view as Draw} />
                    <div class="editor-column">
                        <Panel draw={panels::workbench::view as Draw} />
                        <Panel draw={panels::problems::view as Draw} />
                    </div>
                </div>
                <div class="results-area" aria-label="Run details">
                    <Panel draw={panels::history::view as Draw} steps={model.stamp} />
                    <div class="inspect">
                        <Panel draw={panels::calls::view as Draw} />
                        <Panel draw={panels::dataflow::view as Draw} steps={model.stamp} />
                    </div>
                </div>
            </main>
            <Panel draw={panels::ask::view as Draw} />
            <panels::notice::Toast notice={model.notice.clone()} dispatch={dispatch.clone()} />
        </div>
        </ContextProvider<Page>>
    }
}
