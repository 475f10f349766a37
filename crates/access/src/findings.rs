//! External access findings in the manner of IAM Access Analyzer: each grant of a
//! resource's policy to a principal outside the resource's zone of trust (its account, or
//! the scenario's organization when the account is a member), public access (anyone),
//! and the lint's confused-deputy findings, each with the statement that causes it.

use crate::analysis::Analysis;
use crate::model::StatementRef;
use crate::reach::Routes;
use crate::scan;
use crate::targets::Target;
use crate::who::{zone, Who};
use iam::{Check, ConditionMatch, PolicyKind};
use serde::{Deserialize, Serialize};
use sim::{Code, Scenario};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingKind {
    /// A principal outside the zone of trust may act on the resource.
    ExternalAccess,
    /// Anyone may act on the resource.
    PublicAccess,
    /// A trust or resource policy lets a principal act for others without a condition
    /// naming whom it acts for (the lint's `CONFUSED_DEPUTY_*` checks).
    ConfusedDeputy,
}

/// One finding; in JSON `{"kind", "resource", "resourceType", "resourceOwnerAccount",
/// "principal", "actions", "conditions", "statements", "message"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// The resource's ARN.
    pub resource: String,
    /// Its type as Access Analyzer names it (`AWS::IAM::Role` …).
    pub resource_type: String,
    /// The account that owns it.
    pub resource_owner_account: String,
    /// Who has access: as [`crate::Reach::principal`] writes it; for a confused deputy,
    /// the principal as the policy names it.
    pub principal: String,
    /// The actions it may take (for a confused deputy, those the statement names).
    pub actions: Vec<String>,
    /// The condition entries that held when access was allowed.
    pub conditions: Vec<ConditionMatch>,
    /// The statements of the resource's policy that cause it.
    pub statements: Vec<StatementRef>,
    /// The finding in one sentence.
    pub message: String,
}

/// Every finding of `scenario`: external and public access resource by resource, then
/// the confused-deputy findings in the order of the lint.
pub fn findings(scenario: &Scenario) -> Vec<Finding> {
    let analysis = Analysis::new(scenario);
    let wanted = vec![true; analysis.targets.len()];
    let mut routes = Routes::new(&analysis, wanted);
    let mut out = Vec::new();
    for (index, who) in analysis.world.whos.iter().enumerate() {
        for group in routes.direct(index) {
            let Some(target) = analysis.targets.get(group.target) else {
                continue;
            };
            if !who.is_external(scenario, &target.account) {
                continue;
            }
            let mut finding = Finding {
                kind: match who {
                    Who::Anyone => FindingKind::PublicAccess,
                    _ => FindingKind::ExternalAccess,
                },
                resource: target.arn.clone(),
                resource_type: target.kind.resource_type().into(),
                resource_owner_account: target.account.clone(),
                principal: who.label(),
                actions: Vec::new(),
                conditions: Vec::new(),
                statements: Vec::new(),
                message: String::new(),
            };
            for (action, grant) in &group.grants {
                finding.actions.push(action.clone());
                for statement in &grant.statements {
                    if statement.kind.is_resource_based() && !finding.statements.contains(statement)
                    {
                        finding.statements.push(statement.clone());
                    }
                }
                for condition in &grant.conditions {
                    let on_resource = finding
                        .statements
                        .iter()
                        .any(|s| condition.pointer.starts_with(&format!("{}/", s.pointer)));
                    if on_resource && !finding.conditions.contains(condition) {
                        finding.conditions.push(condition.clone());
                    }
                }
            }
            finding.message = access_message(scenario, &finding);
            out.push(finding);
        }
    }
    out.sort_by_key(|f| {
        analysis
            .targets
            .iter()
            .position(|t| t.arn == f.resource)
            .unwrap_or(usize::MAX)
    });
    out.extend(confused_deputies(scenario, &analysis.targets));
    out
}

fn access_message(scenario: &Scenario, finding: &Finding) -> String {
    let who = match finding.kind {
        FindingKind::PublicAccess => "Anyone".to_string(),
        _ => format!(
            "{}, outside the zone of trust ({}),",
            finding.principal,
            zone(scenario, &finding.resource_owner_account)
        ),
    };
    let mut message = format!(
        "{who} may {} on {}",
        finding.actions.join(", "),
        finding.resource
    );
    if !finding.conditions.is_empty() {
        let conditions: Vec<String> = finding
            .conditions
            .iter()
            .map(|c| format!("{} {} {:?}", c.key, c.operator, c.policy_values.join(", ")))
            .collect();
        message.push_str(&format!(" when {}", conditions.join(" and ")));
    }
    message
}

/// The lint's confused-deputy findings on the scenario's trust and resource policies.
fn confused_deputies(scenario: &Scenario, targets: &[Target]) -> Vec<Finding> {
    let document = scenario.document();
    sim::validate_value(document)
        .into_iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::Lint(
                    Check::ConfusedDeputyAnyPrincipal
                        | Check::ConfusedDeputyServicePrincipal
                        | Check::ConfusedDeputyCrossAccount
                )
            )
        })
        .filter_map(|d| {
            let (target, policy) = targets.iter().find_map(|t| {
                let policy = t.policy?;
                d.pointer
                    .starts_with(&format!("{}/", policy.pointer))
                    .then_some((t, policy))
            })?;
            let rest = d.pointer.get(policy.pointer.len()..)?;
            let statement = statement_pointer(&policy.pointer, rest);
            let actions = document
                .pointer(&statement)
                .and_then(|s| s.get("Action"))
                .map(|a| scan::strings(a).into_iter().map(str::to_string).collect())
                .unwrap_or_default();
            let principal = match document.pointer(&d.pointer) {
                Some(serde_json::Value::String(s)) => s.clone(),
                _ => "*".into(),
            };
            Some(Finding {
                kind: FindingKind::ConfusedDeputy,
                resource: target.arn.clone(),
                resource_type: target.kind.resource_type().into(),
                resource_owner_account: target.account.clone(),
                principal,
                actions,
                conditions: Vec::new(),
                statements: vec![StatementRef {
                    kind: match target.role {
                        Some(_) => PolicyKind::Trust,
                        None => PolicyKind::Resource,
                    },
                    policy: policy.name.clone(),
                    pointer: statement,
                }],
                message: d.message,
            })
        })
        .collect()
}

/// The pointer of the statement that `rest` (a pointer under the policy) is in.
fn statement_pointer(policy: &str, rest: &str) -> String {
    let mut parts = rest.split('/').skip(1);
    match (parts.next(), parts.next()) {
        (Some("Statement"), Some(index)) if index.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{policy}/Statement/{index}")
        }
        _ => format!("{policy}/Statement"),
    }
}
