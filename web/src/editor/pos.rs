//! Conversions between the positions the editor deals with: byte offsets into a `&str`,
//! UTF-16 offsets (what a textarea's selection uses) and 1-based line/column (columns count
//! characters, like the engines' diagnostics). All functions clamp and never panic.

/// Converts a UTF-16 offset into a byte offset on a char boundary (rounding down inside a
/// surrogate pair, clamping past the end).
pub fn utf16_to_byte(text: &str, utf16: usize) -> usize {
    // ASCII counts a unit a byte: a text that is ASCII up to there (JSON mostly is) needs
    // no decoding, which a 900 KB policy's every keystroke would pay.
    let ascii = utf16.min(text.len());
    if text.as_bytes().get(..ascii).is_some_and(<[u8]>::is_ascii) {
        return ascii;
    }
    let mut units = 0;
    for (i, c) in text.char_indices() {
        let next = units + c.len_utf16();
        if next > utf16 {
            return i;
        }
        units = next;
    }
    text.len()
}

/// Converts a byte offset into a UTF-16 offset (a byte inside a char counts as its start).
pub fn byte_to_utf16(text: &str, byte: usize) -> usize {
    let byte = floor_boundary(text, byte);
    let head = &text[..byte];
    if head.is_ascii() {
        return byte;
    }
    head.chars().map(char::len_utf16).sum()
}

/// The greatest char boundary at or before `byte` (clamped to the text's length).
pub fn floor_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// The byte offset where the line holding `byte` starts.
pub fn line_start(text: &str, byte: usize) -> usize {
    let byte = floor_boundary(text, byte);
    text[..byte].rfind('\n').map_or(0, |i| i + 1)
}

/// The byte offset where the line holding `byte` ends (at its `\n`, or the text's end).
pub fn line_end(text: &str, byte: usize) -> usize {
    let byte = floor_boundary(text, byte);
    text[byte..].find('\n').map_or(text.len(), |i| byte + i)
}

/// The 1-based line holding `byte`.
pub fn line_of(text: &str, byte: usize) -> usize {
    let byte = floor_boundary(text, byte);
    text.as_bytes()[..byte]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The byte offset of a 1-based line and column (columns count chars); clamps a line past
/// the end to the last line and a column past the line's end to the line's end.
pub fn line_col_to_byte(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let end = line_end(text, start);
    text[start..end]
        .char_indices()
        .nth(column.max(1) - 1)
        .map_or(end, |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trips() {
        let t = "a😀é\nb";
        // a=1 unit, 😀=2 units (4 bytes), é=1 unit (2 bytes)
        assert_eq!(utf16_to_byte(t, 0), 0);
        assert_eq!(utf16_to_byte(t, 1), 1);
        assert_eq!(
            utf16_to_byte(t, 2),
            1,
            "inside the surrogate pair rounds down"
        );
        assert_eq!(utf16_to_byte(t, 3), 5);
        assert_eq!(utf16_to_byte(t, 4), 7);
        assert_eq!(utf16_to_byte(t, 99), t.len());
        assert_eq!(utf16_to_byte("abc", 2), 2, "an ASCII head");
        assert_eq!(utf16_to_byte("abc", 9), 3);
        assert_eq!(utf16_to_byte("ab😀", 3), 2, "ASCII, then inside a pair");
        assert_eq!(byte_to_utf16("abcé", 3), 3);
        assert_eq!(byte_to_utf16("é😀a", 7), 4);
        assert_eq!(byte_to_utf16(t, 5), 3);
        assert_eq!(byte_to_utf16(t, 6), 3, "inside é counts as its start");
        assert_eq!(byte_to_utf16(t, 99), 6);
    }

    #[test]
    fn lines_and_columns() {
        let t = "ab\nçd\n";
        assert_eq!(line_col_to_byte(t, 2, 2), 5);
        assert_eq!(line_col_to_byte(t, 2, 9), 6);
        assert_eq!(line_col_to_byte(t, 9, 1), 7);
        assert_eq!(line_col_to_byte(t, 0, 0), 0);
        assert_eq!(line_of(t, 5), 2);
        assert_eq!(line_of(t, 7), 3);
        assert_eq!(line_start(t, 5), 3);
        assert_eq!(line_end(t, 3), 6);
        assert_eq!(line_end(t, 4), 6, "inside ç");
    }
}
