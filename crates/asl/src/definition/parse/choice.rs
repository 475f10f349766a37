//! The Choice state's own fields: its rules and Default.

use super::Parser;
use crate::choice::parse_condition;
use crate::definition::{ChoiceBranch, Kind, Test};
use crate::diagnostic::Code;
use jsonloc::pointer_push;
use serde_json::{Map, Value};
use std::collections::HashMap;

impl Parser {
    pub(super) fn choice(
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
            let (condition, jsonata) = if self.jsonata {
                self.unknown_fields(
                    rule,
                    &rule_at,
                    &["Condition", "Next", "Output", "Assign", "Comment"],
                    "in a JSONata Choice rule",
                );
                let condition = match rule.get("Condition") {
                    Some(c @ Value::Bool(_)) => {
                        Some(Test::Expression(self.query(c, "Condition", &rule_at)))
                    }
                    Some(c) => {
                        let at = pointer_push(&rule_at, "Condition");
                        let q = self.expression_field(c, "Condition", &at);
                        if q.is_none() {
                            self.err(
                                Code::InvalidChoiceRule,
                                &at,
                                "'Condition' must be a boolean or a JSONata expression \"{% … %}\"",
                            );
                        }
                        q.map(Test::Expression)
                    }
                    None => {
                        self.err(
                            Code::InvalidChoiceRule,
                            &rule_at,
                            "a JSONata Choice rule needs 'Condition'",
                        );
                        None
                    }
                };
                (condition, Some(self.jsonata_fields(rule, &rule_at)))
            } else {
                let condition = parse_condition(rule, &rule_at, true, &mut self.diags);
                (condition.map(Test::Rule), None)
            };
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
            let assign = match jsonata {
                Some(_) => None,
                None => self.template(rule, "Assign", &rule_at, true),
            };
            if let (Some(condition), Some(next)) = (condition, next) {
                choices.push(ChoiceBranch {
                    condition,
                    next,
                    assign,
                    jsonata,
                });
            }
        }
        let default = match obj.get("Default") {
            Some(d) => Some(self.target(d, &pointer_push(pointer, "Default"), "Default", index)?),
            None => None,
        };
        (choices.len() == rules.len()).then_some(Kind::Choice { choices, default })
    }
}
