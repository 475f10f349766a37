//! A reader that stops early (`sfn-play run … | head -c1`) must not make `sfn-play` panic:
//! the output ends quietly, as Unix tools do (hardening issue: "the command line panics
//! when its output pipe closes early").

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // A Map over 3,000 items: its history is far larger than a pipe's buffer.
    let dir = std::env::temp_dir().join(format!("sfn-play-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let definition = dir.join("map.asl.json");
    std::fs::write(
        &definition,
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#,
    )
    .unwrap();
    let input = dir.join("input.json");
    let items: Vec<u32> = (0..3000).collect();
    std::fs::write(&input, serde_json::to_string(&items).unwrap()).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
        .args(["run", "--definition"])
        .arg(&definition)
        .arg("--input")
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(first[0], b'{');
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert_eq!(output.status.code(), Some(0), "stderr: {stderr}");
    std::fs::remove_dir_all(&dir).ok();
}
