//! Running one state: the entered event, the type's own work, and the shared tail
//! (ResultSelector, Assign, ResultPath, OutputPath, exited event). Pass, Choice, Wait,
//! Succeed and Fail live here; Task, Parallel and Map have modules of their own.

use super::catch::assignments;
use super::data::{locate_runtime_error, output, place_result, runtime, select};
use super::data_flow::Stage;
use super::opening::shared;
use super::run::{step, Abort, Run, Step};
use super::visit::Visit;
use crate::definition::{DataPath, Kind, State, Test, Text, WaitSpec};
use crate::failure::{names, Failure};
use crate::history::EventKind;
use crate::scope::{Scope, Variables};
use crate::size::check_payload;
use crate::template::{compact, evaluate_intrinsic, shown, Template};
use serde_json::Value;
use std::rc::Rc;
use timestamp::parse_millis;

impl Run<'_> {
    /// Runs one state on `input`.
    pub fn run_state(
        &mut self,
        state: &State,
        input: Rc<Value>,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let entered_id = self.emit(EventKind::StateEntered {
            state_type: state.kind.state_type(),
            name: state.name.clone(),
            input: input.clone(),
        })?;
        self.flows.begin(&state.name, entered_id, &input);
        let outer = self.visiting.replace((state.name.clone(), entered_id));
        let visit = Visit::new(state, input, self.clock, self.info.clone());
        let result = match &state.kind {
            Kind::Pass { result } => self.pass(&visit, result.as_ref(), variables),
            Kind::Choice { .. } => self.choice(&visit, variables),
            Kind::Wait(spec) => self.wait(&visit, spec, variables),
            Kind::Succeed => self.succeed(&visit, variables),
            Kind::Fail { error, cause } => {
                Err(Abort::Failure(self.fail(&visit, error, cause, variables)))
            }
            Kind::Task(spec) => self.task(&visit, spec, variables),
            Kind::Parallel { branches } => self.parallel(&visit, branches, variables),
            Kind::Map(spec) => self.map(&visit, spec, variables),
        };
        self.flows.end();
        self.visiting = outer;
        result.map_err(|e| match e {
            Abort::Failure(f) => Abort::Failure(locate_runtime_error(f, state, entered_id)),
            other => other,
        })
    }

    /// The tail shared by states that produce a result: ResultSelector, Assign,
    /// ResultPath, OutputPath, the size limit and the exited event.
    pub(super) fn finish_state(
        &mut self,
        visit: &Visit,
        result: Rc<Value>,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        if let Some(fields) = &visit.state.jsonata {
            return self.finish_jsonata(visit, fields, result, variables);
        }
        let (state, raw_input) = (visit.state, &visit.input);
        let context = visit.context();
        self.note(Stage::Result, &result);
        let result = match &state.result_selector {
            Some(selector) => {
                let selected =
                    selector.evaluate(&context.scope(&result, variables), &mut self.rng)?;
                let selected = Rc::new(selected);
                self.note(Stage::AfterResultSelector, &selected);
                selected
            }
            None => result,
        };
        let assigned =
            self.evaluate_assign(state.assign.as_ref(), &context.scope(&result, variables))?;
        let placed = place_result(&state.result_path, raw_input, result)?;
        self.note(Stage::AfterResultPath, &placed);
        let out = output(
            &state.output_path,
            placed,
            &context.scope(raw_input, variables),
        )?;
        self.note(Stage::Output, &out);
        self.check_output(&out, &state.name)?;
        self.exit_state(state, out.clone(), assigned, variables)?;
        Ok(step(state.transition, out))
    }

    /// The variables `Assign` sets, evaluated in `scope` (none when there is no Assign).
    #[inline(always)]
    pub fn evaluate_assign(
        &mut self,
        assign: Option<&Template>,
        scope: &Scope,
    ) -> Result<Option<Vec<(String, Value)>>, Failure> {
        // Most states assign nothing: that answer needs no call.
        match assign {
            Some(t) => self.assign(t, scope).map(Some),
            None => Ok(None),
        }
    }

    /// The variables the `Assign` template `t` sets, evaluated in `scope`.
    fn assign(&mut self, t: &Template, scope: &Scope) -> Result<Vec<(String, Value)>, Failure> {
        let assigned = t.evaluate(scope, &mut self.rng)?;
        check_payload(&assigned, scope.context.state_name)?;
        Ok(assignments(assigned))
    }

    fn pass(
        &mut self,
        visit: &Visit,
        fixed: Option<&Rc<Value>>,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let context = visit.context();
        let scope = context.scope(&visit.input, variables);
        let effective = self.apply_input_path(visit, &scope)?;
        let result = match fixed {
            Some(v) => v.clone(),
            None => self.apply_parameters(visit, &scope, effective)?,
        };
        self.finish_state(visit, result, variables)
    }

    fn choice(&mut self, visit: &Visit, variables: &mut Variables) -> Result<Step, Abort> {
        let (state, input) = (visit.state, &visit.input);
        if let Some(fields) = &state.jsonata {
            return self.jsonata_choice(visit, fields, variables);
        }
        let Kind::Choice { choices, default } = &state.kind else {
            return Err(Abort::Failure(runtime("not a Choice state")));
        };
        let context = visit.context();
        let scope = context.scope(input, variables);
        let effective = self.apply_input_path(visit, &scope)?;
        let scope = scope.with_input(&effective);
        let mut chosen = None;
        for rule in choices {
            let Test::Rule(condition) = &rule.condition else {
                continue;
            };
            if condition.evaluate(&scope)? {
                chosen = Some((rule.next, rule.assign.as_ref()));
                break;
            }
        }
        let (next, rule_assign) = match (chosen, default) {
            (Some(c), _) => c,
            (None, Some(d)) => (*d, None),
            (None, None) => return Err(Abort::Failure(no_choice_matched(state, &effective))),
        };
        let mut assigned = self.evaluate_assign(state.assign.as_ref(), &scope)?;
        if let Some(extra) = self.evaluate_assign(rule_assign, &scope)? {
            assigned.get_or_insert_with(Vec::new).extend(extra);
        }
        let out = match state.input_path {
            DataPath::Whole => input.clone(),
            _ => Rc::new(effective.into_owned()),
        };
        let out = output(&state.output_path, out, &context.scope(input, variables))?;
        self.note(Stage::Output, &out);
        self.exit_state(state, out.clone(), assigned, variables)?;
        Ok(Step::Next(next, out))
    }

    fn wait(
        &mut self,
        visit: &Visit,
        spec: &WaitSpec,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let (state, input) = (visit.state, &visit.input);
        let context = visit.context();
        let scope = context.scope(input, variables);
        let effective = self.apply_input_path(visit, &scope)?;
        let scope = scope.with_input(&effective);
        let until = match spec {
            WaitSpec::Seconds(s) => self.clock.saturating_add((*s as i64).saturating_mul(1000)),
            WaitSpec::Timestamp(t) => *t,
            WaitSpec::SecondsQuery(q) => self.query_wait_until(q, true, scope)?,
            WaitSpec::TimestampQuery(q) => self.query_wait_until(q, false, scope)?,
            WaitSpec::SecondsPath(p) => {
                let value = scope.select(p)?.ok_or_else(|| {
                    runtime(format!(
                        "The SecondsPath parameter does not reference an input value: {}",
                        p.text()
                    ))
                })?;
                let seconds = value.as_i64().ok_or_else(|| {
                    runtime(format!(
                        "The SecondsPath parameter cannot be parsed as a long value: {} == {}",
                        p.text(),
                        shown(&value)
                    ))
                })?;
                if seconds < 0 {
                    return Err(Abort::Failure(runtime(format!(
                        "The SecondsPath parameter references a negative value: {} == {seconds}",
                        p.text()
                    ))));
                }
                self.clock.saturating_add(seconds.saturating_mul(1000))
            }
            WaitSpec::TimestampPath(p) => {
                let value = scope.select(p)?.ok_or_else(|| {
                    runtime(format!(
                        "The TimestampPath parameter does not reference an input value: {}",
                        p.text()
                    ))
                })?;
                value.as_str().and_then(parse_millis).ok_or_else(|| {
                    runtime(format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}",
                        p.text(),
                        shown(&value)
                    ))
                })?
            }
        };
        let wait = until.saturating_sub(self.clock);
        if state.jsonata.is_some() {
            self.advance(wait)?;
            return self.finish_state(visit, input.clone(), variables);
        }
        let assigned = self.evaluate_assign(state.assign.as_ref(), &scope)?;
        self.advance(wait)?;
        let effective =
            shared(visit, &effective).unwrap_or_else(|| Rc::new(effective.into_owned()));
        let out = output(
            &state.output_path,
            effective,
            &context.scope(input, variables),
        )?;
        self.exit_state(state, out.clone(), assigned, variables)?;
        Ok(step(state.transition, out))
    }

    fn succeed(&mut self, visit: &Visit, variables: &mut Variables) -> Result<Step, Abort> {
        let (state, input) = (visit.state, &visit.input);
        if state.jsonata.is_some() {
            return match self.finish_state(visit, input.clone(), variables)? {
                Step::Next(_, out) | Step::End(out) => Ok(Step::End(out)),
            };
        }
        let context = visit.context();
        let scope = context.scope(input, variables);
        let effective = match state.input_path {
            DataPath::Whole => input.clone(),
            _ => Rc::new(select(&state.input_path, &scope)?.into_owned()),
        };
        let out = output(&state.output_path, effective, &scope)?;
        self.exit_state(state, out.clone(), None, variables)?;
        Ok(Step::End(out))
    }

    fn fail(
        &mut self,
        visit: &Visit,
        error: &Text,
        cause: &Text,
        variables: &Variables,
    ) -> Failure {
        let context = visit.context();
        let scope = context.scope(&visit.input, variables);
        let mut resolve = |text: &Text, field: &str| -> Result<String, Failure> {
            let value = match text {
                Text::None => return Ok(String::new()),
                Text::Literal(s) => return Ok(s.clone()),
                Text::Path(p) => scope.select(p)?.map(|v| v.into_owned()).ok_or_else(|| {
                    runtime(format!(
                        "Invalid path '{}' : No results for path: {}",
                        p.text(),
                        p.bracket_notation()
                    ))
                })?,
                Text::Intrinsic(call) => evaluate_intrinsic(call, &scope, &mut self.rng)?,
                Text::Query(q) => {
                    return self.query_text(q, field, scope);
                }
            };
            match value {
                Value::String(s) => Ok(s),
                other => Err(runtime(format!(
                    "The {field}Path field must reference a string value, but it referenced {}",
                    compact(&other)
                ))),
            }
        };
        let resolved = resolve(error, "Error").and_then(|e| Ok((e, resolve(cause, "Cause")?)));
        match resolved {
            Ok((error, cause)) => Failure { error, cause },
            Err(f) => f,
        }
    }
}

/// `States.NoChoiceMatched`: no rule matched and there is no Default.
pub(super) fn no_choice_matched(state: &State, input: &Value) -> Failure {
    Failure::new(
        names::NO_CHOICE_MATCHED,
        format!(
            "No Choice Rule matched and no Default is specified in state '{}' for the input {}",
            state.name,
            compact(input)
        ),
    )
}
