//! `sfn-play simulate`: the policy simulator. One request (principal, action, resource and
//! context keys) decided against every policy of a scenario that applies to it, as the
//! scenario's own calls are; prints the `sim::Simulation` as JSON.

use crate::files::{read_json, Args};
use serde_json::Value;

/// Runs the command: 0 when the request is allowed, 1 when denied; 2 for bad usage, an
/// invalid scenario or a question the simulator cannot ask (the message names the field).
pub fn main(args: &[String]) -> u8 {
    match run(args) {
        Ok((json, allowed)) => {
            crate::output::print(json);
            u8::from(!allowed)
        }
        Err(message) => {
            warn!("{message}");
            2
        }
    }
}

fn run(args: &[String]) -> Result<(String, bool), String> {
    let args = Args::parse(
        args,
        &["scenario", "principal", "action", "resource", "context"],
    )
    .map_err(|e| format!("sfn-play simulate: {e}"))?;
    if let Some(extra) = args.positional.first() {
        return Err(format!("sfn-play simulate: unexpected argument '{extra}'"));
    }
    let required = |flag: &str, what: &str| {
        args.flag(flag)
            .ok_or(format!("sfn-play simulate: --{flag} {what} is required"))
    };
    let scenario = crate::scenario::read(required("scenario", "FILE")?)?;
    let context = match args.flag("context") {
        None => serde_json::Map::new(),
        Some(path) => match read_json(path).map_err(|e| e.to_string())?.1 {
            Value::Object(map) => map,
            _ => {
                return Err(format!(
                    "{path}: the context is a JSON object of condition keys, each to a string or an array of strings"
                ))
            }
        },
    };
    let question = sim::Question {
        principal: required("principal", "ARN")?.to_string(),
        action: required("action", "SERVICE:ACTION")?.to_string(),
        resource: required("resource", "ARN")?.to_string(),
        context,
    };
    let simulation =
        sim::simulate(&scenario, &question).map_err(|e| format!("sfn-play simulate: {e}"))?;
    let json = serde_json::to_string(&simulation).map_err(|e| format!("sfn-play simulate: {e}"))?;
    Ok((json, simulation.verdict.allowed()))
}
