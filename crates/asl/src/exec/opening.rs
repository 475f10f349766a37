//! The opening every state shares: InputPath applied to the state's input, then (for the
//! states that have them) Parameters, each result noted in the data flow; a JSONata
//! state's Arguments instead.

use super::data::select;
use super::data_flow::Stage;
use super::run::Run;
use crate::definition::State;
use crate::failure::Failure;
use crate::scope::Scope;
use serde_json::Value;
use std::borrow::Cow;

impl Run<'_> {
    /// The state's effective input: its InputPath applied to the scope's input, noted as
    /// the `afterInputPath` stage.
    pub(super) fn apply_input_path<'v>(
        &mut self,
        state: &State,
        scope: &Scope<'v>,
    ) -> Result<Cow<'v, Value>, Failure> {
        if state.jsonata.is_some() {
            return Ok(Cow::Borrowed(scope.input));
        }
        let effective = select(&state.input_path, scope)?;
        self.flows.note(Stage::AfterInputPath, &effective);
        Ok(effective)
    }

    /// The state's Parameters evaluated over the effective input (noted as the
    /// `afterParameters` stage), or the effective input itself when it has none.
    pub(super) fn apply_parameters(
        &mut self,
        state: &State,
        scope: &Scope,
        effective: Cow<Value>,
    ) -> Result<Value, Failure> {
        if let Some(fields) = &state.jsonata {
            return self.apply_arguments(fields, *scope);
        }
        match &state.parameters {
            Some(p) => {
                let parameters = p.evaluate(&scope.with_input(&effective), &mut self.rng)?;
                self.flows.note(Stage::AfterParameters, &parameters);
                Ok(parameters)
            }
            None => Ok(effective.into_owned()),
        }
    }
}
