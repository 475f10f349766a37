//! Which history rows the table shows: all, or those of one event type (or the failures),
//! of one state, and containing a text.

use crate::report::Row;

/// The event types shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Kinds {
    /// Every type.
    #[default]
    All,
    /// Failure and time-out events only.
    Failures,
    /// One type (`TaskScheduled` …).
    Only(String),
}

/// A filter on the history's rows; the default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The event types shown.
    pub kinds: Kinds,
    /// The state whose events are shown ("" for every state).
    pub state: String,
    /// Text a row must contain in one of its cells, ignoring ASCII case ("" for any).
    pub text: String,
}

impl Filter {
    /// True when it shows every row.
    pub fn is_empty(&self) -> bool {
        self.kinds == Kinds::All && self.state.is_empty() && self.text.trim().is_empty()
    }

    /// Whether `row` is shown.
    pub fn matches(&self, row: &Row) -> bool {
        let kind_ok = match &self.kinds {
            Kinds::All => true,
            Kinds::Failures => row.failed,
            Kinds::Only(k) => row.kind == *k,
        };
        let text = self.text.trim();
        kind_ok
            && (self.state.is_empty() || row.step == self.state)
            && (text.is_empty()
                || [&row.kind, &row.step, &row.resource, &row.timestamp]
                    .iter()
                    .any(|cell| contains_ignoring_case(cell, text))
                || row.id.to_string() == text)
    }

    /// The indexes of the rows shown, in order.
    pub fn apply(&self, rows: &[Row]) -> Vec<usize> {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| self.matches(r))
            .map(|(i, _)| i)
            .collect()
    }
}

/// `needle` occurs in `hay`, ignoring ASCII case.
fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: u64, kind: &str, step: &str) -> Row {
        Row {
            id,
            kind: kind.into(),
            step: step.into(),
            resource: if kind.starts_with("Task") {
                "lambda:invoke".into()
            } else {
                String::new()
            },
            elapsed_ms: 0,
            duration_ms: None,
            timestamp: "2026-01-01T00:00:00.000Z".into(),
            failed: kind.ends_with("Failed"),
        }
    }

    #[test]
    fn filters_narrow_by_type_state_and_text() {
        let rows = [
            row(1, "ExecutionStarted", ""),
            row(2, "TaskStateEntered", "Charge"),
            row(3, "TaskScheduled", "Charge"),
            row(4, "TaskFailed", "Charge"),
            row(5, "PassStateEntered", "Refund"),
            row(6, "ExecutionFailed", "Refund"),
        ];
        let cases: [(Filter, &[usize]); 8] = [
            (Filter::default(), &[0, 1, 2, 3, 4, 5]),
            (
                Filter {
                    kinds: Kinds::Failures,
                    ..Filter::default()
                },
                &[3, 5],
            ),
            (
                Filter {
                    kinds: Kinds::Only("TaskScheduled".into()),
                    ..Filter::default()
                },
                &[2],
            ),
            (
                Filter {
                    state: "Charge".into(),
                    ..Filter::default()
                },
                &[1, 2, 3],
            ),
            (
                Filter {
                    text: " LAMBDA ".into(),
                    ..Filter::default()
                },
                &[1, 2, 3],
            ),
            (
                Filter {
                    text: "refund".into(),
                    kinds: Kinds::Failures,
                    ..Filter::default()
                },
                &[5],
            ),
            (
                Filter {
                    text: "5".into(),
                    ..Filter::default()
                },
                &[4],
            ),
            (
                Filter {
                    state: "Nowhere".into(),
                    ..Filter::default()
                },
                &[],
            ),
        ];
        for (filter, want) in cases {
            assert_eq!(filter.apply(&rows), want, "{filter:?}");
            assert_eq!(filter.is_empty(), want.len() == rows.len(), "{filter:?}");
        }
    }
}
