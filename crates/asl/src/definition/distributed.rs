//! The Distributed Map's own fields: where its items come from (`ItemReader`), how they
//! are grouped (`ItemBatcher`) and where the results go (`ResultWriter`).

use super::Number;
use crate::query::Query;
use crate::template::Template;

/// A payload written as a JSONPath template (`Parameters`, `BatchInput`) or a JSONata
/// value (`Arguments`, `BatchInput` of a JSONata state).
#[derive(Debug, Clone)]
pub enum Payload {
    Template(Template),
    Query(Query),
}

/// What an `ItemReader` reads from S3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderSource {
    /// `arn:aws:states:::s3:getObject`: one object, read as `InputType` says.
    GetObject,
    /// `arn:aws:states:::s3:listObjectsV2`: the objects of a bucket (under a prefix).
    ListObjects,
}

/// `ReaderConfig.InputType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputType {
    Json,
    Jsonl,
    Csv,
    Manifest,
}

/// Where a CSV file's column names come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvHeaders {
    /// `CSVHeaderLocation: FIRST_ROW` (the default).
    FirstRow,
    /// `CSVHeaderLocation: GIVEN` with its `CSVHeaders`.
    Given(Vec<String>),
}

/// The `ItemReader` field.
#[derive(Debug, Clone)]
pub struct ItemReader {
    pub source: ReaderSource,
    /// `None` for a listing.
    pub input_type: Option<InputType>,
    pub csv_headers: CsvHeaders,
    pub csv_delimiter: char,
    pub max_items: Option<Number>,
    /// `Parameters` (JSONPath) or `Arguments` (JSONata): `Bucket`, `Key`, `Prefix`.
    pub parameters: Option<Payload>,
}

/// The `ItemBatcher` field.
#[derive(Debug, Clone)]
pub struct ItemBatcher {
    pub max_items: Option<Number>,
    pub max_bytes: Option<Number>,
    pub batch_input: Option<Payload>,
}

/// `WriterConfig.Transformation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transformation {
    None,
    Compact,
    Flatten,
}

/// `WriterConfig.OutputType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputType {
    Json,
    Jsonl,
}

/// The `ResultWriter` field.
#[derive(Debug, Clone)]
pub struct ResultWriter {
    /// `Parameters`/`Arguments` (`Bucket`, `Prefix`) when the results go to S3.
    pub parameters: Option<Payload>,
    /// `WriterConfig.Transformation`, when given.
    pub transformation: Option<Transformation>,
    /// `WriterConfig.OutputType`, when given.
    pub output_type: Option<OutputType>,
}

/// A Distributed Map's fields beyond the inline ones.
#[derive(Debug, Clone, Default)]
pub struct Distributed {
    pub reader: Option<ItemReader>,
    pub batcher: Option<ItemBatcher>,
    pub writer: Option<ResultWriter>,
    /// `Label`, which names the Map Run (the state's name when absent).
    pub label: Option<String>,
    /// `ProcessorConfig.ExecutionType: EXPRESS`.
    pub express: bool,
}
