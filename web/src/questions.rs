//! The worker's answers to one-off questions about the scenario: run one state as TestState
//! does, decide one request as the IAM policy simulator does, or complete what is typed in a
//! policy from the Service Authorization Reference. Plain Rust, tested natively.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// How many reach entries an answer carries (the filters narrow them).
pub const REACH_SHOWN: usize = 100;

/// How many completions a field offers.
const COMPLETIONS: usize = 40;

/// What testing one state came to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TestAnswer {
    /// The TestState response, when the state ran.
    pub response: Option<asl::TestStateResponse>,
    /// The API calls its Task made in the simulated world, with their decisions.
    pub calls: Vec<sim::CallRecord>,
    /// Why it could not run: one located problem per entry.
    pub problems: Vec<String>,
}

/// What simulating one request came to, with what the form's fields can offer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SimAnswer {
    /// The decision and the context it saw, when the request could be decided.
    pub simulation: Option<sim::Simulation>,
    /// Why it could not be decided (a field that is not an ARN …).
    pub problem: Option<String>,
    /// Principals of the scenario a user can pick.
    pub principals: Vec<String>,
    /// Resources of the scenario a user can pick, then the ARN formats of the action's
    /// resource types (`arn:${Partition}:secretsmanager:…:secret:${SecretId}`).
    pub resources: Vec<String>,
    /// Actions that complete what is typed in the action field.
    pub actions: Vec<String>,
    /// Condition keys the action supports (its own, then the global ones).
    pub keys: Vec<String>,
}

/// What the role needed in the last run, and the edit that makes it its only policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleLeast {
    /// The role's ARN.
    pub role: String,
    pub privilege: access::LeastPrivilege,
    /// Replaces the role's policies with the one it needed (undoable on the page).
    pub fix: Option<sim::Fix>,
}

/// What the access view asks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccessQuestion {
    /// Only the reach of this resource.
    pub resource: Option<String>,
    /// Only the reach of this principal.
    pub principal: Option<String>,
    /// The version to compare with (the preset's text): what the scenario gains and loses.
    pub baseline: Option<String>,
    /// An account and actions no one outside it may have (CheckAccessNotGranted).
    pub not_granted: Option<(String, Vec<String>)>,
}

/// Who can reach what, and what each role needed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccessAnswer {
    /// The first [`REACH_SHOWN`] principals that can act on a resource, with their paths.
    pub reach: Vec<access::Reach>,
    /// How many there are in all.
    pub total: usize,
    /// Least privilege from a run of the scenario, role by role.
    pub least: Vec<RoleLeast>,
    /// The resources a user can pick.
    pub resources: Vec<String>,
    /// The principals a user can pick (as the analysis names them).
    pub principals: Vec<String>,
    /// What the scenario gains and loses against the baseline, when one was given.
    pub diff: Option<access::AccessDiff>,
    /// The grants of the checked actions outside the checked account, when asked.
    pub not_granted: Option<Vec<access::AccessChange>>,
    /// Why it could not be analysed.
    pub problem: Option<String>,
}

/// Who can reach what in the scenario in `text` (only a resource's, or only a principal's,
/// when asked), the least privilege each role needed in its run, what it gains and loses
/// against a baseline, and the grants of some actions outside an account.
pub fn access(text: &str, question: &AccessQuestion) -> AccessAnswer {
    let resource = question.resource.as_deref();
    let principal = question.principal.as_deref();
    let scenario = match scenario(text) {
        Ok(s) => s,
        Err(errors) => {
            return AccessAnswer {
                problem: Some(format!(
                    "The scenario has errors, so its access cannot be analysed:\n{}",
                    errors.join("\n")
                )),
                ..AccessAnswer::default()
            }
        }
    };
    let mut answer = AccessAnswer::default();
    if let Ok(all) = access::reach(&scenario, &access::ReachFilter::default()) {
        let (mut resources, mut principals) = (HashSet::new(), HashSet::new());
        for r in &all {
            if resources.insert(r.resource.as_str()) {
                answer.resources.push(r.resource.clone());
            }
            if principals.insert(r.principal.as_str()) {
                answer.principals.push(r.principal.clone());
            }
        }
        let mut chosen = all
            .into_iter()
            .filter(|r| resource.is_none_or(|x| r.resource == x))
            .filter(|r| principal.is_none_or(|x| r.principal == x));
        answer.reach = chosen.by_ref().take(REACH_SHOWN).collect();
        answer.total = answer.reach.len() + chosen.count();
    }
    if let Some(baseline) = &question.baseline {
        answer.diff = self::scenario(baseline)
            .ok()
            .map(|old| access::diff_access(&old, &scenario));
    }
    if let Some((account, actions)) = &question.not_granted {
        answer.not_granted = Some(access::access_not_granted(&scenario, account, actions));
    }
    let report = last_run(text, &scenario);
    answer.least = access::least_privilege(&scenario, &report)
        .into_iter()
        .map(|(role, privilege)| RoleLeast {
            fix: access::least_privilege_fix(&role, &privilege),
            role,
            privilege,
        })
        .collect();
    answer
}

/// What a string in a policy names, for completing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompletionKind {
    /// An element of `Action` or `NotAction`.
    Action,
    /// An element of `Resource` or `NotResource`.
    Resource,
    /// A key of a condition operator's object.
    ConditionKey,
}

thread_local! {
    /// The last scenario text a question needed a run of, and that run: questions asked
    /// while the scenario stays the same (each keystroke in the simulator) run it once.
    static LAST_RUN: std::cell::RefCell<Option<(String, std::rc::Rc<sim::Report>)>> =
        const { std::cell::RefCell::new(None) };
}

/// A run of `scenario`, whose text is `text`: the one made for the last question about the
/// same text, else a new one.
fn last_run(text: &str, scenario: &sim::Scenario) -> std::rc::Rc<sim::Report> {
    LAST_RUN.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some((seen, report)) if seen == text => report.clone(),
            _ => {
                let report = std::rc::Rc::new(sim::run(scenario));
                *last = Some((text.to_string(), report.clone()));
                report
            }
        }
    })
}

/// The scenario in `text`, or why it cannot be used.
fn scenario(text: &str) -> Result<sim::Scenario, Vec<String>> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| vec![format!("The scenario is not JSON: {e}")])?;
    sim::Scenario::from_value(&value).map_err(|errors| {
        errors
            .iter()
            .filter(|d| d.severity == sim::Severity::Error)
            .map(|d| format!("{} {}", d.pointer, d.message))
            .collect()
    })
}

/// Runs `request` as state machine `machine` of the scenario in `text` would: its Task calls
/// the simulated world unless the request mocks it. A mocked state still runs when the
/// scenario has errors.
pub fn test_state(text: &str, machine: &str, request: &asl::TestStateRequest) -> TestAnswer {
    let located = |diagnostics: Vec<asl::Diagnostic>| TestAnswer {
        problems: diagnostics
            .iter()
            .map(|d| match d.position {
                Some(p) => format!("line {}, column {}: {}", p.line, p.column, d.message),
                None if d.pointer.is_empty() => d.message.clone(),
                None => format!("{}: {}", d.pointer, d.message),
            })
            .collect(),
        ..TestAnswer::default()
    };
    match scenario(text) {
        Ok(scenario) => match sim::test_state(&scenario, machine, request) {
            Ok(test) => TestAnswer {
                response: Some(test.response),
                calls: test.calls,
                problems: Vec::new(),
            },
            Err(error) => located(error.diagnostics()),
        },
        Err(errors) if request.mock.is_some() => {
            match asl::test_state(request, &mut asl::NoTasks) {
                Ok(response) => TestAnswer {
                    response: Some(response),
                    ..TestAnswer::default()
                },
                Err(diagnostics) => {
                    let mut answer = located(diagnostics);
                    answer.problems.extend(errors);
                    answer
                }
            }
        }
        Err(mut errors) => {
            errors.insert(
                0,
                "The scenario has errors, so the state cannot call the simulated world; fix them, or mock the Task's result.".into(),
            );
            TestAnswer {
                problems: errors,
                ..TestAnswer::default()
            }
        }
    }
}

/// Decides `question` against the scenario in `text`, and lists what its fields can offer.
pub fn simulate(text: &str, question: &sim::Question) -> SimAnswer {
    let reference = iam::reference();
    let action = question.action.trim();
    let mut answer = SimAnswer {
        actions: reference.complete_action(action, COMPLETIONS),
        keys: reference.complete_condition_key(Some(action), "", COMPLETIONS * 4),
        ..SimAnswer::default()
    };
    match scenario(text) {
        Ok(scenario) => {
            answer.principals = sim::principals_in(&scenario, &last_run(text, &scenario));
            answer.resources = sim::resources(&scenario);
            answer.resources.extend(reference.resource_formats(action));
            match sim::simulate(&scenario, question) {
                Ok(simulation) => answer.simulation = Some(simulation),
                Err(e) => answer.problem = Some(e.to_string()),
            }
        }
        Err(errors) => {
            answer.problem = Some(format!(
                "The scenario has errors, so its policies cannot be read:\n{}",
                errors.join("\n")
            ))
        }
    }
    answer
}

/// Completions of `typed` in a policy, best first (at most 40): actions (`s3:GetO` →
/// `s3:GetObject` …, `secr` → `secretsmanager:`), condition keys (those of `actions`, then the
/// global ones), or resources (the scenario's ARNs, then the ARN formats of `actions` with the
/// scenario's partition and region filled in; those starting with `typed` before those that
/// only contain it). `text` is the scenario, read for resources only.
pub fn complete(text: &str, kind: CompletionKind, typed: &str, actions: &[String]) -> Vec<String> {
    let reference = iam::reference();
    match kind {
        CompletionKind::Action => reference.complete_action(typed, COMPLETIONS),
        CompletionKind::ConditionKey => {
            let global = reference.complete_condition_key(None, typed, usize::MAX);
            let mut own: Vec<String> = Vec::new();
            for action in actions {
                for key in reference.complete_condition_key(Some(action), typed, usize::MAX) {
                    let known = |k: &String| k.eq_ignore_ascii_case(&key);
                    if !global.iter().any(known) && !own.iter().any(known) {
                        own.push(key);
                    }
                }
            }
            own.sort_by_key(|k| k.to_ascii_lowercase());
            own.into_iter().chain(global).take(COMPLETIONS).collect()
        }
        CompletionKind::Resource => {
            let scenario = scenario(text).ok();
            let region = scenario.as_ref().map_or("us-east-1", |s| s.region.as_str());
            let mut candidates: Vec<String> =
                scenario.as_ref().map(sim::resources).unwrap_or_default();
            for action in actions {
                for format in reference.resource_formats(action) {
                    let format = format
                        .replace("${Partition}", "aws")
                        .replace("${Region}", region);
                    if !candidates.contains(&format) {
                        candidates.push(format);
                    }
                }
            }
            let typed = typed.to_ascii_lowercase();
            let (mut starting, mut containing) = (Vec::new(), Vec::new());
            for candidate in candidates {
                let lower = candidate.to_ascii_lowercase();
                if lower.starts_with(&typed) {
                    starting.push(candidate);
                } else if lower.contains(&typed) {
                    containing.push(candidate);
                }
            }
            starting.extend(containing);
            starting.truncate(COMPLETIONS);
            starting
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{access, complete, simulate, test_state, CompletionKind};

    #[test]
    fn questions_about_the_same_text_share_one_run() {
        let scenario = super::scenario(seed()).expect("the seed");
        let first = super::last_run(seed(), &scenario);
        let again = super::last_run(seed(), &scenario);
        assert!(std::rc::Rc::ptr_eq(&first, &again));
        let other = sim::preset("wrong-external-id").expect("a preset").text;
        let changed = super::last_run(other, &super::scenario(other).expect("valid"));
        assert!(!std::rc::Rc::ptr_eq(&first, &changed));
    }

    #[test]
    fn the_seeds_express_workflow_is_reached_through_the_external_id() {
        let wfw = "arn:aws:states:us-east-1:222222222222:stateMachine:SecretCacheWfw";
        let consumer = "arn:aws:iam::111111111111:role/TrustedAccountRl";
        let question = super::AccessQuestion {
            resource: Some(wfw.into()),
            principal: Some(consumer.into()),
            baseline: Some(
                sim::preset("wrong-external-id")
                    .expect("a preset")
                    .text
                    .into(),
            ),
            not_granted: Some(("222222222222".into(), vec!["states:Start*".into()])),
        };
        let answer = access(seed(), &question);
        let diff = answer.diff.as_ref().expect("a diff");
        assert!(
            diff.gained.iter().any(|c| c.principal == consumer),
            "the seed's consumer gains what the wrong ExternalId denied: {diff:#?}"
        );
        let outside = answer.not_granted.as_ref().expect("checked");
        assert!(
            outside
                .iter()
                .any(|c| c.principal == consumer && c.resource == wfw),
            "{outside:#?}"
        );
        assert_eq!(answer.problem, None);
        let [reach] = answer.reach.as_slice() else {
            panic!("one reach expected: {:#?}", answer.reach);
        };
        let hop = &reach.path[0];
        assert_eq!(hop.action, "sts:AssumeRole");
        assert!(hop.conditions.iter().any(|c| c.key == "sts:ExternalId"));
        assert!(answer.resources.iter().any(|r| r == wfw));
        let least = answer
            .least
            .iter()
            .find(|l| l.role == consumer)
            .expect("the consumer's role");
        assert!(least.fix.is_some());
    }

    fn seed() -> &'static str {
        sim::preset("cross-account-secret-cache")
            .expect("the seed preset")
            .text
    }

    fn seed_definition() -> (String, String) {
        let doc: serde_json::Value = serde_json::from_str(seed()).expect("json");
        let arn = doc["execution"]["stateMachineArn"]
            .as_str()
            .expect("the seed's machine")
            .to_string();
        let name = arn.rsplit(':').next().expect("a name");
        let machines = doc["accounts"]["111111111111"]["stateMachines"]
            .as_object()
            .expect("machines");
        let definition = machines[name]["definition"].to_string();
        (arn, definition)
    }

    #[test]
    fn a_state_of_the_seed_runs_in_its_world() {
        let (arn, definition) = seed_definition();
        let value: serde_json::Value = serde_json::from_str(&definition).expect("json");
        let start = value["StartAt"].as_str().expect("StartAt").to_string();
        let request = asl::TestStateRequest {
            definition,
            state_name: Some(start),
            ..asl::TestStateRequest::default()
        };
        let answer = test_state(seed(), &arn, &request);
        assert!(answer.problems.is_empty(), "{:?}", answer.problems);
        assert!(answer.response.is_some());
        assert!(!answer.calls.is_empty(), "the first state reads SSM");
    }

    #[test]
    fn a_broken_scenario_still_runs_a_mocked_state() {
        let request = asl::TestStateRequest {
            definition: r#"{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:getParameter", "End": true}"#.into(),
            mock: Some(asl::MockInput {
                result: Some(r#"{"Parameter": {"Value": "x"}}"#.into()),
                ..asl::MockInput::default()
            }),
            ..asl::TestStateRequest::default()
        };
        let answer = test_state("{", "arn:aws:states:us-east-1:1:stateMachine:M", &request);
        let response = answer.response.expect("it ran");
        assert_eq!(response.status, asl::TestExecutionStatus::Succeeded);
        let unmocked = asl::TestStateRequest {
            mock: None,
            ..request
        };
        let answer = test_state("{", "arn:aws:states:us-east-1:1:stateMachine:M", &unmocked);
        assert!(answer.response.is_none());
        assert!(answer.problems[0].contains("mock"), "{:?}", answer.problems);
    }

    #[test]
    fn a_question_gets_a_decision_and_completions() {
        let question = sim::Question {
            principal: "states.amazonaws.com".into(),
            action: "sts:AssumeRo".into(),
            resource: "arn:aws:iam::111111111111:role/NoSuchRole".into(),
            context: serde_json::Map::new(),
        };
        let answer = simulate(seed(), &question);
        assert!(
            answer.actions.iter().any(|a| a == "sts:AssumeRole"),
            "{:?}",
            answer.actions
        );
        assert!(!answer.principals.is_empty());
        assert!(!answer.resources.is_empty());
        let finished = simulate(
            seed(),
            &sim::Question {
                action: "secretsmanager:GetSecretValue".into(),
                ..question.clone()
            },
        );
        assert!(
            finished
                .resources
                .last()
                .is_some_and(|r| r.contains(":secret:")),
            "{:?}",
            finished.resources
        );
        assert!(answer.simulation.is_some() || answer.problem.is_some());
    }

    #[test]
    fn actions_complete_from_the_reference() {
        let items = complete("", CompletionKind::Action, "secretsmanager:GetSec", &[]);
        assert_eq!(
            items.first().map(String::as_str),
            Some("secretsmanager:GetSecretValue")
        );
        let items = complete("", CompletionKind::Action, "secr", &[]);
        assert!(items.iter().any(|i| i == "secretsmanager:"), "{items:?}");
        assert!(items.iter().all(|i| i.ends_with(':')), "{items:?}");
        assert!(complete("", CompletionKind::Action, "nosuchservice:Get", &[]).is_empty());
    }

    #[test]
    fn condition_keys_of_the_statements_actions_come_before_the_global_ones() {
        let actions = ["sts:AssumeRole".to_string()];
        let items = complete("", CompletionKind::ConditionKey, "sts:Ex", &actions);
        assert_eq!(items, ["sts:ExternalId"]);
        let items = complete("", CompletionKind::ConditionKey, "", &actions);
        let first_global = items
            .iter()
            .position(|k| k.starts_with("aws:"))
            .expect("global keys");
        assert!(first_global > 0, "{items:?}");
        assert!(
            items[..first_global].iter().any(|k| k == "sts:ExternalId"),
            "{items:?}"
        );
        assert!(
            items[first_global..].iter().all(|k| k.starts_with("aws:")),
            "{items:?}"
        );
        let items = complete("", CompletionKind::ConditionKey, "aws:SourceA", &[]);
        assert!(
            items.iter().any(|k| k == "aws:SourceArn")
                && items.iter().any(|k| k == "aws:SourceAccount"),
            "{items:?}"
        );
        assert!(
            complete("", CompletionKind::ConditionKey, "sts:Ex", &[]).is_empty(),
            "no action, only global keys"
        );
    }

    #[test]
    fn resources_are_the_scenarios_then_the_actions_formats() {
        let actions = ["secretsmanager:GetSecretValue".to_string()];
        let items = complete(seed(), CompletionKind::Resource, "", &actions);
        let format = "arn:aws:secretsmanager:us-east-1:${Account}:secret:${SecretId}";
        let at = items
            .iter()
            .position(|i| i == format)
            .expect("the secret's ARN format");
        assert!(
            at > 0 && items[..at].iter().all(|i| !i.contains("${")),
            "{items:?}"
        );
        let items = complete(
            seed(),
            CompletionKind::Resource,
            "arn:aws:secretsmanager",
            &actions,
        );
        assert!(!items.is_empty());
        assert!(
            items
                .iter()
                .all(|i| i.starts_with("arn:aws:secretsmanager")),
            "{items:?}"
        );
        assert!(
            items.iter().any(|i| i.contains(":secret:CachedSecret-")),
            "{items:?}"
        );
        let items = complete(seed(), CompletionKind::Resource, "CachedSecret", &[]);
        assert!(
            !items.is_empty() && items.iter().all(|i| i.contains("CachedSecret")),
            "{items:?}"
        );
        let items = complete("{", CompletionKind::Resource, "", &actions);
        assert_eq!(items, [format], "a broken scenario still gets the formats");
    }
}
