//! The training run of a profile-guided build (`scripts/pgo`): executes, ROUNDS times over,
//! every `{definition, input}` file of the folders given, as the workloads' benchmark does
//! (definition parsed once, history recorded, outcome dropped), so that an instrumented
//! build of it records which paths the engine takes. `scripts/pgo` trains it on the
//! executions recorded from AWS (`../shared/conformance`), not on the benchmark workloads.
//! `cargo run --release -p asl --example pgo_train -- ROUNDS DIR...`

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

use serde_json::Value;
use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use testkit::shared::{json_files, try_read_json};

/// The definitions of the JSON files in `dir` (in name order) with their inputs; a file that
/// is no `{definition, input}` or whose definition is invalid is skipped and counted.
fn cases(dir: &Path, skipped: &mut usize) -> Result<Vec<(asl::Definition, Value)>, String> {
    if !dir.is_dir() {
        return Err("not a folder".into());
    }
    let mut cases = Vec::new();
    for file in json_files(dir) {
        let case = try_read_json(&file).ok();
        match case.and_then(|c| Some((asl::parse_definition(&c["definition"]).ok()?, c))) {
            Some((definition, case)) => cases.push((definition, case["input"].clone())),
            None => *skipped += 1,
        }
    }
    Ok(cases)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((rounds, dirs)) = args
        .split_first()
        .and_then(|(rounds, dirs)| Some((rounds.parse::<usize>().ok()?, dirs)))
    else {
        eprintln!("usage: pgo_train ROUNDS DIR...");
        return ExitCode::from(2);
    };
    let (mut all, mut skipped) = (Vec::new(), 0);
    for dir in dirs {
        match cases(Path::new(dir), &mut skipped) {
            Ok(cases) => all.extend(cases),
            Err(e) => {
                eprintln!("pgo_train: {dir}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let options = asl::Options::default();
    let mut events = 0;
    for _ in 0..rounds {
        for (definition, input) in &all {
            let outcome = asl::execute(definition, input.clone(), &options, &mut asl::NoTasks);
            events += black_box(outcome.events.len());
        }
    }
    println!(
        "pgo_train: {} executions of {} definitions ({skipped} files skipped), {events} events",
        rounds * all.len(),
        all.len()
    );
    ExitCode::SUCCESS
}
