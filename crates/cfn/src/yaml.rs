//! YAML templates read into JSON values: the short-form tags (`!Ref`, `!GetAtt`, `!Sub` …)
//! become the long form CloudFormation's JSON uses (`{"Ref": …}`, `{"Fn::GetAtt": […]}`),
//! keys keep their order, and every node's place is kept for messages.

use crate::error::ImportError;
use crate::source::Places;
use jsonloc::Position;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// The short-form tags CloudFormation reads, each with the long-form key it stands for.
const TAGS: [(&str, &str); 17] = [
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("GetAtt", "Fn::GetAtt"),
    ("Sub", "Fn::Sub"),
    ("Join", "Fn::Join"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("If", "Fn::If"),
    ("Equals", "Fn::Equals"),
    ("FindInMap", "Fn::FindInMap"),
    ("ImportValue", "Fn::ImportValue"),
    ("Base64", "Fn::Base64"),
    ("And", "Fn::And"),
    ("Or", "Fn::Or"),
    ("Not", "Fn::Not"),
    ("GetAZs", "Fn::GetAZs"),
    ("Cidr", "Fn::Cidr"),
];

/// A collection being read.
enum Frame {
    Map {
        map: Map<String, Value>,
        key: Option<String>,
        tag: Option<Tag>,
        anchor: usize,
        pointer: String,
        at: Position,
    },
    Seq {
        items: Vec<Value>,
        tag: Option<Tag>,
        anchor: usize,
        pointer: String,
        at: Position,
    },
}

/// Reads a YAML template: its value and where each node sits.
pub(crate) fn read(text: &str) -> Result<(Value, Places), ImportError> {
    let mut reader = Reader::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| syntax(e.marker(), e.info()))?;
        if let Some(root) = reader.event(event, span)? {
            return Ok((root, reader.places));
        }
    }
    Err(ImportError::NotATemplate {
        reason: "the text is empty: a template is a JSON or YAML object".into(),
    })
}

#[derive(Default)]
struct Reader {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    places: HashMap<String, Position>,
}

impl Reader {
    /// Takes one event; the root value once the first document is complete.
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<Option<Value>, ImportError> {
        let at = position(&span.start);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(&text, style, tag.as_deref(), &span.start)?;
                self.node(value, anchor, at)
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().ok_or_else(|| {
                    syntax(&span.start, "an alias to an anchor that is not defined")
                })?;
                self.node(value, 0, at)
            }
            Event::MappingStart(anchor, tag) => {
                let pointer = self.tagged_pointer(at, tag.as_deref());
                self.stack.push(Frame::Map {
                    map: Map::new(),
                    key: None,
                    tag: tag.map(|t| t.into_owned()),
                    anchor,
                    pointer,
                    at,
                });
                Ok(None)
            }
            Event::SequenceStart(anchor, tag) => {
                let pointer = self.tagged_pointer(at, tag.as_deref());
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    tag: tag.map(|t| t.into_owned()),
                    anchor,
                    pointer,
                    at,
                });
                Ok(None)
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (value, tag, anchor, _, at) = match self.stack.pop() {
                    Some(Frame::Map {
                        map,
                        tag,
                        anchor,
                        pointer,
                        at,
                        ..
                    }) => (Value::Object(map), tag, anchor, pointer, at),
                    Some(Frame::Seq {
                        items,
                        tag,
                        anchor,
                        pointer,
                        at,
                    }) => (Value::Array(items), tag, anchor, pointer, at),
                    None => return Err(syntax(&span.start, "unbalanced collection")),
                };
                let value = tagged(value, tag.as_ref()).map_err(|m| syntax_at(at, &m))?;
                self.attach(value, anchor, at)
            }
            _ => Ok(None),
        }
    }

    /// A scalar or alias read: a key, a value or an item.
    fn node(
        &mut self,
        value: Value,
        anchor: usize,
        at: Position,
    ) -> Result<Option<Value>, ImportError> {
        if let Some(Frame::Map {
            key: key @ None, ..
        }) = self.stack.last_mut()
        {
            let name = match value {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            *key = Some(name);
            self.places.insert(self.pointer_of_key(), at);
            return Ok(None);
        }
        self.attach(value, anchor, at)
    }

    /// The pointer of the member whose key was just read.
    fn pointer_of_key(&self) -> String {
        match self.stack.last() {
            Some(Frame::Map {
                pointer,
                key: Some(key),
                ..
            }) => jsonloc::pointer_push(pointer, key),
            _ => String::new(),
        }
    }

    /// The pointer of a new collection's members: under the long-form key when a short-form
    /// tag wraps it (`!Sub [...]` holds its items at `…/Fn::Sub/0`).
    fn tagged_pointer(&mut self, at: Position, tag: Option<&Tag>) -> String {
        let pointer = self.child_pointer(at);
        match tag
            .filter(|t| t.handle == "!")
            .and_then(|t| TAGS.iter().find(|(short, _)| *short == t.suffix))
        {
            Some((_, key)) => {
                let inner = jsonloc::pointer_push(&pointer, key);
                self.places.insert(inner.clone(), at);
                inner
            }
            None => pointer,
        }
    }

    /// The pointer a new collection (or value) gets, recording where an item starts.
    fn child_pointer(&mut self, at: Position) -> String {
        match self.stack.last() {
            Some(Frame::Map { .. }) => self.pointer_of_key(),
            Some(Frame::Seq { items, pointer, .. }) => {
                let child = jsonloc::pointer_push(pointer, &items.len().to_string());
                self.places.insert(child.clone(), at);
                child
            }
            None => {
                self.places.insert(String::new(), at);
                String::new()
            }
        }
    }

    /// Puts a finished value in its parent; the root when there is none.
    fn attach(
        &mut self,
        value: Value,
        anchor: usize,
        at: Position,
    ) -> Result<Option<Value>, ImportError> {
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            Some(Frame::Map { map, key, .. }) => {
                if let Some(name) = key.take() {
                    if map.contains_key(&name) {
                        return Err(syntax_at(at, &format!("the key '{name}' appears twice")));
                    }
                    map.insert(name, value);
                }
                Ok(None)
            }
            Some(Frame::Seq { items, pointer, .. }) => {
                let child = jsonloc::pointer_push(pointer, &items.len().to_string());
                self.places.entry(child).or_insert(at);
                items.push(value);
                Ok(None)
            }
            None => Ok(Some(value)),
        }
    }
}

/// A scalar's value: quoted text is a string; plain text may be null, a boolean or a number
/// (YAML 1.2 core schema), or a string. A short-form tag wraps it.
fn scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    at: &Marker,
) -> Result<Value, ImportError> {
    let value = match (style, tag) {
        (_, Some(t)) if t.handle == "!!" => core_tagged(text, &t.suffix),
        (ScalarStyle::Plain, None) => plain(text),
        _ => Value::String(text.to_string()),
    };
    match tag {
        Some(t) if t.handle == "!" => short_form(&t.suffix, value).map_err(|m| syntax(at, &m)),
        _ => Ok(value),
    }
}

/// A plain scalar as the YAML core schema reads it.
fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => number(text).unwrap_or_else(|| Value::String(text.to_string())),
    }
}

/// A YAML core-schema number, if `text` is one.
fn number(text: &str) -> Option<Value> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if let Ok(n) = text.parse::<i64>() {
        return Some(Value::Number(n.into()));
    }
    if digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
    {
        return text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    None
}

/// A scalar with a core tag (`!!str`, `!!int` …).
fn core_tagged(text: &str, suffix: &str) -> Value {
    match suffix {
        "str" => Value::String(text.to_string()),
        _ => plain(text),
    }
}

/// A collection's value with its tag applied.
fn tagged(value: Value, tag: Option<&Tag>) -> Result<Value, String> {
    match tag {
        Some(t) if t.handle == "!" => short_form(&t.suffix, value),
        _ => Ok(value),
    }
}

/// The long form of a short-form tag's node; `!GetAtt A.B` splits at the first dot.
fn short_form(suffix: &str, value: Value) -> Result<Value, String> {
    let Some((_, key)) = TAGS.iter().find(|(short, _)| *short == suffix) else {
        return Err(format!("unknown tag !{suffix}: CloudFormation reads !Ref, !GetAtt, !Sub, !Join, !Select, !Split, !If, !Equals, !FindInMap, !ImportValue, !Base64, !And, !Or, !Not, !Condition, !GetAZs and !Cidr"));
    };
    let value = match (suffix, value) {
        ("GetAtt", Value::String(s)) => match s.split_once('.') {
            Some((resource, attribute)) => Value::Array(vec![resource.into(), attribute.into()]),
            None => return Err(format!("!GetAtt {s}: write it as LOGICAL_ID.ATTRIBUTE")),
        },
        (_, value) => value,
    };
    let mut map = Map::new();
    map.insert((*key).to_string(), value);
    Ok(Value::Object(map))
}

/// A marker as a 1-based line and column.
fn position(marker: &Marker) -> Position {
    Position {
        line: marker.line(),
        column: marker.col() + 1,
    }
}

fn syntax(marker: &Marker, message: &str) -> ImportError {
    syntax_at(position(marker), message)
}

fn syntax_at(at: Position, message: &str) -> ImportError {
    ImportError::Syntax {
        position: at,
        message: message.to_string(),
    }
}
