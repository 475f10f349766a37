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

use crate::prepared::{Bound, PreparedBindings};
use crate::Options;
use jlens_core::ast::{Attrs, BinaryOp, Node, NodeKind};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The most fields a path may have to be a shortcut, so that the engine would take few
/// steps for it.
const MAX_FIELDS: usize = 16;

/// The least `max_steps` and `max_depth` a shortcut evaluates under: far more than a
/// shortcut's expression takes in the engine.
const MIN_LIMIT: u64 = 64;

/// The deepest a result is copied; deeper, the engine decides (it refuses a result nested
/// a thousand levels deep).
const MAX_NESTING: usize = 256;

/// The most pieces a string joined with `&` may have to be a shortcut.
const MAX_PIECES: usize = 16;

/// Integers below this magnitude (2^53) are exact as doubles, and written by the engine
/// (as JSON numbers, and by `$string`) by their decimal digits.
const EXACT_INTEGERS: f64 = 9.007_199_254_740_992e15;

/// An expression evaluated without the engine.
#[derive(Debug, Clone)]
pub(crate) enum Shortcut {
    /// A path: the value it leads to.
    Path(Path),
    /// An operation between two operands.
    Binary(Operator, Operand, Operand),
    /// Strings joined with `&`; `calls_string` when a piece is `$string(path)`.
    Concat {
        pieces: Vec<Piece>,
        calls_string: bool,
    },
    /// `$merge([…])` of objects.
    Merge(Vec<Merged>),
}

/// An object given to `$merge`.
#[derive(Debug, Clone)]
pub(crate) enum Merged {
    /// A path to an object.
    Path(Path),
    /// An object literal: string keys, literal values.
    Literal(Vec<(String, Value)>),
}

/// A piece of a string joined with `&`.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// A string literal.
    Literal(String),
    /// A path (alone or as the argument of `$string`) to a string or an integer.
    Path(Path),
}

/// `$variable.field.field…`, through objects only.
#[derive(Debug, Clone)]
pub(crate) struct Path {
    variable: String,
    fields: Vec<String>,
}

/// An operand of a [`Shortcut::Binary`].
#[derive(Debug, Clone)]
pub(crate) enum Operand {
    Path(Path),
    Number(f64),
    String(String),
}

/// The operators a shortcut evaluates: arithmetic and comparisons of numbers, and equality
/// of strings.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Operator {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A scalar operand's value.
enum Scalar<'v> {
    Number(f64),
    String(&'v str),
}

impl Shortcut {
    /// The shortcut for the expression whose syntax tree is rooted at `root`, if it is of a
    /// shape a shortcut evaluates.
    pub(crate) fn compile(root: &Node) -> Option<Shortcut> {
        if !plain(root) {
            return None;
        }
        match &root.kind {
            NodeKind::Binary {
                op: BinaryOp::Concat,
                ..
            } => {
                let mut pieces = Vec::new();
                let mut calls_string = false;
                Piece::compile(root, &mut pieces, &mut calls_string)?;
                Some(Shortcut::Concat {
                    pieces,
                    calls_string,
                })
            }
            NodeKind::Function { procedure, args } => match (&procedure.kind, args.as_slice()) {
                (NodeKind::Variable { name }, [list]) if name == "merge" && plain(procedure) => {
                    match &list.kind {
                        NodeKind::Array { items } if plain(list) && items.len() <= MAX_PIECES => {
                            items
                                .iter()
                                .map(Merged::compile)
                                .collect::<Option<Vec<Merged>>>()
                                .map(Shortcut::Merge)
                        }
                        _ => None,
                    }
                }
                _ => None,
            },
            NodeKind::Binary { op, lhs, rhs } => Some(Shortcut::Binary(
                Operator::of(*op)?,
                Operand::compile(lhs)?,
                Operand::compile(rhs)?,
            )),
            _ => Path::compile(root).map(Shortcut::Path),
        }
    }

    /// The result, or `None` when the engine must decide.
    pub(crate) fn evaluate(&self, bindings: &PreparedBindings, options: &Options) -> Option<Value> {
        if options.max_steps < MIN_LIMIT || (options.max_depth as u64) < MIN_LIMIT {
            return None;
        }
        let mut budget = options.max_string_length;
        match self {
            Shortcut::Path(path) => copy_within(path.follow(bindings)?, &mut budget, 0),
            Shortcut::Binary(operator, lhs, rhs) => {
                let result = operator.apply(lhs.scalar(bindings)?, rhs.scalar(bindings)?)?;
                charge(&mut budget, 25)?;
                Some(result)
            }
            Shortcut::Concat {
                pieces,
                calls_string,
            } => {
                // A variable named `string` takes the place of the function.
                if *calls_string && bindings.get("string").is_some() {
                    return None;
                }
                let mut joined = String::new();
                for piece in pieces {
                    piece.write(bindings, &mut joined)?;
                }
                charge(&mut budget, joined.len() + 2)?;
                Some(Value::String(joined))
            }
            Shortcut::Merge(objects) => {
                // A variable named `merge` takes the place of the function.
                if bindings.get("merge").is_some() {
                    return None;
                }
                let mut merged = Fields::default();
                for object in objects {
                    object.add_to(bindings, &mut merged)?;
                }
                charge(&mut budget, 2)?;
                let mut copy = Map::with_capacity(merged.fields.len());
                for (key, value) in merged.fields {
                    charge(&mut budget, key.len() + 4)?;
                    copy.insert(key.to_string(), copy_within(value, &mut budget, 1)?);
                }
                Some(Value::Object(copy))
            }
        }
    }
}

impl Merged {
    fn compile(node: &Node) -> Option<Merged> {
        if !plain(node) {
            return None;
        }
        match &node.kind {
            NodeKind::Object { pairs } => pairs
                .iter()
                .map(|(key, value)| {
                    let (NodeKind::String { value: key }, true) =
                        (&key.kind, plain(key) && plain(value))
                    else {
                        return None;
                    };
                    let value = match &value.kind {
                        NodeKind::String { value } => Value::String(value.clone()),
                        NodeKind::Number { value } => number(*value)?,
                        NodeKind::Bool { value } => Value::Bool(*value),
                        NodeKind::Null => Value::Null,
                        _ => return None,
                    };
                    Some((key.clone(), value))
                })
                .collect::<Option<Vec<_>>>()
                .map(Merged::Literal),
            _ => Path::compile(node).map(Merged::Path),
        }
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

/// The fields of an object being merged, in the order they were first set.
#[derive(Default)]
struct Fields<'v> {
    fields: Vec<(&'v str, &'v Value)>,
    positions: HashMap<&'v str, usize>,
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

impl Piece {
    /// Adds the pieces of `node` (a `&` of pieces, a string literal, a path or
    /// `$string(path)`) to `pieces`, noting in `calls_string` a call to `$string`.
    fn compile(node: &Node, pieces: &mut Vec<Piece>, calls_string: &mut bool) -> Option<()> {
        if !plain(node) || pieces.len() >= MAX_PIECES {
            return None;
        }
        match &node.kind {
            NodeKind::Binary {
                op: BinaryOp::Concat,
                lhs,
                rhs,
            } => {
                Piece::compile(lhs, pieces, calls_string)?;
                Piece::compile(rhs, pieces, calls_string)
            }
            NodeKind::String { value } => {
                pieces.push(Piece::Literal(value.clone()));
                Some(())
            }
            NodeKind::Function { procedure, args } => match (&procedure.kind, args.as_slice()) {
                (NodeKind::Variable { name }, [arg]) if name == "string" && plain(procedure) => {
                    *calls_string = true;
                    pieces.push(Piece::Path(Path::compile(arg)?));
                    Some(())
                }
                _ => None,
            },
            _ => {
                pieces.push(Piece::Path(Path::compile(node)?));
                Some(())
            }
        }
    }

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

impl Path {
    /// A variable alone or followed by field names, each without any modifier.
    fn compile(node: &Node) -> Option<Path> {
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
    fn follow<'v>(&self, bindings: &'v PreparedBindings) -> Option<&'v Value> {
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

impl Operand {
    fn compile(node: &Node) -> Option<Operand> {
        if !plain(node) {
            return None;
        }
        match &node.kind {
            NodeKind::Number { value } => Some(Operand::Number(*value)),
            NodeKind::String { value } => Some(Operand::String(value.clone())),
            _ => Path::compile(node).map(Operand::Path),
        }
    }

    /// The operand's value when it is a number or a string.
    fn scalar<'v>(&'v self, bindings: &'v PreparedBindings) -> Option<Scalar<'v>> {
        match self {
            Operand::Number(n) => Some(Scalar::Number(*n)),
            Operand::String(s) => Some(Scalar::String(s)),
            Operand::Path(path) => match path.follow(bindings)? {
                Value::Number(n) => n.as_f64().map(Scalar::Number),
                Value::String(s) => Some(Scalar::String(s)),
                _ => None,
            },
        }
    }
}

impl Operator {
    fn of(op: BinaryOp) -> Option<Operator> {
        Some(match op {
            BinaryOp::Add => Operator::Add,
            BinaryOp::Sub => Operator::Sub,
            BinaryOp::Mul => Operator::Mul,
            BinaryOp::Div => Operator::Div,
            BinaryOp::Eq => Operator::Eq,
            BinaryOp::Ne => Operator::Ne,
            BinaryOp::Lt => Operator::Lt,
            BinaryOp::Le => Operator::Le,
            BinaryOp::Gt => Operator::Gt,
            BinaryOp::Ge => Operator::Ge,
            _ => return None,
        })
    }

    /// The operation on two numbers, or the equality of two strings; `None` for anything
    /// else, and for a result that is not finite (an error in the engine).
    fn apply(self, lhs: Scalar, rhs: Scalar) -> Option<Value> {
        match (lhs, rhs) {
            (Scalar::Number(a), Scalar::Number(b)) => match self {
                Operator::Add => number(a + b),
                Operator::Sub => number(a - b),
                Operator::Mul => number(a * b),
                Operator::Div => number(a / b),
                Operator::Eq => Some(Value::Bool(a == b)),
                Operator::Ne => Some(Value::Bool(a != b)),
                Operator::Lt => Some(Value::Bool(a < b)),
                Operator::Le => Some(Value::Bool(a <= b)),
                Operator::Gt => Some(Value::Bool(a > b)),
                Operator::Ge => Some(Value::Bool(a >= b)),
            },
            (Scalar::String(a), Scalar::String(b)) => match self {
                Operator::Eq => Some(Value::Bool(a == b)),
                Operator::Ne => Some(Value::Bool(a != b)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Whether a node carries nothing but its kind: no predicate, stage, binding, grouping,
/// `[]` or annotation (all of which its JSON form would show).
fn plain(node: &Node) -> bool {
    node.annotation.is_none() && attrs_plain(&node.attrs)
}

fn attrs_plain(attrs: &Attrs) -> bool {
    serde_json::to_value(attrs)
        .ok()
        .and_then(|v| v.as_object().map(Map::is_empty))
        .unwrap_or(false)
}

/// A finite number as the engine writes it; `None` for one that is not finite.
fn number(n: f64) -> Option<Value> {
    if !n.is_finite() {
        None
    } else if n.fract() == 0.0 && n.abs() < EXACT_INTEGERS {
        Some(Value::from(n as i64))
    } else {
        serde_json::Number::from_f64(n).map(Value::Number)
    }
}

/// Takes `cost` from `budget`; `None` when it is not there.
fn charge(budget: &mut usize, cost: usize) -> Option<()> {
    *budget = budget.checked_sub(cost)?;
    Some(())
}

/// A copy of `value` as the engine gives it back (numbers written as the engine writes
/// them), charging `budget` at least what the engine charges its result against its size
/// limit; `None` when the budget runs out or the value is nested too deep.
fn copy_within(value: &Value, budget: &mut usize, depth: usize) -> Option<Value> {
    match value {
        Value::Null => charge(budget, 4).map(|()| Value::Null),
        Value::Bool(b) => charge(budget, 5).map(|()| Value::Bool(*b)),
        Value::Number(n) => {
            charge(budget, 25)?;
            number(n.as_f64()?)
        }
        Value::String(s) => {
            charge(budget, s.len() + 2)?;
            Some(Value::String(s.clone()))
        }
        Value::Array(items) => {
            if depth >= MAX_NESTING {
                return None;
            }
            charge(budget, 1 + items.len().max(1))?;
            items
                .iter()
                .map(|item| copy_within(item, budget, depth + 1))
                .collect::<Option<Vec<Value>>>()
                .map(Value::Array)
        }
        Value::Object(fields) => {
            if depth >= MAX_NESTING {
                return None;
            }
            charge(budget, 2)?;
            let mut copy = Map::with_capacity(fields.len());
            for (key, field) in fields {
                charge(budget, key.len() + 4)?;
                copy.insert(key.clone(), copy_within(field, budget, depth + 1)?);
            }
            Some(Value::Object(copy))
        }
    }
}
