//! The Wait state's own field: exactly one of Seconds, SecondsPath, Timestamp and
//! TimestampPath.

use super::{Parser, MAX_SECONDS};
use crate::definition::WaitSpec;
use crate::diagnostic::Code;
use jsonloc::pointer_push;
use serde_json::{Map, Value};
use timestamp::parse_millis;

impl Parser {
    pub(super) fn wait(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<WaitSpec> {
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
        if let Some(q) = self
            .jsonata
            .then(|| self.expression_field(value, key, &at))
            .flatten()
        {
            return Some(match key {
                "Seconds" => WaitSpec::SecondsQuery(q),
                _ => WaitSpec::TimestampQuery(q),
            });
        }
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
}
