//! The JSONata query language in a definition: which language each state uses (the top
//! level's `QueryLanguage`, a state's own), and its JSONata fields (`Arguments`, `Output`,
//! `Assign`, and the `{% … %}` forms of `Condition`, `Items`, `Seconds`, `Error` …), each
//! compiled once.

use super::Parser;
use crate::definition::{JsonataFields, Number, Text};
use crate::diagnostic::Code;
use crate::query::{expression_text, Query};
use jsonloc::pointer_push;
use serde_json::{Map, Value};

impl Parser {
    /// The language a state or machine uses: its own `QueryLanguage`, else the one it
    /// inherits. A JSONPath state inside a JSONata state machine is refused, as
    /// CreateStateMachine refuses it.
    pub(super) fn language(&mut self, obj: &Map<String, Value>, pointer: &str) -> bool {
        let Some(v) = obj.get("QueryLanguage") else {
            return self.jsonata;
        };
        let at = pointer_push(pointer, "QueryLanguage");
        match v.as_str() {
            Some("JSONPath") => {
                if self.top_jsonata {
                    self.err(
                        Code::InvalidValue,
                        &at,
                        "a state cannot use JSONPath when the state machine's 'QueryLanguage' is JSONata",
                    );
                }
                false
            }
            Some("JSONata") => true,
            _ => {
                self.err(
                    Code::InvalidValue,
                    &at,
                    "'QueryLanguage' must be \"JSONPath\" or \"JSONata\"",
                );
                self.jsonata
            }
        }
    }

    /// A JSONata field's value compiled (any JSON; strings `{% … %}` are expressions).
    pub(super) fn query(&mut self, value: &Value, field: &str, at: &str) -> Query {
        Query::compile(value, field, at, &mut self.diags, &mut self.offsets)
    }

    /// `key` of `obj` compiled as a JSONata value, when present.
    pub(super) fn query_field(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Query> {
        let value = obj.get(key)?;
        Some(self.query(value, key, &pointer_push(pointer, key)))
    }

    /// `Arguments`, `Output` and `Assign` (an object) of a JSONata state, rule or catcher.
    pub(super) fn jsonata_fields(
        &mut self,
        obj: &Map<String, Value>,
        pointer: &str,
    ) -> Box<JsonataFields> {
        if let Some(assign) = obj.get("Assign") {
            if !assign.is_object() {
                self.err(
                    Code::WrongType,
                    &pointer_push(pointer, "Assign"),
                    "'Assign' must be a JSON object",
                );
            }
        }
        Box::new(JsonataFields {
            arguments: self.query_field(obj, "Arguments", pointer),
            output: self.query_field(obj, "Output", pointer),
            assign: self
                .query_field(obj, "Assign", pointer)
                .filter(|_| obj.get("Assign").is_some_and(Value::is_object)),
        })
    }

    /// A field that holds either a literal of its own type or one `{% … %}` expression:
    /// `Some(query)` for the expression, `None` when it is something else.
    pub(super) fn expression_field(
        &mut self,
        value: &Value,
        field: &str,
        at: &str,
    ) -> Option<Query> {
        let text = value.as_str()?;
        expression_text(text)?;
        Some(self.query(value, field, at))
    }

    /// A JSONata state's number field (`TimeoutSeconds`, `MaxConcurrency` …): a number in
    /// range or an expression.
    pub(super) fn jsonata_number(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
        bounds: (bool, f64, f64),
    ) -> Option<Number> {
        let value = obj.get(key)?;
        let at = pointer_push(pointer, key);
        if let Some(q) = self.expression_field(value, key, &at) {
            return Some(Number::Query(q));
        }
        self.fixed_number(
            value,
            &at,
            key,
            bounds,
            ", or a JSONata expression \"{% … %}\"",
        )
    }

    /// A JSONata Fail state's `Error` or `Cause`: a string or an expression.
    pub(super) fn jsonata_text(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Text {
        let Some(value) = obj.get(key) else {
            return Text::None;
        };
        let at = pointer_push(pointer, key);
        if let Some(q) = self.expression_field(value, key, &at) {
            return Text::Query(q);
        }
        match value {
            Value::String(s) => {
                self.query(value, key, &at);
                Text::Literal(s.clone())
            }
            _ => {
                self.err(Code::WrongType, &at, format!("'{key}' must be a string"));
                Text::None
            }
        }
    }
}
