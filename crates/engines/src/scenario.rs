//! Running a scenario, as `sfn-play run SCENARIO` does.

/// Parses and runs a scenario document: its report (every execution, API call and IAM
/// decision), or the problems that keep it from running.
pub fn run_scenario(text: &str) -> Result<sim::Report, Vec<sim::Diagnostic>> {
    let scenario = sim::Scenario::parse_text(text)?;
    Ok(sim::run(&scenario))
}
