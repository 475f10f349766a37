//! `sfn-play test-state` from the outside, driven by `tests/cases/test-state/*.json`:
//! `{"name", "doc", "definition"?, "preset"?, "patch"?, "machine"?, "args"?, "input"?,
//! "variables"?, "mock"?, "context"?, "stdout"?, "stderr"?, "exit"}`. The definition (a
//! JSON value, or a string written as it is, for text that is not JSON or whose layout
//! matters), input, variables, mock and context are written to files passed with their
//! flags; `input`, `variables` and `context` hold the file's text. `preset` is a built-in
//! scenario (`sim::preset`), `patch` edits it (`add`, `remove`, `replace`), and it is
//! written to a file passed with `--scenario`; `machine` is passed with `--machine`.
//! Without `stdout` nothing is printed on stdout; `stderr` is text standard error must
//! contain.

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
    definition: Option<Value>,
    preset: Option<String>,
    #[serde(default)]
    patch: Vec<Op>,
    machine: Option<String>,
    #[serde(default)]
    args: Vec<String>,
    input: Option<String>,
    variables: Option<String>,
    mock: Option<Value>,
    context: Option<String>,
    stdout: Option<Value>,
    stderr: Option<String>,
    exit: i32,
}

#[test]
fn test_state_command() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/test-state");
    let scratch = std::env::temp_dir().join(format!("sfn-play-test-state-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let cases = testkit::cases::load::<Case>(&dir);
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (label, case) in cases {
        assert!(
            case.doc.starts_with("https://docs.aws.amazon.com/"),
            "{label}: doc"
        );
        let mut args = Vec::new();
        if let Some(definition) = &case.definition {
            let text = match definition {
                Value::String(text) => text.clone(),
                other => serde_json::to_string_pretty(other).unwrap(),
            };
            let path = scratch.join("definition.json");
            std::fs::write(&path, text).unwrap();
            args.extend(["--definition".to_string(), path.display().to_string()]);
        }
        if let Some(id) = &case.preset {
            let preset = sim::preset(id).unwrap_or_else(|| panic!("{label}: no preset {id}"));
            let mut scenario: Value = serde_json::from_str(preset.text).unwrap();
            testkit::patch::apply(&mut scenario, &case.patch)
                .unwrap_or_else(|e| panic!("{label}: {e}"));
            let path = scratch.join("scenario.json");
            std::fs::write(&path, serde_json::to_string_pretty(&scenario).unwrap()).unwrap();
            args.extend(["--scenario".to_string(), path.display().to_string()]);
        }
        if let Some(machine) = &case.machine {
            args.extend(["--machine".to_string(), machine.clone()]);
        }
        let mock = case.mock.as_ref().map(Value::to_string);
        for (flag, text) in [
            ("input", &case.input),
            ("variables", &case.variables),
            ("mock", &mock),
            ("context", &case.context),
        ] {
            if let Some(text) = text {
                let path = scratch.join(format!("{flag}.json"));
                std::fs::write(&path, text).unwrap();
                args.extend([format!("--{flag}"), path.display().to_string()]);
            }
        }
        args.extend(case.args.iter().cloned());
        let output = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
            .arg("test-state")
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let printed_ok = match &case.stdout {
            None => stdout.trim().is_empty(),
            // Key order is part of the expectation: compare the texts.
            Some(expected) => {
                let text = serde_json::to_string(expected).unwrap();
                stdout.trim() == text
            }
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
