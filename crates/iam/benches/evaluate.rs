//! Evaluates `../shared/bench/iam_request.json` (relative to the workspace): once parsing
//! its policies from a `serde_json::Value` each time, once with everything parsed once.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/iam_request.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping the IAM benchmark: {} is absent", path.display());
        return;
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("skipping the IAM benchmark: {e}");
            return;
        }
    };
    c.bench_function("iam parse+evaluate (from Value)", |b| {
        b.iter(|| {
            let doc = iam::RequestDocument::from_value(black_box(&value)).ok();
            doc.map(|d| d.evaluate(|decision| decision.result))
        })
    });
    let Ok(doc) = iam::RequestDocument::from_value(&value) else {
        eprintln!("skipping: the bench request does not parse");
        return;
    };
    doc.with_request(|request| {
        c.bench_function("iam evaluate (pre-parsed)", |b| {
            b.iter(|| iam::evaluate(black_box(request)).result)
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
