//! The `Condition` element: operators, keys and values compiled once, evaluated against the
//! request context as the IAM User Guide specifies ("IAM JSON policy elements: Condition
//! operators", "Single-valued vs multivalued context keys").
//!
//! Operators are ANDed, keys under one operator are ANDed, a key's values are ORed. A
//! missing key fails a positive operator and satisfies a negated one; `...IfExists`
//! satisfies on absence; `ForAllValues` is true for a missing or empty key, `ForAnyValue`
//! false.

mod operator;
mod values;

pub(crate) use operator::{Family, Operator, SetQualifier};
pub(crate) use values::{parse_bool, Values};

use crate::context::{scalar_text, RequestContext};
use crate::error::{PolicyError, PolicyErrorKind};
use serde_json::Value;

/// One operator/key pair with its values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConditionEntry {
    pub(crate) operator: Operator,
    pub(crate) operator_name: Box<str>,
    pub(crate) key: Box<str>,
    pub(crate) values: Values,
    /// The values as written, for explanations.
    pub(crate) written: Vec<String>,
}

/// Why an entry did not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryFailure {
    /// The comparison failed (the context value, or its absence, is in the request).
    NoMatch,
    /// A policy variable in the values has no value in the request.
    UnresolvedVariable,
}

/// A compiled `Condition` element (empty when the statement has none).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Condition {
    pub(crate) entries: Vec<ConditionEntry>,
}

impl Condition {
    /// Compiles a `Condition` object found at `pointer`; `variables` says whether the
    /// policy version allows policy variables.
    pub(crate) fn parse(
        value: &Value,
        pointer: &str,
        variables: bool,
    ) -> Result<Condition, PolicyError> {
        let Value::Object(ops) = value else {
            return Err(PolicyErrorKind::ExpectedObject.at(pointer));
        };
        let mut entries = Vec::new();
        for (op_name, keys) in ops {
            let op_pointer = || jsonloc::pointer_push(pointer, op_name);
            // "You can add IfExists to the end of any condition operator name except the
            // Null condition" (IAM User Guide, "...IfExists condition operators").
            let operator = Operator::parse(op_name)
                .filter(|op| !(op.family == Family::Null && op.if_exists))
                .ok_or_else(|| {
                    PolicyErrorKind::InvalidConditionOperator(op_name.clone()).at(op_pointer())
                })?;
            let Value::Object(keys) = keys else {
                return Err(PolicyErrorKind::ExpectedObject.at(op_pointer()));
            };
            for (key, raw) in keys {
                let key_pointer = || jsonloc::pointer_push(&op_pointer(), key);
                let written = written_values(raw, &key_pointer)?;
                let values = Values::compile(
                    operator,
                    op_name,
                    &written,
                    &key_pointer,
                    variables && operator.takes_variables(),
                )?;
                entries.push(ConditionEntry {
                    operator,
                    operator_name: op_name.as_str().into(),
                    key: key.as_str().into(),
                    values,
                    written,
                });
            }
        }
        Ok(Condition { entries })
    }

    /// The index of the first entry that does not hold, and why; `None` when all hold.
    pub(crate) fn first_failure(&self, context: &RequestContext) -> Option<(usize, EntryFailure)> {
        self.entries
            .iter()
            .enumerate()
            .find_map(|(i, e)| e.evaluate(context).err().map(|f| (i, f)))
    }
}

impl ConditionEntry {
    /// Evaluates the entry against the context.
    pub(crate) fn evaluate(&self, context: &RequestContext) -> Result<(), EntryFailure> {
        let op = self.operator;
        let found = context.get(&self.key);
        if let Values::Null(expect_absent) = self.values {
            let absent = found.is_none_or(|v| v.as_slice().is_empty());
            return ok_if(absent == expect_absent);
        }
        let request: &[String] = match found {
            Some(v) if !v.as_slice().is_empty() => v.as_slice(),
            _ => {
                return ok_if(match op.set {
                    SetQualifier::ForAllValues => true,
                    SetQualifier::ForAnyValue => false,
                    SetQualifier::None => op.if_exists || op.negated,
                })
            }
        };
        let resolved = self.values.resolve(op.family, context)?;
        let positive = |v: &String| self.values.matches_any(op.family, v, resolved.as_deref());
        ok_if(match op.set {
            SetQualifier::ForAllValues => request.iter().all(|v| positive(v) != op.negated),
            SetQualifier::ForAnyValue => request.iter().any(|v| positive(v) != op.negated),
            SetQualifier::None => request.iter().any(positive) != op.negated,
        })
    }
}

fn ok_if(holds: bool) -> Result<(), EntryFailure> {
    if holds {
        Ok(())
    } else {
        Err(EntryFailure::NoMatch)
    }
}

fn written_values(raw: &Value, pointer: &dyn Fn() -> String) -> Result<Vec<String>, PolicyError> {
    let scalar = |v: &Value, p: &dyn Fn() -> String| {
        scalar_text(v).ok_or_else(|| PolicyErrorKind::ExpectedStringOrArray.at(p()))
    };
    match raw {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| scalar(v, &|| jsonloc::pointer_push(&pointer(), &i.to_string())))
            .collect(),
        v => Ok(vec![scalar(v, pointer)?]),
    }
}
