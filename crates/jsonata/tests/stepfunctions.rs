//! The Step Functions mode's generated values: `$random()` without a seed and `$uuid()` are
//! drawn from the evaluation's seed, so they repeat for the same seed and differ for
//! another; the reference `$random()` and `$shuffle()` follow the seed too.

use jsonata::{Bindings, Expression, Mode, Options, PreparedBindings};
use serde_json::{json, Value};

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

#[test]
fn generated_values_are_those_of_the_seed() {
    let text = "[$uuid(), $uuid(), $random(), $random()]";
    let values = eval(text, Mode::StepFunctions, 1);
    assert_eq!(
        values,
        json!([
            "910a2dec-8902-4cc1-beeb-8da1658eec67",
            "f893a2ee-fb32-455e-b1c1-8690ee42c90b",
            0.7308781907032909,
            0.41008081149220166
        ])
    );
}

#[test]
fn prepared_bindings_serve_many_evaluations_each_seeded_afresh() {
    let expr = Expression::parse("[$x, $uuid(), $random(), $hash($s, 'MD5'), $y.b]").unwrap();
    let (x, s) = (json!({"a": [1, 2]}), json!("text"));
    let mut prepared = PreparedBindings::new(Mode::StepFunctions);
    prepared.bind("x", &x);
    prepared.bind("s", &s);
    prepared.bind_object("y", vec![("a", &x), ("b", &s)]);
    // A variable named like a Step Functions function leaves the function in place.
    let one = json!(1);
    prepared.bind("hash", &one);
    let mut bindings = Bindings::new();
    bindings.insert("x".into(), x.clone());
    bindings.insert("s".into(), s.clone());
    bindings.insert("y".into(), json!({"a": x, "b": s}));
    bindings.insert("hash".into(), json!(1));
    for seed in [1, 2, 1] {
        let options = Options {
            mode: Mode::StepFunctions,
            seed,
            ..Options::default()
        };
        let copied = expr.evaluate(None, &bindings, &options).unwrap();
        let prepared = expr.evaluate_prepared(&Value::Null, &prepared, &options);
        assert_eq!(prepared.unwrap(), copied);
        let copied = copied.unwrap();
        assert_eq!((&copied[0], &copied[4]), (&x, &s));
    }
}
