//! The policy simulator. Every call of every preset's run asked again through
//! `question_of_call` gets the call's decision. And the cases of
//! `tests/cases/simulate/*.json`: `{"name", "doc", "preset" | "scenario", "patch"?,
//! "question" | "call", "context"?, "expect"}`. `question` is a `sim::Question`; `call`
//! (`{"action", "index"?}`, the index-th call with that action, 0 by default) takes the
//! question of a call of the scenario's run, and `context` then sets keys of it. `expect`:
//! `{"result", "headline"?, "headlineContains"?, "summaryContains"?, "adviceContains"?,
//! "context"?, "policies"?}` (`headline` word for word; `context` entries
//! `{"key", "values", "source"}` that the simulation lists, in that order; `policies` the
//! pointers of the policies that applied, all of them, in order), or `{"error"}`, the
//! `SimulateError` message (`POINTER: …`) word for word. `doc` cites the AWS page the
//! expectation follows.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::path::Path;
use testkit::patch::Op;

/// One case (see the module documentation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    doc: String,
    preset: Option<String>,
    scenario: Option<Value>,
    #[serde(default)]
    patch: Vec<Op>,
    question: Option<sim::Question>,
    call: Option<CallPick>,
    #[serde(default)]
    context: Map<String, Value>,
    expect: Expect,
}

/// A call of the run, by action (and which of those).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallPick {
    action: String,
    #[serde(default)]
    index: usize,
}

/// What the simulation must answer.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    result: Option<iam::AuthorizationResult>,
    headline: Option<String>,
    headline_contains: Option<String>,
    summary_contains: Option<String>,
    advice_contains: Option<String>,
    context: Option<Vec<sim::ContextEntry>>,
    policies: Option<Vec<String>>,
    error: Option<String>,
}

fn scenario_of(case: &Case) -> Result<sim::Scenario, String> {
    let doc = testkit::patch::case_document(
        case.preset.as_deref(),
        case.scenario.as_ref(),
        &case.patch,
        |id| sim::preset(id).map(|p| p.text),
    )?;
    sim::Scenario::from_value(&doc).map_err(|d| {
        let d: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        format!("invalid scenario: {}", d.join("; "))
    })
}

fn question_of(case: &Case, scenario: &sim::Scenario) -> Result<sim::Question, String> {
    let mut question = match (&case.question, &case.call) {
        (Some(q), None) => q.clone(),
        (None, Some(pick)) => {
            let report = sim::run(scenario);
            let index = report
                .calls
                .iter()
                .enumerate()
                .filter(|(_, c)| c.action == pick.action)
                .nth(pick.index)
                .map(|(i, _)| i)
                .ok_or(format!(
                    "the run has no {} call #{}",
                    pick.action, pick.index
                ))?;
            sim::question_of_call(&report, index).ok_or("no question of the call")?
        }
        _ => return Err("give `question` or `call`".into()),
    };
    question.context.extend(case.context.clone());
    Ok(question)
}

fn check(case: &Case) -> Result<(), String> {
    if !case.doc.starts_with("https://docs.aws.amazon.com/") {
        return Err("no `doc` citing the AWS documentation".into());
    }
    let scenario = scenario_of(case)?;
    let question = question_of(case, &scenario)?;
    let expect = &case.expect;
    let simulation = match (sim::simulate(&scenario, &question), &expect.error) {
        (Err(e), Some(want)) if &e.to_string() == want => return Ok(()),
        (Err(e), _) => return Err(format!("error {e}")),
        (Ok(s), Some(want)) => {
            return Err(format!(
                "simulated ({}), expected the error {want}",
                s.verdict.headline
            ))
        }
        (Ok(s), None) => s,
    };
    let json = serde_json::to_value(&simulation).map_err(|e| e.to_string())?;
    let back: sim::Simulation = serde_json::from_value(json).map_err(|e| e.to_string())?;
    if back != simulation {
        return Err("the simulation does not read back from its JSON".into());
    }
    let verdict = &simulation.verdict;
    if expect.result.is_some_and(|r| r != verdict.result) {
        return Err(format!("{:?}: {}", verdict.result, verdict.headline));
    }
    if expect
        .headline
        .as_ref()
        .is_some_and(|h| h != &verdict.headline)
    {
        return Err(format!("headline {:?}", verdict.headline));
    }
    for (what, wanted, got) in [
        (
            "headline",
            &expect.headline_contains,
            Some(&verdict.headline),
        ),
        ("summary", &expect.summary_contains, Some(&verdict.summary)),
        ("advice", &expect.advice_contains, verdict.advice.as_ref()),
    ] {
        if let Some(w) = wanted {
            if !got.is_some_and(|g| g.contains(w.as_str())) {
                return Err(format!("{what} {got:?} lacks {w:?}"));
            }
        }
    }
    if let Some(entries) = &expect.context {
        let mut listed = simulation.context.iter();
        for want in entries {
            if !listed.any(|e| e == want) {
                return Err(format!(
                    "context lacks {want:?} (in order); it is {:?}",
                    simulation.context
                ));
            }
        }
    }
    if let Some(pointers) = &expect.policies {
        let got: Vec<&str> = simulation
            .policies
            .iter()
            .map(|p| p.pointer.as_str())
            .collect();
        if &got != pointers {
            return Err(format!("policies {got:?}"));
        }
    }
    Ok(())
}

#[test]
fn simulate_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/simulate");
    let cases: Vec<(String, Case)> = testkit::cases::load(&dir);
    testkit::cases::check_all("simulate cases", &cases, |c| &c.name, check);
}

#[test]
fn every_call_of_every_preset_is_simulated_to_its_decision() {
    let mut calls = 0;
    for p in sim::presets() {
        let scenario = sim::Scenario::parse_text(p.text).unwrap();
        let report = sim::run(&scenario);
        for (i, call) in report.calls.iter().enumerate() {
            let question = sim::question_of_call(&report, i).unwrap();
            let simulation = sim::simulate(&scenario, &question)
                .unwrap_or_else(|e| panic!("{} call {i}: {e}", p.id));
            assert_eq!(simulation.verdict, call.decision, "{} call {i}", p.id);
            calls += 1;
        }
        assert!(sim::question_of_call(&report, report.calls.len()).is_none());
    }
    assert!(calls >= 30, "{calls} calls");
}

#[test]
fn pickers_list_the_seeds_principals_and_resources() {
    let text = sim::preset("cross-account-secret-cache").unwrap().text;
    let scenario = sim::Scenario::parse_text(text).unwrap();
    let principals = sim::principals(&scenario);
    assert_eq!(
        principals,
        [
            "arn:aws:iam::111111111111:role/TrustedAccountRl",
            "arn:aws:iam::222222222222:role/SecretCacheWfwRl",
            "arn:aws:iam::222222222222:role/TrustingAccountRl",
            "states.us-east-1.amazonaws.com",
            "arn:aws:sts::111111111111:assumed-role/TrustedAccountRl/exec-1",
            "arn:aws:sts::222222222222:assumed-role/TrustingAccountRl/exec-1",
            "states.amazonaws.com",
            "arn:aws:sts::222222222222:assumed-role/SecretCacheWfwRl/exec-2",
        ]
    );
    let resources = sim::resources(&scenario);
    for arn in [
        "arn:aws:iam::222222222222:role/TrustingAccountRl",
        "arn:aws:states:us-east-1:222222222222:stateMachine:SecretCacheWfw",
        "arn:aws:ssm:us-east-1:111111111111:parameter/SecretCacheConfig",
        "arn:aws:dynamodb:us-east-1:222222222222:table/SecretCacheTbl",
        "arn:aws:lambda:us-east-1:222222222222:function:CacheSecretFn",
    ] {
        assert!(
            resources.iter().any(|r| r == arn),
            "{arn} not in {resources:?}"
        );
    }
    for principal in &principals {
        for resource in &resources {
            let question = sim::Question {
                principal: principal.clone(),
                action: "sts:AssumeRole".into(),
                resource: resource.clone(),
                ..sim::Question::default()
            };
            assert!(sim::simulate(&scenario, &question).is_ok(), "{question:?}");
        }
    }
}

#[test]
fn mutated_questions_never_panic() {
    let palette = vec![
        Value::Null,
        serde_json::json!(1),
        serde_json::json!(""),
        serde_json::json!("*"),
        serde_json::json!("arn:"),
        serde_json::json!("arn:aws:iam::1:role/R"),
        serde_json::json!("arn:aws:sts::111111111111:assumed-role//"),
        serde_json::json!("arn:aws:iam::999999999999:role/Nope"),
        serde_json::json!("arn:aws:s3:::"),
        serde_json::json!("states.amazonaws.com"),
        serde_json::json!("a:b"),
        serde_json::json!(["x", 1]),
        serde_json::json!({"aws:SourceAccount": []}),
    ];
    let mut mutator = testkit::mutate::Mutator::new(12, palette).bending_strings();
    let (mut answered, mut refused) = (0, 0);
    for p in sim::presets() {
        let scenario = sim::Scenario::parse_text(p.text).unwrap();
        let report = sim::run(&scenario);
        for i in 0..report.calls.len() {
            let question = serde_json::to_value(sim::question_of_call(&report, i)).unwrap();
            for _ in 0..20 {
                let Ok(mutant) = serde_json::from_value::<sim::Question>(mutator.mutate(&question))
                else {
                    continue;
                };
                match sim::simulate(&scenario, &mutant) {
                    Ok(s) => {
                        assert!(!s.verdict.headline.is_empty(), "{mutant:?}");
                        let json = serde_json::to_value(&s).unwrap();
                        assert_eq!(serde_json::from_value::<sim::Simulation>(json).unwrap(), s);
                        answered += 1;
                    }
                    Err(e) => {
                        assert!(e.to_string().starts_with(&format!("{}: ", e.pointer())));
                        refused += 1;
                    }
                }
            }
        }
    }
    assert!(
        answered > 100 && refused > 100,
        "{answered} answered, {refused} refused"
    );
}
