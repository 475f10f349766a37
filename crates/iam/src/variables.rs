//! Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and the
//! escapes `${*}`, `${?}`, `${$}`), honoured in `Resource` and in string and ARN condition
//! values when the policy's `Version` is `2012-10-17`.

use crate::context::RequestContext;
use crate::wildcard::escape_into;

/// A text with policy variables, compiled once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(Box<str>),
    /// `${*}`, `${?}` or `${$}`: that character, never a wildcard.
    Escape(char),
    Variable {
        key: Box<str>,
        default: Option<Box<str>>,
    },
}

impl Template {
    /// Compiles `text`; `None` when it holds no `${...}` (use it literally).
    pub(crate) fn parse(text: &str) -> Option<Template> {
        if !text.contains("${") {
            return None;
        }
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else { break };
            if start > 0 {
                parts.push(Part::Literal(rest[..start].into()));
            }
            parts.push(parse_variable(&after[..end]));
            rest = &after[end + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.into()));
        }
        Some(Template { parts })
    }

    /// Substitutes the request's values; `glob` escapes substituted text and `${*}`/`${?}`
    /// so that only the policy's own wildcards act as wildcards. `Err` names a variable
    /// with no value (and no default).
    pub(crate) fn resolve<'t>(
        &'t self,
        context: &RequestContext,
        glob: bool,
    ) -> Result<String, &'t str> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Escape(c) => {
                    if glob && matches!(c, '*' | '?') {
                        out.push('\\');
                    }
                    out.push(*c);
                }
                Part::Variable { key, default } => {
                    let value = context
                        .get(key)
                        .and_then(|v| v.single())
                        .or(default.as_deref());
                    match value {
                        Some(v) if glob => escape_into(&mut out, v),
                        Some(v) => out.push_str(v),
                        None => return Err(key),
                    }
                }
            }
        }
        Ok(out)
    }
}

fn parse_variable(inner: &str) -> Part {
    match inner.trim() {
        "*" => return Part::Escape('*'),
        "?" => return Part::Escape('?'),
        "$" => return Part::Escape('$'),
        _ => {}
    }
    let (key, default) = match inner.split_once(',') {
        Some((key, default)) => {
            let d = default.trim();
            let d = d
                .strip_prefix('\'')
                .and_then(|d| d.strip_suffix('\''))
                .unwrap_or(d);
            (key, Some(d.into()))
        }
        None => (inner, None),
    };
    Part::Variable {
        key: key.trim().into(),
        default,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn substitution() {
        let ctx = RequestContext::from_json(
            &json!({"aws:username": "bob", "aws:PrincipalTag/team": "red"}),
        )
        .unwrap();
        let t = Template::parse("home/${aws:username}/*").unwrap();
        assert_eq!(t.resolve(&ctx, false).unwrap(), "home/bob/*");
        let t = Template::parse("${aws:principaltag/team}-${*}").unwrap();
        assert_eq!(t.resolve(&ctx, true).unwrap(), "red-\\*");
        let t = Template::parse("${aws:userid, 'anon'}").unwrap();
        assert_eq!(t.resolve(&ctx, false).unwrap(), "anon");
        let t = Template::parse("${aws:userid}").unwrap();
        assert_eq!(t.resolve(&ctx, false), Err("aws:userid"));
        assert!(Template::parse("plain").is_none());
    }
}
