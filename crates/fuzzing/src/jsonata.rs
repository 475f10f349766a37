//! JSONata expressions, parsed and evaluated under small limits.

use jsonata::{Bindings, Expression, Mode, Options};
use serde_json::json;

/// An expression parsed and, when valid, evaluated on a small input with the reference
/// functions or with Step Functions' functions (by the input's length, so that each mode is
/// fuzzed on half the inputs), within 20,000 steps and 25 ms: the limits end a runaway
/// expression the same way at any size, and small ones let the fuzzer try ten times as
/// many (a regular expression that backtracks took the whole budget of 200 ms). A range
/// of 10⁷ items is built before the engine checks its length against the array limit, at
/// about 0.4 s under the fuzzer: one evaluation an input keeps it well within the 1 s
/// timeout.
pub fn jsonata(data: &[u8]) {
    let Some(text) = crate::text(data) else {
        return;
    };
    let Ok(expression) = Expression::parse(text) else {
        return;
    };
    let input = json!({"a": [1, 2, 3], "b": {"c": "text", "d": [{"e": 1}, {"e": 2}]}, "n": 2.5});
    let mut bindings = Bindings::new();
    bindings.insert("v".into(), json!({"k": [true, null]}));
    let modes = [Mode::Reference, Mode::StepFunctions];
    let options = Options {
        max_steps: 20_000,
        timeout_millis: Some(25),
        mode: modes[data.len() % modes.len()],
        ..Options::default()
    };
    let _ = expression.evaluate(Some(&input), &bindings, &options);
}
