//! Tasks that wait for their token: the scripted answers (`callbacks`, an activity's
//! worker) become `states:GetActivityTask` and `states:SendTask*` calls through the
//! gateway at their times on the virtual clock, each under the principal that makes it
//! (after its `assumeRole` chain); a denied call does not reach the Task. The Task's
//! [`asl::Waiter`] decides which answers arrive in time.

use super::driver::World;
use crate::errors::ApiError;
use crate::gateway::{Call, PausedTask, Site};
use crate::identity::{Principal, Session};
use crate::integration::Service;
use crate::scenario::{ActivityWorker, Callback, Responder, SendTask, TaskRef};
use crate::services::{self, By};
use asl::{Answer, Failure, Settled, TaskRequest, Wait, Waiter, Worker};
use serde_json::{json, Value};

/// The resource a waiting Task's answers are authorized on: the state machine (callback)
/// or the activity.
pub(super) struct Waiting<'r> {
    /// Its ARN.
    pub(super) arn: String,
    /// Its account.
    pub(super) account: String,
    /// When the Task started waiting (ms on the virtual clock).
    pub(super) since: i64,
    /// The Task attempt.
    pub(super) request: &'r TaskRequest<'r>,
    /// What was sent (the integration's parameters, the activity's input).
    pub(super) message: &'r Value,
}

/// When a call is made: on the virtual clock, and in ms after the Task started waiting.
#[derive(Clone, Copy)]
struct When {
    clock: i64,
    after: u64,
}

/// One scripted call, `at` ms after the Task started waiting.
struct Timed<'s> {
    at: u64,
    step: Step<'s>,
}

enum Step<'s> {
    /// The worker polls with `GetActivityTask`.
    Poll(&'s ActivityWorker),
    /// A `SendTask*` call; `by_worker` calls are made only once the worker has the task.
    Send {
        responder: &'s Responder,
        send: &'s SendTask,
        by_worker: bool,
    },
}

impl<'s> World<'s> {
    /// Plays the answers to the waiting Task at `site` and says what it came to; a Task
    /// still waiting is listed in the report's paused tasks.
    pub(super) fn wait_for_token(
        &mut self,
        site: Site,
        waiting: &Waiting,
        worker: Option<&'s ActivityWorker>,
    ) -> Wait {
        let request = waiting.request;
        let token = request.task_token.unwrap_or_default();
        let mut timeline = self.scripted(request, token);
        if let Some(w) = worker {
            let poll = w.poll_after_seconds.saturating_mul(1000);
            timeline.push(Timed {
                at: poll,
                step: Step::Poll(w),
            });
            let after = |s: u64| poll.saturating_add(s.saturating_mul(1000));
            for beat in &w.heartbeats {
                timeline.push(Timed {
                    at: after(*beat),
                    step: Step::Send {
                        responder: &w.responder,
                        send: &SendTask::Heartbeat,
                        by_worker: true,
                    },
                });
            }
            if let Some(answer) = &w.answer {
                timeline.push(Timed {
                    at: after(w.answer_after_seconds),
                    step: Step::Send {
                        responder: &w.responder,
                        send: answer,
                        by_worker: true,
                    },
                });
            }
        }
        // Stable: at the same moment the poll comes first, then the calls as written.
        timeline.sort_by_key(|t| (t.at, !matches!(t.step, Step::Poll(_))));
        let mut waiter = Waiter::new(request.timeout_seconds, request.heartbeat_seconds);
        let mut taken: Option<Worker> = None;
        for Timed { at, step } in timeline {
            let now = waiting
                .since
                .saturating_add(i64::try_from(at).unwrap_or(i64::MAX));
            let when = When {
                clock: now,
                after: at,
            };
            match step {
                Step::Poll(w) => {
                    let Some(principal) = self.act_as(Some(site), &w.responder, now) else {
                        continue;
                    };
                    if self.poll(site, waiting, w, principal, when, &mut waiter) {
                        taken = Some(Worker {
                            name: w.worker_name.clone(),
                            after_millis: at,
                        });
                    }
                }
                Step::Send {
                    by_worker: true, ..
                } if taken.is_none() => {}
                Step::Send {
                    responder, send, ..
                } => {
                    let Some(principal) = self.act_as(Some(site), responder, now) else {
                        continue;
                    };
                    self.send(site, waiting, principal, send, when, &mut waiter);
                }
            }
        }
        let settled = waiter.finish();
        if settled == Settled::Waiting {
            self.gateway.report.paused.push(PausedTask {
                execution: site.execution,
                state: request.state_name.to_string(),
                attempt: request.attempt,
                resource: request.resource.to_string(),
                task_token: token.to_string(),
                message: waiting.message.clone(),
                since: waiting.since,
            });
        }
        Wait {
            worker: taken,
            settled,
        }
    }

    /// The `callbacks` entries that answer this Task, at their times.
    fn scripted(&mut self, request: &TaskRequest, token: &str) -> Vec<Timed<'s>> {
        let scenario = self.gateway.scenario;
        let mut out = Vec::new();
        for (i, c) in scenario.callbacks.iter().enumerate() {
            if answers(c, request, token) {
                self.answered.insert(i);
                out.push(Timed {
                    at: c.after_seconds.saturating_mul(1000),
                    step: Step::Send {
                        responder: &c.responder,
                        send: &c.send,
                        by_worker: false,
                    },
                });
            }
        }
        out
    }

    /// The principal that makes a responder's calls: a session of its role, then of each
    /// role it assumes; `None` when an `AssumeRole` is refused (recorded as any call).
    fn act_as(&mut self, site: Option<Site>, responder: &Responder, now: i64) -> Option<Principal> {
        let mut principal = Principal::Session(Session {
            account: responder.account.clone(),
            role: responder.role.clone(),
            name: "responder".into(),
        });
        for step in &responder.assume_roles {
            let by = By {
                site,
                execution: site.map_or(0, |s| s.execution),
                principal: &principal,
                now,
            };
            let external_id = step.external_id.clone();
            let (session, _) = services::assume_by(
                &mut self.gateway,
                &by,
                &step.role_arn,
                "callback",
                external_id,
            )
            .ok()?;
            principal = Principal::Session(session);
        }
        Some(principal)
    }

    /// The `callbacks` entries with a literal token that no Task had, each a call after
    /// the run (its `afterSeconds` from the execution's start; on `*`, in the account of the
    /// top-level state machine), which fails as AWS fails it: `InvalidToken` for a token
    /// that is not one, `TaskDoesNotExist` for one that names no Task.
    pub(super) fn unmatched_tokens(&mut self) {
        let scenario = self.gateway.scenario;
        let Some(top) = self.gateway.report.executions.first() else {
            return;
        };
        let (start, account) = (top.start_time, top.account.clone());
        for (i, c) in scenario.callbacks.iter().enumerate() {
            let TaskRef::Token(token) = &c.task else {
                continue;
            };
            if self.answered.contains(&i) {
                continue;
            }
            let now = start
                .saturating_add(i64::try_from(c.after_seconds.saturating_mul(1000)).unwrap_or(0));
            let Some(principal) = self.act_as(None, &c.responder, now) else {
                continue;
            };
            let call = Call {
                service: Service::StepFunctions,
                api: c.send.api(),
                resource: "*".into(),
                resource_account: account.clone(),
                resource_policy: None,
                noun: Service::StepFunctions.policy_noun(),
                trust: false,
                context: vec![("aws:ResourceAccount", account.clone())],
                request: request_of(token, &c.send),
            };
            let Ok(admitted) = self.gateway.admit_as(None, 0, &principal, now, call) else {
                continue;
            };
            let error = if is_token(token) {
                ApiError::new(
                    Service::StepFunctions,
                    "TaskDoesNotExist",
                    "Task Does Not Exist: 'Provided task does not exist'",
                )
            } else {
                ApiError::new(
                    Service::StepFunctions,
                    "InvalidToken",
                    "Invalid Token: 'Invalid token'",
                )
            };
            let _ = self.gateway.settle(admitted, Err(error));
        }
    }

    /// `GetActivityTask`: whether the worker got the task (allowed, and still open).
    fn poll(
        &mut self,
        site: Site,
        waiting: &Waiting,
        worker: &ActivityWorker,
        principal: Principal,
        when: When,
        waiter: &mut Waiter,
    ) -> bool {
        let call = self.call(
            waiting,
            "GetActivityTask",
            json!({"activityArn": waiting.arn, "workerName": worker.worker_name}),
        );
        let admit = self
            .gateway
            .admit_as(Some(site), site.execution, &principal, when.clock, call);
        let Ok(admitted) = admit else {
            return false;
        };
        // The worker's clock starts with the task: taking it counts as its first beat.
        let taken = waiter.deliver(when.after, Answer::Heartbeat).is_ok();
        let response = if taken {
            json!({
                "taskToken": waiting.request.task_token,
                "input": waiting.message.to_string(),
            })
        } else {
            // A long poll that finds no task answers without a token.
            json!({})
        };
        let _ = self.gateway.settle(admitted, Ok(response));
        taken
    }

    /// One `SendTask*` call; allowed, the answer is delivered to the Task.
    fn send(
        &mut self,
        site: Site,
        waiting: &Waiting,
        principal: Principal,
        send: &SendTask,
        when: When,
        waiter: &mut Waiter,
    ) {
        let token = waiting.request.task_token.unwrap_or_default();
        let call = self.call(waiting, send.api(), request_of(token, send));
        let admit = self
            .gateway
            .admit_as(Some(site), site.execution, &principal, when.clock, call);
        let Ok(admitted) = admit else {
            return;
        };
        let result = match waiter.deliver(when.after, answer_of(send)) {
            Ok(()) => Ok(json!({})),
            Err(asl::Closed) => Err(task_timed_out()),
        };
        let _ = self.gateway.settle(admitted, result);
    }

    /// A Step Functions call about the waiting Task, in the account of its resource (which
    /// has no resource policy): `GetActivityTask` on the activity; `SendTask*` on `*`, as
    /// the Service Authorization Reference gives them no resource type.
    fn call(&self, waiting: &Waiting, api: &'static str, request: Value) -> Call<'s> {
        let (resource, context) = match api {
            "GetActivityTask" => (waiting.arn.clone(), Vec::new()),
            _ => (
                "*".to_string(),
                vec![("aws:ResourceAccount", waiting.account.clone())],
            ),
        };
        Call {
            service: Service::StepFunctions,
            api,
            resource,
            resource_account: waiting.account.clone(),
            resource_policy: None,
            noun: Service::StepFunctions.policy_noun(),
            trust: false,
            context,
            request,
        }
    }
}

/// Whether callback `c` answers the Task attempt `request` with token `token`.
fn answers(c: &Callback, request: &TaskRequest, token: &str) -> bool {
    match &c.task {
        TaskRef::Token(t) => !token.is_empty() && t == token,
        TaskRef::State {
            state_machine,
            state,
            attempt,
        } => {
            state_machine.as_str() == &*request.execution.state_machine_arn
                && state == request.state_name
                && attempt.is_none_or(|a| a == request.attempt)
        }
    }
}

/// Whether `token` has the form of the playground's task tokens (64 hex digits).
fn is_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The request a `SendTask*` call sends, as the API names its members.
fn request_of(token: &str, send: &SendTask) -> Value {
    match send {
        SendTask::Success(output) => json!({"taskToken": token, "output": output.to_string()}),
        SendTask::Failure { error, cause } => {
            let mut request = json!({"taskToken": token});
            if let Some(o) = request.as_object_mut() {
                if let Some(e) = error {
                    o.insert("error".into(), e.as_str().into());
                }
                if let Some(c) = cause {
                    o.insert("cause".into(), c.as_str().into());
                }
            }
            request
        }
        SendTask::Heartbeat => json!({ "taskToken": token }),
    }
}

/// What an answer delivers to the Task.
fn answer_of(send: &SendTask) -> Answer {
    match send {
        SendTask::Success(output) => Answer::Success(output.clone()),
        SendTask::Failure { error, cause } => Answer::Failure(Failure::new(
            error.as_deref().unwrap_or_default(),
            cause.as_deref().unwrap_or_default(),
        )),
        SendTask::Heartbeat => Answer::Heartbeat,
    }
}

/// `TaskTimedOut`: the answer came after the Task had closed.
fn task_timed_out() -> ApiError {
    ApiError::new(
        Service::StepFunctions,
        "TaskTimedOut",
        "Task Timed Out: 'Provided task does not exist anymore'",
    )
}
