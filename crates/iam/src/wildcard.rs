//! Glob matching with `*` (any run of characters) and `?` (exactly one character), the
//! wildcards IAM uses in actions, resource ARNs and the `...Like` condition operators.
//!
//! Short inputs (actions, most ARNs) take a byte loop that allocates nothing; past
//! [`SHORT`] pattern × text bytes, where its backtracking could cost the product of the
//! two, the `wildcard` crate's segment matcher keeps the time linear in practice.

use wildcard::{Pattern, Syntax};

/// Pattern length × text length up to which the byte loop is used.
const SHORT: usize = 1 << 14;

/// Whether letters must match in case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Sensitive,
    Insensitive,
}

/// Whether `text` has a wildcard (`*` or `?`), so that it is a pattern, not a literal.
pub(crate) fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?'])
}

/// Matches `text` against `pattern`, where `*` and `?` are wildcards.
pub(crate) fn glob(pattern: &str, text: &str, case: Case) -> bool {
    matches(pattern, text, case, false)
}

/// Like [`glob`], but a backslash in the pattern makes the next character literal: patterns
/// built from policy variables escape substituted text and `${*}`/`${?}` this way.
pub(crate) fn glob_escaped(pattern: &str, text: &str, case: Case) -> bool {
    matches(pattern, text, case, true)
}

/// The byte loop for short inputs, the segment matcher past [`SHORT`].
fn matches(pattern: &str, text: &str, case: Case, escapes: bool) -> bool {
    if pattern.len().saturating_mul(text.len()) > SHORT {
        glob_long(pattern, text, case, escapes)
    } else {
        glob_bytes(pattern.as_bytes(), text.as_bytes(), case, escapes)
    }
}

/// Escapes `*`, `?` and `\` so that [`glob_escaped`] matches `text` literally.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '*' | '?' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn same(a: u8, b: u8, case: Case) -> bool {
    match case {
        Case::Sensitive => a == b,
        Case::Insensitive => a.eq_ignore_ascii_case(&b),
    }
}

fn glob_bytes(p: &[u8], t: &[u8], case: Case, escapes: bool) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    // After a `*`: the pattern index following it and the text index it currently covers up to.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if let Some(&c) = p.get(pi) {
            if c == b'*' {
                star = Some((pi + 1, ti));
                pi += 1;
                continue;
            }
            if c == b'?' {
                ti += utf8_width(t[ti]);
                pi += 1;
                continue;
            }
            let (literal, width) = match (escapes && c == b'\\', p.get(pi + 1)) {
                (true, Some(&next)) => (next, 2),
                _ => (c, 1),
            };
            if same(literal, t[ti], case) {
                pi += width;
                ti += 1;
                continue;
            }
        }
        match star {
            Some((after, covered)) => {
                let next = covered + utf8_width(t[covered]);
                star = Some((after, next));
                pi = after;
                ti = next;
            }
            None => return false,
        }
    }
    while p.get(pi) == Some(&b'*') {
        pi += 1;
    }
    pi == p.len()
}

/// The segment matcher, for long inputs; ASCII case folded first when insensitive.
fn glob_long(pattern: &str, text: &str, case: Case, escapes: bool) -> bool {
    let syntax = Syntax {
        any_char: true,
        escapes,
    };
    match case {
        Case::Sensitive => Pattern::parse(pattern, syntax).matches(text),
        Case::Insensitive => Pattern::parse(&pattern.to_ascii_lowercase(), syntax)
            .matches(&text.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(glob("s3:Get*", "s3:GetObject", Case::Sensitive));
        assert!(!glob("s3:Get*", "s3:PutObject", Case::Sensitive));
        assert!(glob("s3:*Object", "S3:GETOBJECT", Case::Insensitive));
        assert!(glob("a?c", "abc", Case::Sensitive));
        assert!(glob("a?c", "aéc", Case::Sensitive));
        assert!(!glob("a?c", "ac", Case::Sensitive));
        assert!(glob("*", "", Case::Sensitive));
        assert!(glob("*a*b*", "xxaxxbxx", Case::Sensitive));
        assert!(!glob("*a*b", "xxaxxbxxc", Case::Sensitive));
        assert!(glob("é*", "éé", Case::Sensitive));
    }

    #[test]
    fn long_inputs_take_the_segment_matcher_with_the_same_rules() {
        let long = "x".repeat(SHORT);
        let text = format!("arn:aws:s3:::Bucket/{long}/Key?");
        assert!(glob("arn:aws:s3:::bucket/*/key?", &text, Case::Insensitive));
        assert!(!glob("arn:aws:s3:::bucket/*/key?", &text, Case::Sensitive));
        assert!(glob("arn:aws:s3:::Bucket/*/K?y?", &text, Case::Sensitive));
        assert!(!glob("*/Key??", &text, Case::Sensitive));
        let mut p = String::from("arn:aws:s3:::Bucket/*/");
        escape_into(&mut p, "Key?");
        assert!(glob_escaped(&p, &text, Case::Sensitive));
        assert!(!glob_escaped(
            &p,
            &format!("{}X", &text[..text.len() - 1]),
            Case::Sensitive
        ));
        // The cases that took seconds: a star, then a 20,000-character literal; the same
        // with a `?` in it (27 s); a segment of 1,000 `?`s.
        let literal = "a".repeat(20_000);
        let text = "a".repeat(250_000);
        assert!(!glob(&format!("*{literal}b"), &text, Case::Sensitive));
        assert!(!glob(&format!("*{literal}?b*"), &text, Case::Insensitive));
        assert!(glob(&format!("*{literal}?A*"), &text, Case::Insensitive));
        assert!(!glob(
            &format!("*{}b*", "a?".repeat(1_000)),
            &text,
            Case::Sensitive
        ));
    }

    /// The byte loop and the segment matcher agree on seeded patterns and texts, in both
    /// cases and with and without escapes (the boundary [`SHORT`] must change nothing).
    #[test]
    fn both_paths_agree() {
        let alphabet = ['a', 'A', 'b', 'é', '*', '?', '\\'];
        let mut rng = seeded::Rng::new(15);
        let mut matched = 0;
        let draw = |rng: &mut seeded::Rng, n: usize| -> String {
            (0..rng.below(n))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect()
        };
        for _ in 0..50_000 {
            let pattern = draw(&mut rng, 8);
            let text: String = draw(&mut rng, 10).replace(['*', '?'], "b");
            for case in [Case::Sensitive, Case::Insensitive] {
                for escapes in [false, true] {
                    let want = glob_bytes(pattern.as_bytes(), text.as_bytes(), case, escapes);
                    assert_eq!(
                        glob_long(&pattern, &text, case, escapes),
                        want,
                        "{pattern:?} on {text:?}, {case:?}, escapes: {escapes}"
                    );
                    matched += usize::from(want);
                }
            }
        }
        assert!(matched > 10_000 && matched < 190_000, "{matched} matched");
    }

    #[test]
    fn escapes() {
        let mut p = String::new();
        escape_into(&mut p, "a*b");
        assert!(glob_escaped(&p, "a*b", Case::Sensitive));
        assert!(!glob_escaped(&p, "axxb", Case::Sensitive));
    }
}
