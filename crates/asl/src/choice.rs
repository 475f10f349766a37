//! Choice rules: their parsing (with the checks CreateStateMachine makes) and evaluation.

use crate::diagnostic::{Code, Diagnostic};
use crate::failure::{names, Failure};
use crate::path::{excerpt, Path};
use crate::scope::Scope;
use serde_json::{Map, Value};
use std::cmp::Ordering;
use timestamp::parse_nanos;
use wildcard::{Pattern, Syntax};

/// A Boolean expression of a Choice rule.
#[derive(Debug, Clone)]
pub enum Condition {
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
    Compare {
        variable: Path,
        op: Op,
        operand: Operand,
    },
}

/// The data-test operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}

/// What the variable is compared with.
#[derive(Debug, Clone)]
pub enum Operand {
    Value(Value),
    Path(Path),
}

const OPS: &[(&str, Op)] = &[
    ("StringEquals", Op::StringEquals),
    ("StringLessThan", Op::StringLessThan),
    ("StringGreaterThan", Op::StringGreaterThan),
    ("StringLessThanEquals", Op::StringLessThanEquals),
    ("StringGreaterThanEquals", Op::StringGreaterThanEquals),
    ("StringMatches", Op::StringMatches),
    ("NumericEquals", Op::NumericEquals),
    ("NumericLessThan", Op::NumericLessThan),
    ("NumericGreaterThan", Op::NumericGreaterThan),
    ("NumericLessThanEquals", Op::NumericLessThanEquals),
    ("NumericGreaterThanEquals", Op::NumericGreaterThanEquals),
    ("BooleanEquals", Op::BooleanEquals),
    ("TimestampEquals", Op::TimestampEquals),
    ("TimestampLessThan", Op::TimestampLessThan),
    ("TimestampGreaterThan", Op::TimestampGreaterThan),
    ("TimestampLessThanEquals", Op::TimestampLessThanEquals),
    ("TimestampGreaterThanEquals", Op::TimestampGreaterThanEquals),
    ("IsNull", Op::IsNull),
    ("IsPresent", Op::IsPresent),
    ("IsNumeric", Op::IsNumeric),
    ("IsString", Op::IsString),
    ("IsBoolean", Op::IsBoolean),
    ("IsTimestamp", Op::IsTimestamp),
];

impl Op {
    fn family(self) -> Family {
        use Op::*;
        match self {
            StringEquals
            | StringLessThan
            | StringGreaterThan
            | StringLessThanEquals
            | StringGreaterThanEquals
            | StringMatches => Family::String,
            NumericEquals
            | NumericLessThan
            | NumericGreaterThan
            | NumericLessThanEquals
            | NumericGreaterThanEquals => Family::Numeric,
            BooleanEquals => Family::Boolean,
            TimestampEquals
            | TimestampLessThan
            | TimestampGreaterThan
            | TimestampLessThanEquals
            | TimestampGreaterThanEquals => Family::Timestamp,
            IsNull | IsPresent | IsNumeric | IsString | IsBoolean | IsTimestamp => Family::Test,
        }
    }

    fn accepts(self, ordering: Ordering) -> bool {
        use Op::*;
        match self {
            StringEquals | NumericEquals | TimestampEquals | BooleanEquals => ordering.is_eq(),
            StringLessThan | NumericLessThan | TimestampLessThan => ordering.is_lt(),
            StringGreaterThan | NumericGreaterThan | TimestampGreaterThan => ordering.is_gt(),
            StringLessThanEquals | NumericLessThanEquals | TimestampLessThanEquals => {
                ordering.is_le()
            }
            _ => ordering.is_ge(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    String,
    Numeric,
    Boolean,
    Timestamp,
    Test,
}

/// Parses a Choice rule's condition (everything but `Next`, `Assign` and `Comment`).
pub fn parse_condition(
    rule: &Map<String, Value>,
    pointer: &str,
    top_level: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let mut found: Vec<(&str, &Value)> = Vec::new();
    let mut variable = None;
    for (key, value) in rule {
        match key.as_str() {
            "Variable" => variable = Some(value),
            "Next" | "Assign" if top_level => {}
            "Comment" => {}
            "Next" => diags.push(Diagnostic::new(
                Code::InvalidChoiceRule,
                jsonloc::pointer_push(pointer, key),
                "'Next' is only allowed in a top-level Choice rule, not inside And, Or or Not",
            )),
            "And" | "Or" | "Not" => found.push((key, value)),
            k if operator(k).is_some() => found.push((key, value)),
            _ => diags.push(Diagnostic::new(
                Code::UnknownField,
                jsonloc::pointer_push(pointer, key),
                format!("'{key}' is not a Choice rule field"),
            )),
        }
    }
    let (key, value) = match found.as_slice() {
        [one] => *one,
        [] => {
            diags.push(Diagnostic::new(
                Code::InvalidChoiceRule,
                pointer,
                "a Choice rule needs exactly one comparison operator, or And, Or or Not",
            ));
            return None;
        }
        [_, second, ..] => {
            diags.push(Diagnostic::new(
                Code::InvalidChoiceRule,
                jsonloc::pointer_push(pointer, second.0),
                "a Choice rule may hold only one comparison operator (or one of And, Or, Not)",
            ));
            return None;
        }
    };
    let at = jsonloc::pointer_push(pointer, key);
    match key {
        "And" | "Or" => {
            if variable.is_some() {
                diags.push(Diagnostic::new(
                    Code::InvalidChoiceRule,
                    jsonloc::pointer_push(pointer, "Variable"),
                    format!("'Variable' is not allowed beside '{key}'"),
                ));
            }
            let Some(items) = value.as_array().filter(|a| !a.is_empty()) else {
                diags.push(Diagnostic::new(
                    Code::InvalidChoiceRule,
                    at,
                    format!("'{key}' must be a non-empty array of Choice rules"),
                ));
                return None;
            };
            let mut conditions = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                conditions.push(parse_nested(item, &format!("{at}/{i}"), diags)?);
            }
            Some(if key == "And" {
                Condition::And(conditions)
            } else {
                Condition::Or(conditions)
            })
        }
        "Not" => {
            if variable.is_some() {
                diags.push(Diagnostic::new(
                    Code::InvalidChoiceRule,
                    jsonloc::pointer_push(pointer, "Variable"),
                    "'Variable' is not allowed beside 'Not'",
                ));
            }
            parse_nested(value, &at, diags).map(|c| Condition::Not(Box::new(c)))
        }
        _ => parse_comparison(key, value, variable, pointer, diags),
    }
}

fn parse_nested(value: &Value, pointer: &str, diags: &mut Vec<Diagnostic>) -> Option<Condition> {
    match value.as_object() {
        Some(rule) => parse_condition(rule, pointer, false, diags),
        None => {
            diags.push(Diagnostic::new(
                Code::InvalidChoiceRule,
                pointer,
                "a Choice rule must be an object",
            ));
            None
        }
    }
}

fn operator(key: &str) -> Option<(Op, bool)> {
    let (name, is_path) = match key.strip_suffix("Path") {
        Some(base) if base != "Is" => (base, true),
        _ => (key, false),
    };
    let op = OPS.iter().find(|(n, _)| *n == name)?.1;
    if is_path && (matches!(op.family(), Family::Test) || op == Op::StringMatches) {
        return None;
    }
    Some((op, is_path))
}

/// A Choice `Variable` or `...Path` value: a path to a single node ("reference path"),
/// from the input, the context object or a variable.
fn reference(text: &str) -> Result<Path, String> {
    let path = Path::parse(text).map_err(|e| e.to_string())?;
    if path.segments().is_none() {
        return Err(
            "it must be a reference path to one node, without wildcards, filters or slices".into(),
        );
    }
    Ok(path)
}

fn parse_comparison(
    key: &str,
    value: &Value,
    variable: Option<&Value>,
    pointer: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let (op, is_path) = operator(key)?;
    let at = jsonloc::pointer_push(pointer, key);
    let variable = match variable {
        Some(Value::String(text)) => match reference(text) {
            Ok(p) => p,
            Err(e) => {
                diags.push(Diagnostic::new(
                    Code::InvalidReferencePath,
                    jsonloc::pointer_push(pointer, "Variable"),
                    format!(
                        "'Variable' is not a valid reference path ('{}'): {e}",
                        excerpt(text)
                    ),
                ));
                return None;
            }
        },
        Some(_) => {
            diags.push(Diagnostic::new(
                Code::WrongType,
                jsonloc::pointer_push(pointer, "Variable"),
                "'Variable' must be a string holding a path",
            ));
            return None;
        }
        None => {
            diags.push(Diagnostic::new(
                Code::InvalidChoiceRule,
                pointer,
                format!("a Choice rule with '{key}' needs a 'Variable'"),
            ));
            return None;
        }
    };
    let operand = if is_path {
        match value.as_str().map(reference) {
            Some(Ok(p)) => Operand::Path(p),
            _ => {
                diags.push(Diagnostic::new(
                    Code::InvalidReferencePath,
                    at,
                    format!("'{key}' must be a string holding a reference path (one node, no wildcards or filters)"),
                ));
                return None;
            }
        }
    } else {
        let ok = match op.family() {
            Family::String => value.is_string(),
            Family::Numeric => value.is_number(),
            Family::Boolean | Family::Test => value.is_boolean(),
            Family::Timestamp => value.as_str().and_then(parse_nanos).is_some(),
        };
        if !ok {
            let wanted = match op.family() {
                Family::String => "a string",
                Family::Numeric => "a number",
                Family::Boolean | Family::Test => "a boolean",
                Family::Timestamp => "an RFC 3339 timestamp string (e.g. 2016-03-14T01:59:00Z)",
            };
            diags.push(Diagnostic::new(
                Code::WrongType,
                at,
                format!("the value of '{key}' must be {wanted}"),
            ));
            return None;
        }
        Operand::Value(value.clone())
    };
    Some(Condition::Compare {
        variable,
        op,
        operand,
    })
}

impl Condition {
    /// Evaluates the condition; a variable path that selects nothing is a States.Runtime
    /// error (except for `IsPresent`).
    pub fn evaluate(&self, scope: &Scope) -> Result<bool, Failure> {
        match self {
            Condition::And(all) => {
                for c in all {
                    if !c.evaluate(scope)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Condition::Or(any) => {
                for c in any {
                    if c.evaluate(scope)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Condition::Not(c) => Ok(!c.evaluate(scope)?),
            Condition::Compare {
                variable,
                op,
                operand,
            } => {
                let found = scope.select(variable)?;
                if *op == Op::IsPresent {
                    return Ok(found.is_some() == (operand_bool(operand)));
                }
                let Some(value) = found else {
                    return Err(invalid_path(variable));
                };
                let expected = match operand {
                    Operand::Value(v) => std::borrow::Cow::Borrowed(v),
                    Operand::Path(p) => scope.select(p)?.ok_or_else(|| invalid_path(p))?,
                };
                Ok(compare(*op, &value, &expected))
            }
        }
    }
}

fn operand_bool(operand: &Operand) -> bool {
    matches!(operand, Operand::Value(Value::Bool(true)))
}

fn invalid_path(path: &Path) -> Failure {
    Failure::new(
        names::RUNTIME,
        format!(
            "Invalid path '{}': The choice state's condition path references an invalid value.",
            path.text()
        ),
    )
}

fn compare(op: Op, value: &Value, expected: &Value) -> bool {
    match op.family() {
        Family::String => match (value.as_str(), expected.as_str()) {
            (Some(a), Some(b)) if op == Op::StringMatches => string_matches(a, b),
            (Some(a), Some(b)) => op.accepts(a.cmp(b)),
            _ => false,
        },
        Family::Numeric => match (value.as_f64(), expected.as_f64()) {
            (Some(a), Some(b)) if value.is_number() && expected.is_number() => {
                a.partial_cmp(&b).is_some_and(|o| op.accepts(o))
            }
            _ => false,
        },
        Family::Boolean => match (value.as_bool(), expected.as_bool()) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        Family::Timestamp => match (
            value.as_str().and_then(parse_nanos),
            expected.as_str().and_then(parse_nanos),
        ) {
            (Some(a), Some(b)) => op.accepts(a.cmp(&b)),
            _ => false,
        },
        Family::Test => {
            let is = match op {
                Op::IsNull => value.is_null(),
                Op::IsNumeric => value.is_number(),
                Op::IsString => value.is_string(),
                Op::IsBoolean => value.is_boolean(),
                _ => value.as_str().and_then(parse_nanos).is_some(),
            };
            is == expected.as_bool().unwrap_or(false)
        }
    }
}

/// `StringMatches`: `*` matches any run of characters; `\*` and `\\` are literal.
fn string_matches(text: &str, pattern: &str) -> bool {
    let syntax = Syntax {
        any_char: false,
        escapes: true,
    };
    Pattern::parse(pattern, syntax).matches(text)
}

#[cfg(test)]
mod tests {
    use super::string_matches;

    #[test]
    fn wildcard_matching_with_escapes() {
        assert!(string_matches("log-2024.txt", "log-*.txt"));
        assert!(string_matches("abc", "*"));
        assert!(string_matches("", "*"));
        assert!(!string_matches("abc", "a*d"));
        assert!(string_matches("a*c", "a\\*c"));
        assert!(!string_matches("abc", "a\\*c"));
        assert!(string_matches("a\\b", "a\\\\b"));
        assert!(string_matches("aXbXc", "a*b*c"));
        assert!(!string_matches("ab", "a*b*c"));
    }

    #[test]
    fn long_patterns_against_long_inputs() {
        // A star then a 20,000-character literal took seconds with backtracking; the
        // wildcard crate places each part once (its tests bound the steps).
        let literal = "a".repeat(20_000);
        let input = "a".repeat(250_000);
        assert!(!string_matches(&input, &format!("*{literal}b")));
        assert!(!string_matches(&input, &format!("*{literal}b*")));
        assert!(string_matches(&input, &format!("*{literal}*{literal}")));
        assert!(string_matches(
            &format!("{input}*"),
            &format!("*{literal}\\*")
        ));
        // `?` is no wildcard in StringMatches.
        assert!(!string_matches(&input, &format!("*{literal}?")));
    }
}
