//! The access analysis commands: `sfn-play access SCENARIO [--resource ARN] [--principal
//! ARN]` (who can reach what, and how), `sfn-play findings SCENARIO` (external and public
//! access, confused deputies), `sfn-play least-privilege SCENARIO` (from the scenario's
//! run) and `sfn-play diff-access OLD NEW` (access gained and lost).

use crate::files::Args;
use serde::Serialize;

/// `access`: prints every reach as JSON; 0 when analysed, 2 for bad input.
pub fn reach(args: &[String]) -> u8 {
    report(analyse_reach(args).map(|json| (json, false)))
}

/// `findings`: prints the findings as JSON; 1 when there is any, 0 when none, 2 for bad
/// input.
pub fn findings(args: &[String]) -> u8 {
    report(one_scenario(args, "findings").and_then(|scenario| {
        let findings = access::findings(&scenario);
        Ok((to_json(&findings)?, !findings.is_empty()))
    }))
}

/// `least-privilege`: runs the scenario and prints each role's least privilege as JSON; 0
/// when analysed, 2 for bad input.
pub fn least_privilege(args: &[String]) -> u8 {
    report(one_scenario(args, "least-privilege").and_then(|scenario| {
        let run = sim::run(&scenario);
        Ok((to_json(&access::least_privilege(&scenario, &run))?, false))
    }))
}

/// `diff-access`: prints `{"gained", "lost"}`; 1 when anything was gained or lost, 0 when
/// nothing, 2 for bad input.
pub fn diff(args: &[String]) -> u8 {
    let result = Args::parse(args, &[])
        .map_err(|e| format!("sfn-play diff-access: {e}"))
        .and_then(|args| match args.positional.as_slice() {
            [old, new] => Ok((crate::scenario::read(old)?, crate::scenario::read(new)?)),
            _ => Err("sfn-play diff-access: give OLD and NEW scenario files".to_string()),
        })
        .and_then(|(old, new)| {
            let diff = access::diff_access(&old, &new);
            Ok((to_json(&diff)?, !diff.is_empty()))
        });
    report(result)
}

fn analyse_reach(args: &[String]) -> Result<String, String> {
    let args = Args::parse(args, &["resource", "principal"])
        .map_err(|e| format!("sfn-play access: {e}"))?;
    let [path] = args.positional.as_slice() else {
        return Err("sfn-play access: give one SCENARIO file".into());
    };
    let scenario = crate::scenario::read(path)?;
    let filter = access::ReachFilter {
        resource: args.flag("resource").map(str::to_string),
        principal: args.flag("principal").map(str::to_string),
    };
    let reach = access::reach(&scenario, &filter).map_err(|e| format!("sfn-play access: {e}"))?;
    to_json(&reach)
}

/// The one scenario file `command` takes.
fn one_scenario(args: &[String], command: &str) -> Result<sim::Scenario, String> {
    let args = Args::parse(args, &[]).map_err(|e| format!("sfn-play {command}: {e}"))?;
    match args.positional.as_slice() {
        [path] => crate::scenario::read(path),
        _ => Err(format!("sfn-play {command}: give one SCENARIO file")),
    }
}

fn to_json(value: &impl Serialize) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| format!("sfn-play: {e}"))
}

/// Prints the JSON and exits 1 when there is something to report, 0 otherwise; prints
/// the error and exits 2.
fn report(result: Result<(String, bool), String>) -> u8 {
    match result {
        Ok((json, something)) => {
            crate::output::print(json);
            u8::from(something)
        }
        Err(message) => {
            warn!("{message}");
            2
        }
    }
}
