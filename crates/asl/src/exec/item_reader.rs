//! A Distributed Map's `ItemReader`: its parameters resolved, the object (or listing)
//! read through the handler's S3, and parsed as `ReaderConfig` says.

use super::data::runtime;
use super::item_formats::{csv_items, json_items, jsonl_items, manifest};
use super::run::Run;
use super::visit::Visit;
use crate::definition::{CsvHeaders, InputType, ItemReader, Payload, ReaderSource};
use crate::distributed::S3Call;
use crate::failure::{names, Failure};
use crate::scope::Variables;
use serde_json::Value;

/// `States.ItemReaderFailed` with `cause`.
fn reader_failed(cause: impl Into<String>) -> Failure {
    Failure::new(names::ITEM_READER_FAILED, cause)
}

/// An S3 error as the reader reports it.
fn s3_failed(e: &Failure) -> Failure {
    reader_failed(format!(
        "{} (Service: Amazon S3; Error Code: {})",
        e.cause, e.error
    ))
}

impl Run<'_> {
    /// `Parameters` or `Arguments` (and `BatchInput`) resolved against the state input.
    pub(super) fn payload(
        &mut self,
        payload: &Payload,
        visit: &Visit,
        effective: &Value,
        variables: &Variables,
    ) -> Result<Value, Failure> {
        let context = visit.context();
        let scope = context.scope(effective, variables);
        match payload {
            Payload::Template(t) => t.evaluate(&scope, &mut self.rng),
            Payload::Query(q) => self.query(q, scope),
        }
    }

    /// The items the reader gives, at most `MaxItems` of them.
    pub(super) fn read_items(
        &mut self,
        reader: &ItemReader,
        visit: &Visit,
        effective: &Value,
        variables: &Variables,
    ) -> Result<Vec<Value>, Failure> {
        let parameters = match &reader.parameters {
            Some(p) => self.payload(p, visit, effective, variables)?,
            None => Value::Null,
        };
        let field = |name: &str| parameters.get(name).and_then(Value::as_str);
        let bucket = field("Bucket")
            .ok_or_else(|| runtime("The ItemReader's parameters must give 'Bucket' as a string"))?;
        let mut items = match reader.source {
            ReaderSource::ListObjects => {
                let prefix = field("Prefix").unwrap_or("");
                match self
                    .handler
                    .s3(&S3Call::ListObjectsV2 { bucket, prefix }, self.clock)
                {
                    Ok(Value::Array(objects)) => objects,
                    Ok(_) => Vec::new(),
                    Err(e) => return Err(s3_failed(&e)),
                }
            }
            ReaderSource::GetObject => {
                let key = field("Key").ok_or_else(|| {
                    runtime("The ItemReader's parameters must give 'Key' as a string")
                })?;
                let body = self.get_object(bucket, key)?;
                self.parse_items(reader, &body)?
            }
        };
        if let Some(n) = &reader.max_items {
            let context = visit.context();
            let scope = context.scope(effective, variables);
            let max = self.map_number(n, "MaxItems", true, scope)?;
            if max > 0.0 {
                items.truncate(max as usize);
            }
        }
        Ok(items)
    }

    fn get_object(&mut self, bucket: &str, key: &str) -> Result<String, Failure> {
        match self
            .handler
            .s3(&S3Call::GetObject { bucket, key }, self.clock)
        {
            Ok(Value::String(body)) => Ok(body),
            Ok(other) => Ok(other.to_string()),
            Err(e) => Err(s3_failed(&e)),
        }
    }

    fn parse_items(&mut self, reader: &ItemReader, body: &str) -> Result<Vec<Value>, Failure> {
        let given = match &reader.csv_headers {
            CsvHeaders::FirstRow => None,
            CsvHeaders::Given(h) => Some(h.as_slice()),
        };
        match reader.input_type {
            Some(InputType::Json) | None => json_items(body),
            Some(InputType::Jsonl) => jsonl_items(body),
            Some(InputType::Csv) => csv_items(body, reader.csv_delimiter, given),
            Some(InputType::Manifest) => {
                let m = manifest(body).map_err(reader_failed)?;
                let mut items = Vec::new();
                for key in &m.keys {
                    let file = self.get_object(&m.bucket, key)?;
                    items.extend(csv_items(&file, ',', Some(&m.schema)).map_err(reader_failed)?);
                }
                Ok(items)
            }
        }
        .map_err(reader_failed)
    }
}
