//! Which resources an action acts on, by the Service Authorization Reference
//! (<https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html>):
//! an action applies to a resource when one of the action's resource types has an ARN
//! format that matches the resource's ARN.
//!
//! - A format such as `arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}`
//!   matches an ARN whole, each `${...}` standing for one or more characters other than the
//!   separator that follows it in the format (the last one for the rest of the ARN).
//! - When several resource types of the action's service match, the one whose format
//!   matched the most literal text is the resource's type: `arn:aws:s3:::b/k` is an object
//!   (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`), not a bucket named `b/k`.
//! - An action with no resource type does not apply to any resource of the scenario: the
//!   reference says that for such an action "you must specify all resources (\"*\")" in
//!   the `Resource` element (for example
//!   <https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html>),
//!   so its requests are authorized against `*`, never against a resource's ARN.

use iam::{ActionRef, ResourceTypeRef};

/// Whether the ARN format `format` matches `arn` whole, and if so how many of the
/// format's characters were literal text (the closeness of the match).
pub(crate) fn format_match(format: &str, arn: &str) -> Option<usize> {
    let mut rest = arn;
    let mut literal = 0;
    let mut pending_variable = false;
    for piece in (Pieces { format }) {
        match piece {
            Piece::Variable => pending_variable = true,
            Piece::Literal(text) => {
                if pending_variable {
                    let separator = text.chars().next()?;
                    let end = rest.find(separator)?;
                    if end == 0 {
                        return None;
                    }
                    rest = rest.get(end..)?;
                    pending_variable = false;
                }
                rest = rest.strip_prefix(text)?;
                literal += text.len();
            }
        }
    }
    match pending_variable {
        true => (!rest.is_empty()).then_some(literal),
        false => rest.is_empty().then_some(literal),
    }
}

/// A part of an ARN format.
enum Piece<'f> {
    Literal(&'f str),
    /// A `${...}`.
    Variable,
}

/// The pieces of a format, in order; an unclosed `${` is literal text.
struct Pieces<'f> {
    format: &'f str,
}

impl<'f> Iterator for Pieces<'f> {
    type Item = Piece<'f>;

    fn next(&mut self) -> Option<Piece<'f>> {
        if self.format.is_empty() {
            return None;
        }
        if let Some(after) = self.format.strip_prefix("${") {
            if let Some(end) = after.find('}') {
                self.format = after.get(end + 1..).unwrap_or_default();
                return Some(Piece::Variable);
            }
        }
        let start = usize::from(self.format.starts_with("${")) * 2;
        let end = self
            .format
            .get(start..)
            .and_then(|tail| tail.find("${"))
            .map_or(self.format.len(), |at| at + start);
        let (text, rest) = self.format.split_at(end);
        self.format = rest;
        Some(Piece::Literal(text))
    }
}

/// The closest match of any format of `types` against `arn`.
fn closest<'a>(types: impl Iterator<Item = ResourceTypeRef<'a>>, arn: &str) -> Option<usize> {
    types
        .flat_map(|t| t.arn_formats())
        .filter_map(|format| format_match(format, arn))
        .max()
}

/// Whether `action` acts on the resource `arn`: one of its resource types matches the ARN
/// at least as closely as any resource type of its service (see the module documentation).
pub(crate) fn applies(action: ActionRef<'_>, arn: &str) -> bool {
    let Some(own) = closest(action.resource_types(), arn) else {
        return false;
    };
    closest(action.service().resource_types(), arn).is_none_or(|any| own >= any)
}

/// The service field of an ARN or ARN format (`states` in `arn:aws:states:…`).
pub(crate) fn arn_service(arn: &str) -> Option<&str> {
    arn.split(':').nth(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// One case of `tests/cases/applies.json`.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Case {
        action: String,
        arn: String,
        applies: bool,
        why: String,
    }

    #[test]
    fn actions_apply_to_the_resources_of_their_types() {
        let cases: Vec<Case> =
            serde_json::from_str(include_str!("../tests/cases/applies.json")).unwrap();
        assert!(cases.len() > 10);
        let reference = iam::reference();
        let mut wrong = Vec::new();
        for case in &cases {
            let action = reference.action(&case.action).unwrap();
            if applies(action, &case.arn) != case.applies {
                wrong.push(format!("{} on {}: {}", case.action, case.arn, case.why));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn formats_match_whole_arns_with_variables_up_to_their_separator() {
        let machine =
            "arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}";
        let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        let cases = [
            (
                machine,
                "arn:aws:states:us-east-1:1:stateMachine:M",
                Some(27),
            ),
            (
                machine,
                "arn:aws:states:us-east-1:1:stateMachine:M:v1",
                Some(27),
            ),
            (machine, "arn:aws:states:us-east-1:1:execution:M:e", None),
            (machine, "arn:aws:states::1:stateMachine:M", None),
            (machine, "arn:aws:states:us-east-1:1:stateMachine:", None),
            (machine, "arn:aws:states:us-east-1:1:stateMachineX:M", None),
            (object, "arn:aws:s3:::b/k/with:colon", Some(11)),
            (object, "arn:aws:s3:::b", None),
            (object, "arn:aws:s3:::/k", None),
            ("arn:aws:${Weird", "arn:aws:${Weird", Some(15)),
            ("arn:aws:x:::a", "arn:aws:x:::ab", None),
        ];
        for (format, arn, expected) in cases {
            assert_eq!(
                format_match(format, arn),
                expected,
                "{format} against {arn}"
            );
        }
    }
}
