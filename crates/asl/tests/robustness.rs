//! No definition or input makes the engine panic or run without end: every definition
//! of the case files (and of the recorded executions, when present) is mutated many times
//! with a fixed seed (values swapped for other JSON types, members dropped, strings bent)
//! and each mutant is validated and, when valid, executed with a small event limit.

use serde::Deserialize;
use serde_json::{json, Value};
use testkit::mutate::Mutator;

const MUTANTS_PER_DEFINITION: usize = 12;

/// What the test reads of a case or a recorded execution (intrinsic cases have no
/// definition).
#[derive(Deserialize)]
struct Definition {
    #[serde(default)]
    definition: Value,
    #[serde(default = "empty_object")]
    input: Value,
}

fn empty_object() -> Value {
    json!({})
}

fn definitions() -> Vec<(Value, Value)> {
    let mut files = testkit::shared::json_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases"),
    );
    if let Some(shared) = testkit::shared::dir() {
        files.extend(testkit::shared::json_files(&shared.join("conformance/asl")));
    }
    testkit::cases::load_files::<Definition>(&files)
        .into_iter()
        .filter(|(_, case)| case.definition.is_object())
        .map(|(_, case)| (case.definition, case.input))
        .collect()
}

/// Values swapped in for any node (strings are also bent).
fn palette() -> Vec<Value> {
    vec![
        Value::Null,
        json!(-1),
        json!(1e300),
        json!("States.Format('{}', $.x"),
        json!([]),
        json!({}),
        json!(true),
    ]
}

#[test]
fn mutated_definitions_never_panic_or_hang() {
    let definitions = definitions();
    assert!(
        definitions.len() >= 200,
        "expected the case files' definitions, found {}",
        definitions.len()
    );
    let mut mutator = Mutator::new(2026, palette()).bending_strings();
    let options = asl::Options {
        max_events: 2_000,
        ..asl::Options::default()
    };
    let (mut valid, mut ran) = (0, 0);
    for (definition, input) in &definitions {
        for _ in 0..MUTANTS_PER_DEFINITION {
            let mutant = mutator.mutate(definition);
            let text = mutant.to_string();
            let diagnostics = asl::validate_text(&text);
            if let Ok(def) = asl::parse_text(&text) {
                valid += 1;
                assert!(diagnostics.is_empty());
                let outcome = asl::execute(&def, input.clone(), &options, &mut asl::NoTasks);
                assert!(outcome.events.len() <= options.max_events + 1);
                ran += 1;
            } else {
                assert!(
                    !diagnostics.is_empty(),
                    "a rejected definition must say why"
                );
                assert!(diagnostics
                    .iter()
                    .all(|d| d.position.is_some() || d.pointer.is_empty()));
            }
        }
    }
    println!(
        "{} mutants of {} definitions: {valid} still valid and executed ({ran}), the rest rejected with diagnostics",
        definitions.len() * MUTANTS_PER_DEFINITION,
        definitions.len()
    );
}
