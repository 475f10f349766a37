//! TestState answered by the scenario's world: one state of one of its state machines,
//! run as an execution of that machine would run it.
//! <https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html>
//!
//! As AWS does, TestState assumes the execution role ("the TestState API assumes an IAM
//! role which must contain the required IAM permissions for the resources your state
//! accesses"), here the machine's own, when a Task calls the world: a state that makes no
//! call (a Pass, a Choice, a mocked Task) assumes nothing. The role's trust policy
//! decides that call; the role's policies decide the Task's calls, `Credentials` are
//! assumed as in a run (`sts:ExternalId` is the machine's ARN), and every call is
//! recorded with its decision.

use crate::gateway::CallRecord;
use crate::scenario::Scenario;
use crate::world::{Tested, World};
use asl::{Code, Diagnostic, TestStateRequest, TestStateResponse};

/// A TestState run in the scenario's world.
#[derive(Debug, Clone, PartialEq)]
pub struct StateTest {
    /// The TestState response.
    pub response: TestStateResponse,
    /// The API calls the state made (with decisions), in order: Step Functions assuming
    /// the execution role, then the Task's own (and those of an execution it started,
    /// whose `execution` is 1 and up; the state's own have 0).
    pub calls: Vec<CallRecord>,
}

/// Why a state could not be tested in the world.
#[derive(Debug, Clone, PartialEq)]
pub enum StateTestError {
    /// The request is invalid: every problem, as [`asl::test_state`] reports them.
    Invalid(Vec<Diagnostic>),
    /// The scenario has no state machine with this ARN.
    UnknownMachine {
        /// The ARN asked for.
        arn: String,
        /// What went wrong, with the closest ARN the scenario has.
        message: String,
    },
    /// Step Functions could not assume the machine's execution role (TestState fails
    /// with AccessDeniedException): the denied `sts:AssumeRole` call, with its decision.
    RoleNotAssumed(Box<CallRecord>),
}

impl StateTestError {
    /// Each problem as a diagnostic: those of [`StateTestError::Invalid`], an unknown
    /// machine at `/stateMachineArn`, the denied execution role at `/roleArn`.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let problem = |pointer: &str, message: String| {
            vec![Diagnostic::new(Code::ValidationException, pointer, message)]
        };
        match self {
            StateTestError::Invalid(diagnostics) => diagnostics.clone(),
            StateTestError::UnknownMachine { message, .. } => {
                problem("/stateMachineArn", message.clone())
            }
            StateTestError::RoleNotAssumed(call) => problem(
                "/roleArn",
                format!(
                    "Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role {}: {}",
                    call.resource, call.decision.summary
                ),
            ),
        }
    }
}

/// Runs `request` (its definition is a whole state machine or one state) as the state
/// machine `machine_arn` of the scenario would: its Task states call the simulated world
/// under the machine's execution role (assumed as in a run, IAM enforced, `Credentials`
/// honoured, cross-account calls authorized), unless the request has a `mock`, which
/// answers instead. The execution context (`$$.Execution.Id`, `StateMachine.Id`, the
/// role) is that machine's. A `roleArn`, when given, must be the machine's execution
/// role. At TRACE, a Task the world answers shows its call as `inspectionData.request`
/// and `response` (the last call of the attempt: the service's, or the `Credentials`
/// AssumeRole when that was denied), in the AWS JSON protocol.
pub fn test_state(
    scenario: &Scenario,
    machine_arn: &str,
    request: &TestStateRequest,
) -> Result<StateTest, StateTestError> {
    let Some((account, name, machine)) = scenario.state_machine_at(machine_arn) else {
        let arns = scenario.state_machine_arns();
        let hint = match jsonloc::closest(machine_arn, arns.iter().map(String::as_str)) {
            Some(arn) => format!("; did you mean {arn}?"),
            None => format!(" (it has {})", arns.join(", ")),
        };
        return Err(StateTestError::UnknownMachine {
            arn: machine_arn.to_string(),
            message: format!("The scenario has no state machine {machine_arn}{hint}"),
        });
    };
    let role_arn = crate::arn::role(account, &machine.role_name);
    if let Some(given) = request.role_arn.as_deref().filter(|r| *r != role_arn) {
        return Err(StateTestError::Invalid(vec![Diagnostic::new(
            Code::ValidationException,
            "/roleArn",
            format!(
                "The state runs as {machine_arn}, whose execution role is {role_arn}, not {given}"
            ),
        )]));
    }
    let mut world = World::new(scenario, &crate::RunSettings::default());
    let tested = world.test_state(account, name, machine, request);
    match tested {
        Tested::Ran(response) => Ok(StateTest {
            response: *response,
            calls: world.gateway.report.calls,
        }),
        Tested::Invalid(diagnostics) => Err(StateTestError::Invalid(diagnostics)),
        Tested::RoleDenied(call) => Err(StateTestError::RoleNotAssumed(call)),
    }
}
