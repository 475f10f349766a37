//! A compiled wildcard pattern and its matcher.

use crate::finder::Finder;
use crate::fixed::Fixed;

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

/// How pattern text is read: which characters are wildcards or escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syntax {
    /// `?` matches exactly one character.
    pub any_char: bool,
    /// A backslash makes the next character literal.
    pub escapes: bool,
}

/// A compiled pattern: the text before the first star, the segments between stars and the
/// text after the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Anchored at the start of the text.
    head: Fixed,
    /// Each placed at its leftmost match after the one before.
    middle: Vec<Finder>,
    /// Anchored at the end of the text; none when the pattern has no star (then the head
    /// is the whole of it).
    tail: Option<Fixed>,
}

impl Pattern {
    /// Compiles the tokens of a pattern.
    pub fn new(tokens: impl IntoIterator<Item = Token>) -> Pattern {
        let mut head = Fixed::default();
        let mut starred: Vec<Fixed> = Vec::new();
        for token in tokens {
            if token == Token::Star {
                starred.push(Fixed::default());
            } else {
                starred.last_mut().unwrap_or(&mut head).push(token);
            }
        }
        let tail = starred.pop();
        Pattern {
            head,
            middle: starred.iter().map(Finder::new).collect(),
            tail,
        }
    }

    /// Reads pattern text: `*` is always a wildcard, `?` when `syntax.any_char`, and with
    /// `syntax.escapes` a backslash makes the next character literal (a trailing one is
    /// itself).
    pub fn parse(pattern: &str, syntax: Syntax) -> Pattern {
        let mut chars = pattern.chars();
        let tokens = std::iter::from_fn(|| {
            let c = chars.next()?;
            Some(match c {
                '*' => Token::Star,
                '?' if syntax.any_char => Token::AnyChar,
                '\\' if syntax.escapes => Token::Char(chars.next().unwrap_or('\\')),
                c => Token::Char(c),
            })
        });
        Pattern::new(tokens)
    }

    /// Whether the whole of `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        self.matches_counting(text, &mut 0)
    }

    /// [`Pattern::matches`], adding to `steps` the work done (see [`Finder::find`]).
    fn matches_counting(&self, text: &str, steps: &mut u64) -> bool {
        let Some(mut at) = self.head.match_at(text, 0, steps) else {
            return false;
        };
        let Some(tail) = &self.tail else {
            return at == text.len();
        };
        for finder in &self.middle {
            match finder.find(text, at, steps) {
                Some(end) => at = end,
                None => return false,
            }
        }
        // The tail ends the text: it starts `tail.chars()` characters before the end.
        let tail_start = match tail.chars() {
            0 => text.len(),
            n => match text.char_indices().rev().nth(n - 1) {
                Some((k, _)) => k,
                None => return false,
            },
        };
        tail_start >= at && tail.match_at(text, tail_start, steps) == Some(text.len())
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

    const IAM: Syntax = Syntax {
        any_char: true,
        escapes: false,
    };

    const STRING_MATCHES: Syntax = Syntax {
        any_char: false,
        escapes: true,
    };

    /// Whether `pattern` matches `text`, and the steps it took.
    fn run(pattern: &str, syntax: Syntax, text: &str) -> (bool, u64) {
        let mut steps = 0;
        let matched = Pattern::parse(pattern, syntax).matches_counting(text, &mut steps);
        (matched, steps)
    }

    #[test]
    fn long_literals_and_few_question_marks_take_linear_steps() {
        // Inputs that took seconds (backtracking: 20,000 × 250,000 steps), or with a `?`
        // in the segment 27 s (every candidate verified to its end).
        let literal = "a".repeat(20_000);
        let text = "a".repeat(250_000);
        let cases = [
            (format!("*{literal}b"), STRING_MATCHES, false),
            (format!("*{literal}b*"), STRING_MATCHES, false),
            (format!("{literal}*{literal}b*"), STRING_MATCHES, false),
            (format!("*{literal}*{literal}*"), STRING_MATCHES, true),
            (format!("*{literal}?b*"), IAM, false),
            (format!("*{literal}?a*a"), IAM, true),
            (format!("*a?{literal}*"), IAM, true),
        ];
        for (pattern, syntax, want) in cases {
            let (matched, steps) = run(&pattern, syntax, &text);
            assert_eq!(matched, want, "{}", &pattern[..30]);
            let bound = 4 * (text.len() + pattern.len()) as u64;
            assert!(steps <= bound, "{} took {steps} steps", &pattern[..30]);
        }
        assert!(run(&format!("*{literal}b"), STRING_MATCHES, &(text + "b")).0);
    }

    #[test]
    fn many_question_marks_take_a_step_per_word_at_most() {
        // Every word of the state stays live in text that almost matches everywhere.
        let text = "a".repeat(50_000);
        let pattern = format!("*{}b*", "a?".repeat(1_000));
        let (matched, steps) = run(&pattern, IAM, &text);
        let words = 2_001u64.div_ceil(64);
        assert!(!matched);
        assert!(steps <= text.len() as u64 * words + pattern.len() as u64);
        assert!(steps > text.len() as u64 * (words - 1));
        // A 6 KB resource pattern against a key of components that almost match it.
        let pattern = format!(
            "arn:aws:s3:::bucket/*{}final/*.json",
            "logs/region-??/app-?/".repeat(290)
        );
        let key = format!(
            "arn:aws:s3:::bucket/{}part.json",
            "logs/region-eu/app-1/".repeat(2_500)
        );
        let (matched, steps) = run(&pattern, IAM, &key);
        assert!(!matched);
        let words = (pattern.len() as u64).div_ceil(64);
        assert!(steps <= key.len() as u64 * words + pattern.len() as u64);
        // Text that does not almost match keeps one word or two live.
        let mut rng = seeded::Rng::new(7);
        let text: String = (0..50_000)
            .map(|_| ['a', 'b', 'c', 'd'][rng.below(4)])
            .collect();
        let pattern = format!("*{}*", "ab?d".repeat(500));
        let (matched, steps) = run(&pattern, IAM, &text);
        assert!(!matched);
        assert!(steps <= 3 * text.len() as u64, "{steps} steps");
    }
}
