//! Paths through objects from a variable: `$states.input.n`.

use super::plain;
use crate::prepared::{Bound, PreparedBindings};
use jlens_core::ast::{Node, NodeKind};
use serde_json::Value;

/// The most fields a path may have to be a shortcut, so that the engine would take few
/// steps for it.
const MAX_FIELDS: usize = 16;

/// `$variable.field.field…`, through objects only.
#[derive(Debug, Clone)]
pub(crate) struct Path {
    variable: String,
    fields: Vec<String>,
}

impl Path {
    /// A variable alone or followed by field names, each without any modifier.
    pub(super) fn compile(node: &Node) -> Option<Path> {
        let variable = |node: &Node| match &node.kind {
            NodeKind::Variable { name } if !name.is_empty() && name != "$" && plain(node) => {
                Some(name.clone())
            }
            _ => None,
        };
        match &node.kind {
            NodeKind::Variable { .. } => Some(Path {
                variable: variable(node)?,
                fields: Vec::new(),
            }),
            NodeKind::Path {
                steps,
                keep_singleton_array: false,
            } if plain(node) && (2..=MAX_FIELDS + 1).contains(&steps.len()) => {
                let (first, rest) = steps.split_first()?;
                let fields = rest
                    .iter()
                    .map(|step| match &step.kind {
                        NodeKind::Name { name } if plain(step) => Some(name.clone()),
                        _ => None,
                    })
                    .collect::<Option<Vec<String>>>()?;
                Some(Path {
                    variable: variable(first)?,
                    fields,
                })
            }
            _ => None,
        }
    }

    /// The value the path leads to, when every step before the last is an object that has
    /// the field.
    pub(super) fn follow<'v>(&self, bindings: &'v PreparedBindings) -> Option<&'v Value> {
        let mut fields = self.fields.iter();
        let mut value = match bindings.get(&self.variable)? {
            Bound::Value(value) => *value,
            Bound::Object(members) => {
                let first = fields.next()?;
                members.iter().find(|(key, _)| key == first)?.1
            }
        };
        for field in fields {
            value = value.as_object()?.get(field)?;
        }
        Some(value)
    }
}
