//! JSONata expressions, parsed and evaluated in both modes under small limits.

use jsonata::{Bindings, Expression, Mode, Options};
use serde_json::json;

/// An expression parsed and, when valid, evaluated on a small input with the reference
/// functions and with Step Functions' functions, each within 20,000 steps and 25 ms (the
/// limits end a runaway expression the same way at any size: small ones let the fuzzer try
/// ten times as many, where a regular expression that backtracks or a range of 10⁷ items
/// took the whole budget of 200 ms an evaluation).
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
    for mode in [Mode::Reference, Mode::StepFunctions] {
        let options = Options {
            max_steps: 20_000,
            timeout_millis: Some(25),
            mode,
            ..Options::default()
        };
        let _ = expression.evaluate(Some(&input), &bindings, &options);
    }
}
