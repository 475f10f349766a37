//! The AWS managed policy catalog: every document compiles, lookups answer as IAM's
//! AttachRolePolicy does, and a malformed catalog is refused with its line.

use iam::{ManagedPolicies, ManagedPolicyError, Policy};

const DATA: &str = include_str!("../data/managed-policies.tsv");

fn catalog() -> ManagedPolicies {
    ManagedPolicies::parse(DATA).expect("the generated catalog parses")
}

#[test]
fn every_document_compiles_as_an_identity_policy() {
    let catalog = catalog();
    assert!(
        catalog.policies().len() > 1000,
        "{}",
        catalog.policies().len()
    );
    let failures: Vec<String> = catalog
        .policies()
        .iter()
        .filter_map(|p| {
            let value: serde_json::Value = serde_json::from_str(&p.document).ok()?;
            Policy::from_value(&value)
                .err()
                .map(|e| format!("{}: {e}", p.name))
        })
        .collect();
    assert_eq!(failures, Vec::<String>::new());
}

#[test]
fn looks_up_by_arn_with_path() {
    let catalog = catalog();
    let admin = catalog
        .get("arn:aws:iam::aws:policy/AdministratorAccess")
        .unwrap();
    assert_eq!(
        admin.document,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    );
    let lambda = catalog
        .get("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
        .unwrap();
    assert_eq!(
        lambda.arn(),
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    );
    assert!(lambda.document.contains("logs:PutLogEvents"));
}

#[test]
fn refuses_as_iam_does() {
    let catalog = catalog();
    // AttachRolePolicy: NoSuchEntity for an unknown policy, PolicyNotAttachable for a
    // policy reserved for service-linked roles.
    let missing = catalog
        .get("arn:aws:iam::aws:policy/NoSuchPolicy")
        .unwrap_err();
    assert_eq!(missing.code(), Some("NoSuchEntity"));
    assert_eq!(
        missing.to_string(),
        "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable."
    );
    let reserved = catalog
        .get("arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy")
        .unwrap_err();
    assert_eq!(reserved.code(), Some("PolicyNotAttachable"));
    assert_eq!(
        reserved.to_string(),
        "Cannot attach a Service Role Policy to a Customer Role."
    );
    assert_eq!(
        catalog
            .get("arn:aws:iam::111111111111:policy/Mine")
            .unwrap_err()
            .code(),
        Some("NoSuchEntity")
    );
}

#[test]
fn malformed_catalogs_name_their_line() {
    let cases = [
        ("", 1, "no header"),
        (
            "something else\n",
            1,
            "not an aws-managed-policies version 1 header",
        ),
        (
            "# c\naws-managed-policies\t1\tv\t1\nA\tv1\n",
            3,
            "not three tab-separated fields",
        ),
        (
            "aws-managed-policies\t1\tv\t2\nB\tv1\t{}\nA\tv1\t{}\n",
            3,
            "names out of order",
        ),
        (
            "aws-managed-policies\t1\tv\t3\nA\tv1\t{}\n",
            1,
            "the count does not match the policies",
        ),
    ];
    for (text, line, reason) in cases {
        assert_eq!(
            ManagedPolicies::parse(text).unwrap_err(),
            ManagedPolicyError::Data {
                line,
                reason: reason.to_string()
            },
            "{text:?}"
        );
    }
}
