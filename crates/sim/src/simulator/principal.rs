//! Reading the question's principal: a role ARN (the simulator acts as a session of the
//! role), an assumed-role session ARN, or a service principal.

use super::error::SimulateError;
use crate::arn::{is_account_id, Arn};
use crate::identity::{Principal, Session};

/// The session name the simulator gives a role named by its role ARN.
pub(super) const SESSION_NAME: &str = "simulator";

/// The principal `text` names.
pub(super) fn read(text: &str) -> Result<Principal, SimulateError> {
    let Some(arn) = Arn::parse(text) else {
        return match is_service_principal(text) {
            true => Ok(Principal::Service(text.to_string())),
            false => Err(SimulateError::NotAPrincipal(text.to_string())),
        };
    };
    let (kind, rest) = arn.resource.split_once('/').unwrap_or((arn.resource, ""));
    let session = match (arn.service, kind) {
        ("iam", "role") => {
            let role = rest.rsplit('/').next().unwrap_or(rest);
            (!role.is_empty()).then_some((role, SESSION_NAME))
        }
        ("sts", "assumed-role") => rest
            .split_once('/')
            .filter(|(role, session)| !role.is_empty() && !session.is_empty()),
        ("iam", "user" | "root" | "oidc-provider" | "saml-provider")
        | ("sts", "federated-user") => {
            return Err(SimulateError::UnsupportedPrincipal(text.to_string()))
        }
        _ => None,
    };
    let Some((role, name)) = session else {
        return Err(SimulateError::NotAPrincipal(text.to_string()));
    };
    if !is_account_id(arn.account) {
        return Err(SimulateError::PrincipalAccount(text.to_string()));
    }
    Ok(Principal::Session(Session {
        account: arn.account.to_string(),
        role: role.to_string(),
        name: name.to_string(),
    }))
}

/// `SERVICE.amazonaws.com` (or a regional `SERVICE.REGION.amazonaws.com`) in lower case.
fn is_service_principal(text: &str) -> bool {
    text.strip_suffix(".amazonaws.com").is_some_and(|name| {
        !name.is_empty()
            && !name.starts_with('.')
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_sessions_and_services_are_read() {
        let session = |role: &str, name: &str| {
            Principal::Session(Session {
                account: "111111111111".into(),
                role: role.into(),
                name: name.into(),
            })
        };
        assert_eq!(
            read("arn:aws:iam::111111111111:role/path/R"),
            Ok(session("R", SESSION_NAME))
        );
        assert_eq!(
            read("arn:aws:sts::111111111111:assumed-role/R/exec-1"),
            Ok(session("R", "exec-1"))
        );
        assert_eq!(
            read("states.us-east-1.amazonaws.com"),
            Ok(Principal::Service("states.us-east-1.amazonaws.com".into()))
        );
        for (text, error) in [
            ("", SimulateError::NotAPrincipal(String::new())),
            (
                "States.amazonaws.com",
                SimulateError::NotAPrincipal("States.amazonaws.com".into()),
            ),
            (
                ".amazonaws.com",
                SimulateError::NotAPrincipal(".amazonaws.com".into()),
            ),
            (
                "arn:aws:iam::111111111111:role/",
                SimulateError::NotAPrincipal("arn:aws:iam::111111111111:role/".into()),
            ),
            (
                "arn:aws:sts::111111111111:assumed-role/R",
                SimulateError::NotAPrincipal("arn:aws:sts::111111111111:assumed-role/R".into()),
            ),
            (
                "arn:aws:iam::111111111111:user/u",
                SimulateError::UnsupportedPrincipal("arn:aws:iam::111111111111:user/u".into()),
            ),
            (
                "arn:aws:iam::111111111111:root",
                SimulateError::UnsupportedPrincipal("arn:aws:iam::111111111111:root".into()),
            ),
            (
                "arn:aws:iam::1111:role/R",
                SimulateError::PrincipalAccount("arn:aws:iam::1111:role/R".into()),
            ),
        ] {
            assert_eq!(read(text), Err(error), "{text}");
        }
    }
}
