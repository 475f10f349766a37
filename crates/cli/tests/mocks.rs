//! `sfn-play run --definition FILE --mocks FILE --test-case NAME` when the test case is
//! not one machine's: the message says what is wrong (hardening issue 15: a test case of
//! two machines was reported as "no test case 'T' (known: T, T)"). The mock configuration
//! is Step Functions Local's: test cases under each state machine's name
//! (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html).

use std::process::Command;

/// Runs `definition.asl.json` (a machine named `definition`) with a configuration whose
/// machines `A` and `B` both define the test case `T`; standard error and the exit code.
fn run(test_case: &str) -> (String, Option<i32>) {
    let dir =
        std::env::temp_dir().join(format!("sfn-play-mocks-{}-{test_case}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let definition = dir.join("definition.asl.json");
    std::fs::write(
        &definition,
        r#"{"StartAt": "S", "States": {"S": {"Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f", "End": true}}}"#,
    )
    .unwrap();
    let mocks = dir.join("mocks.json");
    std::fs::write(
        &mocks,
        r#"{"StateMachines": {"A": {"TestCases": {"T": {"S": "R"}}},
                              "B": {"TestCases": {"T": {"S": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": 1}}}}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sfn-play"))
        .args(["run", "--definition"])
        .arg(&definition)
        .arg("--mocks")
        .arg(&mocks)
        .args(["--test-case", test_case])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    (
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn a_test_case_of_two_machines_is_named_ambiguous() {
    let (stderr, code) = run("T");
    assert!(
        stderr.contains("test case 'T' exists for several state machines (A, B)"),
        "{stderr}"
    );
    assert!(!stderr.contains("known:"), "{stderr}");
    assert_eq!(code, Some(2));
}

#[test]
fn an_unknown_test_case_lists_each_known_one_once() {
    let (stderr, code) = run("X");
    assert!(stderr.contains("no test case 'X' (known: T)"), "{stderr}");
    assert_eq!(code, Some(2));
}
