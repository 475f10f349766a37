//! Why a reference file could not be read.

use std::fmt;

/// A problem in a reference file, at a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceError {
    /// The line of the record at fault (the line after the last one for a missing record).
    pub line: usize,
    /// What is wrong there.
    pub kind: ReferenceErrorKind,
}

/// What is wrong in a reference file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceErrorKind {
    /// The first record is not `iam-reference`, format 1, with a package version and K.
    Header,
    /// Another record (or none) where a record of this kind was expected.
    Expected(&'static str),
    /// A field of the record is missing or unreadable: named here.
    Field(&'static str),
    /// Records after the last service's actions.
    Trailing,
}

impl ReferenceError {
    pub(super) fn new(line: usize, kind: ReferenceErrorKind) -> ReferenceError {
        ReferenceError { line, kind }
    }
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match &self.kind {
            ReferenceErrorKind::Header => f.write_str("not an iam-reference file of format 1"),
            ReferenceErrorKind::Expected(what) => write!(f, "expected a `{what}` record"),
            ReferenceErrorKind::Field(what) => write!(f, "unreadable {what}"),
            ReferenceErrorKind::Trailing => {
                f.write_str("a record after the last service's actions")
            }
        }
    }
}

impl std::error::Error for ReferenceError {}
