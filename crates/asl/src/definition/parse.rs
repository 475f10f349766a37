//! Turns a definition's JSON into the compiled [`Definition`], collecting every problem
//! CreateStateMachine would reject (it keeps going after the first).

use super::fields::{allowed, JSONATA_ONLY};
use super::reachability::check_reachability;
use super::*;
use crate::choice::parse_condition;
use crate::diagnostic::{Code, Diagnostic};
use crate::failure::names;
use crate::template::compile_intrinsic;
use jsonloc::{closest, pointer_push};
use serde_json::{Map, Value};
use std::collections::HashMap;
use timestamp::parse_millis;

const MAX_SECONDS: f64 = 99_999_999.0;

/// Parses and validates a definition; returns every problem found when it is invalid.
pub fn parse_definition(value: &Value) -> Result<Definition, Vec<Diagnostic>> {
    let mut p = Parser { diags: Vec::new() };
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
            Err(p.diags)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Top,
    Branch,
    Processor,
}

struct Parser {
    diags: Vec<Diagnostic>,
}

impl Parser {
    fn err(&mut self, code: Code, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(code, pointer, message));
    }

    fn object<'v>(
        &mut self,
        value: &'v Value,
        pointer: &str,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        let obj = value.as_object();
        if obj.is_none() {
            self.err(
                Code::WrongType,
                pointer,
                format!("{what} must be a JSON object"),
            );
        }
        obj
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
        let machine = self.machine(obj, "", Scope::Top)?;
        Some(Definition {
            machine,
            timeout_seconds,
        })
    }

    fn query_language(&mut self, obj: &Map<String, Value>, pointer: &str) {
        if let Some(v) = obj.get("QueryLanguage") {
            let at = pointer_push(pointer, "QueryLanguage");
            match v.as_str() {
                Some("JSONPath") => {}
                Some("JSONata") => self.err(
                    Code::Unsupported,
                    &at,
                    "the JSONata query language is valid in AWS but this playground simulates JSONPath only",
                ),
                _ => self.err(
                    Code::InvalidValue,
                    &at,
                    "'QueryLanguage' must be \"JSONPath\" or \"JSONata\"",
                ),
            }
        }
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
        self.query_language(obj, pointer);
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
            let message = if JSONATA_ONLY.contains(&key.as_str()) {
                format!("'{key}' is a JSONata field; it is not allowed {place} with the JSONPath query language")
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

    fn state(
        &mut self,
        name: &str,
        value: &Value,
        pointer: &str,
        index: &HashMap<&str, usize>,
    ) -> Option<State> {
        let obj = self.object(value, pointer, "a state")?;
        let type_name = self.required_str(
            obj,
            "Type",
            pointer,
            &format!("state '{name}' has no 'Type'"),
            "a string",
        )?;
        let Some(fields) = allowed(type_name) else {
            let h = hint(
                type_name,
                [
                    "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
                ],
            );
            self.err(
                Code::InvalidStateType,
                &pointer_push(pointer, "Type"),
                format!("'{type_name}' is not a state type{h}"),
            );
            return None;
        };
        let mut known: Vec<&str> = vec!["Type", "Comment", "QueryLanguage"];
        known.extend_from_slice(fields);
        self.unknown_fields(obj, pointer, &known, &format!("in a {type_name} state"));
        self.query_language(obj, pointer);

        let at = |k: &str| pointer_push(pointer, k);
        let transition = if matches!(type_name, "Choice" | "Succeed" | "Fail") {
            Transition::Terminal
        } else {
            match (obj.get("Next"), obj.get("End")) {
                (Some(n), None) => Transition::Next(self.target(n, &at("Next"), "Next", index)?),
                (None, Some(Value::Bool(true))) => Transition::End,
                (Some(_), Some(_)) => {
                    self.err(
                        Code::InvalidTransition,
                        pointer,
                        format!(
                            "state '{name}' has both 'Next' and 'End'; it must have exactly one"
                        ),
                    );
                    return None;
                }
                (None, Some(Value::Bool(false))) | (None, None) => {
                    self.err(
                        Code::InvalidTransition,
                        pointer,
                        format!("state '{name}' has neither 'Next' nor 'End: true'"),
                    );
                    return None;
                }
                (None, Some(_)) => {
                    self.err(Code::WrongType, &at("End"), "'End' must be a boolean");
                    return None;
                }
            }
        };
        let input_path = self.data_path(obj, "InputPath", pointer);
        let output_path = self.data_path(obj, "OutputPath", pointer);
        let parameters = self.template(obj, "Parameters", pointer, false);
        let result_selector = self.template(obj, "ResultSelector", pointer, true);
        let result_path = self.result_path(obj.get("ResultPath"), &at("ResultPath"));
        let assign = self.template(obj, "Assign", pointer, true);
        let retry = self.retriers(obj, pointer);
        let catch = self.catchers(obj, pointer, index);

        let kind = match type_name {
            "Pass" => Kind::Pass {
                result: obj.get("Result").cloned(),
            },
            "Task" => Kind::Task(Box::new(self.task(obj, pointer)?)),
            "Choice" => self.choice(obj, pointer, index)?,
            "Wait" => Kind::Wait(self.wait(obj, pointer)?),
            "Succeed" => Kind::Succeed,
            "Fail" => Kind::Fail {
                error: self.text(obj, "Error", pointer),
                cause: self.text(obj, "Cause", pointer),
            },
            "Parallel" => self.parallel(obj, pointer)?,
            _ => Kind::Map(Box::new(self.map(obj, pointer)?)),
        };
        Some(State {
            name: name.into(),
            kind,
            transition,
            input_path,
            output_path,
            parameters,
            result_selector,
            result_path,
            assign,
            retry,
            catch,
        })
    }

    fn data_path(&mut self, obj: &Map<String, Value>, key: &str, pointer: &str) -> DataPath {
        match obj.get(key) {
            None => DataPath::Whole,
            Some(Value::Null) => DataPath::Null,
            Some(Value::String(text)) => match Path::parse(text) {
                Ok(p) if p.is_root_only() && *p.root() == crate::path::Root::Input => {
                    DataPath::Whole
                }
                Ok(p) => DataPath::Path(p),
                Err(e) => {
                    self.err(
                        Code::InvalidJsonPath,
                        &pointer_push(pointer, key),
                        format!("'{key}' is not a valid path ('{text}'): {e}"),
                    );
                    DataPath::Whole
                }
            },
            Some(_) => {
                self.err(
                    Code::WrongType,
                    &pointer_push(pointer, key),
                    format!("'{key}' must be a string holding a path, or null"),
                );
                DataPath::Whole
            }
        }
    }

    fn result_path(&mut self, value: Option<&Value>, at: &str) -> ResultPath {
        match value {
            None => ResultPath::Replace,
            Some(Value::Null) => ResultPath::Discard,
            Some(Value::String(text)) => match Path::parse_reference(text) {
                Ok(p) if p.is_root_only() => ResultPath::Replace,
                Ok(p) => ResultPath::Path(p),
                Err(e) => {
                    self.err(
                        Code::InvalidReferencePath,
                        at,
                        format!("'ResultPath' is not a valid reference path ('{text}'): {e}"),
                    );
                    ResultPath::Replace
                }
            },
            Some(_) => {
                self.err(
                    Code::WrongType,
                    at,
                    "'ResultPath' must be a string holding a reference path, or null",
                );
                ResultPath::Replace
            }
        }
    }

    fn template(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
        must_be_object: bool,
    ) -> Option<Template> {
        let value = obj.get(key)?;
        let at = pointer_push(pointer, key);
        if must_be_object && !value.is_object() {
            self.err(
                Code::WrongType,
                &at,
                format!("'{key}' must be a JSON object"),
            );
            return None;
        }
        Some(Template::compile(value, &at, &mut self.diags))
    }

    fn number(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        pointer: &str,
        integer: bool,
        min: f64,
        max: f64,
    ) -> Option<Number> {
        let path_key = format!("{key}Path");
        match (obj.get(key), obj.get(&path_key)) {
            (Some(_), Some(_)) => {
                self.err(
                    Code::InvalidValue,
                    pointer,
                    format!("'{key}' and '{path_key}' are mutually exclusive"),
                );
                None
            }
            (Some(v), None) => {
                let n = v
                    .as_f64()
                    .filter(|n| (!integer || n.fract() == 0.0) && *n >= min && *n <= max);
                if n.is_none() {
                    let kind = if integer { "an integer" } else { "a number" };
                    self.err(
                        Code::InvalidValue,
                        &pointer_push(pointer, key),
                        format!("'{key}' must be {kind} from {min} to {max}"),
                    );
                }
                n.map(Number::Fixed)
            }
            (None, Some(v)) => self
                .path_field(v, &pointer_push(pointer, &path_key), &path_key)
                .map(Number::Path),
            (None, None) => None,
        }
    }

    fn path_field(&mut self, value: &Value, at: &str, key: &str) -> Option<Path> {
        match value.as_str().map(Path::parse) {
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                self.err(
                    Code::InvalidJsonPath,
                    at,
                    format!("'{key}' is not a valid path: {e}"),
                );
                None
            }
            None => {
                self.err(
                    Code::WrongType,
                    at,
                    format!("'{key}' must be a string holding a path"),
                );
                None
            }
        }
    }

    fn text(&mut self, obj: &Map<String, Value>, key: &str, pointer: &str) -> Text {
        let path_key = format!("{key}Path");
        match (obj.get(key), obj.get(&path_key)) {
            (Some(_), Some(_)) => {
                self.err(
                    Code::InvalidValue,
                    pointer,
                    format!("'{key}' and '{path_key}' are mutually exclusive"),
                );
                Text::None
            }
            (Some(Value::String(s)), None) => Text::Literal(s.clone()),
            (Some(_), None) => {
                self.err(
                    Code::WrongType,
                    &pointer_push(pointer, key),
                    format!("'{key}' must be a string"),
                );
                Text::None
            }
            (None, Some(v)) => {
                let at = pointer_push(pointer, &path_key);
                match v.as_str() {
                    Some(s) if s.starts_with("States.") => {
                        compile_intrinsic(s, &at, &mut self.diags)
                            .map_or(Text::None, |c| Text::Intrinsic(Box::new(c)))
                    }
                    _ => self
                        .path_field(v, &at, &path_key)
                        .map_or(Text::None, Text::Path),
                }
            }
            (None, None) => Text::None,
        }
    }

    fn task(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<TaskSpec> {
        let resource = self
            .required_str(
                obj,
                "Resource",
                pointer,
                "a Task state needs a 'Resource'",
                "a string (an ARN)",
            )?
            .to_string();
        if !resource.starts_with("arn:") || resource.split(':').count() < 6 {
            self.err(
                Code::InvalidValue,
                &pointer_push(pointer, "Resource"),
                format!("'{resource}' is not a valid resource ARN"),
            );
        }
        let timeout = self.number(obj, "TimeoutSeconds", pointer, true, 1.0, MAX_SECONDS);
        let heartbeat = self.number(obj, "HeartbeatSeconds", pointer, true, 1.0, MAX_SECONDS);
        if let (Some(Number::Fixed(t)), Some(Number::Fixed(h))) = (&timeout, &heartbeat) {
            if h >= t {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(pointer, "HeartbeatSeconds"),
                    "'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'",
                );
            }
        }
        let credentials = self.template(obj, "Credentials", pointer, true);
        if let Some(creds) = obj.get("Credentials").and_then(Value::as_object) {
            let at = pointer_push(pointer, "Credentials");
            if !(creds.contains_key("RoleArn") ^ creds.contains_key("RoleArn.$"))
                || creds.len() != 1
            {
                self.err(
                    Code::InvalidValue,
                    &at,
                    "'Credentials' must hold exactly one of 'RoleArn' or 'RoleArn.$'",
                );
            }
        }
        Some(TaskSpec {
            resource,
            timeout,
            heartbeat,
            credentials,
        })
    }

    fn choice(
        &mut self,
        obj: &Map<String, Value>,
        pointer: &str,
        index: &HashMap<&str, usize>,
    ) -> Option<Kind> {
        let at = pointer_push(pointer, "Choices");
        let rules = self.non_empty_array(
            obj,
            "Choices",
            pointer,
            Code::InvalidChoiceRule,
            "a Choice state needs 'Choices', a non-empty array of rules",
        )?;
        let mut choices = Vec::with_capacity(rules.len());
        for (i, rule) in rules.iter().enumerate() {
            let rule_at = format!("{at}/{i}");
            let Some(rule) = self.object(rule, &rule_at, "a Choice rule") else {
                continue;
            };
            let condition = parse_condition(rule, &rule_at, true, &mut self.diags);
            let next = match rule.get("Next") {
                Some(n) => self.target(n, &pointer_push(&rule_at, "Next"), "Next", index),
                None => {
                    self.err(
                        Code::InvalidChoiceRule,
                        &rule_at,
                        "a top-level Choice rule needs 'Next'",
                    );
                    None
                }
            };
            let assign = self.template(rule, "Assign", &rule_at, true);
            if let (Some(condition), Some(next)) = (condition, next) {
                choices.push(ChoiceBranch {
                    condition,
                    next,
                    assign,
                });
            }
        }
        let default = match obj.get("Default") {
            Some(d) => Some(self.target(d, &pointer_push(pointer, "Default"), "Default", index)?),
            None => None,
        };
        (choices.len() == rules.len()).then_some(Kind::Choice { choices, default })
    }

    fn wait(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<WaitSpec> {
        let present: Vec<&str> = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]
            .into_iter()
            .filter(|k| obj.contains_key(*k))
            .collect();
        if present.len() != 1 {
            self.err(
                Code::InvalidValue,
                pointer,
                "a Wait state needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'",
            );
            return None;
        }
        let key = present[0];
        let at = pointer_push(pointer, key);
        let value = &obj[key];
        match key {
            "Seconds" => match value.as_u64().filter(|n| *n as f64 <= MAX_SECONDS) {
                Some(n) => Some(WaitSpec::Seconds(n)),
                None => {
                    self.err(
                        Code::InvalidValue,
                        &at,
                        "'Seconds' must be an integer from 0 to 99999999",
                    );
                    None
                }
            },
            "Timestamp" => match value.as_str().and_then(parse_millis) {
                Some(t) => Some(WaitSpec::Timestamp(t)),
                None => {
                    self.err(
                        Code::InvalidValue,
                        &at,
                        "'Timestamp' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z",
                    );
                    None
                }
            },
            "SecondsPath" => self.path_field(value, &at, key).map(WaitSpec::SecondsPath),
            _ => self
                .path_field(value, &at, key)
                .map(WaitSpec::TimestampPath),
        }
    }

    fn parallel(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<Kind> {
        let at = pointer_push(pointer, "Branches");
        let branches = self.non_empty_array(
            obj,
            "Branches",
            pointer,
            Code::MissingField,
            "a Parallel state needs 'Branches', a non-empty array",
        )?;
        let mut out = Vec::with_capacity(branches.len());
        for (i, b) in branches.iter().enumerate() {
            let branch_at = format!("{at}/{i}");
            let compiled = self
                .object(b, &branch_at, "a branch")
                .and_then(|o| self.machine(o, &branch_at, Scope::Branch));
            out.push(compiled);
        }
        Some(Kind::Parallel {
            branches: out.into_iter().collect::<Option<_>>()?,
        })
    }

    fn map(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<MapSpec> {
        let key = match (obj.get("ItemProcessor"), obj.get("Iterator")) {
            (Some(_), None) => "ItemProcessor",
            (None, Some(_)) => "Iterator",
            (Some(_), Some(_)) => {
                self.err(
                    Code::InvalidValue,
                    pointer,
                    "'ItemProcessor' and 'Iterator' are mutually exclusive",
                );
                return None;
            }
            (None, None) => {
                self.err(
                    Code::MissingField,
                    pointer,
                    "a Map state needs an 'ItemProcessor'",
                );
                return None;
            }
        };
        let at = pointer_push(pointer, key);
        let processor_obj = self.object(&obj[key], &at, &format!("'{key}'"))?;
        let mut mode = MapMode::Inline;
        if let Some(config) = processor_obj.get("ProcessorConfig") {
            let config_at = pointer_push(&at, "ProcessorConfig");
            if let Some(config) = self.object(config, &config_at, "'ProcessorConfig'") {
                self.unknown_fields(
                    config,
                    &config_at,
                    &["Mode", "ExecutionType"],
                    "in 'ProcessorConfig'",
                );
                match config.get("Mode").map(Value::as_str) {
                    None | Some(Some("INLINE")) => {}
                    Some(Some("DISTRIBUTED")) => mode = MapMode::Distributed,
                    Some(_) => self.err(
                        Code::InvalidValue,
                        &pointer_push(&config_at, "Mode"),
                        "'Mode' must be \"INLINE\" or \"DISTRIBUTED\"",
                    ),
                }
                if let Some(t) = config.get("ExecutionType") {
                    if !matches!(t.as_str(), Some("STANDARD" | "EXPRESS")) {
                        self.err(
                            Code::InvalidValue,
                            &pointer_push(&config_at, "ExecutionType"),
                            "'ExecutionType' must be \"STANDARD\" or \"EXPRESS\"",
                        );
                    }
                }
            }
        }
        for reader in ["ItemReader", "ItemBatcher", "ResultWriter"] {
            if obj.contains_key(reader) {
                self.err(
                    Code::Unsupported,
                    &pointer_push(pointer, reader),
                    format!("'{reader}' (Distributed Map over S3 data) is not simulated by this playground"),
                );
            }
        }
        let item_selector = match (obj.get("ItemSelector"), obj.get("Parameters")) {
            (Some(_), Some(_)) => {
                self.err(
                    Code::InvalidValue,
                    pointer,
                    "'ItemSelector' and 'Parameters' are mutually exclusive",
                );
                None
            }
            (Some(_), None) => self.template(obj, "ItemSelector", pointer, true),
            (None, Some(_)) => self.template(obj, "Parameters", pointer, false),
            (None, None) => None,
        };
        let items_path = match obj.get("ItemsPath") {
            None => None,
            Some(v) => self.path_field(v, &pointer_push(pointer, "ItemsPath"), "ItemsPath"),
        };
        let max_concurrency = self.number(obj, "MaxConcurrency", pointer, true, 0.0, MAX_SECONDS);
        let tolerated_failure_count = self.number(
            obj,
            "ToleratedFailureCount",
            pointer,
            true,
            0.0,
            MAX_SECONDS,
        );
        let tolerated_failure_percentage = self.number(
            obj,
            "ToleratedFailurePercentage",
            pointer,
            false,
            0.0,
            100.0,
        );
        if let Some(label) = obj.get("Label") {
            let ok = label.as_str().is_some_and(|l| {
                l.chars().count() <= 40
                    && !l
                        .chars()
                        .any(|c| c.is_whitespace() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c))
            });
            if !ok {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(pointer, "Label"),
                    "'Label' must be a string of at most 40 characters without whitespace or special characters",
                );
            }
        }
        let processor = self.machine(processor_obj, &at, Scope::Processor)?;
        Some(MapSpec {
            items_path,
            item_selector,
            processor,
            mode,
            max_concurrency,
            tolerated_failure_count,
            tolerated_failure_percentage,
        })
    }

    fn error_equals(
        &mut self,
        entry: &Map<String, Value>,
        at: &str,
        is_last: bool,
    ) -> Option<Vec<String>> {
        let list_at = pointer_push(at, "ErrorEquals");
        let Some(list) = entry
            .get("ErrorEquals")
            .and_then(Value::as_array)
            .filter(|l| !l.is_empty())
        else {
            self.err(
                Code::InvalidErrorMatcher,
                at,
                "'ErrorEquals' must be a non-empty array of error names",
            );
            return None;
        };
        let mut names_out = Vec::with_capacity(list.len());
        for (i, n) in list.iter().enumerate() {
            match n.as_str() {
                Some(s) => names_out.push(s.to_string()),
                None => self.err(
                    Code::WrongType,
                    &format!("{list_at}/{i}"),
                    "an error name must be a string",
                ),
            }
        }
        if names_out.iter().any(|n| n == names::ALL) {
            if names_out.len() != 1 {
                self.err(
                    Code::InvalidErrorMatcher,
                    &list_at,
                    "'States.ALL' must appear alone in its 'ErrorEquals'",
                );
            } else if !is_last {
                self.err(
                    Code::InvalidErrorMatcher,
                    &list_at,
                    "a retrier or catcher with 'States.ALL' must be the last one",
                );
            }
        }
        (names_out.len() == list.len()).then_some(names_out)
    }

    /// A required string field (`StartAt`, `Type`, `Resource`): absent is `missing`,
    /// another JSON type is a wrong-type diagnostic at the field.
    fn required_str<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        pointer: &str,
        missing: &str,
        wanted: &str,
    ) -> Option<&'v str> {
        match obj.get(key) {
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.err(
                    Code::WrongType,
                    &pointer_push(pointer, key),
                    format!("'{key}' must be {wanted}"),
                );
                None
            }
            None => {
                self.err(Code::MissingField, pointer, missing);
                None
            }
        }
    }

    /// A required field holding a non-empty array (`Choices`, `Branches`).
    fn non_empty_array<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        pointer: &str,
        code: Code,
        message: &str,
    ) -> Option<&'v Vec<Value>> {
        let found = obj
            .get(key)
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty());
        if found.is_none() {
            self.err(code, pointer, message);
        }
        found
    }

    /// The objects of an optional array field (`Retry`, `Catch`), each with its pointer.
    fn object_list<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
        pointer: &str,
        what: &str,
    ) -> Vec<(String, &'v Map<String, Value>)> {
        let Some(value) = obj.get(key) else {
            return Vec::new();
        };
        let at = pointer_push(pointer, key);
        let Some(list) = value.as_array() else {
            self.err(
                Code::WrongType,
                &at,
                format!("'{key}' must be an array of {what}s"),
            );
            return Vec::new();
        };
        list.iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let entry_at = format!("{at}/{i}");
                let entry = self.object(entry, &entry_at, &format!("a {what}"))?;
                Some((entry_at, entry))
            })
            .collect()
    }

    fn retriers(&mut self, obj: &Map<String, Value>, pointer: &str) -> Vec<Retrier> {
        let list = self.object_list(obj, "Retry", pointer, "retrier");
        let mut out = Vec::new();
        for (i, (entry_at, entry)) in list.iter().enumerate() {
            let (entry_at, entry) = (entry_at.as_str(), *entry);
            self.unknown_fields(
                entry,
                entry_at,
                &[
                    "ErrorEquals",
                    "IntervalSeconds",
                    "MaxAttempts",
                    "BackoffRate",
                    "MaxDelaySeconds",
                    "JitterStrategy",
                    "Comment",
                ],
                "in a retrier",
            );
            let Some(error_equals) = self.error_equals(entry, entry_at, i + 1 == list.len()) else {
                continue;
            };
            let mut num = |key: &str, integer: bool, min: f64, max: f64, default: f64| -> f64 {
                match entry.get(key) {
                    None => default,
                    Some(v) => match v
                        .as_f64()
                        .filter(|n| (!integer || n.fract() == 0.0) && *n >= min && *n <= max)
                    {
                        Some(n) => n,
                        None => {
                            let kind = if integer { "an integer" } else { "a number" };
                            self.diags.push(Diagnostic::new(
                                Code::InvalidValue,
                                pointer_push(entry_at, key),
                                format!("'{key}' must be {kind} from {min} to {max}"),
                            ));
                            default
                        }
                    },
                }
            };
            let interval_seconds = num("IntervalSeconds", true, 1.0, MAX_SECONDS, 1.0);
            let max_attempts = num("MaxAttempts", true, 0.0, MAX_SECONDS, 3.0) as u64;
            let backoff_rate = num("BackoffRate", false, 1.0, MAX_SECONDS, 2.0);
            let max_delay_seconds = entry
                .contains_key("MaxDelaySeconds")
                .then(|| num("MaxDelaySeconds", true, 1.0, 31_622_400.0, 1.0));
            let full_jitter = match entry.get("JitterStrategy").map(Value::as_str) {
                None | Some(Some("NONE")) => false,
                Some(Some("FULL")) => true,
                Some(_) => {
                    self.err(
                        Code::InvalidValue,
                        &pointer_push(entry_at, "JitterStrategy"),
                        "'JitterStrategy' must be \"FULL\" or \"NONE\"",
                    );
                    false
                }
            };
            out.push(Retrier {
                error_equals,
                interval_seconds,
                max_attempts,
                backoff_rate,
                max_delay_seconds,
                full_jitter,
            });
        }
        out
    }

    fn catchers(
        &mut self,
        obj: &Map<String, Value>,
        pointer: &str,
        index: &HashMap<&str, usize>,
    ) -> Vec<Catcher> {
        let list = self.object_list(obj, "Catch", pointer, "catcher");
        let mut out = Vec::new();
        for (i, (entry_at, entry)) in list.iter().enumerate() {
            let (entry_at, entry) = (entry_at.as_str(), *entry);
            self.unknown_fields(
                entry,
                entry_at,
                &["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"],
                "in a catcher",
            );
            let error_equals = self.error_equals(entry, entry_at, i + 1 == list.len());
            let next = match entry.get("Next") {
                Some(n) => self.target(n, &pointer_push(entry_at, "Next"), "Next", index),
                None => {
                    self.err(Code::MissingField, entry_at, "a catcher needs 'Next'");
                    None
                }
            };
            let result_path = self.result_path(
                entry.get("ResultPath"),
                &pointer_push(entry_at, "ResultPath"),
            );
            let assign = self.template(entry, "Assign", entry_at, true);
            if let (Some(error_equals), Some(next)) = (error_equals, next) {
                out.push(Catcher {
                    error_equals,
                    next,
                    result_path,
                    assign,
                });
            }
        }
        out
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
