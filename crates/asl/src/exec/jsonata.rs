//! States in the JSONata query language: `Arguments` (noted as `afterArguments`), the tail
//! (`Assign` and `Output`, both over `$states.input` and `$states.result` and the variables
//! as they were before the state), Choice `Condition`s, Wait's `Seconds`/`Timestamp`, Map's
//! `Items` and the catcher's `Output`/`Assign` over `$states.errorOutput`.

use super::catch::{assignments, error_output};
use super::data_flow::Stage;
use super::run::{step, Abort, Run, Step};
use super::states::no_choice_matched;
use super::visit::Visit;
use crate::definition::{Catcher, JsonataFields, Kind, Test};
use crate::failure::Failure;
use crate::history::{EvaluationFailed, EventKind};
use crate::query::{query_error, Env, Query, QueryFailure};
use crate::scope::{Scope, Variables};
use crate::size::check_payload;
use crate::template::compact;
use serde_json::Value;
use std::rc::Rc;
use timestamp::parse_millis;

/// The variables an `Assign` sets, by name.
type Assigned = Vec<(String, Value)>;

/// The fields that end a JSONata state, rule or catcher: its `Output` and `Assign`.
#[derive(Clone, Copy)]
struct Tail<'q> {
    output: Option<&'q Query>,
    assign: Option<&'q Query>,
}

impl<'q> Tail<'q> {
    /// The `Output` and `Assign` of `fields`.
    fn of(fields: &'q JsonataFields) -> Self {
        Tail {
            output: fields.output.as_ref(),
            assign: fields.assign.as_ref(),
        }
    }
}

/// The largest number of seconds a Wait or a timeout may take.
const MAX_SECONDS: u64 = 99_999_999;

impl Run<'_> {
    /// Evaluates `query` over `scope` at the current virtual time.
    pub(super) fn query(&mut self, query: &Query, scope: Scope) -> Result<Value, Failure> {
        self.query_in(query, &Env::new(scope, self.clock))
    }

    /// Evaluates `query` in `env`.
    fn query_in(&mut self, query: &Query, env: &Env) -> Result<Value, Failure> {
        query
            .evaluate(env, &mut self.rng)
            .map_err(|e| self.evaluation_failed(e))
    }

    /// Records AWS's EvaluationFailed event for a failed JSONata field and gives the
    /// failure, its cause prefixed with the state as AWS prefixes it (a field over the
    /// payload limit is the state's States.DataLimitExceeded, as it is).
    pub(super) fn evaluation_failed(&mut self, e: QueryFailure) -> Failure {
        let QueryFailure {
            mut failure,
            location,
        } = e;
        if failure.error == crate::failure::names::DATA_LIMIT_EXCEEDED {
            return failure;
        }
        if let Some((state, entered_id)) = self.visiting.clone() {
            failure.cause = format!(
                "An error occurred while executing the state '{state}' (entered at the event id #{entered_id}). {}",
                failure.cause
            );
            let event = EventKind::EvaluationFailed(Box::new(EvaluationFailed {
                state,
                error: failure.error.clone(),
                cause: failure.cause.clone(),
                location: location.map(|l| l.to_string()),
            }));
            // A full history fails the execution at its next event anyway.
            let _ = self.emit(event);
        }
        failure
    }

    /// A JSONata state's `Arguments` over its input (noted as `afterArguments`), or a copy
    /// of the input when it has none.
    pub(super) fn apply_arguments(
        &mut self,
        fields: &JsonataFields,
        scope: Scope,
    ) -> Result<Rc<Value>, Failure> {
        match &fields.arguments {
            Some(arguments) => {
                let value = self.query(arguments, scope)?;
                check_payload(&value, scope.context.state_name)?;
                let value = Rc::new(value);
                self.note(Stage::AfterArguments, &value);
                Ok(value)
            }
            None => Ok(Rc::new(scope.input.clone())),
        }
    }

    /// A number field (`TimeoutSeconds`, `MaxConcurrency` …) given as an expression.
    pub(super) fn query_number(
        &mut self,
        query: &Query,
        field: &str,
        integer: bool,
        scope: Scope,
    ) -> Result<f64, Failure> {
        let value = self.query(query, scope)?;
        let n = value
            .as_f64()
            .filter(|n| !integer || n.fract() == 0.0)
            .filter(|_| value.is_number());
        match n {
            Some(n) => Ok(n),
            None => {
                let kind = if integer { "integer" } else { "number" };
                Err(self.evaluation_failed(query.type_error(field, kind, &value)))
            }
        }
    }

    /// The tail of a JSONata state with `result`: Assign and Output evaluated over the same
    /// variables, the size limit, the exited event, the assignments.
    pub(super) fn finish_jsonata(
        &mut self,
        visit: &Visit,
        fields: &JsonataFields,
        result: Rc<Value>,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let state = visit.state;
        self.note(Stage::Result, &result);
        let (out, assigned) = {
            let context = visit.context();
            let mut env = Env::new(context.scope(&visit.input, variables), self.clock);
            env.result = Some(&result);
            self.outputs(Tail::of(fields), &env, &result)?
        };
        self.check_output(&out, &state.name)?;
        self.exit_state(state, out.clone(), assigned, variables)?;
        Ok(step(state.transition, out))
    }

    /// `Assign` and `Output` in `env` (the output is `default`, shared, without an
    /// `Output`), each noted in the data flow.
    fn outputs(
        &mut self,
        tail: Tail,
        env: &Env,
        default: &Rc<Value>,
    ) -> Result<(Rc<Value>, Option<Assigned>), Failure> {
        let state = env.scope.context.state_name;
        let assigned = match tail.assign {
            Some(assign) => {
                let value = self.query_in(assign, env)?;
                check_payload(&value, state)?;
                self.note_value(Stage::Variables, &value);
                Some(assignments(value))
            }
            None => None,
        };
        let out = match tail.output {
            Some(output) => Rc::new(self.query_in(output, env)?),
            None => default.clone(),
        };
        self.note(Stage::Output, &out);
        Ok((out, assigned))
    }

    /// A JSONata Choice state: the first rule whose `Condition` is true; its `Output`
    /// replaces the state's, its `Assign` adds to the state's (as in JSONPath Choice
    /// states); the state's alone for `Default`.
    pub(super) fn jsonata_choice(
        &mut self,
        visit: &Visit,
        fields: &JsonataFields,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let state = visit.state;
        let Kind::Choice { choices, default } = &state.kind else {
            return Err(Abort::Failure(super::data::runtime("not a Choice state")));
        };
        let context = visit.context();
        let scope = context.scope(&visit.input, variables);
        let mut chosen = None;
        for rule in choices {
            let Test::Expression(condition) = &rule.condition else {
                continue;
            };
            match self.query(condition, scope)? {
                Value::Bool(true) => {
                    chosen = Some((rule.next, rule.jsonata.as_deref()));
                    break;
                }
                Value::Bool(false) => {}
                other => {
                    let e = condition.type_error("Condition", "boolean", &other);
                    return Err(Abort::Failure(self.evaluation_failed(e)));
                }
            }
        }
        let (next, rule_fields) = match (chosen, default) {
            (Some(c), _) => c,
            (None, Some(d)) => (*d, None),
            (None, None) => return Err(Abort::Failure(no_choice_matched(state, &visit.input))),
        };
        let env = Env::new(scope, self.clock);
        let state_level = Tail {
            output: rule_fields
                .and_then(|rule| rule.output.as_ref())
                .or(fields.output.as_ref()),
            assign: fields.assign.as_ref(),
        };
        let (out, mut assigned) = self.outputs(state_level, &env, &visit.input)?;
        if let Some(rule_assign) = rule_fields.and_then(|rule| rule.assign.as_ref()) {
            let value = self.query_in(rule_assign, &env)?;
            check_payload(&value, &state.name)?;
            assigned
                .get_or_insert_with(Vec::new)
                .extend(assignments(value));
        }
        self.check_output(&out, &state.name)?;
        self.exit_state(state, out.clone(), assigned, variables)?;
        Ok(Step::Next(next, out))
    }

    /// When a JSONata Wait state's `Seconds` or `Timestamp` expression says to wait until.
    pub(super) fn query_wait_until(
        &mut self,
        query: &Query,
        seconds: bool,
        scope: Scope,
    ) -> Result<i64, Failure> {
        if seconds {
            let n = self.query_number(query, "Seconds", true, scope)?;
            if !(0.0..=MAX_SECONDS as f64).contains(&n) {
                return Err(self.evaluation_failed(query_error(format!(
                    "The JSONata expression '{}' specified for the field 'Seconds' returned an invalid value: {n} (it must be an integer from 0 to {MAX_SECONDS})",
                    query.expression().unwrap_or_default()
                ))));
            }
            return Ok(self.clock.saturating_add(n as i64 * 1000));
        }
        let value = self.query(query, scope)?;
        let e = match value.as_str().and_then(parse_millis) {
            Some(t) => return Ok(t),
            None if value.is_string() => query_error(format!(
                "The JSONata expression '{}' specified for the field 'Timestamp' returned an invalid timestamp: {} (it must be an ISO-8601 extended offset date-time such as 2016-03-14T01:59:00Z)",
                query.expression().unwrap_or_default(),
                compact(&value)
            )),
            None => query.type_error("Timestamp", "string", &value),
        };
        Err(self.evaluation_failed(e))
    }

    /// The items of a JSONata Map state: `Items` (an array or an expression returning
    /// one), else the state's input, which must then be an array.
    pub(super) fn query_items(
        &mut self,
        items: Option<&Query>,
        scope: Scope,
    ) -> Result<Vec<Value>, Failure> {
        let e = match items {
            Some(query) => match self.query(query, scope)? {
                Value::Array(items) => return Ok(items),
                other => query.type_error("Items", "array", &other),
            },
            None => match scope.input {
                Value::Array(items) => return Ok(items.clone()),
                other => query_error(format!(
                    "Map state input must be an array but was: {}",
                    compact(other)
                )),
            },
        };
        Err(self.evaluation_failed(e))
    }

    /// A JSONata catcher: its `Output` (else the error output) and `Assign` over
    /// `$states.errorOutput`.
    pub(super) fn jsonata_catch(
        &mut self,
        visit: &Visit,
        catcher: &Catcher,
        fields: &JsonataFields,
        failure: &Failure,
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        let error = Rc::new(error_output(failure));
        let (out, assigned) = {
            let context = visit.context();
            let mut env = Env::new(context.scope(&visit.input, variables), self.clock);
            env.error_output = Some(&error);
            self.outputs(Tail::of(fields), &env, &error)?
        };
        self.check_output(&out, &visit.state.name)?;
        self.exit_state(visit.state, out.clone(), assigned, variables)?;
        Ok(Step::Next(catcher.next, out))
    }

    /// A JSONata Fail state's `Error` or `Cause` expression: it must return a string.
    pub(super) fn query_text(
        &mut self,
        query: &Query,
        field: &str,
        scope: Scope,
    ) -> Result<String, Failure> {
        match self.query(query, scope)? {
            Value::String(s) => Ok(s),
            other => Err(self.evaluation_failed(query.type_error(field, "string", &other))),
        }
    }

    /// A JSONata Task's `Credentials`: an object whose `RoleArn` is a string.
    pub(super) fn query_role(&mut self, query: &Query, scope: Scope) -> Result<String, Failure> {
        let creds = self.query(query, scope)?;
        match creds.get("RoleArn") {
            Some(Value::String(arn)) => Ok(arn.clone()),
            _ => {
                let e = query.type_error("Credentials", "object with a RoleArn string", &creds);
                Err(self.evaluation_failed(e))
            }
        }
    }
}
