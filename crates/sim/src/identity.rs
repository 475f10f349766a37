//! Who makes a call: a session of a role (a state machine's execution role, a role assumed
//! through `Credentials`, a Lambda function's role), a service (Step Functions, API Gateway)
//! or nobody (an unsigned request).

use crate::arn;
use serde::de::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A role session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// An unsigned request (`*` to IAM): an API Gateway call with `AuthType` `NO_AUTH`.
    Anonymous,
}

impl Principal {
    /// The principal's ARN (or service name).
    pub fn arn(&self) -> String {
        match self {
            Principal::Service(s) => s.clone(),
            Principal::Session(s) => s.arn(),
            Principal::Anonymous => "*".into(),
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
            Principal::Anonymous => CallerView {
                arn: "*".into(),
                account: None,
                kind: "Anonymous",
                role: None,
            },
        };
        view.serialize(serializer)
    }
}

/// The caller as the report shows it, read back.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallerWire {
    arn: String,
    account: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    role: Option<String>,
}

impl<'de> Deserialize<'de> for Principal {
    /// Reads what `serialize` writes; a session's name is the end of its ARN.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = CallerWire::deserialize(deserializer)?;
        match (wire.kind.as_str(), wire.account, wire.role) {
            ("Service", None, None) => Ok(Principal::Service(wire.arn)),
            ("Anonymous", None, None) if wire.arn == "*" => Ok(Principal::Anonymous),
            ("AssumedRole", Some(account), Some(role)) => {
                let prefix = arn::assumed_role(&account, &role, "");
                let name = wire.arn.strip_prefix(&prefix).ok_or_else(|| {
                    D::Error::custom(format!(
                        "{} is not a session of role {role} in account {account}",
                        wire.arn
                    ))
                })?;
                Ok(Principal::Session(Session {
                    account,
                    role,
                    name: name.to_string(),
                }))
            }
            (kind, ..) => Err(D::Error::custom(format!(
                "a caller of type `{kind}` with these fields is not one the report writes"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callers_read_back_as_written() {
        let session = Principal::Session(Session {
            account: "111111111111".into(),
            role: "R".into(),
            name: "s/1".into(),
        });
        for p in [
            session,
            Principal::Service("states.amazonaws.com".into()),
            Principal::Anonymous,
        ] {
            let json = serde_json::to_value(&p).unwrap();
            assert_eq!(serde_json::from_value::<Principal>(json).unwrap(), p);
        }
        let wrong = serde_json::json!({"arn": "arn:aws:sts::2:assumed-role/R/s",
            "account": "111111111111", "type": "AssumedRole", "role": "R"});
        assert!(serde_json::from_value::<Principal>(wrong).is_err());
        let odd = serde_json::json!({"arn": "x", "account": null, "type": "User"});
        assert!(serde_json::from_value::<Principal>(odd).is_err());
    }
}
