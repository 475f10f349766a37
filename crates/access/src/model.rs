//! What the analysis answers with: who reaches which resource with which actions and by
//! which path, each step with the statements that allowed it and the conditions that
//! held, each pointing into the scenario document.

use iam::{ConditionMatch, PolicyKind};
use serde::{Deserialize, Serialize};

/// A principal that can act on a resource; in JSON `{"principal", "resource", "actions",
/// "path", "external"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reach {
    /// Who: a role ARN, a service principal, `arn:aws:iam::ACCOUNT:root` (any principal
    /// of an account outside the scenario), an organization id (any principal of an
    /// organization other than the scenario's) or `*` (anyone).
    pub principal: String,
    /// The resource's ARN.
    pub resource: String,
    /// The actions allowed on it at the end of the path, in the order the analysis asked.
    pub actions: Vec<String>,
    /// The steps: the `sts:AssumeRole` hops from the principal to the role that acts
    /// (none for direct access), then one step per action on the resource.
    pub path: Vec<Hop>,
    /// Whether the principal is outside the resource's zone of trust (its account, or
    /// its organization when the scenario has one and the account is a member).
    pub external: bool,
}

/// One step of a path; in JSON `{"principal", "action", "resource", "conditions",
/// "statements"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hop {
    /// Who acts at this step (the origin, then each role assumed).
    pub principal: String,
    /// The action allowed.
    pub action: String,
    /// On which resource (the role assumed, for a hop).
    pub resource: String,
    /// The condition entries that held in the statements that allowed it (an
    /// `sts:ExternalId` the trust policy expects, an `aws:SourceArn` …), each with its
    /// pointer into the scenario.
    pub conditions: Vec<ConditionMatch>,
    /// The statements that allowed it.
    pub statements: Vec<StatementRef>,
}

/// A statement of the scenario; in JSON `{"kind", "policy", "pointer"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementRef {
    /// What its policy is: identity, resource, trust …
    pub kind: PolicyKind,
    /// Its policy's name.
    pub policy: String,
    /// Where it is in the scenario document (a JSON pointer).
    pub pointer: String,
}

/// Which reach to list: all, or only that of one principal, or to one resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReachFilter {
    /// Only this resource's ARN (as the analysis lists it).
    pub resource: Option<String>,
    /// Only this principal (as [`Reach::principal`] writes it).
    pub principal: Option<String>,
}
