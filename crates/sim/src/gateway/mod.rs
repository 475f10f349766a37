//! The gateway every simulated API call goes through: it authorizes the call with the IAM
//! evaluator under the caller's identity, records it (with its decision) in the report,
//! and only then lets the service act on the data the calls change.

mod admission;
mod advice;
mod authz;
mod data;
mod denial;
mod facts;
mod fixes;
mod headline;
mod map_run;
mod report;
mod report_view;
mod request;
mod wording;

pub(crate) use admission::Gateway;
pub use authz::Verdict;
pub(crate) use authz::{authorize, caller_role, decide, request_context, Access};
pub use map_run::{ItemCounts, MapRunRecord, WrittenObject, WrittenResults};
pub use report::{CallError, CallRecord, ExecutionRecord, PausedTask, Report, Site};
pub(crate) use request::{Call, CallCx};
