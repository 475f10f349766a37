//! Every lint check: its code (Access Analyzer's check title in SCREAMING_SNAKE_CASE, or
//! `CONFUSED_DEPUTY_*` for the confused-deputy checks) and the severity its findings have.

use jsonloc::{DiagnosticCode, ReadCode, Severity};
use std::fmt;

/// Declares [`Check`] from `Variant => "CODE", Severity, "what it finds"` lines.
macro_rules! checks {
    ($($variant:ident => $code:literal, $severity:ident, $doc:literal;)+) => {
        /// A policy check; its findings carry it as their code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Check {
            $(#[doc = $doc] $variant,)+
        }

        impl Check {
            /// Every check, grammar first, then security, conditions, size and redundancy.
            pub const ALL: &'static [Check] = &[$(Check::$variant,)+];

            /// The code as printed, e.g. `CONFUSED_DEPUTY_CROSS_ACCOUNT`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Check::$variant => $code,)+
                }
            }
        }

        impl DiagnosticCode for Check {
            fn as_str(&self) -> &'static str {
                Check::as_str(*self)
            }

            fn severity(&self) -> Severity {
                match self {
                    $(Check::$variant => Severity::$severity,)+
                }
            }
        }
    };
}

checks! {
    // Grammar: the document, its statements and their elements.
    JsonSyntaxError => "JSON_SYNTAX_ERROR", Error, "The policy is not a JSON object.";
    InvalidPolicyElement => "INVALID_POLICY_ELEMENT", Error, "An element IAM does not know.";
    MissingVersion => "MISSING_VERSION", Warning, "The policy has no `Version`.";
    InvalidVersion => "INVALID_VERSION", Error, "`Version` is neither `2012-10-17` nor `2008-10-17`.";
    VariableUnsupportedInVersion => "VARIABLE_UNSUPPORTED_IN_VERSION", Error, "Policy variables in a policy older than `2012-10-17`.";
    MissingStatement => "MISSING_STATEMENT", Error, "No statement at all.";
    DataTypeMismatch => "DATA_TYPE_MISMATCH", Error, "An element of the wrong JSON type.";
    EmptySidValue => "EMPTY_SID_VALUE", Suggestion, "An empty `Sid`.";
    UnsupportedSid => "UNSUPPORTED_SID", Error, "A `Sid` with characters other than letters and digits where only those are allowed.";
    UniqueSidsRecommended => "UNIQUE_SIDS_RECOMMENDED", Warning, "Two statements with the same `Sid`.";
    MissingEffect => "MISSING_EFFECT", Error, "A statement without `Effect`.";
    InvalidEffect => "INVALID_EFFECT", Error, "`Effect` is neither `Allow` nor `Deny`.";
    UnsupportedElementCombination => "UNSUPPORTED_ELEMENT_COMBINATION", Error, "An element together with its `Not` form.";
    MissingAction => "MISSING_ACTION", Error, "A statement without `Action` or `NotAction`.";
    EmptyArrayAction => "EMPTY_ARRAY_ACTION", Suggestion, "An empty action list.";
    VariableUnsupportedInElement => "VARIABLE_UNSUPPORTED_IN_ELEMENT", Error, "A policy variable outside `Resource` and `Condition`.";
    InvalidAction => "INVALID_ACTION", Error, "An action not written `service:Action`, or that its service does not have.";
    InvalidServiceInAction => "INVALID_SERVICE_IN_ACTION", Error, "An action whose service prefix does not exist.";
    ScpSyntaxErrorActionWildcard => "SCP_SYNTAX_ERROR_ACTION_WILDCARD", Error, "An SCP action with a wildcard before its end.";
    MissingResource => "MISSING_RESOURCE", Error, "A statement without `Resource` where one is required.";
    EmptyArrayResource => "EMPTY_ARRAY_RESOURCE", Suggestion, "An empty resource list.";
    ScpSyntaxErrorNotResource => "SCP_SYNTAX_ERROR_NOTRESOURCE", Error, "`NotResource` in an SCP.";
    InvalidArnPrefix => "INVALID_ARN_PREFIX", Error, "A resource that does not start with `arn:`.";
    MissingArnField => "MISSING_ARN_FIELD", Error, "A resource ARN with fewer than six fields.";
    InvalidArnServiceCase => "INVALID_ARN_SERVICE_CASE", Error, "A resource ARN whose service has capitals.";
    InvalidArnAccount => "INVALID_ARN_ACCOUNT", Error, "A resource ARN whose account is not 12 digits.";
    ArnAccountNotAllowed => "ARN_ACCOUNT_NOT_ALLOWED", Error, "An account in an ARN of a service without accounts in ARNs (S3).";
    ArnRegionNotAllowed => "ARN_REGION_NOT_ALLOWED", Error, "A Region in an ARN of a global service (IAM).";
    MissingBraceInVariable => "MISSING_BRACE_IN_VARIABLE", Error, "`${` without its `}`.";
    EmptyVariable => "EMPTY_VARIABLE", Error, "An empty `${}`.";
    UnsupportedSpaceInVariable => "UNSUPPORTED_SPACE_IN_VARIABLE", Error, "A space in a policy variable's name.";
    MissingQuoteInVariable => "MISSING_QUOTE_IN_VARIABLE", Error, "A variable default value not in single quotes.";
    MissingPrincipal => "MISSING_PRINCIPAL", Error, "A statement without `Principal` in a policy that needs one.";
    ScpSyntaxErrorPrincipal => "SCP_SYNTAX_ERROR_PRINCIPAL", Error, "A principal in an SCP.";
    UnsupportedPrincipal => "UNSUPPORTED_PRINCIPAL", Error, "A principal in an identity, boundary or session policy.";
    RcpSyntaxErrorPrincipal => "RCP_SYNTAX_ERROR_PRINCIPAL", Error, "An RCP principal other than `\"Principal\": \"*\"`.";
    EmptyObjectPrincipal => "EMPTY_OBJECT_PRINCIPAL", Suggestion, "An empty principal object.";
    InvalidPrincipalKey => "INVALID_PRINCIPAL_KEY", Error, "A principal key other than `AWS`, `Service`, `Federated`, `CanonicalUser`.";
    EmptyArrayPrincipal => "EMPTY_ARRAY_PRINCIPAL", Suggestion, "An empty principal list.";
    UnsupportedWildcardInPrincipal => "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error, "A wildcard inside a principal value.";
    InvalidRoleReference => "INVALID_ROLE_REFERENCE", Warning, "A role ID (`AROA...`) instead of a role ARN.";
    InvalidUserReference => "INVALID_USER_REFERENCE", Warning, "A user ID (`AIDA...`) instead of a user ARN.";
    InvalidPrincipalFormat => "INVALID_PRINCIPAL_FORMAT", Error, "A principal that is neither `*` nor an object.";
    // Security.
    AllowWithNotPrincipal => "ALLOW_WITH_NOT_PRINCIPAL", SecurityWarning, "`Allow` with `NotPrincipal`.";
    PassRoleWithStarInResource => "PASS_ROLE_WITH_STAR_IN_RESOURCE", SecurityWarning, "`iam:PassRole` on a wildcard resource.";
    PassRoleWithStarInActionAndResource => "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", SecurityWarning, "A wildcard action covering `iam:PassRole` on a wildcard resource.";
    PassRoleWithNotResource => "PASS_ROLE_WITH_NOT_RESOURCE", SecurityWarning, "`iam:PassRole` with `NotResource`.";
    PassRoleWithStarInActionAndNotResource => "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", SecurityWarning, "A wildcard action covering `iam:PassRole` with `NotResource`.";
    PassRoleWithStarInResourceAndNotAction => "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", SecurityWarning, "`NotAction` that keeps `iam:PassRole`, on a wildcard resource.";
    PassRoleWithNotActionAndNotResource => "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", SecurityWarning, "`NotAction` that keeps `iam:PassRole`, with `NotResource`.";
    CreateSlrWithStarInResource => "CREATE_SLR_WITH_STAR_IN_RESOURCE", Warning, "`iam:CreateServiceLinkedRole` on a wildcard resource.";
    CreateSlrWithStarInActionAndResource => "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", Warning, "A wildcard action covering `iam:CreateServiceLinkedRole` on a wildcard resource.";
    CreateSlrWithNotResource => "CREATE_SLR_WITH_NOT_RESOURCE", Warning, "`iam:CreateServiceLinkedRole` with `NotResource`.";
    CreateSlrWithStarInActionAndNotResource => "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", Warning, "A wildcard action covering `iam:CreateServiceLinkedRole` with `NotResource`.";
    CreateSlrWithStarInResourceAndNotAction => "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", Warning, "`NotAction` that keeps `iam:CreateServiceLinkedRole`, on a wildcard resource.";
    CreateSlrWithNotActionAndNotResource => "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", Warning, "`NotAction` that keeps `iam:CreateServiceLinkedRole`, with `NotResource`.";
    ConfusedDeputyAnyPrincipal => "CONFUSED_DEPUTY_ANY_PRINCIPAL", SecurityWarning, "`\"Principal\": \"*\"` without a condition naming whom it acts for.";
    ConfusedDeputyServicePrincipal => "CONFUSED_DEPUTY_SERVICE_PRINCIPAL", SecurityWarning, "A service principal without `aws:SourceArn`/`aws:SourceAccount`.";
    ConfusedDeputyCrossAccount => "CONFUSED_DEPUTY_CROSS_ACCOUNT", SecurityWarning, "Another account may assume the role without `sts:ExternalId` or a source condition.";
    // Conditions.
    EmptyObjectCondition => "EMPTY_OBJECT_CONDITION", Suggestion, "An empty `Condition` block.";
    InvalidConditionOperator => "INVALID_CONDITION_OPERATOR", Error, "A condition operator IAM does not know.";
    NullWithIfExists => "NULL_WITH_IF_EXISTS", Error, "`NullIfExists`.";
    NullWithQualifier => "NULL_WITH_QUALIFIER", Suggestion, "`Null` with `ForAllValues` or `ForAnyValue`.";
    DuplicateKeysWithDifferentCase => "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", Error, "One condition key twice, in different case.";
    InvalidConditionKeyFormat => "INVALID_CONDITION_KEY_FORMAT", Error, "A condition key not written `service:keyname`.";
    InvalidGlobalConditionKey => "INVALID_GLOBAL_CONDITION_KEY", Error, "An `aws:` condition key that does not exist.";
    InvalidServiceConditionKey => "INVALID_SERVICE_CONDITION_KEY", Error, "A condition key that its service does not have.";
    UnsupportedActionForConditionKey => "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", Error, "A service condition key that none of the statement's actions supports.";
    MissingTagKeyInCondition => "MISSING_TAG_KEY_IN_CONDITION", Error, "A tag condition key without its tag key.";
    DeprecatedGlobalConditionKey => "DEPRECATED_GLOBAL_CONDITION_KEY", Warning, "`aws:ARN`.";
    ForAllValuesWithSingleValuedKey => "FORALLVALUES_WITH_SINGLE_VALUED_KEY", SecurityWarning, "`ForAllValues` on a single-valued key.";
    MissingQualifier => "MISSING_QUALIFIER", Error, "A multivalued key without `ForAllValues`/`ForAnyValue`.";
    TypeMismatch => "TYPE_MISMATCH", Warning, "An operator of the wrong type for a known global key.";
    EmptyArrayConditionForAllValues => "EMPTY_ARRAY_CONDITION_FORALLVALUES", Suggestion, "`ForAllValues` with no values.";
    EmptyArrayConditionForAnyValue => "EMPTY_ARRAY_CONDITION_FORANYVALUE", Suggestion, "`ForAnyValue` with no values.";
    EmptyArrayConditionIfExists => "EMPTY_ARRAY_CONDITION_IFEXISTS", Suggestion, "`...IfExists` with no values.";
    EmptyArrayCondition => "EMPTY_ARRAY_CONDITION", Suggestion, "A condition key with no values.";
    InvalidVariableForOperator => "INVALID_VARIABLE_FOR_OPERATOR", Error, "A policy variable with an operator other than String or ARN.";
    WildcardWithoutLikeOperator => "WILDCARD_WITHOUT_LIKE_OPERATOR", Warning, "`*` or `?` with a `StringEquals` operator.";
    TypeMismatchNumber => "TYPE_MISMATCH_NUMBER", Warning, "A numeric operator with a value that is not a number.";
    TypeMismatchDate => "TYPE_MISMATCH_DATE", Warning, "A date operator with a value that is not a date.";
    InvalidDateValue => "INVALID_DATE_VALUE", Warning, "A date written as epoch seconds.";
    TypeMismatchBoolean => "TYPE_MISMATCH_BOOLEAN", Warning, "A `Bool` operator with a value other than true or false.";
    TypeMismatchIpRange => "TYPE_MISMATCH_IP_RANGE", Warning, "An IP operator with a value that is not a CIDR.";
    ImproveIpRange => "IMPROVE_IP_RANGE", Suggestion, "A CIDR with host bits set.";
    InvalidConditionMultipleBoolean => "INVALID_CONDITION_MULTIPLE_BOOLEAN", Error, "Several values for a `Bool` operator.";
    PrivateIpAddress => "PRIVATE_IP_ADDRESS", Error, "`aws:SourceIp` with only private ranges.";
    PrivateNotIpAddress => "PRIVATE_NOT_IP_ADDRESS", Error, "`NotIpAddress` on `aws:SourceIp` with only private ranges.";
    PrivateIpAddressSubset => "PRIVATE_IP_ADDRESS_SUBSET", Suggestion, "`aws:SourceIp` with some private ranges.";
    PrivateNotIpAddressSubset => "PRIVATE_NOT_IP_ADDRESS_SUBSET", Suggestion, "`NotIpAddress` on `aws:SourceIp` with some private ranges.";
    // Size quotas.
    PolicySizeExceedsIdentityPolicyQuota => "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", Error, "A managed policy (or boundary) over 6,144 characters, or a role's inline policies over 10,240 together (white space not counted): IAM refuses it with LimitExceeded.";
    PolicySizeExceedsTrustPolicyQuota => "POLICY_SIZE_EXCEEDS_TRUST_POLICY_QUOTA", Error, "A role trust policy over 2,048 characters (white space not counted): IAM refuses it with LimitExceeded.";
    PolicySizeExceedsOrganizationPolicyQuota => "POLICY_SIZE_EXCEEDS_ORGANIZATION_POLICY_QUOTA", Error, "A service or resource control policy over 5,120 characters (white space not counted): Organizations refuses it.";
    // Redundancy.
    RedundantAction => "REDUNDANT_ACTION", Suggestion, "An action another entry of the element covers (each entry compared with at most 256 entries of its element sharing its literal prefix).";
    RedundantResource => "REDUNDANT_RESOURCE", Suggestion, "A resource another entry of the element covers (each entry compared with at most 256 entries of its element sharing its literal prefix).";
    RedundantStatement => "REDUNDANT_STATEMENT", Suggestion, "A statement identical to an earlier one but for its `Sid`.";
}

impl ReadCode for Check {
    fn read(code: &str) -> Option<Self> {
        Check::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_screaming_snake_case() {
        let mut codes: Vec<&str> = Check::ALL.iter().map(|c| c.as_str()).collect();
        assert!(codes
            .iter()
            .all(|c| c.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Check::ALL.len());
        for check in Check::ALL {
            assert_eq!(Check::read(check.as_str()), Some(*check));
        }
    }
}
