//! The part of DynamoDB's expression language the playground reads: key conditions
//! (`pk = :v AND sk = :w`), condition expressions (`attribute_exists`,
//! `attribute_not_exists`, `=`, `<>`, joined by `AND`) and update expressions (`SET a = :v,
//! b = b + :n, c = if_not_exists(c, :z)` and `REMOVE d`), with `#name` and `:value`
//! placeholders.

use crate::errors::ApiError;
use crate::integration::Service;
use serde_json::{Map, Value};

/// The placeholders of one request.
pub(crate) struct Placeholders<'a> {
    pub(crate) names: Option<&'a Map<String, Value>>,
    pub(crate) values: Option<&'a Map<String, Value>>,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(Service::DynamoDb, "ValidationException", message)
}

impl Placeholders<'_> {
    /// An attribute name, resolving `#placeholders`.
    pub(crate) fn name(&self, token: &str) -> Result<String, ApiError> {
        let token = token.trim();
        if token.starts_with('#') {
            return self
                .names
                .and_then(|m| m.get(token))
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| {
                    invalid(format!(
                        "Value provided in ExpressionAttributeNames unused or undefined: {token}"
                    ))
                });
        }
        if token.is_empty() || !token.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(invalid(format!(
                "Invalid attribute name in expression: '{token}'"
            )));
        }
        Ok(token.to_string())
    }

    /// A `:value` placeholder.
    pub(crate) fn value(&self, token: &str) -> Result<Value, ApiError> {
        let token = token.trim();
        self.values
            .and_then(|m| m.get(token))
            .cloned()
            .ok_or_else(|| {
                invalid(format!("An expression attribute value used in expression is not defined; attribute value: {token}"))
            })
    }

    /// A value operand: `:v`, an attribute, `if_not_exists(a, :v)`, or `x + y` / `x - y`.
    fn operand(&self, text: &str, item: &Map<String, Value>) -> Result<Value, ApiError> {
        let text = text.trim();
        if let Some((a, b)) = split_top(text, &[" + ", " - "]) {
            let (x, y) = (
                number(&self.operand(a.0, item)?)?,
                number(&self.operand(b, item)?)?,
            );
            let n = if a.1 == " + " { x + y } else { x - y };
            return Ok(serde_json::json!({ "N": format_number(n) }));
        }
        if let Some(args) = text
            .strip_prefix("if_not_exists(")
            .and_then(|r| r.strip_suffix(')'))
        {
            let (path, default) = args
                .split_once(',')
                .ok_or_else(|| invalid("if_not_exists takes a path and a value"))?;
            return match item.get(&self.name(path)?) {
                Some(v) => Ok(v.clone()),
                None => self.operand(default, item),
            };
        }
        if text.starts_with(':') {
            return self.value(text);
        }
        let name = self.name(text)?;
        item.get(&name)
            .cloned()
            .ok_or_else(|| invalid(format!("The provided expression refers to an attribute that does not exist in the item: {name}")))
    }
}

/// Splits at the first of `ops` outside parentheses: `((left, op), right)`.
fn split_top<'t>(
    text: &'t str,
    ops: &[&'static str],
) -> Option<((&'t str, &'static str), &'t str)> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => {
                for op in ops {
                    if text.get(i..).is_some_and(|rest| rest.starts_with(op)) {
                        return Some(((text.get(..i)?, op), text.get(i + op.len()..)?));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits at commas outside parentheses.
fn commas(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.extend(text.get(start..i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.extend(text.get(start..));
    out
}

fn number(v: &Value) -> Result<f64, ApiError> {
    v.get("N")
        .and_then(Value::as_str)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| invalid("An operand in the update expression has an incorrect data type"))
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The clauses of an expression joined by `AND`.
fn conjuncts(expr: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in expr.split_whitespace() {
        if word.eq_ignore_ascii_case("AND") {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

/// `pk = :v [AND sk = :w]` as `(attribute, value)` pairs.
pub(crate) fn key_condition(
    expr: &str,
    p: &Placeholders,
) -> Result<Vec<(String, Value)>, ApiError> {
    conjuncts(expr)
        .iter()
        .map(|c| {
            let (name, value) = c.split_once('=').ok_or_else(|| {
                invalid("The playground reads key conditions of the form `key = :value`")
            })?;
            Ok((p.name(name)?, p.value(value)?))
        })
        .collect()
}

/// Whether a condition expression holds for `item` (absent when there is none yet).
pub(crate) fn holds(
    expr: &str,
    item: Option<&Map<String, Value>>,
    p: &Placeholders,
) -> Result<bool, ApiError> {
    let empty = Map::new();
    let item = item.unwrap_or(&empty);
    for clause in conjuncts(expr) {
        let clause = clause.trim();
        let ok = if let Some(arg) = clause
            .strip_prefix("attribute_not_exists(")
            .and_then(|r| r.strip_suffix(')'))
        {
            !item.contains_key(&p.name(arg)?)
        } else if let Some(arg) = clause
            .strip_prefix("attribute_exists(")
            .and_then(|r| r.strip_suffix(')'))
        {
            item.contains_key(&p.name(arg)?)
        } else if let Some((a, b)) = clause.split_once("<>") {
            item.get(&p.name(a)?) != Some(&p.value(b)?)
        } else if let Some((a, b)) = clause.split_once('=') {
            item.get(&p.name(a)?) == Some(&p.value(b)?)
        } else {
            return Err(invalid(format!(
                "The playground reads attribute_exists, attribute_not_exists, = and <> in condition expressions, not `{clause}`"
            )));
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Applies `SET …` and `REMOVE …` to `item`; returns the names it changed.
pub(crate) fn update(
    expr: &str,
    item: &mut Map<String, Value>,
    p: &Placeholders,
) -> Result<Vec<String>, ApiError> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for word in expr.split_whitespace() {
        let upper = word.to_ascii_uppercase();
        if matches!(upper.as_str(), "SET" | "REMOVE" | "ADD" | "DELETE") {
            sections.push((upper, String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push(' ');
            body.push_str(word);
        } else {
            return Err(invalid(
                "Invalid UpdateExpression: it must start with SET or REMOVE",
            ));
        }
    }
    let mut changed = Vec::new();
    for (keyword, body) in sections {
        for clause in commas(&body) {
            match keyword.as_str() {
                "SET" => {
                    let (path, value) = clause.split_once('=').ok_or_else(|| {
                        invalid(format!("Invalid UpdateExpression: SET {clause}"))
                    })?;
                    let name = p.name(path)?;
                    let value = p.operand(value, item)?;
                    item.insert(name.clone(), value);
                    changed.push(name);
                }
                "REMOVE" => {
                    let name = p.name(clause)?;
                    item.remove(&name);
                    changed.push(name);
                }
                other => {
                    return Err(invalid(format!(
                        "The playground reads SET and REMOVE in update expressions, not {other}"
                    )))
                }
            }
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_remove_and_conditions() {
        let values = json!({":v": {"S": "x"}, ":one": {"N": "1"}, ":zero": {"N": "0"}});
        let names = json!({"#c": "count"});
        let p = Placeholders {
            names: names.as_object(),
            values: values.as_object(),
        };
        let mut item = json!({"id": {"S": "a"}, "old": {"S": "o"}})
            .as_object()
            .unwrap()
            .clone();
        update(
            "SET v = :v, #c = if_not_exists(#c, :zero) + :one REMOVE old",
            &mut item,
            &p,
        )
        .unwrap();
        assert_eq!(item.get("count"), Some(&json!({"N": "1"})));
        assert!(!item.contains_key("old"));
        assert!(holds("attribute_exists(v) AND v = :v", Some(&item), &p).unwrap());
        assert!(!holds("attribute_not_exists(id)", Some(&item), &p).unwrap());
        assert_eq!(key_condition("id = :v", &p).unwrap().len(), 1);
    }
}
