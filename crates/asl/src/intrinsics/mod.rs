//! The intrinsic functions of the Amazon States Language (JSONPath mode), such as
//! `States.Format('item {}', $.i)`: parsing the text of a `.$` field value into a [`Call`],
//! and evaluating it.
//!
//! Parsing makes the checks CreateStateMachine makes (known function, argument count, kinds
//! of literal arguments, `States.Format` placeholders); evaluation fails with
//! `States.IntrinsicFailure` where AWS does.

mod array;
mod encoding;
mod error;
mod eval;
mod format;
mod function;
mod json;
mod math;
mod parse;
mod string;
mod uuid;

use serde_json::Value;
use std::borrow::Cow;

use crate::failure::Failure;
use seeded::Rng;

pub use error::IntrinsicSyntaxError;
pub use function::Function;

/// A parsed intrinsic call, generic over the compiled path type `P` (the interpreter's).
#[derive(Debug, Clone, PartialEq)]
pub struct Call<P> {
    pub function: Function,
    pub args: Vec<Arg<P>>,
}

/// One argument of a call.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<P> {
    /// A string, number, boolean or null literal. The template (first argument) of
    /// `States.Format` keeps its `\{`, `\}` and `\\` escapes, so escaped braces are not
    /// placeholders.
    Literal(Value),
    /// A path (`$.a`, `$$.Execution.Id`, `$var` …), compiled by the interpreter.
    Path(P),
    /// A nested intrinsic call.
    Call(Call<P>),
}

/// Parses the text of a `.$` field value that starts with `States.`; every path argument
/// text (`$.a.b`, `$`, `$$.Execution.Id`, `$varName.x`, `$.a[0]` …) is handed to
/// `compile_path`, whose error message is wrapped into [`IntrinsicSyntaxError::BadPath`].
pub fn parse<P>(
    text: &str,
    compile_path: &mut dyn FnMut(&str) -> Result<P, String>,
) -> Result<Call<P>, IntrinsicSyntaxError> {
    parse::parse(text, compile_path)
}

/// Evaluates `call`; `resolve` gives a path's value, lent when the input holds it (its
/// failures are returned unchanged), `rng` the randomness of `States.UUID` and unseeded
/// `States.MathRandom`.
pub fn evaluate<'v, P>(
    call: &Call<P>,
    resolve: &mut dyn FnMut(&P) -> Result<Cow<'v, Value>, Failure>,
    rng: &mut Rng,
) -> Result<Value, Failure> {
    eval::evaluate(call, &mut eval::Context { resolve, rng })
}

/// The value of a call that reads no path and draws no random number, so that every run
/// gives the same (`States.ArrayRange(1, 5, 1)`): worked out once, as the definition is
/// compiled. None when the call depends on the run, or fails: it then fails when run, as
/// it does in AWS.
pub fn constant<P>(call: &Call<P>) -> Option<Value> {
    if !is_constant(call) {
        return None;
    }
    let mut no_paths = |_: &P| Err(Failure::new("", ""));
    evaluate(call, &mut no_paths, &mut Rng::new(0)).ok()
}

fn is_constant<P>(call: &Call<P>) -> bool {
    !matches!(call.function, Function::Uuid | Function::MathRandom)
        && call.args.iter().all(|arg| match arg {
            Arg::Literal(_) => true,
            Arg::Path(_) => false,
            Arg::Call(inner) => is_constant(inner),
        })
}

#[cfg(test)]
mod tests;
