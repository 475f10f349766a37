//! Strings joined with `&` from literals, paths and `$string(path)`:
//! `'item ' & $states.input.i`.

use super::copy::{charge, EXACT_INTEGERS};
use super::{function_name, plain, Path};
use crate::prepared::PreparedBindings;
use jlens_core::ast::{BinaryOp, Node, NodeKind};
use serde_json::Value;

/// The most pieces a string joined with `&` may have to be a shortcut.
const MAX_PIECES: usize = 16;

/// Pieces joined with `&`.
#[derive(Debug, Clone)]
pub(crate) struct Concat {
    pieces: Vec<Piece>,
    /// Whether a piece is `$string(path)`.
    calls_string: bool,
}

/// A piece of a string joined with `&`.
#[derive(Debug, Clone)]
enum Piece {
    /// A string literal.
    Literal(String),
    /// A path (alone or as the argument of `$string`) to a string or an integer.
    Path(Path),
}

impl Concat {
    /// The pieces `node`, a `&`, joins, when they are all of the kinds handled.
    pub(super) fn compile(node: &Node) -> Option<Concat> {
        let mut concat = Concat {
            pieces: Vec::new(),
            calls_string: false,
        };
        concat.add(node)?;
        Some(concat)
    }

    /// Adds the pieces of `node`: a `&` of pieces, a string literal, a path or
    /// `$string(path)`.
    fn add(&mut self, node: &Node) -> Option<()> {
        if !plain(node) || self.pieces.len() >= MAX_PIECES {
            return None;
        }
        let piece = match &node.kind {
            NodeKind::Binary {
                op: BinaryOp::Concat,
                lhs,
                rhs,
            } => {
                self.add(lhs)?;
                return self.add(rhs);
            }
            NodeKind::String { value } => Piece::Literal(value.clone()),
            NodeKind::Function { procedure, args } => match args.as_slice() {
                [arg] if function_name(procedure) == Some("string") => {
                    self.calls_string = true;
                    Piece::Path(Path::compile(arg)?)
                }
                _ => return None,
            },
            _ => Piece::Path(Path::compile(node)?),
        };
        self.pieces.push(piece);
        Some(())
    }

    /// The joined string, charged to `budget`; `None` when a piece is not of the kinds
    /// handled.
    pub(super) fn evaluate(
        &self,
        bindings: &PreparedBindings,
        budget: &mut usize,
    ) -> Option<Value> {
        // A variable named `string` takes the place of the function.
        if self.calls_string && bindings.get("string").is_some() {
            return None;
        }
        let mut joined = String::new();
        for piece in &self.pieces {
            piece.write(bindings, &mut joined)?;
        }
        charge(budget, joined.len() + 2)?;
        Some(Value::String(joined))
    }
}

impl Piece {
    /// Writes the piece as `&` and `$string` write it: a string as it is, an exact integer
    /// by its digits; `None` for anything else.
    fn write(&self, bindings: &PreparedBindings, out: &mut String) -> Option<()> {
        match self {
            Piece::Literal(text) => out.push_str(text),
            Piece::Path(path) => match path.follow(bindings)? {
                Value::String(text) => out.push_str(text),
                Value::Number(n) => {
                    let n = n.as_f64()?;
                    if n.fract() != 0.0 || n.abs() >= EXACT_INTEGERS {
                        return None;
                    }
                    out.push_str(&(n as i64).to_string());
                }
                _ => return None,
            },
        }
        Some(())
    }
}
