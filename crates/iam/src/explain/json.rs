//! The explanation as data: [`Explanation::report`] builds the owned
//! [`ExplanationReport`], and [`Explanation::to_json`] is that report serialized.

use super::report::{
    ConditionMatch, ConditionMiss, DecidingStatement, ExplanationReport, FailedPart, Failure,
    PolicyReport, RequestReport, StatementOutcome, StatementReport,
};
use super::selection::StatementAt;
use super::trace::Outcome;
use super::Explanation;
use crate::condition::ConditionEntry;
use serde_json::Value;

impl<'r> Explanation<'r> {
    /// The whole explanation as owned data: result, reason, summary, the request, the
    /// deciding statements and, per policy, each statement's outcome.
    pub fn report(&self) -> ExplanationReport {
        ExplanationReport {
            result: self.reason.result(),
            reason: self.reason,
            summary: self.summary(),
            request: RequestReport {
                principal: self.caller.arn().to_string(),
                action: self.action.to_string(),
                resource: self.resource.to_string(),
                resource_account: self.resource_account.to_string(),
                cross_account: self.cross_account,
            },
            deciding_statements: self
                .deciding()
                .iter()
                .map(|s| DecidingStatement {
                    policy_kind: s.trace.kind,
                    policy_name: s.trace.policy.name.to_string(),
                    org_level: s.trace.level.map(str::to_string),
                    statement: self.statement_report(s),
                })
                .collect(),
            policies: self
                .traces
                .iter()
                .map(|t| PolicyReport {
                    kind: t.kind,
                    name: t.policy.name.to_string(),
                    org_level: t.level.map(str::to_string),
                    allows: t.allows,
                    denies: t.denies,
                    statements: self
                        .statements_of(*t)
                        .map(|s| StatementOutcome {
                            statement: self.statement_report(&s),
                            applies: matches!(s.outcome, Outcome::Applies(_)),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The whole explanation as JSON: [`Explanation::report`] serialized.
    pub fn to_json(&self) -> Value {
        // The report holds only strings, numbers, booleans and lists: it always serializes.
        serde_json::to_value(self.report()).unwrap_or_default()
    }

    fn statement_report(&self, s: &StatementAt<'r>) -> StatementReport {
        let pointer = format!(
            "{}{}",
            s.trace.policy.source.unwrap_or(""),
            s.trace.policy.policy.statement_pointer(s.index)
        );
        let matched_conditions = match s.outcome {
            Outcome::Applies(_) => s
                .statement
                .condition
                .entries
                .iter()
                .map(|entry| ConditionMatch {
                    operator: entry.operator_name.to_string(),
                    key: entry.key.to_string(),
                    policy_values: entry.written.clone(),
                    request_values: self
                        .context
                        .get(&entry.key)
                        .map(|v| v.as_slice().to_vec())
                        .unwrap_or_default(),
                    pointer: entry_pointer(&pointer, entry),
                })
                .collect(),
            _ => Vec::new(),
        };
        StatementReport {
            sid: s.statement.sid().map(str::to_string),
            index: s.index,
            effect: s.statement.effect,
            failed: self.failure(s, &pointer),
            pointer,
            matched_conditions,
            not_principal: self.not_spared(s),
        }
    }

    /// Why the statement at `pointer` does not apply (`None` when it does).
    fn failure(&self, s: &StatementAt<'r>, pointer: &str) -> Option<Failure> {
        let part = match s.outcome {
            Outcome::Applies(_) => return None,
            Outcome::Action => FailedPart::Action,
            Outcome::Resource | Outcome::ResourceVariable => FailedPart::Resource,
            Outcome::Principal => FailedPart::Principal,
            Outcome::Condition(_) | Outcome::ConditionVariable(_) => FailedPart::Condition,
        };
        let condition = match s.outcome {
            Outcome::Condition(i) | Outcome::ConditionVariable(i) => s
                .statement
                .condition
                .entries
                .get(usize::from(i))
                .map(|entry| ConditionMiss {
                    operator: entry.operator_name.to_string(),
                    key: entry.key.to_string(),
                    policy_values: entry.written.clone(),
                    request_value: self.context.get(&entry.key).cloned(),
                    pointer: entry_pointer(pointer, entry),
                }),
            _ => None,
        };
        Some(Failure {
            part,
            condition,
            detail: self.miss(s),
        })
    }
}

/// The pointer of a condition entry's key in the statement at `statement`.
fn entry_pointer(statement: &str, entry: &ConditionEntry) -> String {
    let operator = jsonloc::pointer_push(&format!("{statement}/Condition"), &entry.operator_name);
    jsonloc::pointer_push(&operator, &entry.key)
}
