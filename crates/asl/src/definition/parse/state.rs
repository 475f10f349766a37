//! One state: its type, allowed fields, transition, and the fields every type shares
//! (InputPath, OutputPath, Parameters, ResultSelector, ResultPath, Assign, Retry, Catch).

use super::{hint, Parser};
use crate::definition::fields::{allowed, allowed_jsonata};
use crate::definition::{Kind, State, Transition};
use crate::diagnostic::Code;
use jsonloc::pointer_push;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::rc::Rc;

impl Parser {
    pub(super) fn state(
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
        let jsonata = self.language(obj, pointer);
        let saved = std::mem::replace(&mut self.jsonata, jsonata);
        let state = self.state_in_language(name, type_name, obj, pointer, index);
        self.jsonata = saved;
        state
    }

    fn state_in_language(
        &mut self,
        name: &str,
        type_name: &str,
        obj: &Map<String, Value>,
        pointer: &str,
        index: &HashMap<&str, usize>,
    ) -> Option<State> {
        let fields = if self.jsonata {
            allowed_jsonata(type_name)
        } else {
            allowed(type_name)
        };
        let Some(fields) = fields else {
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
        let (assign, jsonata) = if self.jsonata {
            (None, Some(self.jsonata_fields(obj, pointer)))
        } else {
            (self.template(obj, "Assign", pointer, true), None)
        };
        let retry = self.retriers(obj, pointer);
        let catch = self.catchers(obj, pointer, index);

        let kind = match type_name {
            "Pass" => Kind::Pass {
                result: obj.get("Result").cloned().map(Rc::new),
            },
            "Task" => Kind::Task(Box::new(self.task(obj, pointer)?)),
            "Choice" => self.choice(obj, pointer, index)?,
            "Wait" => Kind::Wait(self.wait(obj, pointer)?),
            "Succeed" => Kind::Succeed,
            "Fail" if self.jsonata => Kind::Fail {
                error: self.jsonata_text(obj, "Error", pointer),
                cause: self.jsonata_text(obj, "Cause", pointer),
            },
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
            jsonata,
        })
    }
}
