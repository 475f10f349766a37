//! The matcher against a plain backtracking reference, on seeded random patterns and texts
//! over a small alphabet (where near misses are frequent).

use seeded::Rng;
use wildcard::{Pattern, Token};

/// Obviously correct, exponential in the worst case: fine for short inputs.
fn reference(p: &[Token], t: &[char]) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some((Token::Star, rest)) => (0..=t.len()).any(|k| reference(rest, &t[k..])),
        Some((Token::AnyChar, rest)) => !t.is_empty() && reference(rest, &t[1..]),
        Some((Token::Char(c), rest)) => t.first() == Some(c) && reference(rest, &t[1..]),
    }
}

#[test]
fn agrees_with_the_reference() {
    let alphabet = ['a', 'b', 'é'];
    let mut rng = Rng::new(2026);
    let mut matched = 0;
    for _ in 0..200_000 {
        let tokens: Vec<Token> = (0..rng.below(7))
            .map(|_| match rng.below(5) {
                0 => Token::Star,
                1 => Token::AnyChar,
                _ => Token::Char(alphabet[rng.below(alphabet.len())]),
            })
            .collect();
        let text: Vec<char> = (0..rng.below(9))
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let want = reference(&tokens, &text);
        let s: String = text.iter().collect();
        assert_eq!(
            Pattern::new(tokens.iter().copied()).matches(&s),
            want,
            "{tokens:?} on {s:?}"
        );
        matched += usize::from(want);
    }
    // Both outcomes are well represented.
    assert!(matched > 20_000 && matched < 180_000, "{matched} matched");
}
