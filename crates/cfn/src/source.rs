//! A template's text read into a value, with where each node sits in the text.

use crate::error::ImportError;
use jsonloc::Position;
use serde_json::Value;
use std::collections::HashMap;

/// Where each node of a YAML template starts, by JSON pointer.
pub(crate) type Places = HashMap<String, Position>;

/// A template as read: its value and how to place a pointer back in its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The template, short-form tags in their long form.
    pub value: Value,
    /// How the text was written.
    format: Format,
}

#[derive(Debug, Clone)]
enum Format {
    Json(String),
    Yaml(Places),
}

impl Source {
    /// Reads JSON (text starting with `{`) or YAML; a syntax error names line and column.
    pub fn read(text: &str) -> Result<Source, ImportError> {
        let source = if text.trim_start().starts_with('{') {
            let value = jsonloc::parse(text).map_err(|e| ImportError::Syntax {
                position: e.position,
                message: e.message,
            })?;
            Source {
                value,
                format: Format::Json(text.to_string()),
            }
        } else {
            let (value, places) = crate::yaml::read(text)?;
            Source {
                value,
                format: Format::Yaml(places),
            }
        };
        if !source.value.is_object() {
            return Err(ImportError::NotATemplate {
                reason: "the template is not an object of sections (Resources, Parameters …)"
                    .into(),
            });
        }
        Ok(source)
    }

    /// Where the node at `pointer` sits (a member's key); the nearest enclosing node's place
    /// when that node has none of its own.
    pub fn locate(&self, pointer: &str) -> Position {
        let start = Position { line: 1, column: 1 };
        match &self.format {
            Format::Json(text) => jsonloc::locate(text, pointer).unwrap_or(start),
            Format::Yaml(places) => {
                let mut at = pointer;
                loop {
                    if let Some(p) = places.get(at) {
                        return *p;
                    }
                    match at.rfind('/') {
                        Some(i) => at = &at[..i],
                        None => return start,
                    }
                }
            }
        }
    }
}
