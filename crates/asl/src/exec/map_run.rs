//! A Distributed Map's Map Run: items read (or taken from the input), selected and
//! batched, each item or batch a child execution with its own history, failures held
//! against the tolerated threshold, results written by `ResultWriter`. The parent's
//! history records only `MapRunStarted` and how the run ended.

use super::data::runtime;
use super::map::{checked_item, Tolerance};
use super::results::Results;
use super::run::{Abort, Run};
use super::visit::Visit;
use super::{
    execute, Options, Outcome, Status, EXPRESS_MAX_SECONDS, MAX_PAYLOAD_BYTES, STANDARD_MAX_SECONDS,
};
use crate::definition::{Definition, MapSpec, Transformation};
use crate::distributed::MAX_MAP_RUN_CHILDREN;
use crate::distributed::{ChildAnswer, ChildExecution, ItemCounts, MapRunSummary, S3Call};
use crate::failure::{names, Failure};
use crate::history::{ErrorCause, EventKind};
use crate::scope::Variables;
use crate::size::Room;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::rc::Rc;

/// A child execution at its end.
pub(super) struct Child {
    pub arn: String,
    pub name: String,
    pub input: Value,
    pub outcome: Outcome,
    pub start: i64,
}

/// What a Map Run came to, beyond its result.
#[derive(Default)]
pub(super) struct Tally {
    pub counts: ItemCounts,
    pub written: Option<(String, Vec<String>)>,
}

/// Names of the Map Run: its id, ARN, and the `MACHINE/LABEL` its children run under.
pub(super) struct RunNames {
    pub id: String,
    pub arn: String,
    pub machine_arn: String,
}

impl Run<'_> {
    /// Runs the Map Run of `spec`; `items` are the input's when there is no reader.
    pub(super) fn map_run(
        &mut self,
        visit: &Visit,
        spec: &MapSpec,
        effective: &Value,
        items: Vec<Value>,
        variables: &Variables,
        tolerance: &Tolerance,
    ) -> Result<Value, Abort> {
        let id = seeded::uuid_v4(&mut self.rng);
        let label = spec
            .distributed
            .label
            .clone()
            .unwrap_or_else(|| visit.state.name.to_string());
        let account = self
            .info
            .state_machine_arn
            .split(':')
            .nth(4)
            .unwrap_or("111111111111")
            .to_string();
        let machine = format!("{}/{label}", self.info.state_machine_name);
        let names = RunNames {
            arn: format!(
                "arn:aws:states:{}:{account}:mapRun:{machine}:{id}",
                self.region
            ),
            machine_arn: format!(
                "arn:aws:states:{}:{account}:stateMachine:{machine}",
                self.region
            ),
            id,
        };
        self.emit(EventKind::MapRunStarted {
            map_run_arn: names.arn.as_str().into(),
        })?;
        let mut tally = Tally::default();
        let result = self.map_run_body(
            visit, spec, effective, items, variables, tolerance, &names, &mut tally,
        );
        let failure = match &result {
            Ok(_) => {
                self.emit(EventKind::MapRunSucceeded)?;
                None
            }
            Err(Abort::Failure(f)) => {
                self.emit(EventKind::MapRunFailed(ErrorCause::new(&f.error, &f.cause)))?;
                Some(f.clone())
            }
            Err(Abort::TimedOut | Abort::Paused | Abort::Exceeded(_)) => None,
        };
        self.handler.map_run_finished(&MapRunSummary {
            map_run_arn: names.arn.clone(),
            state_name: visit.state.name.to_string(),
            status: match &result {
                Ok(_) => "SUCCEEDED",
                Err(Abort::Paused) => "RUNNING",
                Err(_) => "FAILED",
            },
            failure,
            counts: tally.counts,
            written: tally.written,
        });
        result
    }

    #[allow(clippy::too_many_arguments)]
    fn map_run_body(
        &mut self,
        visit: &Visit,
        spec: &MapSpec,
        effective: &Value,
        items: Vec<Value>,
        variables: &Variables,
        tolerance: &Tolerance,
        names: &RunNames,
        tally: &mut Tally,
    ) -> Result<Value, Abort> {
        let d = &spec.distributed;
        let items = match &d.reader {
            Some(reader) => self.read_items(reader, visit, effective, variables)?,
            None => items,
        };
        let total = items.len();
        tally.counts.total = total;
        let mut selected = Vec::with_capacity(total);
        // No Map Run carries more than its children's payloads.
        let mut room = Room::of(MAX_MAP_RUN_CHILDREN * MAX_PAYLOAD_BYTES);
        for (index, item) in items.into_iter().enumerate() {
            let input =
                self.select_item(visit, spec, effective, index, Cow::Owned(item), variables)?;
            let input = checked_item(spec, &visit.state.name, input)?;
            if !room.take(&input, 1) {
                return Err(Abort::Failure(runtime(format!(
                    "The Map Run's items come to more than {MAX_MAP_RUN_CHILDREN} payloads of {MAX_PAYLOAD_BYTES} bytes, more than the playground runs in one Map Run"
                ))));
            }
            selected.push(input);
        }
        let inputs = self.batches(visit, spec, effective, selected, variables)?;
        if inputs.len() > MAX_MAP_RUN_CHILDREN {
            return Err(Abort::Failure(runtime(format!(
                "This Map Run would start {} child executions; the playground runs at most {MAX_MAP_RUN_CHILDREN} per Map Run (lower ReaderConfig.MaxItems or batch items with ItemBatcher)",
                inputs.len()
            ))));
        }
        let definition = Definition {
            machine: spec.processor.clone(),
            timeout_seconds: None,
        };
        let start = self.clock;
        let mut latest = start;
        let mut children = Vec::with_capacity(inputs.len());
        let mut exceeded = false;
        let mut started = 0;
        for (index, (input, count)) in inputs.into_iter().enumerate() {
            self.budget.check()?;
            let child = self.child(&definition, input, index, start, names, d.express)?;
            started += count;
            latest = latest.max(child.outcome.stop_time);
            if child.outcome.status == Status::Succeeded {
                tally.counts.succeeded += count;
            } else {
                tally.counts.failed += count;
            }
            children.push(child);
            if tally.counts.failed > 0 && tolerance.exceeded(tally.counts.failed, total) {
                exceeded = true;
                break;
            }
        }
        tally.counts.pending = total - started;
        self.advance(latest - self.clock)?;
        let output =
            self.write_results(spec, visit, effective, variables, names, &children, tally)?;
        if exceeded {
            return Err(Abort::Failure(Failure::new(
                names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                "The specified tolerated failure threshold was exceeded",
            )));
        }
        Ok(output)
    }

    /// The child inputs with how many items each carries: one per item, or batches of
    /// `{"Items": [...], "BatchInput": ...}` within `MaxItemsPerBatch` and
    /// `MaxInputBytesPerBatch`.
    fn batches(
        &mut self,
        visit: &Visit,
        spec: &MapSpec,
        effective: &Value,
        items: Vec<Value>,
        variables: &Variables,
    ) -> Result<Vec<(Value, usize)>, Failure> {
        let Some(batcher) = &spec.distributed.batcher else {
            return Ok(items.into_iter().map(|i| (i, 1)).collect());
        };
        let limit = |run: &mut Self, n: &Option<crate::definition::Number>, field| {
            let context = visit.context();
            let scope = context.scope(effective, variables);
            n.as_ref()
                .map(|n| run.map_number(n, field, true, scope))
                .transpose()
        };
        let max_items = limit(self, &batcher.max_items, "MaxItemsPerBatch")?;
        let max_bytes = limit(self, &batcher.max_bytes, "MaxInputBytesPerBatch")?;
        let batch_input = match &batcher.batch_input {
            Some(p) => Some(self.payload(p, visit, effective, variables)?),
            None => None,
        };
        let wrap = |items: Vec<Value>| {
            let mut batch = Map::new();
            batch.insert("Items".into(), Value::Array(items));
            if let Some(b) = &batch_input {
                batch.insert("BatchInput".into(), b.clone());
            }
            Value::Object(batch)
        };
        let max_items = max_items.map_or(usize::MAX, |n| n.max(1.0) as usize);
        let base = wrap(Vec::new()).to_string().len();
        let mut out = Vec::new();
        let mut current: Vec<Value> = Vec::new();
        let mut bytes = base;
        for item in items {
            let size = item.to_string().len() + usize::from(!current.is_empty());
            let over_bytes = max_bytes.is_some_and(|m| bytes + size > m as usize);
            if !current.is_empty() && (current.len() >= max_items || over_bytes) {
                let n = current.len();
                out.push((wrap(std::mem::take(&mut current)), n));
                bytes = base;
            }
            let size = item.to_string().len() + usize::from(!current.is_empty());
            if max_bytes.is_some_and(|m| base + size > m as usize) {
                return Err(runtime(format!(
                    "An item of {size} bytes does not fit in a batch of MaxInputBytesPerBatch {} bytes",
                    max_bytes.unwrap_or_default()
                )));
            }
            bytes += size;
            current.push(item);
        }
        if !current.is_empty() {
            let n = current.len();
            out.push((wrap(current), n));
        }
        Ok(out)
    }

    /// Starts child `index` and runs it to its end.
    fn child(
        &mut self,
        definition: &Definition,
        input: Value,
        index: usize,
        start: i64,
        names: &RunNames,
        express: bool,
    ) -> Result<Child, Failure> {
        let name = seeded::uuid_v4(&mut self.rng);
        let (_, machine) = names
            .machine_arn
            .split_once(":stateMachine:")
            .unwrap_or(("", ""));
        let account_region = format!(
            "arn:aws:states:{}:{}",
            self.region,
            names
                .machine_arn
                .split(':')
                .nth(4)
                .unwrap_or("111111111111")
        );
        let arn = if express {
            let run_id = seeded::uuid_v4(&mut self.rng);
            format!("{account_region}:express:{machine}:{name}:{run_id}")
        } else {
            format!("{account_region}:execution:{machine}:{name}")
        };
        let options = Options {
            execution_name: name.clone(),
            state_machine_arn: names.machine_arn.clone(),
            role_arn: self.info.role_arn.to_string(),
            start_time: start,
            seed: self.rng.next_u64(),
            max_events: super::MAX_HISTORY_EVENTS,
            max_duration_seconds: if express {
                EXPRESS_MAX_SECONDS
            } else {
                STANDARD_MAX_SECONDS
            },
            execution_arn: Some(arn.clone()),
            budget: Some(self.budget.clone()),
            ..Options::default()
        };
        let child = ChildExecution {
            definition,
            input,
            options,
            map_run_arn: &names.arn,
            index,
            express,
        };
        let outcome = match self.handler.child_execution(&child) {
            ChildAnswer::RunHere => execute(
                definition,
                child.input.clone(),
                &child.options,
                &mut *self.handler,
            ),
            ChildAnswer::Ran(outcome) => outcome,
            ChildAnswer::Refused(failure) => return Err(failure),
        };
        Ok(Child {
            arn,
            name,
            input: child.input,
            outcome,
            start,
        })
    }

    /// The Map's output after `ResultWriter`: the children's results in the
    /// transformation asked (COMPACT by default), or, when written to S3, the
    /// `MapRunArn` and `ResultWriterDetails`.
    #[allow(clippy::too_many_arguments)]
    fn write_results(
        &mut self,
        spec: &MapSpec,
        visit: &Visit,
        effective: &Value,
        variables: &Variables,
        names: &RunNames,
        children: &[Child],
        tally: &mut Tally,
    ) -> Result<Value, Failure> {
        let writer = spec.distributed.writer.as_ref();
        let to_s3 = writer.and_then(|w| w.parameters.as_ref());
        let transformation = writer
            .and_then(|w| w.transformation)
            .unwrap_or(if to_s3.is_some() {
                Transformation::None
            } else {
                Transformation::Compact
            });
        let results = |succeeded: Option<bool>| {
            children
                .iter()
                .filter(move |c| {
                    succeeded.is_none_or(|s| (c.outcome.status == Status::Succeeded) == s)
                })
                .flat_map(|c| result_entries(c, &names.machine_arn, transformation))
        };
        let Some(parameters) = to_s3 else {
            let mut output = Results::new(children.len());
            for entry in results(None) {
                output.push_value(entry, &visit.state.name)?;
            }
            return Ok(Rc::unwrap_or_clone(output.into_value()));
        };
        let parameters = self.payload(parameters, visit, effective, variables)?;
        let bucket = parameters
            .get("Bucket")
            .and_then(Value::as_str)
            .ok_or_else(|| runtime("The ResultWriter's parameters must give 'Bucket' as a string"))?
            .to_string();
        let prefix = parameters
            .get("Prefix")
            .and_then(Value::as_str)
            .unwrap_or("");
        let folder = if prefix.is_empty() {
            names.id.clone()
        } else {
            format!("{}/{}", prefix.trim_end_matches('/'), names.id)
        };
        let jsonl =
            writer.and_then(|w| w.output_type) == Some(crate::definition::OutputType::Jsonl);
        let mut files = Map::new();
        let mut written = Vec::new();
        for (succeeded, label) in [(false, "FAILED"), (true, "SUCCEEDED")] {
            let entries: Vec<Value> = results(Some(succeeded)).collect();
            let mut listed = Vec::new();
            if !entries.is_empty() {
                let key = format!(
                    "{folder}/{label}_0.{}",
                    if jsonl { "jsonl" } else { "json" }
                );
                let body = if jsonl {
                    entries.iter().map(|e| e.to_string() + "\n").collect()
                } else {
                    Value::Array(entries).to_string()
                };
                self.put(&bucket, &key, &body)?;
                listed.push(json!({"Key": key, "Size": body.len()}));
                written.push(key);
            }
            files.insert(label.into(), Value::Array(listed));
        }
        files.insert("PENDING".into(), Value::Array(Vec::new()));
        let manifest_key = format!("{folder}/manifest.json");
        let manifest = json!({
            "DestinationBucket": bucket,
            "MapRunArn": names.arn,
            "ResultFiles": files,
        });
        self.put(&bucket, &manifest_key, &manifest.to_string())?;
        written.push(manifest_key.clone());
        tally.written = Some((bucket.clone(), written));
        Ok(json!({
            "MapRunArn": names.arn,
            "ResultWriterDetails": {"Bucket": bucket, "Key": manifest_key},
        }))
    }

    fn put(&mut self, bucket: &str, key: &str, body: &str) -> Result<(), Failure> {
        self.handler
            .s3(&S3Call::PutObject { bucket, key, body }, self.clock)
            .map(|_| ())
            .map_err(|e| {
                Failure::new(
                    names::RESULT_WRITER_FAILED,
                    format!("{} (Service: Amazon S3; Error Code: {})", e.cause, e.error),
                )
            })
    }
}

/// A child's entries in the results: its output (flattened for FLATTEN) or, for NONE
/// and for every failed child, the execution's description.
fn result_entries(child: &Child, machine_arn: &str, transformation: Transformation) -> Vec<Value> {
    let o = &child.outcome;
    let succeeded = o.status == Status::Succeeded;
    let output = o.output.as_deref().cloned().unwrap_or(Value::Null);
    match transformation {
        Transformation::Compact if succeeded => return vec![output],
        Transformation::Flatten if succeeded => {
            return match output {
                Value::Array(items) => items,
                other => vec![other],
            }
        }
        _ => {}
    }
    let mut m = Map::new();
    m.insert("ExecutionArn".into(), child.arn.as_str().into());
    m.insert("Input".into(), child.input.to_string().into());
    m.insert("InputDetails".into(), json!({"Included": true}));
    m.insert("Name".into(), child.name.as_str().into());
    if succeeded {
        m.insert("Output".into(), output.to_string().into());
        m.insert("OutputDetails".into(), json!({"Included": true}));
    } else {
        m.insert("Error".into(), o.error.clone().into());
        m.insert("Cause".into(), o.cause.clone().into());
    }
    m.insert("RedriveCount".into(), 0.into());
    m.insert(
        "StartDate".into(),
        timestamp::format_millis(child.start).into(),
    );
    m.insert("StateMachineArn".into(), machine_arn.into());
    m.insert("Status".into(), o.status.as_str().into());
    m.insert(
        "StopDate".into(),
        timestamp::format_millis(o.stop_time).into(),
    );
    vec![Value::Object(m)]
}
