//! The glob matcher against a reference: the textbook dynamic-programming table, obviously
//! right and quadratic, on the same pattern and text.

use wildcard::{Pattern, Syntax, Token};

/// What the fuzzer's bytes stand for: a few letters (two ASCII, one of two bytes, so that
/// near misses are frequent and character boundaries are crossed), the wildcards and the
/// escape.
const ALPHABET: [char; 6] = ['a', 'b', 'é', '*', '?', '\\'];

/// The first byte picks the syntax (bit 0: `?` is a wildcard, bit 1: backslash escapes);
/// the rest, up to a byte `0xFF`, is the pattern, and after it the text, each byte read as
/// a letter of [`ALPHABET`]. [`Pattern`] must decide as the reference does.
pub fn glob(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let syntax = Syntax {
        any_char: flags & 1 != 0,
        escapes: flags & 2 != 0,
    };
    let (pattern, text) = match rest.iter().position(|&b| b == 0xFF) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    let letters = |bytes: &[u8]| -> String {
        bytes
            .iter()
            .map(|&b| ALPHABET[usize::from(b) % ALPHABET.len()])
            .collect()
    };
    let (pattern, text) = (letters(pattern), letters(text));
    let want = table(&tokens(&pattern, syntax), &text.chars().collect::<Vec<_>>());
    let got = Pattern::parse(&pattern, syntax).matches(&text);
    assert_eq!(got, want, "{pattern:?} ({syntax:?}) on {text:?}");
}

/// The pattern's tokens, read one character at a time.
fn tokens(pattern: &str, syntax: Syntax) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '*' => Token::Star,
            '?' if syntax.any_char => Token::AnyChar,
            '\\' if syntax.escapes => Token::Char(chars.next().unwrap_or('\\')),
            c => Token::Char(c),
        });
    }
    out
}

/// Whether each pattern prefix matches the text read so far, row by row.
fn table(pattern: &[Token], text: &[char]) -> bool {
    let mut row = vec![true];
    for token in pattern {
        row.push(row[row.len() - 1] && *token == Token::Star);
    }
    for &c in text {
        let mut next = vec![false];
        for (j, token) in pattern.iter().enumerate() {
            next.push(match token {
                Token::Star => next[j] || row[j + 1],
                Token::AnyChar => row[j],
                Token::Char(x) => row[j] && *x == c,
            });
        }
        row = next;
    }
    row[pattern.len()]
}
