//! Policy documents: the model and its parser. A [`Policy`] is compiled once (actions
//! lowercased, ARNs split, condition values parsed) and then evaluated many times.

use crate::action::ActionPattern;
use crate::arn::ArnPattern;
use crate::condition::Condition;
use crate::error::{PolicyError, PolicyErrorKind};
use crate::principal::{PrincipalElement, PrincipalEntry};
use crate::variables::Template;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The policy language version (`Version` element).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyVersion {
    /// `2012-10-17`: policy variables are honoured.
    V2012_10_17,
    /// `2008-10-17`: `${...}` is literal text.
    V2008_10_17,
    /// No `Version`: as `2008-10-17`.
    Missing,
}

/// `Allow` or `Deny`; serializes as that word (and reads it back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The statement grants access.
    Allow,
    /// The statement denies access, whatever else allows.
    Deny,
}

impl Effect {
    /// `"Allow"` or `"Deny"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

impl Serialize for Effect {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Effect {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::explain::from_code(
            deserializer,
            &[Effect::Allow, Effect::Deny],
            Effect::as_str,
            "effect",
        )
    }
}

/// A compiled `Action`/`NotAction` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActionElement {
    pub(crate) patterns: Vec<ActionPattern>,
    pub(crate) negated: bool,
}

/// One `Resource` entry: compiled, or with policy variables resolved per request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ResourceEntry {
    Pattern(ArnPattern),
    Template(Template),
}

/// A compiled `Resource`/`NotResource` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceElement {
    pub(crate) entries: Vec<ResourceEntry>,
    pub(crate) negated: bool,
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub(crate) sid: Option<String>,
    pub(crate) effect: Effect,
    pub(crate) principal: Option<PrincipalElement>,
    pub(crate) action: ActionElement,
    pub(crate) resource: Option<ResourceElement>,
    pub(crate) condition: Condition,
}

impl Statement {
    /// The `Sid`, if any.
    pub fn sid(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// The `Effect`.
    pub fn effect(&self) -> Effect {
        self.effect
    }
}

/// A compiled policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    version: PolicyVersion,
    id: Option<String>,
    statements: Vec<Statement>,
    statement_is_array: bool,
}

/// The elements a policy document may have.
pub(crate) const POLICY_ELEMENTS: [&str; 3] = ["Version", "Id", "Statement"];

/// The elements a statement may have.
pub(crate) const STATEMENT_ELEMENTS: [&str; 10] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "Id",
];

impl Policy {
    /// Compiles a policy document; errors carry the JSON pointer of the faulty element.
    pub fn from_value(value: &Value) -> Result<Policy, PolicyError> {
        let Value::Object(doc) = value else {
            return Err(PolicyErrorKind::ExpectedObject.at(""));
        };
        for key in doc.keys() {
            if !POLICY_ELEMENTS.contains(&key.as_str()) {
                return Err(
                    PolicyErrorKind::UnknownElement(key.clone()).at(jsonloc::pointer_push("", key))
                );
            }
        }
        let version = match doc.get("Version") {
            None => PolicyVersion::Missing,
            Some(Value::String(v)) if v == "2012-10-17" => PolicyVersion::V2012_10_17,
            Some(Value::String(v)) if v == "2008-10-17" => PolicyVersion::V2008_10_17,
            Some(Value::String(v)) => {
                return Err(PolicyErrorKind::InvalidVersion(v.clone()).at("/Version"))
            }
            Some(_) => return Err(PolicyErrorKind::ExpectedString.at("/Version")),
        };
        let id = match doc.get("Id") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(PolicyErrorKind::ExpectedString.at("/Id")),
        };
        let variables = version == PolicyVersion::V2012_10_17;
        let (statements, statement_is_array) = match doc.get("Statement") {
            None => return Err(PolicyErrorKind::MissingStatement.at("")),
            Some(Value::Object(s)) => (vec![parse_statement(s, "/Statement", variables)?], false),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let pointer = format!("/Statement/{i}");
                    let Value::Object(s) = item else {
                        return Err(PolicyErrorKind::ExpectedObject.at(pointer));
                    };
                    out.push(parse_statement(s, &pointer, variables)?);
                }
                (out, true)
            }
            Some(_) => return Err(PolicyErrorKind::ExpectedStatement.at("/Statement")),
        };
        Ok(Policy {
            version,
            id,
            statements,
            statement_is_array,
        })
    }

    /// Parses and compiles a policy from JSON text; errors carry line and column.
    pub fn parse_text(text: &str) -> Result<Policy, PolicyError> {
        let value = jsonloc::parse(text).map_err(PolicyErrorKind::syntax)?;
        Policy::from_value(&value).map_err(|e| e.locate(text))
    }

    /// The `Version` element.
    pub fn version(&self) -> PolicyVersion {
        self.version
    }

    /// The `Id` element, if any.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The statements, in document order.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The JSON pointer of statement `index` inside the document.
    pub fn statement_pointer(&self, index: usize) -> String {
        if self.statement_is_array {
            format!("/Statement/{index}")
        } else {
            "/Statement".to_string()
        }
    }
}

fn strings(value: &Value, base: &str, element: &str) -> Result<Vec<String>, PolicyError> {
    let pointer = || jsonloc::pointer_push(base, element);
    match value {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => Ok(s.clone()),
                _ => Err(PolicyErrorKind::ExpectedString.at(format!("{}/{i}", pointer()))),
            })
            .collect(),
        _ => Err(PolicyErrorKind::ExpectedStringOrArray.at(pointer())),
    }
}

fn exclusive<'a>(
    s: &'a Map<String, Value>,
    pointer: &str,
    plain: &'static str,
    not: &'static str,
) -> Result<Option<(&'a Value, bool, &'static str)>, PolicyError> {
    match (s.get(plain), s.get(not)) {
        (Some(_), Some(_)) => {
            Err(PolicyErrorKind::Conflicting(plain, not).at(format!("{pointer}/{not}")))
        }
        (Some(v), None) => Ok(Some((v, false, plain))),
        (None, Some(v)) => Ok(Some((v, true, not))),
        (None, None) => Ok(None),
    }
}

fn parse_statement(
    s: &Map<String, Value>,
    pointer: &str,
    variables: bool,
) -> Result<Statement, PolicyError> {
    for key in s.keys() {
        if !STATEMENT_ELEMENTS.contains(&key.as_str()) {
            return Err(PolicyErrorKind::UnknownElement(key.clone())
                .at(jsonloc::pointer_push(pointer, key)));
        }
    }
    let sid = match s.get("Sid") {
        None => None,
        Some(Value::String(v)) => Some(v.clone()),
        Some(_) => return Err(PolicyErrorKind::ExpectedString.at(format!("{pointer}/Sid"))),
    };
    let effect = match s.get("Effect") {
        None => return Err(PolicyErrorKind::MissingEffect.at(pointer)),
        Some(Value::String(e)) if e == "Allow" => Effect::Allow,
        Some(Value::String(e)) if e == "Deny" => Effect::Deny,
        Some(Value::String(e)) => {
            return Err(PolicyErrorKind::InvalidEffect(e.clone()).at(format!("{pointer}/Effect")))
        }
        Some(_) => return Err(PolicyErrorKind::ExpectedString.at(format!("{pointer}/Effect"))),
    };
    let Some((actions, negated, action_element)) = exclusive(s, pointer, "Action", "NotAction")?
    else {
        return Err(PolicyErrorKind::MissingAction.at(pointer));
    };
    let action = ActionElement {
        patterns: strings(actions, pointer, action_element)?
            .iter()
            .map(|a| ActionPattern::new(a))
            .collect(),
        negated,
    };
    let resource = match exclusive(s, pointer, "Resource", "NotResource")? {
        None => None,
        Some((v, negated, element)) => Some(ResourceElement {
            entries: strings(v, pointer, element)?
                .iter()
                .map(|r| match variables.then(|| Template::parse(r)).flatten() {
                    Some(t) => ResourceEntry::Template(t),
                    None => ResourceEntry::Pattern(ArnPattern::new(r, false)),
                })
                .collect(),
            negated,
        }),
    };
    let principal = match exclusive(s, pointer, "Principal", "NotPrincipal")? {
        None => None,
        Some((v, negated, element)) => Some(PrincipalElement {
            entries: parse_principal(v, &jsonloc::pointer_push(pointer, element))?,
            negated,
        }),
    };
    let condition = match s.get("Condition") {
        None => Condition::default(),
        Some(c) => Condition::parse(c, &format!("{pointer}/Condition"), variables)?,
    };
    Ok(Statement {
        sid,
        effect,
        principal,
        action,
        resource,
        condition,
    })
}

fn parse_principal(value: &Value, pointer: &str) -> Result<Vec<PrincipalEntry>, PolicyError> {
    match value {
        Value::String(s) if s == "*" => Ok(vec![PrincipalEntry::Everyone]),
        Value::Object(map) => {
            let mut entries = Vec::new();
            for (key, v) in map {
                let p = jsonloc::pointer_push(pointer, key);
                let values = strings(v, pointer, key)?;
                for value in &values {
                    entries.push(match key.as_str() {
                        "AWS" => PrincipalEntry::aws(value).ok_or_else(|| {
                            PolicyErrorKind::InvalidPrincipal(format!("\"AWS\":\"{value}\""))
                                .at(p.clone())
                        })?,
                        "Service" => PrincipalEntry::Service(value.as_str().into()),
                        "Federated" => PrincipalEntry::Federated(value.as_str().into()),
                        "CanonicalUser" => PrincipalEntry::Exact(value.as_str().into()),
                        _ => return Err(PolicyErrorKind::InvalidPrincipalKey(key.clone()).at(p)),
                    });
                }
            }
            Ok(entries)
        }
        Value::String(s) => Err(PolicyErrorKind::InvalidPrincipal(format!("\"{s}\"")).at(pointer)),
        _ => Err(PolicyErrorKind::ExpectedObject.at(pointer)),
    }
}
