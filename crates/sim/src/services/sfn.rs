//! Step Functions: `StartExecution` (request-response, `.sync`, `.sync:2`),
//! `StartSyncExecution` (Express only) and `DescribeExecution`. Children run for real in
//! the same world, on the virtual clock. State machines have no resource-based policies:
//! starting one in another account takes a role in that account.

use super::executions::{self, Executions, Start};
use super::managed_rule;
use super::params::{text_of, Params};
use super::reply::Reply;
use crate::arn::Arn;
use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, ExecutionRecord, Gateway};
use crate::integration::{Pattern, Service};
use crate::scenario::MachineType;
use asl::error_names as names;
use asl::Failure;
use serde_json::{json, Map, Value};

fn machine_of(arn: &str) -> Result<(String, String), ApiError> {
    Arn::parse(arn)
        .filter(|a| a.service == "states")
        .and_then(|a| {
            Some((
                a.account.to_string(),
                a.resource_named("stateMachine")?.to_string(),
            ))
        })
        .ok_or_else(|| {
            ApiError::new(
                Service::StepFunctions,
                "InvalidArn",
                format!("Invalid Arn: 'Resource type not valid in this context: {arn}'"),
            )
        })
}

/// The execution input: a JSON string as the API takes it, or JSON as the optimized
/// integration accepts it; over 262,144 bytes, the ValidationException of the API's
/// length constraint.
fn input_of(p: &Params) -> Result<Value, ApiError> {
    let too_long = || {
        ApiError::new(
            Service::StepFunctions,
            "ValidationException",
            asl::too_long("input", asl::MAX_PAYLOAD_BYTES),
        )
    };
    match p.get("Input") {
        None | Some(Value::Null) => Ok(json!({})),
        Some(Value::String(s)) if s.len() > asl::MAX_PAYLOAD_BYTES => Err(too_long()),
        Some(Value::String(s)) => serde_json::from_str(s).map_err(|e| {
            ApiError::new(
                Service::StepFunctions,
                "InvalidExecutionInput",
                format!("Invalid State Machine Execution Input: '{e}'"),
            )
        }),
        Some(other) if asl::payload_size(other) > asl::MAX_PAYLOAD_BYTES => Err(too_long()),
        Some(other) => Ok(other.clone()),
    }
}

fn status(record: &ExecutionRecord) -> &str {
    match record.status.as_str() {
        "ABORTED" => "FAILED",
        s => s,
    }
}

/// DescribeExecution's shape; `json` gives input and output as JSON (`.sync:2`).
fn describe(record: &ExecutionRecord, json: bool) -> Value {
    let payload = |v: &Value| {
        if json {
            v.clone()
        } else {
            Value::String(v.to_string())
        }
    };
    let mut m = Map::new();
    m.insert("ExecutionArn".into(), record.execution_arn.as_str().into());
    m.insert("Input".into(), payload(&record.input));
    m.insert("InputDetails".into(), json!({"Included": true}));
    m.insert("Name".into(), record.name.as_str().into());
    if let Some(output) = &record.output {
        m.insert("Output".into(), payload(output));
        m.insert("OutputDetails".into(), json!({"Included": true}));
    }
    m.insert("StartDate".into(), record.start_time.into());
    m.insert(
        "StateMachineArn".into(),
        record.state_machine_arn.as_str().into(),
    );
    m.insert("Status".into(), status(record).into());
    m.insert("StopDate".into(), record.stop_time.into());
    if let Some(e) = &record.error {
        m.insert("Error".into(), e.as_str().into());
    }
    if let Some(c) = &record.cause {
        m.insert("Cause".into(), c.as_str().into());
    }
    Value::Object(m)
}

/// Starts `machine` of `account` as a child of the calling Task; checks the type first.
fn start_child(
    w: &mut dyn Executions,
    cx: &CallCx,
    account: &str,
    machine: &str,
    input: Value,
    name: Option<String>,
    express_only: bool,
) -> Result<usize, ApiError> {
    let kind = w
        .gateway()
        .scenario
        .account(account)
        .and_then(|a| a.state_machines.get(machine))
        .map(|m| m.kind);
    if express_only && kind == Some(MachineType::Standard) {
        return Err(ApiError::new(
            Service::StepFunctions,
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine",
        ));
    }
    w.start(Start {
        account,
        machine,
        input,
        name,
        parent: Some(cx.site),
        start_time: cx.now,
    })
}

fn duration(record: Option<&ExecutionRecord>) -> u64 {
    record.map_or(0, |r| {
        u64::try_from(r.stop_time - r.start_time).unwrap_or(0)
    })
}

/// `StartSyncExecution` of `arn` with `input`.
pub(crate) fn start_sync<'s>(
    w: &mut dyn Executions<'s>,
    cx: &CallCx,
    arn: &str,
    input: Value,
    name: Option<String>,
) -> Result<Reply, ApiError> {
    let (account, machine) = machine_of(arn)?;
    let mut request = json!({"StateMachineArn": arn, "Input": input.to_string()});
    if let Some(n) = &name {
        request["Name"] = n.as_str().into();
    }
    let call = Call {
        service: Service::StepFunctions,
        api: "StartSyncExecution",
        resource: arn.to_string(),
        resource_account: account.clone(),
        resource_policy: None,
        noun: Service::StepFunctions.policy_noun(),
        trust: false,
        context: Vec::new(),
        request,
    };
    let mut took = 0;
    let value = executions::api(w, cx, call, |w| {
        let index = start_child(w, cx, &account, &machine, input, name, true)?;
        let record = w.gateway().report.executions.get(index);
        took = duration(record);
        let mut v = record.map(|r| describe(r, false)).unwrap_or(Value::Null);
        v["BillingDetails"] = json!({
            "BilledDurationInMilliseconds": took.div_ceil(100).max(1) * 100,
            "BilledMemoryUsedInMB": 64,
        });
        Ok(v)
    })?;
    Ok(Reply {
        value,
        duration: took,
        failure: None,
        waiting: false,
    })
}

/// `StartSyncExecution`: the Express child's result, whatever its status.
pub(super) fn start_sync_execution(
    w: &mut dyn Executions,
    cx: &CallCx,
    p: &Params,
) -> Result<Reply, ApiError> {
    let arn = p.string("StateMachineArn")?;
    let input = input_of(p)?;
    let name = p.optional("Name")?.map(str::to_string);
    start_sync(w, cx, arn, input, name)
}

/// `StartExecution`, and with `.sync`/`.sync:2` waiting for the child's end.
pub(super) fn start_execution(
    w: &mut dyn Executions,
    cx: &CallCx,
    p: &Params,
) -> Result<Reply, ApiError> {
    let arn = p.string("StateMachineArn")?;
    let (account, machine) = machine_of(arn)?;
    let input = input_of(p)?;
    let name = p.optional("Name")?.map(str::to_string);
    let mut request = Value::Object(p.map.clone());
    if let Some(i) = p.get("Input") {
        request["Input"] = text_of(i).into();
    }
    if matches!(cx.pattern, Pattern::Sync | Pattern::Sync2) {
        managed_rule::ensure(w.gateway(), cx, managed_rule::STATES_RULE)?;
    }
    let call = Call {
        service: Service::StepFunctions,
        api: "StartExecution",
        resource: arn.to_string(),
        resource_account: account.clone(),
        resource_policy: None,
        noun: Service::StepFunctions.policy_noun(),
        trust: false,
        context: Vec::new(),
        request,
    };
    let mut child = None;
    let started = executions::api(w, cx, call, |w| {
        let index = start_child(w, cx, &account, &machine, input, name, false)?;
        child = Some(index);
        let record = w.gateway().report.executions.get(index);
        Ok(json!({
            "ExecutionArn": record.map(|r| r.execution_arn.as_str()),
            "StartDate": record.map(|r| r.start_time),
        }))
    })?;
    let record = child.and_then(|i| w.gateway().report.executions.get(i));
    let json_output = match cx.pattern {
        Pattern::RequestResponse | Pattern::Callback => return Ok(Reply::ok(started)),
        Pattern::Sync => false,
        Pattern::Sync2 => true,
    };
    let running = asl::Status::Running.as_str();
    if record.is_some_and(|r| r.status == running) {
        // The child waits for a task token: so does this Task, with StartExecution's answer.
        return Ok(Reply {
            waiting: true,
            ..Reply::ok(started)
        });
    }
    let value = record
        .map(|r| describe(r, json_output))
        .unwrap_or(Value::Null);
    let failure = record
        .filter(|r| r.status != "SUCCEEDED")
        .map(|_| Failure::new(names::TASK_FAILED, value.to_string()));
    Ok(Reply {
        duration: duration(record),
        value,
        failure,
        waiting: false,
    })
}

/// `DescribeExecution` (Standard executions only, as in AWS).
pub(super) fn describe_execution(
    w: &mut Gateway,
    cx: &CallCx,
    p: &Params,
) -> Result<Value, ApiError> {
    let arn = p.string("ExecutionArn")?;
    let account =
        Arn::parse(arn).map_or_else(|| cx.account().to_string(), |a| a.account.to_string());
    let call = Call {
        service: Service::StepFunctions,
        api: "DescribeExecution",
        resource: arn.to_string(),
        resource_account: account,
        resource_policy: None,
        noun: Service::StepFunctions.policy_noun(),
        trust: false,
        context: Vec::new(),
        request: Value::Object(p.map.clone()),
    };
    w.api(cx, call, |w| {
        w.report
            .executions
            .iter()
            .find(|e| e.execution_arn == arn && e.kind == MachineType::Standard)
            .map(|r| describe(r, false))
            .ok_or_else(|| {
                ApiError::new(
                    Service::StepFunctions,
                    "ExecutionDoesNotExist",
                    format!("Execution Does Not Exist: '{arn}'"),
                )
            })
    })
}
