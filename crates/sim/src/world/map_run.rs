//! A Distributed Map in the world: its reader's and writer's S3 calls, made and authorized
//! as the execution role; its child executions, each recorded with its own history; and
//! the Map Run kept in the report.

use super::driver::{World, MAX_NESTING};
use super::handler::Handler;
use crate::errors::ApiError;
use crate::gateway::{ExecutionRecord, ItemCounts, MapRunRecord, WrittenObject, WrittenResults};
use crate::identity::{Principal, Session};
use crate::scenario::MachineType;
use crate::services::{bucket_account, s3_list, s3_read, s3_write, S3Caller};
use asl::{ChildAnswer, ChildExecution, Failure, MapRunSummary, S3Call};
use serde_json::{json, Value};

/// An S3 error as the interpreter hears it: its code and message.
fn failure(e: ApiError) -> Failure {
    Failure::new(e.code, e.message)
}

impl World<'_> {
    /// `call` for a Distributed Map of execution `execution`, made as `session`.
    pub(crate) fn map_run_s3(
        &mut self,
        execution: usize,
        session: &Session,
        call: &S3Call,
        now: i64,
    ) -> Result<Value, Failure> {
        let principal = Principal::Session(session.clone());
        let caller = S3Caller {
            site: None,
            execution,
            principal: &principal,
            now,
        };
        let g = &mut self.gateway;
        match *call {
            S3Call::GetObject { bucket, key } => {
                let request = json!({"Bucket": bucket, "Key": key});
                let reply = s3_read(g, &caller, bucket, key, request).map_err(failure)?;
                Ok(reply.get("Body").cloned().unwrap_or_default())
            }
            S3Call::ListObjectsV2 { bucket, prefix } => {
                let reply = s3_list(g, &caller, bucket, prefix).map_err(failure)?;
                let items = reply
                    .get("Contents")
                    .and_then(Value::as_array)
                    .map(|objects| objects.iter().map(listed_item).collect())
                    .unwrap_or_default();
                Ok(Value::Array(items))
            }
            S3Call::PutObject { bucket, key, body } => {
                if let Some(owner) = bucket_account(g, bucket).filter(|a| *a != session.account) {
                    return Err(Failure::new(
                        "InvalidBucket",
                        format!("The ResultWriter bucket {bucket} is in account {owner}; Step Functions writes Map Run results only to a bucket in the state machine's own account ({}) and Region", session.account),
                    ));
                }
                let request = json!({"Bucket": bucket, "Key": key, "Body": body});
                s3_write(g, &caller, bucket, key, body.to_string(), request).map_err(failure)
            }
        }
    }

    /// Runs `child` of a Map Run of execution `parent` as `session` (the parent's execution
    /// role); its index in the report with the answer.
    pub(crate) fn map_run_child(
        &mut self,
        parent: usize,
        session: &Session,
        child: &ChildExecution,
    ) -> (ChildAnswer, Option<usize>) {
        if self.depth >= MAX_NESTING {
            return (
                ChildAnswer::Refused(Failure::new(
                    asl::error_names::RUNTIME,
                    format!("Executions nest {MAX_NESTING} deep here: the Map Run's child execution was not started"),
                )),
                None,
            );
        }
        if let Err(over) = self.gateway.budget.check() {
            return (
                ChildAnswer::Refused(Failure::new(
                    asl::error_names::RUNTIME,
                    format!(
                        "The Map Run's child execution {} was not started: {over}",
                        child.options.execution_name
                    ),
                )),
                None,
            );
        }
        let Some(parent_record) = self.gateway.report.executions.get(parent) else {
            return (ChildAnswer::RunHere, None);
        };
        let options = asl::Options {
            record_data_flow: true,
            progress: self.progress.clone(),
            ..child.options.clone()
        };
        let index = self.gateway.report.executions.len();
        let record = ExecutionRecord {
            execution_arn: options.execution_arn.clone().unwrap_or_default(),
            state_machine_arn: options.state_machine_arn.clone(),
            account: parent_record.account.clone(),
            state_machine: options
                .state_machine_arn
                .rsplit(":stateMachine:")
                .next()
                .unwrap_or_default()
                .to_string(),
            name: options.execution_name.clone(),
            kind: if child.express {
                MachineType::Express
            } else {
                MachineType::Standard
            },
            status: "RUNNING".into(),
            input: child.input.clone(),
            output: None,
            error: None,
            cause: None,
            parent: None,
            map_run: None,
            events: Vec::new(),
            data_flow: Vec::new(),
            attempt_events: Vec::new(),
            start_time: options.start_time,
            stop_time: options.start_time,
        };
        self.gateway.report.executions.push(record);
        self.depth += 1;
        let mut outcome = {
            let mut handler = Handler::new(self, index, session.clone());
            asl::execute(
                child.definition,
                child.input.clone(),
                &options,
                &mut handler,
            )
        };
        self.depth -= 1;
        self.close_record(index, &mut outcome);
        (ChildAnswer::Ran(outcome), Some(index))
    }

    /// Keeps the Map Run of execution `execution` that ended as `summary`, with its
    /// children (indexes in the report).
    pub(crate) fn map_run_finished(
        &mut self,
        execution: usize,
        children: Vec<usize>,
        summary: &MapRunSummary,
    ) {
        let report = &mut self.gateway.report;
        let run = report.map_runs.len();
        for &child in &children {
            if let Some(record) = report.executions.get_mut(child) {
                record.map_run = Some(run);
            }
        }
        let result_writer = summary
            .written
            .as_ref()
            .map(|(bucket, keys)| WrittenResults {
                bucket: bucket.clone(),
                objects: keys
                    .iter()
                    .map(|key| WrittenObject {
                        key: key.clone(),
                        body: self
                            .gateway
                            .data
                            .objects
                            .get(&(bucket.clone(), key.clone()))
                            .cloned()
                            .unwrap_or_default(),
                    })
                    .collect(),
            });
        let c = summary.counts;
        self.gateway.report.map_runs.push(MapRunRecord {
            map_run_arn: summary.map_run_arn.clone(),
            execution,
            state_name: summary.state_name.clone(),
            started_event_id: None,
            status: summary.status.into(),
            error: summary.failure.as_ref().map(|f| f.error.clone()),
            cause: summary.failure.as_ref().map(|f| f.cause.clone()),
            item_counts: ItemCounts {
                total: c.total,
                succeeded: c.succeeded,
                failed: c.failed,
                pending: c.pending,
            },
            children,
            result_writer,
        });
    }
}

/// A listed object as an `ItemReader` item: `{"Etag", "Key", "LastModified", "Size",
/// "StorageClass"}`, `LastModified` in epoch seconds.
fn listed_item(object: &Value) -> Value {
    let modified = object
        .get("LastModified")
        .and_then(Value::as_str)
        .and_then(timestamp::parse_millis)
        .map_or(0, |ms| ms / 1000);
    json!({
        "Etag": object.get("ETag"),
        "Key": object.get("Key"),
        "LastModified": modified,
        "Size": object.get("Size"),
        "StorageClass": object.get("StorageClass"),
    })
}
