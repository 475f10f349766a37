//! ARNs split into their six fields, and ARN patterns matched field by field: a wildcard
//! in the region never swallows the account, while the resource part (which may itself
//! contain `:` and `/`) is matched as a whole.

use crate::wildcard::{glob, glob_escaped, Case};

/// Whether `text` is an AWS account ID: exactly 12 digits.
pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The six colon-separated fields of an ARN, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ArnParts<'a> {
    pub(crate) partition: &'a str,
    pub(crate) service: &'a str,
    pub(crate) region: &'a str,
    pub(crate) account: &'a str,
    pub(crate) resource: &'a str,
}

impl<'a> ArnParts<'a> {
    /// Splits `arn:partition:service:region:account:resource`; `None` if it is not one.
    pub(crate) fn split(text: &'a str) -> Option<ArnParts<'a>> {
        let mut it = text.splitn(6, ':');
        if it.next()? != "arn" {
            return None;
        }
        Some(ArnParts {
            partition: it.next()?,
            service: it.next()?,
            region: it.next()?,
            account: it.next()?,
            resource: it.next()?,
        })
    }

    fn fields(&self) -> [&'a str; 5] {
        [
            self.partition,
            self.service,
            self.region,
            self.account,
            self.resource,
        ]
    }
}

/// A compiled ARN pattern from a `Resource` element or an `Arn...` condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ArnPattern {
    /// `*`: every resource.
    Any,
    /// An ARN with six fields, each possibly with wildcards (split again when matching).
    Fields { text: Box<str>, escaped: bool },
    /// Anything else: matched as a glob over the whole text.
    Other { text: Box<str>, escaped: bool },
}

impl ArnPattern {
    /// Compiles a pattern; `escaped` says backslashes mark literal characters (patterns
    /// produced by substituting policy variables).
    pub(crate) fn new(text: &str, escaped: bool) -> ArnPattern {
        if text == "*" {
            return ArnPattern::Any;
        }
        match ArnParts::split(text) {
            Some(_) => ArnPattern::Fields {
                text: text.into(),
                escaped,
            },
            None => ArnPattern::Other {
                text: text.into(),
                escaped,
            },
        }
    }

    /// Whether `target` (with its fields, when it is an ARN) matches.
    pub(crate) fn matches(&self, target: &str, parts: Option<&ArnParts<'_>>) -> bool {
        match self {
            ArnPattern::Any => true,
            ArnPattern::Fields { text, escaped } => match (ArnParts::split(text), parts) {
                (Some(pattern), Some(p)) => pattern
                    .fields()
                    .iter()
                    .zip(p.fields())
                    .all(|(pattern, value)| field_matches(pattern, value, *escaped)),
                _ => false,
            },
            ArnPattern::Other { text, escaped } => field_matches(text, target, *escaped),
        }
    }
}

fn field_matches(pattern: &str, value: &str, escaped: bool) -> bool {
    if escaped {
        glob_escaped(pattern, value, Case::Sensitive)
    } else {
        glob(pattern, value, Case::Sensitive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, target: &str) -> bool {
        ArnPattern::new(pattern, false).matches(target, ArnParts::split(target).as_ref())
    }

    #[test]
    fn segment_aware() {
        assert!(m("*", "anything"));
        assert!(m("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b"));
        assert!(!m("arn:aws:s3:::bucket/*", "arn:aws:s3:::other/a"));
        assert!(m(
            "arn:aws:secretsmanager:*:111111111111:secret:db-*",
            "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCd"
        ));
        assert!(!m(
            "arn:aws:secretsmanager:*:111111111111:secret:db-*",
            "arn:aws:secretsmanager:us-east-1:222222222222:secret:db-AbCd"
        ));
        assert!(m(
            "arn:aws:ssm:*:*:parameter/a*",
            "arn:aws:ssm:us-east-1:1:parameter/ab"
        ));
        assert!(!m("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket"));
    }
}
