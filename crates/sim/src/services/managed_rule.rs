//! The EventBridge managed rule of a `.sync` integration: before a "Run a Job" call, Step
//! Functions creates (or reuses) a rule in the caller's account with the caller's
//! credentials, so the role needs `events:PutTargets`, `events:PutRule` and
//! `events:DescribeRule` on it
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html>).

use crate::errors::ApiError;
use crate::gateway::{Call, CallCx, Gateway};
use crate::integration::Service;
use serde_json::json;

/// The managed rule's name for `states:startExecution.sync` / `.sync:2`.
pub(crate) const STATES_RULE: &str = "StepFunctionsGetEventsForStepFunctionsExecutionRule";

/// The calls Step Functions makes on the rule, in the order it makes them.
const APIS: [&str; 3] = ["PutTargets", "PutRule", "DescribeRule"];

/// Checks and records the rule calls as the Task's caller (the execution role, or the
/// `Credentials` role); the first denial fails the Task with AWS's `is not authorized to
/// create managed-rule` AccessDeniedException, raised by the Step Functions integration.
pub(crate) fn ensure(w: &mut Gateway, cx: &CallCx, rule: &str) -> Result<(), ApiError> {
    let account = cx.account().to_string();
    let arn = format!("arn:aws:events:{}:{account}:rule/{rule}", w.region());
    for api in APIS {
        let call = Call {
            service: Service::Events,
            api,
            resource: arn.clone(),
            resource_account: account.clone(),
            resource_policy: None,
            noun: Service::Events.policy_noun(),
            trust: false,
            context: Vec::new(),
            request: json!({"Name": rule}),
        };
        let admitted = w.admit(cx, call).map_err(|_| {
            ApiError::access_denied(
                Service::StepFunctions,
                format!(
                    "'{}' is not authorized to create managed-rule.",
                    cx.principal.arn()
                ),
            )
        })?;
        let response = match api {
            "DescribeRule" => {
                json!({"Name": rule, "Arn": arn, "State": "ENABLED", "ManagedBy": "states.amazonaws.com"})
            }
            "PutRule" => json!({"RuleArn": arn}),
            _ => json!({"FailedEntryCount": 0, "FailedEntries": []}),
        };
        w.settle(admitted, Ok(response))?;
    }
    Ok(())
}
