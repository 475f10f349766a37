//! Finding the question's resource in the scenario by its ARN: the account that owns it and
//! its policy (a role's trust policy for the actions it governs; the resource-based policy
//! of a secret, table, function, queue, topic or bucket).

use super::error::SimulateError;
use crate::arn::{self, is_account_id, Arn};
use crate::identity::Principal;
use crate::integration::Service;
use crate::scenario::{NamedPolicy, Scenario};

/// The resource as IAM sees it.
pub(super) struct Target<'s> {
    /// Its ARN: as given, or a secret's full ARN (with the six characters AWS appends)
    /// for a partial one, as Secrets Manager authorizes it.
    pub(super) arn: String,
    /// The account that owns it.
    pub(super) account: String,
    /// Its policy in the scenario, if it has one.
    pub(super) policy: Option<&'s NamedPolicy>,
    /// What that policy is called; `None` for types without one.
    pub(super) noun: Option<&'static str>,
    /// The policy is a role's trust policy.
    pub(super) trust: bool,
    /// For a role: its account and name.
    pub(super) role: Option<(String, String)>,
}

/// The resource `text` names, asked for with `action` by `principal`.
pub(super) fn locate<'s>(
    scenario: &'s Scenario,
    text: &str,
    action: &str,
    principal: &Principal,
) -> Result<Target<'s>, SimulateError> {
    let caller_account = match principal {
        Principal::Session(s) => s.account.as_str(),
        Principal::Service(_) | Principal::Anonymous => "",
    };
    let mut target = Target {
        arn: text.to_string(),
        account: caller_account.to_string(),
        policy: None,
        noun: Some("resource-based policy"),
        trust: false,
        role: None,
    };
    if text == "*" {
        target.noun = None;
        return Ok(target);
    }
    let Some(arn) = Arn::parse(text).filter(|a| !a.resource.is_empty()) else {
        return Err(SimulateError::NotAResource(text.to_string()));
    };
    match arn.account {
        "" => {}
        account if is_account_id(account) => target.account = account.to_string(),
        _ => return Err(SimulateError::ResourceAccount(text.to_string())),
    }
    let region = &scenario.region;
    let account = scenario.account(&target.account);
    // The name after `kind` up to the first of `ends`.
    let named = |kind: &str, ends: &[char]| {
        arn.resource_named(kind)
            .map(|n| n.split(ends).next().unwrap_or(n))
    };
    let service = match arn.service {
        "iam" => {
            let Some(role) = named("role", &[]).map(|n| n.rsplit('/').next().unwrap_or(n)) else {
                target.noun = None;
                return Ok(target);
            };
            target.role = Some((target.account.clone(), role.to_string()));
            if iam::ResourcePolicyKind::infer(action, text) != iam::ResourcePolicyKind::Trust {
                target.noun = None;
                return Ok(target);
            }
            target.trust = true;
            target.policy = scenario
                .role(&target.account, role)
                .map(|r| &r.trust_policy);
            Service::Sts
        }
        "secretsmanager" => {
            let found = named("secret", &[]).and_then(|written| {
                let name = arn::secret_name(region, &target.account, text, written);
                account?.secrets.get_key_value(name)
            });
            if let Some((name, secret)) = found {
                target.arn = arn::secret(region, &target.account, name);
                target.policy = secret.resource_policy.as_ref();
            }
            Service::SecretsManager
        }
        "dynamodb" => {
            target.policy = named("table", &['/'])
                .and_then(|name| account?.dynamodb_tables.get(name)?.resource_policy.as_ref());
            Service::DynamoDb
        }
        "lambda" => {
            target.policy = named("function", &[':']).and_then(|name| {
                account?
                    .lambda_functions
                    .get(name)?
                    .resource_policy
                    .as_ref()
            });
            Service::Lambda
        }
        "sqs" => {
            target.policy =
                account.and_then(|a| a.sqs_queues.get(arn.resource)?.resource_policy.as_ref());
            Service::Sqs
        }
        "sns" => {
            target.policy =
                account.and_then(|a| a.sns_topics.get(arn.resource)?.resource_policy.as_ref());
            Service::Sns
        }
        "s3" => {
            let bucket = arn.resource.split('/').next().unwrap_or(arn.resource);
            if let Some((owner, b)) = scenario
                .accounts
                .iter()
                .find_map(|(id, a)| a.s3_buckets.get(bucket).map(|b| (id, b)))
            {
                target.account = owner.clone();
                target.policy = b.resource_policy.as_ref();
            }
            Service::S3
        }
        "ssm" => Service::Ssm,
        "states" => Service::StepFunctions,
        "events" => Service::Events,
        "execute-api" => {
            let id = arn.resource.split('/').next().unwrap_or(arn.resource);
            target.policy = account.and_then(|a| a.rest_apis.get(id)?.resource_policy.as_ref());
            Service::ApiGateway
        }
        "kms" => {
            target.policy =
                named("key", &[]).and_then(|id| Some(&account?.kms_keys.get(id)?.key_policy));
            Service::Kms
        }
        _ => return Ok(target),
    };
    target.noun = service.policy_noun();
    Ok(target)
}
