//! A compiled wildcard pattern and its matcher.

/// One element of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// Any run of characters, empty included.
    Star,
    /// Exactly one character.
    AnyChar,
    /// This character.
    Char(char),
}

/// A run of literal text or of `?`s inside a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    AnyChars(usize),
}

/// Text between two stars: fixed length in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Segment {
    pieces: Vec<Piece>,
}

impl Segment {
    fn push(&mut self, token: Token) {
        match (token, self.pieces.last_mut()) {
            (Token::Char(c), Some(Piece::Literal(s))) => s.push(c),
            (Token::Char(c), _) => self.pieces.push(Piece::Literal(c.to_string())),
            (Token::AnyChar, Some(Piece::AnyChars(n))) => *n += 1,
            (Token::AnyChar, _) => self.pieces.push(Piece::AnyChars(1)),
            (Token::Star, _) => {}
        }
    }

    /// Whether the segment matches `text` starting at byte `at`; the byte just past it.
    fn match_at(&self, text: &str, at: usize) -> Option<usize> {
        let mut i = at;
        for piece in &self.pieces {
            match piece {
                Piece::Literal(s) => {
                    if !text.get(i..)?.starts_with(s.as_str()) {
                        return None;
                    }
                    i += s.len();
                }
                Piece::AnyChars(n) => {
                    let rest = text.get(i..)?;
                    let mut chars = rest.char_indices();
                    for _ in 0..*n {
                        chars.next()?;
                    }
                    i += chars.next().map_or(rest.len(), |(k, _)| k);
                }
            }
        }
        Some(i)
    }

    /// The leftmost place at or after byte `from` where the segment matches: its end.
    fn find_from(&self, text: &str, from: usize) -> Option<usize> {
        match self.pieces.first() {
            None => Some(from),
            Some(Piece::Literal(first)) => {
                let mut start = from;
                loop {
                    let at = start + text.get(start..)?.find(first.as_str())?;
                    if let Some(end) = self.match_at(text, at) {
                        return Some(end);
                    }
                    start = at + text[at..].chars().next().map_or(1, char::len_utf8);
                }
            }
            Some(Piece::AnyChars(_)) => {
                let rest = text.get(from..)?;
                rest.char_indices()
                    .map(|(k, _)| from + k)
                    .chain(std::iter::once(text.len()))
                    .find_map(|at| self.match_at(text, at))
            }
        }
    }

    /// Its length in characters.
    fn chars(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(s) => s.chars().count(),
                Piece::AnyChars(n) => *n,
            })
            .sum()
    }
}

/// How pattern text is read: which characters are wildcards or escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syntax {
    /// `?` matches exactly one character.
    pub any_char: bool,
    /// A backslash makes the next character literal.
    pub escapes: bool,
}

/// A compiled pattern: segments between stars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    segments: Vec<Segment>,
    /// Whether the pattern had at least one star (then the first segment is anchored at
    /// the start and the last at the end, and the text between is free).
    starred: bool,
}

impl Pattern {
    /// Compiles the tokens of a pattern.
    pub fn new(tokens: impl IntoIterator<Item = Token>) -> Pattern {
        let mut segments = vec![Segment::default()];
        let mut starred = false;
        for token in tokens {
            if token == Token::Star {
                starred = true;
                segments.push(Segment::default());
            } else if let Some(last) = segments.last_mut() {
                last.push(token);
            }
        }
        Pattern { segments, starred }
    }

    /// Reads pattern text: `*` is always a wildcard, `?` when `syntax.any_char`, and with
    /// `syntax.escapes` a backslash makes the next character literal (a trailing one is
    /// itself).
    pub fn parse(pattern: &str, syntax: Syntax) -> Pattern {
        let mut tokens = Vec::with_capacity(pattern.len());
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            tokens.push(match c {
                '*' => Token::Star,
                '?' if syntax.any_char => Token::AnyChar,
                '\\' if syntax.escapes => Token::Char(chars.next().unwrap_or('\\')),
                c => Token::Char(c),
            });
        }
        Pattern::new(tokens)
    }

    /// Whether the whole of `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        let Some((first, rest)) = self.segments.split_first() else {
            return text.is_empty();
        };
        if !self.starred {
            return first.match_at(text, 0) == Some(text.len());
        }
        let Some(mut at) = first.match_at(text, 0) else {
            return false;
        };
        let Some((last, middle)) = rest.split_last() else {
            return true;
        };
        for segment in middle {
            match segment.find_from(text, at) {
                Some(end) => at = end,
                None => return false,
            }
        }
        // The last segment ends the text: it starts `last.chars()` characters before the end.
        let width = last.chars();
        let tail_start = match width {
            0 => text.len(),
            n => match text.char_indices().rev().nth(n - 1) {
                Some((k, _)) => k,
                None => return false,
            },
        };
        tail_start >= at && last.match_at(text, tail_start) == Some(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(pattern: &str) -> Pattern {
        Pattern::parse(
            pattern,
            Syntax {
                any_char: true,
                escapes: false,
            },
        )
    }

    #[test]
    fn globs() {
        let m = |p: &str, t: &str| glob(p).matches(t);
        assert!(m("s3:Get*", "s3:GetObject"));
        assert!(!m("s3:Get*", "s3:PutObject"));
        assert!(m("a?c", "abc"));
        assert!(m("a?c", "aéc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*", ""));
        assert!(m("", ""));
        assert!(!m("", "a"));
        assert!(m("*a*b*", "xxaxxbxx"));
        assert!(!m("*a*b", "xxaxxbxxc"));
        assert!(m("é*", "éé"));
        assert!(m("*?", "é"));
        assert!(!m("*??", "é"));
        assert!(m("a*a", "aa"));
        assert!(!m("aa*aa", "aaa"));
        assert!(m("*ab?d*", "xxabcabxdd"));
    }

    #[test]
    fn a_long_literal_after_a_star() {
        // The case that took seconds with backtracking (20,000 × 250,000 steps).
        let literal = "a".repeat(20_000) + "b";
        let text = "a".repeat(250_000);
        assert!(!glob(&format!("*{literal}")).matches(&text));
        assert!(!glob(&format!("*{literal}*")).matches(&text));
        assert!(glob(&format!("*{literal}")).matches(&(text.clone() + "b")));
    }
}
