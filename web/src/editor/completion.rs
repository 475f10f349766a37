//! Completion as pure functions: what a key does while the suggestion list is shown, and
//! the edit that accepts a suggestion.

use super::caret_context::caret_context;
use super::indent::Edit;

/// What a key does while the suggestion list is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKey {
    /// Moves the active option by this many (wrapping).
    Move(isize),
    /// Puts the active option in place of what was typed.
    Accept,
    /// Closes the list.
    Close,
}

/// The list's meaning of `key` (a `KeyboardEvent.key`); `modified` when Ctrl, Cmd, Alt or
/// Shift is held (Ctrl+Enter still runs, Shift+Tab still outdents). Other keys edit.
pub fn list_key(key: &str, modified: bool) -> Option<ListKey> {
    match key {
        "ArrowDown" if !modified => Some(ListKey::Move(1)),
        "ArrowUp" if !modified => Some(ListKey::Move(-1)),
        "Enter" | "Tab" if !modified => Some(ListKey::Accept),
        "Escape" => Some(ListKey::Close),
        _ => None,
    }
}

/// The option `by` places from `active` in a list of `len`, wrapping around.
pub fn moved(active: usize, by: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let len = len as isize;
    ((active as isize + by).rem_euclid(len)) as usize
}

/// Whether a suggestion still fits what was `typed`: it contains it, ASCII case ignored
/// (every kind of completion offers only such items). `typed` is lowered once for all the
/// items the test is put to.
pub fn fitting(typed: &str) -> impl Fn(&str) -> bool {
    let typed = typed.to_ascii_lowercase();
    move |item| item.to_ascii_lowercase().contains(&typed)
}

/// Accepting a suggestion: the edit, and whether completing goes on (a service prefix such
/// as `secretsmanager:` leaves the string open for the action's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub edit: Edit,
    pub more: bool,
}

/// The edit that puts `item` in place of what was typed of the string at `caret` (from its
/// opening quote to the caret), JSON-escaped; a string that had no closing quote gets one,
/// unless completing goes on. `None` when the caret is not in a string, or when `item` does
/// not contain what was typed (case ignored): a list the page has not caught up on yet
/// (typing outran it) never puts in a suggestion for an earlier key.
pub fn accept_edit(text: &str, caret: usize, item: &str) -> Option<Accepted> {
    let at = caret_context(text, caret)?;
    if !fitting(&at.typed)(item) {
        return None;
    }
    let more = item.ends_with(':');
    let quoted = serde_json::to_string(item).ok()?;
    let mut insert = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_default()
        .to_string();
    if !at.closed && !more {
        insert.push('"');
    }
    let sel = at.start + insert.len();
    Some(Accepted {
        edit: Edit {
            start: at.start,
            end: at.caret,
            insert,
            sel_start: sel,
            sel_end: sel,
        },
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts `item` at the `|` of `marked`: the new text with `|` at the caret.
    fn accept(marked: &str, item: &str) -> Option<(String, bool)> {
        let caret = marked.find('|').expect("a caret mark");
        let text = marked.replacen('|', "", 1);
        let a = accept_edit(&text, caret, item)?;
        let mut out = a.edit.apply(&text);
        out.insert(a.edit.sel_start, '|');
        Some((out, a.more))
    }

    #[test]
    fn what_was_typed_is_replaced() {
        let cases = [
            (
                r#"{"Action": "s3:GetO|"}"#,
                "s3:GetObject",
                r#"{"Action": "s3:GetObject|"}"#,
                false,
            ),
            (
                r#"{"Action": ["secr|"]}"#,
                "secretsmanager:",
                r#"{"Action": ["secretsmanager:|"]}"#,
                true,
            ),
            // Only what was typed: the rest of the string stays.
            (
                r#"{"Action": "s3:G|Obj"}"#,
                "s3:GetObject",
                r#"{"Action": "s3:GetObject|Obj"}"#,
                false,
            ),
            // No closing quote: one is added after a whole name, not after a prefix.
            (
                "{\"Action\": [\"sts:Ass|\n]}",
                "sts:AssumeRole",
                "{\"Action\": [\"sts:AssumeRole\"|\n]}",
                false,
            ),
            (
                "{\"Action\": [\"st|\n]}",
                "sts:",
                "{\"Action\": [\"sts:|\n]}",
                true,
            ),
            // A key of a condition operator, unterminated at the end of the text.
            (
                r#"{"StringEquals": {"sts:Ex|"#,
                "sts:ExternalId",
                r#"{"StringEquals": {"sts:ExternalId"|"#,
                false,
            ),
            // Text that needs escaping in JSON.
            (
                r#"{"Resource": "|"}"#,
                "a\"b",
                r#"{"Resource": "a\"b|"}"#,
                false,
            ),
        ];
        for (marked, item, want, more) in cases {
            assert_eq!(
                accept(marked, item),
                Some((want.to_string(), more)),
                "{marked} + {item}"
            );
        }
        let (text, _) = accept(r#"{"Action": "s3:GetO|"}"#, "s3:GetObject").expect("accepted");
        let json: serde_json::Value =
            serde_json::from_str(&text.replace('|', "")).expect("still JSON");
        assert_eq!(json["Action"], "s3:GetObject");
    }

    #[test]
    fn outside_a_string_nothing_is_accepted() {
        assert_eq!(accept(r#"{"Action": |"s3"}"#, "s3:GetObject"), None);
    }

    #[test]
    fn a_suggestion_for_an_earlier_key_is_not_accepted() {
        let typed = r#"{"Resource": "arn:aws:secretsmanager:us-east-1:2222|"}"#;
        let stale = "arn:aws:secretsmanager:us-east-1:${Account}:secret:${SecretId}";
        assert_eq!(accept(typed, stale), None);
        let fits = "arn:aws:secretsmanager:us-east-1:222222222222:secret:C-abcdef";
        assert!(accept(typed, fits).is_some());
        assert!(
            accept(r#"{"Action": "SECR|"}"#, "secretsmanager:").is_some(),
            "case is ignored"
        );
    }

    #[test]
    fn keys_of_the_list() {
        assert_eq!(list_key("ArrowDown", false), Some(ListKey::Move(1)));
        assert_eq!(list_key("ArrowUp", false), Some(ListKey::Move(-1)));
        assert_eq!(list_key("Enter", false), Some(ListKey::Accept));
        assert_eq!(list_key("Tab", false), Some(ListKey::Accept));
        assert_eq!(list_key("Enter", true), None, "Ctrl+Enter runs");
        assert_eq!(list_key("Tab", true), None, "Shift+Tab outdents");
        assert_eq!(list_key("Escape", false), Some(ListKey::Close));
        assert_eq!(list_key("a", false), None);
        assert_eq!(moved(0, -1, 3), 2);
        assert_eq!(moved(2, 1, 3), 0);
        assert_eq!(moved(1, 1, 3), 2);
        assert_eq!(moved(0, 1, 0), 0);
    }
}
