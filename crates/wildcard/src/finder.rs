//! The leftmost place of a segment between two stars, searched from a given byte.
//!
//! A segment is `?`s, then a core that starts and ends with a literal, then `?`s. The `?`s
//! at either end only move the core by a fixed number of characters. The core is found
//! with one of three searches, each reading every text character at most once:
//!
//! - one literal: the standard library's substring search (Two-Way, linear);
//! - literals separated by `?`s, more than the core has 64-character words: [`Bits`]
//!   (unless its table would be too large);
//! - otherwise: [`Counted`].
//!
//! For a core of `m` characters with `p` literal runs, a search costs at most the text
//! length times `min(3p, ⌈m/64⌉)` steps, plus `m`: every core up to 64 characters, and
//! every core with a handful of `?`s, is found in linear time.

use crate::bits::Bits;
use crate::counted::Counted;
use crate::fixed::{skip_chars, Fixed, Piece};

/// How a segment's core is found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Core {
    /// Nothing: the segment is `?`s only (or empty).
    Empty,
    /// One literal run.
    Literal(String),
    /// Literal runs and `?`s, counted per start.
    Counted(Counted),
    /// Literal runs and `?`s, matched bit-parallel.
    Bits(Bits),
}

/// A segment compiled for searching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finder {
    /// `?`s before the core.
    lead: usize,
    core: Core,
    /// `?`s after the core.
    trail: usize,
}

impl Finder {
    /// Compiles a segment.
    pub(crate) fn new(segment: &Fixed) -> Finder {
        let pieces = segment.pieces();
        let (lead, pieces) = match pieces.split_first() {
            Some((Piece::AnyChars(n), rest)) => (*n, rest),
            _ => (0, pieces),
        };
        let (trail, pieces) = match pieces.split_last() {
            Some((Piece::AnyChars(n), rest)) => (*n, rest),
            _ => (0, pieces),
        };
        let core = match pieces {
            [] => Core::Empty,
            [Piece::Literal(s)] => Core::Literal(s.clone()),
            _ => {
                let (mut literals, mut len) = (0, 0);
                for piece in pieces {
                    match piece {
                        Piece::Literal(s) => {
                            literals += 1;
                            len += s.chars().count();
                        }
                        Piece::AnyChars(n) => len += n,
                    }
                }
                // Each takes per text character about as many steps as these.
                let bits = (literals > len.div_ceil(64))
                    .then(|| Bits::new(pieces, len))
                    .flatten();
                match bits {
                    Some(bits) => Core::Bits(bits),
                    None => Core::Counted(Counted::new(pieces)),
                }
            }
        };
        Finder { lead, core, trail }
    }

    /// The end (a byte) of the leftmost match starting at or after byte `from`. Adds to
    /// `steps` the work done: characters read by the substring search, comparisons and
    /// counts of [`Counted`], words updated by [`Bits`].
    pub(crate) fn find(&self, text: &str, from: usize, steps: &mut u64) -> Option<usize> {
        *steps += (self.lead + self.trail) as u64;
        let at = skip_chars(text, from, self.lead)?;
        let end = match &self.core {
            Core::Empty => at,
            Core::Literal(s) => {
                let rest = text.get(at..)?;
                match rest.find(s.as_str()) {
                    Some(k) => {
                        *steps += (k + s.len()) as u64;
                        at + k + s.len()
                    }
                    None => {
                        *steps += rest.len() as u64;
                        return None;
                    }
                }
            }
            Core::Counted(c) => c.find(text, at, steps)?,
            Core::Bits(b) => b.find(text, at, steps)?,
        };
        // A later core ends later: if the `?`s after the leftmost one run past the end of
        // the text, they do after every other.
        skip_chars(text, end, self.trail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Token;

    fn finder(pattern: &str) -> Finder {
        let mut segment = Fixed::default();
        for c in pattern.chars() {
            segment.push(if c == '?' {
                Token::AnyChar
            } else {
                Token::Char(c)
            });
        }
        Finder::new(&segment)
    }

    #[test]
    fn each_shape_takes_its_search() {
        assert!(matches!(finder("??").core, Core::Empty));
        assert!(matches!(finder("?ab?").core, Core::Literal(_)));
        assert!(matches!(finder("a?b").core, Core::Bits(_)));
        let long = "x".repeat(70);
        assert!(matches!(
            finder(&format!("{long}?y")).core,
            Core::Counted(_)
        ));
        assert!(matches!(finder(&format!("{long}?y?z")).core, Core::Bits(_)));
    }

    #[test]
    fn finds_the_leftmost_match_and_its_end() {
        let find = |p: &str, t: &str, from: usize| finder(p).find(t, from, &mut 0);
        assert_eq!(find("b?d", "abcdbxd", 0), Some(4));
        assert_eq!(find("b?d", "abcdbxd", 2), Some(7));
        assert_eq!(find("?b?", "abcdbxd", 0), Some(3));
        assert_eq!(find("?b?", "bbc", 0), Some(3));
        assert_eq!(find("?b?", "bb", 0), None);
        assert_eq!(find("é?é", "aéxé", 0), Some("aéxé".len()));
        let long = "x".repeat(70);
        let text = format!("{long}{long}ay{long}");
        assert_eq!(find(&format!("{long}?y"), &text, 0), Some(142));
    }
}
