//! The policies that changed between two scenarios, as the AWS CLI commands that would make
//! the same change (`aws iam put-role-policy --cli-input-json …`).

use serde::Serialize;
use serde_json::{json, Map, Value};

/// An IAM CLI command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyCommand {
    /// `aws iam put-role-policy`: an inline policy added or changed.
    PutRolePolicy,
    /// `aws iam update-assume-role-policy`: a trust policy changed.
    UpdateAssumeRolePolicy,
    /// `aws iam delete-role-policy`: an inline policy removed.
    DeleteRolePolicy,
}

impl PolicyCommand {
    /// The command's name (`put-role-policy` …).
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyCommand::PutRolePolicy => "put-role-policy",
            PolicyCommand::UpdateAssumeRolePolicy => "update-assume-role-policy",
            PolicyCommand::DeleteRolePolicy => "delete-role-policy",
        }
    }
}

/// One policy that changed: the command, and its `--cli-input-json` input (the policy
/// document as JSON text, as the API takes it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyChange {
    /// The account of the role.
    pub account: String,
    /// The command to run.
    pub command: PolicyCommand,
    /// Its input: `{"RoleName", "PolicyName"?, "PolicyDocument"?}`.
    pub input: Value,
}

/// Every role policy of `after` that differs from `before` (trust policies and inline
/// policies, roles of both or of `after` alone), account by account, role by role.
pub fn policy_changes(before: &Value, after: &Value) -> Vec<PolicyChange> {
    let mut changes = Vec::new();
    let empty = Map::new();
    let accounts = after
        .get("accounts")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (account, body) in accounts {
        let roles = body
            .get("roles")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (role, now) in roles {
            let was = before
                .get("accounts")
                .and_then(|a| a.get(account))
                .and_then(|a| a.get("roles"))
                .and_then(|r| r.get(role));
            let mut push = |command, input| {
                changes.push(PolicyChange {
                    account: account.clone(),
                    command,
                    input,
                })
            };
            let trust = now.get("assumeRolePolicyDocument");
            if trust != was.and_then(|w| w.get("assumeRolePolicyDocument")) {
                if let Some(doc) = trust {
                    push(
                        PolicyCommand::UpdateAssumeRolePolicy,
                        json!({"RoleName": role, "PolicyDocument": doc.to_string()}),
                    );
                }
            }
            let policies = now
                .get("policies")
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            let old = was
                .and_then(|w| w.get("policies"))
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            for (name, doc) in policies {
                if old.get(name) != Some(doc) {
                    push(
                        PolicyCommand::PutRolePolicy,
                        json!({"RoleName": role, "PolicyName": name, "PolicyDocument": doc.to_string()}),
                    );
                }
            }
            for name in old.keys().filter(|n| !policies.contains_key(*n)) {
                push(
                    PolicyCommand::DeleteRolePolicy,
                    json!({"RoleName": role, "PolicyName": name}),
                );
            }
        }
    }
    changes
}
