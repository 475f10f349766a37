//! The seed scenario end to end: parse the preset, run both executions with every call
//! authorized, and render the report.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn seed(c: &mut Criterion) {
    let text = sim::preset("cross-account-secret-cache")
        .map(|p| p.text)
        .unwrap_or_default();
    c.bench_function("seed: parse + run", |b| {
        b.iter(|| {
            let scenario = sim::Scenario::parse_text(black_box(text)).expect("the seed parses");
            black_box(sim::run(&scenario))
        })
    });
    c.bench_function("seed: parse + run + report JSON", |b| {
        b.iter(|| {
            let scenario = sim::Scenario::parse_text(black_box(text)).expect("the seed parses");
            black_box(sim::run(&scenario).to_json().to_string())
        })
    });
}

criterion_group!(benches, seed);
criterion_main!(benches);
