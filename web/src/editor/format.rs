//! Pretty-printing for the Format button.

use super::pos::{floor_boundary, line_col_to_byte};
use super::tokenize::{highlight, TokenKind};

/// Pretty-prints JSON text with two-space indentation.
///
/// The text is checked with serde_json first; on a syntax error the message names the place
/// as `line:column: message`. The output keeps the document's own key order and number
/// spelling (it re-indents the tokens rather than re-serializing a parsed value).
pub fn format_json(text: &str) -> Result<String, String> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        let line = e.line().max(1);
        let column = char_column(text, line, e.column());
        return Err(format!("{line}:{column}: {message}"));
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let tokens: Vec<_> = highlight(text)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::Whitespace | TokenKind::Newline))
        .collect();
    for (i, t) in tokens.iter().enumerate() {
        let s = &text[t.start..t.end];
        let next = tokens.get(i + 1).map(|n| &text[n.start..n.end]);
        match s {
            "{" | "[" => {
                out.push_str(s);
                if matches!(next, Some("}" | "]")) {
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            "}" | "]" => {
                let prev = i
                    .checked_sub(1)
                    .map(|p| &text[tokens[p].start..tokens[p].end]);
                if !matches!(prev, Some("{" | "[")) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push_str(s);
            }
            "," => {
                out.push(',');
                newline(&mut out, depth);
            }
            ":" => out.push_str(": "),
            _ => out.push_str(s),
        }
    }
    Ok(out)
}

/// serde_json counts columns in bytes; the editor's columns count chars.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let start = line_col_to_byte(text, line, 1);
    let end = floor_boundary(text, (start + byte_column).saturating_sub(1));
    text.get(start..end.max(start))
        .map_or(0, |s| s.chars().count())
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_prints_with_two_spaces_keeping_order_and_numbers() {
        let text = r#"{"b":1.0,"a":[1,2e3,{}],"c":{"d":[]},"e":"x:,{"}"#;
        let want = "{\n  \"b\": 1.0,\n  \"a\": [\n    1,\n    2e3,\n    {}\n  ],\n  \"c\": {\n    \"d\": []\n  },\n  \"e\": \"x:,{\"\n}";
        assert_eq!(format_json(text).unwrap(), want);
        assert_eq!(format_json(want).unwrap(), want, "idempotent");
        assert_eq!(format_json(" [ ] ").unwrap(), "[]");
        assert_eq!(format_json("\"é\"").unwrap(), "\"é\"");
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = format_json("{\n  \"a\": ,\n}").unwrap_err();
        assert!(e.starts_with("2:8: "), "{e}");
        assert!(!e.contains("at line"), "{e}");
        assert!(format_json("").unwrap_err().starts_with("1:1: "));
        assert!(format_json("{} x").is_err());
        assert!(format_json("[\"é\", x]").unwrap_err().starts_with("1:7: "));
    }
}
