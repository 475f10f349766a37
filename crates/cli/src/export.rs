//! `sfn-play export`: one account of a scenario as a CloudFormation template (YAML or
//! JSON); with `--changed-since`, the role policies that changed since that scenario as
//! the inputs of `aws iam put-role-policy`/`update-assume-role-policy`.

use crate::files::{read_json, Args};

/// Runs the command: 0 when exported; 2 for bad usage, a file that cannot be read or an
/// account the scenario does not have.
pub fn main(args: &[String]) -> u8 {
    match run(args) {
        Ok(text) => {
            crate::output::print(text);
            0
        }
        Err(message) => {
            warn!("{message}");
            2
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let args = Args::parse(args, &["account", "format", "changed-since"])
        .map_err(|e| format!("sfn-play export: {e}"))?;
    let [path] = args.positional.as_slice() else {
        return Err("sfn-play export: give one SCENARIO file".into());
    };
    let scenario = read_json(path).map_err(|e| e.to_string())?.1;
    let account = args
        .flag("account")
        .ok_or("sfn-play export: --account ID is required")?;
    if let Some(before) = args.flag("changed-since") {
        let before = read_json(before).map_err(|e| e.to_string())?.1;
        let changes: Vec<cfn::PolicyChange> = cfn::policy_changes(&before, &scenario)
            .into_iter()
            .filter(|c| c.account == account)
            .collect();
        return serde_json::to_string_pretty(&changes).map_err(|e| e.to_string());
    }
    let template = cfn::export(&scenario, account).map_err(|e| format!("sfn-play export: {e}"))?;
    match args.flag("format").unwrap_or("yaml") {
        "yaml" => Ok(template.yaml().trim_end().to_string()),
        "json" => Ok(template.json()),
        other => Err(format!("sfn-play export: --format {other}: yaml or json")),
    }
}
