//! The policy simulator: one request (a principal, an action, a resource, context keys)
//! decided against every policy of the scenario that applies to it (identity policies,
//! permissions boundary, SCPs, the resource's policy or the role's trust policy, RCPs)
//! by the gateway's own authorization, so the answer is the one a run's call would get,
//! explained the same way. [`question_of_call`] turns a call of a run into its question.

mod action;
mod answer;
mod choices;
mod context;
mod error;
mod policies;
mod principal;
mod question;
mod resource;
mod world_keys;

pub use answer::{AppliedPolicy, ContextEntry, ContextSource, Simulation};
pub use choices::{principals, principals_in, resources};
pub use error::SimulateError;
pub use question::{question_of_call, Question};

use crate::gateway::{authorize, decide, request_context, Access, Verdict};
use crate::identity::Principal;
use crate::scenario::Scenario;
use serde_json::Value;

/// Decides `question` in `scenario` at the virtual time a run starts: the keys the user
/// gives replace those AWS (or the scenario's world) would set. A principal of a role the
/// scenario does not hold has no identity policies, and the verdict says so.
pub fn simulate(scenario: &Scenario, question: &Question) -> Result<Simulation, SimulateError> {
    let (principal, access) = read(scenario, question)?;
    let now = asl::Options::default().start_time;
    let verdict = authorize(scenario, &principal, &access, now);
    let context = match iam::Caller::parse(&principal.arn()) {
        Ok(caller) => context::list(
            &request_context(scenario, &principal, &caller, &access, now),
            &access.given,
        ),
        Err(_) => Vec::new(),
    };
    let policies = verdict
        .explanation
        .as_ref()
        .map(|e| policies::applied(scenario, &principal, access.resource_policy, e))
        .unwrap_or_default();
    Ok(Simulation {
        verdict,
        context,
        policies,
    })
}

/// Decides `question` as [`simulate`] does, by the same authorization, but only the IAM
/// decision: the verdict's result, reason, summary and explanation (deciding statements,
/// matched conditions, pointers), without the headline, advice and fixes, nor the context
/// and policy lists. Fast enough to ask of every principal, action and resource of a
/// scenario, as access analysis does.
pub fn decide_question(scenario: &Scenario, question: &Question) -> Result<Verdict, SimulateError> {
    let (principal, access) = read(scenario, question)?;
    Ok(decide(
        scenario,
        &principal,
        &access,
        asl::Options::default().start_time,
    ))
}

/// The question's principal, and what it asks for with the keys the world would send and
/// the user's: a malformed field is the error naming it.
fn read<'s>(
    scenario: &'s Scenario,
    question: &'s Question,
) -> Result<(Principal, Access<'s>), SimulateError> {
    let principal = principal::read(&question.principal)?;
    let action = action::read(&question.action)?;
    let target = resource::locate(scenario, &question.resource, action, &principal)?;
    let given = context::read(&question.context)?;
    // A call on `*` is for the caller's account unless `aws:ResourceAccount` says which
    // (as a callback's SendTask* does: the task token's account).
    let resource_account = match question.context.get("aws:ResourceAccount") {
        Some(Value::String(account)) if question.resource == "*" => account.clone(),
        _ => target.account,
    };
    let access = Access {
        action,
        resource: target.arn,
        context: world_keys::call_keys(scenario, &principal, action, target.role.as_ref()),
        resource_account,
        resource_policy: target.policy,
        resource_policy_noun: target.noun,
        trust: target.trust,
        given,
    };
    Ok((principal, access))
}
