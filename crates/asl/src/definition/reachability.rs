//! Graph checks over a machine's states: every state reachable from `StartAt`, and at
//! least one state that ends the machine.

use super::{Kind, Machine, Transition};
use crate::diagnostic::{Code, Diagnostic};
use jsonloc::pointer_push;

/// The states a state can hand over to.
pub fn successors(machine: &Machine, index: usize) -> Vec<usize> {
    let state = &machine.states[index];
    let mut out: Vec<usize> = state.catch.iter().map(|c| c.next).collect();
    if let Transition::Next(n) = state.transition {
        out.push(n);
    }
    if let Kind::Choice { choices, default } = &state.kind {
        out.extend(choices.iter().map(|c| c.next));
        out.extend(default.iter().copied());
    }
    out
}

/// Reports unreachable states and a machine with no terminal state.
pub fn check_reachability(machine: &Machine, states_pointer: &str) -> Vec<Diagnostic> {
    let mut seen = vec![false; machine.states.len()];
    let mut stack = vec![machine.start_at];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(successors(machine, i).into_iter().filter(|n| !seen[*n]));
    }
    let mut out: Vec<Diagnostic> = machine
        .states
        .iter()
        .zip(&seen)
        .filter(|(_, reached)| !**reached)
        .map(|(s, _)| {
            Diagnostic::new(
                Code::UnreachableState,
                pointer_push(states_pointer, &s.name),
                format!("state '{}' cannot be reached from 'StartAt'", s.name),
            )
        })
        .collect();
    let terminal = machine.states.iter().any(|s| {
        s.transition == Transition::End || matches!(s.kind, Kind::Succeed | Kind::Fail { .. })
    });
    if !terminal {
        out.push(Diagnostic::new(
            Code::MissingEndState,
            states_pointer,
            "no state ends the machine: add 'End': true, a Succeed or a Fail state",
        ));
    }
    out
}
