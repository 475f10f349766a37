//! The human form of the Tasks a run left waiting for their token, printed on standard
//! error beside the report (whose `paused` member holds the same in JSON).

/// One paragraph per paused Task: where it waits, since when, its token, the message it
/// sent, and how a scenario answers it.
pub fn describe(report: &sim::Report) -> Vec<String> {
    report
        .paused
        .iter()
        .map(|p| {
            let (execution, machine) = report
                .executions
                .get(p.execution)
                .map(|e| (e.execution_arn.as_str(), e.state_machine_arn.as_str()))
                .unwrap_or_default();
            format!(
                "paused: {execution} waits at Task {state} (attempt {attempt}, {resource}) since {since}\n  token: {token}\n  sent: {message}\n  answer it with a `callbacks` entry: {{\"task\": {{\"stateMachine\": \"{machine}\", \"state\": \"{state}\"}}, ...}} or {{\"taskToken\": \"{token}\", ...}}",
                state = p.state,
                attempt = p.attempt,
                resource = p.resource,
                since = timestamp::format_millis(p.since),
                token = p.task_token,
                message = p.message,
            )
        })
        .collect()
}
