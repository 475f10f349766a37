//! What evaluation records for an explanation: per policy, a trace; per statement, an
//! outcome. Indexes and small enums only; strings are rendered later.

use super::PolicyKind;
use crate::principal::PrincipalMatch;
use crate::request::PolicyRef;

/// What happened to one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It applies (with how its principal matched, in resource-based policies).
    Applies(Option<PrincipalMatch>),
    /// The action is not in its `Action` (or is in its `NotAction`).
    Action,
    /// The resource is not in its `Resource` (or is in its `NotResource`).
    Resource,
    /// A policy variable in `Resource` has no value.
    ResourceVariable,
    /// The caller is not named in its `Principal` (or is in its `NotPrincipal`).
    Principal,
    /// This condition entry does not hold.
    Condition(u16),
    /// A policy variable in this condition entry has no value.
    ConditionVariable(u16),
}

/// One evaluated policy; its statements' outcomes start at `start`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PolicyTrace<'r> {
    pub(crate) kind: PolicyKind,
    pub(crate) policy: PolicyRef<'r>,
    pub(crate) level: Option<&'r str>,
    pub(crate) start: usize,
    pub(crate) allows: bool,
    pub(crate) denies: bool,
}
