//! Prepared bindings give exactly what copied bindings give: the grid of
//! `tests/prepared/grid.json` (see its `about`) crosses expressions, values and options, and
//! every combination must have the same outcome both ways.

use jsonata::{Bindings, Error, Expression, Mode, Options, PreparedBindings};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Grid {
    #[allow(dead_code)]
    about: String,
    expressions: Vec<String>,
    values: Vec<Value>,
    options: Vec<Limits>,
}

/// Limits set lower than the defaults.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Limits {
    max_string_length: Option<usize>,
    max_steps: Option<u64>,
    max_depth: Option<usize>,
}

impl Limits {
    fn options(&self) -> Options {
        let default = Options::default();
        Options {
            mode: Mode::StepFunctions,
            seed: 7,
            max_string_length: self.max_string_length.unwrap_or(default.max_string_length),
            max_steps: self.max_steps.unwrap_or(default.max_steps),
            max_depth: self.max_depth.unwrap_or(default.max_depth),
            timeout_millis: None,
            ..default
        }
    }
}

/// The outcome with `value` bound both ways: copied, then prepared.
fn outcomes(
    expression: &Expression,
    value: &Value,
    options: &Options,
) -> [Result<Option<Value>, Error>; 2] {
    let context = json!({"Map": {"Item": {"Index": 0, "Value": value}}});
    let mut copied = Bindings::new();
    copied.insert("v".into(), value.clone());
    copied.insert("states".into(), json!({"input": value, "context": context}));
    let mut prepared = PreparedBindings::new(Mode::StepFunctions);
    prepared.bind("v", value);
    prepared.bind_object("states", vec![("input", value), ("context", &context)]);
    [
        expression.evaluate(Some(value), &copied, options),
        expression.evaluate_prepared(value, &prepared, options),
    ]
}

#[test]
fn prepared_bindings_give_what_copied_bindings_give() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/prepared/grid.json");
    let text = std::fs::read_to_string(&path).expect("the grid");
    let grid: Grid = serde_json::from_str(&text).expect("a valid grid");
    let mut differences = Vec::new();
    let mut results = 0;
    for text in &grid.expressions {
        let expression = Expression::parse(text).expect("a valid expression");
        for value in &grid.values {
            for limits in &grid.options {
                let options = limits.options();
                let [copied, prepared] = outcomes(&expression, value, &options);
                results += usize::from(matches!(copied, Ok(Some(_))));
                if copied != prepared {
                    differences.push(format!(
                        "{text} with $v = {value}, {options:?}: {copied:?} copied, {prepared:?} prepared"
                    ));
                }
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(results > 500, "only {results} combinations give a result");
}

#[test]
fn variables_named_string_and_merge_take_the_place_of_the_functions_both_ways() {
    let (v, shadow) = (json!({"a": "y"}), json!("not a function"));
    let mut copied = Bindings::new();
    copied.insert("v".into(), v.clone());
    let mut prepared = PreparedBindings::new(Mode::StepFunctions);
    prepared.bind("v", &v);
    for name in ["string", "merge"] {
        copied.insert(name.into(), shadow.clone());
        prepared.bind(name, &shadow);
    }
    let options = Limits::default().options();
    for text in ["'x' & $string($v.a)", "$merge([$v])"] {
        let expression = Expression::parse(text).expect("a valid expression");
        let outcome = expression.evaluate(None, &copied, &options);
        assert_eq!(outcome.as_ref().map_err(|e| e.code.as_str()), Err("T1006"));
        assert_eq!(
            expression.evaluate_prepared(&v, &prepared, &options),
            outcome
        );
    }
}

#[test]
fn a_transform_given_its_own_clone_leaves_the_bindings_unchanged() {
    let value = json!({"a": {"b": 1}});
    let mut prepared = PreparedBindings::new(Mode::StepFunctions);
    prepared.bind("v", &value);
    let options = Limits::default().options();
    // The other expressions need the engine, which reads the converted bindings.
    let texts = [
        "$sum([$v.a.b])",
        "($clone := function($x){$x}; $v ~> |a|{'b': 2}|).a.b",
        "$sum([$v.a.b])",
        "$string($v)",
    ];
    let mut copied = Bindings::new();
    copied.insert("v".into(), value.clone());
    for text in texts {
        let expression = Expression::parse(text).expect("a valid expression");
        let outcome = expression.evaluate_prepared(&value, &prepared, &options);
        assert_eq!(
            outcome,
            expression.evaluate(Some(&value), &copied, &options),
            "{text}"
        );
    }
}
