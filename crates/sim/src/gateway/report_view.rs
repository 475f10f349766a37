//! The report as JSON: the records with the fields computed from relations between them
//! (`parentExecutionArn`, `parentEventId`, `mapRunArn`, a call's `id`, `executionArn` and
//! `eventId`);
//! and that JSON read back into the records (the computed fields are skipped).

use super::report::{CallRecord, ExecutionRecord, PausedTask, Report};
use super::MapRunRecord;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let top = self.top();
        ReportView {
            status: top.map(|t| t.status.as_str()),
            output: top.and_then(|t| t.output.as_ref()),
            error: top.and_then(|t| t.error.as_deref()),
            cause: top.and_then(|t| t.cause.as_deref()),
            events: top.map(|t| t.events.as_slice()).unwrap_or_default(),
            executions: self
                .executions
                .iter()
                .map(|e| {
                    let map_run = e.map_run.and_then(|m| self.map_runs.get(m));
                    ExecutionView {
                        parent_execution_arn: e
                            .parent
                            .map(|s| s.execution)
                            .or(map_run.map(|m| m.execution))
                            .and_then(|i| self.executions.get(i))
                            .map(|p| p.execution_arn.as_str()),
                        parent_event_id: match e.parent {
                            Some(s) => self.event_id(s),
                            None => map_run.and_then(|m| m.started_event_id),
                        },
                        map_run_arn: map_run.map(|m| m.map_run_arn.as_str()),
                        record: e,
                    }
                })
                .collect(),
            calls: self
                .calls
                .iter()
                .enumerate()
                .map(|(id, c)| CallView {
                    id,
                    execution_arn: self
                        .executions
                        .get(c.execution)
                        .map(|e| e.execution_arn.as_str()),
                    event_id: c.site.and_then(|s| self.event_id(s)),
                    record: c,
                })
                .collect(),
            map_runs: &self.map_runs,
            paused: &self.paused,
        }
        .serialize(serializer)
    }
}

/// The report as `sfn-play run` prints it: the top-level execution's outcome first.
#[derive(Serialize)]
struct ReportView<'r> {
    status: Option<&'r str>,
    output: Option<&'r Value>,
    error: Option<&'r str>,
    cause: Option<&'r str>,
    events: &'r [Value],
    executions: Vec<ExecutionView<'r>>,
    calls: Vec<CallView<'r>>,
    #[serde(rename = "mapRuns")]
    map_runs: &'r [MapRunRecord],
    paused: &'r [PausedTask],
}

/// An execution with the execution and Task attempt (or Map Run) that started it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecutionView<'r> {
    parent_execution_arn: Option<&'r str>,
    parent_event_id: Option<u32>,
    map_run_arn: Option<&'r str>,
    #[serde(flatten)]
    record: &'r ExecutionRecord,
}

/// A call with its number, its execution and the Task event that made it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CallView<'r> {
    id: usize,
    execution_arn: Option<&'r str>,
    event_id: Option<u32>,
    #[serde(flatten)]
    record: &'r CallRecord,
}

/// What a report is read back from: its records (the rest is computed from them).
#[derive(Deserialize)]
struct ReportWire {
    executions: Vec<ExecutionRecord>,
    calls: Vec<CallRecord>,
    #[serde(default, rename = "mapRuns")]
    map_runs: Vec<MapRunRecord>,
    #[serde(default)]
    paused: Vec<PausedTask>,
}

impl<'de> Deserialize<'de> for Report {
    /// Reads what `serialize` writes. `null` stands both for no output and for an output of
    /// `null`: a succeeded execution always has an output and a call without error always
    /// has a response, so those read back as `Some(null)`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ReportWire {
            mut executions,
            mut calls,
            map_runs,
            paused,
        } = ReportWire::deserialize(deserializer)?;
        for e in &mut executions {
            if e.status == asl::Status::Succeeded.as_str() && e.output.is_none() {
                e.output = Some(Value::Null);
            }
        }
        for c in &mut calls {
            if c.error.is_none() && c.response.is_none() {
                c.response = Some(Value::Null);
            }
        }
        Ok(Report {
            executions,
            calls,
            map_runs,
            paused,
        })
    }
}
