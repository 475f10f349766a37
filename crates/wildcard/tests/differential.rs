//! The matcher against two references on seeded random patterns and texts: a plain
//! backtracking one for short inputs over a small alphabet (where near misses are
//! frequent), and a dynamic-programming one for long segments with `?`s (which take the
//! counting and bit-parallel searches) against texts made to almost match them.

use seeded::Rng;
use wildcard::{Pattern, Token};

const ALPHABET: [char; 3] = ['a', 'b', 'é'];

/// Obviously correct, exponential in the worst case: fine for short inputs.
fn backtracking(p: &[Token], t: &[char]) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some((Token::Star, rest)) => (0..=t.len()).any(|k| backtracking(rest, &t[k..])),
        Some((Token::AnyChar, rest)) => !t.is_empty() && backtracking(rest, &t[1..]),
        Some((Token::Char(c), rest)) => t.first() == Some(c) && backtracking(rest, &t[1..]),
    }
}

/// The textbook table: whether each pattern prefix matches the text read so far.
fn table(p: &[Token], t: &[char]) -> bool {
    let mut row = vec![true];
    for token in p {
        row.push(row[row.len() - 1] && *token == Token::Star);
    }
    for &c in t {
        let mut next = vec![false];
        for (j, token) in p.iter().enumerate() {
            next.push(match token {
                Token::Star => next[j] || row[j + 1],
                Token::AnyChar => row[j],
                Token::Char(x) => row[j] && *x == c,
            });
        }
        row = next;
    }
    row[p.len()]
}

fn pick(rng: &mut Rng) -> char {
    ALPHABET[rng.below(ALPHABET.len())]
}

#[test]
fn agrees_with_backtracking_on_short_inputs() {
    let mut rng = Rng::new(2026);
    let mut matched = 0;
    for _ in 0..200_000 {
        let tokens: Vec<Token> = (0..rng.below(7))
            .map(|_| match rng.below(5) {
                0 => Token::Star,
                1 => Token::AnyChar,
                _ => Token::Char(pick(&mut rng)),
            })
            .collect();
        let text: Vec<char> = (0..rng.below(9)).map(|_| pick(&mut rng)).collect();
        let want = backtracking(&tokens, &text);
        assert_eq!(table(&tokens, &text), want, "the references differ");
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

/// A literal run: random, one repeated character, or a repeated pair (periodic runs make
/// texts that almost match at many places).
fn literal(rng: &mut Rng, out: &mut Vec<Token>) {
    let len = match rng.below(3) {
        0 => 1 + rng.below(140),
        _ => 1 + rng.below(6),
    };
    let (x, y) = (pick(rng), pick(rng));
    for i in 0..len {
        out.push(Token::Char(match rng.below(3) {
            0 => pick(rng),
            1 => x,
            _ if i % 2 == 0 => x,
            _ => y,
        }));
    }
}

/// Up to four segments of literal runs and `?`s, with stars between them and perhaps
/// before and after.
fn long_pattern(rng: &mut Rng) -> Vec<Token> {
    let mut tokens = Vec::new();
    for i in 0..1 + rng.below(4) {
        if i > 0 || rng.below(2) == 0 {
            tokens.push(Token::Star);
        }
        let any_first = rng.below(3) == 0;
        for k in 0..1 + rng.below(5) {
            if (k % 2 == 0) == any_first {
                (0..1 + rng.below(3)).for_each(|_| tokens.push(Token::AnyChar));
            } else {
                literal(rng, &mut tokens);
            }
        }
    }
    if rng.below(2) == 0 {
        tokens.push(Token::Star);
    }
    tokens
}

/// A text the pattern would match (stars taking 0 to 5 characters), then up to three
/// characters changed, inserted or removed.
fn near_text(rng: &mut Rng, tokens: &[Token]) -> Vec<char> {
    let mut text = Vec::new();
    for token in tokens {
        match token {
            Token::Star => (0..rng.below(6)).for_each(|_| text.push(pick(rng))),
            Token::AnyChar => text.push(pick(rng)),
            Token::Char(c) => text.push(*c),
        }
    }
    for _ in 0..rng.below(4) {
        let at = rng.below(text.len() + 1);
        match rng.below(3) {
            0 if at < text.len() => text[at] = pick(rng),
            1 => text.insert(at, pick(rng)),
            _ if at < text.len() => {
                text.remove(at);
            }
            _ => {}
        }
    }
    text
}

#[test]
fn agrees_with_the_table_on_long_segments() {
    let mut rng = Rng::new(15);
    let mut matched = 0;
    let cases = 3_000;
    for _ in 0..cases {
        let tokens = long_pattern(&mut rng);
        let text = near_text(&mut rng, &tokens);
        // Some texts repeat: the segments then have several places to choose from.
        let text = match rng.below(3) {
            0 => [text.clone(), near_text(&mut rng, &tokens), text].concat(),
            _ => text,
        };
        let want = table(&tokens, &text);
        let s: String = text.iter().collect();
        assert_eq!(
            Pattern::new(tokens.iter().copied()).matches(&s),
            want,
            "{tokens:?} on {s:?}"
        );
        matched += usize::from(want);
    }
    assert!(
        matched > cases / 5 && matched < cases * 4 / 5,
        "{matched} matched"
    );
}
