//! The Task state: resolve parameters, credentials and timeouts, call the handler once per
//! attempt with the events AWS records around it, retry and catch.

use super::catch::Retries;
use super::data::runtime;
use super::run::{check_size, Abort, Run, Step};
use super::visit::Visit;
use crate::definition::{Number, State, TaskSpec};
use crate::failure::{names, Failure};
use crate::history::{ErrorCause, EventKind, LambdaFunctionScheduled, TaskScheduled};
use crate::scope::{Scope, Variables};
use crate::task::{resource_kind, waits_for_token, ResourceKind, TaskRequest, TaskResponse};
use crate::template::compact;
use serde_json::Value;
use std::rc::Rc;

/// What one attempt of a Task sends: effective parameters, the role to assume, and its
/// timeout and heartbeat.
struct Call {
    parameters: Value,
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
        loop {
            let token = waits_for_token(&spec.resource)
                .then(|| format!("{:016x}{:016x}", self.rng.next_u64(), self.rng.next_u64()));
            let prepared = {
                let mut context = visit.context();
                context.retry_count = Some(retries.count);
                context.task_token = token.as_deref();
                let scope = context.scope(&visit.input, variables);
                self.prepare_task(state, spec, &scope)
            };
            let attempt = match prepared {
                Ok(call) => {
                    self.attempt_task(state, spec, call, token.as_deref(), retries.count)?
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
        state: &State,
        spec: &TaskSpec,
        scope: &Scope,
    ) -> Result<Call, Failure> {
        let effective = self.apply_input_path(state, scope)?;
        let parameters = self.apply_parameters(state, scope, effective)?;
        check_size(&parameters, &state.name)?;
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

    /// One call to the handler with its Scheduled/Started/Succeeded|Failed|TimedOut events.
    fn attempt_task(
        &mut self,
        state: &State,
        spec: &TaskSpec,
        call: Call,
        token: Option<&str>,
        attempt: u32,
    ) -> Result<Result<Value, Failure>, Abort> {
        let Call {
            parameters,
            role_arn,
            timeout,
            heartbeat,
        } = call;
        let kind = resource_kind(&spec.resource);
        let parameters = Rc::new(parameters);
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
        let response = match self.test.as_ref().and_then(|t| t.mock.clone()) {
            Some(mocked) => TaskResponse {
                result: mocked,
                duration_millis: 0,
                annotation: None,
                exchange: None,
            },
            None => self.handler.invoke(&request),
        };
        if let Some(exchange) = &response.exchange {
            self.note_report(|r| r.exchange = Some(exchange.clone()));
        }
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
        let result = match timed_out {
            Some((after, error)) => {
                self.advance(after)?;
                Err(Failure::new(error, ""))
            }
            None => {
                self.advance(took)?;
                response
                    .result
                    .and_then(|v| check_size(&v, &state.name).map(|_| v))
            }
        };
        let event = match (&kind, &result) {
            (ResourceKind::Integration(r), Ok(v)) => EventKind::TaskSucceeded {
                resource: r.clone(),
                output: Rc::new(v.clone()),
            },
            (ResourceKind::Integration(r), Err(f)) if timed_out.is_some() => {
                EventKind::TaskTimedOut {
                    resource: r.clone(),
                    failure: ErrorCause::new(&f.error, &f.cause),
                }
            }
            (ResourceKind::Integration(r), Err(f)) => EventKind::TaskFailed {
                resource: r.clone(),
                failure: ErrorCause::new(&f.error, &f.cause),
            },
            (ResourceKind::LambdaFunction, Ok(v)) => EventKind::LambdaFunctionSucceeded {
                output: Rc::new(v.clone()),
            },
            (ResourceKind::LambdaFunction, Err(f)) if timed_out.is_some() => {
                EventKind::LambdaFunctionTimedOut(ErrorCause::new(&f.error, &f.cause))
            }
            (ResourceKind::LambdaFunction, Err(f)) => {
                EventKind::LambdaFunctionFailed(ErrorCause::new(&f.error, &f.cause))
            }
        };
        self.emit(event)?;
        if let Some(annotation) = response.annotation {
            self.history.annotate_last(annotation);
        }
        Ok(result)
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
                let value = scope.select(p).ok_or_else(|| {
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
