//! The Task state: resolve parameters, credentials and timeouts, call the handler once per
//! attempt with the events AWS records around it, retry and catch.

use super::catch::Retries;
use super::data::runtime;
use super::run::{Abort, Run, Step};
use super::visit::Visit;
use crate::definition::{Number, State, TaskSpec};
use crate::failure::{names, Failure};
use crate::history::{
    ActivityScheduled, ErrorCause, EventKind, LambdaFunctionScheduled, TaskScheduled,
};
use crate::scope::{Scope, Variables};
use crate::size::{check_payload, extent};
use crate::task::{
    is_activity, resource_kind, waits_for_token, ResourceKind, TaskRequest, TaskResponse,
};
use crate::template::compact;
use crate::wait::{Settled, Wait};
use serde_json::Value;
use std::rc::Rc;

/// What one attempt of a Task sends: effective parameters, the role to assume, and its
/// timeout and heartbeat.
struct Call {
    parameters: Rc<Value>,
    role_arn: Option<String>,
    timeout: Option<u64>,
    heartbeat: Option<u64>,
}

impl Run<'_> {
    pub(super) fn task(
        &mut self,
        visit: &Visit,
        spec: &TaskSpec,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let state = visit.state;
        let mut retries = Retries::new(&state.retry);
        let entries = self.task_visits.entry(state.name.clone()).or_insert(0);
        *entries += 1;
        let entry = *entries;
        let callback = waits_for_token(&spec.resource);
        loop {
            let token = (callback || is_activity(&spec.resource))
                .then(|| self.task_token(&state.name, entry, retries.count));
            let prepared = {
                let mut context = visit.context();
                context.retry_count = Some(retries.count);
                context.task_token = token.as_deref().filter(|_| callback);
                let scope = context.scope(&visit.input, variables);
                self.prepare_task(visit, spec, &scope)
            };
            let attempt = match prepared {
                Ok(call) => {
                    self.attempt_task(visit.state, spec, call, token.as_deref(), retries.count)?
                }
                Err(f) => Err(f),
            };
            match attempt {
                Ok(result) => return self.finish_state(visit, result, variables),
                Err(failure) => {
                    if self.test.is_some() {
                        return self.test_retry_or_catch(visit, failure, variables);
                    }
                    if let Some(delay) = retries.next_delay(&state.retry, &failure, &mut self.rng) {
                        self.advance(delay)?;
                        continue;
                    }
                    return self.catch(visit, failure, variables);
                }
            }
        }
    }

    /// Resolves what one attempt sends.
    fn prepare_task(
        &mut self,
        visit: &Visit,
        spec: &TaskSpec,
        scope: &Scope,
    ) -> Result<Call, Failure> {
        let effective = self.apply_input_path(visit, scope)?;
        let parameters = self.apply_parameters(visit, scope, effective)?;
        check_payload(&parameters, &visit.state.name)?;
        let role_arn = match (&spec.credentials, &spec.credentials_query) {
            (_, Some(query)) => Some(self.query_role(query, *scope)?),
            (Some(template), None) => {
                let creds = template.evaluate(scope, &mut self.rng)?;
                match creds.get("RoleArn") {
                    Some(Value::String(arn)) => Some(arn.clone()),
                    other => {
                        return Err(runtime(format!(
                            "The Credentials field must resolve to a RoleArn string, but RoleArn was {}",
                            other.map_or_else(|| "missing".to_string(), compact)
                        )))
                    }
                }
            }
            (None, None) => None,
        };
        let timeout = self.seconds(spec.timeout.as_ref(), "TimeoutSeconds", scope)?;
        let heartbeat = self.seconds(spec.heartbeat.as_ref(), "HeartbeatSeconds", scope)?;
        Ok(Call {
            parameters,
            role_arn,
            timeout,
            heartbeat,
        })
    }

    /// One call to the handler with its Scheduled/Started/Succeeded|Failed|TimedOut events
    /// (TaskSubmitted between for a callback; the Activity* events for an activity).
    fn attempt_task(
        &mut self,
        state: &State,
        spec: &TaskSpec,
        call: Call,
        token: Option<&str>,
        attempt: u32,
    ) -> Result<Result<Rc<Value>, Failure>, Abort> {
        let Call {
            parameters,
            role_arn,
            timeout,
            heartbeat,
        } = call;
        let kind = resource_kind(&spec.resource);
        match &kind {
            ResourceKind::Integration(resource) => {
                self.emit(EventKind::TaskScheduled(Box::new(TaskScheduled {
                    resource: resource.clone(),
                    region: self.region.clone(),
                    parameters: parameters.clone(),
                    timeout_seconds: timeout,
                    heartbeat_seconds: heartbeat,
                    role_arn: role_arn.clone(),
                })))?;
                self.emit(EventKind::TaskStarted {
                    resource: resource.clone(),
                })?;
            }
            ResourceKind::LambdaFunction => {
                self.emit(EventKind::LambdaFunctionScheduled(Box::new(
                    LambdaFunctionScheduled {
                        resource: spec.resource.as_str().into(),
                        input: parameters.clone(),
                        timeout_seconds: timeout,
                    },
                )))?;
                self.emit(EventKind::LambdaFunctionStarted)?;
            }
            ResourceKind::Activity => {
                self.emit(EventKind::ActivityScheduled(Box::new(ActivityScheduled {
                    resource: spec.resource.as_str().into(),
                    input: parameters.clone(),
                    timeout_seconds: timeout,
                    heartbeat_seconds: heartbeat,
                })))?;
            }
        }
        let info = self.info.clone();
        let request = TaskRequest {
            state_name: &state.name,
            resource: &spec.resource,
            parameters: &parameters,
            role_arn: role_arn.as_deref(),
            timeout_seconds: timeout,
            heartbeat_seconds: heartbeat,
            task_token: token,
            attempt,
            execution: &info,
            now: self.clock,
        };
        let mut response = match self.test.as_ref().and_then(|t| t.mock.clone()) {
            Some(mocked) => TaskResponse {
                result: mocked,
                duration_millis: 0,
                annotation: None,
                exchange: None,
                wait: None,
            },
            None => self.handler.invoke(&request),
        };
        if let Some(exchange) = &response.exchange {
            self.note_report(|r| r.exchange = Some(exchange.clone()));
        }
        // TestState makes the call and reports its response: it does not wait.
        let wait = response.wait.take().filter(|_| self.test.is_none());
        let annotation = response.annotation.take();
        let (result, timed_out) = match wait {
            Some(wait) => self.await_token(&kind, response, wait, &state.name)?,
            None => self.time_call(response, timeout, heartbeat, token, &state.name)?,
        };
        let event = closing_event(&kind, &result, timed_out);
        self.emit(event)?;
        if let Some(annotation) = annotation {
            self.budget.hold(extent(&annotation).memory)?;
            self.history.annotate_last(annotation);
        }
        Ok(result)
    }

    /// An answer that came at once: its duration against `TimeoutSeconds` (and, for a
    /// callback, `HeartbeatSeconds`). Whether it timed out comes with the result.
    fn time_call(
        &mut self,
        response: TaskResponse,
        timeout: Option<u64>,
        heartbeat: Option<u64>,
        token: Option<&str>,
        state_name: &str,
    ) -> Result<(Result<Rc<Value>, Failure>, bool), Abort> {
        let took = i64::try_from(response.duration_millis).unwrap_or(i64::MAX);
        let limit = timeout.map(|t| t as i64 * 1000);
        let heartbeat_limit = heartbeat
            .filter(|_| token.is_some())
            .map(|h| h as i64 * 1000);
        let timed_out = match (limit, heartbeat_limit) {
            (Some(t), _) if took > t => Some((t, names::TIMEOUT)),
            (_, Some(h)) if took > h => Some((h, names::HEARTBEAT_TIMEOUT)),
            _ => None,
        };
        Ok(match timed_out {
            Some((after, error)) => {
                self.advance(after)?;
                (Err(Failure::new(error, "")), true)
            }
            None => {
                self.advance(took)?;
                let result = response
                    .result
                    .and_then(|v| check_payload(&v, state_name).map(|_| Rc::new(v)));
                (result, false)
            }
        })
    }

    /// A Task that waits for its token: TaskSubmitted (callback) or ActivityStarted (a
    /// worker took it), then the answer, the timeout, or the execution pauses.
    fn await_token(
        &mut self,
        kind: &ResourceKind,
        response: TaskResponse,
        wait: Wait,
        state_name: &str,
    ) -> Result<(Result<Rc<Value>, Failure>, bool), Abort> {
        let took = i64::try_from(response.duration_millis).unwrap_or(i64::MAX);
        self.advance(took)?;
        let mut waited = 0;
        match (kind, response.result) {
            (_, Err(f)) => return Ok((Err(f), false)),
            (ResourceKind::Integration(resource), Ok(submitted)) => {
                self.emit(EventKind::TaskSubmitted {
                    resource: resource.clone(),
                    output: Rc::new(submitted),
                })?;
            }
            (_, Ok(_)) => {
                if let Some(worker) = wait.worker {
                    waited = worker.after_millis;
                    self.advance(i64::try_from(waited).unwrap_or(i64::MAX))?;
                    self.emit(EventKind::ActivityStarted {
                        worker_name: worker.name.into(),
                    })?;
                }
            }
        }
        let advance_to = |run: &mut Self, after: u64| {
            let rest = after.saturating_sub(waited);
            run.advance(i64::try_from(rest).unwrap_or(i64::MAX))
        };
        Ok(match wait.settled {
            Settled::Succeeded {
                after_millis,
                output,
            } => {
                advance_to(self, after_millis)?;
                let checked = check_payload(&output, state_name).map(|_| Rc::new(output));
                (checked, false)
            }
            Settled::Failed {
                after_millis,
                failure,
            } => {
                advance_to(self, after_millis)?;
                (Err(failure), false)
            }
            Settled::TimedOut {
                after_millis,
                error,
            } => {
                advance_to(self, after_millis)?;
                (Err(Failure::new(error, "")), true)
            }
            Settled::Waiting => return Err(Abort::Paused),
        })
    }

    /// The token of attempt `attempt` of the `visit`-th entry into Task `state`: the same
    /// for the same scenario however the Task is answered, so an answer written after a
    /// run finds the same token in the next.
    fn task_token(&self, state: &str, visit: u32, attempt: u32) -> String {
        let seed = format!("{}/{state}/{visit}/{attempt}", self.info.execution_arn);
        seeded::hex_digest("SHA-256", seed.as_bytes()).unwrap_or(seed)
    }
}

/// The event that closes a Task attempt.
fn closing_event(
    kind: &ResourceKind,
    result: &Result<Rc<Value>, Failure>,
    timed_out: bool,
) -> EventKind {
    let cause = |f: &Failure| ErrorCause::new(&f.error, &f.cause);
    match (kind, result) {
        (ResourceKind::Integration(r), Ok(v)) => EventKind::TaskSucceeded {
            resource: r.clone(),
            output: v.clone(),
        },
        (ResourceKind::Integration(r), Err(f)) if timed_out => EventKind::TaskTimedOut {
            resource: r.clone(),
            failure: cause(f),
        },
        (ResourceKind::Integration(r), Err(f)) => EventKind::TaskFailed {
            resource: r.clone(),
            failure: cause(f),
        },
        (ResourceKind::LambdaFunction, Ok(v)) => {
            EventKind::LambdaFunctionSucceeded { output: v.clone() }
        }
        (ResourceKind::LambdaFunction, Err(f)) if timed_out => {
            EventKind::LambdaFunctionTimedOut(cause(f))
        }
        (ResourceKind::LambdaFunction, Err(f)) => EventKind::LambdaFunctionFailed(cause(f)),
        (ResourceKind::Activity, Ok(v)) => EventKind::ActivitySucceeded { output: v.clone() },
        (ResourceKind::Activity, Err(f)) if timed_out => EventKind::ActivityTimedOut(cause(f)),
        (ResourceKind::Activity, Err(f)) if f.error == names::ACTIVITY_DOES_NOT_EXIST => {
            EventKind::ActivityScheduleFailed(cause(f))
        }
        (ResourceKind::Activity, Err(f)) => EventKind::ActivityFailed(cause(f)),
    }
}

impl Run<'_> {
    /// Resolves `TimeoutSeconds(Path)` / `HeartbeatSeconds(Path)`, or their JSONata
    /// expressions.
    fn seconds(
        &mut self,
        number: Option<&Number>,
        field: &str,
        scope: &Scope,
    ) -> Result<Option<u64>, Failure> {
        match number {
            None => Ok(None),
            Some(Number::Fixed(n)) => Ok(Some(*n as u64)),
            Some(Number::Query(q)) => {
                let n = self.query_number(q, field, true, *scope)?;
                if (1.0..=99_999_999.0).contains(&n) {
                    Ok(Some(n as u64))
                } else {
                    let e = q.type_error(field, "integer from 1 to 99999999", &n.into());
                    Err(self.evaluation_failed(e))
                }
            }
            Some(Number::Path(p)) => {
                let field = format!("{field}Path");
                let value = scope.select(p)?.ok_or_else(|| {
                    runtime(format!(
                        "Invalid path '{}' : No results for path: {}",
                        p.text(),
                        p.bracket_notation()
                    ))
                })?;
                match value.as_u64().filter(|n| (1..=99_999_999).contains(n)) {
                Some(n) => Ok(Some(n)),
                None => Err(runtime(format!(
                    "The {field} parameter references an invalid value: {} (it must be a positive integer): {}",
                    compact(&value),
                    p.text()
                ))),
            }
            }
        }
    }
}
