//! The access analysis commands from the outside (`access`, `findings`,
//! `least-privilege`, `diff-access`), driven by `tests/cases/<command>/*.json`:
//! `{"name", "doc", "scenarios", "args", "at"?, "expect"?, "includes"?, "excludes"?,
//! "count"?, "stderr"?, "exit"}`. Each of `scenarios` (`{NAME: {"preset", "patch"?} |
//! {"scenario"}}`, a scenario a JSON value or a string written as it is) is written to a
//! file, and `{NAME}` in `args` stands for its path. The printed JSON (at the pointer
//! `at`, if given) must equal `expect`; each of `includes` must match an element of it
//! and none of `excludes` may (a pattern matches when each of its members matches the
//! element's, recursively, each element of an array pattern the element of the same
//! place of an array as long; scalars are equal); `count` is its length; without
//! any of these nothing is printed. `stderr` is text standard error must contain. `doc`
//! cites the Access Analyzer or IAM documentation page the expectation follows.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::path::Path;
use std::process::Command;
use testkit::patch::Op;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    doc: String,
    #[serde(default)]
    scenarios: Map<String, Value>,
    args: Vec<String>,
    #[serde(default)]
    at: String,
    expect: Option<Value>,
    #[serde(default)]
    includes: Vec<Value>,
    #[serde(default)]
    excludes: Vec<Value>,
    count: Option<usize>,
    stderr: Option<String>,
    exit: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    preset: Option<String>,
    scenario: Option<Value>,
    #[serde(default)]
    patch: Vec<Op>,
}

fn scenario_text(source: Source) -> String {
    testkit::patch::case_text(
        source.preset.as_deref(),
        source.scenario.as_ref(),
        &source.patch,
        |id| sim::preset(id).map(|p| p.text),
    )
    .unwrap()
}

/// Whether `value` matches `pattern`: each member of an object pattern matches the
/// value's, anything else is equal.
fn matches(pattern: &Value, value: &Value) -> bool {
    match (pattern, value) {
        (Value::Object(p), Value::Object(v)) => p
            .iter()
            .all(|(k, pv)| v.get(k).is_some_and(|vv| matches(pv, vv))),
        (Value::Array(p), Value::Array(v)) => {
            p.len() == v.len() && p.iter().zip(v).all(|(pi, vi)| matches(pi, vi))
        }
        _ => pattern == value,
    }
}

fn check(case: &Case, stdout: &str) -> Result<(), String> {
    let checks = case.expect.is_some()
        || !case.includes.is_empty()
        || !case.excludes.is_empty()
        || case.count.is_some();
    if !checks {
        return match stdout.trim().is_empty() {
            true => Ok(()),
            false => Err("printed something".into()),
        };
    }
    let printed: Value = serde_json::from_str(stdout).map_err(|e| format!("not JSON: {e}"))?;
    let at = printed
        .pointer(&case.at)
        .ok_or_else(|| format!("nothing at {}", case.at))?;
    if let Some(want) = &case.expect {
        if want != at {
            return Err(format!("expected {want}"));
        }
    }
    let items = at.as_array().map(Vec::as_slice).unwrap_or_default();
    for pattern in &case.includes {
        if !items.iter().any(|item| matches(pattern, item)) {
            return Err(format!("nothing matches {pattern}"));
        }
    }
    for pattern in &case.excludes {
        if items.iter().any(|item| matches(pattern, item)) {
            return Err(format!("something matches {pattern}"));
        }
    }
    match case.count {
        Some(n) if n != items.len() => Err(format!("{} items, not {n}", items.len())),
        _ => Ok(()),
    }
}

fn run_cases(command: &str, at_least: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(command);
    let scratch = std::env::temp_dir().join(format!("sfn-play-{command}-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let cases = testkit::cases::load::<Case>(&dir);
    assert!(cases.len() >= at_least, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (label, case) in cases {
        assert!(
            case.doc.starts_with("https://docs.aws.amazon.com/"),
            "{label}: doc"
        );
        let mut args = case.args.clone();
        for (name, source) in &case.scenarios {
            let source: Source = serde_json::from_value(source.clone()).unwrap();
            let path = scratch.join(format!("{name}.json"));
            std::fs::write(&path, scenario_text(source)).unwrap();
            let path = path.display().to_string();
            for arg in &mut args {
                *arg = arg.replace(&format!("{{{name}}}"), &path);
            }
        }
        let output = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
            .arg(command)
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let printed = check(&case, &stdout);
        let stderr_ok = case
            .stderr
            .as_ref()
            .is_none_or(|s| stderr.contains(s.as_str()));
        if output.status.code() != Some(case.exit) || printed.is_err() || !stderr_ok {
            failures.push(format!(
                "{label} {:?}: exit {:?}, {printed:?}\n  stdout {stdout}\n  stderr {stderr}",
                case.name,
                output.status.code(),
            ));
        }
    }
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn access_command() {
    run_cases("access", 8);
}

#[test]
fn findings_command() {
    run_cases("findings", 4);
}

#[test]
fn least_privilege_command() {
    run_cases("least-privilege", 3);
}

#[test]
fn diff_access_command() {
    run_cases("diff-access", 4);
}
