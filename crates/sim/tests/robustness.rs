//! No scenario makes the world panic or run without end: every preset is mutated many
//! times with a fixed seed (values swapped for other JSON types, members dropped) and each
//! mutant is validated and, when it parses, run; its diagnostics and its report read back
//! from their JSON as they were, every call has a headline, and every fix offered applies
//! to the mutant and shows as a diff.

use serde_json::{json, Value};
use testkit::mutate::Mutator;

const MUTANTS_PER_PRESET: usize = 300;

/// Values swapped in for any node.
fn palette() -> Vec<Value> {
    vec![
        Value::Null,
        json!(-1),
        json!("*"),
        json!("arn:aws:iam::999999999999:role/Nope"),
        json!([]),
        json!({}),
        json!(false),
    ]
}

#[test]
fn mutated_scenarios_never_panic_or_hang() {
    let mut mutator = Mutator::new(7, palette());
    let (mut ran, mut rejected, mut fixes) = (0, 0, 0);
    for preset in sim::presets() {
        let doc: Value = serde_json::from_str(preset.text).expect("preset JSON");
        for _ in 0..MUTANTS_PER_PRESET {
            let mutant = mutator.mutate(&doc);
            let text = mutant.to_string();
            let diagnostics = sim::validate_text(&text);
            let json = serde_json::to_value(&diagnostics).expect("diagnostics serialize");
            let read: Vec<sim::Diagnostic> = serde_json::from_value(json).expect("they read back");
            assert_eq!(read, diagnostics);
            match sim::Scenario::parse_text(&text) {
                Ok(scenario) => {
                    let report = sim::run(&scenario);
                    let json = report.to_json();
                    let read: sim::Report =
                        serde_json::from_value(json.clone()).expect("the report reads back");
                    assert_eq!(read, report);
                    for call in &report.calls {
                        assert!(!call.decision.headline.is_empty());
                        for fix in &call.decision.fixes {
                            let mut fixed = mutant.clone();
                            sim::apply_fix(&mut fixed, fix).expect("a fix applies");
                            let diff = sim::fix_diff(&mutant, fix).expect("a fix shows");
                            assert!(diff.iter().any(|l| l.kind != sim::DiffKind::Same));
                            fixes += 1;
                        }
                    }
                    let report = json;
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
        "{} scenario mutants: {ran} ran, {rejected} rejected with diagnostics, {fixes} fixes offered",
        ran + rejected
    );
    assert!(ran > 0 && rejected > 0 && fixes > 0);
}
