//! Text of fixed length, the part of a pattern between two stars: runs of literal
//! characters and runs of `?`, matched at a given place.

use crate::pattern::Token;

/// A run of literal text or of `?`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// These characters.
    Literal(String),
    /// This many characters, whatever they are.
    AnyChars(usize),
}

/// Pieces between two stars (or an end of the pattern); adjacent pieces differ in kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fixed {
    pieces: Vec<Piece>,
}

impl Fixed {
    /// Appends a character or a `?` (a star ends the segment: its caller starts a new one).
    pub(crate) fn push(&mut self, token: Token) {
        match (token, self.pieces.last_mut()) {
            (Token::Char(c), Some(Piece::Literal(s))) => s.push(c),
            (Token::Char(c), _) => self.pieces.push(Piece::Literal(c.to_string())),
            (Token::AnyChar, Some(Piece::AnyChars(n))) => *n += 1,
            (Token::AnyChar, _) => self.pieces.push(Piece::AnyChars(1)),
            (Token::Star, _) => {}
        }
    }

    /// The pieces in order.
    pub(crate) fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Whether the text matches starting at byte `at`: the byte just past it. Adds to
    /// `steps` one per character compared or skipped.
    pub(crate) fn match_at(&self, text: &str, at: usize, steps: &mut u64) -> Option<usize> {
        let mut i = at;
        for piece in &self.pieces {
            match piece {
                Piece::Literal(s) => {
                    *steps += s.len() as u64;
                    if !text.get(i..)?.starts_with(s.as_str()) {
                        return None;
                    }
                    i += s.len();
                }
                Piece::AnyChars(n) => {
                    *steps += *n as u64;
                    i = skip_chars(text, i, *n)?;
                }
            }
        }
        Some(i)
    }

    /// Its length in characters.
    pub(crate) fn chars(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(s) => s.chars().count(),
                Piece::AnyChars(n) => *n,
            })
            .sum()
    }
}

/// The byte `n` characters after byte `at`, if the text has them.
pub(crate) fn skip_chars(text: &str, at: usize, n: usize) -> Option<usize> {
    if n == 0 {
        return (at <= text.len()).then_some(at);
    }
    let rest = text.get(at..)?;
    let mut chars = rest.char_indices();
    chars.nth(n - 1)?;
    Some(at + chars.next().map_or(rest.len(), |(k, _)| k))
}
