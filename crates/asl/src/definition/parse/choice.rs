//! The Choice state's own fields: its rules and Default.

use super::Parser;
use crate::choice::parse_condition;
use crate::definition::{ChoiceBranch, Kind};
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
}
