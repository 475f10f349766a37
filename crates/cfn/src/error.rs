//! Why a template could not be imported at all.

use jsonloc::Position;
use std::fmt;

/// A template that cannot be read, or a scenario it cannot go into. Anything less (a
/// resource that cannot be mapped, a value that cannot be resolved) is an [`crate::Unmapped`]
/// and the rest still imports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The text is neither JSON nor YAML.
    Syntax {
        /// Where the text stops being readable.
        position: Position,
        /// What is wrong there.
        message: String,
    },
    /// The text is read but is not a template (not an object, no `Resources`).
    NotATemplate {
        /// What is missing, in plain words.
        reason: String,
    },
    /// The scenario given to import into is not a scenario object.
    Into {
        /// What is wrong with it.
        reason: String,
    },
    /// The account id is not 12 digits.
    Account {
        /// The id given.
        account: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Syntax { position, message } => write!(f, "{position}: {message}"),
            ImportError::NotATemplate { reason } => write!(f, "not a template: {reason}"),
            ImportError::Into { reason } => write!(f, "cannot import into the scenario: {reason}"),
            ImportError::Account { account } => {
                write!(f, "the account id '{account}' is not 12 digits")
            }
        }
    }
}

impl std::error::Error for ImportError {}
