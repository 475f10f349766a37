//! The simulator's answer: the decision with its explanation, every context key the
//! evaluation saw and where it came from, and the policies that applied.

use crate::gateway::Verdict;
use iam::PolicyKind;
use serde::{Deserialize, Serialize};

/// The answer to a [`Question`](super::Question); in JSON `{"verdict", "context",
/// "policies"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Simulation {
    /// The decision, explained as a run's calls are (headline, summary, matched
    /// statements and conditions, advice, fixes).
    pub verdict: Verdict,
    /// Every context key the evaluation saw, in a stable order: those AWS would set for
    /// this call (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`,
    /// `aws:userid`, `aws:ResourceAccount`, `aws:SourceArn`/`aws:SourceAccount` where the
    /// world sets them, `sts:ExternalId` …), then the user's.
    pub context: Vec<ContextEntry>,
    /// The policies that applied, in evaluation order.
    pub policies: Vec<AppliedPolicy>,
}

/// One context key and its values; in JSON `{"key", "values", "source"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextEntry {
    /// The key, as first written.
    pub key: String,
    /// Its value (one), or values (a multivalued key).
    pub values: Vec<String>,
    /// Who set it.
    pub source: ContextSource,
}

/// Who set a context key; `"aws"` or `"user"` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContextSource {
    /// AWS, for this call (or the scenario's world, as its own call would).
    Aws,
    /// The user, replacing what AWS would set for the key.
    User,
}

/// A policy that applied; in JSON `{"kind", "name", "pointer"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppliedPolicy {
    /// Identity, resource, trust, boundary, SCP or RCP.
    pub kind: PolicyKind,
    /// Its name.
    pub name: String,
    /// Where it is in the scenario document.
    pub pointer: String,
}
