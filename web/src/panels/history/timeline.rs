//! An execution's history read once: its table rows and, for every state, the events at
//! which its status changed. A step of the step-through then costs the number of states
//! (a binary search each), not the number of events.

use crate::graph::StateStatus;
use crate::report::{self, Row};
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// One execution of a run report, shared: equal when it is the same report (the same `Rc`)
/// and the same execution, so what is computed from it is computed once per run and
/// execution, never per step.
#[derive(Clone, Debug)]
pub struct ExecutionRef {
    report: Rc<sim::Report>,
    index: usize,
}

impl PartialEq for ExecutionRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report) && self.index == other.index
    }
}

impl ExecutionRef {
    /// Execution `index` of `report`, if there is one.
    pub fn new(report: Rc<sim::Report>, index: usize) -> Option<Self> {
        report.executions.get(index)?;
        Some(ExecutionRef { report, index })
    }

    /// The execution's record (always there: `new` checked, and a shared report never
    /// changes).
    pub fn record(&self) -> Option<&sim::ExecutionRecord> {
        self.report.executions.get(self.index)
    }

    /// The execution's events, as GetExecutionHistory returns them.
    pub fn events(&self) -> &[Value] {
        self.record().map_or(&[], |r| r.events.as_slice())
    }

    /// The whole report (for the executions this one started or was started by).
    pub fn report(&self) -> &sim::Report {
        &self.report
    }

    /// The execution's index in the report.
    pub fn index(&self) -> usize {
        self.index
    }
}

/// The rows and status changes of one history.
#[derive(Debug, PartialEq)]
pub struct Timeline {
    /// One row per event.
    pub rows: Vec<Row>,
    /// Per state: the event indexes at which its status changed, and the status from then.
    changes: Vec<(String, Vec<(usize, StateStatus)>)>,
    /// Per state: the indexes of the events that failed it.
    failures: HashMap<String, Vec<usize>>,
    /// The event types of the history, sorted, each once.
    pub kinds: Vec<String>,
}

impl Timeline {
    /// Reads a history.
    pub fn new(events: &[Value]) -> Self {
        let rows = report::rows(events);
        let mut changes: Vec<(String, Vec<(usize, StateStatus)>)> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        let mut failures: HashMap<String, Vec<usize>> = HashMap::new();
        let mut set = |name: &str, i: usize, status: StateStatus| {
            let k = *slot.entry(name.to_string()).or_insert_with(|| {
                changes.push((name.to_string(), Vec::new()));
                changes.len() - 1
            });
            if let Some((_, log)) = changes.get_mut(k) {
                if log.last().map(|c| c.1) != Some(status) {
                    log.push((i, status));
                }
            }
        };
        let mut status: HashMap<String, StateStatus> = HashMap::new();
        let mut stack: Vec<String> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            let k = report::kind(e);
            if k.ends_with("StateEntered") {
                if let Some(n) = report::state_name(e) {
                    stack.push(n.to_string());
                    status.insert(n.to_string(), StateStatus::Current);
                    set(n, i, StateStatus::Current);
                }
            }
            if report::is_failure(k) {
                if let Some(top) = stack.last() {
                    status.insert(top.clone(), StateStatus::Failed);
                    set(top, i, StateStatus::Failed);
                    failures.entry(top.clone()).or_default().push(i);
                }
            } else if k == "TaskScheduled" || k.ends_with("StateStarted") {
                if let Some(top) = stack.last() {
                    status.insert(top.clone(), StateStatus::Current);
                    set(top, i, StateStatus::Current);
                }
            }
            if k.ends_with("StateExited") {
                if let Some(n) = report::state_name(e) {
                    let done = match status.get(n) {
                        Some(StateStatus::Failed) => StateStatus::Caught,
                        _ => StateStatus::Succeeded,
                    };
                    status.insert(n.to_string(), done);
                    set(n, i, done);
                    stack.pop();
                }
            }
        }
        let mut kinds: Vec<String> = rows.iter().map(|r| r.kind.clone()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        Timeline {
            rows,
            changes,
            failures,
            kinds,
        }
    }

    /// Each state's status after the events up to and including `cursor`. Only the state
    /// of the event at `cursor` is `Current`; states still open around it (a Map around an
    /// iteration) show as succeeded so far.
    pub fn statuses(&self, cursor: usize) -> HashMap<String, StateStatus> {
        let current = self.rows.get(cursor).map(|r| r.step.as_str());
        self.changes
            .iter()
            .filter_map(|(name, log)| {
                let seen = log.partition_point(|&(i, _)| i <= cursor);
                let (_, status) = *log.get(seen.checked_sub(1)?)?;
                let status = match status {
                    StateStatus::Current if current != Some(name.as_str()) => {
                        StateStatus::Succeeded
                    }
                    s => s,
                };
                Some((name.clone(), status))
            })
            .collect()
    }

    /// The event that failed `state`: the last one at or before `cursor`, else the first
    /// after it.
    pub fn failure(&self, state: &str, cursor: usize) -> Option<usize> {
        let all = self.failures.get(state)?;
        let seen = all.partition_point(|&i| i <= cursor);
        seen.checked_sub(1)
            .and_then(|k| all.get(k))
            .or_else(|| all.get(seen))
            .copied()
    }

    /// The states the history's events belong to, in the order first seen, each once.
    pub fn states(&self) -> impl Iterator<Item = &str> {
        self.changes.iter().map(|(name, _)| name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(kind: &str, name: Option<&str>) -> Value {
        let mut e = json!({"type": kind, "timestamp": "2026-01-01T00:00:00.000Z"});
        if let Some(n) = name {
            let key = if kind.ends_with("Entered") {
                "stateEnteredEventDetails"
            } else {
                "stateExitedEventDetails"
            };
            e[key] = json!({ "name": n });
        }
        e
    }

    /// The statuses at `upto` read the slow way: every event up to it, then only the
    /// cursor's state left current.
    fn replay(events: &[Value], upto: usize) -> HashMap<String, StateStatus> {
        let rows = report::rows(events);
        let mut status: HashMap<String, StateStatus> = HashMap::new();
        let mut stack: Vec<String> = Vec::new();
        for e in events.iter().take(upto + 1) {
            let k = report::kind(e);
            let name = report::state_name(e).map(str::to_string);
            if let (true, Some(n)) = (k.ends_with("StateEntered"), &name) {
                stack.push(n.clone());
                status.insert(n.clone(), StateStatus::Current);
            }
            if let Some(top) = stack.last().cloned() {
                if report::is_failure(k) {
                    status.insert(top, StateStatus::Failed);
                } else if k == "TaskScheduled" || k.ends_with("StateStarted") {
                    status.insert(top, StateStatus::Current);
                }
            }
            if let (true, Some(n)) = (k.ends_with("StateExited"), &name) {
                let done = if status.get(n) == Some(&StateStatus::Failed) {
                    StateStatus::Caught
                } else {
                    StateStatus::Succeeded
                };
                status.insert(n.clone(), done);
                stack.pop();
            }
        }
        let current = rows.get(upto).map(|r| r.step.clone());
        for (name, s) in status.iter_mut() {
            if *s == StateStatus::Current && Some(name) != current.as_ref() {
                *s = StateStatus::Succeeded;
            }
        }
        status
    }

    #[test]
    fn statuses_follow_the_cursor_and_show_catches() {
        let events = vec![
            ev("ExecutionStarted", None),
            ev("TaskStateEntered", Some("T")),
            ev("TaskScheduled", None),
            ev("TaskFailed", None),
            ev("TaskStateExited", Some("T")),
            ev("PassStateEntered", Some("Handle")),
            ev("PassStateExited", Some("Handle")),
        ];
        let t = Timeline::new(&events);
        assert_eq!(t.statuses(0).get("T"), None);
        assert_eq!(t.statuses(1).get("T"), Some(&StateStatus::Current));
        assert_eq!(t.statuses(3).get("T"), Some(&StateStatus::Failed));
        assert_eq!(t.statuses(5).get("Handle"), Some(&StateStatus::Current));
        assert_eq!(t.statuses(5).get("T"), Some(&StateStatus::Caught));
        let end = t.statuses(6);
        assert_eq!(end.get("T"), Some(&StateStatus::Caught));
        assert_eq!(end.get("Handle"), Some(&StateStatus::Succeeded));
        // The failing event of T, from anywhere.
        assert_eq!(t.failure("T", 6), Some(3));
        assert_eq!(t.failure("T", 0), Some(3));
        assert_eq!(t.failure("Handle", 6), None);
        assert_eq!(t.states().collect::<Vec<_>>(), ["T", "Handle"]);
        assert_eq!(t.kinds.len(), 7);
    }

    #[test]
    fn a_failure_repeated_in_a_loop_links_to_the_one_at_the_cursor() {
        let mut events = vec![ev("ExecutionStarted", None)];
        for _ in 0..3 {
            events.push(ev("TaskStateEntered", Some("T")));
            events.push(ev("TaskFailed", None));
            events.push(ev("TaskStateExited", Some("T")));
        }
        let t = Timeline::new(&events);
        assert_eq!(t.failure("T", 2), Some(2));
        assert_eq!(t.failure("T", 6), Some(5));
        assert_eq!(t.failure("T", 99), Some(8));
    }

    #[test]
    fn every_step_of_every_preset_matches_a_full_replay() {
        for preset in sim::presets() {
            let Ok(doc) = serde_json::from_str::<Value>(preset.text) else {
                panic!("{} is not JSON", preset.id);
            };
            let Ok(scenario) = sim::Scenario::from_value(&doc) else {
                panic!("{} does not read", preset.id);
            };
            let report = sim::run(&scenario);
            for execution in &report.executions {
                let t = Timeline::new(&execution.events);
                assert_eq!(t.rows.len(), execution.events.len());
                for i in 0..execution.events.len() {
                    assert_eq!(
                        t.statuses(i),
                        replay(&execution.events, i),
                        "{} {} at {i}",
                        preset.id,
                        execution.name
                    );
                }
            }
        }
    }

    #[test]
    fn executions_compare_by_report_and_index() {
        let report = Rc::new(sim::Report::default());
        assert!(ExecutionRef::new(report.clone(), 0).is_none());
        let Some(p) = sim::preset("retry-catch-recovery") else {
            panic!("preset missing");
        };
        let doc: Value = serde_json::from_str(p.text).unwrap_or_default();
        let Ok(scenario) = sim::Scenario::from_value(&doc) else {
            panic!("preset does not read");
        };
        let run = Rc::new(sim::run(&scenario));
        let a = ExecutionRef::new(run.clone(), 0);
        assert!(a.is_some());
        assert_eq!(a, ExecutionRef::new(run.clone(), 0));
        // The same content in another report is another run.
        let again = Rc::new((*run).clone());
        assert_ne!(a, ExecutionRef::new(again, 0));
        assert!(a.is_some_and(|a| !a.events().is_empty() && a.index() == 0));
    }
}
