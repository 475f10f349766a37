//! Values copied as the engine gives them back, within the engine's limit on the size of a
//! result.

use serde_json::{Map, Value};

/// The deepest a result is copied; deeper, the engine decides (it refuses a result nested
/// a thousand levels deep).
const MAX_NESTING: usize = 256;

/// Integers below this magnitude (2^53) are exact as doubles, and written by the engine
/// (as JSON numbers, and by `$string`) by their decimal digits.
pub(super) const EXACT_INTEGERS: f64 = 9.007_199_254_740_992e15;

/// The most the engine charges for a number, the length of the longest one it writes.
pub(super) const NUMBER_COST: usize = 25;

/// A finite number as the engine writes it; `None` for one that is not finite.
pub(super) fn number(n: f64) -> Option<Value> {
    if !n.is_finite() {
        None
    } else if n.fract() == 0.0 && n.abs() < EXACT_INTEGERS {
        Some(Value::from(n as i64))
    } else {
        serde_json::Number::from_f64(n).map(Value::Number)
    }
}

/// Takes `cost` from `budget`; `None` when it is not there.
pub(super) fn charge(budget: &mut usize, cost: usize) -> Option<()> {
    *budget = budget.checked_sub(cost)?;
    Some(())
}

/// A copy of `value` as the engine gives it back (numbers written as the engine writes
/// them), charging `budget` at least what the engine charges for it; `None` when the
/// budget runs out or the value is nested too deep.
pub(super) fn within(value: &Value, budget: &mut usize) -> Option<Value> {
    copy_at(value, budget, 0)
}

/// The fields of an object, copied as [`within`] copies values.
pub(super) fn object<'v>(
    fields: impl ExactSizeIterator<Item = (&'v str, &'v Value)>,
    budget: &mut usize,
) -> Option<Value> {
    fields_at(fields, budget, 0)
}

fn copy_at(value: &Value, budget: &mut usize, depth: usize) -> Option<Value> {
    match value {
        Value::Null => charge(budget, 4).map(|()| Value::Null),
        Value::Bool(b) => charge(budget, 5).map(|()| Value::Bool(*b)),
        Value::Number(n) => {
            charge(budget, NUMBER_COST)?;
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
                .map(|item| copy_at(item, budget, depth + 1))
                .collect::<Option<Vec<Value>>>()
                .map(Value::Array)
        }
        Value::Object(fields) => fields_at(
            fields.iter().map(|(key, field)| (key.as_str(), field)),
            budget,
            depth,
        ),
    }
}

fn fields_at<'v>(
    fields: impl ExactSizeIterator<Item = (&'v str, &'v Value)>,
    budget: &mut usize,
    depth: usize,
) -> Option<Value> {
    if depth >= MAX_NESTING {
        return None;
    }
    charge(budget, 2)?;
    let mut copy = Map::with_capacity(fields.len());
    for (key, field) in fields {
        charge(budget, key.len() + 4)?;
        copy.insert(key.to_string(), copy_at(field, budget, depth + 1)?);
    }
    Some(Value::Object(copy))
}
