//! [`Index`]: where every value of a JSON text sits, found in one pass over the text, so
//! that many JSON pointers are located without scanning the text again for each one.
//! (The free functions [`crate::locate`] and friends scan from the top each time: right for
//! one pointer, quadratic for a diagnostic per statement of a 10,000-statement policy.)

use crate::{pointer_tokens, Position};
use std::borrow::Cow;

/// Values nested deeper than this are indexed as if they were scalars (serde_json refuses
/// documents nested deeper than 128 levels, so parsed text never reaches it).
const MAX_DEPTH: usize = 512;

/// Bytes per block of the character-count table.
const BLOCK: usize = 256;

/// A JSON text with the place of each of its values and each line start: JSON pointer →
/// line:column in time proportional to the pointer's depth (and the log of the text's
/// size), whatever the text's size. Text that is not JSON at its root is located by
/// scanning, as the free functions do.
#[derive(Debug, Clone)]
pub struct Index<'t> {
    text: &'t str,
    /// Every value, the root first; empty when the text is not JSON.
    nodes: Vec<Node<'t>>,
    /// Byte offset of each line's first byte.
    lines: Vec<usize>,
    /// Characters in the text before each [`BLOCK`]-byte boundary.
    chars: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Node<'t> {
    /// Where the value starts.
    start: usize,
    /// One past its last byte.
    end: usize,
    kind: Kind<'t>,
}

#[derive(Debug, Clone)]
enum Kind<'t> {
    Scalar,
    /// The node index of each element.
    Array(Vec<usize>),
    /// The members as written, and their positions in that list sorted by key (then by
    /// position, so that the first of duplicate keys is found, as the scan finds it).
    Object(Vec<Member<'t>>, Vec<usize>),
}

#[derive(Debug, Clone)]
struct Member<'t> {
    key: Cow<'t, str>,
    /// Where the key's opening quote is.
    key_at: usize,
    value: usize,
}

/// What a pointer leads to in the index.
struct Found {
    /// The node the whole pointer leads to, if it does.
    node: Option<usize>,
    /// Where the pointer's last resolved step is: the key of a member, the start of an
    /// element, the root's start.
    at: usize,
}

impl<'t> Index<'t> {
    /// Indexes `text` in one pass.
    pub fn new(text: &'t str) -> Index<'t> {
        let mut builder = Builder {
            text,
            bytes: text.as_bytes(),
            i: 0,
            nodes: Vec::new(),
        };
        builder.skip_ws();
        let nodes = match builder.value(0) {
            Some(_) => builder.nodes,
            None => Vec::new(),
        };
        let bytes = text.as_bytes();
        let mut lines = vec![0];
        lines.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars.push(count);
            count += block.iter().filter(|b| is_char_start(**b)).count();
        }
        chars.push(count);
        Index {
            text,
            nodes,
            lines,
            chars,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// As [`crate::locate`]: for an object member, the position of its key; for an array
    /// element or the root, the position of the value; the deepest place reached when the
    /// pointer leads nowhere; `None` for text that is not JSON at the root.
    pub fn locate(&self, pointer: &str) -> Option<Position> {
        if self.nodes.is_empty() {
            return crate::locate(self.text, pointer);
        }
        Some(self.position_of(self.find(pointer).at))
    }

    /// As [`crate::locate_inner`]: inside the string value when `inner` says where, else at
    /// its member.
    pub fn locate_inner(&self, pointer: &str, inner: Option<u16>) -> Option<Position> {
        match inner {
            Some(chars) => {
                let start = self.value_offset(pointer)?;
                Some(self.position_of(crate::string_char(self.text, start, chars)))
            }
            None => self.locate(pointer),
        }
    }

    /// As [`crate::span`]: where the value at `pointer` starts (its key, for an object
    /// member) and where its last character is; `None` when the pointer leads nowhere.
    pub fn span(&self, pointer: &str) -> Option<(Position, Position)> {
        if self.nodes.is_empty() {
            return crate::span(self.text, pointer);
        }
        let found = self.find(pointer);
        let node = self.nodes.get(found.node?)?;
        Some((
            self.position_of(found.at),
            self.position_of(node.end.saturating_sub(1)),
        ))
    }

    /// As [`crate::value_offset`]: the byte offset where the value at `pointer` itself
    /// starts (its value, not its key); `None` when the pointer leads nowhere.
    pub fn value_offset(&self, pointer: &str) -> Option<usize> {
        if self.nodes.is_empty() {
            return crate::value_offset(self.text, pointer);
        }
        let node = self.find(pointer).node?;
        self.nodes.get(node).map(|n| n.start)
    }

    /// The line:column of a byte offset (clamped to the text), without scanning the text.
    pub fn position_of(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.lines.partition_point(|&start| start <= offset);
        let line_start = self.lines.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        Position {
            line: line.max(1),
            column: self.chars_before(offset) - self.chars_before(line_start) + 1,
        }
    }

    /// Characters that start before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let from = block * BLOCK;
        let counted = self.chars.get(block).copied().unwrap_or(0);
        let rest = self.text.as_bytes().get(from..offset).unwrap_or_default();
        counted + rest.iter().filter(|b| is_char_start(**b)).count()
    }

    fn find(&self, pointer: &str) -> Found {
        let mut node = 0;
        let mut at = self.nodes.first().map_or(0, |n| n.start);
        for token in pointer_tokens(pointer) {
            let next = match self.nodes.get(node).map(|n| &n.kind) {
                Some(Kind::Object(members, sorted)) => {
                    let first = sorted.partition_point(|&m| members[m].key.as_ref() < &token);
                    sorted
                        .get(first)
                        .map(|&m| &members[m])
                        .filter(|m| m.key == token)
                        .map(|m| (m.value, m.key_at))
                }
                Some(Kind::Array(items)) => token
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| items.get(n))
                    .and_then(|&child| Some((child, self.nodes.get(child)?.start))),
                _ => None,
            };
            match next {
                Some((child, child_at)) => {
                    node = child;
                    at = child_at;
                }
                None => return Found { node: None, at },
            }
        }
        Found {
            node: Some(node),
            at,
        }
    }
}

/// Whether a byte starts a UTF-8 character (is not a continuation byte).
fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

struct Builder<'t> {
    text: &'t str,
    bytes: &'t [u8],
    i: usize,
    nodes: Vec<Node<'t>>,
}

impl<'t> Builder<'t> {
    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// Indexes the value at the cursor (after white space); returns its node.
    fn value(&mut self, depth: usize) -> Option<usize> {
        let start = self.i;
        let id = self.nodes.len();
        self.nodes.push(Node {
            start,
            end: start,
            kind: Kind::Scalar,
        });
        let kind = match self.bytes.get(self.i)? {
            b'{' if depth < MAX_DEPTH => self.object(depth)?,
            b'[' if depth < MAX_DEPTH => self.array(depth)?,
            b'{' | b'[' => {
                self.skip_nested()?;
                Kind::Scalar
            }
            b'"' => {
                self.string()?;
                Kind::Scalar
            }
            _ => {
                self.literal()?;
                Kind::Scalar
            }
        };
        let node = self.nodes.get_mut(id)?;
        node.end = self.i;
        node.kind = kind;
        Some(id)
    }

    fn object(&mut self, depth: usize) -> Option<Kind<'t>> {
        self.i += 1;
        let mut members = Vec::new();
        loop {
            self.skip_ws();
            match self.bytes.get(self.i)? {
                b'}' => break,
                b',' => {
                    self.i += 1;
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let key_at = self.i;
            let key_end = self.string()?;
            let raw = self.text.get(key_at + 1..key_end - 1)?;
            let key = if raw.contains('\\') {
                Cow::Owned(serde_json::from_str::<String>(self.text.get(key_at..key_end)?).ok()?)
            } else {
                Cow::Borrowed(raw)
            };
            self.skip_ws();
            if self.bytes.get(self.i)? != &b':' {
                return None;
            }
            self.i += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            members.push(Member { key, key_at, value });
        }
        self.i += 1;
        let mut sorted: Vec<usize> = (0..members.len()).collect();
        sorted.sort_by(|&a, &b| members[a].key.cmp(&members[b].key).then(a.cmp(&b)));
        Some(Kind::Object(members, sorted))
    }

    fn array(&mut self, depth: usize) -> Option<Kind<'t>> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.bytes.get(self.i)? {
                b']' => break,
                b',' => self.i += 1,
                _ => items.push(self.value(depth + 1)?),
            }
        }
        self.i += 1;
        Some(Kind::Array(items))
    }

    /// At `"`: moves past the string; returns the offset after its closing quote.
    fn string(&mut self) -> Option<usize> {
        self.i += 1;
        loop {
            match self.bytes.get(self.i)? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(self.i);
                }
                _ => self.i += 1,
            }
        }
    }

    fn literal(&mut self) -> Option<()> {
        let start = self.i;
        while let Some(b) = self.bytes.get(self.i) {
            if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.i += 1;
        }
        (self.i > start).then_some(())
    }

    /// Skips an object or array too deep to index.
    fn skip_nested(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.bytes.get(self.i)? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        self.i += 1;
                        return Some(());
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": {\"b/c\": [1, {\"d\": true}]},\n  \"é\": \"x\",\n  \"k\\\"q\": [ ],\n  \"a\": 2\n}";

    /// Every pointer the scan can answer, answered the same way by the index.
    #[test]
    fn answers_as_the_scan_does() {
        let index = Index::new(DOC);
        for pointer in [
            "",
            "/a",
            "/a/b~1c",
            "/a/b~1c/0",
            "/a/b~1c/1",
            "/a/b~1c/1/d",
            "/é",
            "/k\"q",
            "/a/zz/y",
            "/a/b~1c/7",
            "/é/x",
            "/nope",
            "/k\"q/0",
        ] {
            assert_eq!(
                index.locate(pointer),
                crate::locate(DOC, pointer),
                "{pointer}"
            );
            assert_eq!(index.span(pointer), crate::span(DOC, pointer), "{pointer}");
            assert_eq!(
                index.value_offset(pointer),
                crate::value_offset(DOC, pointer),
                "{pointer}"
            );
            for inner in [None, Some(0), Some(1), Some(40)] {
                assert_eq!(
                    index.locate_inner(pointer, inner),
                    crate::locate_inner(DOC, pointer, inner),
                    "{pointer} {inner:?}"
                );
            }
        }
    }

    #[test]
    fn positions_count_characters_across_blocks() {
        let text = format!("[\"{}\", 1,\n \"{}\", 2]", "é".repeat(300), "ü".repeat(200));
        let index = Index::new(&text);
        for offset in [
            0,
            1,
            255,
            256,
            257,
            600,
            604,
            605,
            700,
            text.len(),
            text.len() + 9,
        ] {
            let offset = (0..=offset.min(text.len()))
                .rev()
                .find(|o| text.is_char_boundary(*o))
                .unwrap_or(0);
            assert_eq!(
                index.position_of(offset),
                crate::position_of(&text, offset),
                "{offset}"
            );
        }
        assert_eq!(index.locate("/3"), crate::locate(&text, "/3"));
    }

    #[test]
    fn text_that_is_not_json_is_scanned() {
        for text in ["", "{\"a\": [1,", "nul", "{\"a\" 1}"] {
            let index = Index::new(text);
            assert_eq!(index.locate("/a"), crate::locate(text, "/a"), "{text}");
            assert_eq!(index.span("/a"), crate::span(text, "/a"), "{text}");
        }
        let deep = format!("{}1{}", "[".repeat(600), "]".repeat(600));
        let index = Index::new(&deep);
        let pointer = "/0".repeat(520);
        assert_eq!(index.locate(&pointer), Some(index.position_of(MAX_DEPTH)));
    }
}
