//! The Parallel state: every branch on the same input, their outputs in an array. Branches
//! run one after the other (AWS interleaves their events in no fixed order); the first
//! failure stops the state. A branch that waits for a task token does not stop the others:
//! once they are done, the state fails if one failed, and otherwise waits too.

use super::catch::Retries;
use super::results::Results;
use super::run::{Abort, Run, Step};
use super::visit::Visit;
use crate::definition::Machine;
use crate::history::EventKind;
use crate::scope::Variables;
use std::rc::Rc;

impl Run<'_> {
    pub(super) fn parallel(
        &mut self,
        visit: &Visit,
        branches: &[Machine],
        variables: &mut Variables,
    ) -> Result<Step, Abort> {
        if self.test.is_some() {
            return self.test_parallel(visit, variables);
        }
        let state = visit.state;
        let mut retries = Retries::new(&state.retry);
        loop {
            let branch_input = {
                let mut context = visit.context();
                context.retry_count = Some(retries.count);
                let scope = context.scope(&visit.input, variables);
                let effective = self.apply_input_path(visit, &scope)?;
                self.apply_parameters(visit, &scope, effective)?
            };
            self.emit(EventKind::ParallelStateStarted)?;
            let outer = Rc::new(variables.clone());
            let mut outputs = Results::new(branches.len());
            let mut failed = None;
            let mut paused = false;
            for branch in branches {
                let mut scope_vars = Variables::child_of(outer.clone());
                match self.run_machine(branch, branch_input.clone(), &mut scope_vars) {
                    Ok(out) => outputs.push(&out, self.checked_bound(&out), &state.name)?,
                    Err(Abort::Failure(f)) => {
                        failed = Some(f);
                        break;
                    }
                    Err(Abort::Paused) => paused = true,
                    Err(other) => return Err(other),
                }
            }
            match failed {
                None if paused => return Err(Abort::Paused),
                // AWS records no ParallelStateSucceeded: the state goes straight to exited.
                None => {
                    return self.finish_state(visit, outputs.into_value(), variables);
                }
                Some(failure) => {
                    if let Some(delay) = retries.next_delay(&state.retry, &failure, &mut self.rng) {
                        self.advance(delay)?;
                        continue;
                    }
                    self.emit(EventKind::ParallelStateFailed)?;
                    return self.catch(visit, failure, variables);
                }
            }
        }
    }
}
