//! What intrinsic functions resolve against: the pane's account and region, the stack's
//! name, the template's parameters, conditions and mappings, and each resource's `Ref` and
//! `Fn::GetAtt` values.

use serde_json::{Map, Value};
use std::collections::HashMap;

/// A resource's values as other parts of the template see them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Physical {
    /// What `Ref` returns (a name, an ARN, a URL … as the resource type says).
    pub(crate) reference: Value,
    /// What `Fn::GetAtt` returns, by attribute name.
    pub(crate) attributes: Map<String, Value>,
}

/// The values intrinsics resolve against.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// The account (`AWS::AccountId`).
    pub(crate) account: String,
    /// The region (`AWS::Region`).
    pub(crate) region: String,
    /// The stack's name (`AWS::StackName`).
    pub(crate) stack: String,
    /// Parameter values by name (given, or their defaults).
    pub(crate) parameters: Map<String, Value>,
    /// Values given for names that are not parameters: `Fn::ImportValue` exports.
    pub(crate) imports: Map<String, Value>,
    /// Parameters with neither a default nor a given value: why each cannot be resolved.
    pub(crate) missing: HashMap<String, String>,
    /// Conditions evaluated so far.
    pub(crate) conditions: HashMap<String, bool>,
    /// The `Mappings` section.
    pub(crate) mappings: Map<String, Value>,
    /// Resources whose values are known, by logical id.
    pub(crate) resources: HashMap<String, Physical>,
    /// Every logical id the template declares (known or not yet).
    pub(crate) declared: Vec<String>,
}

impl Context {
    /// `AWS::StackId`: an ARN whose last part is derived from the stack's name.
    pub(crate) fn stack_id(&self) -> String {
        let hash = crate::names::hash(&[&self.account, &self.region, &self.stack]);
        format!(
            "arn:aws:cloudformation:{}:{}:stack/{}/{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            self.region,
            self.account,
            self.stack,
            hash >> 32,
            (hash >> 16) & 0xffff,
            hash & 0xffff,
            (hash >> 48) & 0xffff,
            hash & 0xffff_ffff_ffff
        )
    }
}
