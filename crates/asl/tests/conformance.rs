//! Every execution recorded from AWS in `shared/conformance/asl` runs through the engine;
//! at least 95% must match on status, output, error and cause, and 85% on the sequence of
//! event types (the rules of `check.py`).

mod support;

use support::recorded::score;

#[test]
fn recorded_aws_executions() {
    let Some(shared) = testkit::shared::dir() else {
        println!("skipped: shared/conformance is absent beside the repository");
        return;
    };
    let score = score(&shared.join("conformance/asl"));
    score.print();
    assert!(
        score.cases >= 400,
        "expected the 407 recorded cases, found {}",
        score.cases
    );
    let (outcome_rate, events_rate) = (score.outcome_rate(), score.events_rate());
    assert!(
        outcome_rate >= 0.95,
        "outcome rate {outcome_rate:.3} is under 0.95"
    );
    assert!(
        events_rate >= 0.85,
        "event-sequence rate {events_rate:.3} is under 0.85"
    );
}
