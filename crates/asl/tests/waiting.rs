//! Tasks that wait for their token, through the public interface: a handler reports each
//! callback's answer as `TaskResponse::wait`, and the interpreter records TaskSubmitted,
//! the answer or timeout, or pauses the execution (Map iterations run on first).
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token>

use asl::{execute, Failure, Options, Settled, Status, TaskHandler, TaskRequest, TaskResponse};
use asl::{Wait, Waiter};
use serde_json::{json, Value};

/// Answers each callback with what `answer` says for its input `n`.
struct Answers(fn(u64) -> Settled);

impl TaskHandler for Answers {
    fn invoke(&mut self, request: &TaskRequest) -> TaskResponse {
        let n = request.parameters["n"].as_u64().unwrap_or_default();
        let mut response = TaskResponse::ok(json!({"MessageId": n}));
        response.wait = Some(Wait {
            worker: None,
            settled: (self.0)(n),
        });
        response
    }
}

fn map_of_callbacks() -> asl::Definition {
    asl::parse_text(
        &json!({
            "StartAt": "Each",
            "States": {"Each": {
                "Type": "Map",
                "End": true,
                "ItemProcessor": {"StartAt": "Ask", "States": {"Ask": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"n.$": "$", "token.$": "$$.Task.Token"},
                    "End": true
                }}}
            }}
        })
        .to_string(),
    )
    .unwrap()
}

fn types(outcome: &asl::Outcome) -> Vec<String> {
    outcome.events.iter().map(|e| e.kind.type_name()).collect()
}

fn run(answer: fn(u64) -> Settled) -> asl::Outcome {
    execute(
        &map_of_callbacks(),
        json!([1, 2, 3]),
        &Options::default(),
        &mut Answers(answer),
    )
}

#[test]
fn a_waiting_iteration_pauses_the_map_after_the_others() {
    let outcome = run(|n| match n {
        2 => Settled::Waiting,
        _ => Settled::Succeeded {
            after_millis: 1_000,
            output: json!(n),
        },
    });
    assert_eq!(outcome.status, Status::Running);
    assert_eq!(outcome.status.as_str(), "RUNNING");
    let events = types(&outcome);
    assert_eq!(events.iter().filter(|t| *t == "TaskSubmitted").count(), 3);
    assert_eq!(events.iter().filter(|t| *t == "TaskSucceeded").count(), 2);
    assert_eq!(
        events.last().map(String::as_str),
        Some("MapIterationSucceeded")
    );
    assert!(!events
        .iter()
        .any(|t| t.starts_with("Execution") && t != "ExecutionStarted"));
}

#[test]
fn a_failing_iteration_fails_the_map_although_another_waits() {
    let outcome = run(|n| match n {
        1 => Settled::Waiting,
        _ => Settled::Failed {
            after_millis: 0,
            failure: Failure::new("Rejected", "no"),
        },
    });
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("Rejected"));
}

#[test]
fn the_answer_is_the_result_and_time_moves_to_it() {
    let outcome = run(|n| Settled::Succeeded {
        after_millis: n * 60_000,
        output: json!({"answer": n}),
    });
    assert_eq!(outcome.status, Status::Succeeded);
    let output: &Value = outcome.output.as_deref().unwrap();
    assert_eq!(
        output,
        &json!([{"answer": 1}, {"answer": 2}, {"answer": 3}])
    );
    assert_eq!(
        outcome.stop_time - Options::default().start_time,
        6 * 60_000
    );
}

#[test]
fn a_timeout_is_a_task_timed_out_event() {
    let outcome = run(|_| {
        let waiter = Waiter::new(Some(30), None);
        waiter.finish()
    });
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Timeout"));
    assert!(types(&outcome).contains(&"TaskTimedOut".to_string()));
}

#[test]
fn tokens_are_the_same_in_every_run_and_differ_between_tasks() {
    let tokens = |o: &asl::Outcome| -> Vec<String> {
        o.events
            .iter()
            .filter_map(|e| match &e.kind {
                asl::EventKind::TaskScheduled(t) => {
                    t.parameters["token"].as_str().map(String::from)
                }
                _ => None,
            })
            .collect()
    };
    let waiting = run(|_| Settled::Waiting);
    let answered = run(|n| Settled::Succeeded {
        after_millis: n,
        output: json!(n),
    });
    assert_eq!(tokens(&waiting), tokens(&answered));
    let mut distinct = tokens(&waiting);
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3);
}
