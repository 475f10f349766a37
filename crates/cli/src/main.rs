//! `sfn-play`: the playground's engines from the command line.

#[macro_use]
mod output;

mod access;
mod authorize;
mod export;
mod files;
mod import;
mod jsonata;
mod lint;
mod paused;
mod run;
mod scenario;
mod simulate;
mod test_state;
mod validate;

use std::process::ExitCode;

/// The engines allocate many small JSON values; mimalloc serves them faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

const USAGE: &str = "usage:
  sfn-play run SCENARIO
  sfn-play run --definition FILE [--input FILE] [--mocks FILE --test-case NAME]
  sfn-play validate SCENARIO|DEFINITION
  sfn-play authorize FILE
  sfn-play lint FILE
  sfn-play simulate --scenario FILE --principal ARN --action SERVICE:ACTION --resource ARN
                    [--context FILE]
  sfn-play import TEMPLATE --account ID [--region R] [--stack-name NAME] [--param KEY=VALUE ...]
                  [--into SCENARIO] [--outputs FILE]
  sfn-play export SCENARIO --account ID [--format yaml|json] [--changed-since SCENARIO]
  sfn-play jsonata EXPRESSION [--input FILE] [--bindings FILE]
  sfn-play test-state --definition FILE [--state NAME] [--input FILE] [--variables FILE]
                      [--mock FILE] [--context FILE] [--inspection-level INFO|DEBUG|TRACE]
                      [--retrier-retry-count N] [--scenario FILE --machine ARN]
  sfn-play test-state --scenario FILE --machine ARN --state NAME [...]
  sfn-play access SCENARIO [--resource ARN] [--principal ARN]
  sfn-play findings SCENARIO
  sfn-play least-privilege SCENARIO
  sfn-play diff-access OLD NEW";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        warn!("{USAGE}");
        return ExitCode::from(2);
    };
    let code = match command.as_str() {
        "-h" | "--help" | "help" => {
            crate::output::print(USAGE);
            0
        }
        "run" => run::main(rest),
        "validate" => validate::main(rest),
        "authorize" => authorize::main(rest),
        "lint" => lint::main(rest),
        "jsonata" => jsonata::main(rest),
        "simulate" => simulate::main(rest),
        "import" => import::main(rest),
        "export" => export::main(rest),
        "test-state" => test_state::main(rest),
        "access" => access::reach(rest),
        "findings" => access::findings(rest),
        "least-privilege" => access::least_privilege(rest),
        "diff-access" => access::diff(rest),
        _ => {
            warn!("sfn-play: unknown command `{command}`\n{USAGE}");
            2
        }
    };
    ExitCode::from(code)
}
