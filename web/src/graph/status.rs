//! How each [`StateStatus`] is written: attribute value, words for screen readers, glyph.

use super::StateStatus;

impl StateStatus {
    /// The `data-status` value (also the CSS class suffix).
    pub fn as_str(self) -> &'static str {
        match self {
            StateStatus::NotRun => "not-run",
            StateStatus::Current => "current",
            StateStatus::Succeeded => "succeeded",
            StateStatus::Failed => "failed",
            StateStatus::Caught => "caught",
        }
    }

    /// Words for the accessible name.
    pub fn words(self) -> &'static str {
        match self {
            StateStatus::NotRun => "not run",
            StateStatus::Current => "current step",
            StateStatus::Succeeded => "succeeded",
            StateStatus::Failed => "failed",
            StateStatus::Caught => "failed, caught",
        }
    }

    /// The glyph drawn next to the name, so status never relies on colour alone.
    pub fn glyph(self) -> &'static str {
        match self {
            StateStatus::NotRun => "",
            StateStatus::Current => "▶",
            StateStatus::Succeeded => "✓",
            StateStatus::Failed => "✗",
            StateStatus::Caught => "↻",
        }
    }
}
