//! TestState in this world: one state of a scenario's state machine runs as that machine's
//! execution would run it. Step Functions assumes the execution role when the Task first
//! calls the world (a mocked or Task-less state makes no call), then the Task's calls go
//! through the gateway as in a run, each described as HTTP for the TRACE level.

use super::driver::World;
use super::executions::default_name;
use super::handler::Handler;
use crate::arn;
use crate::gateway::CallRecord;
use crate::identity::Session;
use crate::scenario::StateMachine;
use crate::services::Start;
use asl::{Failure, TaskHandler, TaskRequest, TaskResponse, TestStateRequest, TestStateResponse};
use serde_json::Value;

/// How a test in the world ended.
pub(crate) enum Tested {
    /// The state ran: the response.
    Ran(Box<TestStateResponse>),
    /// The request is invalid.
    Invalid(Vec<asl::Diagnostic>),
    /// Step Functions could not assume the execution role: that call.
    RoleDenied(Box<CallRecord>),
}

/// The execution role to assume before the first call.
struct ExecutionRole {
    execution: usize,
    account: String,
    role: String,
    machine_arn: String,
}

/// The world's handler, assuming the execution role first (once).
struct TestHandler<'w, 's> {
    handler: Handler<'w, 's>,
    role: Option<ExecutionRole>,
    /// The AssumeRole call that was denied.
    denied: Option<Box<CallRecord>>,
}

impl TaskHandler for TestHandler<'_, '_> {
    fn invoke(&mut self, request: &TaskRequest) -> TaskResponse {
        if let Some(r) = self.role.take() {
            let world = self.handler.world();
            let index = world.gateway.report.calls.len();
            let assumed = world.assume_execution_role(
                r.execution,
                &r.account,
                &r.role,
                &r.machine_arn,
                request.now,
            );
            if let Err(e) = assumed {
                self.denied = world.gateway.report.calls.get(index).cloned().map(Box::new);
                return TaskResponse::fail(Failure::new(asl::error_names::RUNTIME, e.message));
            }
        }
        self.handler.invoke(request)
    }

    fn traces(&self) -> bool {
        self.handler.traces()
    }
}

impl World<'_> {
    /// Tests one state of `machine` (named `name`, in `account`) as TestState does, as
    /// part of an execution of that machine.
    pub(crate) fn test_state(
        &mut self,
        account: &str,
        name: &str,
        machine: &StateMachine,
        request: &TestStateRequest,
    ) -> Tested {
        let input = request
            .input
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_else(|| Value::Object(serde_json::Map::new()));
        let start = Start {
            account,
            machine: name,
            input,
            name: None,
            parent: None,
            start_time: asl::Options::default().start_time,
        };
        let execution_name = default_name(self.gateway.report.executions.len());
        let execution = self.open_record(&start, machine.kind, &execution_name);
        let machine_arn = arn::state_machine(self.gateway.region(), account, name);
        let options = asl::Options {
            execution_name: execution_name.clone(),
            state_machine_arn: machine_arn.clone(),
            role_arn: arn::role(account, &machine.role_name),
            start_time: start.start_time,
            ..asl::Options::default()
        };
        let session = Session {
            account: account.to_string(),
            role: machine.role_name.clone(),
            name: execution_name,
        };
        self.depth += 1;
        let mut handler = TestHandler {
            handler: Handler::new(self, execution, session).traced(),
            role: Some(ExecutionRole {
                execution,
                account: account.to_string(),
                role: machine.role_name.clone(),
                machine_arn,
            }),
            denied: None,
        };
        let result = asl::test_state_with(request, &options, &mut handler);
        let denied = handler.denied.take();
        self.depth -= 1;
        match (denied, result) {
            (Some(call), _) => Tested::RoleDenied(call),
            (None, Ok(response)) => Tested::Ran(Box::new(response)),
            (None, Err(diagnostics)) => Tested::Invalid(diagnostics),
        }
    }
}
