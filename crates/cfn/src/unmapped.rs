//! What an import could not carry into the scenario, and where it is in the template.

use serde::Serialize;

/// Something of the template the scenario does not hold (an unsupported resource type, a
/// property, a value that cannot be resolved) or holds only approximately; the rest of the
/// template still imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmapped {
    /// The JSON pointer of the node in the template (`/Resources/Key/Properties/KmsKeyId`).
    pub pointer: String,
    /// The 1-based line where that node sits in the template's text.
    pub line: usize,
    /// The 1-based column (in characters) where that node sits.
    pub column: usize,
    /// The logical id of the resource concerned, if any.
    #[serde(rename = "logicalId", skip_serializing_if = "Option::is_none")]
    pub logical_id: Option<String>,
    /// Whether the thing was left out or only noted (imported approximately, or ignored on
    /// purpose such as CDK metadata).
    pub kind: UnmappedKind,
    /// Why, in plain words.
    pub reason: String,
}

/// Left out, or imported with a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum UnmappedKind {
    /// Not in the scenario.
    Skipped,
    /// In the scenario, with the approximation or choice the reason says; or ignored on
    /// purpose (deployment-only resources such as CDK metadata).
    Note,
}

impl std::fmt::Display for Unmapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            UnmappedKind::Skipped => "not imported",
            UnmappedKind::Note => "note",
        };
        match &self.logical_id {
            Some(id) => write!(
                f,
                "{}:{}: {kind}: {id}: {}",
                self.line, self.column, self.reason
            ),
            None => write!(f, "{}:{}: {kind}: {}", self.line, self.column, self.reason),
        }
    }
}
