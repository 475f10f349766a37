//! Starting an execution: Step Functions assumes the execution role (the role's trust
//! policy decides), then the interpreter runs the definition with this world answering its
//! Tasks. Nested executions start here too, up to [`MAX_NESTING`] deep.

use super::driver::{World, MAX_NESTING};
use super::handler::Handler;
use crate::arn;
use crate::errors::ApiError;
use crate::gateway::{Call, ExecutionRecord};
use crate::identity::{Principal, Session};
use crate::integration::Service;
use crate::scenario::MachineType;
use crate::services::Start;
use serde_json::{json, Value};

/// The name of execution `index` of a run when none is given: `exec-1`, `exec-2` …
pub(super) fn default_name(index: usize) -> String {
    format!("exec-{}", index + 1)
}

impl World<'_> {
    /// Starts and runs an execution to its end; returns its index in the report.
    pub(crate) fn start_execution(&mut self, start: Start) -> Result<usize, ApiError> {
        let scenario = self.gateway.scenario;
        let machine_arn = arn::state_machine(self.gateway.region(), start.account, start.machine);
        let Some(machine) = scenario
            .account(start.account)
            .and_then(|a| a.state_machines.get(start.machine))
        else {
            return Err(ApiError::new(
                Service::StepFunctions,
                "StateMachineDoesNotExist",
                format!("State Machine Does Not Exist: '{machine_arn}'"),
            ));
        };
        if self.depth >= MAX_NESTING {
            return Err(ApiError::new(
                Service::StepFunctions,
                "ExecutionLimitExceeded",
                format!(
                    "Executions nest {MAX_NESTING} deep here: {machine_arn} was not started (does a workflow start itself?)"
                ),
            ));
        }
        if let Err(over) = self.gateway.budget.check() {
            return Err(ApiError::new(
                Service::StepFunctions,
                "ExecutionLimitExceeded",
                format!("{machine_arn} was not started: {over}"),
            ));
        }
        let index = self.gateway.report.executions.len();
        let name = start.name.clone().unwrap_or_else(|| default_name(index));
        let execution_arn = self.execution_arn(start.account, start.machine, &name);
        if machine.kind == MachineType::Standard
            && self
                .gateway
                .report
                .executions
                .iter()
                .any(|e| e.execution_arn == execution_arn)
        {
            return Err(ApiError::new(
                Service::StepFunctions,
                "ExecutionAlreadyExists",
                format!("Execution Already Exists: '{execution_arn}'"),
            ));
        }
        self.open_record(&start, machine.kind, &name);
        let role_arn = arn::role(start.account, &machine.role_name);
        if let Err(e) = self.assume_execution_role(
            index,
            start.account,
            &machine.role_name,
            &machine_arn,
            start.start_time,
        ) {
            if let Some(record) = self.gateway.report.executions.get_mut(index) {
                record.status = "FAILED".into();
                record.error = Some(asl::error_names::RUNTIME.into());
                record.cause = Some(format!(
                    "Step Functions could not assume the execution role {role_arn}: {}",
                    e.message
                ));
            }
            return Ok(index);
        }
        let options = asl::Options {
            execution_name: name.clone(),
            state_machine_arn: machine_arn,
            role_arn,
            start_time: start.start_time,
            seed: 0,
            record_data_flow: true,
            progress: self.progress.clone(),
            max_duration_seconds: match machine.kind {
                MachineType::Standard => asl::STANDARD_MAX_SECONDS,
                MachineType::Express => asl::EXPRESS_MAX_SECONDS,
            },
            budget: Some(self.gateway.budget.clone()),
            ..asl::Options::default()
        };
        let session = Session {
            account: start.account.to_string(),
            role: machine.role_name.clone(),
            name,
        };
        self.depth += 1;
        let mut outcome = {
            let mut handler = Handler::new(self, index, session);
            asl::execute(&machine.definition, start.input, &options, &mut handler)
        };
        self.depth -= 1;
        self.close_record(index, &mut outcome);
        Ok(index)
    }

    /// Records how execution `index` ended (its history and data flow taken from
    /// `outcome`), and the `MapRunStarted` event of each Map Run it ran.
    pub(super) fn close_record(&mut self, index: usize, outcome: &mut asl::Outcome) {
        let attempt_events = outcome
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    asl::EventKind::TaskStarted { .. } | asl::EventKind::LambdaFunctionStarted
                )
            })
            .map(|e| e.id)
            .collect();
        for run in self.gateway.report.map_runs.iter_mut() {
            if run.execution == index && run.started_event_id.is_none() {
                run.started_event_id = outcome.events.iter().find_map(|e| match &e.kind {
                    asl::EventKind::MapRunStarted { map_run_arn }
                        if map_run_arn.as_ref() == run.map_run_arn =>
                    {
                        Some(e.id)
                    }
                    _ => None,
                });
            }
        }
        let kept = outcome
            .output
            .as_deref()
            .map_or(0, |o| asl::extent(o).memory)
            + outcome.cause.as_ref().map_or(0, String::len);
        self.gateway.charge(kept);
        if let Some(record) = self.gateway.report.executions.get_mut(index) {
            record.status = outcome.status.as_str().into();
            record.output = outcome.output.as_deref().cloned();
            record.error = outcome.error.clone();
            record.cause = outcome.cause.clone();
            record.events = outcome.events.iter().map(asl::Event::to_json).collect();
            record.data_flow = std::mem::take(&mut outcome.data_flow);
            record.attempt_events = attempt_events;
            record.stop_time = outcome.stop_time;
        }
    }

    /// `arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME`.
    fn execution_arn(&self, account: &str, machine: &str, name: &str) -> String {
        format!(
            "arn:aws:states:{}:{account}:execution:{machine}:{name}",
            self.gateway.region()
        )
    }

    /// Records a new execution of `start` named `name`, running; returns its index.
    pub(super) fn open_record(&mut self, start: &Start, kind: MachineType, name: &str) -> usize {
        let index = self.gateway.report.executions.len();
        self.gateway.charge(asl::extent(&start.input).memory);
        self.gateway.report.executions.push(ExecutionRecord {
            execution_arn: self.execution_arn(start.account, start.machine, name),
            state_machine_arn: arn::state_machine(
                self.gateway.region(),
                start.account,
                start.machine,
            ),
            account: start.account.to_string(),
            state_machine: start.machine.to_string(),
            name: name.to_string(),
            kind,
            status: "RUNNING".into(),
            input: start.input.clone(),
            output: None,
            error: None,
            cause: None,
            parent: start.parent,
            map_run: None,
            events: Vec::new(),
            data_flow: Vec::new(),
            attempt_events: Vec::new(),
            start_time: start.start_time,
            stop_time: start.start_time,
        });
        index
    }

    /// Step Functions (`states.amazonaws.com`, or its regional name, which AWS accepts
    /// too) assumes the execution role; the trust policy decides, with `aws:SourceArn` and
    /// `aws:SourceAccount` set.
    pub(super) fn assume_execution_role(
        &mut self,
        execution: usize,
        account: &str,
        role: &str,
        machine_arn: &str,
        now: i64,
    ) -> Result<Value, ApiError> {
        let scenario = self.gateway.scenario;
        let role_arn = arn::role(account, role);
        let trust = scenario.role(account, role).map(|r| &r.trust_policy);
        let call = || Call {
            service: Service::Sts,
            api: "AssumeRole",
            resource: role_arn.clone(),
            resource_account: account.to_string(),
            resource_policy: trust,
            noun: Service::Sts.policy_noun(),
            trust: true,
            context: vec![
                ("aws:SourceArn", machine_arn.to_string()),
                ("aws:SourceAccount", account.to_string()),
            ],
            request: json!({"RoleArn": role_arn, "RoleSessionName": "states"}),
        };
        let global = Principal::Service("states.amazonaws.com".into());
        let regional =
            Principal::Service(format!("states.{}.amazonaws.com", self.gateway.region()));
        let principal = if !self.gateway.would_allow(&global, &call(), now)
            && self.gateway.would_allow(&regional, &call(), now)
        {
            regional
        } else {
            global
        };
        let admitted = self
            .gateway
            .admit_as(None, execution, &principal, now, call())?;
        let response =
            json!({"AssumedRoleUser": {"Arn": arn::assumed_role(account, role, "states")}});
        self.gateway.settle(admitted, Ok(response))
    }
}
