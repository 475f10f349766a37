//! Action patterns (`service:Action`, with `*` and `?`), matched case-insensitively.

use crate::wildcard::{glob, Case};

/// Whether `name` is written `prefix:name` with both parts non-empty, as actions
/// (`service:Action`) and condition keys (`service:key`) are.
pub(crate) fn is_service_qualified(name: &str) -> bool {
    name.split_once(':')
        .is_some_and(|(prefix, rest)| !prefix.is_empty() && !rest.is_empty())
}

/// One entry of an `Action`/`NotAction` element, lowercased once at parse time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActionPattern {
    lower: Box<str>,
}

impl ActionPattern {
    pub(crate) fn new(text: &str) -> ActionPattern {
        ActionPattern {
            lower: text.to_ascii_lowercase().into_boxed_str(),
        }
    }

    /// Whether the requested action (any case) matches.
    pub(crate) fn matches(&self, action: &str) -> bool {
        glob(&self.lower, action, Case::Insensitive)
    }
}
