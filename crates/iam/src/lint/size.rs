//! Size quotas: what IAM and Organizations refuse for its length (IAM User Guide, "IAM and
//! AWS STS quotas": a managed policy 6,144 characters, a role's inline policies 10,240
//! together, a role trust policy 2,048, "IAM doesn't count white space"; AWS Organizations
//! User Guide, "Quotas": a service or resource control policy 5,120 characters). The
//! findings use Access Analyzer's wording ("Policy size exceeds identity policy quota") and
//! name the error the API answers.

use super::{Check, Finding, Findings, PolicyUse};
use jsonloc::Diagnostic;
use serde_json::Value;

/// A managed policy's (and a permissions boundary's) largest size.
const MANAGED: usize = 6_144;
/// The largest size of a role's inline policies together.
const ROLE_INLINE: usize = 10_240;
/// A role trust policy's largest size (the default quota).
const TRUST: usize = 2_048;
/// A service or resource control policy's largest size.
const ORGANIZATION: usize = 5_120;

/// The size IAM counts a policy at: the characters of its JSON text, white space left out.
pub fn policy_size(doc: &Value) -> usize {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            // Characters, counted by their first byte; the compact text's only white space
            // is inside strings.
            self.0 += buf
                .iter()
                .filter(|b| (**b & 0xC0) != 0x80 && !b.is_ascii_whitespace())
                .count();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    match serde_json::to_writer(&mut counter, doc) {
        Ok(()) => counter.0,
        Err(_) => usize::MAX,
    }
}

pub(super) fn check(doc: &Value, out: &mut Findings) {
    let (check, quota, message): (Check, usize, fn(usize) -> String) = match out.use_ {
        PolicyUse::Identity | PolicyUse::Boundary => (
            Check::PolicySizeExceedsIdentityPolicyQuota,
            MANAGED,
            |size| {
                format!("The {size} characters in the identity policy, excluding whitespace, exceed the {MANAGED} character maximum for inline and managed policies. We recommend that you use multiple granular policies. CreatePolicy fails with LimitExceeded: Cannot exceed quota for PolicySize: {MANAGED}")
            },
        ),
        PolicyUse::Trust => (Check::PolicySizeExceedsTrustPolicyQuota, TRUST, |size| {
            format!("The {size} characters in the trust policy, excluding whitespace, exceed the {TRUST} character maximum for role trust policies. CreateRole and UpdateAssumeRolePolicy fail with LimitExceeded: Cannot exceed quota for ACLSizePerRole: {TRUST}")
        }),
        PolicyUse::Scp => (
            Check::PolicySizeExceedsOrganizationPolicyQuota,
            ORGANIZATION,
            |size| {
                format!("The {size} characters in the service control policy, excluding whitespace, exceed the {ORGANIZATION} character maximum for service control policies. CreatePolicy fails with ConstraintViolationException: You have exceeded the maximum policy size.")
            },
        ),
        PolicyUse::Rcp => (
            Check::PolicySizeExceedsOrganizationPolicyQuota,
            ORGANIZATION,
            |size| {
                format!("The {size} characters in the resource control policy, excluding whitespace, exceed the {ORGANIZATION} character maximum for resource control policies. CreatePolicy fails with ConstraintViolationException: You have exceeded the maximum policy size.")
            },
        ),
        PolicyUse::Inline | PolicyUse::Resource | PolicyUse::Session => return,
    };
    let size = policy_size(doc);
    if size > quota {
        out.add(check, "", message(size));
    }
}

/// See [`super::lint_role_inline_policies`].
pub(super) fn role_inline_policies(role: &str, documents: &[&Value]) -> Option<Finding> {
    let size: usize = documents
        .iter()
        .map(|doc| policy_size(doc))
        .fold(0, usize::saturating_add);
    (size > ROLE_INLINE).then(|| {
        Diagnostic::new(
            Check::PolicySizeExceedsIdentityPolicyQuota,
            "",
            format!("The {size} characters in the inline policies of role {role}, excluding whitespace, exceed the {ROLE_INLINE} character maximum for the inline policies of a role. We recommend that you use multiple granular policies. PutRolePolicy fails with LimitExceeded: Maximum policy size of {ROLE_INLINE} bytes exceeded for role {role}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn white_space_is_not_counted() {
        let doc = json!({"Sid": "a b", "Resource": "é"});
        assert_eq!(
            policy_size(&doc),
            r#"{"Sid":"ab","Resource":"é"}"#.chars().count()
        );
    }

    #[test]
    fn inline_policies_count_together() {
        let half = json!({"Sid": "x".repeat(ROLE_INLINE / 2 - 10)});
        assert_eq!(policy_size(&half), ROLE_INLINE / 2);
        assert!(role_inline_policies("R", &[&half, &half]).is_none());
        let over = json!({"Sid": "x".repeat(ROLE_INLINE / 2 - 9)});
        let finding = role_inline_policies("R", &[&half, &over]).unwrap();
        assert_eq!(finding.code, Check::PolicySizeExceedsIdentityPolicyQuota);
        assert!(finding
            .message
            .ends_with("LimitExceeded: Maximum policy size of 10240 bytes exceeded for role R"));
    }
}
