//! Policy checks a user wants before deploying, after IAM Access Analyzer's "policy check
//! reference" (codes are its check titles in SCREAMING_SNAKE_CASE, messages its finding
//! details), plus the confused-deputy check on trust and resource policies (IAM User Guide,
//! "The confused deputy problem"). Actions and condition keys are checked against the
//! Service Authorization Reference (`known.rs`).

mod conditions;
mod known;
mod redundancy;
mod security;
mod size;
mod structure;

use crate::check::Check;

pub use size::policy_size;

use jsonloc::Diagnostic;
use serde_json::{Map, Value};

/// One lint finding: the check that found it (its code), the check's severity, the
/// finding's message, and where (a JSON pointer into the policy).
pub type Finding = Diagnostic<Check>;

/// What the policy is for; some checks depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyUse {
    /// An identity-based policy (attached to a user, group or role): a managed policy, as
    /// far as size goes.
    Identity,
    /// An inline policy of a role: an identity-based policy whose size counts toward its
    /// role's quota for all its inline policies together (see [`lint_role_inline_policies`])
    /// rather than the quota of one managed policy.
    Inline,
    /// A resource-based policy (bucket policy, secret policy...).
    Resource,
    /// A role's trust policy.
    Trust,
    /// A permissions boundary.
    Boundary,
    /// A session policy.
    Session,
    /// A service control policy.
    Scp,
    /// A resource control policy.
    Rcp,
}

impl PolicyUse {
    /// Parses `identity`, `inline`, `resource`, `trust`, `boundary`, `session`, `scp` or
    /// `rcp`.
    pub fn parse(name: &str) -> Option<PolicyUse> {
        Some(match name {
            "identity" => PolicyUse::Identity,
            "inline" => PolicyUse::Inline,
            "resource" => PolicyUse::Resource,
            "trust" => PolicyUse::Trust,
            "boundary" => PolicyUse::Boundary,
            "session" => PolicyUse::Session,
            "scp" => PolicyUse::Scp,
            "rcp" => PolicyUse::Rcp,
            _ => return None,
        })
    }

    /// Guesses the use from the document: statements with a principal and `sts:Assume*`
    /// actions make a trust policy, other principals a resource policy, none an identity
    /// policy.
    pub fn infer(doc: &Value) -> PolicyUse {
        let statements = statements(doc);
        let with_principal: Vec<&Map<String, Value>> = statements
            .iter()
            .filter_map(|(_, s)| s.as_object())
            .filter(|s| s.contains_key("Principal") || s.contains_key("NotPrincipal"))
            .collect();
        if with_principal.is_empty() {
            return PolicyUse::Identity;
        }
        let assumes = with_principal.iter().all(|s| {
            strings(s.get("Action"))
                .iter()
                .any(|(_, a)| a.to_ascii_lowercase().starts_with("sts:assumerole"))
        });
        if assumes {
            PolicyUse::Trust
        } else {
            PolicyUse::Resource
        }
    }

    /// Whether the policy is attached to an identity (managed or inline).
    fn is_identity(self) -> bool {
        matches!(self, PolicyUse::Identity | PolicyUse::Inline)
    }

    fn takes_principal(self) -> bool {
        matches!(
            self,
            PolicyUse::Resource | PolicyUse::Trust | PolicyUse::Rcp
        )
    }
}

/// Lints a policy document for the given use; findings are sorted by severity, then by
/// place. In a trust policy every AWS principal counts as possibly another account; use
/// [`lint_in_account`] to exempt the role's own account.
pub fn lint(doc: &Value, use_: PolicyUse) -> Vec<Finding> {
    run(doc, use_, None)
}

/// Like [`lint`], for a policy attached in `account` (principals of that account are not
/// cross-account for the confused-deputy check).
pub fn lint_in_account(doc: &Value, use_: PolicyUse, account: &str) -> Vec<Finding> {
    run(doc, use_, Some(account.to_string()))
}

fn run(doc: &Value, use_: PolicyUse, own_account: Option<String>) -> Vec<Finding> {
    let mut out = Findings {
        findings: Vec::new(),
        use_,
        own_account,
    };
    structure::check(doc, &mut out);
    size::check(doc, &mut out);
    for (pointer, st) in statements(doc) {
        if let Some(st) = st.as_object() {
            structure::check_statement(st, &pointer, &mut out);
            conditions::check(st, &pointer, &mut out);
            known::check(st, &pointer, &mut out);
            security::check(st, &pointer, &mut out);
        }
    }
    redundancy::check(&statements(doc), &mut out);
    let mut findings = out.findings;
    findings.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.pointer.cmp(&b.pointer))
    });
    findings
}

/// IAM's refusal of a role's inline policies whose sizes add up past the quota of a role
/// (10,240 characters without white space), as `PutRolePolicy` refuses the one that goes
/// over it; `None` when they fit. The finding points at the role's policies (`""`: re-root
/// it with [`Finding::under`]).
pub fn lint_role_inline_policies(role: &str, documents: &[&Value]) -> Option<Finding> {
    size::role_inline_policies(role, documents)
}

/// Collects findings while the checks run.
pub(crate) struct Findings {
    findings: Vec<Finding>,
    use_: PolicyUse,
    own_account: Option<String>,
}

impl Findings {
    fn add(&mut self, check: Check, pointer: &str, message: impl Into<String>) {
        self.findings.push(Diagnostic::new(check, pointer, message));
    }
}

/// The statements with their pointers (`/Statement` for a single object).
fn statements(doc: &Value) -> Vec<(String, &Value)> {
    match doc.get("Statement") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("/Statement/{i}"), s))
            .collect(),
        Some(s @ Value::Object(_)) => vec![("/Statement".to_string(), s)],
        _ => Vec::new(),
    }
}

/// The strings of a string-or-array element, with their pointers relative to it.
fn strings(value: Option<&Value>) -> Vec<(String, &str)> {
    match value {
        Some(Value::String(s)) => vec![(String::new(), s.as_str())],
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_str().map(|s| (format!("/{i}"), s)))
            .collect(),
        _ => Vec::new(),
    }
}
