//! The functions Step Functions adds to JSONata, bound as host functions: `$partition`,
//! `$range`, `$hash`, `$random` with an optional seed, `$uuid` and `$parse`; and `$eval`,
//! which Step Functions does not offer, bound to a function that fails as calling an
//! undefined function does.
//!
//! The functions are built once per thread and shared by the bindings of every evaluation;
//! `$random()` and `$uuid()` draw from generators that [`with_seed`] sets for the evaluation
//! under way.

use jlens_core::{Bindings, Error, HostFunction};
use serde_json::{json, Value};
use std::cell::Cell;

/// The most items `$range` gives, as `States.ArrayRange`.
const MAX_RANGE_ITEMS: f64 = 1000.0;

thread_local! {
    /// Bindings holding only the Step Functions functions, built once per thread.
    static FUNCTIONS: Bindings = bind(Bindings::new());
    /// The generators of the evaluation under way on this thread.
    static GENERATORS: Cell<Generators> = Cell::new(Generators::new(0));
}

/// The states of the generators of `$random()` (without a seed) and `$uuid()`.
#[derive(Debug, Clone, Copy)]
struct Generators {
    /// The `java.util.Random` state of `$random()`.
    random: u64,
    /// The SplitMix64 state of `$uuid()`.
    uuid: u64,
}

impl Generators {
    /// Both generators as an evaluation with `seed` starts them.
    fn new(seed: u64) -> Self {
        Generators {
            random: JavaRandom::scramble(seed),
            uuid: seed,
        }
    }
}

/// Bindings with the Step Functions functions and no variable; the functions are shared, not
/// built again.
pub fn functions() -> Bindings {
    FUNCTIONS.with(Bindings::clone)
}

/// Runs `f` with the bindings holding the Step Functions functions and no variable.
pub fn with_functions<R>(f: impl FnOnce(&Bindings) -> R) -> R {
    FUNCTIONS.with(f)
}

/// Whether `name` (without the `$`) is a Step Functions function.
pub fn is_function(name: &str) -> bool {
    FUNCTIONS.with(|functions| functions.get_function(name).is_some())
}

/// Runs `evaluate` with `$random()` and `$uuid()` drawing from generators seeded by `seed`,
/// then gives the generators of an enclosing evaluation, if any, back their state.
pub fn with_seed<R>(seed: u64, evaluate: impl FnOnce() -> R) -> R {
    let enclosing = GENERATORS.replace(Generators::new(seed));
    let result = evaluate();
    GENERATORS.set(enclosing);
    result
}

/// `bindings` with the Step Functions functions added.
fn bind(bindings: Bindings) -> Bindings {
    bindings
        .function("partition", host("<an:a>", partition))
        .function("range", host("<nnn:a>", range))
        .function("hash", host("<ss:s>", hash))
        .function("random", host("<n?:n>", random))
        .function("uuid", host("<:s>", |_| Ok(uuid())))
        .function("parse", host("<s:x>", parse))
        .function(
            "eval",
            HostFunction::new(0, |_, _| Err(Error::new("T1006").with("token", "eval"))),
        )
}

/// A host function with a fixed, valid signature, from a function of its arguments.
fn host(
    signature: &str,
    imp: impl Fn(&[Option<Value>]) -> Result<Value, Error> + Send + Sync + 'static,
) -> HostFunction {
    match HostFunction::with_signature(signature, move |args, _| imp(args).map(Some)) {
        Ok(function) => function.without_input(),
        Err(e) => unreachable!("the signature {signature} is valid: {e}"),
    }
}

/// An error of a Step Functions function, as AWS names it.
fn failure(message: String) -> Error {
    Error::new("States.QueryEvaluationError").with("message", message)
}

/// Argument `index` as a whole number, or an error naming the function and argument.
fn integer(args: &[Option<Value>], index: usize, function: &str, name: &str) -> Result<f64, Error> {
    match args
        .get(index)
        .and_then(|a| a.as_ref())
        .and_then(Value::as_f64)
    {
        Some(n) if n.fract() == 0.0 && n.abs() < 2f64.powi(53) => Ok(n),
        _ => Err(failure(format!(
            "The {name} argument of ${function} must be an integer"
        ))),
    }
}

/// `$partition(array, size)`: consecutive chunks of `size` items, the last one possibly
/// shorter.
fn partition(args: &[Option<Value>]) -> Result<Value, Error> {
    let items = match args.first() {
        Some(Some(Value::Array(items))) => items.as_slice(),
        Some(Some(item)) => std::slice::from_ref(item),
        _ => &[],
    };
    let size = integer(args, 1, "partition", "chunk size")?;
    if size < 1.0 {
        return Err(failure(
            "The chunk size argument of $partition must be a positive integer".into(),
        ));
    }
    let chunks: Vec<Value> = items
        .chunks(size.min(usize::MAX as f64) as usize)
        .map(|chunk| Value::Array(chunk.to_vec()))
        .collect();
    Ok(Value::Array(chunks))
}

/// `$range(start, end, step)`: `start`, `start + step`, … up to `end` inclusive, at most
/// 1,000 numbers; one number alone is returned as itself (a JSONata sequence of one).
fn range(args: &[Option<Value>]) -> Result<Value, Error> {
    let start = integer(args, 0, "range", "start")?;
    let end = integer(args, 1, "range", "end")?;
    let step = integer(args, 2, "range", "step")?;
    if step == 0.0 {
        return Err(failure("The step argument of $range must not be 0".into()));
    }
    let count = ((end - start) / step).floor() + 1.0;
    if count > MAX_RANGE_ITEMS {
        return Err(failure(format!(
            "$range would give {count} numbers, more than the limit of {MAX_RANGE_ITEMS}"
        )));
    }
    let count = count.max(0.0) as usize;
    // A sequence of one number is that number, as AWS returns it.
    if count == 1 {
        return Ok(json!(start));
    }
    Ok(Value::Array(
        (0..count).map(|i| json!(start + i as f64 * step)).collect(),
    ))
}

/// `$hash(text, algorithm)`: the digest of the UTF-8 text in lower-case hexadecimal.
fn hash(args: &[Option<Value>]) -> Result<Value, Error> {
    let text = args
        .first()
        .and_then(|a| a.as_ref())
        .and_then(Value::as_str);
    let algorithm = args.get(1).and_then(|a| a.as_ref()).and_then(Value::as_str);
    let (Some(text), Some(algorithm)) = (text, algorithm) else {
        return Err(failure("$hash takes a string and an algorithm name".into()));
    };
    seeded::hex_digest(algorithm, text.as_bytes())
        .map(Value::String)
        .ok_or_else(|| {
            failure(format!(
                "The algorithm argument of $hash must be one of MD5, SHA-1, SHA-256, SHA-384 \
                 and SHA-512, not '{algorithm}'"
            ))
        })
}

/// `$random([seed])`: with a seed, the first number of `java.util.Random` for that seed (as
/// AWS gives); without, the next number of a generator seeded by the evaluation's seed.
fn random(args: &[Option<Value>]) -> Result<Value, Error> {
    let number = match args.first() {
        Some(Some(_)) => {
            let seed = integer(args, 0, "random", "seed")?;
            JavaRandom::new(seed as i64).next_double()
        }
        _ => GENERATORS.with(|generators| {
            let mut state = generators.get();
            let mut generator = JavaRandom {
                state: state.random,
            };
            let number = generator.next_double();
            state.random = generator.state;
            generators.set(state);
            number
        }),
    };
    Ok(json!(number))
}

/// `$uuid()`: a version 4 UUID drawn from a SplitMix64 generator seeded by the evaluation.
fn uuid() -> Value {
    GENERATORS.with(|generators| {
        let mut state = generators.get();
        let mut rng = seeded::Rng::new(state.uuid);
        let uuid = seeded::uuid_v4(&mut rng);
        state.uuid = rng.state();
        generators.set(state);
        Value::String(uuid)
    })
}

/// `$parse(text)`: the JSON value a string holds.
fn parse(args: &[Option<Value>]) -> Result<Value, Error> {
    let text = args
        .first()
        .and_then(|a| a.as_ref())
        .and_then(Value::as_str)
        .unwrap_or_default();
    serde_json::from_str(text)
        .map_err(|e| failure(format!("The argument of $parse is not JSON: {e}")))
}

/// The linear congruential generator of `java.util.Random`.
struct JavaRandom {
    state: u64,
}

impl JavaRandom {
    const MULTIPLIER: u64 = 0x5_DEEC_E66D;
    const MASK: u64 = (1 << 48) - 1;

    /// The generator's state for a seed, as `new Random(seed)` sets it.
    fn scramble(seed: u64) -> u64 {
        (seed ^ Self::MULTIPLIER) & Self::MASK
    }

    fn new(seed: i64) -> Self {
        JavaRandom {
            state: Self::scramble(seed as u64),
        }
    }

    fn next(&mut self, bits: u32) -> u64 {
        self.state = (self.state.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        self.state >> (48 - bits)
    }

    /// `nextDouble()`: 53 random bits in `[0, 1)`.
    fn next_double(&mut self) -> f64 {
        let bits = (self.next(26) << 27) + self.next(27);
        bits as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::JavaRandom;

    #[test]
    fn java_random_gives_the_jdk_sequence() {
        assert_eq!(JavaRandom::new(42).next_double(), 0.7275636800328681);
        let mut generator = JavaRandom::new(42);
        generator.next_double();
        assert_eq!(generator.next_double(), 0.6832234717598454);
        assert_eq!(JavaRandom::new(0).next_double(), 0.730967787376657);
    }
}
