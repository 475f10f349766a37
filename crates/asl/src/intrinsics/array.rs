//! The array intrinsics: `States.ArrayPartition`, `ArrayContains`, `ArrayRange`,
//! `ArrayGetItem`, `ArrayLength` and `ArrayUnique` (`States.Array` needs no helper).

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde_json::Value;

use super::math::round;

/// The most items `States.ArrayRange` may create.
pub const MAX_RANGE_ITEMS: i128 = 1000;

/// `States.ArrayPartition(array, size)`: consecutive chunks of `size` items (the last one
/// possibly shorter).
pub fn partition(items: Vec<Value>, size: &Value) -> Result<Value, String> {
    let size = round(size)
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            format!("The chunk size of States.ArrayPartition must be a positive integer, but got {size}")
        })?;
    let mut chunks = Vec::with_capacity(items.len().div_ceil(size));
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(Value::Array(items.by_ref().take(size).collect()));
    }
    Ok(Value::Array(chunks))
}

/// `States.ArrayContains(array, value)`: whether an item equals `value`.
pub fn contains(items: &[Value], value: &Value) -> Value {
    Value::Bool(items.contains(value))
}

/// `States.ArrayRange(first, last, step)`: `first`, `first + step`, … up to `last` inclusive.
pub fn range(first: &Value, last: &Value, step: &Value) -> Result<Value, String> {
    let integer = |value: &Value| {
        round(value).ok_or_else(|| {
            format!("The arguments of States.ArrayRange must be integers, but got {value}")
        })
    };
    let written_step = step;
    let (first, last, step) = (integer(first)?, integer(last)?, integer(step)?);
    if step == 0 {
        return Err(match written_step.as_f64() {
            Some(s) if s != 0.0 => format!(
                "The step argument of States.ArrayRange must not be zero, and {written_step} rounds to 0 (a non-integer argument is rounded to the nearest integer)"
            ),
            _ => "The step argument of States.ArrayRange must not be zero".to_owned(),
        });
    }
    let distance = i128::from(last) - i128::from(first);
    let count = if distance == 0 || (distance > 0) == (step > 0) {
        distance / i128::from(step) + 1
    } else {
        0
    };
    if count > MAX_RANGE_ITEMS {
        return Err(format!(
            "States.ArrayRange cannot create an array of more than {MAX_RANGE_ITEMS} items, but would create {count}"
        ));
    }
    // Every item lies between `first` and `last`, so it fits in an i64.
    let mut items = Vec::with_capacity(count as usize);
    items.extend(
        (0..count)
            .filter_map(|k| i64::try_from(i128::from(first) + k * i128::from(step)).ok())
            .map(Value::from),
    );
    Ok(Value::Array(items))
}

/// `States.ArrayGetItem(array, index)`: the item at `index` (from 0).
pub fn get_item(items: &[Value], index: &Value) -> Result<Value, String> {
    let position = index
        .as_u64()
        .or_else(|| {
            index
                .as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        })
        .ok_or_else(|| {
            format!(
                "The index of States.ArrayGetItem must be a non-negative integer, but got {index}"
            )
        })?;
    let len = items.len();
    usize::try_from(position)
        .ok()
        .and_then(|i| items.get(i))
        .cloned()
        .ok_or_else(|| {
            format!("The index {position} is out of bounds for States.ArrayGetItem on an array of {len} items")
        })
}

/// `States.ArrayLength(array)`: the number of items.
pub fn length(items: &[Value]) -> Value {
    Value::from(items.len())
}

/// `States.ArrayUnique(array)`: the items without repetitions, each where it first appears.
pub fn unique(items: Vec<Value>) -> Value {
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::with_capacity(items.len());
    let mut kept: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        let mut hasher = DefaultHasher::new();
        hash_value(&item, &mut hasher);
        let bucket = seen.entry(hasher.finish()).or_default();
        if !bucket.iter().any(|&i| kept.get(i) == Some(&item)) {
            bucket.push(kept.len());
            kept.push(item);
        }
    }
    Value::Array(kept)
}

/// A hash consistent with `Value` equality (object members in any order hash alike).
fn hash_value(value: &Value, state: &mut impl Hasher) {
    match value {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => (2u8, i128::from(i)).hash(state),
            (_, Some(u), _) => (2u8, i128::from(u)).hash(state),
            // 0.0 and -0.0 are equal, so they must hash alike.
            (_, _, f) => (6u8, f.map_or(0, |f| (f + 0.0).to_bits())).hash(state),
        },
        Value::String(s) => (3u8, s).hash(state),
        Value::Array(items) => {
            (4u8, items.len()).hash(state);
            for item in items {
                hash_value(item, state);
            }
        }
        Value::Object(map) => {
            let mut members = 0u64;
            for (key, item) in map {
                let mut member = DefaultHasher::new();
                key.hash(&mut member);
                hash_value(item, &mut member);
                members = members.wrapping_add(member.finish());
            }
            (5u8, map.len(), members).hash(state);
        }
    }
}
