//! A fix shown as a line diff of the item it edits, pretty-printed before and after.

use super::apply::{apply_fix, FixError};
use super::edit::Fix;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Lines of context kept around each change.
const CONTEXT: usize = 2;

/// Whether a line of a diff is kept, added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    /// In both versions (context).
    Same,
    /// Only after the fix.
    Added,
    /// Only before the fix.
    Removed,
}

/// One line of a diff; in JSON `{"kind": "same" | "added" | "removed", "text"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffLine {
    /// Kept, added or removed.
    pub kind: DiffKind,
    /// The line, without its line break.
    pub text: String,
}

/// The fix's item (pretty-printed JSON, as the editor shows it) before and after the fix,
/// as the changed hunks with two lines of context each, in order (lines between hunks are
/// left out). An item that does not exist before (a new policy) is all added lines.
pub fn fix_diff(doc: &Value, fix: &Fix) -> Result<Vec<DiffLine>, FixError> {
    let mut after = doc.clone();
    apply_fix(&mut after, fix)?;
    let text = |d: &Value| {
        d.pointer(&fix.item)
            .and_then(|v| serde_json::to_string_pretty(v).ok())
            .unwrap_or_default()
    };
    let (before, after) = (text(doc), text(&after));
    Ok(hunks(&lines(&before), &lines(&after)))
}

fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.lines().collect()
    }
}

/// The full diff of `a` into `b` (common ends kept whole, the middle by longest common
/// subsequence), cut down to the hunks.
fn hunks(a: &[&str], b: &[&str]) -> Vec<DiffLine> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let line = |kind, text: &&str| DiffLine {
        kind,
        text: text.to_string(),
    };
    let mut all: Vec<DiffLine> = a[..prefix]
        .iter()
        .map(|t| line(DiffKind::Same, t))
        .collect();
    all.extend(middle(
        &a[prefix..a.len() - suffix],
        &b[prefix..b.len() - suffix],
    ));
    all.extend(
        a[a.len() - suffix..]
            .iter()
            .map(|t| line(DiffKind::Same, t)),
    );
    let near_change = |i: usize| {
        let from = i.saturating_sub(CONTEXT);
        let to = (i + CONTEXT + 1).min(all.len());
        all[from..to].iter().any(|l| l.kind != DiffKind::Same)
    };
    let keep: Vec<bool> = (0..all.len()).map(near_change).collect();
    all.into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect()
}

/// The diff of two short runs of lines by longest common subsequence: removed lines
/// before added ones where they differ.
fn middle(a: &[&str], b: &[&str]) -> Vec<DiffLine> {
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    let line = |kind, text: &str| DiffLine {
        kind,
        text: text.to_string(),
    };
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(line(DiffKind::Same, a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(line(DiffKind::Removed, a[i]));
            i += 1;
        } else {
            out.push(line(DiffKind::Added, b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::{Edit, EditOp};
    use serde_json::json;

    fn kinds(diff: &[DiffLine]) -> String {
        diff.iter()
            .map(|l| match l.kind {
                DiffKind::Same => ' ',
                DiffKind::Added => '+',
                DiffKind::Removed => '-',
            })
            .collect()
    }

    #[test]
    fn shows_the_changed_lines_with_two_lines_of_context() {
        let doc = json!({"p": {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7}});
        let fix = Fix {
            title: String::new(),
            item: "/p".into(),
            edits: vec![Edit {
                pointer: "/p/f".into(),
                op: EditOp::Replace(json!(60)),
            }],
        };
        let diff = fix_diff(&doc, &fix).unwrap();
        let text: Vec<&str> = diff.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            text,
            [
                "  \"d\": 4,",
                "  \"e\": 5,",
                "  \"f\": 6,",
                "  \"f\": 60,",
                "  \"g\": 7",
                "}"
            ]
        );
        assert_eq!(kinds(&diff), "  -+  ");
    }

    #[test]
    fn a_new_item_is_all_added_and_a_bad_fix_is_an_error() {
        let doc = json!({"ps": {}});
        let mut fix = Fix {
            title: String::new(),
            item: "/ps/new".into(),
            edits: vec![Edit {
                pointer: "/ps/new".into(),
                op: EditOp::Add(json!({"x": [1]})),
            }],
        };
        let diff = fix_diff(&doc, &fix).unwrap();
        assert_eq!(kinds(&diff), "+++++");
        assert_eq!(diff[0].text, "{");
        fix.edits[0].pointer = "/nope/new".into();
        assert_eq!(
            fix_diff(&doc, &fix),
            Err(FixError::NotFound("/nope/new".into()))
        );
    }

    #[test]
    fn separate_changes_are_separate_hunks() {
        let a: Vec<String> = (0..12).map(|i| i.to_string()).collect();
        let mut b = a.clone();
        b[1] = "one".into();
        b[10] = "ten".into();
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        assert_eq!(kinds(&hunks(&a, &b)), " -+    -+ ");
    }
}
