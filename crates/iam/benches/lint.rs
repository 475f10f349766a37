//! Lints a generated policy of 10,000 statements (each with two actions and two resources,
//! one in five with a condition) and locates every finding in its text, as `sfn-play lint`
//! does: the redundancy checks and the locating must stay linear in the policy's size.
//! mimalloc serves the allocations, as in `sfn-play`.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

const ACTIONS: [&str; 8] = [
    "s3:GetObject",
    "s3:PutObject",
    "ssm:GetParameter",
    "sqs:SendMessage",
    "dynamodb:GetItem",
    "lambda:InvokeFunction",
    "secretsmanager:GetSecretValue",
    "sns:Publish",
];

/// The policy's text, pretty-printed as a user would write it.
fn policy(statements: usize) -> String {
    let statements: Vec<Value> = (0..statements)
        .map(|i| {
            let mut st = json!({
                "Sid": format!("S{i}"),
                "Effect": if i % 7 == 0 { "Deny" } else { "Allow" },
                "Action": [ACTIONS[i % 8], ACTIONS[(i * 3) % 8]],
                "Resource": [format!("arn:aws:s3:::bucket-{i}/*"), format!("arn:aws:s3:::bucket-{i}/logs/*")],
            });
            if i % 5 == 0 {
                st["Condition"] = json!({
                    "StringEquals": {"aws:PrincipalTag/team": format!("t{i}")},
                    "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                });
            }
            st
        })
        .collect();
    let doc = json!({"Version": "2012-10-17", "Statement": statements});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let text = policy(10_000);
    let mut group = c.benchmark_group("lint");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("10,000 statements: parse + lint + locate", |b| {
        b.iter(|| {
            let doc = jsonloc::parse(black_box(&text)).ok()?;
            let mut findings = iam::lint(&doc, iam::PolicyUse::Identity);
            jsonloc::locate_all(&text, &mut findings);
            Some(findings.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
