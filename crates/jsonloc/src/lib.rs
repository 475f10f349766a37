//! JSON text helpers shared by the engines: parse text into a [`serde_json::Value`] with a
//! syntax error that names line and column, and find where a JSON pointer sits in the text.
//!
//! Locating is lazy on purpose: the engines parse with serde_json at full speed and only
//! scan the text again when they have a diagnostic to place: [`locate`] scans once per
//! pointer, [`Index`] indexes the text once for many pointers (what [`locate_all`] does).
//!
//! It also holds what every engine's problems share: [`Diagnostic`] (generic over each
//! engine's typed code enum), [`Severity`], and the "did you mean" helper [`closest`].

#![warn(missing_docs)]

mod diagnostic;
mod index;
mod suggest;

pub use diagnostic::{locate_all, Diagnostic, DiagnosticCode, ReadCode, Severity};
pub use index::Index;
pub use suggest::closest;

use serde_json::Value;
use std::fmt;

/// A place in a text: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Text that is not JSON: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the text stops being JSON.
    pub position: Position,
    /// serde_json's message, without its location suffix.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: invalid JSON: {}", self.position, self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// Parses JSON text; a syntax error carries line and column.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    serde_json::from_str(text).map_err(|e| syntax_error(&e))
}

/// Converts a serde_json error into a [`SyntaxError`] (message without the location suffix).
pub fn syntax_error(e: &serde_json::Error) -> SyntaxError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    SyntaxError {
        position: Position {
            line: e.line().max(1),
            column: e.column().max(1),
        },
        message,
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 says.
pub fn pointer_push(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Splits a JSON pointer into its unescaped reference tokens (`""` is the whole document).
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Finds where the value at `pointer` sits in `text`: for an object member, the position of
/// its key; for an array element or the root, the position of the value. Returns the
/// deepest position reached when the pointer leads nowhere, and `None` for text that is
/// not JSON at the root.
pub fn locate(text: &str, pointer: &str) -> Option<Position> {
    let offset = Scanner::new(text).locate(&pointer_tokens(pointer))?;
    Some(position_of(text, offset))
}

/// Where the value at `pointer` starts (its key, for an object member) and ends: for
/// highlighting a whole member, such as a policy statement.
pub fn span(text: &str, pointer: &str) -> Option<(Position, Position)> {
    let mut scanner = Scanner::new(text);
    let start = scanner.find(&pointer_tokens(pointer))?;
    scanner.skip_ws();
    scanner.skip_value()?;
    Some((
        position_of(text, start),
        position_of(text, scanner.i.saturating_sub(1)),
    ))
}

/// Where each element of the array at the root of `text` is (byte ranges), so that a
/// pointer inside one element can be located in that element's text alone: a batch of many
/// documents is then located in one pass rather than one scan from the top per pointer.
/// `None` when the root is not an array.
pub fn root_elements(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let mut scanner = Scanner::new(text);
    scanner.skip_ws();
    if scanner.peek()? != b'[' {
        return None;
    }
    scanner.i += 1;
    let mut spans = Vec::new();
    loop {
        scanner.skip_ws();
        match scanner.peek()? {
            b']' => return Some(spans),
            b',' => scanner.i += 1,
            _ => {
                let start = scanner.i;
                scanner.skip_value()?;
                spans.push(start..scanner.i);
            }
        }
    }
}

/// Checks that `text` is JSON without building its value: a syntax error carries line and
/// column, as [`parse`]'s does.
pub fn check_syntax(text: &str) -> Result<(), SyntaxError> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| syntax_error(&e))
}

impl Position {
    /// The position, in a whole text, of `inner`: a position within a part of the text that
    /// starts at `self`.
    pub fn then(self, inner: Position) -> Position {
        if inner.line == 1 {
            Position {
                line: self.line,
                column: self.column + inner.column - 1,
            }
        } else {
            Position {
                line: self.line + inner.line - 1,
                column: inner.column,
            }
        }
    }
}

/// Where the value at `pointer` itself starts, as a byte offset into `text` (for an object
/// member, its value rather than its key; for a string, its opening quote): for pointing
/// at a place inside a string value. `None` when the pointer leads nowhere.
pub fn value_offset(text: &str, pointer: &str) -> Option<usize> {
    let mut scanner = Scanner::new(text);
    scanner.find(&pointer_tokens(pointer))?;
    scanner.skip_ws();
    Some(scanner.i)
}

/// Where a problem at `pointer` is: inside the string value when `inner` says where (a
/// diagnostic's `inner`: characters from the string's opening quote), else at its member.
pub fn locate_inner(text: &str, pointer: &str, inner: Option<u16>) -> Option<Position> {
    match inner {
        Some(chars) => inside_string(text, pointer, chars),
        None => locate(text, pointer),
    }
}

/// Where the `chars`-th character of the string value at `pointer` is, counting from its
/// opening quote (character 0) in decoded characters: an escape such as `\"` or `\u00e9`
/// counts as the one character it stands for. Past the string's end, its closing quote.
/// `None` when the pointer leads nowhere; the value's start when it is not a string.
pub fn inside_string(text: &str, pointer: &str, chars: u16) -> Option<Position> {
    let start = value_offset(text, pointer)?;
    Some(position_of(text, string_char(text, start, chars)))
}

/// The byte offset of the `chars`-th character of the string that opens at `start`, as
/// [`inside_string`] counts them; `start` itself when no string opens there.
pub(crate) fn string_char(text: &str, start: usize, chars: u16) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'"') || chars == 0 {
        return start;
    }
    let mut at = start + 1;
    for _ in 1..chars {
        match bytes.get(at) {
            None | Some(b'"') => break,
            Some(b'\\') if bytes.get(at + 1) == Some(&b'u') => at += 6,
            Some(b'\\') => at += 2,
            Some(_) => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    at
}

/// Converts a byte offset into a line:column position.
pub fn position_of(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position { line, column }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            bytes: text.as_bytes(),
            text,
            i: 0,
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.bytes.len()
            && matches!(self.bytes[self.i], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn locate(&mut self, tokens: &[String]) -> Option<usize> {
        self.skip_ws();
        self.peek()?;
        let mut best = self.i;
        for token in tokens {
            self.skip_ws();
            match self.peek()? {
                b'{' => match self.find_member(token) {
                    Some(key_at) => {
                        best = key_at;
                        self.skip_ws();
                    }
                    None => return Some(best),
                },
                b'[' => match token
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| self.find_element(n))
                {
                    Some(at) => best = at,
                    None => return Some(best),
                },
                _ => return Some(best),
            }
        }
        Some(best)
    }

    /// Like `locate`, but only succeeds when the whole pointer resolves; leaves the scanner
    /// at the value.
    fn find(&mut self, tokens: &[String]) -> Option<usize> {
        self.skip_ws();
        let mut at = self.i;
        self.peek()?;
        for token in tokens {
            self.skip_ws();
            at = match self.peek()? {
                b'{' => self.find_member(token)?,
                b'[' => self.find_element(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(at)
    }

    /// At `{`: moves to the value of member `name` and returns the key's offset.
    fn find_member(&mut self, name: &str) -> Option<usize> {
        self.i += 1;
        loop {
            self.skip_ws();
            match self.peek()? {
                b'}' => return None,
                b',' => {
                    self.i += 1;
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let key_at = self.i;
            let key_end = self.skip_string()?;
            let key: String = serde_json::from_str(&self.text[key_at..key_end]).ok()?;
            self.skip_ws();
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            self.skip_ws();
            if key == name {
                return Some(key_at);
            }
            self.skip_value()?;
        }
    }

    /// At `[`: moves to element `n` and returns its offset.
    fn find_element(&mut self, n: usize) -> Option<usize> {
        self.i += 1;
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.peek()? {
                b']' => return None,
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            if index == n {
                return Some(self.i);
            }
            self.skip_value()?;
            index += 1;
        }
    }

    /// Skips a string starting at `"`; returns the offset after its closing quote.
    fn skip_string(&mut self) -> Option<usize> {
        self.i += 1;
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'\\' => self.i += 1,
                b'"' => return Some(self.i),
                _ => {}
            }
        }
        None
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => {
                self.skip_string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
                return None;
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn root_elements_locate_inside_one_element() {
        let text = "[\n {\"a\": 1},\n  {\"b\": [1,\n {\"c\": 2}]}, 3 ]";
        let spans = super::root_elements(text).unwrap();
        assert_eq!(spans.len(), 3);
        assert_eq!(&text[spans[2].clone()], "3");
        assert_eq!(&text[spans[0].clone()], "{\"a\": 1}");
        let start = super::position_of(text, spans[1].start);
        let inner = super::locate(&text[spans[1].clone()], "/b/1/c").unwrap();
        assert_eq!(Some(start.then(inner)), super::locate(text, "/1/b/1/c"));
        let inner = super::locate(&text[spans[1].clone()], "/b").unwrap();
        assert_eq!(Some(start.then(inner)), super::locate(text, "/1/b"));
        assert_eq!(super::root_elements("{}"), None);
        assert_eq!(super::root_elements("[]"), Some(vec![]));
    }

    use super::*;

    const DOC: &str = "{\n  \"a\": {\"b/c\": [1, {\"d\": true}]},\n  \"é\": \"x\"\n}";

    #[test]
    fn locates_keys_and_elements() {
        assert_eq!(locate(DOC, ""), Some(Position { line: 1, column: 1 }));
        assert_eq!(locate(DOC, "/a"), Some(Position { line: 2, column: 3 }));
        assert_eq!(
            locate(DOC, "/a/b~1c"),
            Some(Position { line: 2, column: 9 })
        );
        assert_eq!(
            locate(DOC, "/a/b~1c/1"),
            Some(Position {
                line: 2,
                column: 20
            })
        );
        assert_eq!(
            locate(DOC, "/a/b~1c/1/d"),
            Some(Position {
                line: 2,
                column: 21
            })
        );
        assert_eq!(locate(DOC, "/é"), Some(Position { line: 3, column: 3 }));
    }

    #[test]
    fn value_offsets_point_at_the_value_not_the_key() {
        let text = "{\"a\": {\"b\":  \"xyz\"}}";
        let at = value_offset(text, "/a/b").unwrap();
        assert_eq!(&text[at..at + 4], "\"xyz");
        assert_eq!(value_offset(text, "/a/c"), None);
    }

    #[test]
    fn spans_cover_the_whole_value() {
        let (start, end) = span(DOC, "/a/b~1c/1").unwrap();
        assert_eq!((start.line, start.column), (2, 20));
        assert_eq!((end.line, end.column), (2, 30));
        let (start, end) = span(DOC, "/a").unwrap();
        assert_eq!((start.line, end.line), (2, 2));
        assert_eq!(span(DOC, "/zz"), None);
        assert_eq!(span(DOC, "").map(|(s, e)| (s.line, e.line)), Some((1, 4)));
    }

    #[test]
    fn missing_member_gives_deepest_known_place() {
        assert_eq!(
            locate(DOC, "/a/zz/y"),
            Some(Position { line: 2, column: 3 })
        );
        assert_eq!(locate("", "/a"), None);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        assert_eq!(check_syntax("[1, {\"a\": null}]"), Ok(()));
        assert_eq!(
            check_syntax("{\n  \"a\": [1,,2]\n}"),
            parse("{\n  \"a\": [1,,2]\n}").map(|_| ())
        );
        let e = parse("{\n  \"a\": [1,,2]\n}").unwrap_err();
        assert_eq!(e.position.line, 2);
        assert_eq!(e.position.column, 11);
        assert!(e.message.contains("expected"), "{}", e.message);
        assert!(!e.message.contains("line"), "{}", e.message);
    }

    #[test]
    fn pointer_round_trip() {
        let p = pointer_push(&pointer_push("", "a/b"), "c~d");
        assert_eq!(p, "/a~1b/c~0d");
        assert_eq!(pointer_tokens(&p), vec!["a/b", "c~d"]);
    }
}
