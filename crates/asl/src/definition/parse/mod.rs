//! Turns a definition's JSON into the compiled [`Definition`], collecting every problem
//! CreateStateMachine would reject (it keeps going after the first).

mod choice;
mod distributed;
mod jsonata;
mod map;
mod parallel;
mod read;
mod retry_catch;
mod state;
mod task;
mod wait;

use super::fields::{JSONATA_ONLY, JSONPATH_ONLY};
use super::reachability::check_reachability;
use super::{Definition, Machine, State};
use crate::diagnostic::{Code, Diagnostic};
use crate::query::InnerOffset;
use jsonloc::{closest, pointer_push};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The largest number of seconds (and count) the States Language allows: 99999999.
const MAX_SECONDS: f64 = 99_999_999.0;

/// Parses and validates a definition; returns every problem found when it is invalid. A
/// problem inside a JSONata expression carries its place inside the string (`inner`), so
/// locating it in the definition text points at it. A definition whose compact JSON text
/// is over [`crate::MAX_DEFINITION_BYTES`] is refused, with only that problem, as
/// CreateStateMachine refuses it before reading it.
pub fn parse_definition(value: &Value) -> Result<Definition, Vec<Diagnostic>> {
    if !crate::limits::fits(value, crate::MAX_DEFINITION_BYTES) {
        crate::limits::definition_size(crate::payload_size(value))?;
    }
    let mut p = Parser {
        diags: Vec::new(),
        offsets: Vec::new(),
        jsonata: false,
        top_jsonata: false,
    };
    let result = p.definition(value);
    match result {
        Some(d) if p.diags.is_empty() => Ok(d),
        _ => {
            if p.diags.is_empty() {
                p.diags.push(Diagnostic::new(
                    Code::InvalidValue,
                    "",
                    "invalid definition",
                ));
            }
            for InnerOffset { diagnostic, offset } in p.offsets {
                if let Some(d) = p.diags.get_mut(diagnostic) {
                    d.inner = u16::try_from(offset).ok();
                }
            }
            Err(p.diags)
        }
    }
}

/// Which kind of machine is being read: each allows its own top-level fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Top,
    Branch,
    Processor,
}

/// Reads a definition, collecting every problem instead of stopping at the first.
struct Parser {
    diags: Vec<Diagnostic>,
    /// Where inside an expression string each such problem is.
    offsets: Vec<InnerOffset>,
    /// Whether the state or machine being read uses JSONata.
    jsonata: bool,
    /// Whether the whole state machine uses JSONata (`QueryLanguage` at the top level).
    top_jsonata: bool,
}

impl Parser {
    fn err(&mut self, code: Code, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(code, pointer, message));
    }

    fn definition(&mut self, value: &Value) -> Option<Definition> {
        let obj = self.object(value, "", "a state machine definition")?;
        if let Some(v) = obj.get("Version") {
            if v.as_str() != Some("1.0") {
                self.err(Code::InvalidValue, "/Version", "'Version' must be \"1.0\"");
            }
        }
        let timeout_seconds = match obj.get("TimeoutSeconds") {
            None => None,
            Some(v) => match v.as_u64().filter(|n| *n >= 1 && *n as f64 <= MAX_SECONDS) {
                Some(n) => Some(n),
                None => {
                    self.err(
                        Code::InvalidValue,
                        "/TimeoutSeconds",
                        "'TimeoutSeconds' must be a positive integer no larger than 99999999",
                    );
                    None
                }
            },
        };
        self.top_jsonata = obj.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata");
        let machine = self.machine(obj, "", Scope::Top)?;
        Some(Definition {
            machine,
            timeout_seconds,
        })
    }

    fn machine(
        &mut self,
        obj: &Map<String, Value>,
        pointer: &str,
        scope: Scope,
    ) -> Option<Machine> {
        let known: &[&str] = match scope {
            Scope::Top => &[
                "StartAt",
                "States",
                "Comment",
                "Version",
                "TimeoutSeconds",
                "QueryLanguage",
            ],
            Scope::Branch => &["StartAt", "States", "Comment", "QueryLanguage"],
            Scope::Processor => &[
                "StartAt",
                "States",
                "Comment",
                "ProcessorConfig",
                "QueryLanguage",
            ],
        };
        self.unknown_fields(obj, pointer, known, "here");
        let saved = self.jsonata;
        self.jsonata = self.language(obj, pointer);
        let machine = self.machine_states(obj, pointer);
        self.jsonata = saved;
        machine
    }

    fn machine_states(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<Machine> {
        let states_at = pointer_push(pointer, "States");
        let Some(states_value) = obj.get("States") else {
            self.err(
                Code::MissingField,
                pointer,
                "missing required field 'States'",
            );
            return None;
        };
        let states = self.object(states_value, &states_at, "'States'")?;
        if states.is_empty() {
            self.err(
                Code::InvalidValue,
                &states_at,
                "'States' must hold at least one state",
            );
            return None;
        }
        let index: HashMap<&str, usize> = states
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        for name in states.keys() {
            if name.is_empty() || name.chars().count() > 80 {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(&states_at, name),
                    "a state name must be 1 to 80 characters long",
                );
            }
        }
        let start_at = self
            .required_str(
                obj,
                "StartAt",
                pointer,
                "missing required field 'StartAt'",
                "a string",
            )
            .and_then(|s| match index.get(s) {
                Some(i) => Some(*i),
                None => {
                    let hint = hint(s, states.keys().map(String::as_str));
                    self.err(
                        Code::MissingTransitionTarget,
                        &pointer_push(pointer, "StartAt"),
                        format!("'StartAt' names state '{s}', which does not exist{hint}"),
                    );
                    None
                }
            });
        let mut compiled = Vec::with_capacity(states.len());
        for (name, value) in states {
            let at = pointer_push(&states_at, name);
            compiled.push(self.state(name, value, &at, &index));
        }
        let start_at = start_at?;
        let compiled: Vec<State> = compiled.into_iter().collect::<Option<_>>()?;
        let machine = Machine {
            start_at,
            states: compiled,
        };
        self.diags.extend(check_reachability(&machine, &states_at));
        Some(machine)
    }

    fn unknown_fields(
        &mut self,
        obj: &Map<String, Value>,
        pointer: &str,
        known: &[&str],
        place: &str,
    ) {
        for key in obj.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let message = if !self.jsonata && JSONATA_ONLY.contains(&key.as_str()) {
                format!("'{key}' is a JSONata field; it is not allowed {place} with the JSONPath query language")
            } else if self.jsonata && JSONPATH_ONLY.contains(&key.as_str()) {
                format!("'{key}' is a JSONPath field; it is not allowed {place} with the JSONata query language")
            } else {
                format!(
                    "field '{key}' is not allowed {place}{}",
                    hint(key, known.iter().copied())
                )
            };
            self.err(Code::UnknownField, &pointer_push(pointer, key), message);
        }
    }

    fn target(
        &mut self,
        value: &Value,
        pointer: &str,
        field: &str,
        index: &HashMap<&str, usize>,
    ) -> Option<usize> {
        let Some(name) = value.as_str() else {
            self.err(
                Code::WrongType,
                pointer,
                format!("'{field}' must be a string naming a state"),
            );
            return None;
        };
        match index.get(name) {
            Some(i) => Some(*i),
            None => {
                let h = hint(name, index.keys().copied());
                self.err(
                    Code::MissingTransitionTarget,
                    pointer,
                    format!(
                        "'{field}' names state '{name}', which does not exist in this scope{h}"
                    ),
                );
                None
            }
        }
    }
}

fn hint<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, candidates).map_or_else(String::new, |c| format!(" (did you mean '{c}'?)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{compile_dynamic, Field};
    use serde_json::json;

    fn codes(def: Value) -> Vec<(Code, String)> {
        match parse_definition(&def) {
            Ok(_) => Vec::new(),
            Err(d) => d.into_iter().map(|d| (d.code, d.pointer)).collect(),
        }
    }

    #[test]
    fn dynamic_fields_compile_to_paths() {
        let mut diags = Vec::new();
        let f = compile_dynamic("a.$", &json!("$.x"), "/p", &mut diags).unwrap();
        assert!(matches!(f, Field::Path(_)));
        assert!(diags.is_empty());
    }

    #[test]
    fn reports_every_problem_with_its_pointer() {
        let found = codes(json!({
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Next": "Nope", "ResultSelector": {}},
                "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "A", "End": true},
                "C": {"Type": "Banana", "End": true}
            }
        }));
        assert!(
            found.contains(&(Code::MissingTransitionTarget, "/States/A/Next".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Code::UnknownField, "/States/A/ResultSelector".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Code::InvalidTransition, "/States/B".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Code::InvalidStateType, "/States/C/Type".into())),
            "{found:?}"
        );
    }
}
