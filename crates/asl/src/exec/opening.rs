//! The opening every state shares: InputPath applied to the state's input, then (for the
//! states that have them) Parameters, each result noted in the data flow; a JSONata
//! state's Arguments instead. A value passed on unchanged stays shared with the input.

use super::data::select;
use super::data_flow::Stage;
use super::run::Run;
use super::visit::Visit;
use crate::failure::Failure;
use crate::scope::Scope;
use serde_json::Value;
use std::borrow::Cow;
use std::rc::Rc;

impl Run<'_> {
    /// The state's effective input: its InputPath applied to the scope's input (the
    /// visit's), noted as the `afterInputPath` stage.
    pub(super) fn apply_input_path<'v>(
        &mut self,
        visit: &Visit,
        scope: &Scope<'v>,
    ) -> Result<Cow<'v, Value>, Failure> {
        if visit.state.jsonata.is_some() {
            return Ok(Cow::Borrowed(scope.input));
        }
        let effective = select(&visit.state.input_path, scope)?;
        match shared(visit, &effective) {
            Some(input) => self.note(Stage::AfterInputPath, &input),
            None => self.note_value(Stage::AfterInputPath, &effective),
        }
        Ok(effective)
    }

    /// The state's Parameters evaluated over the effective input (noted as the
    /// `afterParameters` stage), or the effective input itself when it has none.
    pub(super) fn apply_parameters(
        &mut self,
        visit: &Visit,
        scope: &Scope,
        effective: Cow<Value>,
    ) -> Result<Rc<Value>, Failure> {
        if let Some(fields) = &visit.state.jsonata {
            if fields.arguments.is_some() {
                return self.apply_arguments(fields, *scope);
            }
        }
        match &visit.state.parameters {
            Some(p) => {
                let parameters = p.evaluate(&scope.with_input(&effective), &mut self.rng)?;
                let parameters = self.share_checked(parameters, &visit.state.name)?;
                self.note(Stage::AfterParameters, &parameters);
                Ok(parameters)
            }
            None => {
                Ok(shared(visit, &effective).unwrap_or_else(|| Rc::new(effective.into_owned())))
            }
        }
    }
}

/// The visit's input, shared, when `value` is that input itself (borrowed, not a copy).
pub(super) fn shared(visit: &Visit, value: &Value) -> Option<Rc<Value>> {
    std::ptr::eq(value, visit.input.as_ref()).then(|| visit.input.clone())
}
