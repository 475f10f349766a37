//! Arithmetic on numbers and comparisons of numbers (and equality of strings) between paths
//! and literals: `$states.input.i + 1`, `$states.input.x = 'hi'`.

use super::copy::{charge, number, NUMBER_COST};
use super::{plain, Path};
use crate::prepared::PreparedBindings;
use jlens_core::ast::{BinaryOp, Node, NodeKind};
use serde_json::Value;

/// `lhs operator rhs`.
#[derive(Debug, Clone)]
pub(crate) struct Binary {
    operator: Operator,
    lhs: Operand,
    rhs: Operand,
}

/// An operand: a path or a literal.
#[derive(Debug, Clone)]
enum Operand {
    Path(Path),
    Number(f64),
    String(String),
}

/// The operators a shortcut evaluates.
#[derive(Debug, Clone, Copy)]
enum Operator {
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

/// An operand's value.
enum Scalar<'v> {
    Number(f64),
    String(&'v str),
}

impl Binary {
    /// The operation `node` is, when its operator and operands are of the kinds handled.
    pub(super) fn compile(node: &Node) -> Option<Binary> {
        match &node.kind {
            NodeKind::Binary { op, lhs, rhs } if plain(node) => Some(Binary {
                operator: Operator::of(*op)?,
                lhs: Operand::compile(lhs)?,
                rhs: Operand::compile(rhs)?,
            }),
            _ => None,
        }
    }

    /// The result, charged to `budget`; `None` when an operand is not of the kinds handled.
    pub(super) fn evaluate(
        &self,
        bindings: &PreparedBindings,
        budget: &mut usize,
    ) -> Option<Value> {
        let lhs = self.lhs.scalar(bindings)?;
        let rhs = self.rhs.scalar(bindings)?;
        let result = self.operator.apply(lhs, rhs)?;
        charge(budget, NUMBER_COST)?;
        Some(result)
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
