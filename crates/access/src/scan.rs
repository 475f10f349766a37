//! Reading policy documents for what the analysis needs before it asks the evaluator:
//! which actions and resources an `Allow` statement could match (a superset: conditions
//! and principals are left to the evaluator), the principals a policy names, and the
//! `sts:ExternalId` values it expects.

use crate::who::Who;
use serde_json::Value;
use wildcard::{Pattern, Syntax};

/// IAM's wildcards: `*` and `?`, no escapes.
const IAM: Syntax = Syntax {
    any_char: true,
    escapes: false,
};

/// Which values an element matches.
enum Match {
    /// Anything (absent, `NotResource`, or a pattern with a policy variable).
    Any,
    /// Any of the patterns, or with `not` none of them.
    Patterns { patterns: Vec<Pattern>, not: bool },
}

impl Match {
    fn matches(&self, text: &str) -> bool {
        match self {
            Match::Any => true,
            Match::Patterns { patterns, not } => patterns.iter().any(|p| p.matches(text)) != *not,
        }
    }
}

/// Whom a statement's `Principal` could admit.
enum Admits {
    /// Anyone (`"*"`, `NotPrincipal`, or no principal: an identity policy).
    Any,
    /// The `AWS` and `Service` entries.
    Listed {
        aws: Vec<String>,
        services: Vec<String>,
    },
}

impl Admits {
    fn of(statement: &Value) -> Admits {
        match statement.get("Principal") {
            Some(Value::Object(map)) => Admits::Listed {
                aws: map.get("AWS").map(owned).unwrap_or_default(),
                services: map.get("Service").map(owned).unwrap_or_default(),
            },
            Some(Value::String(s)) if s != "*" => Admits::Listed {
                aws: Vec::new(),
                services: Vec::new(),
            },
            _ => Admits::Any,
        }
    }

    /// Whether `who` could be one of the principals admitted (a superset).
    fn admits(&self, who: &Who) -> bool {
        let Admits::Listed { aws, services } = self else {
            return true;
        };
        match who {
            Who::Service(s) => services.iter().any(|x| x == s),
            _ => aws.iter().any(|p| p == "*" || aws_admits(p, who)),
        }
    }
}

fn owned(value: &Value) -> Vec<String> {
    strings(value).into_iter().map(str::to_string).collect()
}

/// Whether the `AWS` principal `p` could admit `who`: its account, or a role or session
/// of it by name; an entry that is not an ARN of IAM or STS admits anyone it may.
fn aws_admits(p: &str, who: &Who) -> bool {
    let Some(account) = who.account() else {
        return false;
    };
    if is_account_id(p) {
        return p == account;
    }
    let Some(rest) = p.strip_prefix("arn:") else {
        return true;
    };
    let fields: Vec<&str> = rest.splitn(5, ':').collect();
    let [_, service, _, arn_account, resource] = fields.as_slice() else {
        return true;
    };
    if *arn_account != account {
        return false;
    }
    let role = match who {
        Who::Role { name, .. } | Who::OutsideRole { name, .. } => name.as_str(),
        _ => return true,
    };
    match (*service, resource.split_once('/')) {
        (_, None) => *resource == "root",
        ("iam", Some(("role", path))) => path.rsplit('/').next() == Some(role),
        ("sts", Some(("assumed-role", session))) => session.split('/').next() == Some(role),
        _ => false,
    }
}

/// The `Allow` statements of some policies, as principal, action and resource matchers.
#[derive(Default)]
pub(crate) struct Allows {
    statements: Vec<(Admits, Match, Match)>,
}

impl Allows {
    /// Adds the `Allow` statements of `doc`.
    pub(crate) fn add(&mut self, doc: &Value) {
        for statement in statements(doc) {
            if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
                continue;
            }
            let actions = match (statement.get("Action"), statement.get("NotAction")) {
                (Some(a), _) => patterns(a, true, false),
                (None, Some(a)) => patterns(a, true, true),
                (None, None) => continue,
            };
            let resources = match statement.get("Resource") {
                Some(r) if !strings(r).iter().any(|s| s.contains("${")) => {
                    patterns(r, false, false)
                }
                _ => Match::Any,
            };
            self.statements
                .push((Admits::of(statement), actions, resources));
        }
    }

    /// The statements that could admit `who` on `resource`, left to match actions (the
    /// resource and principal are matched once for all of a resource's actions).
    pub(crate) fn on(&self, who: &Who, resource: &str) -> Narrowed<'_> {
        Narrowed {
            actions: self
                .statements
                .iter()
                .filter(|(p, _, r)| r.matches(resource) && p.admits(who))
                .map(|(_, a, _)| a)
                .collect(),
        }
    }
}

/// The action matchers of the statements [`Allows::on`] kept.
pub(crate) struct Narrowed<'a> {
    actions: Vec<&'a Match>,
}

impl Narrowed<'_> {
    /// Whether no statement is left: nothing on the resource could be allowed.
    pub(crate) fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Whether some statement could allow `action` (lower case).
    pub(crate) fn could_allow(&self, action: &str) -> bool {
        self.actions.iter().any(|a| a.matches(action))
    }
}

fn patterns(value: &Value, fold: bool, not: bool) -> Match {
    let patterns = strings(value)
        .into_iter()
        .map(|s| match fold {
            true => Pattern::parse(&s.to_ascii_lowercase(), IAM),
            false => Pattern::parse(s, IAM),
        })
        .collect();
    Match::Patterns { patterns, not }
}

/// The statements of a policy document (one object or an array).
pub(crate) fn statements(doc: &Value) -> Vec<&Value> {
    match doc.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    }
}

/// The strings of a string-or-array element.
pub(crate) fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A principal a policy names or admits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Named {
    /// `"*"` or `{"AWS": "*"}`.
    Anyone,
    /// An account id or its root ARN.
    Account(String),
    /// A role ARN: its account and name.
    Role(String, String),
    /// A service principal.
    Service(String),
    /// An organization an `aws:PrincipalOrgID` condition names.
    Organization(String),
}

/// The principals the `Allow` statements of `doc` name (in `Principal`, and in
/// `aws:PrincipalOrgID` and `aws:PrincipalAccount` conditions), in order.
pub(crate) fn named_principals(doc: &Value) -> Vec<Named> {
    let mut out = Vec::new();
    for statement in statements(doc) {
        if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        match statement.get("Principal") {
            Some(Value::String(s)) if s == "*" => out.push(Named::Anyone),
            Some(Value::Object(map)) => {
                for aws in map.get("AWS").map(strings).unwrap_or_default() {
                    out.extend(aws_principal(aws));
                }
                for service in map.get("Service").map(strings).unwrap_or_default() {
                    out.push(Named::Service(service.to_string()));
                }
            }
            _ => {}
        }
        for (key, value) in condition_values(statement) {
            if key.eq_ignore_ascii_case("aws:PrincipalOrgID") {
                out.push(Named::Organization(value.to_string()));
            } else if key.eq_ignore_ascii_case("aws:PrincipalAccount") {
                out.push(Named::Account(value.to_string()));
            }
        }
    }
    out
}

fn aws_principal(text: &str) -> Option<Named> {
    if text == "*" {
        return Some(Named::Anyone);
    }
    if is_account_id(text) {
        return Some(Named::Account(text.to_string()));
    }
    let rest = text.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let (_, service, _, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if service != "iam" || !is_account_id(account) {
        return None;
    }
    if resource == "root" {
        return Some(Named::Account(account.to_string()));
    }
    let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
    (!name.is_empty() && !name.contains('*'))
        .then(|| Named::Role(account.to_string(), name.to_string()))
}

/// Whether `text` is a 12-digit account id.
pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Every (key, value) of a statement's `Condition`, values without wildcards.
fn condition_values(statement: &Value) -> Vec<(&str, &str)> {
    let Some(Value::Object(operators)) = statement.get("Condition") else {
        return Vec::new();
    };
    operators
        .values()
        .filter_map(Value::as_object)
        .flat_map(|entries| entries.iter())
        .flat_map(|(key, values)| {
            strings(values)
                .into_iter()
                .filter(|v| !v.contains('*') && !v.contains('?'))
                .map(move |v| (key.as_str(), v))
        })
        .collect()
}

/// The `sts:ExternalId` values the `Allow` statements of `doc` name in conditions.
pub(crate) fn external_ids(doc: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for statement in statements(doc) {
        for (key, value) in condition_values(statement) {
            if key.eq_ignore_ascii_case("sts:ExternalId") && !out.iter().any(|v| v == value) {
                out.push(value.to_string());
            }
        }
    }
    out
}

/// What an `Allow` statement could allow, by its action element.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Allowed<'d> {
    /// An `Action` entry: an action or a pattern (`s3:Get*`).
    Action(&'d str),
    /// The entries of a `NotAction`: every action but those.
    NotAction(Vec<&'d str>),
}

impl Allowed<'_> {
    /// The same text for the same allowance, ignoring case.
    pub(crate) fn key(&self) -> String {
        match self {
            Allowed::Action(pattern) => pattern.to_ascii_lowercase(),
            Allowed::NotAction(patterns) => format!("!{}", patterns.join(" ").to_ascii_lowercase()),
        }
    }
}

/// The action elements of the `Allow` statements of `doc`, in order.
pub(crate) fn allowed_actions(doc: &Value) -> Vec<Allowed<'_>> {
    let mut out = Vec::new();
    for statement in statements(doc) {
        if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        match (statement.get("Action"), statement.get("NotAction")) {
            (Some(actions), _) => out.extend(strings(actions).into_iter().map(Allowed::Action)),
            (None, Some(actions)) => out.push(Allowed::NotAction(strings(actions))),
            (None, None) => {}
        }
    }
    out
}

/// Whether the IAM pattern `pattern` matches `text`, ignoring ASCII case (actions).
pub(crate) fn action_matches(pattern: &str, text: &str) -> bool {
    Pattern::parse(&pattern.to_ascii_lowercase(), IAM).matches(&text.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn allows_are_a_superset_of_what_the_statements_match() {
        let mut allows = Allows::default();
        allows.add(&json!({"Statement": [
            {"Effect": "Allow", "Action": "ssm:Get*", "Resource": "arn:aws:ssm:*:1:parameter/A"},
            {"Effect": "Deny", "Action": "*", "Resource": "*"},
            {"Effect": "Allow", "NotAction": ["s3:*", "ssm:*"], "Resource": "arn:aws:sqs:r:1:${aws:username}"}
        ]}));
        let who = Who::Anyone;
        let could = |action: &str, resource: &str| allows.on(&who, resource).could_allow(action);
        assert!(could("ssm:getparameter", "arn:aws:ssm:r:1:parameter/A"));
        assert!(!could("ssm:getparameter", "arn:aws:ssm:r:1:parameter/B"));
        assert!(!could("ssm:putparameter", "arn:aws:ssm:r:1:parameter/A"));
        assert!(could("sqs:sendmessage", "arn:aws:sqs:r:2:q"));
        assert!(!could("s3:getobject", "arn:aws:s3:::b/k"));
        // The NotAction statement's resource has a policy variable: it matches anything.
        assert!(!allows.on(&who, "arn:aws:s3:::b/k").is_empty());
        let mut one = Allows::default();
        one.add(&json!({"Statement": {"Effect": "Allow", "Action": "ssm:*", "Resource": "arn:aws:ssm:r:1:parameter/A"}}));
        assert!(one.on(&who, "arn:aws:ssm:r:1:parameter/B").is_empty());
        assert!(!one.on(&who, "arn:aws:ssm:r:1:parameter/A").is_empty());
    }

    #[test]
    fn principals_admit_their_account_role_session_or_service() {
        let mut allows = Allows::default();
        allows.add(
            &json!({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": {"AWS": ["111111111111", "arn:aws:iam::222222222222:role/p/R",
                "arn:aws:sts::333333333333:assumed-role/S/x", "arn:aws:iam::444444444444:root"],
                "Service": "states.amazonaws.com"}}]}),
        );
        let role = |account: &str, name: &str| Who::Role {
            account: account.into(),
            name: name.into(),
        };
        let admits = |who: &Who| {
            allows
                .on(who, "arn:aws:iam::9:role/T")
                .could_allow("sts:assumerole")
        };
        assert!(admits(&role("111111111111", "Any")));
        assert!(admits(&role("222222222222", "R")));
        assert!(!admits(&role("222222222222", "Other")));
        assert!(admits(&role("333333333333", "S")));
        assert!(!admits(&role("333333333333", "T")));
        assert!(admits(&role("444444444444", "Any")));
        assert!(!admits(&role("555555555555", "R")));
        assert!(admits(&Who::Service("states.amazonaws.com".into())));
        assert!(!admits(&Who::Service("lambda.amazonaws.com".into())));
        assert!(!admits(&Who::Anyone));
        assert!(admits(&Who::Account("444444444444".into())));
    }

    #[test]
    fn principals_named_in_principal_and_conditions() {
        let doc = json!({"Statement": [
            {"Effect": "Allow", "Principal": {"AWS": ["333333333333", "arn:aws:iam::444444444444:root",
                "arn:aws:iam::555555555555:role/path/R", "arn:aws:iam::5:role/bad", "*"],
                "Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"sts:ExternalId": ["x", "y*"]}}},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc", "aws:PrincipalAccount": "666666666666"}}},
            {"Effect": "Deny", "Principal": {"AWS": "777777777777"}, "Action": "*"}
        ]});
        assert_eq!(
            named_principals(&doc),
            vec![
                Named::Account("333333333333".into()),
                Named::Account("444444444444".into()),
                Named::Role("555555555555".into(), "R".into()),
                Named::Anyone,
                Named::Service("states.amazonaws.com".into()),
                Named::Anyone,
                Named::Organization("o-abc".into()),
                Named::Account("666666666666".into()),
            ]
        );
        assert_eq!(external_ids(&doc), vec!["x".to_string()]);
    }

    #[test]
    fn allowed_actions_are_the_allow_statements_action_elements() {
        let doc = json!({"Statement": [
            {"Effect": "Allow", "Action": ["s3:Get*", "states:StartExecution"], "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
            {"Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "Resource": "*"},
            {"Effect": "Allow", "Action": "ssm:GetParameter", "NotAction": "ssm:*"},
            {"Effect": "Allow", "Resource": "*"}
        ]});
        let allowed = allowed_actions(&doc);
        assert_eq!(
            allowed,
            vec![
                Allowed::Action("s3:Get*"),
                Allowed::Action("states:StartExecution"),
                Allowed::NotAction(vec!["iam:*", "sts:*"]),
                Allowed::Action("ssm:GetParameter"),
            ]
        );
        assert_eq!(allowed[2].key(), "!iam:* sts:*");
        assert_eq!(Allowed::Action("S3:Get*").key(), allowed[0].key());
    }
}
