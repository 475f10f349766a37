//! Action patterns (`service:Action`, with `*` and `?`), matched case-insensitively.

use crate::wildcard::{glob, Case};

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
