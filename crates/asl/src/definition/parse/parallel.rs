//! The Parallel state's own field: its branches, each a machine of its own.

use super::{Parser, Scope};
use crate::definition::Kind;
use crate::diagnostic::Code;
use jsonloc::pointer_push;
use serde_json::{Map, Value};

impl Parser {
    pub(super) fn parallel(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<Kind> {
        let at = pointer_push(pointer, "Branches");
        let branches = self.non_empty_array(
            obj,
            "Branches",
            pointer,
            Code::MissingField,
            "a Parallel state needs 'Branches', a non-empty array",
        )?;
        let mut out = Vec::with_capacity(branches.len());
        for (i, b) in branches.iter().enumerate() {
            let branch_at = format!("{at}/{i}");
            let compiled = self
                .object(b, &branch_at, "a branch")
                .and_then(|o| self.machine(o, &branch_at, Scope::Branch));
            out.push(compiled);
        }
        Some(Kind::Parallel {
            branches: out.into_iter().collect::<Option<_>>()?,
        })
    }
}
