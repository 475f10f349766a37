//! An explanation as owned data: what [`Explanation::to_json`] shows, as structs that
//! serialize to exactly that JSON (and read it back), so callers read fields instead of
//! JSON pointers.
//!
//! [`Explanation::to_json`]: super::Explanation::to_json

use super::{AuthorizationResult, PolicyKind, Reason};
use crate::context::ContextValue;
use crate::policy::Effect;
use serde::{Deserialize, Serialize};

/// A decision and why: result, reason, summary, the request, the deciding statements and
/// every evaluated policy with its statements' outcomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplanationReport {
    /// Allowed, implicitly denied or explicitly denied.
    pub result: AuthorizationResult,
    /// Why (its code in JSON).
    pub reason: Reason,
    /// The one-line explanation for people.
    pub summary: String,
    /// What was asked.
    pub request: RequestReport,
    /// The statements that decided: the denies for an explicit deny, the allows that
    /// granted access, or for an implicit deny the allows that matched the action but
    /// failed on something else.
    pub deciding_statements: Vec<DecidingStatement>,
    /// Every evaluated policy, in evaluation order.
    pub policies: Vec<PolicyReport>,
}

impl ExplanationReport {
    /// The first deciding statement, if any: the deny that denied, or the allow that came
    /// closest to applying.
    pub fn first_deciding(&self) -> Option<&DecidingStatement> {
        self.deciding_statements.first()
    }
}

/// The request as the explanation saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestReport {
    /// The caller's ARN (or service principal).
    pub principal: String,
    /// The action requested.
    pub action: String,
    /// The resource ARN.
    pub resource: String,
    /// The account that owns the resource.
    pub resource_account: String,
    /// Whether caller and resource are in different accounts.
    pub cross_account: bool,
}

/// A statement that decided, with the policy it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecidingStatement {
    /// The kind of its policy.
    pub policy_kind: PolicyKind,
    /// The name of its policy.
    pub policy_name: String,
    /// The organization level (root, OU or account) of an SCP or RCP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_level: Option<String>,
    /// The statement itself.
    #[serde(flatten)]
    pub statement: StatementReport,
}

/// One statement: which, where, and (when it did not apply) why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementReport {
    /// Its `Sid`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Its index in the policy's statements.
    pub index: usize,
    /// `Allow` or `Deny`.
    pub effect: Effect,
    /// Where it is: a JSON pointer into the input document.
    pub pointer: String,
    /// The part that did not match, when the statement does not apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<Failure>,
    /// When it applies: each condition entry it has, which all held (none when it has no
    /// `Condition`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched_conditions: Vec<ConditionMatch>,
    /// When it is a `Deny` that applies through its `NotPrincipal`: why that does not
    /// spare the caller, in words (which identity AWS checks it does not list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_principal: Option<String>,
}

impl StatementReport {
    /// Why the statement did not apply, in words (`None` when it applies).
    pub fn failure_detail(&self) -> Option<&str> {
        self.failed.as_ref().map(|f| f.detail.as_str())
    }
}

/// One evaluated policy and what each of its statements did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyReport {
    /// The kind of policy.
    pub kind: PolicyKind,
    /// Its name.
    pub name: String,
    /// The organization level (root, OU or account) of an SCP or RCP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_level: Option<String>,
    /// Whether an `Allow` statement applies.
    pub allows: bool,
    /// Whether a `Deny` statement applies.
    pub denies: bool,
    /// Its statements, in document order.
    pub statements: Vec<StatementOutcome>,
}

/// A statement of an evaluated policy and whether it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementOutcome {
    /// The statement.
    #[serde(flatten)]
    pub statement: StatementReport,
    /// Whether it applies to the request.
    pub applies: bool,
}

/// Why a statement did not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The part of the statement that did not match.
    pub part: FailedPart,
    /// For a condition, the entry and the request's value.
    #[serde(flatten)]
    pub condition: Option<ConditionMiss>,
    /// Why, in words.
    pub detail: String,
}

/// The part of a statement that did not match the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailedPart {
    /// `Action` or `NotAction`.
    Action,
    /// `Resource` or `NotResource` (or a policy variable in it has no value).
    Resource,
    /// `Principal` or `NotPrincipal`.
    Principal,
    /// A condition entry (or a policy variable in it has no value).
    Condition,
}

/// A condition entry that did not hold, and what the request had for its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionMiss {
    /// The operator as written, e.g. `StringEquals`.
    pub operator: String,
    /// The condition key as written.
    pub key: String,
    /// The values as written in the policy.
    pub policy_values: Vec<String>,
    /// The request's value for the key (`null` in JSON when it has none).
    pub request_value: Option<ContextValue>,
    /// Where the entry is: the JSON pointer of its key, under the statement's pointer
    /// (`…/Statement/0/Condition/StringEquals/sts:ExternalId`).
    pub pointer: String,
}

/// A condition entry that held, in a statement that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionMatch {
    /// The operator as written, e.g. `StringEquals`.
    pub operator: String,
    /// The condition key as written.
    pub key: String,
    /// The values as written in the policy.
    pub policy_values: Vec<String>,
    /// The request's values for the key (none when the request has no such key, e.g.
    /// under an `...IfExists` operator).
    pub request_values: Vec<String>,
    /// Where the entry is: the JSON pointer of its key, under the statement's pointer.
    pub pointer: String,
}
