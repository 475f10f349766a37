//! Scoring executions recorded from AWS (`shared/conformance/…`) as `check.py` does: the
//! outcome (status, output, error, cause) and the sequence of event types.

use super::{outcome_matches, run};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

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

/// The figures of one corpus: outcomes matched, event sequences matched (of those
/// recorded), and each miss in words.
pub struct Score {
    pub cases: usize,
    pub outcome_ok: usize,
    pub events_ok: usize,
    pub events_total: usize,
    pub misses: Vec<String>,
}

impl Score {
    /// Prints every miss and the two rates.
    pub fn print(&self) {
        for m in &self.misses {
            println!("miss {}", m.chars().take(400).collect::<String>());
        }
        println!(
            "outcome: {}/{} ({:.1}%)",
            self.outcome_ok,
            self.cases,
            self.outcome_rate() * 100.0
        );
        println!(
            "events:  {}/{} ({:.1}%)",
            self.events_ok,
            self.events_total,
            self.events_rate() * 100.0
        );
    }

    /// The share of outcomes matched.
    pub fn outcome_rate(&self) -> f64 {
        self.outcome_ok as f64 / self.cases.max(1) as f64
    }

    /// The share of recorded event sequences matched.
    pub fn events_rate(&self) -> f64 {
        self.events_ok as f64 / self.events_total.max(1) as f64
    }
}

/// Runs every recorded execution under `dir` and scores it.
pub fn score(dir: &Path) -> Score {
    let files: Vec<(String, Recorded)> = testkit::cases::load(dir);
    let mut score = Score {
        cases: files.len(),
        outcome_ok: 0,
        events_ok: 0,
        events_total: 0,
        misses: Vec::new(),
    };
    for (_, case) in &files {
        let id = &case.id;
        let out = match run(&case.definition, &case.input, None) {
            Ok(outcome) => outcome.to_json(),
            Err(diags) => serde_json::json!({"status": "INVALID", "cause": diags.join("; ")}),
        };
        if outcome_matches(&case.expect, &out) {
            score.outcome_ok += 1;
        } else {
            score.misses.push(format!(
                "outcome {id}: expected {} got {}",
                case.expect, out
            ));
        }
        if let Some(events) = case.events.as_array().filter(|e| !e.is_empty()) {
            score.events_total += 1;
            let want: Vec<&Value> = events.iter().map(|e| &e["type"]).collect();
            let got: Vec<&Value> = out["events"]
                .as_array()
                .map(|e| e.iter().map(|e| &e["type"]).collect())
                .unwrap_or_default();
            if want == got {
                score.events_ok += 1;
            } else {
                score.misses.push(format!("events {id}"));
            }
        }
    }
    score
}
