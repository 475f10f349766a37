//! What an import is given and what it returns.

use crate::unmapped::Unmapped;
use serde_json::{Map, Value};

/// How to import a template: the account pane it goes into and the values a deployment
/// would be given.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The account id (12 digits): `AWS::AccountId` and the scenario's account key.
    pub account: String,
    /// The region (`AWS::Region`); the `into` scenario's region, else `us-east-1`, when
    /// `None`.
    pub region: Option<String>,
    /// The stack's name (`AWS::StackName`, and the first part of generated names);
    /// `sfn-playground` when `None`.
    pub stack_name: Option<String>,
    /// Values by name: template parameters (overriding their defaults), and exports that
    /// `Fn::ImportValue` reads (e.g. another template's outputs).
    pub parameters: Map<String, Value>,
    /// A scenario to add the account to (or replace it in); a new scenario when `None`.
    pub into: Option<Value>,
}

impl ImportOptions {
    /// Options for `account` with everything else left to its default.
    pub fn new(account: impl Into<String>) -> Self {
        ImportOptions {
            account: account.into(),
            ..Default::default()
        }
    }
}

/// A template imported: the scenario, the template's outputs as a deployment would resolve
/// them, and everything that did not map.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The scenario document (the `into` scenario with the account added or replaced).
    pub scenario: Value,
    /// The template's `Outputs`, resolved: name to value (`{"Name": "value"}`), to feed a
    /// second template's parameters.
    pub outputs: Map<String, Value>,
    /// What the scenario could not hold or the import could not resolve, in template order.
    pub unmapped: Vec<Unmapped>,
}
