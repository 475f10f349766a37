//! Tasks that wait for their token (`.waitForTaskToken` callbacks and Activities): how the
//! answering side reports what happened, and the clock that decides which answers arrive in
//! time. `HeartbeatSeconds` and `TimeoutSeconds` run on the virtual clock: a Task closes
//! with `States.HeartbeatTimeout` when no heartbeat (or answer) comes within
//! `HeartbeatSeconds` of the last one, and with `States.Timeout` at `TimeoutSeconds`.

use crate::failure::{names, Failure};
use serde_json::Value;

/// What a waiting Task came to, times in milliseconds after it started waiting (after
/// TaskSubmitted for a callback, after ActivityScheduled for an activity).
#[derive(Debug, Clone, PartialEq)]
pub enum Settled {
    /// `SendTaskSuccess` with this output.
    Succeeded {
        /// When the answer arrived.
        after_millis: u64,
        /// The Task's result.
        output: Value,
    },
    /// `SendTaskFailure` with this error and cause.
    Failed {
        /// When the answer arrived.
        after_millis: u64,
        /// The error the Task fails with.
        failure: Failure,
    },
    /// No answer in time: `States.Timeout` or `States.HeartbeatTimeout`.
    TimedOut {
        /// When the Task closed.
        after_millis: u64,
        /// The error name.
        error: &'static str,
    },
    /// No answer and no deadline: the execution waits (it stays RUNNING).
    Waiting,
}

/// The worker that took an activity task with `GetActivityTask`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    /// The `workerName` it polled with (ActivityStarted's detail).
    pub name: String,
    /// When it took the task, milliseconds after ActivityScheduled.
    pub after_millis: u64,
}

/// How a Task that waits for its token came out, as the handler reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wait {
    /// For an activity, the worker that took the task (none: nobody polled).
    pub worker: Option<Worker>,
    /// The answer, the timeout, or still waiting.
    pub settled: Settled,
}

/// One call that reaches a waiting Task.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `SendTaskHeartbeat` (or a worker taking an activity task: the heartbeat clock starts).
    Heartbeat,
    /// `SendTaskSuccess`.
    Success(Value),
    /// `SendTaskFailure`.
    Failure(Failure),
}

/// An answer came after the Task had closed: the API's `TaskTimedOut` error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed;

/// The clock of one waiting Task: answers are delivered in time order, each accepted or
/// refused because the Task had already closed.
#[derive(Debug, Clone)]
pub struct Waiter {
    timeout: Option<u64>,
    heartbeat: Option<u64>,
    last_beat: u64,
    settled: Option<Settled>,
}

impl Waiter {
    /// A Task with these `TimeoutSeconds` and `HeartbeatSeconds`.
    pub fn new(timeout_seconds: Option<u64>, heartbeat_seconds: Option<u64>) -> Self {
        Waiter {
            timeout: timeout_seconds.map(|s| s.saturating_mul(1000)),
            heartbeat: heartbeat_seconds.map(|s| s.saturating_mul(1000)),
            last_beat: 0,
            settled: None,
        }
    }

    /// When the Task closes if nothing more arrives, and with which error.
    fn deadline(&self) -> Option<(u64, &'static str)> {
        let beat = self
            .heartbeat
            .map(|h| (self.last_beat.saturating_add(h), names::HEARTBEAT_TIMEOUT));
        match (self.timeout.map(|t| (t, names::TIMEOUT)), beat) {
            (Some(t), Some(b)) => Some(if b.0 < t.0 { b } else { t }),
            (t, b) => t.or(b),
        }
    }

    /// Delivers `answer` at `at_millis` (not before an earlier delivery): `Err(Closed)`
    /// when the Task had already closed (answered, or timed out before then).
    pub fn deliver(&mut self, at_millis: u64, answer: Answer) -> Result<(), Closed> {
        if self.settled.is_some() {
            return Err(Closed);
        }
        if let Some((at, error)) = self.deadline().filter(|(at, _)| at_millis > *at) {
            self.settled = Some(Settled::TimedOut {
                after_millis: at,
                error,
            });
            return Err(Closed);
        }
        match answer {
            Answer::Heartbeat => self.last_beat = at_millis,
            Answer::Success(output) => {
                self.settled = Some(Settled::Succeeded {
                    after_millis: at_millis,
                    output,
                })
            }
            Answer::Failure(failure) => {
                self.settled = Some(Settled::Failed {
                    after_millis: at_millis,
                    failure,
                })
            }
        }
        Ok(())
    }

    /// What the Task came to once every answer is delivered.
    pub fn finish(self) -> Settled {
        let deadline = self.deadline();
        match (self.settled, deadline) {
            (Some(settled), _) => settled,
            (None, Some((after_millis, error))) => Settled::TimedOut {
                after_millis,
                error,
            },
            (None, None) => Settled::Waiting,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn heartbeats_keep_a_task_open_until_its_timeout() {
        let mut w = Waiter::new(Some(100), Some(10));
        assert_eq!(w.deliver(9_000, Answer::Heartbeat), Ok(()));
        assert_eq!(w.deliver(18_000, Answer::Heartbeat), Ok(()));
        assert_eq!(w.deliver(18_500, Answer::Success(json!(1))), Ok(()));
        assert_eq!(w.deliver(19_000, Answer::Heartbeat), Err(Closed));
        assert_eq!(
            w.finish(),
            Settled::Succeeded {
                after_millis: 18_500,
                output: json!(1)
            }
        );
    }

    #[test]
    fn a_late_heartbeat_finds_the_task_closed() {
        let mut w = Waiter::new(None, Some(10));
        assert_eq!(w.deliver(10_001, Answer::Heartbeat), Err(Closed));
        let timed_out = Settled::TimedOut {
            after_millis: 10_000,
            error: names::HEARTBEAT_TIMEOUT,
        };
        assert_eq!(w.finish(), timed_out);
        let w = Waiter::new(Some(5), Some(10));
        assert_eq!(
            w.finish(),
            Settled::TimedOut {
                after_millis: 5_000,
                error: names::TIMEOUT
            }
        );
        assert_eq!(Waiter::new(None, None).finish(), Settled::Waiting);
    }
}
