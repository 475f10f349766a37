//! A forgiving JSON tokenizer for syntax highlighting.
//!
//! It never fails: any text, valid JSON or not, is cut into tokens that cover it exactly,
//! in order, without gaps. A string value that is a JSONata expression (`"{% … %}"`) is
//! cut further, so the expression reads as code and a mark can land on its exact place. No token spans a line break, so the view can render line by line.
//! It runs in linear time.

/// What a piece of text is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A string used as an object key (followed by optional whitespace and `:`).
    Key,
    /// A string value, including an unterminated one (which ends at the line's end).
    String,
    /// A number (leniently: a run starting with `-` or a digit).
    Number,
    /// `true`, `false` or `null`.
    Literal,
    /// One of `{ } [ ] : ,`.
    Punct,
    /// Spaces, tabs and carriage returns.
    Whitespace,
    /// A line feed (`\n`), always a token of its own.
    Newline,
    /// Anything else.
    Plain,
    /// The `{%` and `%}` around a JSONata expression inside a string value.
    ExprDelim,
    /// A piece of a JSONata expression: a name, a number, an operator, a bracket.
    Expr,
    /// A `$` variable or function of a JSONata expression (`$states`, `$sum`).
    ExprVar,
}

/// A token: its kind and its byte range in the text (`start..end`, on `char` boundaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

fn is_punct(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b'[' | b']' | b':' | b',')
}

/// Bytes that end a word (a literal, a number or plain text).
fn is_delimiter(b: u8) -> bool {
    is_space(b) || is_punct(b) || b == b'\n' || b == b'"'
}

/// Cuts `text` into tokens for highlighting; never fails, whatever the input.
///
/// Only ASCII bytes are ever used as boundaries, so every range is on a `char` boundary.
pub fn highlight(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut tokens: Vec<Token> = Vec::with_capacity(n / 4 + 1);
    let mut i = 0;
    // Strings whose kind (key or value) is decided once the next significant byte is seen.
    let mut pending_string: Option<usize> = None;
    while i < n {
        let b = bytes[i];
        let start = i;
        let kind = if b == b'\n' {
            i += 1;
            TokenKind::Newline
        } else if is_space(b) {
            while i < n && is_space(bytes[i]) {
                i += 1;
            }
            TokenKind::Whitespace
        } else if is_punct(b) {
            i += 1;
            TokenKind::Punct
        } else if b == b'"' {
            i += 1;
            while i < n {
                match bytes[i] {
                    b'\\' => {
                        // Skip the escaped byte unless it is a line feed (or the end).
                        i += 1;
                        if i < n && bytes[i] != b'\n' {
                            i += 1;
                        }
                    }
                    b'"' => {
                        i += 1;
                        break;
                    }
                    b'\n' => break,
                    _ => i += 1,
                }
            }
            TokenKind::String
        } else {
            while i < n && !is_delimiter(bytes[i]) {
                i += 1;
            }
            match &text[start..i] {
                "true" | "false" | "null" => TokenKind::Literal,
                w if w.starts_with('-') || w.starts_with(|c: char| c.is_ascii_digit()) => {
                    TokenKind::Number
                }
                _ => TokenKind::Plain,
            }
        };
        // Escapes may have skipped a UTF-8 lead byte; move to the next char boundary.
        while i < n && !text.is_char_boundary(i) {
            i += 1;
        }
        if !matches!(kind, TokenKind::Whitespace | TokenKind::Newline) {
            if let Some(s) = pending_string.take() {
                if b == b':' {
                    tokens[s].kind = TokenKind::Key;
                }
            }
            if kind == TokenKind::String {
                pending_string = Some(tokens.len());
            }
        }
        tokens.push(Token {
            kind,
            start,
            end: i,
        });
    }
    if !tokens
        .iter()
        .any(|t| t.kind == TokenKind::String && is_expression(&text[t.start..t.end]))
    {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len() + 16);
    for t in tokens {
        if t.kind == TokenKind::String && is_expression(&text[t.start..t.end]) {
            split_expression(text, t.start, t.end, &mut out);
        } else {
            out.push(t);
        }
    }
    out
}

/// Whether a string token (quotes included) is a whole `"{% … %}"` expression.
fn is_expression(s: &str) -> bool {
    s.len() >= 6 && s.starts_with("\"{%") && s.ends_with("%}\"")
}

/// Cuts the string token `start..end` (a `"{% … %}"` expression) into its quotes, its
/// delimiters and the expression's pieces. Every boundary is an ASCII byte.
fn split_expression(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut push = |kind, start, end| out.push(Token { kind, start, end });
    push(TokenKind::String, start, start + 1);
    push(TokenKind::ExprDelim, start + 1, start + 3);
    let (body_end, bytes) = (end - 3, text.as_bytes());
    let mut i = start + 3;
    while i < body_end {
        let from = i;
        let b = bytes[i];
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        let kind = if is_space(b) {
            while i < body_end && is_space(bytes[i]) {
                i += 1;
            }
            TokenKind::Whitespace
        } else if b == b'$' || word(b) {
            i += 1;
            while i < body_end && word(bytes[i]) {
                i += 1;
            }
            if b == b'$' {
                TokenKind::ExprVar
            } else {
                TokenKind::Expr
            }
        } else {
            i += 1;
            TokenKind::Expr
        };
        while i < body_end && !text.is_char_boundary(i) {
            i += 1;
        }
        push(kind, from, i);
    }
    push(TokenKind::ExprDelim, end - 3, end - 1);
    push(TokenKind::String, end - 1, end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        highlight(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.start..t.end]))
            .collect()
    }

    fn covers_exactly(text: &str) {
        let toks = highlight(text);
        let mut at = 0;
        for t in &toks {
            assert_eq!(t.start, at, "gap in {text:?}");
            assert!(t.end > t.start);
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            if t.kind != Newline {
                assert!(!text[t.start..t.end].contains('\n'));
            }
            at = t.end;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn keys_values_and_punctuation() {
        assert_eq!(
            kinds(r#"{"a": "b", "n" :-1.5e3, "t":[true,false,null]}"#),
            vec![
                (Punct, "{"),
                (Key, "\"a\""),
                (Punct, ":"),
                (Whitespace, " "),
                (String, "\"b\""),
                (Punct, ","),
                (Whitespace, " "),
                (Key, "\"n\""),
                (Whitespace, " "),
                (Punct, ":"),
                (Number, "-1.5e3"),
                (Punct, ","),
                (Whitespace, " "),
                (Key, "\"t\""),
                (Punct, ":"),
                (Punct, "["),
                (Literal, "true"),
                (Punct, ","),
                (Literal, "false"),
                (Punct, ","),
                (Literal, "null"),
                (Punct, "]"),
                (Punct, "}"),
            ]
        );
    }

    #[test]
    fn key_across_a_line_break() {
        let k = kinds("{\"a\"\n  : 1}");
        assert_eq!(k[1], (Key, "\"a\""));
        assert_eq!(k[2], (Newline, "\n"));
    }

    #[test]
    fn escapes_and_unterminated_strings() {
        assert_eq!(kinds(r#""a\"b""#), vec![(String, r#""a\"b""#)]);
        assert_eq!(kinds(r#""a\\" x"#)[0], (String, r#""a\\""#));
        assert_eq!(
            kinds("\"open\n1"),
            vec![(String, "\"open"), (Newline, "\n"), (Number, "1")]
        );
        assert_eq!(kinds("\"x\\")[0], (String, "\"x\\"));
        assert_eq!(kinds("\"x\\\n")[0], (String, "\"x\\"));
    }

    #[test]
    fn expressions_are_cut_into_code() {
        assert_eq!(
            kinds(r#"{"Output": "{% $states.input.n + 1 %}"}"#),
            vec![
                (Punct, "{"),
                (Key, "\"Output\""),
                (Punct, ":"),
                (Whitespace, " "),
                (String, "\""),
                (ExprDelim, "{%"),
                (Whitespace, " "),
                (ExprVar, "$states"),
                (Expr, "."),
                (Expr, "input"),
                (Expr, "."),
                (Expr, "n"),
                (Whitespace, " "),
                (Expr, "+"),
                (Whitespace, " "),
                (Expr, "1"),
                (Whitespace, " "),
                (ExprDelim, "%}"),
                (String, "\""),
                (Punct, "}"),
            ]
        );
        assert_eq!(kinds(r#""{% x""#), vec![(String, r#""{% x""#)]);
        assert_eq!(kinds(r#"{"{% k %}": 1}"#)[1], (Key, r#""{% k %}""#));
        assert_eq!(kinds(r#""{%%}""#)[1], (ExprDelim, "{%"));
    }

    #[test]
    fn other_text_is_plain() {
        assert_eq!(
            kinds("tru nulls @"),
            vec![
                (Plain, "tru"),
                (Whitespace, " "),
                (Plain, "nulls"),
                (Whitespace, " "),
                (Plain, "@")
            ]
        );
    }

    #[test]
    fn never_fails_and_covers_the_text() {
        for text in [
            "",
            "\"",
            "\\",
            "\"\\é\"",
            "\"\\😀",
            "é😀{\"ключ\": \"значение\"}",
            "{\r\n  \"a\": [1, 2,, ]\r\n",
            "}}]]::,,",
            "\n\n\t ",
            "\"a\":",
            "\"{%%}\"",
            "\"{% é😀 \\\" $x %}\"",
            "[\"{% %}\", \"{%\n%}\"]",
        ] {
            covers_exactly(text);
        }
    }
}
