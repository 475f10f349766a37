//! Why the text of an intrinsic call was rejected (at CreateStateMachine).

use std::fmt;

use super::function::{ArgKind, Arity, Function};

/// A syntax or static validation error in an intrinsic call; offsets count characters
/// from the start of the field value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntrinsicSyntaxError {
    /// The text at `at` is not a `States.` function name.
    ExpectedFunction { at: usize },
    /// `States.<name>` is not one of the intrinsic functions.
    UnknownFunction { name: String },
    /// The function name at `at` is not followed by `(`.
    ExpectedOpenParen { at: usize },
    /// The function was given the wrong number of arguments.
    WrongArity {
        function: Function,
        expected: Arity,
        got: usize,
    },
    /// A literal argument (position from 1) is not of the kind the function requires.
    WrongArgumentType {
        function: Function,
        position: usize,
        expected: ArgKind,
    },
    /// A literal `States.Format` template has a different number of `{}` than values given.
    FormatPlaceholders { placeholders: usize, values: usize },
    /// A string literal opened at `at` is not closed.
    UnterminatedString { at: usize },
    /// A backslash at `at` escapes something other than `'`, `{`, `}` or `\`.
    InvalidEscape { at: usize },
    /// An unexpected character.
    UnexpectedCharacter { at: usize, found: char },
    /// The text ended in the middle of a call.
    UnexpectedEnd,
    /// A numeric literal that is not a valid JSON number.
    BadNumber { at: usize, text: String },
    /// A path argument that the path compiler rejected.
    BadPath { text: String, message: String },
    /// Calls nested more deeply than allowed.
    TooDeeplyNested { max: usize },
    /// Text after the closing parenthesis of the call.
    TrailingText { at: usize },
}

impl fmt::Display for IntrinsicSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use IntrinsicSyntaxError::*;
        match self {
            ExpectedFunction { at } => {
                write!(f, "expected an intrinsic function name at character {at}")
            }
            UnknownFunction { name } => write!(f, "unknown intrinsic function '{name}'"),
            ExpectedOpenParen { at } => write!(f, "expected '(' at character {at}"),
            WrongArity {
                function,
                expected,
                got,
            } => write!(
                f,
                "{function} takes {expected} argument(s), but {got} were given"
            ),
            WrongArgumentType {
                function,
                position,
                expected,
            } => write!(f, "argument {position} of {function} must be {expected}"),
            FormatPlaceholders {
                placeholders,
                values,
            } => write!(
                f,
                "States.Format template has {placeholders} placeholder(s) but {values} value(s) were given"
            ),
            UnterminatedString { at } => {
                write!(f, "string literal starting at character {at} is not closed")
            }
            InvalidEscape { at } => write!(
                f,
                "invalid escape at character {at}: only \\', \\{{, \\}} and \\\\ are allowed"
            ),
            UnexpectedCharacter { at, found } => {
                write!(f, "unexpected character '{found}' at character {at}")
            }
            UnexpectedEnd => f.write_str("the intrinsic function call is not complete"),
            BadNumber { at, text } => write!(f, "invalid number '{text}' at character {at}"),
            BadPath { text, message } => write!(f, "invalid path '{text}': {message}"),
            TooDeeplyNested { max } => {
                write!(f, "intrinsic functions cannot be nested more than {max} deep")
            }
            TrailingText { at } => write!(f, "unexpected text after the call at character {at}"),
        }
    }
}

impl std::error::Error for IntrinsicSyntaxError {}
