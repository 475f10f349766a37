//! `Outcome::write_json` writes exactly the bytes of `Outcome::to_json` (what `sfn-play
//! run` printed before it streamed), with and without the data flow.

use serde_json::json;

fn outcome(definition: serde_json::Value, data_flow: bool) -> asl::Outcome {
    let definition = asl::parse_text(&definition.to_string()).expect("a valid definition");
    let options = asl::Options {
        record_data_flow: data_flow,
        ..asl::Options::default()
    };
    asl::execute(
        &definition,
        json!({"n": 1, "s": "é\"\n"}),
        &options,
        &mut asl::NoTasks,
    )
}

#[test]
fn streams_the_same_bytes_as_the_document() {
    let definitions = [
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "$.s"}, "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "F"}], "Default": "F"},
            "F": {"Type": "Fail", "Error": "E", "Cause": "a \"quoted\" cause"}}}),
        json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}),
        json!({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}),
    ];
    for definition in definitions {
        for data_flow in [false, true] {
            let outcome = outcome(definition.clone(), data_flow);
            let mut streamed = Vec::new();
            outcome.write_json(&mut streamed).expect("writes to a Vec");
            assert_eq!(
                String::from_utf8(streamed).expect("UTF-8"),
                outcome.to_json().to_string(),
                "{definition} (data flow {data_flow})"
            );
        }
    }
}
