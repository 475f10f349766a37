//! The principal that makes a request, recognised from its ARN or service name.

use crate::arn::{is_account_id, ArnParts};
use crate::error::{RequestError, RequestErrorKind};

/// What kind of principal makes the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerKind {
    /// `arn:aws:iam::ACCOUNT:root`.
    Root,
    /// `arn:aws:iam::ACCOUNT:user/NAME`.
    User,
    /// `arn:aws:iam::ACCOUNT:role/NAME` (treated as a session of the role).
    Role,
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    AssumedRole,
    /// `arn:aws:sts::ACCOUNT:federated-user/NAME`.
    FederatedUser,
    /// A service principal such as `states.amazonaws.com`.
    Service,
    /// A web identity or SAML provider (`cognito-identity.amazonaws.com`, an
    /// `oidc-provider`/`saml-provider` ARN).
    WebIdentity,
    /// `*`: an anonymous caller.
    Anonymous,
}

/// The requesting principal, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    arn: String,
    kind: CallerKind,
    partition: String,
    account: String,
    /// User name, role name, federated user name, or the service name.
    name: String,
    /// Role path (for `Role` callers; a session ARN carries none).
    path: String,
}

const WEB_IDENTITY_PROVIDERS: [&str; 4] = [
    "cognito-identity.amazonaws.com",
    "accounts.google.com",
    "graph.facebook.com",
    "www.amazon.com",
];

impl Caller {
    /// Parses a principal: an IAM or STS ARN, a service principal, a web identity provider,
    /// or `*` for anonymous.
    pub fn parse(text: &str) -> Result<Caller, RequestError> {
        let bad = || RequestErrorKind::InvalidPrincipal(text.to_string()).at("");
        let mut caller = Caller {
            arn: text.to_string(),
            kind: CallerKind::Anonymous,
            partition: "aws".into(),
            account: String::new(),
            name: String::new(),
            path: "/".into(),
        };
        if text == "*" {
            return Ok(caller);
        }
        let Some(parts) = ArnParts::split(text) else {
            if WEB_IDENTITY_PROVIDERS.contains(&text) {
                caller.kind = CallerKind::WebIdentity;
            } else if text.contains('.') && !text.contains(':') && !text.contains('/') {
                caller.kind = CallerKind::Service;
            } else {
                return Err(bad());
            }
            caller.name = text.to_string();
            return Ok(caller);
        };
        caller.partition = parts.partition.to_string();
        caller.account = parts.account.to_string();
        let (kind, rest) = parts
            .resource
            .split_once('/')
            .unwrap_or((parts.resource, ""));
        caller.kind = match (parts.service, kind) {
            ("iam", "root") if rest.is_empty() => CallerKind::Root,
            ("iam", "user") => CallerKind::User,
            ("iam", "role") => CallerKind::Role,
            ("iam", "oidc-provider" | "saml-provider") => CallerKind::WebIdentity,
            ("sts", "assumed-role") => CallerKind::AssumedRole,
            ("sts", "federated-user") => CallerKind::FederatedUser,
            _ => return Err(bad()),
        };
        if !is_account_id(&caller.account) {
            return Err(bad());
        }
        match caller.kind {
            CallerKind::User | CallerKind::Role => {
                let (path, name) = rest.rsplit_once('/').map_or(("", rest), |(p, n)| (p, n));
                if name.is_empty() {
                    return Err(bad());
                }
                caller.name = name.to_string();
                caller.path = format!("/{path}{}", if path.is_empty() { "" } else { "/" });
            }
            CallerKind::AssumedRole => {
                let Some((role, session)) = rest.split_once('/') else {
                    return Err(bad());
                };
                if role.is_empty() || session.is_empty() {
                    return Err(bad());
                }
                caller.name = role.to_string();
            }
            CallerKind::FederatedUser => {
                if rest.is_empty() {
                    return Err(bad());
                }
                caller.name = rest.to_string();
            }
            _ => {}
        }
        Ok(caller)
    }

    /// The principal as given.
    pub fn arn(&self) -> &str {
        &self.arn
    }

    /// The kind of principal.
    pub fn kind(&self) -> CallerKind {
        self.kind
    }

    /// The principal's account (empty for service principals and anonymous callers).
    pub fn account(&self) -> &str {
        &self.account
    }

    /// User, role or federated user name; the service name for a service principal.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `aws:PrincipalArn`: the role ARN for a role session, the ARN itself otherwise.
    pub fn principal_arn(&self) -> Option<String> {
        match self.kind {
            CallerKind::AssumedRole => Some(format!(
                "arn:{}:iam::{}:role/{}",
                self.partition, self.account, self.name
            )),
            CallerKind::Service | CallerKind::WebIdentity | CallerKind::Anonymous => None,
            _ => Some(self.arn.clone()),
        }
    }

    /// Whether this is a role or a role session.
    pub fn is_role(&self) -> bool {
        matches!(self.kind, CallerKind::Role | CallerKind::AssumedRole)
    }

    /// Whether this is a session principal (role session or federated user session).
    pub fn is_session(&self) -> bool {
        matches!(
            self.kind,
            CallerKind::Role | CallerKind::AssumedRole | CallerKind::FederatedUser
        )
    }

    /// Whether the principal is a service-linked role (path `/aws-service-role/` or a
    /// session of an `AWSServiceRoleFor...` role), which SCPs and RCPs do not restrict.
    pub fn is_service_linked_role(&self) -> bool {
        self.is_role()
            && (self.path.starts_with("/aws-service-role/")
                || self.name.starts_with("AWSServiceRoleFor"))
    }

    /// A short description for explanations: "role TrustedAccountRl", "user bob", ...
    pub fn describe(&self) -> String {
        match self.kind {
            CallerKind::Root => format!("the root user of account {}", self.account),
            CallerKind::User => format!("user {}", self.name),
            CallerKind::Role | CallerKind::AssumedRole => format!("role {}", self.name),
            CallerKind::FederatedUser => format!("federated user {}", self.name),
            CallerKind::Service => format!("service principal {}", self.name),
            CallerKind::WebIdentity => format!("federated principal {}", self.name),
            CallerKind::Anonymous => "an anonymous caller".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let s =
            Caller::parse("arn:aws:sts::111111111111:assumed-role/TrustedAccountRl/s1").unwrap();
        assert_eq!(s.kind(), CallerKind::AssumedRole);
        assert_eq!(
            s.principal_arn().unwrap(),
            "arn:aws:iam::111111111111:role/TrustedAccountRl"
        );
        let u = Caller::parse("arn:aws:iam::111111111111:user/dev/bob").unwrap();
        assert_eq!((u.kind(), u.name()), (CallerKind::User, "bob"));
        assert_eq!(
            Caller::parse("states.amazonaws.com").unwrap().kind(),
            CallerKind::Service
        );
        assert!(Caller::parse("arn:aws:sts::111111111111:assumed-role/OnlyRole").is_err());
        assert!(Caller::parse("arn:aws:iam::1111:user/x").is_err());
        assert!(Caller::parse("nonsense").is_err());
        let slr = Caller::parse(
            "arn:aws:iam::111111111111:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX",
        )
        .unwrap();
        assert!(slr.is_service_linked_role());
    }
}
