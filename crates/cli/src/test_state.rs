//! `sfn-play test-state`: run one state as the TestState API does and print its response.

use crate::files::{read_json, read_text, Args};
use asl::{DiagnosticCode, InspectionLevel, MockInput, TestStateConfiguration, TestStateRequest};

/// Runs the command: 0 when the state ran, whatever its status; 2 for bad usage or an
/// invalid state or request.
pub fn main(args: &[String]) -> u8 {
    match run(args) {
        Ok(json) => {
            crate::output::print(&json);
            0
        }
        Err(message) => {
            eprintln!("{message}");
            2
        }
    }
}

/// The flags, and the request field each one fills.
const FLAGS: [(&str, &str); 8] = [
    ("definition", "/definition"),
    ("state", "/stateName"),
    ("input", "/input"),
    ("variables", "/variables"),
    ("mock", "/mock"),
    ("context", "/context"),
    ("inspection-level", "/inspectionLevel"),
    ("retrier-retry-count", "/stateConfiguration"),
];

fn run(args: &[String]) -> Result<String, String> {
    let names = FLAGS.map(|(flag, _)| flag);
    let args = Args::parse(args, &names).map_err(|e| format!("sfn-play test-state: {e}"))?;
    if let Some(extra) = args.positional.first() {
        return Err(format!(
            "sfn-play test-state: unexpected argument '{extra}'"
        ));
    }
    let definition_path = args
        .flag("definition")
        .ok_or("sfn-play test-state: --definition FILE is required")?;
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
        definition: read_text(definition_path).map_err(|e| e.to_string())?,
        input: text("input")?,
        variables: text("variables")?,
        context: text("context")?,
        state_name: args.flag("state").map(str::to_string),
        inspection_level,
        mock,
        state_configuration,
        ..TestStateRequest::default()
    };
    let response = asl::test_state(&request, &mut asl::NoTasks).map_err(|diags| {
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
