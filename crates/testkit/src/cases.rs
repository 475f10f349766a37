//! Typed case files. A case file holds an array of cases, an object with a `"cases"` array
//! (its other members describe the file for readers, e.g. `"source"` or `"docs"`, and are not
//! read), or a single case object. Each case deserializes into the test's own case type; with
//! `#[serde(deny_unknown_fields)]` on it a misspelt key is an error naming the file and case.

use crate::shared::{json_files, try_read_json};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The cases of every `.json` file of a folder, in file order, each labelled `file#index`.
///
/// # Panics
/// When a file is not JSON, not a case file, or a case does not fit `T`.
pub fn load<T: DeserializeOwned>(dir: &Path) -> Vec<(String, T)> {
    load_files(&json_files(dir))
}

/// The cases of the given files, in order, each labelled `file#index` (just `file` for a
/// file holding one case object).
///
/// # Panics
/// When a file is not JSON, not a case file, or a case does not fit `T`.
pub fn load_files<T: DeserializeOwned>(files: &[PathBuf]) -> Vec<(String, T)> {
    try_load_files(files).unwrap_or_else(|e| panic!("{e}"))
}

/// The cases of the given files, or an error naming the file and case that does not fit.
pub fn try_load_files<T: DeserializeOwned>(files: &[PathBuf]) -> Result<Vec<(String, T)>, String> {
    let mut out = Vec::new();
    for path in files {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let labelled: Vec<(String, Value)> = match try_read_json(path)? {
            Value::Array(cases) => numbered(&file, cases),
            Value::Object(mut doc) => match doc.remove("cases") {
                Some(Value::Array(cases)) => numbered(&file, cases),
                Some(_) => return Err(format!("{}: \"cases\" is not an array", path.display())),
                None => vec![(file, Value::Object(doc))],
            },
            _ => {
                return Err(format!(
                    "{}: a case file holds an array or an object",
                    path.display()
                ))
            }
        };
        for (label, case) in labelled {
            let name = case.get("name").and_then(Value::as_str).map(str::to_string);
            let typed = T::deserialize(case).map_err(|e| match name {
                Some(name) => format!("{} ({label}, {name:?}): {e}", path.display()),
                None => format!("{} ({label}): {e}", path.display()),
            })?;
            out.push((label, typed));
        }
    }
    Ok(out)
}

fn numbered(file: &str, cases: Vec<Value>) -> Vec<(String, Value)> {
    cases
        .into_iter()
        .enumerate()
        .map(|(i, case)| (format!("{file}#{i}"), case))
        .collect()
}

/// Runs `check` on every case, prints `{what}: passed/total pass`, and fails the test
/// listing each failed case (its label, name and why). Fails too when there is no case.
pub fn check_all<T>(
    what: &str,
    cases: &[(String, T)],
    name: impl Fn(&T) -> &str,
    check: impl Fn(&T) -> Result<(), String>,
) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(label, case)| {
            check(case)
                .err()
                .map(|e| format!("{label} {:?}: {e}", name(case)))
        })
        .collect();
    let total = cases.len();
    println!("{what}: {}/{total} pass", total - failures.len());
    assert!(total > 0, "{what}: no cases found");
    assert!(
        failures.is_empty(),
        "{what}: {} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Case {
        name: String,
        #[serde(default)]
        n: u32,
    }

    fn files(contents: &[(&str, &str)]) -> (PathBuf, Vec<PathBuf>) {
        let dir = std::env::temp_dir().join(format!(
            "testkit-cases-{}-{}",
            std::process::id(),
            contents[0].0
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in contents {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let files = json_files(&dir);
        (dir, files)
    }

    #[test]
    fn reads_arrays_case_lists_and_single_cases() {
        let (dir, paths) = files(&[
            ("a.json", r#"[{"name": "x"}, {"name": "y", "n": 2}]"#),
            ("b.json", r#"{"source": "docs", "cases": [{"name": "z"}]}"#),
            ("c.json", r#"{"name": "only"}"#),
        ]);
        let cases: Vec<(String, Case)> = load(&dir);
        let labels: Vec<&str> = cases.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["a.json#0", "a.json#1", "b.json#0", "c.json"]);
        assert_eq!(
            cases[1].1,
            Case {
                name: "y".into(),
                n: 2
            }
        );
        assert_eq!(load_files::<Case>(&paths[2..]).len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_misspelt_key_names_the_file_and_case() {
        let (dir, paths) = files(&[("d.json", r#"[{"name": "ok"}, {"name": "bad", "m": 1}]"#)]);
        let err = try_load_files::<Case>(&paths).unwrap_err();
        assert!(err.contains("d.json#1"), "{err}");
        assert!(err.contains("\"bad\""), "{err}");
        assert!(err.contains("unknown field `m`"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn other_documents_are_not_case_files() {
        let (dir, paths) = files(&[("e.json", "3"), ("f.json", r#"{"cases": 1}"#)]);
        assert!(try_load_files::<Case>(&paths[..1]).is_err());
        assert!(try_load_files::<Case>(&paths[1..]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn check_all_passes_when_every_case_does() {
        let cases = vec![("a.json#0".to_string(), 1), ("a.json#1".to_string(), 2)];
        check_all(
            "numbers",
            &cases,
            |_| "n",
            |n| (*n > 0).then_some(()).ok_or("zero".into()),
        );
    }

    #[test]
    #[should_panic(expected = "a.json#1 \"two\": too big")]
    fn check_all_names_each_failed_case() {
        let cases = vec![("a.json#0".to_string(), 1), ("a.json#1".to_string(), 2)];
        check_all(
            "numbers",
            &cases,
            |n| if *n == 1 { "one" } else { "two" },
            |n| (*n < 2).then_some(()).ok_or("too big".into()),
        );
    }
}
