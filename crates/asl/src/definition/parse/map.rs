//! The Map state's own fields: the item processor and its mode, items, item selector,
//! concurrency, tolerated failures and label.

use super::{Parser, Scope, MAX_SECONDS};
use crate::definition::{Distributed, MapMode, MapSpec};
use crate::diagnostic::Code;
use jsonloc::pointer_push;
use serde_json::{Map, Value};

impl Parser {
    pub(super) fn map(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<MapSpec> {
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
        let mut distributed = Distributed::default();
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
                    distributed.express = t.as_str() == Some("EXPRESS");
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
        for field in ["ItemReader", "ItemBatcher", "ResultWriter"] {
            if obj.contains_key(field) && mode != MapMode::Distributed {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(pointer, field),
                    format!("'{field}' is only supported in a Map state whose 'ProcessorConfig.Mode' is \"DISTRIBUTED\""),
                );
            }
        }
        if let Some(v) = obj.get("ItemReader") {
            distributed.reader = self.item_reader(v, &pointer_push(pointer, "ItemReader"));
        }
        if let Some(v) = obj.get("ItemBatcher") {
            distributed.batcher = self.item_batcher(v, &pointer_push(pointer, "ItemBatcher"));
        }
        if let Some(v) = obj.get("ResultWriter") {
            distributed.writer = self.result_writer(v, &pointer_push(pointer, "ResultWriter"));
        }
        let jsonata = self.jsonata;
        let item_selector_query = if jsonata {
            self.query_field(obj, "ItemSelector", pointer)
        } else {
            None
        };
        let items = if jsonata {
            let at = pointer_push(pointer, "Items");
            match obj.get("Items") {
                None => None,
                Some(v @ Value::Array(_)) => Some(self.query(v, "Items", &at)),
                Some(v) => {
                    let q = self.expression_field(v, "Items", &at);
                    if q.is_none() {
                        self.err(
                            Code::InvalidValue,
                            &at,
                            "'Items' must be a JSON array or a JSONata expression \"{% … %}\"",
                        );
                    }
                    q
                }
            }
        } else {
            None
        };
        let item_selector = match (obj.get("ItemSelector"), obj.get("Parameters")) {
            _ if jsonata => None,
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
        let (max_concurrency, tolerated_failure_count, tolerated_failure_percentage) = if jsonata {
            (
                self.jsonata_number(obj, "MaxConcurrency", pointer, (true, 0.0, MAX_SECONDS)),
                self.jsonata_number(
                    obj,
                    "ToleratedFailureCount",
                    pointer,
                    (true, 0.0, MAX_SECONDS),
                ),
                self.jsonata_number(
                    obj,
                    "ToleratedFailurePercentage",
                    pointer,
                    (false, 0.0, 100.0),
                ),
            )
        } else {
            (
                self.number(obj, "MaxConcurrency", pointer, true, 0.0, MAX_SECONDS),
                self.number(
                    obj,
                    "ToleratedFailureCount",
                    pointer,
                    true,
                    0.0,
                    MAX_SECONDS,
                ),
                self.number(
                    obj,
                    "ToleratedFailurePercentage",
                    pointer,
                    false,
                    0.0,
                    100.0,
                ),
            )
        };
        if let Some(label) = obj.get("Label") {
            let ok = label.as_str().is_some_and(|l| {
                l.chars().count() <= 40
                    && !l
                        .chars()
                        .any(|c| c.is_whitespace() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c))
            });
            if ok {
                distributed.label = label.as_str().map(String::from);
            } else {
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
            items,
            item_selector_query,
            processor,
            mode,
            max_concurrency,
            tolerated_failure_count,
            tolerated_failure_percentage,
            distributed: Box::new(distributed),
        })
    }
}
