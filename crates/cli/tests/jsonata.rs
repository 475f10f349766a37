//! `sfn-play jsonata` from the outside, driven by `tests/cases/jsonata/cases.json`: `{"name",
//! "args", "input"?, "bindings"?, "stdout"?, "exitOnly"?, "exit"}`. The input and bindings
//! are written to files passed with `--input` and `--bindings`. Without `stdout` nothing is
//! printed on stdout; with `exitOnly` only the error code of `stdout` is compared.

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    args: Vec<String>,
    input: Option<Value>,
    bindings: Option<Value>,
    stdout: Option<Value>,
    #[serde(default)]
    exit_only: bool,
    exit: i32,
}

#[test]
fn jsonata_command() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/jsonata");
    let scratch = std::env::temp_dir().join(format!("sfn-play-jsonata-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut failures = Vec::new();
    for (label, case) in testkit::cases::load::<Case>(&dir) {
        let mut args = case.args.clone();
        for (flag, value) in [("input", &case.input), ("bindings", &case.bindings)] {
            if let Some(value) = value {
                let path = scratch.join(format!("{flag}.json"));
                std::fs::write(&path, value.to_string()).unwrap();
                args.extend([format!("--{flag}"), path.display().to_string()]);
            }
        }
        let output = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
            .arg("jsonata")
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let printed: Option<Value> = serde_json::from_str(stdout.trim()).ok();
        let printed_ok = match (&case.stdout, &printed) {
            (None, _) => stdout.trim().is_empty(),
            (Some(expected), Some(got)) if case.exit_only => {
                got["error"]["code"] == expected["error"]["code"]
            }
            (Some(expected), Some(got)) => expected == got,
            (Some(_), None) => false,
        };
        if output.status.code() != Some(case.exit) || !printed_ok {
            failures.push(format!(
                "{label} {:?}: exit {:?}, stdout {stdout}, stderr {}",
                case.name,
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
