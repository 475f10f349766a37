//! Retry and Catch: retriers, catchers, and the error names each matches.

use super::{Parser, MAX_SECONDS};
use crate::definition::{Catcher, Retrier};
use crate::diagnostic::{Code, Diagnostic};
use crate::failure::names;
use jsonloc::pointer_push;
use serde_json::{Map, Value};
use std::collections::HashMap;

impl Parser {
    pub(super) fn error_equals(
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

    pub(super) fn retriers(&mut self, obj: &Map<String, Value>, pointer: &str) -> Vec<Retrier> {
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

    pub(super) fn catchers(
        &mut self,
        obj: &Map<String, Value>,
        pointer: &str,
        index: &HashMap<&str, usize>,
    ) -> Vec<Catcher> {
        let list = self.object_list(obj, "Catch", pointer, "catcher");
        let mut out = Vec::new();
        for (i, (entry_at, entry)) in list.iter().enumerate() {
            let (entry_at, entry) = (entry_at.as_str(), *entry);
            let known: &[&str] = if self.jsonata {
                &["ErrorEquals", "Next", "Output", "Assign", "Comment"]
            } else {
                &["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"]
            };
            self.unknown_fields(entry, entry_at, known, "in a catcher");
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
            let (assign, jsonata) = if self.jsonata {
                (None, Some(self.jsonata_fields(entry, entry_at)))
            } else {
                (self.template(entry, "Assign", entry_at, true), None)
            };
            if let (Some(error_equals), Some(next)) = (error_equals, next) {
                out.push(Catcher {
                    error_equals,
                    next,
                    result_path,
                    assign,
                    jsonata,
                });
            }
        }
        out
    }
}
