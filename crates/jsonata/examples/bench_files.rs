//! Times the JSONata workloads of `bench/jsonata/*.json` (`{what, expression, inputFile,
//! expect}`): checks each gives its `expect`ed value, then prints one JSON line per workload,
//! `{"workload", "ms"}`, the median time of one evaluation over 15 batches of about 60 ms.
//! Each expression is parsed once, outside the measurement. Run by `scripts/bench-jsonata`
//! (in release mode): `cargo run --release -p jsonata --example bench_files -- DIR`.

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

use jsonata::{Bindings, Expression, Options};
use serde_json::Value;
use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Equal as JSON values, numbers compared by value (`36000` = `36000.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn time(name: &str, workload: &Value, dir: &Path) -> Result<f64, String> {
    let text = workload["expression"].as_str().ok_or("no expression")?;
    let input = read(&dir.join(workload["inputFile"].as_str().ok_or("no inputFile")?))?;
    let expr = Expression::parse(text).map_err(|e| e.to_string())?;
    let (bindings, options) = (Bindings::new(), Options::default());
    let got = expr
        .evaluate(Some(&input), &bindings, &options)
        .map_err(|e| e.to_string())?;
    if !got.as_ref().is_some_and(|v| same(v, &workload["expect"])) {
        return Err(format!(
            "{name}: got {got:?}, expected {}",
            workload["expect"]
        ));
    }
    let eval = || {
        let _ = black_box(expr.evaluate(Some(black_box(&input)), &bindings, &options));
    };
    let start = Instant::now();
    let mut calibration = 0u32;
    while start.elapsed().as_secs_f64() < 0.2 {
        eval();
        calibration += 1;
    }
    let per = start.elapsed().as_secs_f64() / f64::from(calibration);
    let batch = ((0.06 / per) as u32).max(1);
    let mut samples: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                eval();
            }
            t.elapsed().as_secs_f64() * 1000.0 / f64::from(batch)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    Ok(samples[samples.len() / 2])
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bench_files DIR (the folder of the workloads, bench/jsonata)");
        return ExitCode::from(2);
    };
    let dir = Path::new(&dir);
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    files.sort();
    let mut failed = false;
    for path in files {
        let Ok(workload) = read(&path) else { continue };
        if workload.get("expression").is_none() {
            continue;
        }
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        match time(&name, &workload, dir) {
            Ok(ms) => println!("{}", serde_json::json!({"workload": name, "ms": ms})),
            Err(e) => {
                eprintln!("{name}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
