//! `ItemReader`, `ItemBatcher` and `ResultWriter` of a Distributed Map, in either query
//! language (`Parameters` in JSONPath, `Arguments` in JSONata).

use super::{Parser, MAX_SECONDS};
use crate::definition::{
    CsvHeaders, InputType, ItemBatcher, ItemReader, OutputType, Payload, ReaderSource,
    ResultWriter, Transformation,
};
use crate::diagnostic::Code;
use jsonloc::pointer_push;
use serde_json::{Map, Value};

/// The largest `MaxItems` AWS accepts.
const MAX_ITEMS: f64 = 100_000_000.0;
/// The largest `MaxInputBytesPerBatch` AWS accepts (256 KiB).
const MAX_BATCH_BYTES: f64 = 262_144.0;

impl Parser {
    /// The `ItemReader` field at `at`.
    pub(super) fn item_reader(&mut self, value: &Value, at: &str) -> Option<ItemReader> {
        let obj = self.object(value, at, "'ItemReader'")?;
        let payload_key = self.payload_key();
        self.unknown_fields(
            obj,
            at,
            &["Resource", "ReaderConfig", payload_key],
            "in 'ItemReader'",
        );
        let resource = self.required_str(
            obj,
            "Resource",
            at,
            "'ItemReader' needs a 'Resource'",
            "a string",
        )?;
        let source = match resource {
            "arn:aws:states:::s3:getObject" => ReaderSource::GetObject,
            "arn:aws:states:::s3:listObjectsV2" => ReaderSource::ListObjects,
            _ => {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(at, "Resource"),
                    "'ItemReader.Resource' must be \"arn:aws:states:::s3:getObject\" or \"arn:aws:states:::s3:listObjectsV2\"",
                );
                return None;
            }
        };
        let parameters = self.payload(obj, payload_key, at);
        if parameters.is_none() {
            self.err(
                Code::MissingField,
                at,
                format!("'ItemReader' needs '{payload_key}' with the 'Bucket' to read"),
            );
        }
        let empty = Map::new();
        let config_at = pointer_push(at, "ReaderConfig");
        let config = match obj.get("ReaderConfig") {
            Some(c) => self.object(c, &config_at, "'ReaderConfig'")?,
            None => &empty,
        };
        let max_items_keys: &[&str] = if self.jsonata {
            &["MaxItems"]
        } else {
            &["MaxItems", "MaxItemsPath"]
        };
        let mut known = vec![
            "InputType",
            "CSVHeaderLocation",
            "CSVHeaders",
            "CSVDelimiter",
        ];
        known.extend_from_slice(max_items_keys);
        self.unknown_fields(config, &config_at, &known, "in 'ReaderConfig'");
        let input_type = self.input_type(config, &config_at, source);
        let csv = input_type == Some(InputType::Csv);
        for key in ["CSVHeaderLocation", "CSVHeaders", "CSVDelimiter"] {
            if config.contains_key(key) && !csv {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(&config_at, key),
                    format!("'{key}' applies only to 'InputType' \"CSV\""),
                );
            }
        }
        let csv_headers = self.csv_headers(config, &config_at);
        let csv_delimiter = self.csv_delimiter(config, &config_at);
        let max_items = if self.jsonata {
            self.jsonata_number(config, "MaxItems", &config_at, (true, 0.0, MAX_ITEMS))
        } else {
            self.number(config, "MaxItems", &config_at, true, 0.0, MAX_ITEMS)
        };
        Some(ItemReader {
            source,
            input_type,
            csv_headers,
            csv_delimiter,
            max_items,
            parameters,
        })
    }

    /// `ReaderConfig.InputType`: required to read one object, absent for a listing.
    fn input_type(
        &mut self,
        config: &Map<String, Value>,
        at: &str,
        source: ReaderSource,
    ) -> Option<InputType> {
        let given = config.get("InputType");
        if source == ReaderSource::ListObjects {
            if given.is_some() {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(at, "InputType"),
                    "'InputType' does not apply to \"arn:aws:states:::s3:listObjectsV2\"",
                );
            }
            return None;
        }
        let parsed = match given.map(Value::as_str) {
            Some(Some("JSON")) => Some(InputType::Json),
            Some(Some("JSONL")) => Some(InputType::Jsonl),
            Some(Some("CSV")) => Some(InputType::Csv),
            Some(Some("MANIFEST")) => Some(InputType::Manifest),
            _ => None,
        };
        if parsed.is_none() {
            self.err(
                if given.is_none() {
                    Code::MissingField
                } else {
                    Code::InvalidValue
                },
                &pointer_push(at, "InputType"),
                "'ReaderConfig.InputType' must be \"JSON\", \"JSONL\", \"CSV\" or \"MANIFEST\" to read with \"arn:aws:states:::s3:getObject\"",
            );
        }
        parsed
    }

    fn csv_headers(&mut self, config: &Map<String, Value>, at: &str) -> CsvHeaders {
        let location = config.get("CSVHeaderLocation");
        let headers = config.get("CSVHeaders");
        match location.map(Value::as_str) {
            None | Some(Some("FIRST_ROW")) => {
                if headers.is_some() {
                    self.err(
                        Code::InvalidValue,
                        &pointer_push(at, "CSVHeaders"),
                        "'CSVHeaders' needs 'CSVHeaderLocation' \"GIVEN\"",
                    );
                }
                CsvHeaders::FirstRow
            }
            Some(Some("GIVEN")) => {
                let names: Option<Vec<String>> = headers
                    .and_then(Value::as_array)
                    .filter(|a| !a.is_empty())
                    .and_then(|a| a.iter().map(|h| h.as_str().map(String::from)).collect());
                match names {
                    Some(names) => CsvHeaders::Given(names),
                    None => {
                        self.err(
                            Code::InvalidValue,
                            &pointer_push(at, "CSVHeaders"),
                            "'CSVHeaderLocation' \"GIVEN\" needs 'CSVHeaders', a non-empty array of strings",
                        );
                        CsvHeaders::FirstRow
                    }
                }
            }
            Some(_) => {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(at, "CSVHeaderLocation"),
                    "'CSVHeaderLocation' must be \"FIRST_ROW\" or \"GIVEN\"",
                );
                CsvHeaders::FirstRow
            }
        }
    }

    fn csv_delimiter(&mut self, config: &Map<String, Value>, at: &str) -> char {
        match config.get("CSVDelimiter").map(Value::as_str) {
            None | Some(Some("COMMA")) => ',',
            Some(Some("PIPE")) => '|',
            Some(Some("SEMICOLON")) => ';',
            Some(Some("SPACE")) => ' ',
            Some(Some("TAB")) => '\t',
            Some(_) => {
                self.err(
                    Code::InvalidValue,
                    &pointer_push(at, "CSVDelimiter"),
                    "'CSVDelimiter' must be \"COMMA\", \"PIPE\", \"SEMICOLON\", \"SPACE\" or \"TAB\"",
                );
                ','
            }
        }
    }

    /// The `ItemBatcher` field at `at`.
    pub(super) fn item_batcher(&mut self, value: &Value, at: &str) -> Option<ItemBatcher> {
        let obj = self.object(value, at, "'ItemBatcher'")?;
        let known: &[&str] = if self.jsonata {
            &["MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"]
        } else {
            &[
                "MaxItemsPerBatch",
                "MaxItemsPerBatchPath",
                "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath",
                "BatchInput",
            ]
        };
        self.unknown_fields(obj, at, known, "in 'ItemBatcher'");
        let (max_items, max_bytes) = if self.jsonata {
            (
                self.jsonata_number(obj, "MaxItemsPerBatch", at, (true, 1.0, MAX_SECONDS)),
                self.jsonata_number(
                    obj,
                    "MaxInputBytesPerBatch",
                    at,
                    (true, 1.0, MAX_BATCH_BYTES),
                ),
            )
        } else {
            (
                self.number(obj, "MaxItemsPerBatch", at, true, 1.0, MAX_SECONDS),
                self.number(obj, "MaxInputBytesPerBatch", at, true, 1.0, MAX_BATCH_BYTES),
            )
        };
        let limited = |k: &str| obj.contains_key(k) || obj.contains_key(&format!("{k}Path"));
        if !limited("MaxItemsPerBatch") && !limited("MaxInputBytesPerBatch") {
            self.err(
                Code::MissingField,
                at,
                "'ItemBatcher' needs 'MaxItemsPerBatch' or 'MaxInputBytesPerBatch' (or both)",
            );
        }
        let batch_input = if self.jsonata {
            self.query_field(obj, "BatchInput", at).map(Payload::Query)
        } else {
            self.template(obj, "BatchInput", at, true)
                .map(Payload::Template)
        };
        Some(ItemBatcher {
            max_items,
            max_bytes,
            batch_input,
        })
    }

    /// The `ResultWriter` field at `at`.
    pub(super) fn result_writer(&mut self, value: &Value, at: &str) -> Option<ResultWriter> {
        let obj = self.object(value, at, "'ResultWriter'")?;
        let payload_key = self.payload_key();
        self.unknown_fields(
            obj,
            at,
            &["Resource", payload_key, "WriterConfig"],
            "in 'ResultWriter'",
        );
        let parameters = match (obj.get("Resource"), obj.contains_key(payload_key)) {
            (Some(r), true) => {
                if r.as_str() != Some("arn:aws:states:::s3:putObject") {
                    self.err(
                        Code::InvalidValue,
                        &pointer_push(at, "Resource"),
                        "'ResultWriter.Resource' must be \"arn:aws:states:::s3:putObject\"",
                    );
                }
                self.payload(obj, payload_key, at)
            }
            (None, false) => None,
            _ => {
                self.err(
                    Code::MissingField,
                    at,
                    format!("'ResultWriter' needs both 'Resource' and '{payload_key}' to write to Amazon S3"),
                );
                None
            }
        };
        let mut writer = ResultWriter {
            parameters,
            transformation: None,
            output_type: None,
        };
        if let Some(config) = obj.get("WriterConfig") {
            let config_at = pointer_push(at, "WriterConfig");
            let config = self.object(config, &config_at, "'WriterConfig'")?;
            self.unknown_fields(
                config,
                &config_at,
                &["Transformation", "OutputType"],
                "in 'WriterConfig'",
            );
            writer.transformation = match config.get("Transformation").map(Value::as_str) {
                None => None,
                Some(Some("NONE")) => Some(Transformation::None),
                Some(Some("COMPACT")) => Some(Transformation::Compact),
                Some(Some("FLATTEN")) => Some(Transformation::Flatten),
                Some(_) => {
                    self.err(
                        Code::InvalidValue,
                        &pointer_push(&config_at, "Transformation"),
                        "'Transformation' must be \"NONE\", \"COMPACT\" or \"FLATTEN\"",
                    );
                    None
                }
            };
            writer.output_type = match config.get("OutputType").map(Value::as_str) {
                None => None,
                Some(Some("JSON")) => Some(OutputType::Json),
                Some(Some("JSONL")) => Some(OutputType::Jsonl),
                Some(_) => {
                    self.err(
                        Code::InvalidValue,
                        &pointer_push(&config_at, "OutputType"),
                        "'OutputType' must be \"JSON\" or \"JSONL\"",
                    );
                    None
                }
            };
        } else if writer.parameters.is_none() {
            self.err(
                Code::MissingField,
                at,
                format!("'ResultWriter' cannot be empty: give 'WriterConfig', or 'Resource' and '{payload_key}'"),
            );
        }
        Some(writer)
    }

    /// `Parameters` in JSONPath, `Arguments` in JSONata.
    fn payload_key(&self) -> &'static str {
        if self.jsonata {
            "Arguments"
        } else {
            "Parameters"
        }
    }

    fn payload(&mut self, obj: &Map<String, Value>, key: &str, at: &str) -> Option<Payload> {
        if self.jsonata {
            self.query_field(obj, key, at).map(Payload::Query)
        } else {
            self.template(obj, key, at, true).map(Payload::Template)
        }
    }
}
