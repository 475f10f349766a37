//! `sfn-play simulate` from the outside, driven by `tests/cases/simulate/*.json`:
//! `{"name", "doc", "preset" | "scenario", "patch"?, "args", "context"?, "expect"?,
//! "stderr"?, "exit"}`. The scenario (a preset's text with `patch` applied, or `scenario`:
//! a JSON value, or a string written as it is) is written to a file passed with
//! `--scenario`; `context` is written to a file passed with `--context`; `args` follow.
//! `expect` is `{"result", "headline"}` of the printed simulation's verdict, word for word
//! (without it nothing is printed on stdout); `stderr` is text standard error must
//! contain. `doc` cites the AWS page the expectation follows.

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
    args: Vec<String>,
    context: Option<Value>,
    expect: Option<Expect>,
    stderr: Option<String>,
    exit: i32,
}

/// The verdict the printed simulation must hold.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    result: String,
    headline: String,
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
fn simulate_command() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/simulate");
    let scratch = std::env::temp_dir().join(format!("sfn-play-simulate-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let cases = testkit::cases::load::<Case>(&dir);
    assert!(cases.len() >= 12, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (label, case) in cases {
        assert!(
            case.doc.starts_with("https://docs.aws.amazon.com/"),
            "{label}: doc"
        );
        let scenario = scratch.join("scenario.json");
        std::fs::write(&scenario, scenario_text(&case)).unwrap();
        let mut args = vec!["--scenario".to_string(), scenario.display().to_string()];
        if let Some(context) = &case.context {
            let path = scratch.join("context.json");
            std::fs::write(&path, context.to_string()).unwrap();
            args.extend(["--context".to_string(), path.display().to_string()]);
        }
        args.extend(case.args.iter().cloned());
        let output = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
            .arg("simulate")
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let printed_ok = match &case.expect {
            None => stdout.trim().is_empty(),
            Some(want) => serde_json::from_str::<Value>(&stdout).is_ok_and(|v| {
                v["verdict"]["result"] == want.result.as_str()
                    && v["verdict"]["headline"] == want.headline.as_str()
            }),
        };
        let stderr_ok = case
            .stderr
            .as_ref()
            .is_none_or(|s| stderr.contains(s.as_str()));
        if output.status.code() != Some(case.exit) || !printed_ok || !stderr_ok {
            failures.push(format!(
                "{label} {:?}: exit {:?}\n  stdout {stdout}\n  stderr {stderr}",
                case.name,
                output.status.code(),
            ));
        }
    }
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
