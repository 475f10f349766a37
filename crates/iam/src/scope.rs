//! Which requests a rule reaches: actions that need no permission at all (STS API
//! reference, GetCallerIdentity; IAM User Guide, "Permissions for GetSessionToken"), and
//! the services whose resources
//! resource control policies restrict (AWS Organizations User Guide, "Resource control
//! policies": "List of AWS services that support RCPs").

/// Actions AWS performs whatever the policies say, even under an explicit deny.
const NO_PERMISSION_ACTIONS: [&str; 2] = ["sts:getcalleridentity", "sts:getsessiontoken"];

/// The service prefixes of the services that support RCPs.
const RCP_SERVICES: [&str; 11] = [
    "s3",
    "sts",
    "kms",
    "sqs",
    "secretsmanager",
    "ecr",
    "aoss",
    "cognito-idp",
    "cognito-identity",
    "logs",
    "dynamodb",
];

/// Whether `action` (any case) needs no permission: "No permissions are required to
/// perform this operation" (STS API reference, GetCallerIdentity); "No permissions are
/// required for a user to get a session token" (IAM User Guide, GetSessionToken).
pub(crate) fn needs_no_permission(action: &str) -> bool {
    NO_PERMISSION_ACTIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(action))
}

/// Whether resource control policies apply to `action`'s service.
pub(crate) fn rcp_covers(action: &str) -> bool {
    let service = action.split_once(':').map_or(action, |(s, _)| s);
    RCP_SERVICES.iter().any(|s| s.eq_ignore_ascii_case(service))
}
