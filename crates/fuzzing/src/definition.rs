//! The States Language: definitions, JSONPath paths and intrinsic functions.

use asl::{ExecutionInfo, Template};
use serde_json::{json, Value};
use std::rc::Rc;

/// A definition's text parsed and validated as CreateStateMachine does.
pub fn definition(data: &[u8]) {
    if let Some(text) = crate::text(data) {
        let _ = asl::parse_text(text);
    }
}

/// A path: compiled and selected as a `.$` value of a payload template, then as a
/// `ResultPath` (a reference path) on a Pass state that runs.
pub fn jsonpath(data: &[u8]) {
    if let Some(text) = crate::text(data) {
        render(text);
        let definition = json!({"StartAt": "P", "States": {"P": {
            "Type": "Pass", "Result": {"r": 1}, "ResultPath": text, "End": true
        }}});
        if let Ok(definition) = asl::parse_definition(&definition) {
            let _ = asl::execute(
                &definition,
                input(),
                &asl::Options::default(),
                &mut asl::NoTasks,
            );
        }
    }
}

/// An intrinsic function call (`States.Format('{}', $.a)` …): parsed and evaluated as the
/// `.$` value of a payload template.
pub fn intrinsic(data: &[u8]) {
    if let Some(text) = crate::text(data) {
        render(text);
    }
}

/// `{"x.$": text}` compiled and, when valid, rendered on a small input.
fn render(text: &str) {
    let mut diags = Vec::new();
    let template = Template::compile(&json!({"x.$": text}), "/Parameters", &mut diags);
    if diags.is_empty() {
        let _ = template.render(&input(), &execution(), "P", 0);
    }
}

/// An input with an object, an array, a string, numbers and null to select from.
fn input() -> Value {
    json!({"a": {"b": [1, "two", {"c": null}], "d": 2.5}, "s": "text", "list": [3, 1, 2]})
}

fn execution() -> ExecutionInfo {
    ExecutionInfo {
        execution_arn: Rc::from("arn:aws:states:us-east-1:111111111111:execution:M:e"),
        name: Rc::from("e"),
        state_machine_arn: Rc::from("arn:aws:states:us-east-1:111111111111:stateMachine:M"),
        state_machine_name: Rc::from("M"),
        role_arn: Rc::from("arn:aws:iam::111111111111:role/R"),
        start_time: 0,
        input: Rc::new(input()),
    }
}
