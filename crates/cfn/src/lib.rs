//! CloudFormation and SAM templates into playground scenarios, and scenarios back into
//! templates.
//!
//! [`import`] reads a template (JSON, or YAML with the short-form tags `!Ref`, `!GetAtt`,
//! `!Sub` …), resolves its intrinsic functions for one account (pseudo parameters,
//! `Parameters` with their defaults or the values given, `Conditions`, `Mappings`, each
//! resource's `Ref` and `Fn::GetAtt` values, physical names generated as CloudFormation
//! generates them when none is given) and maps its resources into that account of a
//! scenario. Whatever the scenario cannot hold or the import cannot resolve is an
//! [`Unmapped`] with its place in the template (pointer, line and column) and a reason in
//! plain words; the rest still imports. The template's `Outputs`, resolved, can feed
//! another template's parameters.
//!
//! `AWS::Organizations::Policy` resources of type `SERVICE_CONTROL_POLICY` and
//! `RESOURCE_CONTROL_POLICY` go to the scenario's `organization` (their `TargetIds` are
//! dropped, noted: the scenario applies every policy to every member).
//!
//! [`export`] writes one account of a scenario as a template ([`Template::yaml`],
//! [`Template::json`]) that imports back to the same account (the organization's SCPs and
//! RCPs go in the first account's template, the scenario naming no management account); [`policy_changes`] lists the
//! policies that differ between two scenarios as the input of `aws iam put-role-policy` or
//! `update-assume-role-policy`.
//!
//! ```
//! let template = r#"
//! Resources:
//!   Role:
//!     Type: AWS::IAM::Role
//!     Properties:
//!       RoleName: WorkflowRole
//!       AssumeRolePolicyDocument:
//!         Statement:
//!           - Effect: Allow
//!             Principal: {Service: states.amazonaws.com}
//!             Action: sts:AssumeRole
//!   Machine:
//!     Type: AWS::StepFunctions::StateMachine
//!     Properties:
//!       RoleArn: !GetAtt Role.Arn
//!       Definition: {StartAt: Done, States: {Done: {Type: Succeed}}}
//! "#;
//! let imported = cfn::import(template, &cfn::ImportOptions::new("111111111111")).unwrap();
//! let machines = &imported.scenario["accounts"]["111111111111"]["stateMachines"];
//! let (name, machine) = machines.as_object().unwrap().iter().next().unwrap();
//! assert!(name.starts_with("sfn-playground-Machine-"));
//! assert_eq!(machine["roleName"], "WorkflowRole");
//! ```

#![warn(missing_docs)]

mod apigateway;
mod attach;
mod cidr;
mod context;
mod error;
mod export;
mod export_api;
mod globals;
mod import;
mod intrinsic;
mod map;
mod merge;
mod names;
mod options;
mod organization;
mod physical;
mod policy_changes;
mod sam;
mod sam_policies;
mod source;
mod unmapped;
mod yaml;
mod yaml_out;

pub use error::ImportError;
pub use export::{export, ExportError, Template};
pub use import::{import, METADATA_KEY};
pub use options::{ImportOptions, Imported};
pub use policy_changes::{policy_changes, PolicyChange, PolicyCommand};
pub use unmapped::{Unmapped, UnmappedKind};
