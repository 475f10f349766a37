//! Runaway expressions end with a clear `U1001` (or the reference's own code), never a hang,
//! a trap or a stack overflow; malformed expressions are errors, never panics. Which limit
//! ends an expression is checked without the time backstop, so that it does not depend on
//! the machine's speed or load; the elapsed times are printed (`-- --nocapture`).

use jsonata::{Bindings, Error, Expression, Options};
use std::time::{Duration, Instant};

/// Longer than a runaway expression takes to be stopped, even in a debug build on a busy
/// machine: past it, the evaluation would be hanging.
const HANG: Duration = Duration::from_secs(10);

/// The default limits without the time backstop: deterministic.
fn deterministic() -> Options {
    Options {
        timeout_millis: None,
        ..Options::default()
    }
}

fn fails(text: &str, options: &Options) -> Error {
    let started = Instant::now();
    let outcome =
        Expression::parse(text).and_then(|expr| expr.evaluate(None, &Bindings::new(), options));
    let elapsed = started.elapsed();
    let error = outcome.expect_err(text);
    let shown: String = text.chars().take(80).collect();
    println!("{shown}: {error} in {elapsed:?}");
    assert!(elapsed < HANG, "{shown} took {elapsed:?}");
    error
}

#[test]
fn deep_recursion_ends_with_u1001() {
    for text in [
        "($f := function($n) { $n + $f($n + 1) }; $f(0))",
        "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))",
    ] {
        let error = fails(text, &deterministic());
        assert_eq!(error.code, "U1001", "{text}");
        assert!(error.message.contains("deeper than 500"), "{error}");
    }
    // A tail call takes no depth: the step budget ends it.
    let error = fails("($inf := function() { $inf() }; $inf())", &deterministic());
    assert_eq!(error.code, "U1001");
    assert!(error.message.contains("steps"), "{error}");
}

#[test]
fn endless_loops_end_with_u1001_within_the_step_budget() {
    for text in [
        "($loop := function($n) { $loop($n + 1) }; $loop(0))",
        "$sum([1..99999].($x := $; $count([1..99999][$ = $x])))",
    ] {
        let error = fails(text, &deterministic());
        assert_eq!(error.code, "U1001", "{text}");
        assert!(error.message.contains("steps"), "{error}");
    }
}

#[test]
fn the_time_backstop_ends_expressions_that_build_much_at_each_step() {
    let text = "$sum([1..99999].$sum([1..99999]))";
    let error = fails(text, &Options::default());
    assert_eq!(error.code, "U1001", "{text}");
    assert!(error.message.contains("500 ms"), "{error}");
}

#[test]
fn huge_arrays_and_strings_end_with_an_error() {
    let error = fails("[1..100000000]", &deterministic());
    assert_eq!(error.code, "D2014");
    let error = fails("$count([1..500000])", &deterministic());
    assert_eq!(error.code, "U1001");
    let error = fails("$pad('x', 100000000)", &deterministic());
    assert_eq!(error.code, "D2016");
    let error = fails(
        "($double := function($s, $n) { $n = 0 ? $s : $double($s & $s, $n - 1) }; $double('ab', 40))",
        &deterministic(),
    );
    assert_eq!(error.code, "U1001");
}

#[test]
fn deep_nesting_of_the_text_is_a_parse_error() {
    let text = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let error = fails(&text, &deterministic());
    assert_eq!(error.code, "U1001");
    let text = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!fails(&text, &deterministic()).code.is_empty());
}

#[test]
fn limits_are_options() {
    let options = Options {
        max_depth: 30,
        ..deterministic()
    };
    let text = "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100))";
    assert_eq!(fails(text, &options).code, "U1001");
    let expr = Expression::parse(text).unwrap();
    let result = expr.evaluate(None, &Bindings::new(), &deterministic());
    assert_eq!(result.unwrap(), Some(serde_json::json!(100)));
    let options = Options {
        max_steps: 100,
        ..deterministic()
    };
    assert_eq!(fails("$sum([1..1000].($ * 2))", &options).code, "U1001");
}

#[test]
fn malformed_expressions_are_errors_with_a_position() {
    for (text, code) in [
        ("", "S0207"),
        ("Account.Order[", "S0203"),
        ("$sum(", "S0203"),
        ("\"unterminated", "S0101"),
        ("1 +", "S0207"),
        ("{", "S0203"),
        ("foo(]", "S0211"),
        ("`quoted", "S0105"),
        ("/* comment", "S0106"),
        ("é + ", "S0207"),
        ("$x := ", "S0207"),
        ("function($a) { $a", "S0203"),
        ("[1,2,3]]", "S0201"),
    ] {
        let error = Expression::parse(text).expect_err(text);
        println!("{text:?}: {error}");
        assert_eq!(error.code, code, "{text:?}: {error}");
        assert!(!error.message.is_empty());
        assert!(
            error.position.is_some_and(|p| p <= text.chars().count()),
            "{text:?}: {error}"
        );
    }
}

#[test]
fn positions_count_characters() {
    let error = Expression::parse("'é' + ]").unwrap_err();
    assert_eq!(error.position, Some(6), "{error}");
}
