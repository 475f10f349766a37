//! The one shape of a problem the engines report: a typed code, a severity, a message, and
//! where (a JSON pointer, and line:column once the text is known).

use crate::Position;
use serde::de::{Deserialize, Deserializer, Error};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

/// How bad a problem is, on IAM Access Analyzer's scale (its finding types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// It cannot be used as written (AWS would refuse it, or it cannot run).
    Error,
    /// It works, but grants more than meant or opens a confused deputy.
    SecurityWarning,
    /// It works, but probably not as meant.
    Warning,
    /// It could be written better.
    Suggestion,
}

impl Severity {
    /// `error`, `security_warning`, `warning` or `suggestion`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security_warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }

    /// Reads what [`Severity::as_str`] writes.
    pub fn parse(name: &str) -> Option<Severity> {
        Some(match name {
            "error" => Severity::Error,
            "security_warning" => Severity::SecurityWarning,
            "warning" => Severity::Warning,
            "suggestion" => Severity::Suggestion,
            _ => return None,
        })
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Severity::parse(&name).ok_or_else(|| D::Error::custom(format!("unknown severity `{name}`")))
    }
}

/// An engine's typed problem code. Each engine keeps its own enum; this is what the shared
/// [`Diagnostic`] needs of it.
pub trait DiagnosticCode {
    /// The code as printed, e.g. `SCHEMA_VALIDATION_FAILED`.
    fn as_str(&self) -> &'static str;

    /// The severity a problem of this kind has unless said otherwise.
    fn severity(&self) -> Severity {
        Severity::Error
    }
}

/// A code that reads back from what [`DiagnosticCode::as_str`] prints, so that a
/// [`Diagnostic`] carrying it deserializes.
pub trait ReadCode: DiagnosticCode + Sized {
    /// The code printed as `code`, if any.
    fn read(code: &str) -> Option<Self>;
}

/// One problem: what (a typed code and a message), how bad, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic<C> {
    /// The engine's code for the kind of problem.
    pub code: C,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, in words.
    pub message: String,
    /// Where, as a JSON pointer into the document (`""` is the whole document).
    pub pointer: String,
    /// Line and column, once the text the document came from is known.
    pub position: Option<Position>,
    /// For a problem inside a string value (an expression): the character of the string,
    /// counted from its opening quote, where it is. Locating uses it to point inside the
    /// string rather than at its member. (Kept small so that results carrying a diagnostic
    /// stay small: a place further than 65,535 characters into a string is left `None`, and
    /// the problem is located at its member.)
    pub inner: Option<u16>,
}

impl<C: DiagnosticCode> Diagnostic<C> {
    /// A problem at `pointer`, with the code's own severity and no position yet.
    pub fn new(code: C, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            pointer: pointer.into(),
            position: None,
            inner: None,
        }
    }
}

impl<C> Diagnostic<C> {
    /// The same problem with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Fills in line:column from the text the document came from (kept when already known).
    pub fn locate(mut self, text: &str) -> Self {
        if self.position.is_none() {
            self.position = crate::locate_inner(text, &self.pointer, self.inner);
        }
        self
    }

    /// Re-roots the problem under `base`: the pointer of this document in a larger one.
    pub fn under(mut self, base: &str) -> Self {
        self.pointer.insert_str(0, base);
        self
    }

    /// The same problem with its code converted, e.g. into a wider engine's code enum.
    pub fn map_code<D>(self, f: impl FnOnce(C) -> D) -> Diagnostic<D> {
        Diagnostic {
            code: f(self.code),
            severity: self.severity,
            message: self.message,
            pointer: self.pointer,
            position: self.position,
            inner: self.inner,
        }
    }

    /// The pointer, or `/` for the whole document, as printed.
    pub fn place(&self) -> &str {
        if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        }
    }
}

impl<C: DiagnosticCode> Diagnostic<C> {
    /// The problem as JSON: `{severity, code, message, pointer, line, column}`, and
    /// `inner` when it points inside a string.
    pub fn to_json(&self) -> serde_json::Value {
        // Strings, numbers and nulls: it always serializes.
        serde_json::to_value(self).unwrap_or_default()
    }
}

impl<C: DiagnosticCode> Serialize for Diagnostic<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.inner.is_some() { 7 } else { 6 };
        let mut s = serializer.serialize_struct("Diagnostic", fields)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("code", self.code.as_str())?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("pointer", &self.pointer)?;
        s.serialize_field("line", &self.position.map(|p| p.line))?;
        s.serialize_field("column", &self.position.map(|p| p.column))?;
        if let Some(inner) = self.inner {
            s.serialize_field("inner", &inner)?;
        }
        s.end()
    }
}

/// A diagnostic as it serializes, before its code is read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DiagnosticWire {
    severity: Severity,
    code: String,
    message: String,
    pointer: String,
    line: Option<usize>,
    column: Option<usize>,
    #[serde(default)]
    inner: Option<u16>,
}

impl<'de, C: ReadCode> Deserialize<'de> for Diagnostic<C> {
    /// Reads what `serialize` writes; line and column come together or not at all.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = DiagnosticWire::deserialize(deserializer)?;
        let code = C::read(&wire.code)
            .ok_or_else(|| D::Error::custom(format!("unknown code `{}`", wire.code)))?;
        let position = match (wire.line, wire.column) {
            (Some(line), Some(column)) => Some(Position { line, column }),
            (None, None) => None,
            _ => return Err(D::Error::custom("line and column come together")),
        };
        Ok(Diagnostic {
            code,
            severity: wire.severity,
            message: wire.message,
            pointer: wire.pointer,
            position,
            inner: wire.inner,
        })
    }
}

impl<C: DiagnosticCode> fmt::Display for Diagnostic<C> {
    /// `line:column: severity CODE at /pointer: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.position {
            write!(f, "{p}: ")?;
        }
        write!(
            f,
            "{} {} at {}: {}",
            self.severity,
            self.code.as_str(),
            self.place(),
            self.message
        )
    }
}

impl<C: DiagnosticCode + fmt::Debug> std::error::Error for Diagnostic<C> {}

/// Fills in line:column for every problem from the text the document came from, indexing
/// the text once (see [`crate::Index`]) rather than scanning it for each problem.
pub fn locate_all<C>(text: &str, diagnostics: &mut [Diagnostic<C>]) {
    if diagnostics.iter().all(|d| d.position.is_some()) {
        return;
    }
    let index = crate::Index::new(text);
    for d in diagnostics {
        if d.position.is_none() {
            d.position = index.locate_inner(&d.pointer, d.inner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Code {
        Bad,
        Meh,
    }

    impl DiagnosticCode for Code {
        fn as_str(&self) -> &'static str {
            match self {
                Code::Bad => "BAD",
                Code::Meh => "MEH",
            }
        }
        fn severity(&self) -> Severity {
            match self {
                Code::Bad => Severity::Error,
                Code::Meh => Severity::Warning,
            }
        }
    }

    impl ReadCode for Code {
        fn read(code: &str) -> Option<Self> {
            [Code::Bad, Code::Meh]
                .into_iter()
                .find(|c| c.as_str() == code)
        }
    }

    #[test]
    fn reads_back_what_it_writes() {
        let mut d = Diagnostic::new(Code::Meh, "/a", "m").locate("{\"a\": 1}");
        let back = |d: &Diagnostic<Code>| {
            serde_json::from_value::<Diagnostic<Code>>(serde_json::to_value(d).unwrap()).unwrap()
        };
        assert_eq!(back(&d), d);
        d.inner = Some(3);
        assert_eq!(serde_json::to_value(&d).unwrap()["inner"], 3);
        assert_eq!(back(&d), d);
        let bad = serde_json::json!({"severity": "error", "code": "NOPE", "message": "",
                                     "pointer": "", "line": null, "column": null});
        assert!(serde_json::from_value::<Diagnostic<Code>>(bad).is_err());
        let half = serde_json::json!({"severity": "error", "code": "BAD", "message": "",
                                      "pointer": "", "line": 1, "column": null});
        assert!(serde_json::from_value::<Diagnostic<Code>>(half).is_err());
    }

    #[test]
    fn takes_the_codes_severity_and_locates_in_text() {
        let text = "{\n  \"a\": {\"b\": 1}\n}";
        let d = Diagnostic::new(Code::Meh, "/b", "no good")
            .under("/a")
            .locate(text);
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.pointer, "/a/b");
        assert_eq!(d.position, Some(Position { line: 2, column: 9 }));
        assert_eq!(d.to_string(), "2:9: warning MEH at /a/b: no good");
        assert_eq!(
            serde_json::to_value(&d).unwrap(),
            serde_json::json!({"severity": "warning", "code": "MEH", "message": "no good",
                               "pointer": "/a/b", "line": 2, "column": 9})
        );
        assert_eq!(d.to_json(), serde_json::to_value(&d).unwrap());
    }

    #[test]
    fn root_is_printed_as_slash_and_codes_convert() {
        let d = Diagnostic::new(Code::Bad, "", "empty").map_code(|_| Code::Meh);
        assert_eq!(d.code, Code::Meh);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.to_string(), "error MEH at /: empty");
        assert_eq!(
            Severity::parse("security_warning"),
            Some(Severity::SecurityWarning)
        );
        assert!(Severity::Error < Severity::Suggestion);
    }
}
