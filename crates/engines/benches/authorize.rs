//! Decides a file of 10,000 authorization requests (`../shared/bench/iam_request.json`
//! relative to the workspace, its `aws:PrincipalTag/team` alternating), as
//! `sfn-play authorize` does: parse, decide, explain and locate every statement, and write
//! the answer's JSON text, in time linear in the file's size. mimalloc serves the allocations, as in `sfn-play`.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/iam_request.json");
    let Some(request) = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
    else {
        eprintln!(
            "skipping the authorize benchmark: {} is absent or not JSON",
            path.display()
        );
        return;
    };
    let requests: Vec<Value> = (0..10_000)
        .map(|i| {
            let mut r = request.clone();
            if let Some(team) = r.pointer_mut("/request/context/aws:PrincipalTag~1team") {
                *team = Value::from(if i % 2 == 0 { "blue" } else { "red" });
            }
            r
        })
        .collect();
    let text = serde_json::to_string_pretty(&requests).unwrap_or_default();
    let mut group = c.benchmark_group("authorize");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("10,000 requests: decide + explain + locate + write", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            if let Ok(engines::Decisions::Batch(mut batch)) = engines::decisions(black_box(&text)) {
                let _ = batch.write_pretty(&mut out);
            }
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
