//! Problems found in a definition: the shared [`jsonloc::Diagnostic`] shape with the
//! codes AWS's ValidateStateMachineDefinition uses.

use jsonloc::{DiagnosticCode, ReadCode};

/// The kind of a definition problem (named as AWS's ValidateStateMachineDefinition does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The text is not JSON.
    InvalidJson,
    /// A required field is absent.
    MissingField,
    /// A field that the state type (or object) does not allow.
    UnknownField,
    /// A field holds a value of the wrong JSON type.
    WrongType,
    /// A field holds a value outside what is allowed.
    InvalidValue,
    /// `StartAt`, `Next` or `Default` names a state that does not exist.
    MissingTransitionTarget,
    /// A state no path from `StartAt` reaches.
    UnreachableState,
    /// Both or neither of `Next` and `End`.
    InvalidTransition,
    /// No state ends the machine.
    MissingEndState,
    /// An unknown `Type`.
    InvalidStateType,
    /// A path that is not valid JSONPath or not allowed where it stands.
    InvalidJsonPath,
    /// A `ResultPath` that is not a reference path.
    InvalidReferencePath,
    /// An intrinsic function call that does not parse or is unknown.
    InvalidIntrinsic,
    /// A malformed Choice rule.
    InvalidChoiceRule,
    /// `States.ALL` not alone and last in Retry or Catch, or a malformed error list.
    InvalidErrorMatcher,
    /// A JSONata expression that does not parse, is not written exactly `{% … %}`, or
    /// uses `$`/`$$` at its top level.
    InvalidJsonata,
    /// A request AWS rejects with a ValidationException before reading the definition: a
    /// definition over CreateStateMachine's 1,048,576-byte quota, or a TestState request
    /// against its rules (a mock for a state that takes none, a level the state does not
    /// support, input that is not JSON …).
    ValidationException,
}

impl Code {
    /// Every code.
    pub const ALL: [Code; 17] = [
        Code::InvalidJson,
        Code::MissingField,
        Code::UnknownField,
        Code::WrongType,
        Code::InvalidValue,
        Code::MissingTransitionTarget,
        Code::UnreachableState,
        Code::InvalidTransition,
        Code::MissingEndState,
        Code::InvalidStateType,
        Code::InvalidJsonPath,
        Code::InvalidReferencePath,
        Code::InvalidIntrinsic,
        Code::InvalidChoiceRule,
        Code::InvalidErrorMatcher,
        Code::InvalidJsonata,
        Code::ValidationException,
    ];
}

impl ReadCode for Code {
    fn read(code: &str) -> Option<Self> {
        Code::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

impl DiagnosticCode for Code {
    /// The code as printed: `SCHEMA_VALIDATION_FAILED` style.
    fn as_str(&self) -> &'static str {
        match self {
            Code::InvalidJson => "INVALID_JSON_DESCRIPTION",
            Code::MissingField => "MISSING_REQUIRED_FIELD",
            Code::UnknownField => "SCHEMA_VALIDATION_FAILED",
            Code::WrongType => "INVALID_FIELD_TYPE",
            Code::InvalidValue => "INVALID_FIELD_VALUE",
            Code::MissingTransitionTarget => "MISSING_TRANSITION_TARGET",
            Code::UnreachableState => "UNREACHABLE_STATE",
            Code::InvalidTransition => "INVALID_TRANSITION",
            Code::MissingEndState => "MISSING_END_STATE",
            Code::InvalidStateType => "INVALID_STATE_TYPE",
            Code::InvalidJsonPath => "INVALID_JSON_PATH",
            Code::InvalidReferencePath => "INVALID_REFERENCE_PATH",
            Code::InvalidIntrinsic => "INVALID_INTRINSIC_FUNCTION",
            Code::InvalidChoiceRule => "INVALID_CHOICE_RULE",
            Code::InvalidErrorMatcher => "INVALID_ERROR_MATCHER",
            Code::InvalidJsonata => "INVALID_JSONATA",
            Code::ValidationException => "VALIDATION_EXCEPTION",
        }
    }
}

/// One problem in a definition: a [`Code`], a message, a JSON pointer and, once the text is
/// known, line and column.
pub type Diagnostic = jsonloc::Diagnostic<Code>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back() {
        for code in Code::ALL {
            assert_eq!(Code::read(code.as_str()), Some(code));
        }
        assert_eq!(Code::read("MISSING_FIELD"), None);
    }
}
