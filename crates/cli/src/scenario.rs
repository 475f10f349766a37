//! Scenarios from the command line: `sfn-play run SCENARIO` prints the report of the run
//! (every execution, every API call and its IAM decision, the Tasks left waiting for their
//! token, which standard error also describes in words).

use crate::files::read_text;

/// Runs a scenario: 0 when the execution ran (whatever its status), 2 when the scenario is
/// unreadable or has errors (printed as `file:line:col: severity code pointer message`).
pub fn run(path: &str) -> u8 {
    let report = read_text(path)
        .map_err(|e| e.to_string())
        .and_then(|text| engines::run_scenario(&text).map_err(|d| problems(path, &d)));
    match report {
        Ok(report) => {
            // Written as it is serialized: the report is not copied into one JSON value first.
            crate::output::stream(|w| serde_json::to_writer(w, &report).map_err(Into::into));
            for paragraph in crate::paused::describe(&report) {
                warn!("{paragraph}");
            }
            0
        }
        Err(message) => {
            warn!("{message}");
            2
        }
    }
}

/// Reads the scenario at `path`; its errors, one a line, as
/// `file:line:col: severity code pointer message`.
pub fn read(path: &str) -> Result<sim::Scenario, String> {
    let text = read_text(path).map_err(|e| e.to_string())?;
    sim::Scenario::parse_text(&text).map_err(|d| problems(path, &d))
}

/// A scenario's problems, one a line: `file:line:col: severity code pointer message`.
pub fn problems(path: &str, diagnostics: &[sim::Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            let at = d.position.map(|p| format!(":{p}")).unwrap_or_default();
            let pointer = if d.pointer.is_empty() {
                "/"
            } else {
                &d.pointer
            };
            format!(
                "{path}{at}: {} {} {pointer} {}",
                d.severity.as_str(),
                d.code,
                d.message
            )
        })
        .collect();
    lines.join("\n")
}
