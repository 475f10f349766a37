//! The names AWS accepts for what a scenario creates, each checked with the rules of the
//! API that creates it and refused with that API's message, at the name's place in the
//! scenario:
//!
//! - Step Functions (`CreateStateMachine`, `CreateActivity`, `StartExecution`): 1 to 80
//!   characters, without white space, brackets `< > { } [ ]`, wildcards `? *`, the special
//!   characters `" # % \ ^ | ~ ` $ & , ; : /`, nor control characters (U+0000-001F,
//!   U+007F-009F, U+FFFE-FFFF); a length outside that is a ValidationException, a character
//!   an `InvalidName`.
//! - IAM (`CreateRole`, `PutRolePolicy`): `[\w+=,.@-]+`, a role name up to 64 characters
//!   and a policy name up to 128.
//! - Lambda (`CreateFunction`): letters, digits, hyphens and underscores, up to 64.
//! - DynamoDB (`CreateTable`): `[a-zA-Z0-9_.-]+`, 3 to 255 characters.
//!
//! The length and pattern constraints are the APIs' own (their service models), refused
//! with the ValidationException AWS words for them.

use super::reader::Reader;
use crate::diagnostic::Code;

/// Whose rules a name follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameRule {
    /// A state machine, activity or execution name.
    StepFunctions,
    /// A role name.
    IamRole,
    /// An inline policy name.
    IamPolicy,
    /// A Lambda function name.
    LambdaFunction,
    /// A DynamoDB table name.
    DynamoDbTable,
}

/// One constraint of an API member: its bounds in characters and the characters allowed.
struct Member {
    /// The request member, as the ValidationException names it.
    name: &'static str,
    min: usize,
    max: usize,
    /// The pattern as the API's model writes it, and the test of one character.
    pattern: (&'static str, fn(char) -> bool),
}

impl NameRule {
    fn member(self) -> Member {
        match self {
            NameRule::StepFunctions => Member {
                name: "name",
                min: 1,
                max: 80,
                pattern: ("", step_functions_char),
            },
            NameRule::IamRole => Member {
                name: "roleName",
                min: 1,
                max: 64,
                pattern: (r"[\w+=,.@-]+", iam_char),
            },
            NameRule::IamPolicy => Member {
                name: "policyName",
                min: 1,
                max: 128,
                pattern: (r"[\w+=,.@-]+", iam_char),
            },
            NameRule::LambdaFunction => Member {
                name: "functionName",
                min: 1,
                max: 64,
                pattern: (
                    r"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?",
                    |c| c.is_ascii_alphanumeric() || c == '-' || c == '_',
                ),
            },
            NameRule::DynamoDbTable => Member {
                name: "tableName",
                min: 3,
                max: 255,
                pattern: ("[a-zA-Z0-9_.-]+", |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
                }),
            },
        }
    }
}

/// IAM's `\w` and `+=,.@-`.
fn iam_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '=' | ',' | '.' | '@' | '-')
}

/// What a Step Functions name may hold.
fn step_functions_char(c: char) -> bool {
    !(c.is_whitespace()
        || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c)
        || matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}'))
}

/// AWS's refusal of `name` under `rule`, if it refuses it.
pub(crate) fn refusal(rule: NameRule, name: &str) -> Option<String> {
    let member = rule.member();
    let length = name.chars().count();
    let mut failed = Vec::new();
    if length < member.min {
        failed.push(format!(
            "Member must have length greater than or equal to {}",
            member.min
        ));
    }
    if length > member.max {
        failed.push(format!(
            "Member must have length less than or equal to {}",
            member.max
        ));
    }
    let (pattern, allowed) = member.pattern;
    let bad_char = !name.chars().all(allowed);
    if rule == NameRule::StepFunctions {
        // The length is checked first, by the request's constraints; a character after,
        // by the service.
        if failed.is_empty() && bad_char {
            return Some(format!("Invalid Name: '{name}'"));
        }
    } else if bad_char || name.is_empty() {
        failed.push(format!(
            "Member must satisfy regular expression pattern: {pattern}"
        ));
    }
    if failed.is_empty() {
        return None;
    }
    let count = match failed.len() {
        1 => "1 validation error detected".to_string(),
        n => format!("{n} validation errors detected"),
    };
    let details: Vec<String> = failed
        .iter()
        .map(|f| {
            format!(
                "Value '{name}' at '{}' failed to satisfy constraint: {f}",
                member.name
            )
        })
        .collect();
    Some(format!("{count}: {}", details.join("; ")))
}

impl Reader {
    /// Reports `name` at `at` when AWS refuses it under `rule`.
    pub(crate) fn name(&mut self, rule: NameRule, name: &str, at: &str) {
        if let Some(message) = refusal(rule, name) {
            self.error(Code::InvalidName, at, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_functions_names() {
        assert_eq!(refusal(NameRule::StepFunctions, "My-Machine_1.v2"), None);
        assert_eq!(refusal(NameRule::StepFunctions, "é-ok"), None);
        for bad in [
            "<script>",
            "a b",
            "a\tb",
            "x?",
            "a:b",
            "a\u{85}b",
            "a\u{ffff}",
        ] {
            assert_eq!(
                refusal(NameRule::StepFunctions, bad),
                Some(format!("Invalid Name: '{bad}'")),
                "{bad:?}"
            );
        }
        let long = "a".repeat(81);
        assert_eq!(
            refusal(NameRule::StepFunctions, &long),
            Some(format!("1 validation error detected: Value '{long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"))
        );
        assert!(refusal(NameRule::StepFunctions, &"a".repeat(80)).is_none());
        assert!(refusal(NameRule::StepFunctions, "")
            .is_some_and(|m| m.ends_with("greater than or equal to 1")));
    }

    #[test]
    fn pattern_and_length_failures_are_listed_together() {
        assert_eq!(refusal(NameRule::IamRole, "Exec+Role=1,a.b@c-d_e"), None);
        assert_eq!(
            refusal(NameRule::IamRole, "<script>"),
            Some(r"1 validation error detected: Value '<script>' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+".into())
        );
        let long = format!("{}!", "r".repeat(64));
        assert_eq!(
            refusal(NameRule::IamRole, &long),
            Some(format!(
                r"2 validation errors detected: Value '{long}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; Value '{long}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"
            ))
        );
        assert!(refusal(NameRule::IamPolicy, &"p".repeat(128)).is_none());
        assert!(refusal(NameRule::LambdaFunction, "fn.v1").is_some());
        assert!(refusal(NameRule::LambdaFunction, "my-fn_1").is_none());
        assert!(refusal(NameRule::DynamoDbTable, "ab")
            .is_some_and(|m| m.ends_with("greater than or equal to 3")));
        assert!(refusal(NameRule::DynamoDbTable, "Orders.v1-x_y").is_none());
    }
}
