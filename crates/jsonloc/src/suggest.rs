//! "Did you mean" hints: the known name closest to a misspelt one.

/// The candidate closest to `word` (case-insensitive edit distance), if it is close enough
/// to be a likely typo: at most a third of the longer name's length, and at least 2.
///
/// A candidate whose length alone puts it past that bound is skipped, and a distance is
/// computed only as far as the bound, so a long word costs little against many candidates
/// (a lint of hundreds of misspelt 100-character actions against a service's 700).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut lowered = Vec::new();
    lowercase_into(&mut lowered, word);
    let word = lowered;
    let mut other = Vec::new();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let bound_for = |len: usize| {
            let bound = (len.max(word.len()) / 3).max(2);
            best.map_or(bound, |(d, _)| bound.min(d.saturating_sub(1)))
        };
        // An ASCII name's length is known before it is lowercased: most are skipped here.
        if candidate.is_ascii() && candidate.len().abs_diff(word.len()) > bound_for(candidate.len())
        {
            continue;
        }
        other.clear();
        lowercase_into(&mut other, candidate);
        let bound = bound_for(other.len());
        if let Some(d) = distance_within(&word, &other, bound) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The characters of `text` in lower case (ASCII text byte by byte, the common case).
fn lowercase_into(out: &mut Vec<char>, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// Levenshtein distance over characters, when it is at most `bound`: only the cells within
/// `bound` of the diagonal are computed (a cell farther off is past it anyway), and the
/// computation stops once every cell of a row is past it.
fn distance_within(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let past = bound.saturating_add(1);
    // The previous row, then the current one; a cell never computed holds `past`.
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j.min(past)).collect();
    for (i, ca) in (1usize..).zip(a) {
        let low = i.saturating_sub(bound).max(1);
        let high = i.saturating_add(bound).min(b.len());
        let left = row.get_mut(low - 1)?;
        let mut diagonal = *left;
        *left = if low == 1 { i.min(past) } else { past };
        let mut least = *left;
        for j in low..=high {
            let (Some(&before), Some(&above), Some(cb)) =
                (row.get(j - 1), row.get(j), b.get(j - 1))
            else {
                return None;
            };
            let cell = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(before).min(above)
            };
            row[j] = cell.min(past);
            diagonal = above;
            least = least.min(row[j]);
        }
        if least > bound {
            return None;
        }
    }
    row.last().copied().filter(|d| *d <= bound)
}

/// Levenshtein distance over characters.
#[cfg(test)]
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    distance_within(&a, &b, usize::MAX).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            closest("stateMachine", ["stateMachines", "roles"]),
            Some("stateMachines")
        );
        assert_eq!(closest("rolse", ["roles", "secrets"]), Some("roles"));
        assert_eq!(closest("Nxt", ["Next", "End"]), Some("Next"));
        assert_eq!(closest("zzzzzz", ["roles", "secrets"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn the_first_of_the_closest_wins_and_far_words_are_skipped() {
        assert_eq!(closest("rolez", ["roles", "rolex", "Roles"]), Some("roles"));
        assert_eq!(closest("ROLSE", ["roles"]), Some("roles"));
        assert_eq!(closest(&"x".repeat(10_000), ["roles", "secrets"]), None);
        assert_eq!(
            closest("getobjectt", ["GetObject", "GetObjectAcl"]),
            Some("GetObject")
        );
        assert_eq!(distance_within(&['a'; 9], &['b'; 9], 2), None);
        let word: Vec<char> = "kitten".chars().collect();
        let other: Vec<char> = "sitting".chars().collect();
        assert_eq!(distance_within(&word, &other, 3), Some(3));
        assert_eq!(distance_within(&word, &other, 2), None);
    }

    #[test]
    fn the_band_agrees_with_the_whole_table() {
        let words = [
            "", "a", "ab", "ba", "abc", "kitten", "sitting", "flaw", "lawn", "xyzxyz", "aaaa",
            "abab",
        ];
        for x in words {
            for y in words {
                let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
                let whole = full_table(&a, &b);
                for bound in 0..8 {
                    let expected = Some(whole).filter(|d| *d <= bound);
                    assert_eq!(distance_within(&a, &b, bound), expected, "{x} {y} {bound}");
                }
            }
        }
    }

    fn full_table(a: &[char], b: &[char]) -> usize {
        let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, line) in table.iter_mut().enumerate() {
            line[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                table[i][j] = (table[i - 1][j] + 1)
                    .min(table[i][j - 1] + 1)
                    .min(table[i - 1][j - 1] + cost);
            }
        }
        table[a.len()][b.len()]
    }
}
