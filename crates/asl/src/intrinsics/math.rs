//! `States.MathAdd` and `States.MathRandom`.

use serde_json::Value;

use seeded::Rng;

/// The smallest and largest values `States.MathAdd` accepts (a 32-bit integer).
const ADD_RANGE: (i64, i64) = (i32::MIN as i64, i32::MAX as i64);

/// `value` rounded to the nearest integer, halves rounded up (`-1.5` → `-1`, `1.5` → `2`),
/// as Step Functions rounds non-integer arguments; `None` if it does not fit in an `i64`.
pub fn round(value: &Value) -> Option<i64> {
    if let Some(i) = value.as_i64() {
        return Some(i);
    }
    let x = value.as_f64()?;
    let floor = x.floor();
    let rounded = if x - floor >= 0.5 { floor + 1.0 } else { floor };
    // The casts saturate; the bounds exclude the saturated extremes.
    if rounded.is_finite() && rounded >= i64::MIN as f64 && rounded < i64::MAX as f64 {
        Some(rounded as i64)
    } else {
        None
    }
}

/// `States.MathAdd(a, b)`: the sum of the two numbers, each rounded to an integer first.
pub fn add(a: &Value, b: &Value) -> Result<Value, String> {
    let operand = |value: &Value| {
        round(value)
            .filter(|n| (ADD_RANGE.0..=ADD_RANGE.1).contains(n))
            .ok_or_else(|| {
                format!(
                    "The arguments of States.MathAdd must be integers between {} and {}, but got {value}",
                    ADD_RANGE.0, ADD_RANGE.1
                )
            })
    };
    let sum = operand(a)? + operand(b)?;
    Ok(Value::from(sum))
}

/// `States.MathRandom(start, end[, seed])`: a random integer from `start` (inclusive) to `end`
/// (exclusive); with a seed, always the same number for the same arguments.
pub fn random(
    start: &Value,
    end: &Value,
    seed: Option<&Value>,
    rng: &mut Rng,
) -> Result<Value, String> {
    let integer = |name: &str, value: &Value| {
        round(value).ok_or_else(|| {
            format!("The {name} argument of States.MathRandom must be an integer, but got {value}")
        })
    };
    let start = integer("start", start)?;
    let end = integer("end", end)?;
    let span = i128::from(end) - i128::from(start);
    if span <= 0 {
        return Err(format!(
            "The end argument of States.MathRandom ({end}) must be greater than the start argument ({start})"
        ));
    }
    let bits = match seed {
        Some(seed) => Rng::new(integer("seed", seed)? as u64).next_u64(),
        None => rng.next_u64(),
    };
    // span < 2^64, so the product fits in u128 and the quotient is below span.
    let offset = (u128::from(bits) * span.unsigned_abs()) >> 64;
    let value = i128::from(start) + offset as i128;
    Ok(Value::from(i64::try_from(value).unwrap_or(start)))
}
