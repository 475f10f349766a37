//! One state run alone, as the TestState API runs it: a single attempt (the retry it
//! would make is reported, not made), the mocked result or error in place of the Task call,
//! and a Map or Parallel state's mocked result in place of its iterations or branches.

use super::catch::error_matches;
use super::data_flow::DataFlow;
use super::map::{checked_item, json_path_items};
use super::run::{Abort, Run, Step};
use super::visit::Visit;
use super::Options;
use crate::definition::{Machine, MapSpec, Number, Retrier};
use crate::failure::Failure;
use crate::scope::{ExecutionInfo, Variables};
use crate::task::{HttpExchange, TaskHandler};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::rc::Rc;

/// How the state under test runs.
#[derive(Debug, Clone, Default)]
pub struct TestMode {
    /// Retries already made by the retrier that matches the error (`retrierRetryCount`).
    pub retrier_retry_count: u64,
    /// The mocked result or error, answering the Task (or the Map or Parallel) instead.
    pub mock: Option<Result<Value, Failure>>,
    /// What error handling did.
    pub report: TestReport,
}

/// What the state's error handling and Map opening came to.
#[derive(Debug, Clone, Default)]
pub struct TestReport {
    /// The retrier that would retry (its index) and the backoff before it, in seconds.
    pub retry: Option<(usize, u64)>,
    /// The catcher that caught (its index) and the error it caught.
    pub caught: Option<(usize, Failure)>,
    /// A Map state's items after `ItemsPath` (JSONPath only).
    pub after_items_path: Option<Value>,
    /// A Map state's items after `ItemSelector`.
    pub after_item_selector: Option<Value>,
    /// A Map state's `MaxConcurrency`.
    pub max_concurrency: Option<f64>,
    /// A Map state's `ToleratedFailureCount`.
    pub tolerated_failure_count: Option<f64>,
    /// A Map state's `ToleratedFailurePercentage`.
    pub tolerated_failure_percentage: Option<f64>,
    /// The call the Task made, as the handler described it.
    pub exchange: Option<HttpExchange>,
}

/// The state's run: how it ended, its data flow, the variables after it and the report.
pub struct SingleRun {
    /// The next state's index (none at the end) and the output, or the error it ended with.
    pub ended: Result<(Option<usize>, Rc<Value>), Failure>,
    /// The processing stages it reached.
    pub flow: Option<DataFlow>,
    /// Every workflow variable after the state.
    pub variables: Map<String, Value>,
    /// What error handling and the Map opening did.
    pub report: TestReport,
}

/// What to run: the machine holding the state, the state's index, and its surroundings.
pub struct Single<'a> {
    /// The machine that holds the state.
    pub machine: &'a Machine,
    /// The state's index in it.
    pub index: usize,
    /// The state's input.
    pub input: Rc<Value>,
    /// The workflow variables set before it.
    pub variables: Map<String, Value>,
    /// The execution the context object describes.
    pub info: ExecutionInfo,
    /// When the state is entered, in milliseconds since the epoch.
    pub entered_time: i64,
}

/// TestState's limit: a state that runs longer fails with States.Timeout.
const TEST_STATE_MAX_SECONDS: u64 = 5 * 60;

/// Runs one state once.
pub fn run_single(single: Single, test: TestMode, handler: &mut dyn TaskHandler) -> SingleRun {
    let options = Options {
        start_time: single.entered_time,
        record_data_flow: true,
        ..Options::default()
    };
    let region: Rc<str> = single
        .info
        .state_machine_arn
        .split(':')
        .nth(3)
        .filter(|r| !r.is_empty())
        .unwrap_or("us-east-1")
        .into();
    let mut run = Run::new(
        single.info,
        region,
        &options,
        TEST_STATE_MAX_SECONDS,
        handler,
    );
    run.test = Some(test);
    let mut variables = Variables::default();
    for (name, value) in single.variables {
        variables.set(name, value);
    }
    let state = &single.machine.states[single.index];
    let ended = match run.run_state(state, single.input, &mut variables) {
        Ok(Step::Next(next, out)) => Ok((Some(next), out)),
        Ok(Step::End(out)) => Ok((None, out)),
        Err(Abort::Failure(f)) => Err(f),
        Err(Abort::Exceeded(e)) => Err(Failure::new(crate::failure::names::RUNTIME, e.to_string())),
        Err(Abort::TimedOut | Abort::Paused) => Err(Failure::new(
            crate::failure::names::TIMEOUT,
            format!(
                "The state ran longer than TestState's limit of {TEST_STATE_MAX_SECONDS} seconds"
            ),
        )),
    };
    let report = run.test.take().map(|t| t.report).unwrap_or_default();
    let flow = std::mem::take(&mut run.flows).into_done().pop();
    SingleRun {
        ended,
        flow,
        variables: variables.flatten(),
        report,
    }
}

/// The backoff before retry number `count` + 1 of `retrier`, in whole seconds (without
/// jitter).
fn backoff_seconds(retrier: &Retrier, count: u64) -> u64 {
    let exponent = i32::try_from(count).unwrap_or(i32::MAX);
    let mut seconds = retrier.interval_seconds * retrier.backoff_rate.powi(exponent);
    if let Some(max) = retrier.max_delay_seconds {
        seconds = seconds.min(max);
    }
    seconds.round().max(0.0) as u64
}

impl Run<'_> {
    /// TestState's error handling: the first retrier that matches reports the retry it
    /// would make while it has attempts left; otherwise the catchers decide.
    pub(super) fn test_retry_or_catch(
        &mut self,
        visit: &Visit,
        failure: Failure,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let state = visit.state;
        let matched = state
            .retry
            .iter()
            .enumerate()
            .find(|(_, r)| error_matches(&r.error_equals, &failure.error));
        if let (Some((index, retrier)), Some(test)) = (matched, self.test.as_mut()) {
            let count = test.retrier_retry_count;
            if count < retrier.max_attempts {
                test.report.retry = Some((index, backoff_seconds(retrier, count)));
                return Err(Abort::Failure(failure));
            }
        }
        self.catch(visit, failure, variables)
    }

    /// The mocked outcome: a result, or the error handled as the state's own.
    fn test_mocked(&mut self, visit: &Visit, variables: &mut Variables) -> Result<Step, Abort> {
        match self.test.as_ref().and_then(|t| t.mock.clone()) {
            Some(Ok(result)) => self.finish_state(visit, Rc::new(result), variables),
            Some(Err(failure)) => self.test_retry_or_catch(visit, failure, variables),
            None => Err(Abort::Failure(Failure::new(
                crate::failure::names::RUNTIME,
                "TestState runs a Map or Parallel state only with a mock",
            ))),
        }
    }

    /// A Parallel state under test: its opening, then the mocked branch outputs.
    pub(super) fn test_parallel(
        &mut self,
        visit: &Visit,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        {
            let context = visit.context();
            let scope = context.scope(&visit.input, variables);
            let effective = self.apply_input_path(visit, &scope)?;
            self.apply_parameters(visit, &scope, effective)?;
        }
        self.test_mocked(visit, variables)
    }

    /// A Map state under test: its items and their inputs, its limits, then the mocked
    /// output of the iterations.
    pub(super) fn test_map(
        &mut self,
        visit: &Visit,
        spec: &MapSpec,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let state = visit.state;
        let (effective, items) = {
            let context = visit.context();
            let scope = context.scope(&visit.input, variables);
            let effective = self.apply_input_path(visit, &scope)?.into_owned();
            let items = if state.jsonata.is_some() {
                self.query_items(spec.items.as_ref(), scope)?
            } else {
                let items = json_path_items(spec, &scope, &effective)?.into_owned();
                self.note_report(|r| r.after_items_path = Some(Value::Array(items.clone())));
                items
            };
            (effective, items)
        };
        let mut selected = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let input =
                self.select_item(visit, spec, &effective, index, Cow::Owned(item), variables)?;
            selected.push(checked_item(spec, &visit.state.name, input)?);
        }
        self.note_report(|r| r.after_item_selector = Some(Value::Array(selected)));
        let limits = [
            &spec.max_concurrency,
            &spec.tolerated_failure_count,
            &spec.tolerated_failure_percentage,
        ];
        let mut values = [None; 3];
        for (slot, limit) in values.iter_mut().zip(limits) {
            *slot = match limit {
                Some(Number::Fixed(n)) => Some(*n),
                _ => None,
            };
        }
        let [max_concurrency, count, percentage] = values;
        self.note_report(|r| {
            r.max_concurrency = max_concurrency;
            r.tolerated_failure_count = count;
            r.tolerated_failure_percentage = percentage;
        });
        self.test_mocked(visit, variables)
    }

    /// Notes what the state under test did (nothing outside test mode).
    pub(super) fn note_report(&mut self, f: impl FnOnce(&mut TestReport)) {
        if let Some(test) = self.test.as_mut() {
            f(&mut test.report);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_follows_the_documented_example_and_the_cap() {
        // test-state-isolation.html: IntervalSeconds 2, BackoffRate 2.0, retrierRetryCount 1
        // gives 4 seconds.
        let mut r = Retrier {
            error_equals: vec!["E".into()],
            interval_seconds: 2.0,
            max_attempts: 3,
            backoff_rate: 2.0,
            max_delay_seconds: None,
            full_jitter: false,
        };
        assert_eq!(backoff_seconds(&r, 0), 2);
        assert_eq!(backoff_seconds(&r, 1), 4);
        r.max_delay_seconds = Some(3.0);
        assert_eq!(backoff_seconds(&r, 1), 3);
    }
}
