//! The budget of one run: what all its executions together may spend (executions started,
//! inline Map iterations, the memory their records hold, wall-clock time), shared by every
//! execution of the run (a Map Run's children, the executions a world starts), so that no
//! input exhausts memory or time. Once a limit is passed every execution of the run ends,
//! failing with States.Runtime and a cause naming the limit; nothing catches it.

use serde::Deserialize;
use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use web_time::Instant;

/// The playground's limit on executions per run (the first, nested ones and Map Run
/// children; AWS counts open executions per account, 1,000,000).
pub const MAX_RUN_EXECUTIONS: usize = 2_000;
/// The playground's limit on inline Map iterations per run, across executions and nesting.
pub const MAX_RUN_MAP_ITERATIONS: usize = 100_000;
/// The playground's limit on the memory a run's records hold (history events, payloads,
/// data flow), in bytes.
pub const MAX_RUN_MEMORY_BYTES: usize = 128 << 20;
/// The playground's limit on a run's computing time, in milliseconds.
pub const MAX_RUN_WALL_MILLIS: u64 = 60_000;

/// What a whole run may spend. The defaults are the `MAX_RUN_*` constants, with no limit on
/// history text. Read from JSON as `{"executions", "mapIterations", "memoryBytes",
/// "historyTextBytes", "wallMillis"}`, each member left out keeping its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Limits {
    /// Executions started, the first included.
    pub executions: usize,
    /// Inline Map iterations started, in every execution and at every depth.
    pub map_iterations: usize,
    /// The memory the run's records hold, in bytes: each history event, and each payload
    /// kept (a payload shared by several events or stages counts once).
    pub memory_bytes: usize,
    /// The JSON text of the run's history events, each payload counted in every event that
    /// carries it: what a report that writes each event out holds (the simulator's).
    /// `None`: not counted.
    pub history_text_bytes: Option<usize>,
    /// Computing time, in milliseconds of the wall clock; `None`: no limit, and the run is
    /// then deterministic whatever the machine.
    pub wall_millis: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            executions: MAX_RUN_EXECUTIONS,
            map_iterations: MAX_RUN_MAP_ITERATIONS,
            memory_bytes: MAX_RUN_MEMORY_BYTES,
            history_text_bytes: None,
            wall_millis: Some(MAX_RUN_WALL_MILLIS),
        }
    }
}

/// The limit a run went over, with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// [`Limits::executions`].
    Executions(usize),
    /// [`Limits::map_iterations`].
    MapIterations(usize),
    /// [`Limits::memory_bytes`].
    Memory(usize),
    /// [`Limits::history_text_bytes`].
    HistoryText(usize),
    /// [`Limits::wall_millis`].
    WallTime(u64),
}

impl fmt::Display for Exceeded {
    /// The cause an execution ended by it fails with.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Executions(n) => write!(
                f,
                "The run reached the playground's limit of {n} executions per run (nested executions and Map Run children included); does a workflow start itself for each item of a Map?"
            ),
            Exceeded::MapIterations(n) => write!(
                f,
                "The run reached the playground's limit of {n} Map iterations per run (in every execution and at every depth)"
            ),
            Exceeded::Memory(n) => write!(
                f,
                "The run's records (history events, payloads, data flow and API calls) reached the playground's memory limit of {} per run; a loop that builds a new large payload at each turn, or executions that multiply, are the usual reasons",
                mebibytes(*n)
            ),
            Exceeded::HistoryText(n) => write!(
                f,
                "The run's history events reached the playground's limit of {} of JSON text per run (each event's payload counted in full); a loop that carries a large payload is the usual reason",
                mebibytes(*n)
            ),
            Exceeded::WallTime(ms) => write!(
                f,
                "The run took longer than the playground's limit of {} seconds of computing time per run",
                ms / 1000
            ),
        }
    }
}

/// `256 MiB`, or the bytes when not a whole number of mebibytes.
fn mebibytes(bytes: usize) -> String {
    match bytes % (1 << 20) {
        0 => format!("{} MiB", bytes >> 20),
        _ => format!("{bytes} bytes"),
    }
}

/// A run's spending against its [`Limits`], shared: clones count together. The clock of
/// [`Limits::wall_millis`] starts when the budget is made.
#[derive(Clone)]
pub struct Budget(Rc<Meter>);

/// The counters behind a [`Budget`].
struct Meter {
    limits: Limits,
    started: Instant,
    executions: Cell<usize>,
    map_iterations: Cell<usize>,
    memory: Cell<usize>,
    history_text: Cell<usize>,
    checks: Cell<u32>,
    exceeded: Cell<Option<Exceeded>>,
}

/// How many checks pass between two readings of the clock.
const CLOCK_EVERY: u32 = 64;

impl Budget {
    /// A budget of `limits`, its clock starting now.
    pub fn new(limits: Limits) -> Budget {
        Budget(Rc::new(Meter {
            limits,
            started: Instant::now(),
            executions: Cell::new(0),
            map_iterations: Cell::new(0),
            memory: Cell::new(0),
            history_text: Cell::new(0),
            checks: Cell::new(0),
            exceeded: Cell::new(None),
        }))
    }

    /// Its limits.
    pub fn limits(&self) -> Limits {
        self.0.limits
    }

    /// The limit the run went over, once it has; every later check fails with it.
    pub fn exceeded(&self) -> Option<Exceeded> {
        self.0.exceeded.get()
    }

    /// Counts an execution about to start.
    pub fn start_execution(&self) -> Result<(), Exceeded> {
        self.check()?;
        let limit = self.0.limits.executions;
        self.add(&self.0.executions, 1, limit, Exceeded::Executions(limit))
    }

    /// Counts an inline Map iteration about to start.
    pub fn start_iteration(&self) -> Result<(), Exceeded> {
        self.check()?;
        let limit = self.0.limits.map_iterations;
        self.add(
            &self.0.map_iterations,
            1,
            limit,
            Exceeded::MapIterations(limit),
        )
    }

    /// Charges `bytes` of memory the run's records now hold (the simulator charges what it
    /// records of each call).
    pub fn hold(&self, bytes: usize) -> Result<(), Exceeded> {
        self.check()?;
        let limit = self.0.limits.memory_bytes;
        self.add(&self.0.memory, bytes, limit, Exceeded::Memory(limit))
    }

    /// Charges a history event: `memory` bytes held and `text` bytes of history text (when
    /// that is counted), with one check of the limits.
    #[inline] // Into the run's recorders: a call per event was 1-2% of an execution.
    pub fn record(&self, memory: usize, text: usize) -> Result<(), Exceeded> {
        self.check()?;
        let m = &self.0;
        let limit = m.limits.memory_bytes;
        self.add(&m.memory, memory, limit, Exceeded::Memory(limit))?;
        match m.limits.history_text_bytes {
            Some(limit) => self.add(&m.history_text, text, limit, Exceeded::HistoryText(limit)),
            None => Ok(()),
        }
    }

    /// Whether history text is counted.
    pub fn counts_history_text(&self) -> bool {
        self.0.limits.history_text_bytes.is_some()
    }

    /// Fails once a limit was passed, or once the run has taken longer than its wall-clock
    /// limit (the clock is read at every 64th check).
    pub fn check(&self) -> Result<(), Exceeded> {
        if let Some(e) = self.0.exceeded.get() {
            return Err(e);
        }
        let Some(limit) = self.0.limits.wall_millis else {
            return Ok(());
        };
        let checks = self.0.checks.get().wrapping_add(1);
        self.0.checks.set(checks);
        if !checks.is_multiple_of(CLOCK_EVERY) {
            return Ok(());
        }
        let took = self.0.started.elapsed().as_millis();
        if took > u128::from(limit) {
            return Err(self.trip(Exceeded::WallTime(limit)));
        }
        Ok(())
    }

    /// Adds `n` to `counter`, tripping `over` past `limit` (the caller checked the limits
    /// first).
    fn add(
        &self,
        counter: &Cell<usize>,
        n: usize,
        limit: usize,
        over: Exceeded,
    ) -> Result<(), Exceeded> {
        let total = counter.get().saturating_add(n);
        counter.set(total);
        if total > limit {
            return Err(self.trip(over));
        }
        Ok(())
    }

    /// Records the first limit passed.
    fn trip(&self, over: Exceeded) -> Exceeded {
        let first = self.0.exceeded.get().unwrap_or(over);
        self.0.exceeded.set(Some(first));
        first
    }
}

impl Default for Budget {
    /// A budget of the default [`Limits`].
    fn default() -> Self {
        Budget::new(Limits::default())
    }
}

impl fmt::Debug for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Budget")
            .field("limits", &self.0.limits)
            .field("executions", &self.0.executions.get())
            .field("map_iterations", &self.0.map_iterations.get())
            .field("memory", &self.0.memory.get())
            .field("history_text", &self.0.history_text.get())
            .field("exceeded", &self.0.exceeded.get())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_count_together_and_the_first_limit_passed_sticks() {
        let budget = Budget::new(Limits {
            executions: 2,
            memory_bytes: 100,
            ..Limits::default()
        });
        let child = budget.clone();
        assert!(budget.start_execution().is_ok());
        assert!(child.start_execution().is_ok());
        assert_eq!(budget.start_execution(), Err(Exceeded::Executions(2)));
        assert_eq!(child.hold(1), Err(Exceeded::Executions(2)));
        assert_eq!(budget.exceeded(), Some(Exceeded::Executions(2)));
        assert!(Exceeded::Executions(2)
            .to_string()
            .contains("limit of 2 executions"));
    }

    #[test]
    fn memory_and_history_text_are_counted_in_bytes() {
        let budget = Budget::new(Limits {
            memory_bytes: 1 << 20,
            history_text_bytes: Some(10),
            ..Limits::default()
        });
        assert!(budget.hold((1 << 20) - 1).is_ok());
        assert!(budget.record(1, 10).is_ok());
        assert_eq!(budget.record(0, 1), Err(Exceeded::HistoryText(10)));
        let memory = Budget::new(Limits {
            memory_bytes: 1 << 20,
            ..Limits::default()
        });
        assert_eq!(
            memory.record((1 << 20) + 1, 0),
            Err(Exceeded::Memory(1 << 20))
        );
        assert!(Exceeded::Memory(1 << 20).to_string().contains("1 MiB"));
        let uncounted = Budget::default();
        assert!(!uncounted.counts_history_text());
        assert!(uncounted.record(0, usize::MAX).is_ok());
    }

    #[test]
    fn limits_read_from_json_keep_the_defaults_left_out() {
        let read: Limits =
            serde_json::from_str(r#"{"executions": 3, "wallMillis": null}"#).unwrap();
        assert_eq!(
            read,
            Limits {
                executions: 3,
                wall_millis: None,
                ..Limits::default()
            }
        );
        assert!(serde_json::from_str::<Limits>(r#"{"execution": 3}"#).is_err());
    }

    #[test]
    fn the_clock_ends_a_run_past_its_wall_time() {
        let budget = Budget::new(Limits {
            wall_millis: Some(0),
            ..Limits::default()
        });
        std::thread::sleep(std::time::Duration::from_millis(2));
        let ended = (0..CLOCK_EVERY).find_map(|_| budget.check().err());
        assert_eq!(ended, Some(Exceeded::WallTime(0)));
        let unlimited = Budget::new(Limits {
            wall_millis: None,
            ..Limits::default()
        });
        assert!((0..1000).all(|_| unlimited.check().is_ok()));
    }
}
