//! A segment core of literal runs and `?`s matched bit-parallel (Shift-And): bit `i` of
//! the state says that the core's first `i + 1` characters match the text just read.
//! Each character shifts the state one place and keeps the bits whose core character is a
//! `?` or this character. Only the words that can hold a set bit are updated: in text
//! that does not keep almost matching, that is the first word or two.

use crate::fixed::Piece;

/// The largest table of masks compiled (in 64-bit words: 2 MiB); a core that would need
/// more is counted instead.
const MAX_TABLE: usize = 1 << 18;

/// A core compiled for bit-parallel matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bits {
    /// The core's distinct characters, sorted: a text character's index here (or the
    /// length, for any other character) picks its column of masks.
    chars: Vec<char>,
    /// Row by row (one per word of the state), column by column: the positions of the
    /// word that accept the column's character.
    masks: Vec<u64>,
    /// The core's length in characters.
    len: usize,
}

impl Bits {
    /// Compiles a core of `len` characters, unless its table would pass [`MAX_TABLE`].
    pub(crate) fn new(pieces: &[Piece], len: usize) -> Option<Bits> {
        let mut chars: Vec<char> = pieces
            .iter()
            .flat_map(|p| match p {
                Piece::Literal(s) => s.chars(),
                Piece::AnyChars(_) => "".chars(),
            })
            .collect();
        chars.sort_unstable();
        chars.dedup();
        let columns = chars.len() + 1;
        let size = len.div_ceil(64).checked_mul(columns)?;
        if size > MAX_TABLE {
            return None;
        }
        let mut masks = vec![0u64; size];
        let mut i = 0;
        for piece in pieces {
            match piece {
                Piece::AnyChars(n) => {
                    for _ in 0..*n {
                        let row = (i / 64) * columns;
                        masks
                            .iter_mut()
                            .skip(row)
                            .take(columns)
                            .for_each(|m| *m |= 1 << (i % 64));
                        i += 1;
                    }
                }
                Piece::Literal(s) => {
                    for c in s.chars() {
                        let column = chars.binary_search(&c).unwrap_or(chars.len());
                        if let Some(m) = masks.get_mut((i / 64) * columns + column) {
                            *m |= 1 << (i % 64);
                        }
                        i += 1;
                    }
                }
            }
        }
        Some(Bits { chars, masks, len })
    }

    /// The end (a byte) of the leftmost match starting at or after byte `from`.
    pub(crate) fn find(&self, text: &str, from: usize, steps: &mut u64) -> Option<usize> {
        let rest = text.get(from..)?;
        let last = self.len.checked_sub(1)?;
        let (last_word, last_bit) = (last / 64, 1u64 << (last % 64));
        let columns = self.chars.len() + 1;
        let mut state = vec![0u64; self.len.div_ceil(64)];
        // Words from this one on are all zero; the next character can set only its first.
        let mut active = 0;
        for (k, c) in rest.char_indices() {
            let column = self.chars.binary_search(&c).unwrap_or(self.chars.len());
            let mut carry = 1;
            let mut top = 0;
            let rows = self.masks.chunks_exact(columns);
            for (w, (slot, row)) in state.iter_mut().zip(rows).take(active + 1).enumerate() {
                *steps += 1;
                let old = *slot;
                *slot = ((old << 1) | carry) & row.get(column).copied().unwrap_or(0);
                carry = old >> 63;
                if *slot != 0 {
                    top = w + 1;
                }
            }
            active = top;
            // Matches end in order of their start: the first is the leftmost.
            if state.get(last_word).is_some_and(|w| w & last_bit != 0) {
                return Some(from + k + c.len_utf8());
            }
        }
        None
    }
}
