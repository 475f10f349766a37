//! `sfn-play run SCENARIO` from the outside, driven by `tests/cases/run/*.json`:
//! `{"name", "doc", "preset" | "scenario", "patch"?, "expect", "stderr", "exit"}`. The
//! scenario (a preset's text with `patch` applied, or `scenario`) is written to a file and
//! run; `expect` is `{"status", "paused"}`: the printed report's status and the states of
//! its paused Tasks, in order; `stderr` lists texts standard error must contain (the paused
//! Tasks in words), or must be empty when the list is. `doc` cites the AWS page.

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use testkit::patch::Op;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// The AWS documentation page the expectation follows.
    doc: String,
    preset: Option<String>,
    scenario: Option<Value>,
    #[serde(default)]
    patch: Vec<Op>,
    expect: Expect,
    stderr: Vec<String>,
    exit: i32,
}

/// What the printed report must hold.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: String,
    paused: Vec<String>,
}

fn scenario_text(case: &Case) -> String {
    testkit::patch::case_text(
        case.preset.as_deref(),
        case.scenario.as_ref(),
        &case.patch,
        |id| sim::preset(id).map(|p| p.text),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

#[test]
fn run_command_reports_paused_tasks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/run");
    let scratch = std::env::temp_dir().join(format!("sfn-play-run-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let cases = testkit::cases::load::<Case>(&dir);
    assert!(cases.len() >= 3, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (label, case) in cases {
        assert!(
            case.doc.starts_with("https://docs.aws.amazon.com/"),
            "{label}: doc"
        );
        let scenario = scratch.join("scenario.json");
        std::fs::write(&scenario, scenario_text(&case)).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
            .arg("run")
            .arg(&scenario)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let report: Value = serde_json::from_str(&stdout).unwrap_or_default();
        let paused: Vec<&str> = report["paused"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["state"].as_str())
            .collect();
        let printed_ok =
            report["status"] == case.expect.status.as_str() && paused == case.expect.paused;
        let stderr_ok = match case.stderr.is_empty() {
            true => stderr.trim().is_empty(),
            false => case.stderr.iter().all(|s| stderr.contains(s.as_str())),
        };
        if output.status.code() != Some(case.exit) || !printed_ok || !stderr_ok {
            failures.push(format!(
                "{label} {:?}: exit {:?}, status {}, paused {paused:?}\n  stderr {stderr}",
                case.name,
                output.status.code(),
                report["status"],
            ));
        }
    }
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
