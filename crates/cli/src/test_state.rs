//! `sfn-play test-state`: run one state as the TestState API does and print its response.
//! With `--scenario FILE --machine ARN` the state runs as that state machine of the
//! scenario would run it, its Task answered by the simulated world (the calls it made
//! show, at TRACE, as the response's `inspectionData.request` and `response`).

use crate::files::{read_json, read_text, Args};
use asl::{DiagnosticCode, InspectionLevel, MockInput, TestStateConfiguration, TestStateRequest};
use engines::World;

/// Runs the command: 0 when the state ran, whatever its status; 2 for bad usage or an
/// invalid state or request.
pub fn main(args: &[String]) -> u8 {
    match run(args) {
        Ok(json) => {
            crate::output::print(&json);
            0
        }
        Err(message) => {
            warn!("{message}");
            2
        }
    }
}

/// The flags, and the request field each one fills (`--machine` also decides the
/// execution role).
const FLAGS: [(&str, &str); 10] = [
    ("definition", "/definition"),
    ("state", "/stateName"),
    ("input", "/input"),
    ("variables", "/variables"),
    ("mock", "/mock"),
    ("context", "/context"),
    ("inspection-level", "/inspectionLevel"),
    ("retrier-retry-count", "/stateConfiguration"),
    ("machine", "/stateMachineArn"),
    ("machine", "/roleArn"),
];

/// `--scenario FILE --machine ARN`, both or neither: the scenario file and its world.
fn world<'a>(args: &Args<'a>) -> Result<Option<(&'a str, World)>, String> {
    match (args.flag("scenario"), args.flag("machine")) {
        (None, None) => Ok(None),
        (Some(path), Some(machine)) => {
            let text = read_text(path).map_err(|e| e.to_string())?;
            let scenario = sim::Scenario::parse_text(&text)
                .map_err(|d| crate::scenario::problems(path, &d))?;
            let world = World {
                scenario,
                machine: machine.to_string(),
            };
            Ok(Some((path, world)))
        }
        _ => Err(
            "sfn-play test-state: --scenario FILE and --machine ARN go together (a state machine of the scenario)"
                .into(),
        ),
    }
}

/// The definition's name in messages and its text: `--definition`'s file, or the
/// definition of the scenario's machine when a state of it is named.
fn definition(args: &Args, world: Option<&(&str, World)>) -> Result<(String, String), String> {
    match (args.flag("definition"), world, args.flag("state")) {
        (Some(path), _, _) => Ok((
            path.to_string(),
            read_text(path).map_err(|e| e.to_string())?,
        )),
        // An unknown machine has no definition: the test reports it.
        (None, Some((path, w)), Some(_)) => Ok((format!("{path} ({})", w.machine), w.definition())),
        _ => Err("sfn-play test-state: --definition FILE is required (or --scenario FILE --machine ARN --state NAME, to test a state of the scenario's machine)".into()),
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let mut names: Vec<&str> = FLAGS.iter().map(|(flag, _)| *flag).collect();
    names.push("scenario");
    let args = Args::parse(args, &names).map_err(|e| format!("sfn-play test-state: {e}"))?;
    if let Some(extra) = args.positional.first() {
        return Err(format!(
            "sfn-play test-state: unexpected argument '{extra}'"
        ));
    }
    let world = world(&args)?;
    let (definition_path, definition) = definition(&args, world.as_ref())?;
    let text = |flag: &str| -> Result<Option<String>, String> {
        args.flag(flag)
            .map(|path| read_text(path).map_err(|e| e.to_string()))
            .transpose()
    };
    let mock = match args.flag("mock") {
        Some(path) => {
            let (_, value) = read_json(path).map_err(|e| e.to_string())?;
            let mock: MockInput = serde_json::from_value(value).map_err(|e| {
                format!("{path}: a mock is {{\"result\": \"<JSON text>\"}} or {{\"errorOutput\": {{\"error\", \"cause\"}}}}: {e}")
            })?;
            Some(mock)
        }
        None => None,
    };
    let inspection_level = match args.flag("inspection-level") {
        None => None,
        Some("INFO") => Some(InspectionLevel::Info),
        Some("DEBUG") => Some(InspectionLevel::Debug),
        Some("TRACE") => Some(InspectionLevel::Trace),
        Some(other) => {
            return Err(format!(
                "sfn-play test-state: --inspection-level is INFO, DEBUG or TRACE, not '{other}'"
            ))
        }
    };
    let state_configuration = match args.flag("retrier-retry-count") {
        None => None,
        Some(n) => Some(TestStateConfiguration {
            retrier_retry_count: Some(n.parse().map_err(|_| {
                format!("sfn-play test-state: --retrier-retry-count is a whole number, not '{n}'")
            })?),
            ..TestStateConfiguration::default()
        }),
    };
    let request = TestStateRequest {
        definition,
        input: text("input")?,
        variables: text("variables")?,
        context: text("context")?,
        state_name: args.flag("state").map(str::to_string),
        inspection_level,
        mock,
        state_configuration,
        ..TestStateRequest::default()
    };
    let response =
        engines::test_state(&request, world.as_ref().map(|(_, w)| w)).map_err(|diags| {
            diags
                .iter()
                .map(|d| {
                    let file = FLAGS
                        .iter()
                        .find(|(_, field)| d.pointer.starts_with(field))
                        .and_then(|(flag, _)| args.flag(flag).map(|v| (flag, v)));
                    match (d.position, file) {
                        (Some(p), _) => format!(
                            "{definition_path}:{p}: {} {}: {}",
                            d.code.as_str(),
                            d.pointer,
                            d.message
                        ),
                        (None, Some((flag, value))) => {
                            format!("--{flag} {value}: {}: {}", d.code.as_str(), d.message)
                        }
                        (None, None) => {
                            format!("{definition_path}: {}: {}", d.code.as_str(), d.message)
                        }
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        })?;
    serde_json::to_string(&response).map_err(|e| format!("sfn-play test-state: {e}"))
}
