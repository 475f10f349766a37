//! No scenario makes the world panic or run without end: every preset is mutated many
//! times with a fixed seed (values swapped for other JSON types, members dropped) and each
//! mutant is validated and, when it parses, run.

use asl::rng::Rng;
use serde_json::{json, Value};

const MUTANTS_PER_PRESET: usize = 300;

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

fn mutate(rng: &mut Rng, doc: &Value) -> Value {
    let mut mutant = doc.clone();
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
        let new = match rng.next_u64() % 8 {
            0 => Some(Value::Null),
            1 => Some(json!(-1)),
            2 => Some(json!("*")),
            3 => Some(json!("arn:aws:iam::999999999999:role/Nope")),
            4 => Some(json!([])),
            5 => Some(json!({})),
            6 => Some(json!(false)),
            _ => None,
        };
        match new {
            Some(v) => {
                if let Some(slot) = mutant.pointer_mut(&target) {
                    *slot = v;
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
fn mutated_scenarios_never_panic_or_hang() {
    let mut rng = Rng::new(7);
    let (mut ran, mut rejected) = (0, 0);
    for preset in sim::presets() {
        let doc: Value = serde_json::from_str(preset.text).expect("preset JSON");
        for _ in 0..MUTANTS_PER_PRESET {
            let text = mutate(&mut rng, &doc).to_string();
            let diagnostics = sim::validate_text(&text);
            match sim::Scenario::parse_text(&text) {
                Ok(scenario) => {
                    let report = sim::run(&scenario).to_json();
                    assert!(
                        report["status"].is_string(),
                        "a run always ends with a status"
                    );
                    ran += 1;
                }
                Err(errors) => {
                    assert!(!errors.is_empty(), "a rejected scenario must say why");
                    assert!(diagnostics
                        .iter()
                        .any(|d| d.severity == sim::Severity::Error));
                    rejected += 1;
                }
            }
        }
    }
    println!(
        "{} scenario mutants: {ran} ran, {rejected} rejected with diagnostics",
        ran + rejected
    );
    assert!(ran > 0 && rejected > 0);
}
