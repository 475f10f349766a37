//! Who makes a call: a session of a role (a state machine's execution role, a role assumed
//! through `Credentials`, a Lambda function's role), or Step Functions itself.

use crate::arn;
use serde_json::{json, Value};

/// A role session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The account of the role.
    pub account: String,
    /// The role's name.
    pub role: String,
    /// The session name.
    pub name: String,
}

impl Session {
    /// `aws:userid` of the session, `ROLE-ID:SESSION` ("AWS global condition context
    /// keys": role-id:caller-specified-role-name); the simulated role id is `AROA` and
    /// the role's name in capitals. GetCallerIdentity's `UserId` and AssumeRole's
    /// `AssumedRoleId` are this value too.
    pub fn user_id(&self) -> String {
        format!("AROA{}:{}", self.role.to_ascii_uppercase(), self.name)
    }

    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    pub fn arn(&self) -> String {
        arn::assumed_role(&self.account, &self.role, &self.name)
    }

    /// The role's ARN.
    pub fn role_arn(&self) -> String {
        arn::role(&self.account, &self.role)
    }
}

/// The principal of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A service principal, e.g. `states.amazonaws.com`.
    Service(String),
    /// A role session.
    Session(Session),
}

impl Principal {
    /// The principal's ARN (or service name).
    pub fn arn(&self) -> String {
        match self {
            Principal::Service(s) => s.clone(),
            Principal::Session(s) => s.arn(),
        }
    }

    /// `{"arn", "account", "type"}` as the report shows the caller.
    pub fn to_json(&self) -> Value {
        match self {
            Principal::Service(s) => json!({"arn": s, "account": null, "type": "Service"}),
            Principal::Session(s) => {
                json!({"arn": s.arn(), "account": s.account, "type": "AssumedRole", "role": s.role})
            }
        }
    }
}
