//! Access analysis at scale: a generated scenario of 10 accounts, 200 roles and 500
//! resources (parameters, secrets, tables, functions, queues, topics, buckets), whose
//! roles read resources of their own account and assume a role of the next account (half
//! of them around all ten accounts, a cycle), and whose secrets and queues grant another account through resource
//! policies. Measures every reach (all principals, chains followed) and the findings.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Map, Value};
use std::hint::black_box;

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

const ACCOUNTS: usize = 10;
const ROLES: usize = 20;
const RESOURCES: usize = 50;

fn account(i: usize) -> String {
    format!("{:012}", 100_000_000_000 + i % ACCOUNTS)
}

fn role_arn(a: usize, r: usize) -> String {
    format!("arn:aws:iam::{}:role/Role{r}", account(a))
}

/// The generated scenario document.
fn scenario() -> Value {
    let mut accounts = Map::new();
    for a in 0..ACCOUNTS {
        let id = account(a);
        let region = "us-east-1";
        let mut roles = Map::new();
        for r in 0..ROLES {
            let own = |kind: &str, n: usize| match kind {
                "parameter" => format!("arn:aws:ssm:{region}:{id}:parameter/P{n}"),
                "table" => format!("arn:aws:dynamodb:{region}:{id}:table/Table{n}"),
                _ => format!("arn:aws:sqs:{region}:{id}:Q{n}"),
            };
            let trusted = role_arn(a + ACCOUNTS - 1, r);
            // Odd roles trust the previous account's without a condition: chains of
            // AssumeRole around all ten accounts (a cycle); even ones need an ExternalId
            // no session of the world sends.
            let condition = match r % 2 {
                0 => json!({"StringEquals": {"sts:ExternalId": format!("ext-{r}")}}),
                _ => json!({"StringEquals": {"aws:PrincipalAccount": account(a + ACCOUNTS - 1)}}),
            };
            roles.insert(
                format!("Role{r}"),
                json!({
                    "assumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Principal": {"AWS": trusted}, "Action": "sts:AssumeRole",
                         "Condition": condition},
                        {"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole",
                         "Condition": {"StringEquals": {"aws:SourceAccount": id}}}]},
                    "policies": {"Work": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": ["ssm:GetParameter", "ssm:GetParameters"],
                         "Resource": [own("parameter", r % 8), own("parameter", (r + 1) % 8)]},
                        {"Effect": "Allow", "Action": "dynamodb:*", "Resource": own("table", r % 8)},
                        {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": own("queue", r % 7)},
                        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                         "Resource": format!("arn:aws:secretsmanager:{region}:*:secret:S{}-*", r % 7)},
                        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn(a + 1, r)}]}}
                }),
            );
        }
        let mut parameters = Map::new();
        let mut secrets = Map::new();
        let mut tables = Map::new();
        let mut functions = Map::new();
        let mut queues = Map::new();
        let mut topics = Map::new();
        let mut buckets = Map::new();
        let grant = |action: &str, resource: String| {
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"AWS": format!("arn:aws:iam::{}:root", account(a + 1))},
                "Action": action, "Resource": resource}]})
        };
        for n in 0..8 {
            parameters.insert(format!("P{n}"), json!({"value": "v"}));
            tables.insert(format!("Table{n}"), json!({"partitionKey": "id"}));
        }
        for n in 0..7 {
            let secret = format!("arn:aws:secretsmanager:{region}:{id}:secret:S{n}-*");
            secrets.insert(
                format!("S{n}"),
                json!({"secretString": "s", "resourcePolicy": grant("secretsmanager:GetSecretValue", secret)}),
            );
            let queue = format!("arn:aws:sqs:{region}:{id}:Q{n}");
            queues.insert(
                format!("Q{n}"),
                json!({"resourcePolicy": grant("sqs:SendMessage", queue)}),
            );
            topics.insert(format!("N{n}"), json!({}));
            functions.insert(format!("F{n}"), json!({"behavior": {"template": {}}}));
        }
        for n in 0..(RESOURCES - 8 - 8 - 7 * 4) {
            buckets.insert(format!("bucket-{a}-{n}"), json!({"objects": {}}));
        }
        let mut machines = Map::new();
        if a == 0 {
            machines.insert(
                "Main".into(),
                json!({"roleName": "Role0", "definition": {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}}),
            );
        }
        accounts.insert(
            id,
            json!({"roles": roles, "stateMachines": machines, "ssmParameters": parameters,
                "secrets": secrets, "dynamodbTables": tables, "lambdaFunctions": functions,
                "sqsQueues": queues, "snsTopics": topics, "s3Buckets": buckets}),
        );
    }
    json!({"scenarioVersion": 1, "accounts": accounts,
        "execution": {"stateMachineArn": format!("arn:aws:states:us-east-1:{}:stateMachine:Main", account(0))}})
}

fn scale(c: &mut Criterion) {
    let doc = scenario();
    let scenario = match sim::Scenario::from_value(&doc) {
        Ok(s) => s,
        Err(problems) => panic!("the generated scenario is invalid: {problems:?}"),
    };
    let roles: usize = scenario.accounts.values().map(|a| a.roles.len()).sum();
    let resources = sim::resources(&scenario).len() - roles;
    let all = access::ReachFilter::default();
    let reach = access::reach(&scenario, &all).unwrap_or_default();
    println!(
        "{} accounts, {roles} roles, {resources} other resources: {} reach entries, {} findings",
        scenario.accounts.len(),
        reach.len(),
        access::findings(&scenario).len()
    );
    let mut group = c.benchmark_group("access");
    group.sample_size(10);
    group.bench_function("reach: 10 accounts, 200 roles, 500 resources", |b| {
        b.iter(|| black_box(access::reach(black_box(&scenario), &all)))
    });
    group.bench_function("findings: 10 accounts, 200 roles, 500 resources", |b| {
        b.iter(|| black_box(access::findings(black_box(&scenario))))
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
