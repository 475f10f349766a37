//! The README's table of what the simulated AWS covers holds: each row's resource, put in a
//! Task of the seed's state machine, is simulated (no `UNSUPPORTED_RESOURCE` warning) when
//! the row says "simulated", and warned about when it says "mocks".

use serde_json::{json, Value};

/// The rows of the README's coverage table: (resource, status).
fn rows() -> Vec<(String, String)> {
    let readme = include_str!("../../../README.md");
    let section = readme
        .split("\n## What the simulated AWS covers")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default();
    section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let [_, resource, _, status] = cells.as_slice() else {
                return None;
            };
            let resource = resource.strip_prefix('`')?.split('`').next()?;
            Some((resource.to_string(), status.to_string()))
        })
        .collect()
}

fn warned(resource: &str) -> bool {
    let seed = sim::presets().first().map(|p| p.text).unwrap_or("{}");
    let mut scenario: Value = serde_json::from_str(seed).unwrap_or_default();
    let machines = &mut scenario["accounts"]["111111111111"]["stateMachines"];
    let Some(first) = machines.as_object_mut().and_then(|m| m.values_mut().next()) else {
        panic!("the seed has no state machine in 111111111111");
    };
    first["definition"] = json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": resource, "End": true}}});
    sim::validate_value(&scenario)
        .iter()
        .any(|d| d.code == sim::Code::UnsupportedResource)
}

#[test]
fn the_readme_coverage_table_matches_the_engine() {
    let rows = rows();
    assert!(
        rows.len() >= 25,
        "only {} rows read from README.md",
        rows.len()
    );
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(resource, status)| {
            let expected_warning = match status.as_str() {
                "simulated" => false,
                "mocks" => true,
                other => return Some(format!("{resource}: unknown status {other:?}")),
            };
            (warned(resource) != expected_warning)
                .then(|| format!("{resource}: README says {status}"))
        })
        .collect();
    assert_eq!(wrong, Vec::<String>::new());
}
