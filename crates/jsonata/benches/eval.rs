//! Evaluation speed of three workloads: a path query with a filter over an array of objects,
//! an aggregation with `$sum` and `$map`, and a string transform. Each expression is parsed
//! once, outside the measurement. mimalloc serves the allocations, as in the `sfn-play`
//! binary.

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

use criterion::{criterion_group, criterion_main, Criterion};
use jsonata::{Bindings, Expression, Options};
use serde_json::{json, Value};
use std::hint::black_box;

/// 1,000 orders, each with a customer, a status and three lines.
fn orders() -> Value {
    let orders: Vec<Value> = (0..1000)
        .map(|i| {
            let country = ["BR", "DE", "US"][i % 3];
            json!({
                "id": format!("order-{i}"),
                "customer": {"name": format!("Customer {}", i % 37), "country": country},
                "status": if i % 4 == 0 { "shipped" } else { "pending" },
                "lines": (0..3).map(|j| json!({"sku": format!("SKU-{j}"), "price": 1.5 + (i % 10) as f64, "qty": j + 1})).collect::<Vec<_>>()
            })
        })
        .collect();
    json!({ "orders": orders })
}

fn bench(c: &mut Criterion) {
    let input = orders();
    let bindings = Bindings::new();
    let options = Options::default();
    let workloads = [
        ("path_filter", "orders[status = 'shipped' and customer.country = 'DE'].id"),
        (
            "sum_map",
            "$sum($map(orders, function($o) { $sum($o.lines.(price * qty)) }))",
        ),
        (
            "string_transform",
            "$join(orders[[0..199]].($uppercase($substringBefore(customer.name, ' ')) & '-' & $pad($string($substringAfter(id, '-')), -5, '0')), ',')",
        ),
    ];
    for (name, text) in workloads {
        let expr = Expression::parse(text).expect("a valid expression");
        assert!(expr.evaluate(Some(&input), &bindings, &options).is_ok());
        c.bench_function(name, |b| {
            b.iter(|| black_box(expr.evaluate(Some(black_box(&input)), &bindings, &options)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
