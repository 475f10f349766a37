//! A reader that stops early (`sfn-play run … | head -c1`) must not make `sfn-play` panic:
//! every command's output ends quietly, as Unix tools do, with the exit status the command
//! has when its output is read (hardening issue 15: "the command line panics when its
//! output pipe closes early"). The same holds for standard error (`2>&1 | head -c1`
//! closes both).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder with the files the commands read.
struct Files {
    dir: PathBuf,
}

impl Files {
    /// The files in a folder of their own for the test `name` (tests run in parallel).
    fn new(name: &str) -> Files {
        let dir = std::env::temp_dir().join(format!("sfn-play-pipe-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        let scenario = sim::preset("cross-account-secret-cache").unwrap().text;
        write("scenario.json", scenario);
        // A Map over 3,000 items: its history is far larger than a pipe's buffer.
        write(
            "map.asl.json",
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#,
        );
        let items: Vec<u32> = (0..3000).collect();
        write("items.json", &serde_json::to_string(&items).unwrap());
        write("pass.asl.json", r#"{"Type": "Pass", "End": true}"#);
        let policy = r#"{"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;
        write("policy.json", policy);
        write(
            "request.json",
            &format!(
                r#"{{"request": {{"principal": "arn:aws:iam::111111111111:user/alice",
                    "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}},
                    "identityPolicies": [{policy}]}}"#
            ),
        );
        Files { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

/// Every command, with arguments that make it print.
fn commands(f: &Files) -> Vec<Vec<String>> {
    let scenario = f.path("scenario.json");
    let strings = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        strings(&["--help"]),
        strings(&["run", &scenario]),
        strings(&[
            "run",
            "--definition",
            &f.path("map.asl.json"),
            "--input",
            &f.path("items.json"),
        ]),
        strings(&["validate", &scenario]),
        strings(&["authorize", &f.path("request.json")]),
        strings(&["lint", &f.path("policy.json")]),
        strings(&["jsonata", "[1..3000]"]),
        strings(&[
            "simulate",
            "--scenario",
            &scenario,
            "--principal",
            "arn:aws:iam::111111111111:role/TrustedAccountRl",
            "--action",
            "ssm:GetParameter",
            "--resource",
            "arn:aws:ssm:us-east-1:111111111111:parameter/SecretCacheConfig",
        ]),
        strings(&[
            "import",
            &repo("examples/seed/trusted-account.yaml"),
            "--account",
            "111111111111",
            "--param",
            "TrustingAccountId=222222222222",
        ]),
        strings(&["export", &scenario, "--account", "111111111111"]),
        strings(&["test-state", "--definition", &f.path("pass.asl.json")]),
        strings(&["access", &scenario]),
        strings(&["findings", &scenario]),
        strings(&["least-privilege", &scenario]),
        strings(&["diff-access", &scenario, &scenario]),
    ]
}

fn sfn_play(args: &[String]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sfn-play"));
    command.args(args);
    command
}

/// Runs the command with the read end of the pipe `closed` (standard output or error)
/// closed before it writes anything.
fn with_closed(args: &[String], closed_stdout: bool) -> Output {
    let mut command = sfn_play(args);
    command.stdin(Stdio::null());
    match closed_stdout {
        true => command.stdout(Stdio::piped()).stderr(Stdio::piped()),
        false => command.stdout(Stdio::null()).stderr(Stdio::piped()),
    };
    let mut child = command.spawn().unwrap();
    match closed_stdout {
        true => drop(child.stdout.take()),
        false => drop(child.stderr.take()),
    }
    child.wait_with_output().unwrap()
}

#[test]
fn every_command_ends_quietly_when_its_output_is_closed() {
    let files = Files::new("stdout");
    let mut failures = Vec::new();
    for args in commands(&files) {
        let read = sfn_play(&args).output().unwrap();
        // The command prints, and more than nothing: the closed pipe is met.
        assert!(!read.stdout.is_empty(), "{args:?} printed nothing");
        let closed = with_closed(&args, true);
        let stderr = String::from_utf8_lossy(&closed.stderr);
        if stderr.contains("panicked") || closed.status.code() != read.status.code() {
            failures.push(format!(
                "{}: exit {:?} (read: {:?}), stderr: {stderr}",
                args.join(" "),
                closed.status.code(),
                read.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_closed_standard_error_does_not_panic_either() {
    let files = Files::new("stderr");
    // Each writes to standard error: a missing file, a usage error, and (beside the
    // scenario it prints) what of a template is not imported.
    let cases = [
        vec!["run".to_string(), files.path("missing.json")],
        vec!["frobnicate".to_string()],
        vec![
            "import".to_string(),
            repo("examples/seed/trusting-account.yaml"),
            "--account".to_string(),
            "222222222222".to_string(),
        ],
    ];
    for args in cases {
        let read = sfn_play(&args).stdout(Stdio::null()).output().unwrap();
        assert!(!read.stderr.is_empty(), "{args:?} wrote nothing to stderr");
        let closed = with_closed(&args, false);
        assert_eq!(
            closed.status.code(),
            read.status.code(),
            "{}: a panic exits 101",
            args.join(" ")
        );
    }
}

#[test]
fn a_reader_that_stops_after_one_byte_gets_the_start_of_the_output() {
    let files = Files::new("one-byte");
    let mut child = sfn_play(&[
        "run".into(),
        "--definition".into(),
        files.path("map.asl.json"),
        "--input".into(),
        files.path("items.json"),
    ])
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
}
