//! Every execution recorded from AWS in `shared/conformance/asl` runs through the engine;
//! at least 95% must match on status, output, error and cause, and 85% on the sequence of
//! event types (the rules of `check.py`).

mod support;

use serde::Deserialize;
use serde_json::Value;
use support::{outcome_matches, run};

/// What the test reads of a recorded execution; its other members (provenance, tags,
/// notes) are left to `check.py`.
#[derive(Deserialize)]
struct Recorded {
    #[serde(default)]
    id: String,
    #[serde(default)]
    definition: Value,
    #[serde(default)]
    input: Value,
    #[serde(default)]
    expect: Value,
    #[serde(default)]
    events: Value,
}

#[test]
fn recorded_aws_executions() {
    let Some(shared) = testkit::shared::dir() else {
        println!("skipped: shared/conformance is absent beside the repository");
        return;
    };
    let files: Vec<(String, Recorded)> = testkit::cases::load(&shared.join("conformance/asl"));
    let (mut outcome_ok, mut events_ok, mut events_total) = (0, 0, 0);
    let mut misses = Vec::new();
    for (_, case) in &files {
        let id = &case.id;
        let out = match run(&case.definition, &case.input, None) {
            Ok(outcome) => outcome.to_json(),
            Err(diags) => serde_json::json!({"status": "INVALID", "cause": diags.join("; ")}),
        };
        if outcome_matches(&case.expect, &out) {
            outcome_ok += 1;
        } else {
            misses.push(format!(
                "outcome {id}: expected {} got {}",
                case.expect, out
            ));
        }
        if let Some(events) = case.events.as_array().filter(|e| !e.is_empty()) {
            events_total += 1;
            let want: Vec<&Value> = events.iter().map(|e| &e["type"]).collect();
            let got: Vec<&Value> = out["events"]
                .as_array()
                .map(|e| e.iter().map(|e| &e["type"]).collect())
                .unwrap_or_default();
            if want == got {
                events_ok += 1;
            } else {
                misses.push(format!("events {id}"));
            }
        }
    }
    for m in &misses {
        println!("miss {}", m.chars().take(400).collect::<String>());
    }
    let outcome_rate = outcome_ok as f64 / files.len().max(1) as f64;
    let events_rate = events_ok as f64 / events_total.max(1) as f64;
    println!(
        "outcome: {outcome_ok}/{} ({:.1}%)",
        files.len(),
        outcome_rate * 100.0
    );
    println!(
        "events:  {events_ok}/{events_total} ({:.1}%)",
        events_rate * 100.0
    );
    assert!(
        files.len() >= 400,
        "expected the 407 recorded cases, found {}",
        files.len()
    );
    assert!(
        outcome_rate >= 0.95,
        "outcome rate {outcome_rate:.3} is under 0.95"
    );
    assert!(
        events_rate >= 0.85,
        "event-sequence rate {events_rate:.3} is under 0.85"
    );
}
