//! Runs the built `sfn-play authorize` on every case of `tests/cases/authorize/cases.json`: each
//! case is `{"name", "doc", "input", "expectExit", "expect"}`, where `input` is the file's
//! JSON (one request or an array), and `expect` lists, per printed entry, either the
//! result (`"Allowed"`, ...) or `{"errorCode", "pointer", "messageContains"?}` for an entry
//! reported as invalid. `expect` is absent when nothing is printed on stdout.
//! `expectPositions` gives `{"entry", "pointer", "line", "column"}`: the statement at
//! `pointer` (in the whole file) of that entry's explanation sits at that line and column of
//! the file as the test writes it (`serde_json`'s pretty form).

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// One case of `tests/cases/authorize/cases.json` (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    doc: String,
    input: Value,
    expect_exit: i32,
    expect: Option<Vec<Entry>>,
    #[serde(default)]
    expect_positions: Vec<PositionExpect>,
}

/// Where a statement of one entry's explanation must be located.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionExpect {
    entry: usize,
    pointer: String,
    line: u64,
    column: u64,
}

fn check_position(want: &PositionExpect, entries: &[Value]) -> Result<(), String> {
    let statements = entries
        .get(want.entry)
        .and_then(|e| e.pointer("/explanation/policies"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p.get("statements").and_then(Value::as_array))
        .flatten();
    for st in statements {
        let relative = st.get("pointer").and_then(Value::as_str).unwrap_or("");
        if format!("/{}{relative}", want.entry) == want.pointer {
            let at = (
                st.get("line").and_then(Value::as_u64),
                st.get("column").and_then(Value::as_u64),
            );
            return match at {
                (Some(l), Some(c)) if (l, c) == (want.line, want.column) => Ok(()),
                _ => Err(format!(
                    "{} at {at:?}, expected {}:{}",
                    want.pointer, want.line, want.column
                )),
            };
        }
    }
    Err(format!(
        "no statement {} in entry {}",
        want.pointer, want.entry
    ))
}

/// What one printed entry must be.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Result(String),
    #[serde(rename_all = "camelCase")]
    Error {
        error_code: String,
        pointer: String,
        message_contains: Option<String>,
    },
}

fn check(entry: &Entry, got: &Value) -> Result<(), String> {
    match entry {
        Entry::Result(want) => match got.get("result").and_then(Value::as_str) {
            Some(r) if r == want => Ok(()),
            _ => Err(format!("expected result {want}, got {got}")),
        },
        Entry::Error {
            error_code,
            pointer,
            message_contains,
        } => {
            let e = got
                .get("error")
                .ok_or(format!("expected an error, got {got}"))?;
            let keys: Vec<&str> = e
                .as_object()
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            if keys != ["code", "message", "pointer"] {
                return Err(format!("error keys {keys:?}"));
            }
            let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
            if text("code") != error_code || text("pointer") != pointer {
                return Err(format!("expected {error_code} at {pointer}, got {e}"));
            }
            match message_contains {
                Some(m) if !text("message").contains(m.as_str()) => {
                    Err(format!("message lacks `{m}`: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
}

fn run(case: &Case) -> Result<(), String> {
    if case.doc.is_empty() {
        return Err("no `doc`".into());
    }
    let dir = std::env::temp_dir().join(format!("sfn-play-authorize-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join(format!(
        "{}.json",
        case.name.replace(|c: char| !c.is_alphanumeric(), "_")
    ));
    let text = serde_json::to_string_pretty(&case.input).map_err(|e| e.to_string())?;
    std::fs::write(&file, text).map_err(|e| e.to_string())?;
    let out = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
        .arg("authorize")
        .arg(&file)
        .output()
        .map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&file);
    if out.status.code() != Some(case.expect_exit) {
        return Err(format!(
            "exit {:?}, expected {}; stderr: {}",
            out.status.code(),
            case.expect_exit,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let Some(expect) = &case.expect else {
        return match out.stdout.is_empty() {
            true => Ok(()),
            false => Err("expected nothing on stdout".into()),
        };
    };
    let printed: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let entries = match &printed {
        Value::Array(items) => items.clone(),
        one => vec![one.clone()],
    };
    if entries.len() != expect.len() {
        return Err(format!(
            "{} entries printed, expected {}",
            entries.len(),
            expect.len()
        ));
    }
    expect
        .iter()
        .zip(&entries)
        .enumerate()
        .try_for_each(|(i, (want, got))| check(want, got).map_err(|e| format!("entry {i}: {e}")))?;
    case.expect_positions
        .iter()
        .try_for_each(|want| check_position(want, &entries))
}

#[test]
fn authorize_cases() {
    let cases: Vec<(String, Case)> =
        testkit::cases::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/authorize"));
    assert!(!cases.is_empty());
    testkit::cases::check_all("authorize cases", &cases, |c| &c.name, run);
}
