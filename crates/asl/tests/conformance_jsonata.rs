//! Every execution recorded from AWS in `shared/conformance/asl-jsonata` (definitions in
//! the JSONata query language) runs through the engine; every one must match on status,
//! output, error and cause, and on the sequence of event types (the rules of `check.py`).

mod support;

use support::recorded::score;

#[test]
fn recorded_aws_jsonata_executions() {
    let Some(shared) = testkit::shared::dir() else {
        println!("skipped: shared/conformance is absent beside the repository");
        return;
    };
    let score = score(&shared.join("conformance/asl-jsonata"));
    score.print();
    assert!(
        score.cases >= 51,
        "expected the 51 recorded cases, found {}",
        score.cases
    );
    assert!(score.misses.is_empty(), "{} misses", score.misses.len());
}
