//! Who makes a call: a session of a role (a state machine's execution role, a role assumed
//! through `Credentials`, a Lambda function's role), or Step Functions itself.

use crate::arn;
use serde::{Serialize, Serializer};

/// A role session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}

/// The caller as the report shows it.
#[derive(Serialize)]
struct CallerView<'a> {
    arn: String,
    account: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

impl Serialize for Principal {
    /// `{"arn", "account", "type"}`, and `"role"` for a role session; a service principal
    /// has no account (`null`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = match self {
            Principal::Service(s) => CallerView {
                arn: s.clone(),
                account: None,
                kind: "Service",
                role: None,
            },
            Principal::Session(s) => CallerView {
                arn: s.arn(),
                account: Some(&s.account),
                kind: "AssumedRole",
                role: Some(&s.role),
            },
        };
        view.serialize(serializer)
    }
}
