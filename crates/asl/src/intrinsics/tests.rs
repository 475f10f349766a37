//! Unit tests of the parser and of evaluation details not visible in the recordings.

use serde_json::{json, Value};
use std::borrow::Cow;

use super::{evaluate, parse, Arg, Call, Function, IntrinsicSyntaxError};
use crate::failure::Failure;
use seeded::Rng;

/// Paths are kept as their text.
fn parse_text(text: &str) -> Result<Call<String>, IntrinsicSyntaxError> {
    parse(text, &mut |path: &str| Ok(path.to_owned()))
}

/// Evaluates with paths looked up as top-level keys of `input` (`$.key`).
fn run(text: &str, input: Value) -> Result<Value, Failure> {
    let call = parse_text(text).map_err(|e| Failure::new("Syntax", e.to_string()))?;
    let mut resolve = |path: &String| {
        Ok(Cow::Borrowed(
            input
                .get(path.trim_start_matches("$."))
                .unwrap_or(&Value::Null),
        ))
    };
    evaluate(&call, &mut resolve, &mut Rng::new(1))
}

#[test]
fn parses_nested_calls_literals_and_paths() {
    let call = parse_text(
        "States.Array('a\\'b{}', States.Array(1, -2.5, true, null), $.x[?(@.b == 'x)')])",
    )
    .unwrap();
    assert_eq!(call.function, Function::Array);
    assert_eq!(call.args[0], Arg::Literal(json!("a'b{}")));
    let Arg::Call(inner) = &call.args[1] else {
        panic!("expected a nested call")
    };
    assert_eq!(
        inner.args,
        vec![
            Arg::Literal(json!(1)),
            Arg::Literal(json!(-2.5)),
            Arg::Literal(json!(true)),
            Arg::Literal(Value::Null)
        ]
    );
    assert_eq!(call.args[2], Arg::Path("$.x[?(@.b == 'x)')]".to_owned()));
}

#[test]
fn rejects_bad_syntax_with_typed_errors() {
    use IntrinsicSyntaxError::*;
    let cases: Vec<(&str, IntrinsicSyntaxError)> = vec![
        (
            "States.Nope()",
            UnknownFunction {
                name: "States.Nope".into(),
            },
        ),
        ("States.UUID", ExpectedOpenParen { at: 11 }),
        ("States.Format('x", UnterminatedString { at: 14 }),
        ("States.Format('\\n')", InvalidEscape { at: 15 }),
        (
            "States.Array(1,)",
            UnexpectedCharacter { at: 15, found: ')' },
        ),
        ("States.Array(1", UnexpectedEnd),
        ("States.Array(1) x", TrailingText { at: 16 }),
        (
            "States.Array(1.2.3)",
            BadNumber {
                at: 13,
                text: "1.2.3".into(),
            },
        ),
        (
            "States.Array(nope)",
            UnexpectedCharacter { at: 13, found: 'n' },
        ),
        (
            "States.MathAdd(1)",
            WrongArity {
                function: Function::MathAdd,
                expected: Function::MathAdd.arity(),
                got: 1,
            },
        ),
        (
            "States.MathAdd(1, 'a')",
            WrongArgumentType {
                function: Function::MathAdd,
                position: 2,
                expected: super::function::ArgKind::Number,
            },
        ),
        (
            "States.JsonMerge($.a, $.b, true)",
            WrongArgumentType {
                function: Function::JsonMerge,
                position: 3,
                expected: super::function::ArgKind::False,
            },
        ),
        (
            "States.Format('{} {}', 1)",
            FormatPlaceholders {
                placeholders: 2,
                values: 1,
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_text(text).unwrap_err(), expected, "{text}");
    }
    let bad_path = parse("States.Array($..x)", &mut |_: &str| -> Result<(), String> {
        Err("no".into())
    });
    assert_eq!(
        bad_path.unwrap_err(),
        IntrinsicSyntaxError::BadPath {
            text: "$..x".into(),
            message: "no".into()
        }
    );
}

#[test]
fn limits_nesting_to_ten() {
    let nest = |n: usize| format!("{}1{}", "States.Array(".repeat(n), ")".repeat(n));
    assert!(parse_text(&nest(10)).is_ok());
    assert_eq!(
        parse_text(&nest(11)).unwrap_err(),
        IntrinsicSyntaxError::TooDeeplyNested { max: 10 }
    );
}

#[test]
fn format_escapes_and_rendering() {
    assert_eq!(
        run(
            "States.Format('\\{\\} {} \\\\{}', $.a, $.b)",
            json!({"a": 1, "b": "x"})
        )
        .unwrap(),
        json!("{} 1 \\x")
    );
    assert_eq!(
        run(
            "States.Format('{}', $.o)",
            json!({"o": {"a": [1, "s"], "b": null}})
        )
        .unwrap(),
        json!("{a=[1, s], b=null}")
    );
    let err = run("States.Format($.t, 1)", json!({"t": "{} {}"})).unwrap_err();
    assert_eq!(err.error, "States.IntrinsicFailure");
}

#[test]
fn never_panics_on_odd_text() {
    for text in [
        "",
        "States.",
        "States.Format(",
        "States.Format('é",
        "States.Array('\\",
        "States.Array($",
        "States.Array(-)",
        "States.Array(é)",
        "States.Array($[)",
        "States.Array(1e999999)",
    ] {
        let _ = parse_text(text);
    }
}

#[test]
fn unseeded_random_uses_the_rng_and_seeded_is_stable() {
    let a = run("States.MathRandom(1, 3, 7)", Value::Null).unwrap();
    assert_eq!(a, run("States.MathRandom(1, 3, 7)", Value::Null).unwrap());
    let n = run("States.MathRandom(-5, 5)", Value::Null)
        .unwrap()
        .as_i64()
        .unwrap();
    assert!((-5..5).contains(&n));
    let uuid = run("States.UUID()", Value::Null).unwrap();
    let uuid = uuid.as_str().unwrap();
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4");
    assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
}
