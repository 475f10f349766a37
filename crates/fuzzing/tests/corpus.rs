//! Every file of the committed fuzz corpus (`fuzz/corpus/<target>/`) replayed through its
//! target's entry function on the stable toolchain: the inputs the fuzzer kept (and those
//! that once crashed an engine) stay a regression suite of `cargo test`.

use std::fs;
use std::path::Path;

/// The stack the fuzzer's inputs run with here. They were found on a release build's main
/// thread (8 MiB); this test is a debug build, whose frames are several times larger, on a
/// test thread of 2 MiB: an expression at the JSONata parser's limit of 1,000 nested levels
/// (a run of unary minus signs) needs more than that. Release builds keep to 8 MiB, and the
/// WebAssembly build stops such an expression at its own, lower depth.
const STACK: usize = 64 << 20;

#[test]
fn every_corpus_file_runs_through_its_target() {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(replay_every_corpus_file)
        .expect("the replay thread starts")
        .join()
        .expect("every corpus file runs through its target");
}

fn replay_every_corpus_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    for (name, run) in fuzzing::TARGETS {
        let dir = root.join(name);
        let entries = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        assert!(!entries.is_empty(), "{name}: the corpus is empty");
        for entry in entries {
            let data = fs::read(entry.path()).expect("a corpus file reads");
            run(&data);
        }
    }
}

#[test]
fn every_target_has_a_fuzz_target_and_a_corpus() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    for (name, _) in fuzzing::TARGETS {
        let target = fuzz.join("fuzz_targets").join(format!("{name}.rs"));
        let text =
            fs::read_to_string(&target).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        assert!(
            text.contains(&format!("fuzzing::{name}(")),
            "{name}: the fuzz target calls fuzzing::{name}"
        );
        assert!(fuzz.join("corpus").join(name).is_dir(), "{name}: no corpus");
    }
}
