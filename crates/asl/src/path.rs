//! Paths as the States Language uses them, compiled once: `$` (the state's input), `$$`
//! (the context object) or `$name` (a variable), followed by JSONPath.
//!
//! Definite paths (`$.a.b`, `$['a'][0]`) are walked directly, which is what nearly every
//! definition uses; indefinite ones (`[*]`, `..`, filters, slices, unions) are evaluated by
//! `jsonpath-rust` and yield an array of their matches, as AWS does.

use crate::size::{Room, MAX_DEPTH};
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
    /// A definite path of more steps than a value may nest.
    TooDeep(usize),
    /// The JSONPath nests brackets and parentheses deeper than [`MAX_NESTING`].
    TooNested,
}

/// A query's matches come to more than a payload holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

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
            PathError::TooDeep(steps) => write!(
                f,
                "the path has {steps} steps, but values nest at most {MAX_DEPTH} levels deep"
            ),
            PathError::TooNested => write!(
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
            Some(segments) => Walk::Definite(not_too_deep(segments)?),
            None if nesting(rest) > MAX_NESTING => return Err(PathError::TooNested),
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
        let segments = not_too_deep(segments)?;
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

    /// The steps of a definite path from the state's input (`$.a.b`, `$`); `None` for
    /// another root or a query.
    #[inline]
    pub fn input_steps(&self) -> Option<&[Segment]> {
        match (&self.root, &self.walk) {
            (Root::Input, Walk::Definite(s)) => Some(s),
            _ => None,
        }
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
    /// yields the array of its matches, measured before they are copied: more than a
    /// payload holds (`$..*` over a deep value) is [`TooLarge`].
    pub fn select<'a>(&self, root: &'a Value) -> Result<Option<Cow<'a, Value>>, TooLarge> {
        match &self.walk {
            Walk::Definite(segments) => Ok(walk(root, segments).map(Cow::Borrowed)),
            Walk::Query(query) => {
                let Ok(found) = js_path_process(query, root) else {
                    return Ok(None);
                };
                let found: Vec<&Value> = found.into_iter().map(|r| r.val()).collect();
                let mut room = Room::payload();
                if !found.iter().all(|v| room.take(v, 1)) {
                    return Err(TooLarge);
                }
                Ok(Some(Cow::Owned(Value::Array(
                    found.into_iter().cloned().collect(),
                ))))
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

/// A path's (or an expression's) text as a diagnostic quotes it: whole up to 100
/// characters, longer ones cut there with `…`.
pub fn excerpt(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(100) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// Walks a definite path through a value.
#[inline]
pub fn walk<'a>(mut value: &'a Value, segments: &[Segment]) -> Option<&'a Value> {
    for s in segments {
        value = match (s, value) {
            (Segment::Field(f), Value::Object(map)) => member(map, f)?,
            (Segment::Index(i), Value::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Member `name` of an object. A small object (most payloads) is searched in order, which
/// costs less than hashing the name; a larger one is looked up by hash.
fn member<'a>(map: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    const SCANNED: usize = 8;
    if map.len() <= SCANNED {
        map.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
    } else {
        map.get(name)
    }
}

/// The steps of a definite path, refused when more than a value may nest.
fn not_too_deep(segments: Vec<Segment>) -> Result<Vec<Segment>, PathError> {
    match segments.len() {
        n if n > MAX_DEPTH => Err(PathError::TooDeep(n)),
        _ => Ok(segments),
    }
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
        assert_eq!(p.select(&v).unwrap().unwrap().as_ref(), &json!(true));
        assert_eq!(p.bracket_notation(), "$['a']['b c'][1]['d']");
        assert!(Path::parse("$.a.zz").unwrap().select(&v).unwrap().is_none());
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
        let select = |p: &str| Path::parse(p).unwrap().select(&v).unwrap().unwrap();
        assert_eq!(select("$.items[*].v").as_ref(), &json!([1, 2, 3]));
        assert_eq!(select("$.items[1:]").as_ref(), &json!([{"v": 2}, {"v": 3}]));
        assert_eq!(select("$.users[?(@.s == 0)]").as_ref(), &json!([{"s": 0}]));
        assert_eq!(select("$..v").as_ref(), &json!([1, 2, 3]));
    }

    #[test]
    fn a_fan_out_past_a_payload_is_refused_before_it_is_copied() {
        // `$..*` matches each level whole, and everything below it again: 60 strings
        // of 1,000 bytes come to about 1.8 MB of matches.
        let mut v = json!({"s": "x".repeat(1_000)});
        for _ in 0..60 {
            v = json!({"s": "x".repeat(1_000), "in": v});
        }
        let all = Path::parse("$..*").unwrap();
        assert_eq!(all.select(&v).unwrap_err(), TooLarge);
        assert!(Path::parse("$..s").unwrap().select(&v).unwrap().is_some());
    }

    #[test]
    fn paths_deeper_than_values_nest_are_refused() {
        let deepest = format!("${}", ".a".repeat(MAX_DEPTH));
        assert!(Path::parse_reference(&deepest).is_ok());
        let deeper = format!("${}", ".a".repeat(MAX_DEPTH + 1));
        assert_eq!(
            Path::parse_reference(&deeper).unwrap_err(),
            PathError::TooDeep(MAX_DEPTH + 1)
        );
        assert!(matches!(Path::parse(&deeper), Err(PathError::TooDeep(_))));
        assert_eq!(excerpt("$.a"), "$.a");
        assert_eq!(excerpt(&deeper).chars().count(), 101);
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
        assert_eq!(Path::parse(&deep(5)).unwrap_err(), PathError::TooNested);
        // Found by fuzzing: each unclosed level doubled the parser's time.
        let unclosed = format!("$u{})]", "x[?match(@.a b".repeat(16));
        assert_eq!(Path::parse(&unclosed).unwrap_err(), PathError::TooNested);
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
