//! A seeded JSON mutator for robustness tests: each mutant makes one to three edits at
//! random nodes, replacing a value with one from a palette (or a bent copy of a string) or
//! dropping the member or element. The same seed gives the same mutants on every platform.

pub use seeded::Rng;
use serde_json::Value;

/// Mutates JSON values with a fixed seed and a palette of replacement values.
#[derive(Debug, Clone)]
pub struct Mutator {
    rng: Rng,
    palette: Vec<Value>,
    bend_strings: bool,
}

impl Mutator {
    /// A mutator drawing from `seed` that replaces nodes with values of `palette`.
    pub fn new(seed: u64, palette: Vec<Value>) -> Self {
        Mutator {
            rng: Rng::new(seed),
            palette,
            bend_strings: false,
        }
    }

    /// Also replaces strings with a bent copy of themselves (see [`bend`]).
    pub fn bending_strings(mut self) -> Self {
        self.bend_strings = true;
        self
    }

    /// A mutant of `value`: one to three edits (replacing or dropping a node other than
    /// the root).
    pub fn mutate(&mut self, value: &Value) -> Value {
        let mut mutant = value.clone();
        for _ in 0..=self.rng.below(3) {
            let all = pointers(&mutant);
            let Some(target) = all.get(self.rng.below(all.len())).cloned() else {
                continue;
            };
            if target.is_empty() {
                continue;
            }
            let old = mutant.pointer(&target).cloned().unwrap_or(Value::Null);
            match self.replacement(&old) {
                Some(new) => {
                    if let Some(slot) = mutant.pointer_mut(&target) {
                        *slot = new;
                    }
                }
                None => remove(&mut mutant, &target),
            }
        }
        mutant
    }

    /// What replaces `old`: a palette value, a bent string, or `None` to drop it.
    pub fn replacement(&mut self, old: &Value) -> Option<Value> {
        let choices = self.palette.len() + usize::from(self.bend_strings) + 1;
        let pick = self.rng.below(choices);
        match self.palette.get(pick) {
            Some(value) => Some(value.clone()),
            None if self.bend_strings && pick == self.palette.len() => {
                old.as_str().map(|s| Value::String(bend(s)))
            }
            None => None,
        }
    }
}

/// Every node of a value as JSON pointers, children before their parent (the root, `""`,
/// comes last).
pub fn pointers(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect(value, String::new(), &mut out);
    out
}

fn collect(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| collect(v, jsonloc::pointer_push(&at, k), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| collect(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

/// A string bent out of shape: its first `.`, `(`, `[` or `,` dropped, or, without one,
/// an unfinished path and call appended.
pub fn bend(s: &str) -> String {
    match s.find(['.', '(', '[', ',']) {
        Some(i) => format!("{}{}", &s[..i], &s[i + 1..]),
        None => format!("{s}$.[*]('"),
    }
}

fn remove(doc: &mut Value, target: &str) {
    let (parent, key) = target.rsplit_once('/').unwrap_or_default();
    match doc.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(&key.replace("~1", "/").replace("~0", "~"));
        }
        Some(Value::Array(a)) if !a.is_empty() => {
            a.remove(key.parse::<usize>().unwrap_or(0).min(a.len() - 1));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
        assert!((0..100).all(|_| a.below(3) < 3));
        assert_eq!(a.below(0), 0);
    }

    #[test]
    fn pointers_list_every_node_escaped_root_last() {
        let p = pointers(&json!({"a/b": [1, {"c": 2}]}));
        assert_eq!(p, ["/a~1b/0", "/a~1b/1/c", "/a~1b/1", "/a~1b", ""]);
    }

    #[test]
    fn strings_bend() {
        assert_eq!(bend("$.a"), "$a");
        assert_eq!(bend("abc"), "abc$.[*]('");
    }

    #[test]
    fn mutants_are_deterministic_and_differ() {
        let doc = json!({"a": [1, 2, {"b": "x.y"}], "c": {"d": null}});
        let palette = vec![json!(null), json!(-1), json!({})];
        let mut one = Mutator::new(3, palette.clone()).bending_strings();
        let mut two = Mutator::new(3, palette).bending_strings();
        let mutants: Vec<Value> = (0..50).map(|_| one.mutate(&doc)).collect();
        assert!(mutants.iter().all(|m| *m == two.mutate(&doc)));
        assert!(mutants.iter().any(|m| *m != doc));
        let mut empty = Mutator::new(1, Vec::new());
        assert_eq!(empty.replacement(&json!("s")), None);
        assert_eq!(empty.mutate(&json!(1)), json!(1));
    }
}
