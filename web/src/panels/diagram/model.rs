//! Who called whom in a run, account by account: the state machines, the roles their
//! executions ran as, the roles they assumed and the resources they called, each call an
//! edge that is allowed or denied.

use sim::{CallRecord, Principal, Report};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    StateMachine,
    Role,
    Resource,
}

/// A box in an account's column.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// `role:ACCOUNT:NAME`, `sm:ACCOUNT:NAME` or `res:ACCOUNT:NOUN:NAME`: the same for a role
    /// whether it calls or is assumed.
    pub key: String,
    pub kind: NodeKind,
    /// What it is, as the box's caption says: `role`, `secret`, `KMS key` … (empty for a
    /// principal or resource of a kind the diagram does not name).
    pub noun: &'static str,
    /// Its name: `TrustingAccountRl`, `CachedSecret-a1b2c3`, a bucket's name …
    pub name: String,
    pub account: String,
}

impl Node {
    /// The node as the hop list and its tooltip name it: `role TrustingAccountRl`.
    pub fn label(&self) -> String {
        match self.noun {
            "" => self.name.clone(),
            noun => format!("{noun} {}", self.name),
        }
    }
}

/// One or more calls of the same action by the same caller on the same resource.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// `sts:AssumeRole` …
    pub action: String,
    /// Whether every call was allowed.
    pub allowed: bool,
    /// The first denied call (else the first call): an index into the report's calls.
    pub call: usize,
    /// Whether the edge crosses from one account to another.
    pub crosses: bool,
    /// How many calls it stands for (the objects of one bucket share their bucket's edge).
    pub calls: usize,
}

/// The run as a diagram: accounts (in the scenario's order) with their nodes, and the edges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    pub accounts: Vec<String>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The part of an ARN after the account: `role/Name`, `stateMachine:Name`, `secret:Name-abc` ….
fn arn_tail(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    let service = parts.nth(2)?;
    let rest = parts.nth(2)?;
    Some(if service.is_empty() { arn } else { rest })
}

/// The account of an ARN (`None` for a service principal or an ARN without one).
fn arn_account(arn: &str) -> Option<&str> {
    arn.strip_prefix("arn:")?
        .split(':')
        .nth(3)
        .filter(|a| !a.is_empty())
}

/// The node of a call's resource: a role, state machine or resource by its kind and name;
/// an S3 object is drawn as its bucket (the bucket's policy is the one that decides).
fn resource_node(arn: &str, account: &str) -> Node {
    let tail = arn_tail(arn).unwrap_or(arn);
    let service = arn.split(':').nth(2).unwrap_or_default();
    let resource = |noun, name| (NodeKind::Resource, noun, name);
    let (kind, noun, name) = match service {
        "s3" => resource("bucket", before(tail, '/')),
        "kms" => match (tail.strip_prefix("key/"), tail.strip_prefix("alias/")) {
            (Some(id), _) => resource("KMS key", id),
            (_, Some(alias)) => resource("KMS alias", alias),
            _ => resource("", tail),
        },
        "execute-api" => resource("API method", tail),
        "sns" => resource("topic", tail),
        "sqs" => resource("queue", tail),
        _ => {
            if let Some(name) = tail.strip_prefix("role/") {
                (
                    NodeKind::Role,
                    "role",
                    name.rsplit('/').next().unwrap_or(name),
                )
            } else if let Some(name) = tail.strip_prefix("stateMachine:") {
                (NodeKind::StateMachine, "state machine", before(name, ':'))
            } else if let Some(name) = tail.strip_prefix("parameter/") {
                resource("parameter", name)
            } else if let Some(name) = tail.strip_prefix("secret:") {
                resource("secret", name)
            } else if let Some(name) = tail.strip_prefix("table/") {
                resource("table", before(name, '/'))
            } else if let Some(name) = tail.strip_prefix("function:") {
                resource("function", before(name, ':'))
            } else if let Some(name) = tail.strip_prefix("rule/") {
                resource("rule", name)
            } else {
                resource("", tail)
            }
        }
    };
    let key = match kind {
        NodeKind::Role => format!("role:{account}:{name}"),
        NodeKind::StateMachine => format!("sm:{account}:{name}"),
        NodeKind::Resource => format!("res:{account}:{noun}:{name}"),
    };
    Node {
        key,
        kind,
        noun,
        name: name.to_string(),
        account: account.to_string(),
    }
}

/// `name` up to the first `sep` (all of it when there is none).
fn before(name: &str, sep: char) -> &str {
    name.split(sep).next().unwrap_or(name)
}

/// The node of a principal without an account (a service principal such as
/// `states.amazonaws.com`, or `*`), drawn in `account`: the account of what it acts on.
fn principal_node(principal: String, account: String) -> Node {
    Node {
        key: format!("svc:{principal}"),
        kind: NodeKind::Resource,
        noun: match principal.ends_with(".amazonaws.com") {
            true => "service",
            false => "",
        },
        name: principal,
        account,
    }
}

/// The node of a call's caller: a role session's role, or for Step Functions assuming an
/// execution role, the state machine of that execution.
fn caller_node(call: &CallRecord, report: &Report) -> Node {
    match &call.caller {
        Principal::Session(s) => Node {
            key: format!("role:{}:{}", s.account, s.role),
            kind: NodeKind::Role,
            noun: "role",
            name: s.role.clone(),
            account: s.account.clone(),
        },
        service @ (Principal::Service(_) | Principal::Anonymous) => {
            match report.executions.get(call.execution) {
                Some(e) => Node {
                    key: format!("sm:{}:{}", e.account, e.state_machine),
                    kind: NodeKind::StateMachine,
                    noun: "state machine",
                    name: e.state_machine.clone(),
                    account: e.account.clone(),
                },
                None => principal_node(service.arn(), call.resource_account.clone()),
            }
        }
    }
}

impl Diagram {
    /// The diagram of `report`'s calls; `accounts` gives the column order (accounts of the
    /// run that are not in it follow).
    pub fn of(report: &Report, accounts: &[String]) -> Diagram {
        let mut d = Diagram {
            accounts: accounts.to_vec(),
            ..Diagram::default()
        };
        for (index, call) in report.calls.iter().enumerate() {
            let from = d.node(caller_node(call, report));
            let to = d.node(resource_node(&call.resource, &call.resource_account));
            let allowed = call.decision.allowed();
            match d
                .edges
                .iter_mut()
                .find(|e| e.from == from && e.to == to && e.action == call.action)
            {
                Some(edge) => {
                    if edge.allowed && !allowed {
                        edge.call = index;
                    }
                    edge.allowed &= allowed;
                    edge.calls += 1;
                }
                None => {
                    let crosses = d.nodes[from].account != d.nodes[to].account;
                    d.edges.push(Edge {
                        from,
                        to,
                        action: call.action.to_string(),
                        allowed,
                        call: index,
                        crosses,
                        calls: 1,
                    });
                }
            }
        }
        d.accounts
            .retain(|a| d.nodes.iter().any(|n| &n.account == a));
        d
    }

    /// The diagram of access paths: each `(principal, action, resource)` hop an allowed edge
    /// whose `call` is the hop's index. A principal is a role ARN, a service principal or an
    /// account's root; a service principal sits in the account of what it acts on.
    pub fn of_hops(hops: &[(String, String, String)], accounts: &[String]) -> Diagram {
        let mut d = Diagram {
            accounts: accounts.to_vec(),
            ..Diagram::default()
        };
        for (index, (principal, action, resource)) in hops.iter().enumerate() {
            let resource_account = arn_account(resource).unwrap_or_default();
            let from = match arn_account(principal) {
                Some(account) => d.node(resource_node(principal, account)),
                None => d.node(principal_node(
                    principal.clone(),
                    resource_account.to_string(),
                )),
            };
            let to = d.node(resource_node(resource, resource_account));
            if d.edges
                .iter()
                .any(|e| e.from == from && e.to == to && &e.action == action)
            {
                continue;
            }
            let crosses = d.nodes[from].account != d.nodes[to].account;
            d.edges.push(Edge {
                from,
                to,
                action: action.clone(),
                allowed: true,
                call: index,
                crosses,
                calls: 1,
            });
        }
        d.accounts
            .retain(|a| d.nodes.iter().any(|n| &n.account == a));
        d
    }

    fn node(&mut self, node: Node) -> usize {
        if let Some(i) = self.nodes.iter().position(|n| n.key == node.key) {
            return i;
        }
        if !self.accounts.contains(&node.account) {
            self.accounts.push(node.account.clone());
        }
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// The nodes of an account, in the order the run met them.
    pub fn column(&self, account: &str) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].account == account)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(preset: &str) -> Report {
        let text = sim::preset(preset).expect("preset").text;
        let doc: serde_json::Value = serde_json::from_str(text).expect("json");
        sim::run(&sim::Scenario::from_value(&doc).expect("valid"))
    }

    fn accounts() -> Vec<String> {
        vec!["111111111111".into(), "222222222222".into()]
    }

    fn edge<'d>(d: &'d Diagram, from: &str, action: &str, to: &str) -> &'d Edge {
        d.edges
            .iter()
            .find(|e| d.nodes[e.from].key == from && d.nodes[e.to].key == to && e.action == action)
            .unwrap_or_else(|| panic!("no edge {from} -{action}-> {to} in {:#?}", d.edges))
    }

    #[test]
    fn the_seed_crosses_from_role_to_role_and_all_is_green() {
        let d = Diagram::of(&run("cross-account-secret-cache"), &accounts());
        let hop = edge(
            &d,
            "role:111111111111:TrustedAccountRl",
            "sts:AssumeRole",
            "role:222222222222:TrustingAccountRl",
        );
        assert!(hop.allowed && hop.crosses);
        edge(
            &d,
            "sm:111111111111:SecretCacheConsumerWfw",
            "sts:AssumeRole",
            "role:111111111111:TrustedAccountRl",
        );
        edge(
            &d,
            "role:222222222222:TrustingAccountRl",
            "states:StartSyncExecution",
            "sm:222222222222:SecretCacheWfw",
        );
        assert!(d.edges.iter().all(|e| e.allowed));
        assert_eq!(d.accounts, accounts());
    }

    #[test]
    fn access_hops_draw_a_role_chain_across_accounts() {
        let hop = |p: &str, a: &str, r: &str| (p.to_string(), a.to_string(), r.to_string());
        let d = Diagram::of_hops(
            &[
                hop(
                    "arn:aws:iam::111111111111:role/TrustedAccountRl",
                    "sts:AssumeRole",
                    "arn:aws:iam::222222222222:role/TrustingAccountRl",
                ),
                hop(
                    "arn:aws:iam::222222222222:role/TrustingAccountRl",
                    "states:StartSyncExecution",
                    "arn:aws:states:us-east-1:222222222222:stateMachine:SecretCacheWfw",
                ),
                hop(
                    "states.amazonaws.com",
                    "sts:AssumeRole",
                    "arn:aws:iam::111111111111:role/TrustedAccountRl",
                ),
            ],
            &accounts(),
        );
        let first = edge(
            &d,
            "role:111111111111:TrustedAccountRl",
            "sts:AssumeRole",
            "role:222222222222:TrustingAccountRl",
        );
        assert!(first.crosses && first.call == 0);
        let service = edge(
            &d,
            "svc:states.amazonaws.com",
            "sts:AssumeRole",
            "role:111111111111:TrustedAccountRl",
        );
        assert!(!service.crosses && service.call == 2);
        let principal = &d.nodes[service.from];
        assert_eq!(principal.label(), "service states.amazonaws.com");
        assert_eq!(d.accounts, accounts());
    }

    #[test]
    fn resources_are_named_by_their_kind_and_an_object_by_its_bucket() {
        let d = Diagram::of(&run("distributed-map-cross-account-bucket"), &accounts());
        let node = |key: &str| d.nodes.iter().find(|n| n.key == key).expect(key);
        let read = edge(
            &d,
            "role:111111111111:CsvFanOutRl",
            "s3:GetObject",
            "res:222222222222:bucket:orders-shared-222222222222",
        );
        assert!(read.crosses && read.calls == 1);
        // ResultWriter's two objects (SUCCEEDED_0.json and manifest.json): one bucket, one edge.
        let written = edge(
            &d,
            "role:111111111111:CsvFanOutRl",
            "s3:PutObject",
            "res:111111111111:bucket:fanout-results-111111111111",
        );
        assert_eq!(written.calls, 2);
        let bucket = node("res:111111111111:bucket:fanout-results-111111111111");
        assert_eq!(bucket.label(), "bucket fanout-results-111111111111");

        let d = Diagram::of(&run("kms-key-policy-missing-account"), &accounts());
        let key = "res:222222222222:KMS key:1234abcd-12ab-34cd-56ef-1234567890ab";
        assert!(!edge(&d, "role:111111111111:SecretReaderRl", "kms:Decrypt", key).allowed);
        let d = Diagram::of(&run("api-gateway-cross-account"), &accounts());
        let api = "res:222222222222:API method:ordersapi1/prod/POST/orders";
        assert!(
            edge(
                &d,
                "role:111111111111:OrderClientRl",
                "execute-api:Invoke",
                api
            )
            .allowed
        );
    }

    #[test]
    fn a_wrong_external_id_makes_the_crossing_red_and_points_at_the_denied_call() {
        let report = run("wrong-external-id");
        let d = Diagram::of(&report, &accounts());
        let hop = edge(
            &d,
            "role:111111111111:TrustedAccountRl",
            "sts:AssumeRole",
            "role:222222222222:TrustingAccountRl",
        );
        assert!(!hop.allowed);
        assert!(!report.calls[hop.call].decision.allowed());
    }
}
