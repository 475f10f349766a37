//! The Task state's own fields: Resource, timeouts, heartbeat and Credentials.

use super::{Parser, MAX_SECONDS};
use crate::definition::{Number, TaskSpec};
use crate::diagnostic::Code;
use jsonloc::pointer_push;
use serde_json::{Map, Value};

impl Parser {
    pub(super) fn task(&mut self, obj: &Map<String, Value>, pointer: &str) -> Option<TaskSpec> {
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
        let (timeout, heartbeat) = if self.jsonata {
            let bounds = (true, 1.0, MAX_SECONDS);
            (
                self.jsonata_number(obj, "TimeoutSeconds", pointer, bounds),
                self.jsonata_number(obj, "HeartbeatSeconds", pointer, bounds),
            )
        } else {
            (
                self.number(obj, "TimeoutSeconds", pointer, true, 1.0, MAX_SECONDS),
                self.number(obj, "HeartbeatSeconds", pointer, true, 1.0, MAX_SECONDS),
            )
        };
        if let (Some(Number::Fixed(t)), Some(Number::Fixed(h))) = (&timeout, &heartbeat) {
            if h >= t {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(pointer, "HeartbeatSeconds"),
                    "'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'",
                );
            }
        }
        let (credentials, credentials_query) = if self.jsonata {
            (None, self.query_field(obj, "Credentials", pointer))
        } else {
            (self.template(obj, "Credentials", pointer, true), None)
        };
        if let Some(creds) = obj
            .get("Credentials")
            .and_then(Value::as_object)
            .filter(|_| !self.jsonata)
        {
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
            credentials_query,
        })
    }
}
