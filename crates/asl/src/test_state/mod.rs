//! The TestState API: run exactly one state on an input, with variables and a context
//! object, its Task answered by a handler or a mock; Retry and Catch reported as
//! TestState reports them.
//! <https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html>

mod check;
mod pick;
mod request;
mod response;

use crate::diagnostic::{Code, Diagnostic};
use crate::exec::{run_single, DataFlow, Options, Single, SingleRun, Stage, TestMode, TestReport};
use crate::failure::Failure;
use crate::task::TaskHandler;
use crate::template::compact;
pub use request::{
    InspectionLevel, MockErrorOutput, MockInput, TestStateConfiguration, TestStateRequest,
};
pub use response::{
    InspectionData, InspectionDataRequest, InspectionDataResponse, InspectionErrorDetails,
    TestExecutionStatus, TestStateResponse,
};
use serde_json::Value;
use std::rc::Rc;

/// Runs the request's state once. `Err` holds every problem with the request: the
/// definition's (located in its text) and the request's own (pointing at its field).
pub fn test_state(
    request: &TestStateRequest,
    handler: &mut dyn TaskHandler,
) -> Result<TestStateResponse, Vec<Diagnostic>> {
    test_state_with(request, &Options::default(), handler)
}

/// [`test_state`] as part of the execution `execution` describes: its name, state
/// machine ARN, role and start time are the context object's (`$$`) unless the request's
/// `context` (or `roleArn`) says otherwise. At TRACE, a Task the handler answers shows
/// the call it made when the handler [`TaskHandler::traces`].
pub fn test_state_with(
    request: &TestStateRequest,
    execution: &Options,
    handler: &mut dyn TaskHandler,
) -> Result<TestStateResponse, Vec<Diagnostic>> {
    let text = &request.definition;
    let value = jsonloc::parse(text).map_err(|e| {
        let mut syntax = Diagnostic::new(Code::InvalidJson, "", e.message);
        syntax.position = Some(e.position);
        vec![syntax]
    })?;
    let picked = match &request.state_name {
        Some(name) => pick::named(&value, text, name)?,
        None => {
            let context: Option<Value> = request
                .context
                .as_deref()
                .and_then(|c| serde_json::from_str(c).ok());
            let preferred = context
                .as_ref()
                .and_then(|c| c.get("State")?.get("Name")?.as_str());
            pick::lone(&value, text, preferred)?
        }
    };
    let Some((machine, index)) = pick::find(&picked.definition.machine, &picked.name) else {
        return Err(vec![Diagnostic::new(
            Code::ValidationException,
            "/stateName",
            format!("The definition has no state named '{}'", picked.name),
        )]);
    };
    let state = &machine.states[index];
    let checked = check::request(request, state, handler.traces())?;
    let info = check::execution_info(request, &checked, execution);
    let entered_time = checked.entered_time.unwrap_or(info.start_time);
    let test = TestMode {
        retrier_retry_count: request
            .state_configuration
            .as_ref()
            .and_then(|c| c.retrier_retry_count)
            .map_or(0, u64::from),
        mock: checked.mock.clone(),
        report: TestReport::default(),
    };
    let single = Single {
        machine,
        index,
        input: Rc::new(checked.input.clone()),
        variables: checked.variables.clone(),
        info,
        entered_time,
    };
    let run = run_single(single, test, handler);
    let level = request.inspection_level.unwrap_or_default();
    Ok(respond(run, machine, state, &checked.input_text, level))
}

/// The response for a run at `level`.
fn respond(
    run: SingleRun,
    machine: &crate::definition::Machine,
    state: &crate::definition::State,
    input_text: &str,
    level: InspectionLevel,
) -> TestStateResponse {
    let SingleRun {
        ended,
        flow,
        variables,
        report,
    } = run;
    let text = |v: &Value| compact(v);
    let error_of = |f: &Failure| {
        (
            (!f.error.is_empty()).then(|| f.error.clone()),
            (!f.cause.is_empty()).then(|| f.cause.clone()),
        )
    };
    let mut response = TestStateResponse {
        output: None,
        error: None,
        cause: None,
        inspection_data: None,
        next_state: None,
        status: TestExecutionStatus::Succeeded,
    };
    let mut details = InspectionErrorDetails::default();
    match &ended {
        Ok((next, out)) => {
            response.output = Some(text(out));
            response.next_state = next
                .and_then(|i| machine.states.get(i))
                .map(|s| s.name.to_string());
            if let Some((index, failure)) = &report.caught {
                response.status = TestExecutionStatus::CaughtError;
                (response.error, response.cause) = error_of(failure);
                details.catch_index = Some(*index);
            }
        }
        Err(failure) => {
            (response.error, response.cause) = error_of(failure);
            response.status = match report.retry {
                Some((index, backoff)) => {
                    details.retry_index = Some(index);
                    details.retry_backoff_interval_seconds = Some(backoff);
                    TestExecutionStatus::Retriable
                }
                None => TestExecutionStatus::Failed,
            };
        }
    }
    if level == InspectionLevel::Info {
        return response;
    }
    let mut data = InspectionData {
        input: Some(input_text.to_string()),
        ..InspectionData::default()
    };
    if let Some(flow) = &flow {
        fill_stages(&mut data, flow, state);
    }
    if !variables.is_empty() {
        data.variables = Some(text(&Value::Object(variables)));
    }
    if details != InspectionErrorDetails::default() {
        data.error_details = Some(details);
    }
    if level == InspectionLevel::Trace {
        if let Some(exchange) = report.exchange {
            data.request = Some(exchange.request);
            data.response = Some(exchange.response);
        }
    }
    data.after_items_path = report.after_items_path.as_ref().map(text);
    data.after_item_selector = report.after_item_selector.as_ref().map(text);
    data.max_concurrency = report.max_concurrency.map(|n| n as u64);
    data.tolerated_failure_count = report.tolerated_failure_count.map(|n| n as u64);
    data.tolerated_failure_percentage = report.tolerated_failure_percentage;
    response.inspection_data = Some(data);
    response
}

/// The processing stages the state reached. A JSONPath state that produced a result
/// shows it after ResultSelector even without one (AWS's DEBUG example for a Pass state
/// does), and a Pass state shows no raw result.
fn fill_stages(data: &mut InspectionData, flow: &DataFlow, state: &crate::definition::State) {
    let text = |stage| flow.stage(stage).map(compact);
    data.after_input_path = text(Stage::AfterInputPath);
    data.after_parameters = text(Stage::AfterParameters);
    data.after_arguments = text(Stage::AfterArguments);
    data.after_result_path = text(Stage::AfterResultPath);
    let is_pass = matches!(state.kind, crate::definition::Kind::Pass { .. });
    if !is_pass {
        data.result = text(Stage::Result);
    }
    if state.jsonata.is_none() {
        data.after_result_selector = text(Stage::AfterResultSelector).or(text(Stage::Result));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::{HttpExchange, TaskRequest, TaskResponse};
    use serde_json::json;

    /// Answers every Task with `{"ok": true}` and describes the call when `traces`.
    struct Answering {
        traces: bool,
    }

    impl TaskHandler for Answering {
        fn invoke(&mut self, _: &TaskRequest) -> TaskResponse {
            let mut response = TaskResponse::ok(json!({"ok": true}));
            response.exchange = self.traces.then(|| HttpExchange {
                request: InspectionDataRequest {
                    method: Some("POST".into()),
                    body: Some("{}".into()),
                    ..InspectionDataRequest::default()
                },
                response: InspectionDataResponse {
                    status_code: Some("200".into()),
                    ..InspectionDataResponse::default()
                },
            });
            response
        }

        fn traces(&self) -> bool {
            self.traces
        }
    }

    fn request(level: InspectionLevel) -> TestStateRequest {
        TestStateRequest {
            definition: r#"{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:getParameter", "End": true}"#.into(),
            inspection_level: Some(level),
            ..TestStateRequest::default()
        }
    }

    #[test]
    fn trace_shows_the_call_a_tracing_handler_describes_after_result_path() {
        let mut handler = Answering { traces: true };
        let response = test_state(&request(InspectionLevel::Trace), &mut handler).unwrap();
        let json = serde_json::to_string(&response.inspection_data).unwrap();
        // The API model's order: afterResultPath, request, response.
        let at = |k: &str| json.find(&format!("\"{k}\":"));
        let (path, sent, received) = (at("afterResultPath"), at("request"), at("response"));
        assert!(path.is_some() && path < sent && sent < received, "{json}");
        assert!(
            json.contains(r#""request":{"method":"POST","body":"{}"}"#),
            "{json}"
        );
        assert!(
            json.contains(r#""response":{"statusCode":"200"}"#),
            "{json}"
        );
        let debug = test_state(&request(InspectionLevel::Debug), &mut handler).unwrap();
        let data = debug.inspection_data.unwrap();
        assert_eq!((data.request, data.response), (None, None));
    }

    #[test]
    fn trace_is_refused_for_a_task_without_a_tracing_handler_or_with_a_mock() {
        let refused = |handler: &mut Answering, mock: Option<MockInput>| {
            let request = TestStateRequest {
                mock,
                ..request(InspectionLevel::Trace)
            };
            test_state(&request, handler)
                .err()
                .is_some_and(|d| d.iter().any(|d| d.pointer == "/inspectionLevel"))
        };
        assert!(refused(&mut Answering { traces: false }, None));
        let mock = MockInput {
            result: Some("{}".into()),
            ..MockInput::default()
        };
        assert!(refused(&mut Answering { traces: true }, Some(mock)));
        assert!(!refused(&mut Answering { traces: true }, None));
    }

    #[test]
    fn an_input_over_256_kib_is_refused() {
        let with_input = |size: usize| TestStateRequest {
            definition: r#"{"Type": "Pass", "End": true}"#.into(),
            input: Some(format!("\"{}\"", "x".repeat(size - 2))),
            ..TestStateRequest::default()
        };
        let mut handler = Answering { traces: false };
        assert!(test_state(&with_input(crate::MAX_PAYLOAD_BYTES), &mut handler).is_ok());
        let refused = test_state(&with_input(crate::MAX_PAYLOAD_BYTES + 1), &mut handler)
            .err()
            .unwrap_or_default();
        assert_eq!(
            refused
                .iter()
                .map(|d| (d.code, d.pointer.as_str(), d.message.as_str()))
                .collect::<Vec<_>>(),
            [(Code::ValidationException, "/input", "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144")]
        );
    }
}
