//! JSONata, the second query language of AWS Step Functions: parse an expression once,
//! evaluate it against JSON values any number of times.
//!
//! The evaluation is deterministic: `$now()` and `$millis()` read a virtual clock and
//! `$random()` and `$shuffle()` a seeded generator, both given in [`Options`], so the same
//! expression, input and options give the same result on every platform, in the browser as
//! natively. Limits on the depth of the evaluation, its number of steps and the size of what
//! it builds end a runaway expression with a `U1001` error instead of a hang, a trap or a
//! stack overflow; no limit reads a clock.
//!
//! [`Mode::StepFunctions`] adds the functions Step Functions adds (`$partition`, `$range`,
//! `$hash`, `$random(seed)`, `$uuid`, `$parse`) and takes `$eval` away, as AWS does.
//!
//! ```
//! use jsonata::{Expression, Options};
//! use serde_json::json;
//!
//! let expr = Expression::parse("$sum(items.(price * qty))").unwrap();
//! let input = json!({"items": [{"price": 2.5, "qty": 4}, {"price": 1, "qty": 1}]});
//! let total = expr.evaluate(Some(&input), &Default::default(), &Options::default());
//! assert_eq!(total.unwrap(), Some(json!(11)));
//!
//! let err = Expression::parse("items[").unwrap_err();
//! assert_eq!(err.code, "S0203");
//! ```
//!
//! To evaluate several expressions over the same variables (the fields of a Step Functions
//! state over `$states`), bind them once, borrowed, in [`PreparedBindings`] and call
//! [`Expression::evaluate_prepared`]: a plain path, comparison, `&` join or `$merge` reads
//! them where they lie, and the engine gets each variable converted once for all the
//! expressions that name it, the outcome being exactly that of [`Expression::evaluate`].
//!
//! The engine underneath (the `jlens-core` crate, pinned to one version) stays behind this
//! interface, so that it can be swapped without touching the callers.

#![warn(missing_docs)]

mod prepared;
mod shortcut;
mod stepfunctions;

use jlens_core::Document;
pub use prepared::PreparedBindings;
use serde_json::{Map, Value};
use shortcut::Shortcut;
use std::fmt;
use std::time::Duration;

/// Variables bound for an evaluation, by name without the leading `$`.
pub type Bindings = Map<String, Value>;

/// A parsed JSONata expression, ready to evaluate any number of times.
#[derive(Debug, Clone)]
pub struct Expression {
    inner: jlens_core::Expression,
    /// Whether the evaluation may read its input (`$`, `$$`, a name at the top), as the
    /// engine's analysis finds, the Step Functions functions reading their arguments only.
    reads_input: bool,
    /// Whether the text names `$clone`, which a transform may be given so as to change
    /// the values it works on in place.
    names_clone: bool,
    /// How to evaluate it without the engine, when it is that simple.
    shortcut: Option<Shortcut>,
}

/// Which functions an expression may call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// The functions of the JSONata reference implementation.
    #[default]
    Reference,
    /// As in Step Functions: the reference functions with `$partition`, `$range`, `$hash`,
    /// `$uuid` and `$parse` added, `$random` taking an optional seed (with one, the first
    /// number of `java.util.Random` for that seed), and `$eval` unavailable.
    StepFunctions,
}

/// How to evaluate: the virtual clock, the seed, the limits and the functions available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The time `$now()` and `$millis()` give, in milliseconds since the Unix epoch.
    pub now_millis: i64,
    /// The seed of `$random()`, `$shuffle()` and, in Step Functions mode, `$uuid()`.
    pub seed: u64,
    /// The deepest the evaluation may nest (function calls, blocks, paths); deeper ends
    /// with `U1001`.
    pub max_depth: usize,
    /// The most steps the evaluation may take (each node evaluated, each function called
    /// back): a budget of time that counts the same on every machine and reads no clock.
    /// More ends with `U1001`.
    pub max_steps: u64,
    /// A backstop on the time the evaluation may take, in milliseconds, for an expression
    /// that builds large values at each of few steps (`$sum([1..99999].$sum([1..99999]))`);
    /// longer ends with `U1001`. The clock is read every 256 steps, natively from the
    /// system and in the browser from `performance.now()`, never from a clock that traps in
    /// WebAssembly. `None`: no backstop, the evaluation is then fully deterministic.
    pub timeout_millis: Option<u64>,
    /// The longest string, in bytes of UTF-8, the evaluation may build (and the largest
    /// result, as JSON text); longer ends with `U1001`.
    pub max_string_length: usize,
    /// The most items an array the evaluation builds may hold; more ends with `U1001`.
    pub max_array_length: usize,
    /// The functions available to [`Expression::evaluate`] (prepared bindings hold those of
    /// the mode they were prepared for).
    pub mode: Mode,
}

impl Default for Options {
    /// The Unix epoch as the time, seed 0, and limits that end any runaway expression well
    /// within a second: depth 500 (the engine's own limit in WebAssembly), 1,000,000 steps
    /// (about 0.1 s natively), a backstop of 500 ms, strings of 1 MiB (a Step Functions
    /// payload holds 256 KiB) and arrays of 100,000 items.
    fn default() -> Self {
        Options {
            now_millis: 0,
            seed: 0,
            max_depth: 500,
            max_steps: 1_000_000,
            timeout_millis: Some(500),
            max_string_length: 1 << 20,
            max_array_length: 100_000,
            mode: Mode::Reference,
        }
    }
}

/// Why an expression could not be parsed or evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The JSONata error code, e.g. `S0201` (syntax), `T2001` (type), `D3030` (dynamic), or
    /// `U1001` when a limit of [`Options`] was reached. The Step Functions functions raise
    /// `States.QueryEvaluationError` for arguments they cannot use.
    pub code: String,
    /// What went wrong, in words.
    pub message: String,
    /// Where in the expression, as an offset in characters (not bytes) to the start of the
    /// offending text, when known.
    pub position: Option<usize>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(position) = self.position {
            write!(f, " (at character {position})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl Expression {
    /// Parses an expression; a syntax error comes back with its code (`S0xxx`) and position.
    pub fn parse(text: &str) -> Result<Expression, Error> {
        let inner = jlens_core::Expression::compile(text)
            .map_err(|e| convert(&e, text, &Options::default()))?;
        let reads_input = stepfunctions::with_functions(|functions| {
            inner.reads_with(functions).input().is_some()
        });
        Ok(Expression {
            names_clone: text.contains("$clone"),
            shortcut: Shortcut::compile(&inner.ast().root),
            reads_input,
            inner,
        })
    }

    /// The text the expression was parsed from.
    pub fn source(&self) -> &str {
        self.inner.source()
    }

    /// Evaluates the expression against `input` (`None`: no input, JSONata's *undefined*)
    /// with `bindings` as variables. `Ok(None)` means the result is undefined.
    pub fn evaluate(
        &self,
        input: Option<&Value>,
        bindings: &Bindings,
        options: &Options,
    ) -> Result<Option<Value>, Error> {
        let mut engine_bindings = match options.mode {
            Mode::Reference => jlens_core::Bindings::new(),
            Mode::StepFunctions => stepfunctions::functions(),
        };
        for (name, value) in bindings {
            // The functions of the mode keep their names.
            if engine_bindings.get_function(name).is_none() {
                engine_bindings = engine_bindings.var(name.as_str(), value.clone());
            }
        }
        let engine_options = engine_options(options);
        let evaluate = || {
            self.inner
                .evaluate_with(input, &engine_bindings, &engine_options)
        };
        let result = match options.mode {
            Mode::Reference => evaluate(),
            Mode::StepFunctions => stepfunctions::with_seed(options.seed, evaluate),
        };
        self.finish(result, options)
    }

    /// Evaluates the expression against `input` as [`evaluate`](Expression::evaluate) does,
    /// with prepared variables: a plain path or comparison reads them where they lie, and
    /// the engine reads them as converted once for all the evaluations. The functions
    /// available are those of the mode `bindings` were prepared for; `options.mode` is not
    /// read.
    pub fn evaluate_prepared(
        &self,
        input: &Value,
        bindings: &PreparedBindings,
        options: &Options,
    ) -> Result<Option<Value>, Error> {
        if let Some(result) = self
            .shortcut
            .as_ref()
            .and_then(|shortcut| shortcut.evaluate(bindings, options))
        {
            return Ok(Some(result));
        }
        // A transform given its own `$clone` may change the values it transforms: it then
        // works on values converted for it alone, so that the next evaluation sees the
        // bindings unchanged.
        let fresh = self.names_clone;
        let documents = bindings.documents(self.inner.source(), fresh);
        let variables: Vec<(&str, &Document)> = documents
            .iter()
            .map(|(name, document)| (*name, document))
            .collect();
        // An expression that cannot read its input is given `null` for it, for nothing; the
        // input shares the conversion of a variable that is that value.
        let input = match (self.reads_input, fresh) {
            (false, _) => Document::new(&Value::Null),
            (true, false) => bindings.document_of(input),
            (true, true) => Document::new(input),
        };
        let engine_options = engine_options(options);
        let evaluate = |functions: &jlens_core::Bindings| {
            self.inner
                .evaluate_document_with(&input, &variables, functions, &engine_options)
        };
        let result = match bindings.mode {
            Mode::Reference => evaluate(&jlens_core::Bindings::new()),
            Mode::StepFunctions => {
                stepfunctions::with_seed(options.seed, || stepfunctions::with_functions(evaluate))
            }
        };
        self.finish(result, options)
    }

    /// The engine's result, its error as ours.
    fn finish(
        &self,
        result: Result<Option<Value>, jlens_core::Error>,
        options: &Options,
    ) -> Result<Option<Value>, Error> {
        result.map_err(|e| convert(&e, self.inner.source(), options))
    }
}

/// The engine's options for `options`.
fn engine_options(options: &Options) -> jlens_core::Options {
    let engine_options = jlens_core::Options::new()
        .now(options.now_millis)
        .seed(options.seed)
        .max_depth(options.max_depth)
        .max_steps(options.max_steps)
        .max_string_length(options.max_string_length)
        .max_array_length(options.max_array_length)
        .max_result_size(options.max_string_length);
    match options.timeout_millis {
        Some(millis) => engine_options.timeout(Duration::from_millis(millis)),
        None => engine_options,
    }
}

/// The engine's error as ours: limits become `U1001`, positions count characters.
fn convert(error: &jlens_core::Error, source: &str, options: &Options) -> Error {
    let (code, message) = match error.code() {
        "D1011" => (
            "U1001".to_string(),
            format!(
                "Stack overflow error: the evaluation went deeper than {} levels. Check for \
                 non-terminating recursive function. Consider rewriting as tail-recursive.",
                options.max_depth
            ),
        ),
        "U1006" => (
            "U1001".to_string(),
            format!(
                "Expression evaluation timeout: the evaluation took more than {} steps. \
                 Check for infinite loop.",
                options.max_steps
            ),
        ),
        "D1012" => (
            "U1001".to_string(),
            format!(
                "Expression evaluation timeout: the evaluation took longer than {} ms. Check \
                 for infinite loop.",
                options.timeout_millis.unwrap_or_default()
            ),
        ),
        code => (code.to_string(), error.message()),
    };
    let position = error.span().map(|span| {
        let mut end = span.start.min(source.len());
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        source[..end].chars().count()
    });
    Error {
        code,
        message,
        position,
    }
}
