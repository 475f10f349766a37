//! Problems found in a scenario, each with a JSON pointer into the scenario document (and
//! line:column when the text is known), whether they come from the scenario's own structure,
//! from a state machine definition or from an IAM policy. They take the shared shape of
//! [`jsonloc::Diagnostic`], with [`Code`] as their code.

use jsonloc::{DiagnosticCode, ReadCode, Severity};
use std::fmt;

/// One problem in a scenario.
pub type Diagnostic = jsonloc::Diagnostic<Code>;

/// What kind of problem: the scenario's own codes, and those of the definitions and policies
/// it holds, passed through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The text is not JSON.
    InvalidJson,
    /// `scenarioVersion` is missing or not 1.
    UnsupportedVersion,
    /// A field the format does not know.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A value outside what is allowed.
    InvalidValue,
    /// A name the API that creates the resource refuses (a state machine, role, function …).
    InvalidName,
    /// A malformed ARN, or one of the wrong kind.
    InvalidArn,
    /// A name or ARN that refers to nothing in the scenario.
    UnknownReference,
    /// A policy document that IAM would reject.
    InvalidPolicy,
    /// A Task resource the playground does not simulate (a warning).
    UnsupportedResource,
    /// An execution role that Step Functions may not assume (a warning).
    UntrustedExecutionRole,
    /// A problem of a state machine definition or of a Lambda payload template.
    Definition(asl::Code),
    /// A finding of the policy lint (`CONFUSED_DEPUTY_CROSS_ACCOUNT` …); its severity is the
    /// lint's.
    Lint(iam::Check),
}

impl Code {
    /// The scenario's own codes (without those of definitions and policies).
    pub const OWN: [Code; 12] = [
        Code::InvalidJson,
        Code::UnsupportedVersion,
        Code::UnknownField,
        Code::MissingField,
        Code::WrongType,
        Code::InvalidValue,
        Code::InvalidName,
        Code::InvalidArn,
        Code::UnknownReference,
        Code::InvalidPolicy,
        Code::UnsupportedResource,
        Code::UntrustedExecutionRole,
    ];
}

impl ReadCode for Code {
    /// The scenario's own codes first, then a definition's, then the lint's (no code is
    /// printed the same by two of them).
    fn read(code: &str) -> Option<Self> {
        Code::OWN
            .into_iter()
            .find(|c| c.as_str() == code)
            .or_else(|| asl::Code::read(code).map(Code::Definition))
            .or_else(|| iam::Check::read(code).map(Code::Lint))
    }
}

impl DiagnosticCode for Code {
    fn as_str(&self) -> &'static str {
        match self {
            Code::InvalidJson => "INVALID_JSON",
            Code::UnsupportedVersion => "UNSUPPORTED_SCENARIO_VERSION",
            Code::UnknownField => "UNKNOWN_FIELD",
            Code::MissingField => "MISSING_FIELD",
            Code::WrongType => "WRONG_TYPE",
            Code::InvalidValue => "INVALID_VALUE",
            Code::InvalidName => "INVALID_NAME",
            Code::InvalidArn => "INVALID_ARN",
            Code::UnknownReference => "UNKNOWN_REFERENCE",
            Code::InvalidPolicy => "INVALID_POLICY",
            Code::UnsupportedResource => "UNSUPPORTED_RESOURCE",
            Code::UntrustedExecutionRole => "UNTRUSTED_EXECUTION_ROLE",
            Code::Definition(code) => code.as_str(),
            Code::Lint(check) => check.as_str(),
        }
    }

    fn severity(&self) -> Severity {
        match self {
            Code::UnsupportedResource | Code::UntrustedExecutionRole => Severity::Warning,
            Code::Lint(check) => check.severity(),
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Code {
    /// The code as printed, e.g. `UNKNOWN_FIELD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_print_and_carry_their_severity() {
        let d = Diagnostic::new(Code::UnsupportedResource, "/a", "m");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.to_json()["code"], "UNSUPPORTED_RESOURCE");
        let d = Diagnostic::new(Code::Definition(asl::Code::MissingField), "", "m");
        assert_eq!(d.code.as_str(), asl::Code::MissingField.as_str());
        let lint = Code::Lint(iam::Check::ConfusedDeputyAnyPrincipal);
        assert_eq!(
            lint.as_str(),
            iam::Check::ConfusedDeputyAnyPrincipal.as_str()
        );
    }

    #[test]
    fn every_code_reads_back_as_itself() {
        let all = Code::OWN
            .into_iter()
            .chain(asl::Code::ALL.into_iter().map(Code::Definition))
            .chain(iam::Check::ALL.iter().copied().map(Code::Lint));
        for code in all {
            assert_eq!(Code::read(code.as_str()), Some(code));
            let d = Diagnostic::new(code, "/x", "m").locate("{\"x\": 1}");
            let json = serde_json::to_value(&d).unwrap();
            assert_eq!(serde_json::from_value::<Diagnostic>(json).unwrap(), d);
        }
    }
}
