//! Reads an Amazon States Language definition into a tolerant graph model:
//! states, their types, their outgoing edges and their sub-machines.
//!
//! Anything missing or mistyped is skipped, so a half-typed definition still
//! gives the states that can be read.

use serde_json::Value;

/// How deep Parallel/Map nesting is followed; deeper sub-machines are drawn as plain boxes.
const MAX_DEPTH: usize = 24;

/// Why an edge exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// `Next`, or into the virtual End / out of the virtual Start.
    Normal,
    /// A Choice rule's `Next`, labelled with the rule (its `Comment`, or a summary of its condition).
    Choice {
        /// Short description of the rule.
        label: String,
    },
    /// A Choice state's `Default`.
    Default,
    /// A `Catch[].Next`, labelled with the caught error names.
    Catch {
        /// The `ErrorEquals` names, comma-separated.
        label: String,
    },
}

/// A state machine (the top level, a Parallel branch or a Map's item processor).
#[derive(Debug, Default)]
pub(crate) struct Machine {
    /// `StartAt`, if it is a string.
    pub start: Option<String>,
    /// The states, in the order of the `States` object.
    pub states: Vec<StateDef>,
}

/// One state, as far as the graph is concerned.
#[derive(Debug)]
pub(crate) struct StateDef {
    /// The state's name (its key in `States`).
    pub name: String,
    /// `Type`, or "" when missing.
    pub ty: String,
    /// A Task that starts another state machine's execution.
    pub nested: bool,
    /// Outgoing edges to other states of the same machine, in definition order.
    pub out: Vec<(String, EdgeKind)>,
    /// Ends the machine (`End: true`, Succeed or Fail).
    pub ends: bool,
    /// Parallel branches, or the Map's item processor; empty for other states.
    pub branches: Vec<Machine>,
}

/// Reads a definition; never fails.
pub(crate) fn read_machine(v: &Value) -> Machine {
    read_at(v, 0)
}

fn read_at(v: &Value, depth: usize) -> Machine {
    let start = v.get("StartAt").and_then(Value::as_str).map(str::to_owned);
    let states = v
        .get("States")
        .and_then(Value::as_object)
        .map(|states| {
            states
                .iter()
                .map(|(name, s)| read_state(name, s, depth))
                .collect()
        })
        .unwrap_or_default();
    Machine { start, states }
}

fn read_state(name: &str, s: &Value, depth: usize) -> StateDef {
    let str_of = |key: &str| s.get(key).and_then(Value::as_str);
    let ty = str_of("Type").unwrap_or_default().to_owned();
    let nested = ty == "Task" && str_of("Resource").is_some_and(is_nested_resource);
    let mut out = Vec::new();
    if let Some(rules) = s.get("Choices").and_then(Value::as_array) {
        for rule in rules {
            if let Some(next) = rule.get("Next").and_then(Value::as_str) {
                out.push((
                    next.to_owned(),
                    EdgeKind::Choice {
                        label: rule_label(rule),
                    },
                ));
            }
        }
    }
    if let Some(next) = str_of("Default") {
        out.push((next.to_owned(), EdgeKind::Default));
    }
    if let Some(next) = str_of("Next") {
        out.push((next.to_owned(), EdgeKind::Normal));
    }
    if let Some(catchers) = s.get("Catch").and_then(Value::as_array) {
        for catcher in catchers {
            if let Some(next) = catcher.get("Next").and_then(Value::as_str) {
                out.push((
                    next.to_owned(),
                    EdgeKind::Catch {
                        label: catch_label(catcher),
                    },
                ));
            }
        }
    }
    let ends =
        s.get("End").and_then(Value::as_bool) == Some(true) || ty == "Succeed" || ty == "Fail";
    let branches = if depth >= MAX_DEPTH {
        Vec::new()
    } else if ty == "Parallel" {
        s.get("Branches")
            .and_then(Value::as_array)
            .map(|bs| {
                bs.iter()
                    .filter(|b| b.is_object())
                    .map(|b| read_at(b, depth + 1))
                    .collect()
            })
            .unwrap_or_default()
    } else if ty == "Map" {
        s.get("ItemProcessor")
            .or_else(|| s.get("Iterator"))
            .filter(|p| p.is_object())
            .map(|p| vec![read_at(p, depth + 1)])
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    StateDef {
        name: name.to_owned(),
        ty,
        nested,
        out,
        ends,
        branches,
    }
}

/// True for a Task resource that starts another state machine's execution.
pub fn is_nested_resource(resource: &str) -> bool {
    [
        "arn:aws:states:::states:startExecution",
        "arn:aws:states:::aws-sdk:sfn:startSyncExecution",
        "arn:aws:states:::aws-sdk:sfn:startExecution",
    ]
    .iter()
    .any(|p| resource.starts_with(p))
}

fn catch_label(catcher: &Value) -> String {
    let names: Vec<&str> = catcher
        .get("ErrorEquals")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if names.is_empty() {
        "catch".to_owned()
    } else {
        names.join(", ")
    }
}

/// A Choice rule's label: its `Comment`, its JSONata `Condition`, or a summary of its comparison.
fn rule_label(rule: &Value) -> String {
    if let Some(c) = rule.get("Comment").and_then(Value::as_str) {
        return c.to_owned();
    }
    if let Some(c) = rule.get("Condition").and_then(Value::as_str) {
        let c = c.trim();
        let inner = c
            .strip_prefix("{%")
            .and_then(|c| c.strip_suffix("%}"))
            .unwrap_or(c);
        return inner.trim().to_owned();
    }
    summary(rule, 0)
}

fn summary(rule: &Value, depth: usize) -> String {
    let Some(obj) = rule.as_object() else {
        return "?".to_owned();
    };
    if depth > 3 {
        return "…".to_owned();
    }
    for op in ["And", "Or"] {
        if let Some(parts) = obj.get(op).and_then(Value::as_array) {
            let sep = if op == "And" { " and " } else { " or " };
            let parts: Vec<String> = parts.iter().map(|p| summary(p, depth + 1)).collect();
            return format!("({})", parts.join(sep));
        }
    }
    if let Some(inner) = obj.get("Not") {
        return format!("not {}", summary(inner, depth + 1));
    }
    let var = obj.get("Variable").and_then(Value::as_str).unwrap_or("?");
    let skip = ["Variable", "Next", "Comment", "Assign", "Output"];
    let Some((op, value)) = obj.iter().find(|(k, _)| !skip.contains(&k.as_str())) else {
        return var.to_owned();
    };
    let base = op.strip_suffix("Path").unwrap_or(op);
    let value = match value {
        Value::String(s) if base != op => s.clone(),
        v => v.to_string(),
    };
    let sym = [
        ("LessThanEquals", "<="),
        ("GreaterThanEquals", ">="),
        ("LessThan", "<"),
        ("GreaterThan", ">"),
        ("Equals", "=="),
        ("Matches", "~"),
    ]
    .iter()
    .find(|(suffix, _)| base.ends_with(suffix))
    .map(|(_, sym)| *sym);
    match sym {
        Some(sym) => format!("{var} {sym} {value}"),
        None if base.starts_with("Is") => format!("{var} {base} {value}"),
        None => format!("{var} {op} {value}"),
    }
}
