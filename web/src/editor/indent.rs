//! Bracket-aware editing keys as pure functions: Enter, closing brackets, Tab and Shift+Tab.
//!
//! Positions are byte offsets into the text; any offset is accepted (clamped and moved to a
//! char boundary), so no input can panic. The view converts the textarea's UTF-16 offsets.

use super::pos::{floor_boundary, line_end, line_start};
use super::tokenize::{highlight, TokenKind};

/// The indentation unit.
pub const INDENT: &str = "  ";

/// A text edit: replace `start..end` with `insert`, then select `sel_start..sel_end`
/// (byte offsets; the selection is in the new text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub insert: String,
    pub sel_start: usize,
    pub sel_end: usize,
}

impl Edit {
    /// The text after the edit.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.insert.len());
        out.push_str(&text[..self.start]);
        out.push_str(&self.insert);
        out.push_str(&text[self.end..]);
        out
    }
}

/// Orders a selection and moves both ends onto char boundaries within the text.
fn clamp(text: &str, start: usize, end: usize) -> (usize, usize) {
    let (a, b) = (floor_boundary(text, start), floor_boundary(text, end));
    (a.min(b), a.max(b))
}

fn leading_ws(s: &str) -> &str {
    &s[..s.len() - s.trim_start_matches([' ', '\t']).len()]
}

fn closer_of(opener: char) -> Option<char> {
    match opener {
        '{' => Some('}'),
        '[' => Some(']'),
        _ => None,
    }
}

/// Enter on the selection `start..end`: a line break keeping the line's indentation, one
/// level more after `{` or `[`, and the matching closer (if next) on its own line.
pub fn enter_edit(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = clamp(text, start, end);
    let ls = line_start(text, start);
    let before = &text[ls..start];
    let indent = leading_ws(before);
    let after = &text[end..line_end(text, end)];
    let rest = after.trim_start_matches([' ', '\t']);
    let replace_end = end + (after.len() - rest.len());
    let closer = before
        .trim_end_matches([' ', '\t'])
        .chars()
        .last()
        .and_then(closer_of);
    let mut insert = format!("\n{indent}");
    if let Some(closer) = closer {
        insert.push_str(INDENT);
        let caret = start + insert.len();
        if rest.starts_with(closer) {
            insert.push('\n');
            insert.push_str(indent);
        }
        return Edit {
            start,
            end: replace_end,
            insert,
            sel_start: caret,
            sel_end: caret,
        };
    }
    let caret = start + insert.len();
    Edit {
        start,
        end: replace_end,
        insert,
        sel_start: caret,
        sel_end: caret,
    }
}

/// Enter at a caret (byte offset): the new text and the new caret.
#[allow(dead_code)]
pub fn on_enter(text: &str, caret: usize) -> (String, usize) {
    let e = enter_edit(text, caret, caret);
    (e.apply(text), e.sel_start)
}

/// The indentation of the line holding the innermost bracket left open before `upto`.
fn open_bracket_indent(text: &str, upto: usize) -> Option<&str> {
    let head = &text[..floor_boundary(text, upto)];
    let mut stack: Vec<&str> = Vec::new();
    let mut line_indent = "";
    let mut at_line_start = true;
    for t in highlight(head) {
        let s = &head[t.start..t.end];
        match t.kind {
            TokenKind::Newline => {
                at_line_start = true;
                line_indent = "";
                continue;
            }
            TokenKind::Whitespace if at_line_start => line_indent = leading_ws(s),
            TokenKind::Punct if s == "{" || s == "[" => stack.push(line_indent),
            TokenKind::Punct if s == "}" || s == "]" => {
                stack.pop();
            }
            _ => {}
        }
        at_line_start = false;
    }
    stack.pop()
}

/// Removes one level (a tab, or up to two spaces) from the end of an indentation.
fn dedent(indent: &str) -> &str {
    if let Some(s) = indent.strip_suffix('\t') {
        return s;
    }
    let trimmed = indent.trim_end_matches(' ');
    let removed = (indent.len() - trimmed.len()).min(INDENT.len());
    &indent[..indent.len() - removed]
}

/// Typing `}` or `]` over `start..end` on a line holding only whitespace before the caret:
/// the bracket goes to the indentation of the line that opened it (or one level less).
/// `None` when the key should be typed normally.
pub fn close_bracket_edit(text: &str, start: usize, end: usize, ch: char) -> Option<Edit> {
    if ch != '}' && ch != ']' {
        return None;
    }
    let (start, end) = clamp(text, start, end);
    if text[start..end].contains('\n') {
        return None;
    }
    let ls = line_start(text, start);
    let prefix = &text[ls..start];
    if prefix.is_empty() || leading_ws(prefix).len() != prefix.len() {
        return None;
    }
    let target = match open_bracket_indent(text, ls) {
        Some(t) if t.len() < prefix.len() => t,
        _ => dedent(prefix),
    };
    if target.len() == prefix.len() {
        return None;
    }
    let mut insert = target.to_string();
    insert.push(ch);
    let caret = ls + insert.len();
    Some(Edit {
        start: ls,
        end,
        insert,
        sel_start: caret,
        sel_end: caret,
    })
}

/// The lines a selection touches: from the start of the first line to the end of the last
/// (a selection ending at a line's start does not touch that line).
fn touched_lines(text: &str, start: usize, end: usize) -> (usize, usize) {
    let last = if end > start && text[..end].ends_with('\n') {
        end - 1
    } else {
        end
    };
    (line_start(text, start), line_end(text, last))
}

/// Tab: two spaces in place of a selection within a line; with a selection over several
/// lines, every non-empty touched line is indented one level and the selection follows.
pub fn indent_edit(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = clamp(text, start, end);
    if !text[start..end].contains('\n') {
        let caret = start + INDENT.len();
        return Edit {
            start,
            end,
            insert: INDENT.to_string(),
            sel_start: caret,
            sel_end: caret,
        };
    }
    let (bs, be) = touched_lines(text, start, end);
    let mut insert = String::with_capacity(be - bs + 32);
    let (mut sel_start, mut sel_end) = (start, end);
    let mut at = bs;
    for (i, line) in text[bs..be].split('\n').enumerate() {
        if i > 0 {
            insert.push('\n');
        }
        if !line.is_empty() {
            insert.push_str(INDENT);
            if at < start {
                sel_start += INDENT.len();
            }
            if at < end {
                sel_end += INDENT.len();
            }
        }
        insert.push_str(line);
        at += line.len() + 1;
    }
    Edit {
        start: bs,
        end: be,
        insert,
        sel_start,
        sel_end,
    }
}

/// Shift+Tab: removes one level (a tab, or up to two spaces) at the start of every touched
/// line. `None` when there is nothing to remove.
pub fn outdent_edit(text: &str, start: usize, end: usize) -> Option<Edit> {
    let (start, end) = clamp(text, start, end);
    let (bs, be) = touched_lines(text, start, end);
    let mut insert = String::with_capacity(be - bs);
    let (mut sel_start, mut sel_end) = (start, end);
    let mut removed_any = false;
    let mut at = bs;
    for (i, line) in text[bs..be].split('\n').enumerate() {
        if i > 0 {
            insert.push('\n');
        }
        let removed = if line.starts_with('\t') {
            1
        } else {
            (line.len() - line.trim_start_matches(' ').len()).min(INDENT.len())
        };
        removed_any |= removed > 0;
        // A position inside the removed indentation moves to the line's start.
        let shift = |p: usize| p.saturating_sub(at).min(removed);
        if start >= at {
            sel_start -= shift(start);
        }
        if end >= at {
            sel_end -= shift(end);
        }
        insert.push_str(&line[removed..]);
        at += line.len() + 1;
    }
    removed_any.then_some(Edit {
        start: bs,
        end: be,
        insert,
        sel_start,
        sel_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies an edit to a text with `|` marking the caret (or `|…|` a selection) and
    /// returns the result with the new selection marked the same way.
    fn run(marked: &str, f: impl Fn(&str, usize, usize) -> Option<Edit>) -> Option<String> {
        let start = marked.find('|').unwrap();
        let second = marked[start + 1..].find('|').map(|i| i + start + 1);
        let text = marked.replace('|', "");
        let end = second.map_or(start, |e| e - 1);
        let e = f(&text, start, end)?;
        let mut out = e.apply(&text);
        if e.sel_end != e.sel_start {
            out.insert(e.sel_end, '|');
        }
        out.insert(e.sel_start, '|');
        Some(out)
    }

    fn enter(m: &str) -> String {
        run(m, |t, s, e| Some(enter_edit(t, s, e))).unwrap()
    }

    #[test]
    fn enter_keeps_indentation() {
        assert_eq!(enter("  \"a\": 1,|"), "  \"a\": 1,\n  |");
        assert_eq!(enter("x|"), "x\n|");
        assert_eq!(enter("  a| b"), "  a\n  |b");
        assert_eq!(enter("  |  "), "  \n  |");
    }

    #[test]
    fn enter_after_opener_indents_and_splits_the_closer() {
        assert_eq!(enter("  \"a\": {|"), "  \"a\": {\n    |");
        assert_eq!(enter("  [ |"), "  [ \n    |");
        assert_eq!(enter("  {|}"), "  {\n    |\n  }");
        assert_eq!(enter("[| ]"), "[\n  |\n]");
        assert_eq!(enter("{|]"), "{\n  |]");
        assert_eq!(enter("{|sel|}"), "{\n  |\n}");
    }

    #[test]
    fn on_enter_is_the_caret_form() {
        assert_eq!(on_enter("{}", 1), ("{\n  \n}".to_string(), 4));
        assert_eq!(on_enter("é", 1), ("\né".to_string(), 1), "inside a char");
        assert_eq!(on_enter("", 99), ("\n".to_string(), 1));
    }

    fn close(m: &str, ch: char) -> Option<String> {
        run(m, |t, s, e| close_bracket_edit(t, s, e, ch))
    }

    #[test]
    fn closers_dedent_blank_lines() {
        assert_eq!(
            close("{\n  \"a\": 1\n  |", '}').unwrap(),
            "{\n  \"a\": 1\n}|"
        );
        assert_eq!(
            close("  \"x\": [\n    1\n      |", ']').unwrap(),
            "  \"x\": [\n    1\n  ]|",
            "to the opener's indentation"
        );
        assert_eq!(close("    |", ']').unwrap(), "  ]|", "no opener: one level");
        assert_eq!(close("\t\t|", '}').unwrap(), "\t}|");
        assert_eq!(close("{\n|", '}'), None, "nothing to dedent");
        assert_eq!(close("{\n  a|", '}'), None, "not only whitespace");
        assert_eq!(close("{\n  |", ','), None);
        assert_eq!(close("{\n\"{\"\n  |", '}').unwrap(), "{\n\"{\"\n}|");
    }

    fn tab(m: &str) -> String {
        run(m, |t, s, e| Some(indent_edit(t, s, e))).unwrap()
    }

    fn untab(m: &str) -> Option<String> {
        run(m, outdent_edit)
    }

    #[test]
    fn tab_and_shift_tab() {
        assert_eq!(tab("a|b"), "a  |b");
        assert_eq!(tab("a|x|b"), "a  |b");
        assert_eq!(tab("|a\nb|\nc"), "|  a\n  b|\nc");
        assert_eq!(tab("a|a\n\nb|b"), "  a|a\n\n  b|b");
        assert_eq!(tab("|a\n|b"), "|  a\n|b");
        assert_eq!(untab("    a|").unwrap(), "  a|");
        assert_eq!(untab(" |a").unwrap(), "|a");
        assert_eq!(untab("a|"), None);
        assert_eq!(untab("  |a\n   b|").unwrap(), "|a\n b|");
        assert_eq!(untab("\t|a").unwrap(), "|a");
    }
}
