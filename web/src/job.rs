//! The worker's work, plain Rust so it is tested natively: check a scenario's text, then run
//! it when it has no errors; answer the page's questions.

use crate::protocol::{AsJson, FromWorker, ToWorker};
use crate::{questions, transfer};

/// Does what the page asked and tells `send` the answers: an evaluation's messages, or the
/// one answer to a question.
pub fn handle(request: ToWorker, send: impl Fn(FromWorker) + Clone + 'static) {
    let answer = match request {
        ToWorker::Evaluate { revision, text } => return evaluate(revision, &text, send),
        ToWorker::TestState {
            id,
            text,
            machine,
            request,
        } => FromWorker::Tested {
            id,
            answer: AsJson(Box::new(questions::test_state(&text, &machine, &request.0))),
        },
        ToWorker::Simulate { id, text, question } => FromWorker::Simulated {
            id,
            answer: AsJson(Box::new(questions::simulate(&text, &question.0))),
        },
        ToWorker::Access { id, text, question } => FromWorker::Accessed {
            id,
            answer: AsJson(Box::new(questions::access(&text, &question))),
        },
        ToWorker::Complete {
            id,
            text,
            kind,
            typed,
            actions,
        } => FromWorker::Completions {
            id,
            items: questions::complete(&text, kind, &typed, &actions),
        },
        ToWorker::Import {
            id,
            text,
            account,
            template,
            parameters,
        } => FromWorker::Imported {
            id,
            answer: AsJson(Box::new(transfer::import(
                &text,
                &account,
                &template,
                &parameters,
            ))),
        },
        ToWorker::Export {
            id,
            text,
            account,
            json,
            imported,
        } => FromWorker::Exported {
            id,
            answer: AsJson(Box::new(transfer::export(
                &text,
                &account,
                json,
                imported.as_deref(),
            ))),
        },
        ToWorker::Engine { id, call } => FromWorker::Engined {
            id,
            answer: call.answer(),
        },
    };
    send(answer);
}

/// Answers `Evaluate { revision, text }`: tells `send` the diagnostics, the progress of a long
/// run, then the run's report (or why it could not start), then the access findings of a
/// scenario that ran.
pub fn evaluate(revision: u64, text: &str, send: impl Fn(FromWorker) + Clone + 'static) {
    let diagnostics = sim::validate_text(text);
    send(FromWorker::Checked {
        revision,
        diagnostics: AsJson(diagnostics.clone()),
    });
    let parsed = serde_json::from_str::<serde_json::Value>(text);
    let (report, refused) = match parsed.as_ref().map(sim::Scenario::from_value) {
        Ok(Ok(scenario)) => {
            let tell = send.clone();
            let progress =
                asl::Progress::new(move |events| tell(FromWorker::Progress { revision, events }));
            let report = sim::run_with_progress(&scenario, progress);
            send(FromWorker::Ran {
                revision,
                report: AsJson(Box::new(report)),
                refused: None,
            });
            // After the run, which the page waits for: findings of a large scenario take a while.
            send(FromWorker::Found {
                revision,
                findings: AsJson(access::findings(&scenario)),
            });
            return;
        }
        Ok(Err(errors)) => (sim::Report::default(), Some(refusal(&errors))),
        Err(e) => (
            sim::Report::default(),
            Some(format!("The scenario is not JSON: {e}")),
        ),
    };
    send(FromWorker::Ran {
        revision,
        report: AsJson(Box::new(report)),
        refused,
    });
}

/// The errors that stop a run, one per line.
fn refusal(diagnostics: &[sim::Diagnostic]) -> String {
    diagnostics
        .iter()
        .filter(|d| d.severity == sim::Severity::Error)
        .map(|d| format!("{} {}", d.pointer, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::evaluate;
    use crate::protocol::FromWorker;
    use std::cell::RefCell;
    use std::rc::Rc;

    fn heard(text: &str) -> Vec<FromWorker> {
        let log = Rc::new(RefCell::new(Vec::new()));
        let sink = log.clone();
        evaluate(7, text, move |m| sink.borrow_mut().push(m));
        let out = log.borrow().clone();
        out
    }

    #[test]
    fn a_question_gets_one_answer_with_its_id() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let sink = log.clone();
        let text = sim::preset("cross-account-secret-cache")
            .expect("seed")
            .text;
        super::handle(
            crate::protocol::ToWorker::Export {
                id: 9,
                text: text.into(),
                account: "222222222222".into(),
                json: true,
                imported: None,
            },
            move |m| sink.borrow_mut().push(m),
        );
        let messages = log.borrow();
        let [FromWorker::Exported { id: 9, answer }] = messages.as_slice() else {
            panic!("one Exported answer expected, got {messages:?}");
        };
        assert!(answer
            .0
            .template
            .as_deref()
            .is_some_and(|t| t.contains("AWS::IAM::Role")));
    }

    #[test]
    fn the_seed_is_checked_then_run() {
        let seed = sim::preset("cross-account-secret-cache").expect("the seed preset");
        let messages = heard(seed.text);
        let [FromWorker::Checked { revision: 7, .. }, FromWorker::Ran {
            revision: 7,
            report,
            refused: None,
        }, FromWorker::Found { revision: 7, .. }] = messages.as_slice()
        else {
            panic!("expected Checked, Ran then Found, got {messages:?}");
        };
        assert_eq!(report.0.top().map(|t| t.status.as_str()), Some("SUCCEEDED"));
    }

    #[test]
    fn an_invalid_scenario_is_refused_with_its_errors() {
        let messages = heard(r#"{"scenarioVersion": 1, "accounts": {"1": {}}}"#);
        let Some(FromWorker::Ran {
            refused: Some(why), ..
        }) = messages.last()
        else {
            panic!("expected a refusal, got {messages:?}");
        };
        assert!(why.contains("/accounts/1"), "{why}");
    }

    #[test]
    fn text_that_is_not_json_is_refused() {
        let messages = heard("{");
        assert!(matches!(
            messages.last(),
            Some(FromWorker::Ran { refused: Some(why), .. }) if why.starts_with("The scenario is not JSON")
        ));
    }

    #[test]
    fn a_long_loop_reports_progress() {
        let scenario = serde_json::json!({
            "scenarioVersion": 1,
            "accounts": {"111111111111": {
                "roles": {"R": {"assumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
                "stateMachines": {"Loop": {"roleName": "R", "definition": {
                    "StartAt": "Count",
                    "States": {
                        "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "More?"},
                        "More?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 1000, "Next": "Count"}], "Default": "Done"},
                        "Done": {"Type": "Succeed"}
                    }}}}}},
            "execution": {"stateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Loop", "input": {"n": 0}}
        });
        let messages = heard(&scenario.to_string());
        let ticks: Vec<usize> = messages
            .iter()
            .filter_map(|m| match m {
                FromWorker::Progress { events, .. } => Some(*events),
                _ => None,
            })
            .collect();
        assert_eq!(
            ticks,
            vec![1_000, 2_000, 3_000, 4_000],
            "{:?}",
            messages.last()
        );
    }
}
