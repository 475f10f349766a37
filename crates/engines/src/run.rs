//! Running a definition alone, as `sfn-play run --definition` does.

use asl::{execute, Diagnostic, MockError, Mocks, Options, Outcome};
use serde_json::Value;
use std::fmt;

/// How [`run_definition`] runs a definition: what `sfn-play run`'s flags say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunOptions {
    /// The state machine's name: its ARN ends with it, and mocks are looked up under it.
    pub name: String,
    /// The seed of the run's random choices (ids, `States.UUID` …); 0 when absent.
    pub seed: Option<u64>,
    /// A mock configuration (Step Functions Local's `MockConfigFile.json`) and the name of
    /// the test case to run; the Tasks run with no handler when absent.
    pub mocks: Option<(Value, String)>,
}

/// Why a definition did not run.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    /// The definition is not valid: every problem, located in its text.
    Definition(Vec<Diagnostic>),
    /// The mock configuration does not fit the definition's name or test case.
    Mocks(MockError),
    /// The input is over StartExecution's 262,144 bytes (its compact JSON text): AWS's
    /// ValidationException message.
    Input(String),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Definition(diagnostics) => {
                let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
                f.write_str(&lines.join("\n"))
            }
            RunError::Mocks(e) => e.fmt(f),
            RunError::Input(message) => f.write_str(message),
        }
    }
}

/// A definition parsed and checked once, to run on many inputs: what [`run_definition`]
/// does, without parsing the definition again for each run.
#[derive(Debug)]
pub struct Machine {
    definition: asl::Definition,
    settings: Options,
    options: RunOptions,
}

impl Machine {
    /// Parses `definition` (ASL text) as the state machine `options.name` of account
    /// 111111111111 in us-east-1, and checks the mock configuration fits it.
    pub fn new(definition: &str, options: &RunOptions) -> Result<Machine, RunError> {
        let definition = asl::parse_text(definition).map_err(RunError::Definition)?;
        let mut settings = Options {
            state_machine_arn: format!(
                "arn:aws:states:us-east-1:111111111111:stateMachine:{}",
                options.name
            ),
            ..Options::default()
        };
        if let Some(seed) = options.seed {
            settings.seed = seed;
        }
        // Named once rather than on every run.
        settings.execution_arn = Some(settings.arn_of_execution());
        if let Some((config, case)) = &options.mocks {
            Mocks::from_config(config, &options.name, case).map_err(RunError::Mocks)?;
        }
        Ok(Machine {
            definition,
            settings,
            options: options.clone(),
        })
    }

    /// Runs the definition on `input`; each run starts with fresh mocks (a test case's
    /// answers are consumed in order, from the first, on every run). An input
    /// StartExecution would refuse (over 256 KiB) is the error.
    pub fn run(&self, input: Value) -> Result<Outcome, RunError> {
        if asl::payload_size(&input) > asl::MAX_PAYLOAD_BYTES {
            return Err(RunError::Input(asl::too_long(
                "input",
                asl::MAX_PAYLOAD_BYTES,
            )));
        }
        Ok(match &self.options.mocks {
            Some((config, case)) => {
                let mut mocks = Mocks::from_config(config, &self.options.name, case)
                    .map_err(RunError::Mocks)?;
                execute(&self.definition, input, &self.settings, &mut mocks)
            }
            None => execute(&self.definition, input, &self.settings, &mut asl::NoTasks),
        })
    }
}

/// Runs `definition` (ASL text) on `input` as the state machine `options.name` of account
/// 111111111111 in us-east-1: the outcome `sfn-play run --definition` prints. A definition
/// or an input StartExecution would refuse (too large, invalid) is the error.
pub fn run_definition(
    definition: &str,
    input: Value,
    options: &RunOptions,
) -> Result<Outcome, RunError> {
    Machine::new(definition, options)?.run(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;

    /// `{"pad": "x…"}` of `size` bytes of compact JSON.
    fn input_of(size: usize) -> Value {
        serde_json::json!({"pad": "x".repeat(size - r#"{"pad":""}"#.len())})
    }

    #[test]
    fn an_input_over_256_kib_is_refused_as_start_execution_refuses_it() {
        let options = RunOptions::default();
        let fits = run_definition(PASS, input_of(asl::MAX_PAYLOAD_BYTES), &options);
        assert_eq!(fits.map(|o| o.status), Ok(asl::Status::Succeeded));
        let over = run_definition(PASS, input_of(asl::MAX_PAYLOAD_BYTES + 1), &options);
        assert_eq!(
            over.map(|o| o.status).map_err(|e| e.to_string()),
            Err("1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144".into())
        );
    }
}
