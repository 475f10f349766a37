//! `sfn-play import`: a CloudFormation or SAM template into one account of a scenario.
//! Prints the scenario JSON; lists what could not be mapped on stderr
//! (`TEMPLATE:line:column: …`); `--outputs FILE` writes the template's outputs, resolved.

use crate::files::{read_json, read_text, Args};
use serde_json::Value;

/// Runs the command: 0 when imported (whatever could not be mapped is listed on stderr),
/// 2 for bad usage or a template that cannot be read.
pub fn main(args: &[String]) -> u8 {
    match run(args) {
        Ok(()) => 0,
        Err(message) => {
            warn!("{message}");
            2
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(
        args,
        &[
            "account",
            "region",
            "stack-name",
            "param",
            "into",
            "outputs",
        ],
    )
    .map_err(|e| format!("sfn-play import: {e}"))?;
    let [template] = args.positional.as_slice() else {
        return Err("sfn-play import: give one TEMPLATE file".into());
    };
    let account = args
        .flag("account")
        .ok_or("sfn-play import: --account ID is required")?;
    let mut options = cfn::ImportOptions::new(account);
    options.region = args.flag("region").map(String::from);
    options.stack_name = args.flag("stack-name").map(String::from);
    for pair in args.flag_all("param") {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(format!(
                "sfn-play import: --param {pair}: write it KEY=VALUE"
            ));
        };
        options
            .parameters
            .insert(key.to_string(), Value::String(value.to_string()));
    }
    if let Some(path) = args.flag("into") {
        options.into = Some(read_json(path).map_err(|e| e.to_string())?.1);
    }
    let text = read_text(template).map_err(|e| e.to_string())?;
    let imported = cfn::import(&text, &options).map_err(|e| format!("{template}:{e}"))?;
    for unmapped in &imported.unmapped {
        warn!("{template}:{unmapped}");
    }
    if let Some(path) = args.flag("outputs") {
        let json = serde_json::to_string_pretty(&imported.outputs).map_err(|e| e.to_string())?;
        std::fs::write(path, json + "\n").map_err(|e| format!("{path}: cannot write: {e}"))?;
    }
    let json = serde_json::to_string_pretty(&imported.scenario).map_err(|e| e.to_string())?;
    crate::output::print(json);
    Ok(())
}
