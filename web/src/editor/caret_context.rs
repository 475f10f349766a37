//! Where the caret is in a JSON text that may not be valid while it is typed: the string it
//! is in (a key or a value), that string's place as JSON pointer tokens and what was typed
//! of it so far, with every string value of the text and its place.
//!
//! A forgiving scanner: brackets, colons and commas move the place; anything it does not
//! understand is skipped. A string that is not closed ends at its line's end, as the
//! highlighter reads it. Linear in the text's length; never panics.

use super::pos::floor_boundary;

/// The string the caret is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaretContext {
    /// Pointer tokens: of the value, for a value; of the object holding it, for a key.
    pub path: Vec<String>,
    /// Whether the string is an object key.
    pub is_key: bool,
    /// The string's content from its opening quote to the caret, unescaped.
    pub typed: String,
    /// Byte offset where the string's content starts (after the opening quote).
    pub start: usize,
    /// Byte offset of the caret.
    pub caret: usize,
    /// Whether the string has its closing quote.
    pub closed: bool,
    /// Every string value of the text (the one at the caret as typed so far), with its
    /// pointer tokens, in text order.
    pub values: Vec<(Vec<String>, String)>,
}

/// One level of nesting.
enum Frame {
    /// An object: the key of the member being read, and whether a key comes next.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// An array: the index of the element being read.
    Array(usize),
}

/// The pointer tokens of the place being read.
fn path(stack: &[Frame]) -> Vec<String> {
    stack
        .iter()
        .filter_map(|f| match f {
            Frame::Object { key, .. } => key.clone(),
            Frame::Array(i) => Some(i.to_string()),
        })
        .collect()
}

/// A string's raw content unescaped as JSON does; content that does not read (a lone
/// backslash at the end) is kept as written.
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

/// The end of the string opening at `open` (a `"`): the byte offset of its closing quote
/// and `true`, or of its line's end (or the text's end) and `false`.
fn string_end(bytes: &[u8], open: usize) -> (usize, bool) {
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' if bytes.get(i + 1).is_some_and(|&n| n != b'\n') => i += 2,
            b'"' => return (i, true),
            b'\n' => return (i, false),
            _ => i += 1,
        }
    }
    (bytes.len(), false)
}

/// The string the caret (a byte offset, clamped) is in, if it is in one: after its opening
/// quote and no further than its closing quote (or its line's end when it has none).
pub fn caret_context(text: &str, caret: usize) -> Option<CaretContext> {
    let caret = floor_boundary(text, caret);
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut values = Vec::new();
    let mut found: Option<CaretContext> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                Some(Frame::Array(n)) => *n += 1,
                None => {}
            },
            b'"' => {
                let (end, closed) = string_end(bytes, i);
                let start = i + 1;
                let at_caret = start <= caret && caret <= end;
                // Quotes and line feeds are ASCII, so both ends are char boundaries.
                let content = unescape(text.get(start..end).unwrap_or_default());
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        expect_key: true,
                        ..
                    })
                );
                let typed = at_caret.then(|| unescape(text.get(start..caret).unwrap_or_default()));
                if is_key {
                    let here = path(&stack);
                    if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                        *key = Some(content);
                        *expect_key = false;
                    }
                    if let Some(typed) = typed {
                        found = Some(CaretContext {
                            path: here,
                            is_key: true,
                            typed,
                            start,
                            caret,
                            closed,
                            values: Vec::new(),
                        });
                    }
                } else {
                    let here = path(&stack);
                    if let Some(typed) = typed {
                        values.push((here.clone(), typed.clone()));
                        found = Some(CaretContext {
                            path: here,
                            is_key: false,
                            typed,
                            start,
                            caret,
                            closed,
                            values: Vec::new(),
                        });
                    } else {
                        values.push((here, content));
                    }
                }
                i = if closed { end + 1 } else { end };
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found.map(|c| CaretContext { values, ..c })
}

#[cfg(test)]
mod tests {
    //! Cases: a text with `|` where the caret is, and what the caret is in.
    use super::caret_context;

    /// The context at the `|` of `marked` (which is removed).
    fn at(marked: &str) -> Option<super::CaretContext> {
        let caret = marked.find('|').expect("a caret mark");
        let text = marked.replacen('|', "", 1);
        caret_context(&text, caret)
    }

    fn tokens(path: &[&str]) -> Vec<String> {
        path.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_value_in_an_array_in_valid_json() {
        let c = at(r#"{"Statement": [{"Effect": "Allow", "Action": ["s3:Get|Object", "x"]}]}"#)
            .expect("in a string");
        assert_eq!(c.path, tokens(&["Statement", "0", "Action", "0"]));
        assert!(!c.is_key);
        assert_eq!(c.typed, "s3:Get");
        assert!(c.closed);
        let text = r#"{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "x"]}]}"#;
        assert_eq!(&text[c.start..c.caret], "s3:Get");
        assert_eq!(
            c.values,
            vec![
                (tokens(&["Statement", "0", "Effect"]), "Allow".to_string()),
                (
                    tokens(&["Statement", "0", "Action", "0"]),
                    "s3:Get".to_string()
                ),
                (tokens(&["Statement", "0", "Action", "1"]), "x".to_string()),
            ]
        );
    }

    #[test]
    fn an_unterminated_string_at_the_caret() {
        let c = at("{\n  \"Statement\": {\n    \"Action\": \"secr|\n  }\n}").expect("in a string");
        assert_eq!(c.path, tokens(&["Statement", "Action"]));
        assert_eq!(c.typed, "secr");
        assert!(!c.closed);
        // At the very end of the text too.
        let c = at(r#"{"Statement": [{"Resource": ["arn:aws:s3|"#).expect("in a string");
        assert_eq!(c.path, tokens(&["Statement", "0", "Resource", "0"]));
        assert_eq!(c.typed, "arn:aws:s3");
    }

    #[test]
    fn the_rest_of_the_text_reads_on_after_an_unterminated_string() {
        let c = at("{\"Statement\": [{\"Action\": \"sts:Ass|\n, \"Resource\": \"*\"}, {\"Action\": \"b\"}]}")
            .expect("in a string");
        assert_eq!(c.typed, "sts:Ass");
        assert!(c
            .values
            .contains(&(tokens(&["Statement", "0", "Resource"]), "*".to_string())));
        assert!(c
            .values
            .contains(&(tokens(&["Statement", "1", "Action"]), "b".to_string())));
    }

    #[test]
    fn a_key_inside_a_condition_operator() {
        let c = at(
            r#"{"Statement": {"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:Ex|"#,
        )
        .expect("in a key");
        assert!(c.is_key);
        assert_eq!(c.path, tokens(&["Statement", "Condition", "StringEquals"]));
        assert_eq!(c.typed, "sts:Ex");
        // A second key of the same object, after a complete member.
        let c = at(r#"{"C": {"StringEquals": {"a": "b", "aws:Sou|": "x"}}}"#).expect("in a key");
        assert!(c.is_key && c.closed);
        assert_eq!(c.path, tokens(&["C", "StringEquals"]));
        assert_eq!(c.typed, "aws:Sou");
    }

    #[test]
    fn escapes_and_multibyte_text() {
        let c = at(r#"{"k": ["é\"q|"]}"#).expect("in a string");
        assert_eq!(c.typed, "é\"q");
        assert_eq!(c.path, tokens(&["k", "0"]));
        let c = at(r#"{"ключ": "a\|"#).expect("a lone backslash");
        assert_eq!(c.typed, "a\\");
    }

    #[test]
    fn outside_strings_there_is_no_context() {
        assert_eq!(at(r#"{"a": |"b"}"#), None, "before the opening quote");
        assert_eq!(at(r#"{"a": "b"|}"#), None, "after the closing quote");
        assert_eq!(at(r#"{"a": 1|2}"#), None);
        assert_eq!(at("|"), None);
        assert!(
            at(r#"{"a": "b|"}"#).is_some(),
            "just before the closing quote"
        );
        assert!(
            at(r#"{"a": "|b"}"#).is_some(),
            "just after the opening quote"
        );
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_char_are_clamped() {
        let text = r#"{"a": "é"#;
        let c = caret_context(text, text.len() - 1).expect("inside é: its start");
        assert_eq!(c.typed, "");
        let c = caret_context(text, 999).expect("past the end: the end");
        assert_eq!(c.typed, "é");
    }
}
