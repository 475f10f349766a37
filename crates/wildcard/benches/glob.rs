//! Long patterns against long texts, the inputs of issue 15 that backtracking and
//! verify-each-candidate matchers took seconds on: each iteration compiles the pattern and
//! matches it once, as the IAM evaluator and a Choice rule do.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wildcard::{Pattern, Syntax};

/// `States.StringMatches`: `*` and backslash escapes, no `?`.
const STRING_MATCHES: Syntax = Syntax {
    any_char: false,
    escapes: true,
};

/// IAM's `StringLike`, `Resource` and `Action`: `*` and `?`.
const IAM: Syntax = Syntax {
    any_char: true,
    escapes: false,
};

/// A 6 KB resource pattern (path components with `?`s, one element that the key lacks)
/// against a 250 KB key of components that almost match it everywhere.
fn s3_inputs() -> (String, String) {
    let pattern = format!(
        "arn:aws:s3:::bucket/*{}final/*.json",
        "logs/region-??/app-?/".repeat(290)
    );
    let key = format!(
        "arn:aws:s3:::bucket/{}part.json",
        "logs/region-eu/app-1/".repeat(11_900)
    );
    (pattern, key)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("glob");
    group.sample_size(10);
    let a250k = "a".repeat(250_000);
    let cases = [
        (
            "StringMatches * + 20k literal, 250 KB text",
            format!("*{}b", "a".repeat(20_000)),
            STRING_MATCHES,
        ),
        (
            "StringMatches * + 20k literal + *, 250 KB text",
            format!("*{}b*", "a".repeat(20_000)),
            STRING_MATCHES,
        ),
        (
            "IAM * + 20k literal + ?b*, 250 KB text",
            format!("*{}?b*", "a".repeat(20_000)),
            IAM,
        ),
        (
            "IAM * + (a?)x3000 + b*, 250 KB text",
            format!("*{}b*", "a?".repeat(3_000)),
            IAM,
        ),
    ];
    for (name, pattern, syntax) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| Pattern::parse(black_box(pattern), *syntax).matches(black_box(&a250k)))
        });
    }
    let (pattern, key) = s3_inputs();
    group.bench_function("IAM 6 KB S3 pattern, 250 KB key", |b| {
        b.iter(|| Pattern::parse(black_box(&pattern), IAM).matches(black_box(&key)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
