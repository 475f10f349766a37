//! `sfn-play run`: execute a definition and print the outcome with its history.

use crate::files::{read_json, read_text, Args};
use asl::DiagnosticCode;
use engines::{RunError, RunOptions};
use serde_json::Value;

/// Runs the command; the exit code is 0 whenever the execution ran.
pub fn main(args: &[String]) -> u8 {
    if let [path] = args {
        if !path.starts_with("--") {
            return crate::scenario::run(path);
        }
    }
    match run(args) {
        Ok(outcome) => {
            crate::output::stream(|w| outcome.write_json(w));
            0
        }
        Err(message) => {
            warn!("{message}");
            2
        }
    }
}

fn run(args: &[String]) -> Result<asl::Outcome, String> {
    let args = Args::parse(args, &["definition", "input", "mocks", "test-case", "seed"])?;
    let flag = |name: &str| args.flag(name);
    if let Some(extra) = args.positional.first() {
        return Err(format!("sfn-play run: unexpected argument '{extra}'"));
    }
    let definition_path =
        flag("definition").ok_or("sfn-play run: --definition FILE is required")?;
    let text = read_text(definition_path).map_err(|e| e.to_string())?;
    let input = match flag("input") {
        Some(path) => read_json(path).map_err(|e| e.to_string())?.1,
        None => Value::Object(Default::default()),
    };
    let mut options = RunOptions {
        name: std::path::Path::new(definition_path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("Playground")
            .to_string(),
        ..RunOptions::default()
    };
    if let Some(seed) = flag("seed") {
        options.seed = Some(
            seed.parse()
                .map_err(|_| format!("--seed must be a whole number, not '{seed}'"))?,
        );
    }
    let mocks_path = match (flag("mocks"), flag("test-case")) {
        (Some(path), Some(case)) => {
            let (_, config) = read_json(path).map_err(|e| e.to_string())?;
            options.mocks = Some((config, case.to_string()));
            path
        }
        (None, None) => "",
        _ => return Err("sfn-play run: --mocks and --test-case go together".into()),
    };
    engines::run_definition(&text, input, &options).map_err(|e| match e {
        RunError::Definition(diags) => diags
            .iter()
            .map(|d| match d.position {
                Some(p) => format!(
                    "{definition_path}:{p}: {} {}: {}",
                    d.code.as_str(),
                    d.pointer,
                    d.message
                ),
                None => format!(
                    "{definition_path}: {} {}: {}",
                    d.code.as_str(),
                    d.pointer,
                    d.message
                ),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        RunError::Mocks(e) => format!("{mocks_path}: {e}"),
        RunError::Input(message) => format!("{}: {message}", flag("input").unwrap_or("input")),
    })
}
