//! The expressions simple enough to evaluate without the engine, straight from the JSON of
//! the prepared bindings: a path through objects from a variable (`$states.input.n`), an
//! arithmetic operation or a comparison between such paths and literals
//! (`$states.input.i + 1`, `$states.input.v > 500`, `$states.input.x = 'hi'`), strings
//! joined with `&` from literals, paths and `$string(path)` (`'item ' & $states.input.i`),
//! and `$merge` of objects given by paths and literals
//! (`$merge([$states.input, {'kind': 'big'}])`).
//!
//! A shortcut gives what the engine gives or nothing: whenever a value is not of the kind
//! it handles (an array on the way, a missing field, a string added, a result that is not
//! finite or too large, limits set low), it declines and the engine evaluates the
//! expression. Numbers come out as the engine writes them: integral values as integers,
//! others as the nearest double.

mod binary;
mod concat;
mod copy;
mod merge;
mod path;

use crate::prepared::PreparedBindings;
use crate::Options;
use binary::Binary;
use concat::Concat;
use jlens_core::ast::{BinaryOp, Node, NodeKind};
use merge::Merge;
use path::Path;
use serde_json::{Map, Value};

/// The least `max_steps` and `max_depth` a shortcut evaluates under: far more than a
/// shortcut's expression takes in the engine.
const MIN_LIMIT: u64 = 64;

/// An expression evaluated without the engine.
#[derive(Debug, Clone)]
pub(crate) enum Shortcut {
    /// A path: the value it leads to.
    Path(Path),
    /// An operation between two operands.
    Binary(Binary),
    /// Strings joined with `&`.
    Concat(Concat),
    /// `$merge([…])` of objects.
    Merge(Merge),
}

impl Shortcut {
    /// The shortcut for the expression whose syntax tree is rooted at `root`, if it is of a
    /// shape a shortcut evaluates.
    pub(crate) fn compile(root: &Node) -> Option<Shortcut> {
        match &root.kind {
            NodeKind::Binary {
                op: BinaryOp::Concat,
                ..
            } => Concat::compile(root).map(Shortcut::Concat),
            NodeKind::Binary { .. } => Binary::compile(root).map(Shortcut::Binary),
            NodeKind::Function { .. } => Merge::compile(root).map(Shortcut::Merge),
            _ => Path::compile(root).map(Shortcut::Path),
        }
    }

    /// The result, or `None` when the engine must decide.
    pub(crate) fn evaluate(&self, bindings: &PreparedBindings, options: &Options) -> Option<Value> {
        if options.max_steps < MIN_LIMIT || (options.max_depth as u64) < MIN_LIMIT {
            return None;
        }
        // What the engine charges its result against its size limit.
        let mut budget = options.max_string_length;
        match self {
            Shortcut::Path(path) => copy::within(path.follow(bindings)?, &mut budget),
            Shortcut::Binary(binary) => binary.evaluate(bindings, &mut budget),
            Shortcut::Concat(concat) => concat.evaluate(bindings, &mut budget),
            Shortcut::Merge(merge) => merge.evaluate(bindings, &mut budget),
        }
    }
}

/// Whether a node carries nothing but its kind: no predicate, stage, binding, grouping,
/// `[]` or annotation (all of which its JSON form would show).
fn plain(node: &Node) -> bool {
    node.annotation.is_none()
        && serde_json::to_value(&node.attrs)
            .ok()
            .and_then(|attrs| attrs.as_object().map(Map::is_empty))
            .unwrap_or(false)
}

/// The function `procedure` calls, when it names one (`$merge`) plainly.
fn function_name(procedure: &Node) -> Option<&str> {
    match &procedure.kind {
        NodeKind::Variable { name } if plain(procedure) => Some(name),
        _ => None,
    }
}
