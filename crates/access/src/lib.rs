//! Access analysis of a scenario, decided by the simulator's own authorization (no
//! heuristics): the scenario is finite, so every principal × action × resource in it is
//! asked of the IAM evaluator exactly as a run's call would be.
//!
//! - [`reach`]: who can act on what, and by which path: an identity policy, a resource
//!   policy, or a chain of `sts:AssumeRole` hops followed to a fixed point, each step with
//!   the statements that allowed it and the conditions that held (pointers into the
//!   scenario).
//! - [`findings`]: Access Analyzer-style external and public access, each grant that
//!   crosses a resource's zone of trust, and the confused-deputy check of the lint.
//! - [`least_privilege`]: from a run's calls, the identity policy each role needed and
//!   what it is granted but never used; [`least_privilege_fix`] offers the generated
//!   policy as a [`sim::Fix`].
//! - [`diff_access`]: the access an edit gains and loses (as CheckNoNewAccess), and
//!   [`access_not_granted`]: the grants of some actions outside an account (as
//!   CheckAccessNotGranted).
//!
//! ```
//! let text = sim::preset("cross-account-secret-cache").unwrap().text;
//! let scenario = sim::Scenario::parse_text(text).unwrap();
//! let filter = access::ReachFilter {
//!     resource: Some("arn:aws:states:us-east-1:222222222222:stateMachine:SecretCacheWfw".into()),
//!     principal: Some("arn:aws:iam::111111111111:role/TrustedAccountRl".into()),
//! };
//! let reach = access::reach(&scenario, &filter).unwrap();
//! assert_eq!(reach.len(), 1);
//! assert_eq!(reach[0].path[0].action, "sts:AssumeRole");
//! assert_eq!(reach[0].path[0].conditions[0].key, "sts:ExternalId");
//! ```
//!
//! The actions asked about on a resource are those the world simulates and those an
//! `Allow` statement of the scenario could allow (wildcards expanded against the Service
//! Authorization Reference), kept when one of the action's resource types has an ARN
//! format matching the resource's ARN: `states:DescribeExecution` acts on executions, so
//! it is never reported on a state machine; an action with no resource type (a `List…`)
//! is authorized against `*` and is reported on no resource.
//!
//! Principals are the scenario's roles (each acting as a session of itself, with the
//! context keys the world would send: `sts:ExternalId` for a state machine's
//! `Credentials`, `aws:SourceArn` when Step Functions assumes an execution role), the
//! service principals its policies name, and the outsiders they admit: a role or any
//! principal of an account outside the scenario, any principal of another organization,
//! anyone. An outsider's identity side is not in the scenario and is taken to allow
//! everything; an outsider may send any `sts:ExternalId`, so it is given the one a trust
//! policy expects.

#![warn(missing_docs)]

mod actions;
mod analysis;
mod applies;
mod diff;
mod error;
mod findings;
mod least;
mod model;
mod reach;
mod scan;
mod targets;
mod who;
mod world;

pub use diff::{access_not_granted, diff_access, AccessChange, AccessDiff};
pub use error::AccessError;
pub use findings::{findings, Finding, FindingKind};
pub use least::{
    least_privilege, least_privilege_fix, LeastPrivilege, Unused, LEAST_PRIVILEGE_POLICY,
};
pub use model::{Hop, Reach, ReachFilter, StatementRef};
pub use reach::reach;
