//! Which state runs: a lone state (wrapped in a machine of its own, its transitions
//! pointing at placeholder states) or the state named out of a whole machine, nested
//! ones included.

use crate::definition::{parse_definition, Definition, Kind, Machine};
use crate::diagnostic::{Code, Diagnostic};
use serde_json::{json, Map, Value};

/// The name a lone state runs under (`$$.State.Name`), unless one of its transitions
/// already uses it.
const LONE_NAME: &str = "TestState";

/// A definition parsed, and the name of the state to test in it.
pub struct Picked {
    /// The machine that holds the state.
    pub definition: Definition,
    /// The state's name.
    pub name: String,
}

/// Reads a lone state's definition, named `preferred` (the context object's
/// `State.Name`) when given; problems point into the state's own text.
pub fn lone(value: &Value, text: &str, preferred: Option<&str>) -> Result<Picked, Vec<Diagnostic>> {
    let Value::Object(state) = value else {
        return Err(vec![located(
            Diagnostic::new(
                Code::WrongType,
                "",
                "A state definition must be a JSON object",
            ),
            text,
        )]);
    };
    if state.contains_key("States") || state.contains_key("StartAt") {
        return Err(vec![located(
            Diagnostic::new(
                Code::ValidationException,
                "",
                "The definition is a whole state machine: name the state to test with stateName",
            ),
            text,
        )]);
    }
    let targets = transition_targets(state);
    let base = preferred.unwrap_or(LONE_NAME);
    let mut name = base.to_string();
    let mut n = 1;
    while targets.contains(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    let mut states = Map::new();
    states.insert(name.clone(), value.clone());
    for target in targets {
        states
            .entry(target)
            .or_insert_with(|| json!({"Type": "Succeed"}));
    }
    let machine = json!({"StartAt": name, "States": states});
    let prefix = format!("/States/{}", escape(&name));
    match parse_definition(&machine) {
        Ok(definition) => Ok(Picked { definition, name }),
        Err(mut diags) => {
            for d in &mut diags {
                if let Some(rest) = d.pointer.strip_prefix(&prefix) {
                    d.pointer = rest.to_string();
                }
            }
            jsonloc::locate_all(text, &mut diags);
            Err(diags)
        }
    }
}

/// Reads a whole machine and finds the state named `name` in it.
pub fn named(value: &Value, text: &str, name: &str) -> Result<Picked, Vec<Diagnostic>> {
    let definition = parse_definition(value).map_err(|mut diags| {
        jsonloc::locate_all(text, &mut diags);
        diags
    })?;
    Ok(Picked {
        definition,
        name: name.to_string(),
    })
}

/// The machine holding the state `name` and its index there, looking inside Parallel
/// branches and Map processors too.
pub fn find<'m>(machine: &'m Machine, name: &str) -> Option<(&'m Machine, usize)> {
    if let Some(i) = machine.states.iter().position(|s| &*s.name == name) {
        return Some((machine, i));
    }
    machine.states.iter().find_map(|s| match &s.kind {
        Kind::Parallel { branches } => branches.iter().find_map(|b| find(b, name)),
        Kind::Map(spec) => find(&spec.processor, name),
        _ => None,
    })
}

/// Every state name a lone state's `Next`, `Default`, Choice rules and catchers name.
fn transition_targets(state: &Map<String, Value>) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |v: Option<&Value>| {
        if let Some(Value::String(s)) = v {
            if !names.contains(s) {
                names.push(s.clone());
            }
        }
    };
    add(state.get("Next"));
    add(state.get("Default"));
    for list in ["Choices", "Catch"] {
        if let Some(Value::Array(items)) = state.get(list) {
            for item in items {
                add(item.get("Next"));
            }
        }
    }
    names
}

fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn located(mut d: Diagnostic, text: &str) -> Diagnostic {
    jsonloc::locate_all(text, std::slice::from_mut(&mut d));
    d
}
