//! Error handling: which retrier or catcher an error matches, the retry delays, and
//! moving on to a catcher's `Next` with the error output placed by its `ResultPath`.

use super::data::place_result;
use super::run::{Abort, Run, Step};
use super::visit::Visit;
use crate::definition::{Catcher, Retrier, State};
use crate::failure::{names, Failure};
use crate::history::EventKind;
use crate::scope::Variables;
use crate::size::check_payload;
use seeded::Rng;
use serde_json::{Map, Value};
use std::rc::Rc;

/// Whether an `ErrorEquals` list matches `error`. `States.ALL` matches everything but
/// States.Runtime and States.DataLimitExceeded; `States.TaskFailed` everything but those and
/// States.Timeout; States.Runtime is never retried or caught.
pub fn error_matches(list: &[String], error: &str) -> bool {
    if error == names::RUNTIME {
        return false;
    }
    list.iter().any(|name| {
        name == error
            || (name == names::ALL && error != names::DATA_LIMIT_EXCEEDED)
            || (name == names::TASK_FAILED
                && error != names::TIMEOUT
                && error != names::DATA_LIMIT_EXCEEDED)
    })
}

/// Counts attempts per retrier across the attempts of one state.
pub struct Retries {
    attempts: Vec<u64>,
    /// How many retries have been made (the context object's `State.RetryCount`).
    pub count: u32,
}

impl Retries {
    pub fn new(retriers: &[Retrier]) -> Self {
        Retries {
            attempts: vec![0; retriers.len()],
            count: 0,
        }
    }

    /// The delay before the next attempt, or `None` when no retrier applies any more: the
    /// first retrier whose `ErrorEquals` matches decides, even when it is exhausted.
    pub fn next_delay(
        &mut self,
        retriers: &[Retrier],
        failure: &Failure,
        rng: &mut Rng,
    ) -> Option<i64> {
        let i = retriers
            .iter()
            .position(|r| error_matches(&r.error_equals, &failure.error))?;
        let r = &retriers[i];
        let done = self.attempts[i];
        if done >= r.max_attempts {
            return None;
        }
        self.attempts[i] += 1;
        self.count += 1;
        let mut seconds = r.interval_seconds * r.backoff_rate.powf(done as f64);
        if let Some(max) = r.max_delay_seconds {
            seconds = seconds.min(max);
        }
        if r.full_jitter {
            seconds *= rng.next_f64();
        }
        Some((seconds * 1000.0).round() as i64)
    }
}

/// The error output a catcher places: `{"Error", "Cause"}`.
pub fn error_output(failure: &Failure) -> Value {
    let mut m = Map::new();
    m.insert("Error".into(), failure.error.as_str().into());
    m.insert("Cause".into(), failure.cause.as_str().into());
    Value::Object(m)
}

impl Run<'_> {
    /// Hands a failure to the first matching catcher, or passes it on.
    pub(super) fn catch(
        &mut self,
        visit: &Visit,
        failure: Failure,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let state = visit.state;
        let Some((index, catcher)) = find_catcher(&state.catch, &failure) else {
            return Err(Abort::Failure(failure));
        };
        if let Some(test) = self.test.as_mut() {
            test.report.caught = Some((index, failure.clone()));
        }
        if let Some(fields) = &catcher.jsonata {
            return self.jsonata_catch(visit, catcher, fields, &failure, variables);
        }
        let error = error_output(&failure);
        let assigned = match &catcher.assign {
            Some(template) => {
                let context = visit.context();
                let scope = context.scope(&error, variables);
                let assigned = template.evaluate(&scope, &mut self.rng)?;
                check_payload(&assigned, &state.name)?;
                Some(assignments(assigned))
            }
            None => None,
        };
        let output = place_result(&catcher.result_path, &visit.input, Rc::new(error))?;
        check_payload(&output, &state.name)?;
        self.exit_state(state, output.clone(), assigned, variables)?;
        Ok(Step::Next(catcher.next, output))
    }

    /// Records `{Type}StateExited` and applies the state's variable assignments.
    pub fn exit_state(
        &mut self,
        state: &State,
        output: Rc<Value>,
        assigned: Option<Vec<(String, Value)>>,
        variables: &mut Variables,
    ) -> Result<(), Abort> {
        if let Some(vars) = &assigned {
            for (name, value) in vars {
                variables.set(name.clone(), value.clone());
            }
        }
        self.emit(EventKind::StateExited {
            state_type: state.kind.state_type(),
            name: state.name.clone(),
            output,
            assigned: assigned.map(Box::new),
        })?;
        Ok(())
    }
}

/// The first catcher that matches, with its index in `Catch`.
fn find_catcher<'s>(catchers: &'s [Catcher], failure: &Failure) -> Option<(usize, &'s Catcher)> {
    catchers
        .iter()
        .enumerate()
        .find(|(_, c)| error_matches(&c.error_equals, &failure.error))
}

/// The name/value pairs of an evaluated `Assign` object.
pub fn assignments(value: Value) -> Vec<(String, Value)> {
    match value {
        Value::Object(map) => map.into_iter().collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn wildcards_follow_the_documented_exceptions() {
        assert!(error_matches(
            &list(&["States.ALL"]),
            "Lambda.ServiceException"
        ));
        assert!(!error_matches(&list(&["States.ALL"]), "States.Runtime"));
        assert!(!error_matches(
            &list(&["States.ALL"]),
            "States.DataLimitExceeded"
        ));
        assert!(error_matches(&list(&["States.TaskFailed"]), "Custom"));
        assert!(!error_matches(
            &list(&["States.TaskFailed"]),
            "States.Timeout"
        ));
        assert!(error_matches(&list(&["States.Timeout"]), "States.Timeout"));
        assert!(!error_matches(&list(&["States.Runtime"]), "States.Runtime"));
    }

    #[test]
    fn backoff_grows_caps_and_exhausts() {
        let r = Retrier {
            error_equals: list(&["E"]),
            interval_seconds: 2.0,
            max_attempts: 3,
            backoff_rate: 3.0,
            max_delay_seconds: Some(10.0),
            full_jitter: false,
        };
        let mut retries = Retries::new(std::slice::from_ref(&r));
        let mut rng = Rng::new(1);
        let f = Failure::new("E", "");
        let delays: Vec<_> = (0..4)
            .map(|_| retries.next_delay(std::slice::from_ref(&r), &f, &mut rng))
            .collect();
        assert_eq!(delays, vec![Some(2000), Some(6000), Some(10000), None]);
        assert_eq!(retries.count, 3);
    }
}
