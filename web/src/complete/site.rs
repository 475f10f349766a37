//! Which strings of a policy complete, and to what: an element of `Action`/`NotAction`, of
//! `Resource`/`NotResource`, or a key of a condition operator's object, in any policy
//! document of the scenario (trust, permission, boundary, resource policies, SCPs, RCPs).

use crate::editor::CaretContext;
use jsonloc::pointer_tokens;
use web::questions::CompletionKind;

/// A string to complete: what it names, what was typed of it, and the actions its statement
/// names (for condition keys and resource ARN formats).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub kind: CompletionKind,
    pub typed: String,
    pub actions: Vec<String>,
}

/// How many pointer tokens of `path` (from the scenario's root) lead to a policy document:
/// a role's trust policy, permission policy or boundary, a resource's policy, an SCP or RCP.
fn policy_root(path: &[String]) -> Option<usize> {
    let t: Vec<&str> = path.iter().map(String::as_str).collect();
    match t.as_slice() {
        ["accounts", _, "roles", _, "assumeRolePolicyDocument" | "permissionsBoundary", ..] => {
            Some(5)
        }
        ["accounts", _, "roles", _, "policies", _, ..] => Some(6),
        ["accounts", _, collection, _, "resourcePolicy", ..] if *collection != "roles" => Some(5),
        ["organization", "serviceControlPolicies" | "resourceControlPolicies", _, "document", ..] => {
            Some(4)
        }
        _ => None,
    }
}

/// Whether a pointer token is an array index.
fn is_index(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// How many tokens of a policy-relative path make its statement: `Statement` and, when
/// `Statement` is an array, the index.
fn statement_len(rest: &[String]) -> Option<usize> {
    match rest {
        [s, i, ..] if s == "Statement" && is_index(i) => Some(2),
        [s, ..] if s == "Statement" => Some(1),
        _ => None,
    }
}

/// What the string at the caret completes to, when the item at `item` (a pointer into the
/// scenario) is or holds a policy document and the caret is in a completing string.
pub fn site(item: &str, at: &CaretContext) -> Option<Site> {
    let item_tokens = pointer_tokens(item);
    let mut full = item_tokens.clone();
    full.extend(at.path.iter().cloned());
    let root = policy_root(&full)?;
    let rest = full.get(root..)?;
    let statement = statement_len(rest)?;
    let inner: Vec<&str> = rest.get(statement..)?.iter().map(String::as_str).collect();
    let element = |rest: &[&str]| match rest {
        [] => true,
        [index] => is_index(index),
        _ => false,
    };
    let kind = match (inner.as_slice(), at.is_key) {
        (["Action" | "NotAction", rest @ ..], false) if element(rest) => CompletionKind::Action,
        (["Resource" | "NotResource", rest @ ..], false) if element(rest) => {
            CompletionKind::Resource
        }
        (["Condition", _], true) => CompletionKind::ConditionKey,
        _ => return None,
    };
    // The statement's place in the editor's text, to find its actions there.
    let statement_path = full.get(item_tokens.len()..root + statement)?;
    let actions = at
        .values
        .iter()
        .filter(|(path, _)| {
            path.strip_prefix(statement_path)
                .is_some_and(|p| matches!(p, [a] | [a, _] if a == "Action"))
        })
        .map(|(_, value)| value.clone())
        .filter(|value| !value.is_empty())
        .collect();
    Some(Site {
        kind,
        typed: at.typed.clone(),
        actions,
    })
}

#[cfg(test)]
mod tests {
    //! Cases: an item pointer, its text with `|` at the caret, and the site expected.
    use super::*;
    use crate::editor::caret_context;

    fn site_at(item: &str, marked: &str) -> Option<Site> {
        let caret = marked.find('|').expect("a caret mark");
        let text = marked.replacen('|', "", 1);
        site(item, &caret_context(&text, caret)?)
    }

    fn want(kind: CompletionKind, typed: &str, actions: &[&str]) -> Option<Site> {
        Some(Site {
            kind,
            typed: typed.into(),
            actions: actions.iter().map(|a| a.to_string()).collect(),
        })
    }

    const POLICY: &str = "/accounts/222222222222/roles/SecretCacheWfwRl/policies/SecretCache";
    const TRUST: &str = "/accounts/222222222222/roles/SecretCacheWfwRl/assumeRolePolicyDocument";

    #[test]
    fn actions_in_every_kind_of_policy() {
        use CompletionKind::Action;
        let cases = [
            (
                POLICY,
                r#"{"Statement": [{"Action": ["secretsmanager:GetSec|"]}]}"#,
            ),
            (POLICY, r#"{"Statement": {"NotAction": "s3:G|"}}"#),
            (TRUST, "{\"Statement\": [{\"Action\": \"sts:Ass|\n}]}"),
            (
                "/accounts/1/roles/R/permissionsBoundary",
                r#"{"Statement": [{"Action": "x|"}]}"#,
            ),
            (
                "/accounts/1/secrets/S",
                r#"{"secretString": "v", "resourcePolicy": {"Statement": [{"Action": ["a", "x|"]}]}}"#,
            ),
            (
                "/organization",
                r#"{"serviceControlPolicies": [{"name": "n", "document": {"Statement": [{"Action": "x|"}]}}]}"#,
            ),
            (
                "/organization",
                r#"{"resourceControlPolicies": [{"document": {"Statement": [{"NotAction": ["x|"]}]}}]}"#,
            ),
        ];
        for (item, marked) in cases {
            let got = site_at(item, marked).unwrap_or_else(|| panic!("{item} {marked}"));
            assert_eq!(got.kind, Action, "{marked}");
        }
        assert_eq!(
            site_at(
                POLICY,
                r#"{"Statement": [{"Action": ["secretsmanager:GetSec|"]}]}"#
            ),
            want(Action, "secretsmanager:GetSec", &["secretsmanager:GetSec"])
        );
    }

    #[test]
    fn resources_with_the_statements_actions() {
        let marked = r#"{"Statement": [{"Action": "a:B"}, {"Action": ["s3:GetObject", "s3:Put*"], "Resource": ["arn:aws:s3|"]}]}"#;
        assert_eq!(
            site_at(POLICY, marked),
            want(
                CompletionKind::Resource,
                "arn:aws:s3",
                &["s3:GetObject", "s3:Put*"]
            )
        );
        let marked = r#"{"Statement": {"NotResource": "|", "Action": "sqs:SendMessage"}}"#;
        assert_eq!(
            site_at(POLICY, marked),
            want(CompletionKind::Resource, "", &["sqs:SendMessage"])
        );
    }

    #[test]
    fn condition_keys_in_a_trust_policy() {
        let marked = r#"{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:Ex|"#;
        assert_eq!(
            site_at(TRUST, marked),
            want(CompletionKind::ConditionKey, "sts:Ex", &["sts:AssumeRole"])
        );
    }

    #[test]
    fn other_strings_do_not_complete() {
        let cases = [
            (POLICY, r#"{"Statement": [{"Effect": "Al|"}]}"#),
            (POLICY, r#"{"Statement": [{"Act|": "s3:x"}]}"#),
            (
                POLICY,
                r#"{"Statement": [{"Condition": {"StringEq|": {}}}]}"#,
            ),
            (
                POLICY,
                r#"{"Statement": [{"Condition": {"StringEquals": {"k": "v|"}}}]}"#,
            ),
            (POLICY, r#"{"Version": "2012|"}"#),
            (POLICY, r#"{"Action": "s3:|"}"#),
            (POLICY, r#"{"Statement": [{"Action": {"x": "s3:|"}}]}"#),
            (
                "/accounts/1/stateMachines/M/definition",
                r#"{"Statement": [{"Action": "s3:|"}]}"#,
            ),
            (
                "/accounts/1/secrets/S",
                r#"{"secretString": "{\"Statement\": [{\"Action\": \"s3:|"}"#,
            ),
            (
                "/execution",
                r#"{"input": {"Statement": {"Action": "s|"}}}"#,
            ),
        ];
        for (item, marked) in cases {
            assert_eq!(site_at(item, marked), None, "{item} {marked}");
        }
    }
}
