//! AWS managed policies a role attaches by ARN (`managedPolicyArns`, or a
//! `permissionsBoundary` given as an ARN): their documents come from IAM's catalog
//! ([`iam::managed_policies`]), refused as IAM's AttachRolePolicy refuses them.

use super::reader::Reader;
use crate::diagnostic::Code;
use iam::{ManagedPolicyError, NamedPolicy};
use serde_json::Value;
use std::rc::Rc;

impl Reader {
    /// The AWS managed policy whose ARN is the string `v` at `at`, attached to role `role`;
    /// its document is kept by `at` for [`super::Scenario::policy_document`].
    pub(crate) fn managed_policy(
        &mut self,
        v: &Value,
        at: &str,
        role: &str,
    ) -> Option<NamedPolicy> {
        let arn = self.string(v, at)?;
        let found = match iam::aws_managed_policy(&arn) {
            Ok(found) => found,
            Err(e) => {
                let message = match &e {
                    ManagedPolicyError::NoSuchEntity { .. }
                        if !iam::is_aws_managed_policy(&arn) =>
                    {
                        format!("`{arn}` is not an AWS managed policy ARN (arn:aws:iam::aws:policy/NAME): give a policy of your own as an inline policy under `policies`")
                    }
                    ManagedPolicyError::NotLoaded | ManagedPolicyError::Data { .. } => {
                        format!("the document of {arn} is not known: {e}")
                    }
                    _ => format!("{}: {e}", e.code().unwrap_or("Error")),
                };
                self.error(Code::UnknownReference, at, message);
                return None;
            }
        };
        let document: Value = match serde_json::from_str(&found.document) {
            Ok(document) => document,
            Err(e) => {
                self.error(
                    Code::InvalidPolicy,
                    at,
                    format!("the document of {arn} does not read: {e}"),
                );
                return None;
            }
        };
        let policy = self.policy(&document, at, format!("{role}/aws-managed:{}", found.name))?;
        self.managed_documents
            .insert(at.to_string(), Rc::new(document));
        Some(policy)
    }
}
