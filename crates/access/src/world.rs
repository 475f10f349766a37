//! The world the analysis asks in: the scenario's principals and the outsiders its
//! policies admit, and one question decided by the simulator's own authorization
//! (`sim::decide_question`). An outsider's own account is not in the scenario, so its
//! identity side is taken to allow everything (its administrators may grant it anything);
//! what decides is then the resource's side, as Access Analyzer assumes.

use crate::model::{Hop, StatementRef};
use crate::scan::{self, Named};
use crate::targets::Target;
use crate::who::{role_arn, Who};
use iam::{ConditionMatch, NamedPolicy, Policy, PolicyKind};
use serde_json::{json, Map, Value};
use sim::scenario::Role;
use sim::{Question, Scenario};

/// The role name an outsider acts as, in its synthetic account.
const OUTSIDER_ROLE: &str = "AnyPrincipal";

/// What allowed an action: the deciding statements and the conditions that held.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub(crate) statements: Vec<StatementRef>,
    pub(crate) conditions: Vec<ConditionMatch>,
}

impl Grant {
    /// The step `who` takes with `action` on `resource`.
    pub(crate) fn hop(&self, who: &str, action: &str, resource: &str) -> Hop {
        Hop {
            principal: who.to_string(),
            action: action.to_string(),
            resource: resource.to_string(),
            conditions: self.conditions.clone(),
            statements: self.statements.clone(),
        }
    }
}

/// The scenario, the principals to ask for, and the scenario as the evaluator sees it
/// with the outsiders' accounts added.
pub(crate) struct World<'s> {
    pub(crate) scenario: &'s Scenario,
    /// The scenario's roles first (account by account), then service principals, then
    /// outsiders, each once.
    pub(crate) whos: Vec<Who>,
    asked: Scenario,
    /// An account in neither the scenario, its organization nor any policy: where
    /// "anyone" and members of other organizations act from.
    nowhere: String,
}

impl<'s> World<'s> {
    /// The principals of `scenario`: its roles, and those its trust and resource policies
    /// name or admit.
    pub(crate) fn new(scenario: &'s Scenario, targets: &[Target]) -> World<'s> {
        let document = scenario.document();
        let mut whos: Vec<Who> = Vec::new();
        for (account, a) in &scenario.accounts {
            for name in a.roles.keys() {
                whos.push(Who::Role {
                    account: account.clone(),
                    name: name.clone(),
                });
            }
        }
        let mut services = Vec::new();
        let mut outsiders = Vec::new();
        let mut mentioned: Vec<String> = Vec::new();
        let inside = |account: &str| scenario.accounts.contains_key(account);
        for policy in targets.iter().filter_map(|t| t.policy) {
            let Some(doc) = document.pointer(&policy.pointer) else {
                continue;
            };
            for named in scan::named_principals(doc) {
                let who = match named {
                    Named::Anyone => Who::Anyone,
                    Named::Service(s) => {
                        if !services.contains(&Who::Service(s.clone())) {
                            services.push(Who::Service(s));
                        }
                        continue;
                    }
                    Named::Account(a) if inside(&a) => continue,
                    Named::Account(a) => Who::Account(a),
                    Named::Role(a, _) if inside(&a) => continue,
                    Named::Role(account, name) => Who::OutsideRole { account, name },
                    Named::Organization(o) => {
                        if scenario
                            .organization
                            .as_ref()
                            .is_some_and(|org| org.id == o)
                        {
                            continue;
                        }
                        Who::Organization(o)
                    }
                };
                if let Some(a) = who.account() {
                    mentioned.push(a.to_string());
                }
                if !outsiders.contains(&who) {
                    outsiders.push(who);
                }
            }
        }
        // Members of the scenario's organization that it does not model: any principal
        // of each may act (its SCPs apply).
        if let Some(org) = &scenario.organization {
            for account in org.accounts.iter().filter(|a| !inside(a)) {
                let who = Who::Account(account.clone());
                mentioned.push(account.clone());
                if !outsiders.contains(&who) {
                    outsiders.push(who);
                }
            }
        }
        services.sort_by_key(Who::label);
        whos.extend(services);
        whos.extend(outsiders);
        let nowhere = (0..)
            .map(|n: u64| format!("{:012}", 999_999_999_999 - n))
            .find(|a| !inside(a) && !mentioned.contains(a))
            .unwrap_or_default();
        let asked = with_outsiders(scenario, &whos, &nowhere);
        World {
            scenario,
            whos,
            asked,
            nowhere,
        }
    }

    /// What allows `who` to take `action` on `target`, or `None` when it is denied.
    pub(crate) fn ask(&self, who: &Who, action: &str, target: &Target) -> Option<Grant> {
        let (principal, mut context) = match who {
            Who::Role { account, name } | Who::OutsideRole { account, name } => {
                (role_arn(account, name), Map::new())
            }
            Who::Service(name) => (name.clone(), Map::new()),
            Who::Account(account) => (role_arn(account, OUTSIDER_ROLE), Map::new()),
            Who::Organization(org) => {
                let mut context = Map::new();
                context.insert("aws:PrincipalOrgID".into(), Value::String(org.clone()));
                (role_arn(&self.nowhere, OUTSIDER_ROLE), context)
            }
            Who::Anyone => (role_arn(&self.nowhere, OUTSIDER_ROLE), Map::new()),
        };
        let mut question = Question {
            principal,
            action: action.to_string(),
            resource: target.arn.clone(),
            context: context.clone(),
        };
        if let Some(grant) = self.grant(who, &question) {
            return Some(grant);
        }
        // An outsider sends whatever sts:ExternalId it was given: one the trust policy
        // expects, if it knows it.
        if !who.is_outsider() || !action.eq_ignore_ascii_case("sts:AssumeRole") {
            return None;
        }
        let doc = target
            .policy
            .and_then(|p| self.scenario.document().pointer(&p.pointer))?;
        scan::external_ids(doc).into_iter().find_map(|id| {
            context.insert("sts:ExternalId".into(), Value::String(id));
            question.context = context.clone();
            self.grant(who, &question)
        })
    }

    fn grant(&self, who: &Who, question: &Question) -> Option<Grant> {
        let verdict = sim::decide_question(&self.asked, question).ok()?;
        if !verdict.allowed() {
            return None;
        }
        let explanation = verdict.explanation?;
        let mut grant = Grant {
            statements: Vec::new(),
            conditions: Vec::new(),
        };
        for deciding in explanation.deciding_statements {
            // An outsider's identity policy is the analysis' assumption, not the
            // scenario's.
            if who.is_outsider() && deciding.policy_kind == PolicyKind::Identity {
                continue;
            }
            grant
                .conditions
                .extend(deciding.statement.matched_conditions);
            grant.statements.push(StatementRef {
                kind: deciding.policy_kind,
                policy: deciding.policy_name,
                pointer: deciding.statement.pointer,
            });
        }
        Some(grant)
    }
}

/// `scenario` with a role for each outsider in its account (the outsider's own, or
/// `nowhere`), whose identity policy allows everything; the organization's members stay
/// as they are.
fn with_outsiders(scenario: &Scenario, whos: &[Who], nowhere: &str) -> Scenario {
    let mut asked = scenario.clone();
    let (Ok(allow_all), Ok(trusts_none)) = (
        Policy::from_value(&json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"}]})),
        Policy::from_value(&json!({"Version": "2012-10-17", "Statement": []})),
    ) else {
        return asked;
    };
    let role = Role {
        trust_policy: NamedPolicy {
            name: "OutsiderTrust".into(),
            policy: trusts_none,
            pointer: String::new(),
        },
        policies: vec![NamedPolicy {
            name: "OutsiderIdentity".into(),
            policy: allow_all,
            pointer: String::new(),
        }],
        managed_policies: Vec::new(),
        permissions_boundary: None,
        tags: Vec::new(),
    };
    for who in whos.iter().filter(|w| w.is_outsider()) {
        let (account, name) = match who {
            Who::OutsideRole { account, name } => (account.as_str(), name.as_str()),
            Who::Account(account) => (account.as_str(), OUTSIDER_ROLE),
            _ => (nowhere, OUTSIDER_ROLE),
        };
        asked
            .accounts
            .entry(account.to_string())
            .or_default()
            .roles
            .insert(name.to_string(), role.clone());
    }
    asked
}
