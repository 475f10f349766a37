//! A Distributed Map's Map Run as the report keeps it: the execution and state that ran
//! it, its ARN and outcome, the item counts, its child executions and the objects its
//! `ResultWriter` wrote.

use serde::{Deserialize, Serialize};

/// One Map Run, finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MapRunRecord {
    /// `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:UUID`.
    pub map_run_arn: String,
    /// The index (in `Report.executions`) of the execution whose Map state ran it.
    pub execution: usize,
    /// The Distributed Map state.
    pub state_name: String,
    /// The id of the parent's `MapRunStarted` event.
    pub started_event_id: Option<u32>,
    /// `SUCCEEDED` or `FAILED`.
    pub status: String,
    /// The error, when it failed.
    pub error: Option<String>,
    /// The cause, when it failed.
    pub cause: Option<String>,
    /// Items by outcome, as DescribeMapRun's `itemCounts`.
    pub item_counts: ItemCounts,
    /// The child executions, as indexes in `Report.executions`, in start order.
    pub children: Vec<usize>,
    /// What `ResultWriter` wrote, when it wrote to S3.
    pub result_writer: Option<WrittenResults>,
}

/// Item counts of a Map Run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemCounts {
    /// Items read.
    pub total: usize,
    /// Items whose child execution succeeded.
    pub succeeded: usize,
    /// Items whose child execution failed or timed out.
    pub failed: usize,
    /// Items never started because the Map Run failed first.
    pub pending: usize,
}

/// The objects a `ResultWriter` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenResults {
    /// The bucket.
    pub bucket: String,
    /// Each object, the manifest last.
    pub objects: Vec<WrittenObject>,
}

/// One object written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenObject {
    /// Its key.
    pub key: String,
    /// Its text.
    pub body: String,
}
