//! The scenario format, version 1: accounts with their roles, state machines and resources,
//! an optional organization, and the execution to run. See `docs/scenario-format.md`.

mod attribute_value;
mod behavior;
mod callbacks;
mod kms;
mod load;
mod managed;
mod model;
mod names;
mod parse;
mod reader;
mod resources;
mod rest_api;

pub(crate) use attribute_value::is_attribute_value;
pub use behavior::{Behavior, Step};
pub use callbacks::{Activity, ActivityWorker, AssumeStep, Callback, Responder, SendTask, TaskRef};
pub use iam::NamedPolicy;
pub(crate) use kms::AWS_MANAGED;
pub(crate) use load::check;
pub use model::{
    Account, ApiAuthorization, ApiIntegration, ApiMethod, Bucket, ExecutionSpec, Function,
    IntegrationTarget, KmsKey, MachineType, Organization, Parameter, Queue, RestApi, Role,
    Scenario, Secret, StateMachine, Table, Topic,
};
