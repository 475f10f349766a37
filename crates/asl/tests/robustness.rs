//! No definition or input makes the engine panic or run without end: every definition
//! of the case files (and of the recorded executions, when present) is mutated many times
//! with a fixed seed (values swapped for other JSON types, members dropped, strings bent)
//! and each mutant is validated and, when valid, executed with a small event limit.

mod support;

use serde_json::{json, Value};
use support::{json_files, read_json, shared_dir};

const MUTANTS_PER_DEFINITION: usize = 12;

/// SplitMix64: the mutations are the same for the same seed on every platform.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn definitions() -> Vec<(Value, Value)> {
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")];
    if let Some(shared) = shared_dir() {
        dirs.push(shared.join("conformance/asl"));
    }
    let mut out = Vec::new();
    for file in dirs.iter().flat_map(|d| json_files(d)) {
        let doc = read_json(&file);
        let cases = match doc {
            Value::Array(cases) => cases,
            case => vec![case],
        };
        for case in cases {
            if case["definition"].is_object() {
                out.push((
                    case["definition"].clone(),
                    case.get("input").cloned().unwrap_or(json!({})),
                ));
            }
        }
    }
    out
}

/// Every node of a value, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| pointers(v, jsonloc::pointer_push(&at, k), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

fn replacement(rng: &mut Rng, old: &Value) -> Option<Value> {
    let bent = |s: &str| -> Value {
        match s.find(['.', '(', '[', ',']) {
            Some(i) => Value::String(format!("{}{}", &s[..i], &s[i + 1..])),
            None => Value::String(format!("{s}$.[*]('")),
        }
    };
    Some(match rng.next_u64() % 9 {
        0 => Value::Null,
        1 => json!(-1),
        2 => json!(1e300),
        3 => json!("States.Format('{}', $.x"),
        4 => json!([]),
        5 => json!({}),
        6 => json!(true),
        7 => bent(old.as_str()?),
        _ => return None,
    })
}

fn mutate(rng: &mut Rng, definition: &Value) -> Value {
    let mut mutant = definition.clone();
    for _ in 0..=(rng.next_u64() % 3) {
        let mut all = Vec::new();
        pointers(&mutant, String::new(), &mut all);
        let Some(target) = all
            .get((rng.next_u64() % all.len().max(1) as u64) as usize)
            .cloned()
        else {
            continue;
        };
        if target.is_empty() {
            continue;
        }
        let old = mutant.pointer(&target).cloned().unwrap_or(Value::Null);
        match replacement(rng, &old) {
            Some(new) => {
                if let Some(slot) = mutant.pointer_mut(&target) {
                    *slot = new;
                }
            }
            None => {
                let (parent, key) = target.rsplit_once('/').unwrap_or_default();
                match mutant.pointer_mut(parent) {
                    Some(Value::Object(m)) => {
                        m.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(a)) if !a.is_empty() => {
                        a.remove(key.parse::<usize>().unwrap_or(0).min(a.len() - 1));
                    }
                    _ => {}
                }
            }
        }
    }
    mutant
}

#[test]
fn mutated_definitions_never_panic_or_hang() {
    let definitions = definitions();
    assert!(
        definitions.len() >= 200,
        "expected the case files' definitions, found {}",
        definitions.len()
    );
    let mut rng = Rng(2026);
    let options = asl::Options {
        max_events: 2_000,
        ..asl::Options::default()
    };
    let (mut valid, mut ran) = (0, 0);
    for (definition, input) in &definitions {
        for _ in 0..MUTANTS_PER_DEFINITION {
            let mutant = mutate(&mut rng, definition);
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
