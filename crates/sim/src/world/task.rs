//! One Task attempt: resolve the resource, assume the `Credentials` role if any, call the
//! service, and turn its errors into the names the Task's Retry and Catch see. A
//! `.waitForTaskToken` call, and an activity, then wait for their answers
//! (`waiting.rs`).

use super::driver::World;
use super::waiting::Waiting;
use crate::arn::Arn;
use crate::gateway::{CallCx, Site};
use crate::identity::{Principal, Session};
use crate::integration::{resolve, Pattern};
use crate::services;
use asl::error_names as names;
use asl::{Failure, TaskRequest, Wait, Waiter};
use serde_json::Value;

/// What one Task attempt came to.
pub(crate) struct Attempt {
    /// The result (for a Task that waits, the integration's response).
    pub(crate) result: Result<Value, Failure>,
    /// How long the call took (ms).
    pub(crate) duration: u64,
    /// What came of the wait, for a Task that waits for its token.
    pub(crate) wait: Option<Wait>,
}

impl Attempt {
    fn done(result: Result<Value, Failure>, duration: u64) -> Attempt {
        Attempt {
            result,
            duration,
            wait: None,
        }
    }
}

impl World<'_> {
    /// Performs one attempt; `waits` is false for TestState, which makes the call and
    /// does not wait for an answer.
    pub(crate) fn task(
        &mut self,
        site: Site,
        session: &Session,
        request: &TaskRequest,
        waits: bool,
    ) -> Attempt {
        if let Some(arn) = Arn::parse(request.resource).filter(|a| a.service == "states") {
            if let Some(name) = arn.resource_named("activity") {
                return self.activity(site, request, arn.account, name, waits);
            }
        }
        let Some(target) = resolve(request.resource) else {
            return Attempt::done(
                Err(Failure::new(
                    names::RUNTIME,
                    format!(
                        "The playground does not simulate the resource '{}': see docs/scenario-format.md for the simulated integrations",
                        request.resource
                    ),
                )),
                0,
            );
        };
        let mut cx = CallCx {
            site,
            principal: Principal::Session(session.clone()),
            style: target.style,
            pattern: target.pattern,
            now: request.now,
            task: request,
        };
        if let Some(role_arn) = request.role_arn {
            let machine_arn = request.execution.state_machine_arn.to_string();
            let session_name = request.execution.name.to_string();
            match services::assume(
                &mut self.gateway,
                &cx,
                role_arn,
                &session_name,
                Some(machine_arn),
            ) {
                Ok((assumed, _)) => cx.principal = Principal::Session(assumed),
                Err(e) => {
                    let request_id = self.gateway.request_id();
                    return Attempt::done(
                        Err(Failure::new(names::TASK_FAILED, e.cause(&request_id))),
                        0,
                    );
                }
            }
        }
        match services::call(self, &cx, target, request.parameters) {
            Ok(reply)
                if waits && target.pattern == Pattern::Callback && reply.failure.is_none() =>
            {
                let machine = &*request.execution.state_machine_arn;
                let waiting = Waiting {
                    arn: machine.to_string(),
                    account: machine.split(':').nth(4).unwrap_or_default().to_string(),
                    since: request
                        .now
                        .saturating_add(i64::try_from(reply.duration).unwrap_or(0)),
                    request,
                    message: request.parameters,
                };
                let wait = self.wait_for_token(site, &waiting, None);
                Attempt {
                    result: Ok(reply.value),
                    duration: reply.duration,
                    wait: Some(wait),
                }
            }
            Ok(reply) if waits && reply.waiting => {
                // A `.sync` child that waits for a token: this Task waits with it, until
                // its own TimeoutSeconds if it has one.
                let settled = Waiter::new(request.timeout_seconds, None).finish();
                Attempt {
                    result: Ok(reply.value),
                    duration: reply.duration,
                    wait: Some(Wait {
                        worker: None,
                        settled,
                    }),
                }
            }
            Ok(reply) => Attempt::done(
                match reply.failure {
                    Some(f) => Err(f),
                    None => Ok(reply.value),
                },
                reply.duration,
            ),
            Err(e) => {
                let request_id = self.gateway.request_id();
                Attempt::done(Err(e.failure(target.style, &request_id)), 0)
            }
        }
    }

    /// An activity Task: `ActivityDoesNotExist` when the scenario has no such activity,
    /// otherwise its worker (if any) and the `callbacks` answer it.
    fn activity(
        &mut self,
        site: Site,
        request: &TaskRequest,
        account: &str,
        name: &str,
        waits: bool,
    ) -> Attempt {
        let scenario = self.gateway.scenario;
        let Some(activity) = scenario
            .account(account)
            .and_then(|a| a.activities.get(name))
        else {
            return Attempt::done(
                Err(Failure::new(
                    names::ACTIVITY_DOES_NOT_EXIST,
                    format!("Activity Does Not Exist: '{}'", request.resource),
                )),
                0,
            );
        };
        if !waits {
            return Attempt::done(Ok(Value::Null), 0);
        }
        let waiting = Waiting {
            arn: request.resource.to_string(),
            account: account.to_string(),
            since: request.now,
            request,
            message: request.parameters,
        };
        let wait = self.wait_for_token(site, &waiting, activity.worker.as_ref());
        Attempt {
            result: Ok(Value::Null),
            duration: 0,
            wait: Some(wait),
        }
    }
}
