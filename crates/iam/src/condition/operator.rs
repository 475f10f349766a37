//! Condition operator names: the family, negation, `...IfExists`, and the
//! `ForAllValues:`/`ForAnyValue:` set qualifiers.

/// How a context value is compared with the policy's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    Numeric(Comparison),
    Date(Comparison),
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

/// The ordering test of numeric and date operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comparison {
    Equals,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}

impl Comparison {
    pub(crate) fn holds<T: PartialOrd>(self, request: T, policy: T) -> bool {
        match self {
            Comparison::Equals => request == policy,
            Comparison::LessThan => request < policy,
            Comparison::LessThanEquals => request <= policy,
            Comparison::GreaterThan => request > policy,
            Comparison::GreaterThanEquals => request >= policy,
        }
    }
}

/// `ForAllValues:` or `ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetQualifier {
    None,
    ForAllValues,
    ForAnyValue,
}

/// A parsed condition operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Operator {
    pub(crate) family: Family,
    pub(crate) negated: bool,
    pub(crate) if_exists: bool,
    pub(crate) set: SetQualifier,
}

impl Operator {
    /// Parses an operator name such as `ForAnyValue:StringNotLikeIfExists`.
    pub(crate) fn parse(name: &str) -> Option<Operator> {
        let (set, rest) = if let Some(r) = strip_prefix_ci(name, "ForAllValues:") {
            (SetQualifier::ForAllValues, r)
        } else if let Some(r) = strip_prefix_ci(name, "ForAnyValue:") {
            (SetQualifier::ForAnyValue, r)
        } else {
            (SetQualifier::None, name)
        };
        let (base, if_exists) = match rest.strip_suffix("IfExists") {
            Some(b) => (b, true),
            None => (rest, false),
        };
        use Comparison::*;
        use Family::*;
        let (family, negated) = match base {
            "StringEquals" => (StringEquals, false),
            "StringNotEquals" => (StringEquals, true),
            "StringEqualsIgnoreCase" => (StringEqualsIgnoreCase, false),
            "StringNotEqualsIgnoreCase" => (StringEqualsIgnoreCase, true),
            "StringLike" => (StringLike, false),
            "StringNotLike" => (StringLike, true),
            "NumericEquals" => (Numeric(Equals), false),
            "NumericNotEquals" => (Numeric(Equals), true),
            "NumericLessThan" => (Numeric(LessThan), false),
            "NumericLessThanEquals" => (Numeric(LessThanEquals), false),
            "NumericGreaterThan" => (Numeric(GreaterThan), false),
            "NumericGreaterThanEquals" => (Numeric(GreaterThanEquals), false),
            "DateEquals" => (Date(Equals), false),
            "DateNotEquals" => (Date(Equals), true),
            "DateLessThan" => (Date(LessThan), false),
            "DateLessThanEquals" => (Date(LessThanEquals), false),
            "DateGreaterThan" => (Date(GreaterThan), false),
            "DateGreaterThanEquals" => (Date(GreaterThanEquals), false),
            "Bool" => (Bool, false),
            "BinaryEquals" => (Binary, false),
            "IpAddress" => (Ip, false),
            "NotIpAddress" => (Ip, true),
            "ArnEquals" | "ArnLike" => (Arn, false),
            "ArnNotEquals" | "ArnNotLike" => (Arn, true),
            "Null" => (Null, false),
            _ => return None,
        };
        Some(Operator {
            family,
            negated,
            if_exists,
            set,
        })
    }

    /// Whether policy variables are substituted in this operator's values (string and ARN
    /// operators only).
    pub(crate) fn takes_variables(&self) -> bool {
        matches!(
            self.family,
            Family::StringEquals
                | Family::StringEqualsIgnoreCase
                | Family::StringLike
                | Family::Arn
        )
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let op = Operator::parse("ForAnyValue:StringNotLikeIfExists").unwrap();
        assert_eq!(op.family, Family::StringLike);
        assert!(op.negated && op.if_exists);
        assert_eq!(op.set, SetQualifier::ForAnyValue);
        assert_eq!(Operator::parse("NotIpAddress").unwrap().family, Family::Ip);
        assert!(Operator::parse("StringEqual").is_none());
        assert!(Operator::parse("NullIfExists").unwrap().if_exists);
    }
}
