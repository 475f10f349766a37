//! The page's state and every change a user can make to it.

use crate::document::{self, Addable};
use crate::undo::{Checkpoint, Notice};
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;
use web::protocol::FromWorker;
use yew::Reducible;

/// Light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The scenario: always valid JSON (an item whose text does not parse keeps its last
    /// valid value here, and its text in `drafts`).
    pub doc: Value,
    /// Editor texts by item pointer, as typed.
    pub drafts: HashMap<String, String>,
    /// The item open in the editor.
    pub open: Option<String>,
    /// The preset Reset returns to.
    pub preset: String,
    /// Diagnostics of the whole scenario (validation and lint).
    pub diagnostics: Rc<Vec<sim::Diagnostic>>,
    /// Access findings of the scenario (external and public access, confused deputies).
    pub findings: Rc<Vec<access::Finding>>,
    /// The last run's report (empty when the scenario could not run).
    pub report: Option<Rc<sim::Report>>,
    /// Why the last run did not start: the scenario's errors, one per line.
    pub refused: Option<String>,
    /// Which execution of the report is shown (0: the top-level one).
    pub execution: usize,
    /// The step-through position: an event index in the shown execution.
    pub cursor: usize,
    /// The state picked in the graph, if any (else the cursor's state).
    pub picked_state: Option<String>,
    /// Lines to highlight in the editor, for the item open.
    pub highlight: Option<(usize, usize)>,
    /// Where to put the caret in the editor.
    pub reveal: Option<(usize, usize)>,
    /// A message shown above everything (a damaged link, a refused edit).
    pub banner: Option<String>,
    /// The call the user asked to see (an index into the report's calls), and a count that
    /// changes on every request, so asking again scrolls again.
    pub focus_call: Option<(usize, u64)>,
    /// The last share link made.
    pub share_url: Option<String>,
    pub theme: Theme,
    /// Bumped on every change of `doc`, so effects (saving, the URL, the worker) know to run.
    pub revision: u64,
    /// Bumped by every action: panels that follow the step-through re-render when it changes
    /// (comparing models by value would walk the whole report).
    pub stamp: u64,
    /// Bumped by every action but a step (moving the cursor, picking a state): the other
    /// panels re-render only when it changes.
    pub content: u64,
    /// The revision the diagnostics describe, once the worker has checked one.
    pub checked: Option<u64>,
    /// The revision the report describes, once the worker has run one.
    pub evaluated: Option<u64>,
    /// Answers about revisions before this one describe another scenario (one loaded over
    /// it) and are ignored.
    pub floor: u64,
    /// The run under way: its revision and how many events it has recorded so far.
    pub running: Option<(u64, usize)>,
    /// Bumped by Run (Ctrl+Enter), which evaluates at once instead of after a pause in typing.
    pub run_requests: u64,
    /// Why the last run stopped before it ended (its worker failed), in place of a report.
    pub stopped: Option<String>,
    /// The page opened without running (the last visit ended mid-run): the first Run or
    /// edit runs.
    pub held: bool,
    /// Snapshots before changes, newest last (see `Model::checkpoint`).
    pub undo: Vec<Rc<Checkpoint>>,
    /// The transient notice shown ("Link copied", "Deleted X · Undo").
    pub notice: Option<Notice>,
    /// How many notices were shown (the next one's id).
    pub notices: u64,
    /// The execution and step a share link asked for, shown once a report arrives.
    pub pending_view: Option<(usize, Option<usize>)>,
    /// The question tools (TestState, policy simulator): their forms and answers.
    pub ask: crate::ask::Ask,
    /// The scenario as the last template import left it (what "changed since import"
    /// compares with), as JSON text.
    pub imported: Option<Rc<String>>,
    /// Completion in the editor: the string at the caret and its suggestions.
    pub complete: crate::complete::Completion,
}

/// A run under way, as the page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Running {
    /// Events recorded so far (0 until the first progress report).
    pub events: usize,
}

/// A change to the page.
pub enum Action {
    Open(String),
    Edit(String, String),
    Format,
    /// Evaluate now (the button and Ctrl+Enter).
    Run,
    /// The worker was asked to evaluate this revision.
    Sent(u64),
    /// The worker said something.
    Heard(FromWorker),
    /// The run under way was abandoned.
    Cancelled,
    Step(isize),
    StepTo(usize),
    ShowExecution(usize),
    PickState(String),
    /// Show this call (an index into the report's calls) in the calls panel.
    ShowCall(usize),
    ShowStatement(String),
    Reveal(String, usize, usize),
    Load {
        doc: Value,
        preset: String,
    },
    Add {
        account: String,
        owner: String,
        kind: Addable,
        name: String,
    },
    Rename(String, String),
    Delete(String),
    AddAccount,
    /// A share link was made; `copied` when the clipboard took it.
    Shared {
        url: String,
        copied: bool,
    },
    Banner(Option<String>),
    ToggleTheme,
    /// Reverts the last checkpointed change.
    Undo,
    /// Hides the notice with this id (a newer one stays).
    DismissNotice(u64),
    /// Show a short notice.
    Notify(String),
    /// Apply a fix the engine found (undoable); the page then re-runs.
    ApplyFix(sim::Fix),
    /// Use the question tools (test a state, simulate a request).
    Ask(crate::ask::AskAction),
    /// The editor's caret is in this string of a policy (or in none that completes).
    Complete(Option<crate::complete::Site>),
}

impl Model {
    /// A page showing `doc`.
    pub fn new(doc: Value, preset: String, theme: Theme) -> Self {
        let mut m = Model {
            doc,
            drafts: HashMap::new(),
            open: None,
            preset,
            diagnostics: Rc::new(Vec::new()),
            findings: Rc::new(Vec::new()),
            report: None,
            refused: None,
            execution: 0,
            cursor: 0,
            picked_state: None,
            highlight: None,
            reveal: None,
            banner: None,
            focus_call: None,
            share_url: None,
            theme,
            revision: 0,
            stamp: 0,
            content: 0,
            checked: None,
            evaluated: None,
            floor: 0,
            // The page asks the worker at once: the first frame already says it runs.
            running: Some((0, 0)),
            run_requests: 0,
            held: false,
            stopped: None,
            undo: Vec::new(),
            notice: None,
            notices: 0,
            pending_view: None,
            ask: crate::ask::Ask::default(),
            complete: crate::complete::Completion::default(),
            imported: None,
        };
        m.open = first_item(&m.doc);
        m
    }

    /// Opens without running: nothing runs until Run or an edit.
    pub fn hold(&mut self) {
        self.held = true;
        self.running = None;
    }

    /// Whether the results shown describe an earlier text than the one on screen.
    pub fn results_stale(&self) -> bool {
        self.evaluated != Some(self.revision)
    }

    /// Whether the diagnostics shown describe an earlier text than the one on screen.
    pub fn diagnostics_stale(&self) -> bool {
        self.checked != Some(self.revision)
    }

    /// The run under way, if it is for the text on screen.
    pub fn running(&self) -> Option<Running> {
        self.running
            .filter(|(revision, _)| *revision == self.revision)
            .map(|(_, events)| Running { events })
    }

    /// The scenario as text.
    pub fn text(&self) -> String {
        serde_json::to_string_pretty(&self.doc).unwrap_or_default()
    }

    /// The text shown for an item: as typed, or its value pretty-printed.
    pub fn item_text(&self, pointer: &str) -> String {
        self.drafts.get(pointer).cloned().unwrap_or_else(|| {
            self.doc
                .pointer(pointer)
                .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
                .unwrap_or_default()
        })
    }

    /// Takes what the worker said, when it describes the text on screen or a newer one
    /// than what is shown.
    fn heard(&mut self, message: FromWorker) {
        match message {
            FromWorker::Ready => {}
            FromWorker::Checked {
                revision,
                diagnostics,
            } if self.current(revision, self.checked) => {
                if diagnostics
                    .0
                    .iter()
                    .any(|d| d.severity == sim::Severity::Error)
                {
                    // No findings follow for a scenario that cannot be read.
                    self.findings = Rc::new(Vec::new());
                }
                self.diagnostics = Rc::new(diagnostics.0);
                self.checked = Some(revision);
            }
            FromWorker::Found { revision, findings } if self.checked == Some(revision) => {
                self.findings = Rc::new(findings.0);
            }
            FromWorker::Progress { revision, events } if revision == self.revision => {
                self.running = Some((revision, events));
            }
            FromWorker::Ran {
                revision,
                report,
                refused,
            } if self.current(revision, self.evaluated) => {
                let events = report.0.top().map_or(0, |e| e.events.len());
                self.report = Some(Rc::new(*report.0));
                self.refused = refused;
                self.stopped = None;
                self.evaluated = Some(revision);
                if self.running.is_some_and(|(r, _)| r <= revision) {
                    self.running = None;
                }
                self.execution = 0;
                self.cursor = events.saturating_sub(1);
                self.picked_state = None;
                self.focus_call = None;
                self.apply_pending_view();
            }
            FromWorker::Tested { answer, .. } => self.ask.tested = Some(Rc::new(*answer.0)),
            FromWorker::Simulated { answer, .. } => self.ask.simulated = Some(Rc::new(*answer.0)),
            FromWorker::Accessed { answer, .. } => self.ask.accessed = Some(Rc::new(*answer.0)),
            FromWorker::Imported { answer, .. } if self.ask.importing => {
                self.take_import(*answer.0)
            }
            FromWorker::Exported { answer, .. } => self.ask.exported = Some(Rc::new(*answer.0)),
            FromWorker::Completions { id, items } => self.complete.heard(id, items),
            FromWorker::Broken { message } => {
                self.running = None;
                self.banner = Some(message);
            }
            FromWorker::Crashed { message } => {
                // The run under way ends with the reason, in place of its results.
                if let Some((revision, _)) = self.running.take() {
                    self.report = None;
                    self.refused = None;
                    self.stopped = Some(message);
                    self.evaluated = Some(revision);
                }
            }
            _ => {}
        }
    }

    /// Puts an imported template's scenario in place (undoable), and keeps what did not map.
    fn take_import(&mut self, answer: web::transfer::ImportAnswer) {
        self.ask.importing = false;
        let parsed = answer
            .scenario
            .as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok());
        if let Some(doc) = parsed {
            self.checkpoint(format!("import a template into {}", answer.account));
            self.doc = doc;
            self.drafts.clear();
            self.imported = answer.scenario.clone().map(Rc::new);
            self.open = document::account_entries(&self.doc, &answer.account)
                .first()
                .map(|e| e.pointer.clone())
                .or_else(|| first_item(&self.doc));
            self.changed();
            let skipped = answer.unmapped.len();
            self.notify(
                match skipped {
                    0 => format!("Imported into account {}", answer.account),
                    n => format!(
                        "Imported into account {} · {n} not imported (listed in Import / export)",
                        answer.account
                    ),
                },
                true,
            );
        }
        self.ask.imported = Some(Rc::new(answer));
    }

    /// Opens the item holding `pointer` with the lines of its value highlighted and the
    /// caret there (a deciding statement, a failing condition, the edit of an applied fix).
    fn show_pointer(&mut self, pointer: &str) {
        let item = owning_item(&self.doc, pointer);
        let text = self.item_text(&item);
        let relative = pointer.strip_prefix(item.as_str()).unwrap_or_default();
        self.highlight = jsonloc::span(&text, relative).map(|(s, e)| (s.line, e.line));
        self.reveal = self.highlight.map(|(l, _)| (l, 1));
        self.open = Some(item);
    }

    /// Whether an answer about `revision` is newer than the one shown (`shown`).
    fn current(&self, revision: u64, shown: Option<u64>) -> bool {
        revision >= self.floor && shown.is_none_or(|s| revision >= s)
    }

    /// Marks the scenario changed: bumps the revision (the worker then checks and runs it).
    pub(crate) fn changed(&mut self) {
        self.revision += 1;
        self.held = false;
    }

    /// The number of events of the execution shown.
    pub fn events_len(&self) -> usize {
        self.report
            .as_ref()
            .and_then(|r| r.executions.get(self.execution))
            .map(|e| e.events.len())
            .unwrap_or(0)
    }
}

/// The first thing to open: the first state machine's definition, else the first item.
pub(crate) fn first_item(doc: &Value) -> Option<String> {
    let accounts = document::accounts(doc);
    let entries: Vec<_> = accounts
        .iter()
        .flat_map(|(id, _)| document::account_entries(doc, id))
        .collect();
    entries
        .iter()
        .find(|e| e.kind == "state machine")
        .or(entries.first())
        .map(|e| e.pointer.clone())
}

/// The tree entry (or top-level member) that holds `pointer`.
pub fn owning_item(doc: &Value, pointer: &str) -> String {
    Items::of(doc).owning(pointer)
}

/// The scenario's items (roles' policies, resources, state machines …) by pointer, listed
/// once to find the owner of many pointers (a policy's thousands of problems).
pub struct Items {
    pointers: Vec<String>,
}

impl Items {
    /// Every item of `doc`.
    pub fn of(doc: &Value) -> Items {
        let accounts = document::accounts(doc);
        let pointers = accounts
            .iter()
            .flat_map(|(id, _)| document::account_entries(doc, id))
            .chain(document::scenario_entries())
            .map(|e| e.pointer)
            .collect();
        Items { pointers }
    }

    /// The item `pointer` is in (the deepest that holds it), else its top-level member.
    pub fn owning(&self, pointer: &str) -> String {
        self.pointers
            .iter()
            .filter(|p| {
                pointer
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|p| p.len())
            .cloned()
            .unwrap_or_else(|| {
                let top = pointer.split('/').nth(1).unwrap_or_default();
                format!("/{top}")
            })
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self).clone();
        m.stamp = m.stamp.wrapping_add(1);
        if !matches!(
            action,
            Action::Step(_) | Action::StepTo(_) | Action::PickState(_)
        ) {
            m.content = m.content.wrapping_add(1);
        }
        match action {
            Action::Open(p) => {
                m.open = Some(p);
                m.highlight = None;
                m.reveal = None;
                m.complete.ask(None);
            }
            Action::Edit(pointer, text) => {
                if let Ok(value) = serde_json::from_str::<Value>(&text) {
                    if document::set(&mut m.doc, &pointer, value).is_ok() {
                        m.changed();
                    }
                }
                m.drafts.insert(pointer, text);
                m.highlight = None;
            }
            Action::Format => {
                if let Some(p) = m.open.clone() {
                    if let Ok(pretty) = crate::editor::format_json(&m.item_text(&p)) {
                        m.drafts.insert(p, pretty);
                    }
                }
            }
            Action::Run => {
                m.held = false;
                m.run_requests += 1;
            }
            Action::Sent(revision) => m.running = Some((revision, 0)),
            Action::Heard(message) => m.heard(message),
            Action::Cancelled => m.running = None,
            Action::Step(delta) => {
                let last = m.events_len().saturating_sub(1) as isize;
                m.cursor = (m.cursor as isize + delta).clamp(0, last.max(0)) as usize;
                m.picked_state = None;
            }
            Action::StepTo(i) => {
                m.cursor = i.min(m.events_len().saturating_sub(1));
                m.picked_state = None;
            }
            Action::ShowExecution(i) => {
                m.execution = i;
                m.cursor = m.events_len().saturating_sub(1);
                m.picked_state = None;
            }
            Action::PickState(name) => m.picked_state = Some(name),
            Action::ShowCall(index) => {
                let nonce = m.focus_call.map_or(0, |(_, n)| n + 1);
                m.focus_call = Some((index, nonce));
            }
            Action::ShowStatement(pointer) => m.show_pointer(&pointer),
            Action::Reveal(item, line, column) => {
                m.open = Some(item);
                m.reveal = Some((line, column));
                m.highlight = None;
            }
            Action::Load { doc, preset } => {
                let mut fresh = Model::new(doc, preset, m.theme);
                if fresh.text() != m.text() {
                    let title =
                        sim::preset(&fresh.preset).map_or(fresh.preset.as_str(), |p| p.title);
                    m.checkpoint(format!("load {title}"));
                }
                fresh.revision = m.revision + 1;
                fresh.floor = fresh.revision;
                fresh.stamp = m.stamp;
                fresh.content = m.content;
                fresh.running = Some((fresh.revision, 0));
                fresh.run_requests = m.run_requests + 1;
                fresh.undo = m.undo;
                fresh.notices = m.notices;
                fresh.ask.open = m.ask.open;
                fresh.ask.asked = m.ask.asked + 1;
                fresh.ask.test = crate::ask::TestForm::first(&fresh.doc, None);
                return Rc::new(fresh);
            }
            Action::Add {
                account,
                owner,
                kind,
                name,
            } => {
                let label = format!("add {} {}", kind.noun(), name.trim());
                if let Some(open) = m.undoable(label, |doc| {
                    document::add(doc, &account, &owner, kind, &name)
                }) {
                    m.open = Some(open);
                }
            }
            Action::Rename(pointer, name) => {
                let label = format!("rename {}", document::member_label(&pointer));
                if let Some(new) = m.undoable(label, |doc| document::rename(doc, &pointer, &name)) {
                    let old_prefix = pointer.clone();
                    m.drafts.retain(|k, _| !k.starts_with(&old_prefix));
                    m.open = m.open.map(|o| o.replacen(&old_prefix, &new, 1));
                }
            }
            Action::Delete(pointer) => {
                let label = document::member_label(&pointer);
                let deleted = m.undoable(format!("delete {label}"), |doc| {
                    document::delete(doc, &pointer)
                });
                if deleted.is_some() {
                    m.notify(format!("Deleted {label}"), true);
                    m.drafts.retain(|k, _| !k.starts_with(&pointer));
                    if m.open.as_ref().is_some_and(|o| o.starts_with(&pointer)) {
                        m.open = first_item(&m.doc);
                    }
                }
            }
            Action::AddAccount => {
                m.undoable("add an account".into(), document::add_account);
            }
            Action::Shared { url, copied } => {
                if copied {
                    m.share_url = None;
                    m.notify("Link copied".into(), false);
                } else {
                    m.share_url = Some(url);
                    m.notify(
                        "The browser did not allow copying: the link is selected above, copy it with Ctrl+C.".into(),
                        false,
                    );
                }
            }
            Action::Undo => {
                if m.restore_checkpoint() {
                    m.changed();
                }
            }
            Action::Notify(text) => m.notify(text, false),
            Action::ApplyFix(fix) => {
                m.checkpoint(format!("fix: {}", fix.title));
                match sim::apply_fix(&mut m.doc, &fix) {
                    Ok(()) => {
                        m.drafts.retain(|k, _| !k.starts_with(&fix.item));
                        let first = fix.edits.first().map_or(&fix.item, |e| &e.pointer);
                        m.show_pointer(first);
                        m.banner = None;
                        m.changed();
                        m.notify(format!("Applied: {}", fix.title), true);
                    }
                    Err(e) => {
                        m.undo.pop();
                        m.banner = Some(format!("The fix could not be applied: {e}"));
                    }
                }
            }
            Action::DismissNotice(id) => {
                if m.notice.as_ref().is_some_and(|n| n.id == id) {
                    m.notice = None;
                }
            }
            Action::Banner(b) => m.banner = b,
            Action::Ask(action) => {
                let report = m.report.clone();
                m.ask.apply(action, &m.doc, report.as_deref());
            }
            Action::Complete(site) => m.complete.ask(site),
            Action::ToggleTheme => {
                m.theme = match m.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                }
            }
        }
        Rc::new(m)
    }
}

#[cfg(test)]
impl Model {
    /// Checks and runs the scenario here, as the worker would, and takes its answers.
    pub fn evaluate_here(&mut self) {
        let log = Rc::new(std::cell::RefCell::new(Vec::new()));
        let sink = log.clone();
        web::job::evaluate(self.revision, &self.text(), move |m| {
            sink.borrow_mut().push(m)
        });
        for message in log.take() {
            self.heard(message);
        }
    }
}
