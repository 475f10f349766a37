//! "Did you mean" hints: the known name closest to a misspelt one.

/// The candidate closest to `word` (case-insensitive edit distance), if it is close enough
/// to be a likely typo: at most a third of the longer name's length, and at least 2.
///
/// A candidate whose length alone puts it past that bound is skipped, and a distance is
/// computed only as far as the bound, so a long word costs little against many candidates
/// (a lint of hundreds of misspelt 100-character actions against a service's 700).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut other = Vec::new();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        other.clear();
        other.extend(candidate.chars().flat_map(char::to_lowercase));
        let bound = (other.len().max(word.len()) / 3).max(2);
        let bound = best.map_or(bound, |(d, _)| bound.min(d.saturating_sub(1)));
        if other.len().abs_diff(word.len()) > bound {
            continue;
        }
        if let Some(d) = distance_within(&word, &other, bound) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over characters, when it is at most `bound` (the computation stops
/// once every entry of a row is past it).
fn distance_within(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = i;
        row[0] = i + 1;
        let mut least = row[0];
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(row[j]).min(above)
            };
            diagonal = above;
            least = least.min(row[j + 1]);
        }
        if least > bound {
            return None;
        }
    }
    Some(row[b.len()]).filter(|d| *d <= bound)
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
    }
}
