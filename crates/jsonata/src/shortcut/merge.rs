//! `$merge` of objects given by paths and literals:
//! `$merge([$states.input, {'kind': 'big'}])`.

use super::copy::{self, number};
use super::{function_name, plain, Path};
use crate::prepared::PreparedBindings;
use jlens_core::ast::{Node, NodeKind};
use serde_json::Value;
use std::collections::HashMap;

/// The most objects a `$merge` may have to be a shortcut.
const MAX_OBJECTS: usize = 16;

/// `$merge([…])` of these objects.
#[derive(Debug, Clone)]
pub(crate) struct Merge(Vec<Merged>);

/// An object given to `$merge`.
#[derive(Debug, Clone)]
enum Merged {
    /// A path to an object.
    Path(Path),
    /// An object literal: string keys, literal values.
    Literal(Vec<(String, Value)>),
}

/// The fields of an object being merged, in the order they were first set.
#[derive(Default)]
struct Fields<'v> {
    fields: Vec<(&'v str, &'v Value)>,
    positions: HashMap<&'v str, usize>,
}

impl Merge {
    /// The merge `node` is, when it calls `$merge` with an array constructor of objects of
    /// the kinds handled.
    pub(super) fn compile(node: &Node) -> Option<Merge> {
        let NodeKind::Function { procedure, args } = &node.kind else {
            return None;
        };
        match (function_name(procedure), args.as_slice()) {
            (Some("merge"), [list]) if plain(node) && plain(list) => match &list.kind {
                NodeKind::Array { items } if items.len() <= MAX_OBJECTS => items
                    .iter()
                    .map(Merged::compile)
                    .collect::<Option<Vec<Merged>>>()
                    .map(Merge),
                _ => None,
            },
            _ => None,
        }
    }

    /// The merged object, charged to `budget`; `None` when a path does not lead to an
    /// object.
    pub(super) fn evaluate(
        &self,
        bindings: &PreparedBindings,
        budget: &mut usize,
    ) -> Option<Value> {
        // A variable named `merge` takes the place of the function.
        if bindings.get("merge").is_some() {
            return None;
        }
        let mut merged = Fields::default();
        for object in &self.0 {
            object.add_to(bindings, &mut merged)?;
        }
        copy::object(merged.fields.into_iter(), budget)
    }
}

impl Merged {
    /// A path, or an object literal with string keys and literal values.
    fn compile(node: &Node) -> Option<Merged> {
        if !plain(node) {
            return None;
        }
        let NodeKind::Object { pairs } = &node.kind else {
            return Path::compile(node).map(Merged::Path);
        };
        pairs
            .iter()
            .map(|(key, value)| {
                if !plain(key) || !plain(value) {
                    return None;
                }
                let NodeKind::String { value: key } = &key.kind else {
                    return None;
                };
                let literal = match &value.kind {
                    NodeKind::String { value } => Value::String(value.clone()),
                    NodeKind::Number { value } => number(*value)?,
                    NodeKind::Bool { value } => Value::Bool(*value),
                    NodeKind::Null => Value::Null,
                    _ => return None,
                };
                Some((key.clone(), literal))
            })
            .collect::<Option<Vec<_>>>()
            .map(Merged::Literal)
    }

    /// Adds the object's fields to `merged`; `None` when a path does not lead to an object.
    fn add_to<'v>(&'v self, bindings: &'v PreparedBindings, merged: &mut Fields<'v>) -> Option<()> {
        match self {
            Merged::Path(path) => {
                for (key, value) in path.follow(bindings)?.as_object()? {
                    merged.set(key, value);
                }
            }
            Merged::Literal(fields) => {
                for (key, value) in fields {
                    merged.set(key, value);
                }
            }
        }
        Some(())
    }
}

impl<'v> Fields<'v> {
    /// Sets `key` to `value`, in the place of its earlier value if it has one.
    fn set(&mut self, key: &'v str, value: &'v Value) {
        match self.positions.get(key) {
            Some(&at) => self.fields[at].1 = value,
            None => {
                self.positions.insert(key, self.fields.len());
                self.fields.push((key, value));
            }
        }
    }
}
