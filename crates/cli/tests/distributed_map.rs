//! `sfn-play run` and a Distributed Map: a scenario's report lists the Map Run with its
//! child executions and written objects; a lone definition runs items from its input as
//! children in process, and an `ItemReader` there fails clearly (there is no S3 without a
//! scenario).

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn run(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run sfn-play: {e}"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn temp(name: &str, value: &Value) -> PathBuf {
    let path = std::env::temp_dir().join(format!("sfn-play-dmap-{}-{name}", std::process::id()));
    std::fs::write(&path, value.to_string()).unwrap();
    path
}

fn distributed(extra: Value) -> Value {
    let mut map = json!({
        "Type": "Map",
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED"},
            "StartAt": "P",
            "States": {"P": {"Type": "Pass", "End": true}}
        },
        "End": true
    });
    if let (Some(m), Some(e)) = (map.as_object_mut(), extra.as_object()) {
        m.extend(e.clone());
    }
    json!({"StartAt": "M", "States": {"M": map}})
}

#[test]
fn a_scenario_reports_its_map_run() {
    let preset = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../sim/presets/distributed-map-cross-account-bucket.json");
    let report = run(&["run", &preset.display().to_string()]);
    assert_eq!(report["status"], "SUCCEEDED");
    let map_run = &report["mapRuns"][0];
    assert_eq!(map_run["children"], json!([1, 2, 3]));
    assert_eq!(map_run["itemCounts"]["succeeded"], 3);
    assert_eq!(
        report["executions"][1]["mapRunArn"], map_run["mapRunArn"],
        "a child names its Map Run"
    );
    let keys: Vec<&str> = map_run["resultWriter"]["objects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["key"].as_str())
        .collect();
    assert!(
        keys.last().is_some_and(|k| k.ends_with("/manifest.json")),
        "{keys:?}"
    );
}

#[test]
fn a_lone_definition_runs_children_in_process_and_has_no_s3() {
    let batched = temp(
        "batched.json",
        &distributed(json!({"ItemBatcher": {"MaxItemsPerBatch": 2}})),
    );
    let input = temp("input.json", &json!([1, 2, 3]));
    let out = run(&[
        "run",
        "--definition",
        &batched.display().to_string(),
        "--input",
        &input.display().to_string(),
    ]);
    assert_eq!(out["output"], json!([{"Items": [1, 2]}, {"Items": [3]}]));
    let reader = temp(
        "reader.json",
        &distributed(json!({"ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON"},
            "Parameters": {"Bucket": "b", "Key": "k"}
        }})),
    );
    let out = run(&["run", "--definition", &reader.display().to_string()]);
    assert_eq!(out["error"], "States.ItemReaderFailed");
    assert!(out["cause"]
        .as_str()
        .is_some_and(|c| c.contains("needs the simulated AWS world")));
    for path in [batched, input, reader] {
        let _ = std::fs::remove_file(path);
    }
}
