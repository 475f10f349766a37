//! Condition keys of the reference and how a key written in a policy matches them: exactly
//! (ignoring case, as IAM does), or, for a key with a variable part such as
//! `aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`, `ssm:resourceTag/tag-key` or
//! `elasticloadbalancing:ResourceTag/`, by the text around that part.

/// A condition key of the reference.
#[derive(Debug)]
pub(super) struct Key {
    text: Box<str>,
    /// The bytes before and after the variable part, when it has one.
    variable: Option<(usize, usize)>,
}

impl Key {
    pub(super) fn new(text: String) -> Key {
        let variable = variable_part(&text);
        Key {
            text: text.into_boxed_str(),
            variable,
        }
    }

    pub(super) fn text(&self) -> &str {
        &self.text
    }

    pub(super) fn has_variable(&self) -> bool {
        self.variable.is_some()
    }

    /// Whether `typed` (a key as written in a policy) is this key, the variable part being
    /// any non-empty text.
    pub(super) fn matches(&self, typed: &str) -> bool {
        let Some((head, tail)) = self.variable else {
            return self.text.eq_ignore_ascii_case(typed);
        };
        let (t, k) = (typed.as_bytes(), self.text.as_bytes());
        if t.len() <= head + tail {
            return false;
        }
        let same = |a: Option<&[u8]>, b: Option<&[u8]>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        };
        same(t.get(..head), k.get(..head))
            && same(
                t.get(t.len() - tail..),
                k.get(k.len().saturating_sub(tail)..),
            )
    }
}

/// The lengths of the text before and after a key's variable part: `${Name}`, `<name>`, a
/// final `tag-key` after a slash, or nothing after a final slash.
fn variable_part(text: &str) -> Option<(usize, usize)> {
    for (open, close) in [("${", '}'), ("<", '>')] {
        if let Some(start) = text.find(open) {
            if let Some(end) = text[start..].find(close) {
                return Some((start, text.len() - (start + end + 1)));
            }
        }
    }
    if let Some(head) = text.strip_suffix("tag-key") {
        if head.ends_with('/') {
            return Some((head.len(), 0));
        }
    }
    text.ends_with('/').then_some((text.len(), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::new(text.to_string())
    }

    #[test]
    fn plain_keys_match_ignoring_case() {
        assert!(key("sts:ExternalId").matches("STS:externalid"));
        assert!(!key("sts:ExternalId").matches("sts:ExternalIds"));
        assert!(!key("sts:ExternalId").has_variable());
    }

    #[test]
    fn variable_parts_match_any_non_empty_text() {
        let tag = key("aws:RequestTag/${TagKey}");
        assert!(tag.matches("aws:requesttag/team"));
        assert!(!tag.matches("aws:RequestTag/"));
        assert!(!tag.matches("aws:RequestTags"));
        assert!(key("s3:ExistingObjectTag/<key>").matches("s3:ExistingObjectTag/env"));
        assert!(key("ssm:resourceTag/tag-key").matches("ssm:ResourceTag/Owner"));
        assert!(
            key("elasticloadbalancing:ResourceTag/").matches("elasticloadbalancing:ResourceTag/a")
        );
        let inner = key("codebuild:secondarySources/${sourceIdentifier}.auth.type");
        assert!(inner.matches("codebuild:secondarySources/src1.auth.type"));
        assert!(!inner.matches("codebuild:secondarySources/src1.auth.resource"));
        assert!(key("kms:EncryptionContext:${EncryptionContextKey}")
            .matches("kms:EncryptionContext:Department"));
    }
}
