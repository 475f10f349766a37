//! `sfn-play run` on hostile inputs, from the outside, driven by `tests/cases/budget/*.json`:
//! `{"name", "doc", "definition" + "input"? | "scenario", "fill"?, "expect", "maxMegabytes"}`.
//! The definition (or scenario) and input, with `fill`'s large values made
//! (`testkit::fill`, paths under `/definition`, `/input` or `/scenario`), are written to files
//! and run; `expect` is `{"exit", "status"?, "error"?, "causeContains"?, "stderrContains"?}`:
//! the printed outcome's status and error and part of its cause, read from the head of the
//! output (the rest is not read: the program ends quietly when its reader goes away), and
//! part of standard error. The program's peak resident memory, read with `wait4`, must stay
//! under `maxMegabytes`: the run ends at its limit instead of exhausting memory or stack.
#![cfg(unix)]

use serde::Deserialize;
use serde_json::{json, Value};
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    /// The AWS documentation page the limit or error comes from.
    doc: String,
    definition: Option<Value>,
    #[serde(default = "empty_object")]
    input: Value,
    scenario: Option<Value>,
    #[serde(default)]
    fill: Vec<testkit::fill::Fill>,
    expect: Expect,
    max_megabytes: u64,
}

fn empty_object() -> Value {
    json!({})
}

/// What the run must show.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    exit: i32,
    status: Option<String>,
    error: Option<String>,
    cause_contains: Option<String>,
    stderr_contains: Option<String>,
}

/// How a run of the program went.
struct Ran {
    exit: i32,
    /// The outcome's head: `{"status", "output", "error", "cause"}`, when printed.
    head: Value,
    stderr: String,
    peak_megabytes: u64,
}

/// The outcome's members before its events, read from the start of the output.
fn head(printed: &str) -> Value {
    let Some(at) = printed.find(",\"events\":") else {
        return Value::Null;
    };
    serde_json::from_str(&format!("{}}}", &printed[..at])).unwrap_or_default()
}

/// Runs `sfn-play run ARGS`, reads the head of its output and then stops reading, and
/// collects its exit code and peak memory.
// The child is waited for with wait4, which std's handle does not see.
#[allow(clippy::zombie_processes)]
fn run(args: &[&Path]) -> Ran {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
        .arg("run")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sfn-play starts");
    let mut printed = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        let mut chunk = [0u8; 1 << 16];
        // Up to the events (1 MiB at most); then the pipe closes under the writer.
        while !String::from_utf8_lossy(&printed).contains(",\"events\":") && printed.len() < 1 << 20
        {
            match out.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => printed.extend_from_slice(&chunk[..n]),
            }
        }
    }
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills; the pid is our own child's,
    // waited for once (std's handle is never waited on).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let exit = std::process::ExitStatus::from_raw(status);
    Ran {
        exit: exit.code().unwrap_or(-1),
        head: head(&String::from_utf8_lossy(&printed)),
        stderr,
        // Linux reports kilobytes.
        peak_megabytes: u64::try_from(usage.ru_maxrss).unwrap_or(0) / 1024,
    }
}

fn check(case: &Case, scratch: &Path) -> Result<(), String> {
    if !case.doc.starts_with("https://docs.aws.amazon.com/") {
        return Err("doc must cite an AWS page".into());
    }
    let mut doc =
        json!({"definition": case.definition, "input": case.input, "scenario": case.scenario});
    testkit::fill::apply(&mut doc, &case.fill)?;
    let write = |name: &str, value: &Value| {
        let path = scratch.join(name);
        std::fs::write(&path, value.to_string()).map(|()| path)
    };
    let files = match (&doc["definition"], &doc["scenario"]) {
        (Value::Null, Value::Null) | (Value::Object(_), Value::Object(_)) => {
            return Err("give `definition` or `scenario`".into())
        }
        (Value::Null, scenario) => {
            vec![write("scenario.json", scenario).map_err(|e| e.to_string())?]
        }
        (definition, _) => vec![
            "--definition".into(),
            write("definition.json", definition).map_err(|e| e.to_string())?,
            "--input".into(),
            write("input.json", &doc["input"]).map_err(|e| e.to_string())?,
        ],
    };
    let args: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let ran = run(&args);
    let e = &case.expect;
    if ran.exit != e.exit {
        return Err(format!(
            "exit {} (stderr {}), expected {}",
            ran.exit, ran.stderr, e.exit
        ));
    }
    for (key, want) in [("status", &e.status), ("error", &e.error)] {
        if let Some(want) = want {
            if ran.head[key] != want.as_str() {
                return Err(format!(
                    "{key} {}, expected {want} (head {})",
                    ran.head[key], ran.head
                ));
            }
        }
    }
    if let Some(part) = &e.cause_contains {
        if !ran.head["cause"]
            .as_str()
            .is_some_and(|c| c.contains(part.as_str()))
        {
            return Err(format!("cause {} lacks '{part}'", ran.head["cause"]));
        }
    }
    if let Some(part) = &e.stderr_contains {
        if !ran.stderr.contains(part.as_str()) {
            return Err(format!("standard error lacks '{part}': {}", ran.stderr));
        }
    }
    println!("{}: peak {} MB", case.name, ran.peak_megabytes);
    if ran.peak_megabytes > case.max_megabytes {
        return Err(format!(
            "peak memory {} MB, over {} MB",
            ran.peak_megabytes, case.max_megabytes
        ));
    }
    Ok(())
}

#[test]
fn hostile_runs_end_at_their_limits_within_bounded_memory() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/budget");
    let scratch = std::env::temp_dir().join(format!("sfn-play-budget-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let cases = testkit::cases::load::<Case>(&dir);
    assert!(cases.len() >= 8, "{} cases", cases.len());
    testkit::cases::check_all(
        "budget cases",
        &cases,
        |c| &c.name,
        |case| check(case, &scratch),
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn the_head_of_an_outcome_is_read_before_its_events() {
    let printed = r#"{"status":"FAILED","output":null,"error":"E","cause":"c","events":[{"id":1"#;
    assert_eq!(
        head(printed),
        json!({"status": "FAILED", "output": null, "error": "E", "cause": "c"})
    );
    assert_eq!(head("{\"status\""), Value::Null);
}
