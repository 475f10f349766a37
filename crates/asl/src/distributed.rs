//! What a Distributed Map asks of the world outside the interpreter: S3 calls for its
//! `ItemReader` and `ResultWriter`, its child executions, and the summary of each Map
//! Run. [`crate::TaskHandler`] carries them with defaults that fail S3 calls clearly and
//! run children here, with the same handler.

use crate::definition::Definition;
use crate::exec::{Options, Outcome};
use crate::failure::Failure;
use serde_json::Value;

/// At most this many child executions in one Map Run (a playground bound; AWS has none).
pub const MAX_MAP_RUN_CHILDREN: usize = 1_000;

/// One S3 call a Distributed Map makes under the execution role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S3Call<'a> {
    /// `ItemReader` reads an object (`s3:GetObject`); answered with its body as a string.
    GetObject {
        /// The bucket.
        bucket: &'a str,
        /// The object's key.
        key: &'a str,
    },
    /// `ItemReader` lists a bucket (`s3:ListBucket`); answered with an array of
    /// `{"Etag", "Key", "LastModified", "Size", "StorageClass"}` in key order.
    ListObjectsV2 {
        /// The bucket.
        bucket: &'a str,
        /// Only keys starting with this.
        prefix: &'a str,
    },
    /// `ResultWriter` writes a result file (`s3:PutObject`); any answer will do.
    PutObject {
        /// The bucket.
        bucket: &'a str,
        /// The object's key.
        key: &'a str,
        /// The object's text.
        body: &'a str,
    },
}

/// A child execution a Map Run starts: its processor as a definition, its input and the
/// options (name, ARNs, start time, time limit) it runs with.
pub struct ChildExecution<'a> {
    /// The Map's `ItemProcessor` as a whole definition.
    pub definition: &'a Definition,
    /// The item, or the batch `{"Items": [...], "BatchInput": ...}`.
    pub input: Value,
    /// Name, `stateMachine:MACHINE/LABEL` ARN, execution ARN, role, start time and limits.
    pub options: Options,
    /// The Map Run that starts it.
    pub map_run_arn: &'a str,
    /// Its position in the Map Run (0 for the first).
    pub index: usize,
    /// `ProcessorConfig.ExecutionType` is `EXPRESS`.
    pub express: bool,
}

/// How the world answered [`crate::TaskHandler::child_execution`].
pub enum ChildAnswer {
    /// Run it here, with the same handler (the default).
    RunHere,
    /// The world ran it to this end.
    Ran(Outcome),
    /// The world would not start it: the Map Run fails with this.
    Refused(Failure),
}

/// Item counts of a Map Run, as DescribeMapRun's `itemCounts` names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemCounts {
    /// Items read (after `MaxItems`).
    pub total: usize,
    /// Items whose child execution succeeded.
    pub succeeded: usize,
    /// Items whose child execution failed or timed out.
    pub failed: usize,
    /// Items never started (the Map Run failed first).
    pub pending: usize,
}

/// A Map Run at its end, as [`crate::TaskHandler::map_run_finished`] hears it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRunSummary {
    /// `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:UUID`.
    pub map_run_arn: String,
    /// The Map state.
    pub state_name: String,
    /// `SUCCEEDED` or `FAILED`.
    pub status: &'static str,
    /// Its failure, when it failed.
    pub failure: Option<Failure>,
    /// The item counts.
    pub counts: ItemCounts,
    /// The bucket and keys `ResultWriter` wrote, manifest last.
    pub written: Option<(String, Vec<String>)>,
}
