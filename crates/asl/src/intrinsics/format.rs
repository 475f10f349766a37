//! `States.Format`: the template with each `{}` replaced by the next value.
//!
//! A template written as a literal keeps its `\{`, `\}` and `\\` escapes after parsing, so
//! that an escaped brace is never taken for a placeholder; a template read from a path is
//! plain text.

use std::convert::Infallible;
use std::fmt::Write;

use serde_json::Value;

/// The number of `{}` placeholders; with `escapes`, `\x` stands for the character `x`.
pub fn count_placeholders(template: &str, escapes: bool) -> usize {
    let mut count = 0;
    let Ok(()) = each_piece(template, escapes, |piece| {
        count += usize::from(piece.is_none());
        Ok::<(), Infallible>(())
    });
    count
}

/// Walks the template: `Some(text)` for literal text, `None` for a placeholder.
pub fn each_piece<E>(
    template: &str,
    escapes: bool,
    mut piece: impl FnMut(Option<&str>) -> Result<(), E>,
) -> Result<(), E> {
    let mut rest = template;
    loop {
        // Both are ASCII, so a byte search finds them (UTF-8 never uses those bytes inside a
        // multi-byte character).
        let next = rest
            .bytes()
            .position(|b| b == b'{' || (escapes && b == b'\\'));
        let Some(at) = next else {
            if !rest.is_empty() {
                piece(Some(rest))?;
            }
            return Ok(());
        };
        if at > 0 {
            piece(Some(&rest[..at]))?;
        }
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{}") {
            piece(None)?;
            rest = after;
        } else if let Some(escaped) = tail.strip_prefix('\\') {
            // The escaped character is emitted as text (a lone trailing backslash as itself).
            let len = escaped.chars().next().map_or(0, char::len_utf8);
            piece(Some(if len == 0 { tail } else { &escaped[..len] }))?;
            rest = &escaped[len..];
        } else {
            piece(Some("{"))?;
            rest = tail.get(1..).unwrap_or("");
        }
    }
}

/// Appends `value` as `States.Format` writes it: strings as they are, other scalars as JSON,
/// arrays as `[a, b]` and objects as `{key=value, ...}`.
pub fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let mut digits = itoa::Buffer::new();
            match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => out.push_str(digits.format(u)),
                (None, Some(i)) => out.push_str(digits.format(i)),
                _ => {
                    let _ = write!(out, "{n}");
                }
            }
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}
