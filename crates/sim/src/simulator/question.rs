//! A question for the simulator, written by a user or taken from a call of a run.

use crate::gateway::Report;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One request to simulate; in JSON `{"principal", "action", "resource", "context"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Question {
    /// Who asks: a role ARN (acting as a session of the role), an assumed-role session ARN
    /// or a service principal (`states.amazonaws.com`).
    pub principal: String,
    /// `service:Action`.
    pub action: String,
    /// The resource's ARN, or `*`.
    pub resource: String,
    /// Context keys the user sets (override what AWS would set); values are strings or
    /// arrays of strings.
    #[serde(default)]
    pub context: Map<String, Value>,
}

/// The question behind call `index` of a run: its caller, action, resource and every
/// context key it sent (`None` when there is no such call).
pub fn question_of_call(report: &Report, index: usize) -> Option<Question> {
    let call = report.calls.get(index)?;
    Some(Question {
        principal: call.caller.arn(),
        action: call.action.to_string(),
        resource: call.resource.clone(),
        context: call.context.clone(),
    })
}
