//! The parsed catalog of AWS managed policies.

use super::error::ManagedPolicyError;
use super::AWS_MANAGED_POLICY_PREFIX;

/// One AWS managed policy: its path and name, its current version and its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedPolicy {
    /// The path and name after `arn:aws:iam::aws:policy/` (`service-role/AWSLambdaRole`).
    pub name: String,
    /// Its default version (`v3`).
    pub version_id: String,
    /// The policy document, as compact JSON with AWS's key order.
    pub document: String,
}

impl ManagedPolicy {
    /// Its ARN.
    pub fn arn(&self) -> String {
        format!("{AWS_MANAGED_POLICY_PREFIX}{}", self.name)
    }
}

/// Every AWS managed policy a customer role can attach, sorted by name.
#[derive(Debug, Default)]
pub struct ManagedPolicies {
    version: String,
    policies: Vec<ManagedPolicy>,
}

impl ManagedPolicies {
    /// Reads the text of `managed-policies.tsv` (format in `scripts/gen-managed-policies`).
    pub fn parse(text: &str) -> Result<ManagedPolicies, ManagedPolicyError> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty());
        let bad = |line: usize, reason: &str| ManagedPolicyError::Data {
            line: line + 1,
            reason: reason.to_string(),
        };
        let (at, header) = lines.next().ok_or_else(|| bad(0, "no header"))?;
        let fields: Vec<&str> = header.split('\t').collect();
        let (version, count) = match fields.as_slice() {
            ["aws-managed-policies", "1", version, count] => (*version, *count),
            _ => return Err(bad(at, "not an aws-managed-policies version 1 header")),
        };
        let count: usize = count.parse().map_err(|_| bad(at, "a bad policy count"))?;
        let mut policies = Vec::with_capacity(count);
        for (at, line) in lines {
            let mut fields = line.splitn(3, '\t');
            match (fields.next(), fields.next(), fields.next()) {
                (Some(name), Some(version_id), Some(document)) => {
                    if policies
                        .last()
                        .is_some_and(|p: &ManagedPolicy| p.name.as_str() >= name)
                    {
                        return Err(bad(at, "names out of order"));
                    }
                    policies.push(ManagedPolicy {
                        name: name.to_string(),
                        version_id: version_id.to_string(),
                        document: document.to_string(),
                    })
                }
                _ => return Err(bad(at, "not three tab-separated fields")),
            }
        }
        if policies.len() != count {
            return Err(bad(at, "the count does not match the policies"));
        }
        Ok(ManagedPolicies {
            version: version.to_string(),
            policies,
        })
    }

    /// The version of the data package it was made from.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Every policy, sorted by name.
    pub fn policies(&self) -> &[ManagedPolicy] {
        &self.policies
    }

    /// The policy `arn` names, or IAM's error for attaching it.
    pub fn get(&self, arn: &str) -> Result<&ManagedPolicy, ManagedPolicyError> {
        let missing = || ManagedPolicyError::NoSuchEntity {
            arn: arn.to_string(),
        };
        let name = arn
            .strip_prefix(AWS_MANAGED_POLICY_PREFIX)
            .ok_or_else(missing)?;
        if name.starts_with("aws-service-role/") {
            return Err(ManagedPolicyError::ServiceRolePolicy {
                arn: arn.to_string(),
            });
        }
        self.policies
            .binary_search_by(|p| p.name.as_str().cmp(name))
            .ok()
            .and_then(|i| self.policies.get(i))
            .ok_or_else(missing)
    }
}
