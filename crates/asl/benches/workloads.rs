//! Executions of the shared workloads (`shared/bench/*.json`) and of their JSONata forms
//! (`bench/workloads/*.json`) with the full history recorded, as compared with
//! aws-local-stepfunctions by `scripts/bench`. They run with the allocator the `sfn-play`
//! binary ships with.

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use serde_json::Value;
use std::hint::black_box;
use std::path::PathBuf;

fn workloads(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared/bench");
    let ours = root.join("bench/workloads");
    let names = ["small", "loop5000", "map1000"];
    let files = names
        .iter()
        .map(|name| (shared.join(format!("{name}.json")), name.to_string()))
        .chain(names.iter().map(|name| {
            let name = format!("jsonata-{name}");
            (ours.join(format!("{name}.json")), name)
        }));
    for (path, name) in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("skipped {name}: {} is absent", path.display());
            continue;
        };
        let workload: Value = serde_json::from_str(&text).expect("workload JSON");
        let definition =
            asl::parse_definition(&workload["definition"]).expect("valid workload definition");
        let input = workload["input"].clone();
        let options = asl::Options::default();
        let outcome = asl::execute(&definition, input.clone(), &options, &mut asl::NoTasks);
        println!(
            "{name}: {} with {} events",
            outcome.status.as_str(),
            outcome.events.len()
        );
        // The input is copied outside the timing (the peer's harness, too, builds its input
        // once); the outcome, history and all, is dropped inside it.
        c.bench_function(&name, |b| {
            b.iter_batched(
                || input.clone(),
                |input| {
                    let outcome =
                        asl::execute(&definition, black_box(input), &options, &mut asl::NoTasks);
                    black_box(outcome.events.len());
                },
                BatchSize::SmallInput,
            )
        });
    }
}

criterion_group!(benches, workloads);
criterion_main!(benches);
