//! What a user can pick from in a scenario: the principals (its roles, the sessions and
//! service principals its run calls as) and every resource's ARN.

use crate::arn;
use crate::scenario::Scenario;

/// Principals a user can pick from: every role's ARN, then the callers of the scenario's
/// run in the order they first call (the assumed-role sessions it uses, the service
/// principal that assumes execution roles), then `states.amazonaws.com` if the run did
/// not call as it. Runs the scenario (see [`principals_in`] for a run already made).
pub fn principals(scenario: &Scenario) -> Vec<String> {
    principals_in(scenario, &crate::run(scenario))
}

/// The principals of [`principals`], the callers taken from `report`, a run of `scenario`.
pub fn principals_in(scenario: &Scenario, report: &crate::Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |p: String| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    for (id, account) in &scenario.accounts {
        for name in account.roles.keys() {
            add(arn::role(id, name));
        }
    }
    for call in &report.calls {
        add(call.caller.arn());
    }
    add("states.amazonaws.com".into());
    out
}

/// Every resource's ARN, account by account: roles, state machines, parameters, secrets,
/// tables, functions, queues, topics, buckets with their objects, then each REST API
/// method on each stage.
pub fn resources(scenario: &Scenario) -> Vec<String> {
    let region = &scenario.region;
    let mut out = Vec::new();
    for (id, a) in &scenario.accounts {
        out.extend(a.roles.keys().map(|n| arn::role(id, n)));
        out.extend(
            a.state_machines
                .keys()
                .map(|n| arn::state_machine(region, id, n)),
        );
        out.extend(
            a.ssm_parameters
                .keys()
                .map(|n| arn::parameter(region, id, n)),
        );
        out.extend(a.secrets.keys().map(|n| arn::secret(region, id, n)));
        out.extend(a.dynamodb_tables.keys().map(|n| arn::table(region, id, n)));
        out.extend(
            a.lambda_functions
                .keys()
                .map(|n| arn::function(region, id, n)),
        );
        out.extend(a.sqs_queues.keys().map(|n| arn::queue(region, id, n)));
        out.extend(a.sns_topics.keys().map(|n| arn::topic(region, id, n)));
        for (name, bucket) in &a.s3_buckets {
            out.push(arn::bucket(name));
            out.extend(bucket.objects.keys().map(|k| arn::object(name, k)));
        }
        for (api_id, api) in &a.rest_apis {
            out.extend(api.method_arns(region, id, api_id));
        }
    }
    out
}
