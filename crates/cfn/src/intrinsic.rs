//! Intrinsic functions and pseudo parameters, resolved as a deployment would resolve them
//! (CloudFormation User Guide, "Intrinsic function reference" and "Pseudo parameters
//! reference").

use crate::context::Context;
use serde_json::{Map, Value};

/// A value that cannot be resolved: where, and why in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unresolved {
    /// The pointer of the function that failed, relative to the value resolved.
    pub(crate) pointer: String,
    /// Why.
    pub(crate) reason: String,
}

type Resolved = Result<Option<Value>, Unresolved>;

fn fail<T>(pointer: &str, reason: impl Into<String>) -> Result<T, Unresolved> {
    Err(Unresolved {
        pointer: pointer.to_string(),
        reason: reason.into(),
    })
}

impl Context {
    /// `value` with every intrinsic function replaced by its result; `None` for
    /// `AWS::NoValue` (the member or item is then left out). `pointer` is where `value`
    /// sits, for messages.
    pub(crate) fn resolve(&self, value: &Value, pointer: &str) -> Resolved {
        match value {
            Value::Object(map) => {
                if map.len() == 1 {
                    if let Some((key, arg)) = map.iter().next() {
                        let at = jsonloc::pointer_push(pointer, key);
                        if let Some(result) = self.function(key, arg, &at) {
                            return result;
                        }
                    }
                }
                let mut out = Map::new();
                for (key, member) in map {
                    if let Some(v) = self.resolve(member, &jsonloc::pointer_push(pointer, key))? {
                        out.insert(key.clone(), v);
                    }
                }
                Ok(Some(Value::Object(out)))
            }
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if let Some(v) =
                        self.resolve(item, &jsonloc::pointer_push(pointer, &i.to_string()))?
                    {
                        out.push(v);
                    }
                }
                Ok(Some(Value::Array(out)))
            }
            other => Ok(Some(other.clone())),
        }
    }

    /// A value that must be present (not `AWS::NoValue`).
    pub(crate) fn resolve_some(&self, value: &Value, pointer: &str) -> Result<Value, Unresolved> {
        self.resolve(value, pointer)?
            .map_or_else(|| fail(pointer, "AWS::NoValue where a value is needed"), Ok)
    }

    /// A value that must be a string (numbers and booleans are written as text, as
    /// CloudFormation does).
    pub(crate) fn resolve_string(
        &self,
        value: &Value,
        pointer: &str,
    ) -> Result<String, Unresolved> {
        match self.resolve_some(value, pointer)? {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => fail(
                pointer,
                format!("expected a string, found {}", kind(&other)),
            ),
        }
    }

    /// `Fn::Cidr`: `[ipBlock, count, cidrBits]`, each resolved (numbers may be text).
    fn cidr(&self, arg: &Value, at: &str) -> Resolved {
        let Value::Array(args) = self.resolve_some(arg, at)? else {
            return fail(at, "Fn::Cidr takes [ipBlock, count, cidrBits]");
        };
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let (Some(block), Some(count), Some(bits)) = (
            args.first().and_then(text),
            args.get(1)
                .and_then(text)
                .and_then(|c| c.parse::<u64>().ok()),
            args.get(2)
                .and_then(text)
                .and_then(|b| b.parse::<u32>().ok()),
        ) else {
            return fail(
                at,
                "Fn::Cidr takes [ipBlock, count, cidrBits]: a block and two whole numbers",
            );
        };
        match crate::cidr::cidrs(&block, count, bits) {
            Ok(blocks) => Ok(Some(Value::Array(
                blocks.into_iter().map(Value::String).collect(),
            ))),
            Err(reason) => fail(at, reason),
        }
    }

    /// The result of the function `key` with argument `arg`, or `None` when `key` is not
    /// a function (the object is then plain data).
    fn function(&self, key: &str, arg: &Value, at: &str) -> Option<Resolved> {
        Some(match key {
            "Ref" => self.reference(arg, at),
            "Condition" => self.condition_ref(arg, at).map(|b| Some(Value::Bool(b))),
            "Fn::GetAtt" => self.get_att(arg, at).map(Some),
            "Fn::Sub" => self.sub(arg, at).map(|s| Some(Value::String(s))),
            "Fn::Join" => self.join(arg, at).map(|s| Some(Value::String(s))),
            "Fn::Select" => self.select(arg, at),
            "Fn::Split" => self.split(arg, at).map(Some),
            "Fn::If" => self.if_(arg, at),
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => {
                self.condition(key, arg, at).map(|b| Some(Value::Bool(b)))
            }
            "Fn::FindInMap" => self.find_in_map(arg, at).map(Some),
            "Fn::ImportValue" => self.import_value(arg, at).map(Some),
            "Fn::Base64" => self
                .resolve_string(arg, at)
                .map(|s| Some(Value::String(base64(s.as_bytes())))),
            "Fn::GetAZs" => self.get_azs(arg, at).map(Some),
            "Fn::ToJsonString" => self
                .resolve_some(arg, at)
                .map(|v| Some(Value::String(v.to_string()))),
            "Fn::Length" => match self.resolve_some(arg, at) {
                Ok(Value::Array(items)) => Ok(Some(Value::from(items.len()))),
                Ok(other) => fail(
                    at,
                    format!("Fn::Length takes a list, found {}", kind(&other)),
                ),
                Err(e) => Err(e),
            },
            "Fn::Cidr" => self.cidr(arg, at),
            "Fn::Transform" => fail(
                at,
                "Fn::Transform runs a macro, which the playground cannot run",
            ),
            _ => return None,
        })
    }

    fn reference(&self, arg: &Value, at: &str) -> Resolved {
        let Some(name) = arg.as_str() else {
            return fail(
                at,
                "Ref takes the name of a parameter, a resource or a pseudo parameter",
            );
        };
        Ok(Some(match name {
            "AWS::AccountId" => Value::String(self.account.clone()),
            "AWS::Region" => Value::String(self.region.clone()),
            "AWS::StackName" => Value::String(self.stack.clone()),
            "AWS::StackId" => Value::String(self.stack_id()),
            "AWS::Partition" => Value::String("aws".into()),
            "AWS::URLSuffix" => Value::String("amazonaws.com".into()),
            "AWS::NotificationARNs" => Value::Array(Vec::new()),
            "AWS::NoValue" => return Ok(None),
            _ => {
                if let Some(v) = self.parameters.get(name) {
                    v.clone()
                } else if let Some(reason) = self.missing.get(name) {
                    return fail(at, reason.clone());
                } else if let Some(r) = self.resources.get(name) {
                    r.reference.clone()
                } else if self.declared.iter().any(|d| d == name) {
                    return fail(
                        at,
                        format!(
                            "Ref {name}: that resource is not imported, so its value is not known"
                        ),
                    );
                } else {
                    return fail(
                        at,
                        format!(
                            "Ref {name}: no parameter, resource or pseudo parameter has that name"
                        ),
                    );
                }
            }
        }))
    }

    fn get_att(&self, arg: &Value, at: &str) -> Result<Value, Unresolved> {
        let (resource, attribute) = match arg {
            Value::Array(parts) if parts.len() == 2 => {
                let resource = parts.first().and_then(Value::as_str).unwrap_or_default();
                let attribute = match parts.get(1) {
                    Some(a) => self.resolve_string(a, &jsonloc::pointer_push(at, "1"))?,
                    None => String::new(),
                };
                (resource.to_string(), attribute)
            }
            Value::String(s) => match s.split_once('.') {
                Some((r, a)) => (r.to_string(), a.to_string()),
                None => return fail(at, "Fn::GetAtt takes [LOGICAL_ID, ATTRIBUTE]"),
            },
            _ => return fail(at, "Fn::GetAtt takes [LOGICAL_ID, ATTRIBUTE]"),
        };
        match self.resources.get(&resource) {
            Some(r) => r.attributes.get(&attribute).cloned().map_or_else(
                || fail(at, format!("Fn::GetAtt {resource}.{attribute}: the playground does not know that attribute's value")),
                Ok,
            ),
            None if self.declared.contains(&resource) => fail(
                at,
                format!("Fn::GetAtt {resource}.{attribute}: that resource is not imported, so its value is not known"),
            ),
            None => fail(at, format!("Fn::GetAtt {resource}.{attribute}: no resource has that logical id")),
        }
    }

    fn sub(&self, arg: &Value, at: &str) -> Result<String, Unresolved> {
        let (text, vars) = match arg {
            Value::String(s) => (s.as_str(), None),
            Value::Array(parts) if parts.len() == 2 => match (parts.first(), parts.get(1)) {
                (Some(Value::String(s)), Some(Value::Object(vars))) => (s.as_str(), Some(vars)),
                _ => return fail(at, "Fn::Sub takes a string, or [string, {variables}]"),
            },
            _ => return fail(at, "Fn::Sub takes a string, or [string, {variables}]"),
        };
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                return fail(at, "Fn::Sub: a ${ without its closing }");
            };
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else {
                let given = vars.and_then(|v| v.get(name));
                let value = match given {
                    Some(v) => self.resolve_string(
                        v,
                        &jsonloc::pointer_push(&jsonloc::pointer_push(at, "1"), name),
                    )?,
                    None if name.contains('.') && !name.starts_with("AWS::") => {
                        let parts: Vec<Value> = match name.split_once('.') {
                            Some((r, a)) => vec![r.into(), a.into()],
                            None => Vec::new(),
                        };
                        string_of(self.get_att(&Value::Array(parts), at)?, at)?
                    }
                    None => self.resolve_string(&single("Ref", name), at)?,
                };
                out.push_str(&value);
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn join(&self, arg: &Value, at: &str) -> Result<String, Unresolved> {
        let (Some(delimiter), Some(list)) = (arg.get(0).and_then(Value::as_str), arg.get(1)) else {
            return fail(at, "Fn::Join takes [delimiter, [values]]");
        };
        let list = self.resolve_some(list, &jsonloc::pointer_push(at, "1"))?;
        let Value::Array(items) = list else {
            return fail(at, "Fn::Join: the second element must be a list");
        };
        let texts: Result<Vec<String>, Unresolved> =
            items.into_iter().map(|v| string_of(v, at)).collect();
        Ok(texts?.join(delimiter))
    }

    fn select(&self, arg: &Value, at: &str) -> Resolved {
        let (Some(index), Some(list)) = (arg.get(0), arg.get(1)) else {
            return fail(at, "Fn::Select takes [index, [values]]");
        };
        let index = self.resolve_string(index, &jsonloc::pointer_push(at, "0"))?;
        let Ok(index) = index.parse::<usize>() else {
            return fail(
                at,
                format!("Fn::Select: the index '{index}' is not a number"),
            );
        };
        match self.resolve_some(list, &jsonloc::pointer_push(at, "1"))? {
            Value::Array(items) => match items.into_iter().nth(index) {
                Some(v) => Ok(Some(v)),
                None => fail(
                    at,
                    format!("Fn::Select: index {index} is past the end of the list"),
                ),
            },
            _ => fail(at, "Fn::Select: the second element must be a list"),
        }
    }

    fn split(&self, arg: &Value, at: &str) -> Result<Value, Unresolved> {
        let (Some(delimiter), Some(source)) = (arg.get(0).and_then(Value::as_str), arg.get(1))
        else {
            return fail(at, "Fn::Split takes [delimiter, string]");
        };
        if delimiter.is_empty() {
            return fail(at, "Fn::Split: the delimiter is empty");
        }
        let text = self.resolve_string(source, &jsonloc::pointer_push(at, "1"))?;
        Ok(Value::Array(
            text.split(delimiter).map(Value::from).collect(),
        ))
    }

    fn if_(&self, arg: &Value, at: &str) -> Resolved {
        let (Some(name), Some(yes), Some(no)) = (arg.get(0), arg.get(1), arg.get(2)) else {
            return fail(
                at,
                "Fn::If takes [condition, value if true, value if false]",
            );
        };
        if self.condition_ref(name, at)? {
            self.resolve(yes, &jsonloc::pointer_push(at, "1"))
        } else {
            self.resolve(no, &jsonloc::pointer_push(at, "2"))
        }
    }

    /// The value of the named condition.
    fn condition_ref(&self, name: &Value, at: &str) -> Result<bool, Unresolved> {
        let Some(name) = name.as_str() else {
            return fail(at, "a condition is named by a string");
        };
        self.conditions.get(name).copied().map_or_else(
            || {
                fail(
                    at,
                    format!("the condition {name} is not defined, or cannot be evaluated"),
                )
            },
            Ok,
        )
    }

    /// A condition function's value (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`).
    pub(crate) fn condition(&self, key: &str, arg: &Value, at: &str) -> Result<bool, Unresolved> {
        let items: Vec<&Value> = match arg {
            Value::Array(items) => items.iter().collect(),
            _ => return fail(at, format!("{key} takes a list")),
        };
        let boolean = |i: usize, v: &Value| -> Result<bool, Unresolved> {
            match self.resolve_some(v, &jsonloc::pointer_push(at, &i.to_string()))? {
                Value::Bool(b) => Ok(b),
                other => fail(
                    at,
                    format!("{key}: expected a condition, found {}", kind(&other)),
                ),
            }
        };
        match key {
            "Fn::Equals" => match items.as_slice() {
                [a, b] => {
                    let a = self.resolve_some(a, &jsonloc::pointer_push(at, "0"))?;
                    let b = self.resolve_some(b, &jsonloc::pointer_push(at, "1"))?;
                    Ok(scalar_text(&a) == scalar_text(&b))
                }
                _ => fail(at, "Fn::Equals takes two values"),
            },
            "Fn::Not" => match items.as_slice() {
                [a] => boolean(0, a).map(|b| !b),
                _ => fail(at, "Fn::Not takes one condition"),
            },
            "Fn::And" => {
                let mut all = true;
                for (i, v) in items.iter().enumerate() {
                    all &= boolean(i, v)?;
                }
                Ok(all)
            }
            _ => {
                let mut any = false;
                for (i, v) in items.iter().enumerate() {
                    any |= boolean(i, v)?;
                }
                Ok(any)
            }
        }
    }

    fn find_in_map(&self, arg: &Value, at: &str) -> Result<Value, Unresolved> {
        let Value::Array(parts) = arg else {
            return fail(
                at,
                "Fn::FindInMap takes [map, top-level key, second-level key]",
            );
        };
        let mut keys = Vec::new();
        for (i, part) in parts.iter().take(3).enumerate() {
            keys.push(self.resolve_string(part, &jsonloc::pointer_push(at, &i.to_string()))?);
        }
        let [map, top, second] = keys.as_slice() else {
            return fail(
                at,
                "Fn::FindInMap takes [map, top-level key, second-level key]",
            );
        };
        let found = self
            .mappings
            .get(map)
            .and_then(|m| m.get(top))
            .and_then(|m| m.get(second));
        match (found, parts.get(3).and_then(|d| d.get("DefaultValue"))) {
            (Some(v), _) => Ok(v.clone()),
            (None, Some(default)) => self.resolve_some(default, &jsonloc::pointer_push(at, "3")),
            (None, None) => fail(
                at,
                format!("Fn::FindInMap: the mapping {map} has no {top}.{second}"),
            ),
        }
    }

    fn import_value(&self, arg: &Value, at: &str) -> Result<Value, Unresolved> {
        let name = self.resolve_string(arg, at)?;
        self.imports.get(&name).cloned().map_or_else(
            || fail(at, format!("Fn::ImportValue {name}: a cross-stack import with no value given (give it as a parameter named {name})")),
            Ok,
        )
    }

    fn get_azs(&self, arg: &Value, at: &str) -> Result<Value, Unresolved> {
        let region = self.resolve_string(arg, at)?;
        let region = if region.is_empty() {
            self.region.clone()
        } else {
            region
        };
        Ok(Value::Array(
            ["a", "b", "c"]
                .iter()
                .map(|z| Value::String(format!("{region}{z}")))
                .collect(),
        ))
    }
}

/// `{key: value}`.
pub(crate) fn single(key: &str, value: impl Into<Value>) -> Value {
    let mut map = Map::new();
    map.insert(key.to_string(), value.into());
    Value::Object(map)
}

/// A scalar as text, for `Fn::Join` and `Fn::Sub`.
fn string_of(value: Value, at: &str) -> Result<String, Unresolved> {
    match value {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => fail(at, format!("expected a string, found {}", kind(&other))),
    }
}

/// A scalar's text for comparison (`Fn::Equals` compares `"1"` and `1` as equal).
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value's kind in words.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(TABLE.get(index).map_or('A', |c| char::from(*c)));
            } else {
                out.push('=');
            }
        }
    }
    out
}
