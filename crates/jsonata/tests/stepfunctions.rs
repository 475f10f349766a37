//! The Step Functions mode's generated values: `$random()` without a seed and `$uuid()` are
//! drawn from the evaluation's seed, so they repeat for the same seed and differ for
//! another; the reference `$random()` and `$shuffle()` follow the seed too.

use jsonata::{Bindings, Expression, Mode, Options};
use serde_json::Value;

fn eval(text: &str, mode: Mode, seed: u64) -> Value {
    let options = Options {
        mode,
        seed,
        ..Options::default()
    };
    Expression::parse(text)
        .and_then(|expr| expr.evaluate(None, &Bindings::new(), &options))
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .unwrap_or_else(|| panic!("{text}: undefined"))
}

#[test]
fn uuids_are_version_4_and_follow_the_seed() {
    let uuids = eval("[$uuid(), $uuid()]", Mode::StepFunctions, 1);
    let [a, b] = [&uuids[0], &uuids[1]].map(|u| u.as_str().unwrap().to_string());
    assert_ne!(a, b);
    for uuid in [&a, &b] {
        let parts: Vec<&str> = uuid.split('-').collect();
        let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12], "{uuid}");
        assert!(parts[2].starts_with('4'), "{uuid}");
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{uuid}");
        assert!(uuid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }
    assert_eq!(eval("[$uuid(), $uuid()]", Mode::StepFunctions, 1), uuids);
    assert_ne!(eval("[$uuid(), $uuid()]", Mode::StepFunctions, 2), uuids);
}

#[test]
fn random_numbers_follow_the_seed_in_both_modes() {
    for mode in [Mode::Reference, Mode::StepFunctions] {
        let text = "[$random(), $random(), $random()]";
        let numbers = eval(text, mode, 5);
        assert_eq!(eval(text, mode, 5), numbers);
        assert_ne!(eval(text, mode, 6), numbers);
        for n in numbers.as_array().unwrap() {
            let n = n.as_f64().unwrap();
            assert!((0.0..1.0).contains(&n), "{n}");
        }
    }
    let shuffled = eval("$shuffle([1..20])", Mode::Reference, 3);
    assert_eq!(eval("$shuffle([1..20])", Mode::Reference, 3), shuffled);
}
