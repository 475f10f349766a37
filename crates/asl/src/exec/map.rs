//! The Map state: one iteration of the item processor per item, inline (iteration events
//! in this history) or distributed (a Map Run of child executions: `map_run.rs`).
//! Iterations run in item order; AWS's order under concurrency is not fixed.

use super::catch::Retries;
use super::data::runtime;
use super::results::Results;
use super::run::{Abort, Run, Step};
use super::visit::Visit;
use crate::definition::{MapMode, MapSpec, Number};
use crate::failure::{names, Failure};
use crate::history::EventKind;
use crate::path::Path;
use crate::scope::{Scope, Variables};
use crate::size::check_payload;
use crate::template::{compact, shown};
use serde_json::Value;
use std::borrow::Cow;
use std::rc::Rc;

/// How many failed iterations a Map state tolerates.
pub(super) struct Tolerance {
    count: Option<u64>,
    percentage: Option<f64>,
}

impl Tolerance {
    fn configured(&self) -> bool {
        self.count.is_some() || self.percentage.is_some()
    }

    pub(super) fn exceeded(&self, failed: usize, total: usize) -> bool {
        let by_count = self.count.is_none_or(|c| failed as u64 > c);
        let by_share = self
            .percentage
            .is_none_or(|p| total > 0 && failed as f64 * 100.0 / total as f64 > p);
        by_count && by_share
    }
}

impl Run<'_> {
    /// Resolves a number field (`MaxConcurrency`, `ToleratedFailureCount` …): fixed, by
    /// its `…Path`, or by a JSONata expression.
    pub(super) fn map_number(
        &mut self,
        number: &Number,
        field: &str,
        integer: bool,
        scope: Scope,
    ) -> Result<f64, Failure> {
        match number {
            Number::Fixed(n) => Ok(*n),
            Number::Path(p) => path_number(p, &format!("{field}Path"), integer, &scope),
            Number::Query(q) => self.query_number(q, field, integer, scope),
        }
    }

    pub(super) fn map(
        &mut self,
        visit: &Visit,
        spec: &MapSpec,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        if self.test.is_some() {
            return self.test_map(visit, spec, variables);
        }
        let state = visit.state;
        let mut retries = Retries::new(&state.retry);
        loop {
            let mut context = visit.context();
            context.retry_count = Some(retries.count);
            let scope = context.scope(&visit.input, variables);
            // The effective input is only read: a part of the input InputPath selects is not
            // copied.
            let effective = self.apply_input_path(visit, &scope)?;
            // The items are read where the input holds them: each is copied only when it
            // becomes an iteration's input as it is.
            let items: Cow<[Value]> =
                if state.jsonata.is_some() && spec.distributed.reader.is_none() {
                    match self.query_items(spec.items.as_ref(), scope) {
                        Ok(items) => Cow::Owned(items),
                        Err(failure) => {
                            self.emit(EventKind::MapStateFailed)?;
                            return self.catch(visit, failure, variables);
                        }
                    }
                } else if spec.distributed.reader.is_some() {
                    Cow::Owned(Vec::new())
                } else {
                    json_path_items(spec, &scope, &effective)?
                };
            if let Some(n) = &spec.max_concurrency {
                let context = visit.context();
                let limit = self.map_number(
                    n,
                    "MaxConcurrency",
                    true,
                    context.scope(&effective, variables),
                )?;
                if limit < 0.0 {
                    return Err(Abort::Failure(runtime(format!(
                        "Expected non-negative integer for MaxConcurrency, got '{limit}' instead."
                    ))));
                }
            }
            self.emit(EventKind::MapStateStarted {
                length: items.len(),
            })?;
            let tolerance = {
                let context = visit.context();
                let scope = context.scope(&effective, variables);
                let count = match &spec.tolerated_failure_count {
                    Some(n) => {
                        let c = self.map_number(n, "ToleratedFailureCount", true, scope)? as i64;
                        if c < 0 {
                            return Err(Abort::Failure(runtime(
                                "ToleratedFailureCount cannot be negative.",
                            )));
                        }
                        Some(c as u64)
                    }
                    None => None,
                };
                let percentage = match &spec.tolerated_failure_percentage {
                    Some(n) => {
                        let p = self.map_number(n, "ToleratedFailurePercentage", false, scope)?;
                        if !(0.0..=100.0).contains(&p) {
                            return Err(Abort::Failure(runtime(
                                "ToleratedFailurePercentage must be between 0 and 100.",
                            )));
                        }
                        Some(p)
                    }
                    None => None,
                };
                Tolerance { count, percentage }
            };
            let result = match spec.mode {
                MapMode::Inline => {
                    self.iterations(visit, spec, &effective, items, variables, &tolerance)
                }
                MapMode::Distributed => self
                    .map_run(
                        visit,
                        spec,
                        &effective,
                        items.into_owned(),
                        variables,
                        &tolerance,
                    )
                    .map(Rc::new),
            };
            match result {
                Ok(output) => {
                    self.emit(EventKind::MapStateSucceeded)?;
                    return self.finish_state(visit, output, variables);
                }
                Err(Abort::Failure(failure)) => {
                    if let Some(delay) = retries.next_delay(&state.retry, &failure, &mut self.rng) {
                        self.advance(delay)?;
                        continue;
                    }
                    self.emit(EventKind::MapStateFailed)?;
                    return self.catch(visit, failure, variables);
                }
                Err(other) => return Err(other),
            }
        }
    }

    /// One item's input to the processor: the item after `ItemSelector` (not checked
    /// against the payload limits: see [`checked_item`]).
    pub(super) fn select_item(
        &mut self,
        visit: &Visit,
        spec: &MapSpec,
        effective: &Value,
        index: usize,
        item: Cow<Value>,
        variables: &Variables,
    ) -> Result<Value, Failure> {
        let selected = match (&spec.item_selector, &spec.item_selector_query) {
            (_, Some(selector)) => {
                let mut context = visit.context();
                context.map_item = Some((index, &*item));
                let selected = self.query(selector, context.scope(effective, variables))?;
                self.note_value(super::data_flow::Stage::AfterArguments, &selected);
                selected
            }
            (Some(selector), None) => {
                let mut context = visit.context();
                context.map_item = Some((index, &*item));
                let scope = context.scope(effective, variables);
                selector.evaluate(&scope, &mut self.rng)?
            }
            (None, None) => item.into_owned(),
        };
        Ok(selected)
    }

    /// Runs every item inline; the outputs in item order, or the failure that ends the map.
    fn iterations(
        &mut self,
        visit: &Visit,
        spec: &MapSpec,
        effective: &Value,
        items: Cow<[Value]>,
        variables: &Variables,
        tolerance: &Tolerance,
    ) -> Result<Rc<Value>, Abort> {
        let state = visit.state;
        let outer = Rc::new(variables.clone());
        let total = items.len();
        let mut outputs = Results::new(total);
        let mut failed = 0;
        let mut paused = false;
        for (index, item) in items.iter().enumerate() {
            self.budget.start_iteration()?;
            let item = Cow::Borrowed(item);
            let item_input = self.select_item(visit, spec, effective, index, item, variables)?;
            let item_input = match selects(spec) {
                true => self.share_checked(item_input, &state.name)?,
                false => Rc::new(item_input),
            };
            self.emit(EventKind::MapIterationStarted {
                index,
                name: state.name.clone(),
            })?;
            let mut scope_vars = Variables::child_of(outer.clone());
            match self.run_machine(&spec.processor, item_input, &mut scope_vars) {
                Ok(out) => {
                    self.emit(EventKind::MapIterationSucceeded {
                        index,
                        name: state.name.clone(),
                    })?;
                    outputs.push(&out, self.checked_bound(&out), &state.name)?;
                }
                Err(Abort::Failure(f)) => {
                    self.emit(EventKind::MapIterationFailed {
                        index,
                        name: state.name.clone(),
                    })?;
                    failed += 1;
                    if !tolerance.configured() {
                        return Err(Abort::Failure(f));
                    }
                    if tolerance.exceeded(failed, total) {
                        return Err(Abort::Failure(Failure::new(
                            names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                            "The specified tolerated failure threshold was exceeded",
                        )));
                    }
                    outputs.push_value(super::catch::error_output(&f), &state.name)?;
                }
                // An iteration that waits for a task token lets the others run first.
                Err(Abort::Paused) => paused = true,
                Err(other) => return Err(other),
            }
        }
        if paused {
            return Err(Abort::Paused);
        }
        Ok(outputs.into_value())
    }
}

/// The items of a JSONPath Map: its ItemsPath applied to the effective input, which must
/// select an array (lent where the input holds it).
pub(super) fn json_path_items<'v>(
    spec: &MapSpec,
    scope: &Scope<'v>,
    effective: &'v Value,
) -> Result<Cow<'v, [Value]>, Failure> {
    let items = match &spec.items_path {
        None => Cow::Borrowed(effective),
        Some(p) => scope.with_input(effective).select(p)?.ok_or_else(|| {
            runtime(format!(
                "Invalid path '{}' : No results for path: {}",
                p.text(),
                p.bracket_notation()
            ))
        })?,
    };
    match items {
        Cow::Borrowed(Value::Array(items)) => Ok(Cow::Borrowed(items)),
        Cow::Owned(Value::Array(items)) => Ok(Cow::Owned(items)),
        other => Err(runtime(format!(
            "Items of the Map state must be a JSON array, but ItemsPath selected {}",
            compact(&other)
        ))),
    }
}

fn path_value(path: &Path, field: &str, scope: &Scope) -> Result<Value, Failure> {
    scope.select(path)?.map(|v| v.into_owned()).ok_or_else(|| {
        runtime(format!(
            "The {field} field refers to a value that does not exist: {}",
            path.text()
        ))
    })
}

/// Resolves a number field given by a path (`MaxConcurrencyPath` …); `integer` asks for
/// an integer.
fn path_number(path: &Path, field: &str, integer: bool, scope: &Scope) -> Result<f64, Failure> {
    let v = path_value(path, field, scope)?;
    let n = if integer {
        v.as_i64().map(|n| n as f64)
    } else {
        v.as_f64()
    };
    n.ok_or_else(|| {
        let kind = if integer { "integer" } else { "float" };
        runtime(format!(
            "The {field} field refers to value \"{}\" which is not a valid {kind}: {}",
            shown(&v),
            path.text()
        ))
    })
}

/// An item's input checked against the payload limits when `ItemSelector` made it (an item
/// alone is part of a checked payload).
pub(super) fn checked_item(spec: &MapSpec, state: &str, input: Value) -> Result<Value, Failure> {
    if selects(spec) {
        check_payload(&input, state)?;
    }
    Ok(input)
}

/// Whether the Map makes each item's input with `ItemSelector` (or a JSONata one).
fn selects(spec: &MapSpec) -> bool {
    spec.item_selector.is_some() || spec.item_selector_query.is_some()
}
