//! Scenarios, read and checked as the page's Problems list does.

/// Scenario text read and validated: its errors, the lint of every policy, Task resources
/// and execution roles.
pub fn scenario(data: &[u8]) {
    if let Some(text) = crate::text(data) {
        let _ = sim::validate_text(text);
    }
}
