//! Evaluating one JSONata expression, as `sfn-play jsonata` does.

use serde_json::{json, Value};

/// What an expression gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// `{"result": …}`, `{"undefined": true}` or `{"error": {"code", "message", "position"?}}`.
    pub json: Value,
    /// Whether the expression failed (to parse or to evaluate).
    pub failed: bool,
}

/// Evaluates `expression` on `input` with `bindings` as variables and the reference
/// functions.
pub fn evaluate(
    expression: &str,
    input: Option<&Value>,
    bindings: &jsonata::Bindings,
) -> Evaluation {
    let outcome = jsonata::Expression::parse(expression)
        .and_then(|expr| expr.evaluate(input, bindings, &jsonata::Options::default()));
    let (json, failed) = match outcome {
        Ok(Some(result)) => (json!({ "result": result }), false),
        Ok(None) => (json!({ "undefined": true }), false),
        Err(error) => {
            let mut body = json!({"code": error.code, "message": error.message});
            if let Some(position) = error.position {
                body["position"] = json!(position);
            }
            (json!({ "error": body }), true)
        }
    };
    Evaluation { json, failed }
}
