//! Parses the embedded Service Authorization Reference (what the first lint or completion
//! pays once).

use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    c.bench_function("iam reference parse", |b| {
        b.iter(|| iam::Reference::embedded().map(|r| r.action_count()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
