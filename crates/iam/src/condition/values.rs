//! Condition values compiled for their operator family (numbers, dates, CIDRs parsed once),
//! and the positive comparison of one request value against them.

use super::operator::{Family, Operator};
use super::EntryFailure;
use crate::arn::{ArnParts, ArnPattern};
use crate::context::RequestContext;
use crate::date::parse_date;
use crate::error::{PolicyError, PolicyErrorKind, UnreadableValue};
use crate::ip::Cidr;
use crate::variables::Template;
use crate::wildcard::{glob, glob_escaped, Case};
use std::net::IpAddr;

/// A string value, literal or with policy variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text {
    Literal(Box<str>),
    Template(Template),
}

/// The compiled values of one condition key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Values {
    Strings {
        texts: Vec<Text>,
        templated: bool,
    },
    Arns {
        patterns: Vec<ArnPattern>,
        texts: Vec<Text>,
        templated: bool,
    },
    Numbers(Vec<f64>),
    Dates(Vec<i64>),
    Bools(Vec<bool>),
    Cidrs(Vec<Cidr>),
    /// `Null`: `true` means "the key must be absent".
    Null(bool),
}

fn bad(pointer: &str, operator: &str, value: &str, expected: &'static str) -> PolicyError {
    PolicyErrorKind::InvalidConditionValue(Box::new(UnreadableValue {
        operator: operator.to_string(),
        value: value.to_string(),
        expected,
    }))
    .at(pointer)
}

/// `true` or `false` in any case, as `Bool` and `Null` read them.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

impl Values {
    pub(crate) fn compile(
        op: Operator,
        op_name: &str,
        written: &[String],
        pointer: &dyn Fn() -> String,
        variables: bool,
    ) -> Result<Values, PolicyError> {
        let each = |i: usize| {
            if written.len() == 1 {
                pointer()
            } else {
                jsonloc::pointer_push(&pointer(), &i.to_string())
            }
        };
        let text = |s: &String| match variables.then(|| Template::parse(s)).flatten() {
            Some(t) => Text::Template(t),
            None => Text::Literal(s.as_str().into()),
        };
        Ok(match op.family {
            Family::StringEquals | Family::StringEqualsIgnoreCase | Family::StringLike => {
                let texts: Vec<Text> = written.iter().map(text).collect();
                let templated = texts.iter().any(|t| matches!(t, Text::Template(_)));
                Values::Strings { texts, templated }
            }
            Family::Binary => Values::Strings {
                texts: written
                    .iter()
                    .map(|s| Text::Literal(s.as_str().into()))
                    .collect(),
                templated: false,
            },
            Family::Arn => {
                let texts: Vec<Text> = written.iter().map(text).collect();
                let templated = texts.iter().any(|t| matches!(t, Text::Template(_)));
                let patterns = written.iter().map(|s| ArnPattern::new(s, false)).collect();
                Values::Arns {
                    patterns,
                    texts,
                    templated,
                }
            }
            Family::Numeric(_) => Values::Numbers(
                written
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        s.trim()
                            .parse::<f64>()
                            .ok()
                            .filter(|n| n.is_finite())
                            .ok_or_else(|| bad(&each(i), op_name, s, "a number"))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Family::Date(_) => Values::Dates(
                written
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        parse_date(s).ok_or_else(|| {
                            bad(&each(i), op_name, s, "an ISO 8601 date or epoch seconds")
                        })
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Family::Bool => Values::Bools(
                written
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        parse_bool(s).ok_or_else(|| bad(&each(i), op_name, s, "true or false"))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Family::Ip => Values::Cidrs(
                written
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        Cidr::parse(s)
                            .ok_or_else(|| bad(&each(i), op_name, s, "an IPv4 or IPv6 CIDR"))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Family::Null => match written {
                [one] => Values::Null(
                    parse_bool(one)
                        .ok_or_else(|| bad(&pointer(), op_name, one, "true or false"))?,
                ),
                _ => {
                    return Err(bad(
                        &pointer(),
                        op_name,
                        &written.join(", "),
                        "a single true or false",
                    ))
                }
            },
        })
    }

    /// Substitutes policy variables when there are any (`Ok(None)` when there are not).
    /// For wildcard families (`StringLike`, ARN) substituted text is escaped so that only
    /// the policy's own wildcards act; literal values keep theirs.
    pub(crate) fn resolve(
        &self,
        family: Family,
        context: &RequestContext,
    ) -> Result<Option<Vec<String>>, EntryFailure> {
        let texts = match self {
            Values::Strings {
                texts,
                templated: true,
            } => texts,
            Values::Arns {
                texts,
                templated: true,
                ..
            } => texts,
            _ => return Ok(None),
        };
        let glob = matches!(family, Family::StringLike | Family::Arn);
        texts
            .iter()
            .map(|t| match t {
                Text::Literal(s) => Ok(s.to_string()),
                Text::Template(t) => t
                    .resolve(context, glob)
                    .map_err(|_| EntryFailure::UnresolvedVariable),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// Whether one request value matches at least one policy value (the positive test;
    /// negation and set qualifiers are applied by the caller).
    pub(crate) fn matches_any(
        &self,
        family: Family,
        request: &str,
        resolved: Option<&[String]>,
    ) -> bool {
        match self {
            Values::Strings { texts, .. } => match resolved {
                Some(values) => values.iter().zip(texts).any(|(v, t)| {
                    string_matches(family, v, request, matches!(t, Text::Template(_)))
                }),
                None => texts.iter().any(|t| match t {
                    Text::Literal(s) => string_matches(family, s, request, false),
                    Text::Template(_) => false,
                }),
            },
            Values::Arns {
                patterns, texts, ..
            } => {
                let parts = ArnParts::split(request);
                match resolved {
                    Some(values) => values.iter().zip(texts).any(|(v, t)| {
                        let escaped = matches!(t, Text::Template(_));
                        ArnPattern::new(v, escaped).matches(request, parts.as_ref())
                    }),
                    None => patterns.iter().any(|p| p.matches(request, parts.as_ref())),
                }
            }
            Values::Numbers(ns) => match (family, request.trim().parse::<f64>()) {
                (Family::Numeric(cmp), Ok(r)) => ns.iter().any(|n| cmp.holds(r, *n)),
                _ => false,
            },
            Values::Dates(ds) => match (family, parse_date(request)) {
                (Family::Date(cmp), Some(r)) => ds.iter().any(|d| cmp.holds(r, *d)),
                _ => false,
            },
            Values::Bools(bs) => parse_bool(request).is_some_and(|r| bs.contains(&r)),
            Values::Cidrs(cs) => request
                .trim()
                .parse::<IpAddr>()
                .is_ok_and(|ip| cs.iter().any(|c| c.contains(ip))),
            Values::Null(_) => false,
        }
    }
}

fn string_matches(family: Family, policy: &str, request: &str, escaped: bool) -> bool {
    match family {
        Family::StringLike if escaped => glob_escaped(policy, request, Case::Sensitive),
        Family::StringLike => glob(policy, request, Case::Sensitive),
        Family::StringEqualsIgnoreCase => policy
            .chars()
            .flat_map(char::to_lowercase)
            .eq(request.chars().flat_map(char::to_lowercase)),
        _ => policy == request,
    }
}
