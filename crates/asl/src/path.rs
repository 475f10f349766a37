//! Paths as the States Language uses them, compiled once: `$` (the state's input), `$$`
//! (the context object) or `$name` (a variable), followed by JSONPath.
//!
//! Definite paths (`$.a.b`, `$['a'][0]`) are walked directly, which is what nearly every
//! definition uses; indefinite ones (`[*]`, `..`, filters, slices, unions) are evaluated by
//! `jsonpath-rust` and yield an array of their matches, as AWS does.

use jsonpath_rust::parser::model::JpQuery;
use jsonpath_rust::parser::parse_json_path;
use jsonpath_rust::query::js_path_process;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// What a path starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// `$`: the data the state is processing.
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
}

/// One step of a definite path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Field(String),
    Index(usize),
}

#[derive(Debug, Clone)]
enum Walk {
    Definite(Vec<Segment>),
    Query(Box<JpQuery>),
}

/// A compiled path.
#[derive(Debug, Clone)]
pub struct Path {
    text: String,
    root: Root,
    walk: Walk,
}

/// Why a path text is not a valid path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// It does not start with `$`.
    NoRoot,
    /// A reference path (ResultPath) must name one node with dots and plain brackets.
    NotReferencePath,
    /// A reference path must start from the state's input.
    ReferenceOutsideInput,
    /// The JSONPath after the root does not parse.
    Syntax(String),
    /// The JSONPath nests brackets and parentheses deeper than [`MAX_NESTING`].
    TooDeep,
}

/// The deepest a query may nest brackets and parentheses (outside its string literals).
/// The JSONPath parser backtracks through each level of a query that does not parse, in
/// time exponential in its depth (`$[?length(length(…` nine deep takes a second), and
/// recurses once per level; no real path nests this deep.
pub const MAX_NESTING: usize = 8;

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::NoRoot => write!(f, "a path must start with '$'"),
            PathError::NotReferencePath => write!(
                f,
                "a reference path may only use '.name', \"['name']\" and '[index]' steps"
            ),
            PathError::ReferenceOutsideInput => {
                write!(
                    f,
                    "a reference path must start with '$' followed by '.' or '['"
                )
            }
            PathError::Syntax(m) => write!(f, "invalid JSONPath: {m}"),
            PathError::TooDeep => write!(
                f,
                "a path may nest brackets and parentheses at most {MAX_NESTING} deep"
            ),
        }
    }
}

impl Path {
    /// Compiles a path (`InputPath`, `OutputPath`, `ItemsPath`, `.$` values, `Variable` …).
    pub fn parse(text: &str) -> Result<Path, PathError> {
        let (root, rest) = split_root(text)?;
        let walk = match parse_definite(rest) {
            Some(segments) => Walk::Definite(segments),
            None if nesting(rest) > MAX_NESTING => return Err(PathError::TooDeep),
            None => {
                let query = format!("${rest}");
                let compiled =
                    parse_json_path(&query).map_err(|e| PathError::Syntax(e.to_string()))?;
                Walk::Query(Box::new(compiled))
            }
        };
        Ok(Path {
            text: text.to_string(),
            root,
            walk,
        })
    }

    /// Compiles a reference path (`ResultPath`): one node of the input, named plainly.
    pub fn parse_reference(text: &str) -> Result<Path, PathError> {
        let (root, rest) = split_root(text)?;
        if root != Root::Input {
            return Err(PathError::ReferenceOutsideInput);
        }
        let segments = parse_definite(rest).ok_or(PathError::NotReferencePath)?;
        Ok(Path {
            text: text.to_string(),
            root,
            walk: Walk::Definite(segments),
        })
    }

    /// The path as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the path starts from.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// The steps of a definite path; `None` for a query.
    pub fn segments(&self) -> Option<&[Segment]> {
        match &self.walk {
            Walk::Definite(s) => Some(s),
            Walk::Query(_) => None,
        }
    }

    /// True for `$`, `$$` or `$name` alone.
    pub fn is_root_only(&self) -> bool {
        matches!(&self.walk, Walk::Definite(s) if s.is_empty())
    }

    /// Selects from `root`: a definite path yields its node, or `None` when absent; a query
    /// yields the array of its matches.
    pub fn select<'a>(&self, root: &'a Value) -> Option<Cow<'a, Value>> {
        match &self.walk {
            Walk::Definite(segments) => walk(root, segments).map(Cow::Borrowed),
            Walk::Query(query) => {
                let found = js_path_process(query, root).ok()?;
                Some(Cow::Owned(Value::Array(
                    found.into_iter().map(|r| r.val().clone()).collect(),
                )))
            }
        }
    }

    /// The path in bracket notation, as AWS quotes it in errors: `$['a']['b'][0]`.
    pub fn bracket_notation(&self) -> String {
        match &self.walk {
            Walk::Definite(segments) => {
                let mut out = String::from("$");
                for s in segments {
                    match s {
                        Segment::Field(f) => {
                            out.push_str("['");
                            out.push_str(f);
                            out.push_str("']");
                        }
                        Segment::Index(i) => {
                            out.push_str(&format!("[{i}]"));
                        }
                    }
                }
                out
            }
            Walk::Query(_) => self.text.clone(),
        }
    }
}

/// Walks a definite path through a value.
pub fn walk<'a>(mut value: &'a Value, segments: &[Segment]) -> Option<&'a Value> {
    for s in segments {
        value = match (s, value) {
            (Segment::Field(f), Value::Object(map)) => map.get(f)?,
            (Segment::Index(i), Value::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

fn split_root(text: &str) -> Result<(Root, &str), PathError> {
    let rest = text.strip_prefix('$').ok_or(PathError::NoRoot)?;
    if let Some(rest) = rest.strip_prefix('$') {
        return Ok((Root::Context, rest));
    }
    let name_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    if name_len == 0 {
        return Ok((Root::Input, rest));
    }
    Ok((
        Root::Variable(rest[..name_len].to_string()),
        &rest[name_len..],
    ))
}

/// The deepest nesting of brackets and parentheses in a query, string literals aside.
fn nesting(query: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0);
    let mut quote = None;
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[' | '(') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ']' | ')') => depth = depth.saturating_sub(1),
            (None, _) => {}
        }
    }
    deepest
}

/// Parses `.a`, `['a']`, `["a"]` and `[0]` steps; `None` when the path is not definite.
fn parse_definite(mut rest: &str) -> Option<Vec<Segment>> {
    let mut segments = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            if after.starts_with('.') {
                return None;
            }
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = &after[..end];
            if name.is_empty() || name.contains(['*', ']', '(', ')', '?', '@', ',', ' ', '\'', '"'])
            {
                return None;
            }
            segments.push(Segment::Field(name.to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let close = after.find(']')?;
            let inner = &after[..close];
            let quoted = inner
                .strip_prefix('\'')
                .and_then(|s| s.strip_suffix('\''))
                .or_else(|| inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')));
            if let Some(name) = quoted {
                if name.contains(['\'', '"', '\\']) {
                    return None;
                }
                segments.push(Segment::Field(name.to_string()));
            } else if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
                segments.push(Segment::Index(inner.parse().ok()?));
            } else {
                return None;
            }
            rest = &after[close + 1..];
        } else {
            return None;
        }
    }
    Some(segments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn definite_paths_walk_directly() {
        let v = json!({"a": {"b c": [10, {"d": true}]}});
        let p = Path::parse("$.a['b c'][1].d").unwrap();
        assert_eq!(p.select(&v).unwrap().as_ref(), &json!(true));
        assert_eq!(p.bracket_notation(), "$['a']['b c'][1]['d']");
        assert!(Path::parse("$.a.zz").unwrap().select(&v).is_none());
        assert!(Path::parse("$").unwrap().is_root_only());
    }

    #[test]
    fn roots() {
        assert_eq!(
            Path::parse("$$.Execution.Id").unwrap().root(),
            &Root::Context
        );
        assert_eq!(
            Path::parse("$myVar.x").unwrap().root(),
            &Root::Variable("myVar".into())
        );
        assert_eq!(Path::parse("$.x").unwrap().root(), &Root::Input);
        assert_eq!(Path::parse("x").unwrap_err(), PathError::NoRoot);
    }

    #[test]
    fn queries_yield_arrays() {
        let v = json!({"items": [{"v": 1}, {"v": 2}, {"v": 3}], "users": [{"s": 0}, {"s": 1}]});
        let all = Path::parse("$.items[*].v").unwrap();
        assert_eq!(all.select(&v).unwrap().as_ref(), &json!([1, 2, 3]));
        let slice = Path::parse("$.items[1:]").unwrap();
        assert_eq!(
            slice.select(&v).unwrap().as_ref(),
            &json!([{"v": 2}, {"v": 3}])
        );
        let filter = Path::parse("$.users[?(@.s == 0)]").unwrap();
        assert_eq!(filter.select(&v).unwrap().as_ref(), &json!([{"s": 0}]));
        let deep = Path::parse("$..v").unwrap();
        assert_eq!(deep.select(&v).unwrap().as_ref(), &json!([1, 2, 3]));
    }

    #[test]
    fn reference_paths_are_plain() {
        assert!(Path::parse_reference("$.a[0]['b']").is_ok());
        assert_eq!(
            Path::parse_reference("$.a[*]").unwrap_err(),
            PathError::NotReferencePath
        );
        assert_eq!(
            Path::parse_reference("$$.a").unwrap_err(),
            PathError::ReferenceOutsideInput
        );
        assert!(matches!(
            Path::parse("$.a[?(@.x =="),
            Err(PathError::Syntax(_))
        ));
    }

    #[test]
    fn queries_nest_at_most_eight_deep_outside_their_strings() {
        let deep = |n: usize| format!("$.a{} == 1{}", "[?(@.b".repeat(n), ")]".repeat(n));
        assert!(Path::parse(&deep(4)).is_ok());
        assert_eq!(Path::parse(&deep(5)).unwrap_err(), PathError::TooDeep);
        // Found by fuzzing: each unclosed level doubled the parser's time.
        let unclosed = format!("$u{})]", "x[?match(@.a b".repeat(16));
        assert_eq!(Path::parse(&unclosed).unwrap_err(), PathError::TooDeep);
        let quoted = format!("$.a[?(@.b == '{}')]", "[(".repeat(20));
        assert!(
            Path::parse(&quoted).is_ok(),
            "brackets in a string do not nest"
        );
        let escaped = format!("$.a[?(@.b == 'it\\'s {}')]", "((".repeat(20));
        assert!(
            Path::parse(&escaped).is_ok(),
            "an escaped quote does not end the string"
        );
    }
}
