//! A segment core of literal runs separated by `?`s, found by counting: each distinct run
//! is followed through the text by its own Knuth–Morris–Pratt automaton, and each
//! occurrence counts one for the start of the core it implies. A start is a match when
//! every run of the core has counted for it. The counts live in a ring of the core's
//! length, so memory is linear in the pattern.
//!
//! Each text character costs at most two comparisons per distinct run and one count per
//! run of the core the occurrence may be: chosen when the core has few runs for its length.

use crate::fixed::Piece;

/// A distinct literal run and where it ends in the core.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    chars: Vec<char>,
    /// Knuth–Morris–Pratt failure function: for each prefix, the length of its longest
    /// proper border.
    fail: Vec<usize>,
    /// The core offsets (characters) just past each occurrence of this run in the core.
    ends: Vec<usize>,
}

impl Run {
    fn new(chars: Vec<char>) -> Run {
        let mut fail = Vec::with_capacity(chars.len());
        let mut k = 0;
        for (i, &c) in chars.iter().enumerate() {
            while i > 0 && k > 0 && chars.get(k) != Some(&c) {
                k = fail.get(k - 1).copied().unwrap_or(0);
            }
            if i > 0 && chars.get(k) == Some(&c) {
                k += 1;
            }
            fail.push(k);
        }
        Run {
            chars,
            fail,
            ends: Vec::new(),
        }
    }

    /// Advances the automaton `state` past `c`; whether an occurrence ends here.
    fn step(&self, state: &mut usize, c: char, steps: &mut u64) -> bool {
        loop {
            *steps += 1;
            if self.chars.get(*state) == Some(&c) {
                *state += 1;
                break;
            }
            if *state == 0 {
                break;
            }
            *state = self.fail.get(*state - 1).copied().unwrap_or(0);
        }
        if *state < self.chars.len() {
            return false;
        }
        *state = self.fail.last().copied().unwrap_or(0);
        true
    }
}

/// A core compiled for counting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Counted {
    runs: Vec<Run>,
    /// The core's length in characters.
    len: usize,
    /// How many literal runs the core has (each occurrence in the core counts).
    needed: usize,
    /// Where the first run ends: no run ends earlier in the core.
    first_end: usize,
}

impl Counted {
    /// Compiles a core: pieces starting and ending with a literal.
    pub(crate) fn new(pieces: &[Piece]) -> Counted {
        let mut runs: Vec<Run> = Vec::new();
        let (mut len, mut needed, mut first_end) = (0, 0, None);
        for piece in pieces {
            match piece {
                Piece::AnyChars(n) => len += n,
                Piece::Literal(s) => {
                    let chars: Vec<char> = s.chars().collect();
                    len += chars.len();
                    needed += 1;
                    first_end.get_or_insert(len);
                    match runs.iter_mut().find(|r| r.chars == chars) {
                        Some(run) => run.ends.push(len),
                        None => {
                            let mut run = Run::new(chars);
                            run.ends.push(len);
                            runs.push(run);
                        }
                    }
                }
            }
        }
        Counted {
            runs,
            len,
            needed,
            first_end: first_end.unwrap_or(0),
        }
    }

    /// The end (a byte) of the leftmost match starting at or after byte `from`.
    pub(crate) fn find(&self, text: &str, from: usize, steps: &mut u64) -> Option<usize> {
        let rest = text.get(from..)?;
        let ring = self.len + 1;
        let mut counts = vec![0usize; ring];
        let mut states = vec![0usize; self.runs.len()];
        for (read, (k, c)) in rest.char_indices().enumerate() {
            let now = read + 1;
            // The start that runs can first count for now: its slot last served a start
            // whose core ended before this character.
            if let Some(slot) = now
                .checked_sub(self.first_end)
                .and_then(|s| counts.get_mut(s % ring))
            {
                *slot = 0;
            }
            for (run, state) in self.runs.iter().zip(states.iter_mut()) {
                if !run.step(state, c, steps) {
                    continue;
                }
                for start in run.ends.iter().filter_map(|&end| now.checked_sub(end)) {
                    *steps += 1;
                    let Some(slot) = counts.get_mut(start % ring) else {
                        continue;
                    };
                    *slot += 1;
                    // The last run of the core counts last, when the core ends: the
                    // first start to complete is the leftmost.
                    if *slot == self.needed {
                        return Some(from + k + c.len_utf8());
                    }
                }
            }
        }
        None
    }
}
