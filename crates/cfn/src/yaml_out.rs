//! JSON values written as block-style YAML: `Ref` and `Fn::GetAtt` in their short form,
//! strings plain when YAML reads them back as the same string, double-quoted otherwise.

use serde_json::Value;

/// `value` as YAML text (ending with a newline).
pub(crate) fn write(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => members(map, 0, &mut out),
        Value::Array(items) if !items.is_empty() => elements(items, 0, &mut out),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn members(map: &serde_json::Map<String, Value>, indent: usize, out: &mut String) {
    for (key, value) in map {
        out.push_str(&" ".repeat(indent));
        out.push_str(&scalar(key));
        out.push(':');
        after_key(value, indent, out);
    }
}

fn elements(items: &[Value], indent: usize, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() && short(item).is_none() => {
                let mut first = true;
                for (key, value) in map {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        out.push_str(&" ".repeat(indent + 2));
                    }
                    out.push_str(&scalar(key));
                    out.push(':');
                    after_key(value, indent + 2, out);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                elements(inner, indent + 2, out);
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// A member's value after `key:`.
fn after_key(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() && short(value).is_none() => {
            out.push('\n');
            members(map, indent + 2, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            elements(items, indent + 2, out);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

/// `!Ref X` or `!GetAtt X.Y` for those functions with plain arguments.
fn short(value: &Value) -> Option<String> {
    let map = value.as_object().filter(|m| m.len() == 1)?;
    let (key, arg) = map.iter().next()?;
    match (key.as_str(), arg) {
        ("Ref", Value::String(name)) => Some(format!("!Ref {}", scalar(name))),
        ("Fn::GetAtt", Value::Array(parts)) if parts.len() == 2 => {
            let (Some(a), Some(b)) = (
                parts.first().and_then(Value::as_str),
                parts.get(1).and_then(Value::as_str),
            ) else {
                return None;
            };
            Some(format!("!GetAtt {}", scalar(&format!("{a}.{b}"))))
        }
        _ => None,
    }
}

/// A value on one line: a scalar, an empty collection or a short-form function.
fn inline(value: &Value) -> String {
    if let Some(s) = short(value) {
        return s;
    }
    match value {
        Value::String(s) => scalar(s),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

/// A string: plain when YAML would read it back as this same string, else double-quoted
/// (JSON's escapes are YAML's too).
fn scalar(s: &str) -> String {
    let reserved = matches!(
        s.to_ascii_lowercase().as_str(),
        "" | "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    let safe_start = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '_');
    let safe_chars = s.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '_' | '-' | '.' | '/' | ':' | '*' | '$' | '@' | '+')
    });
    let looks_numeric = s.parse::<f64>().is_ok();
    if !reserved
        && safe_start
        && safe_chars
        && !looks_numeric
        && !s.ends_with(':')
        && !s.contains(": ")
    {
        s.to_string()
    } else {
        Value::String(s.to_string()).to_string()
    }
}
