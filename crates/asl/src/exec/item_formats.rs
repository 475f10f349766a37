//! The formats an `ItemReader` reads: a JSON array, JSON Lines, CSV (header row or given
//! headers, any delimiter) and the rows of an S3 inventory. Each error is the cause of
//! the `States.ItemReaderFailed` it becomes.

use serde_json::{Map, Value};

/// The items of a JSON object body: it must hold an array.
pub(super) fn json_items(body: &str) -> Result<Vec<Value>, String> {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(_) => Err("The JSON file must contain a JSON array of items".into()),
        Err(e) => Err(format!("The file is not valid JSON: {e}")),
    }
}

/// One item per non-empty line.
pub(super) fn jsonl_items(body: &str) -> Result<Vec<Value>, String> {
    body.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|e| format!("Line {} is not valid JSON: {e}", n + 1))
        })
        .collect()
}

/// One object per row, keyed by `headers` (or the first row when `None`), every value a
/// string.
pub(super) fn csv_items(
    body: &str,
    delimiter: char,
    headers: Option<&[String]>,
) -> Result<Vec<Value>, String> {
    let mut rows = csv_rows(body, delimiter)?.into_iter();
    let names: Vec<String> = match headers {
        Some(h) => h.to_vec(),
        None => rows
            .next()
            .ok_or_else(|| "The CSV file has no header row".to_string())?,
    };
    rows.enumerate()
        .map(|(n, row)| {
            if row.len() != names.len() {
                return Err(format!(
                    "Row {} of the CSV file has {} fields, but there are {} headers",
                    n + 1 + usize::from(headers.is_none()),
                    row.len(),
                    names.len()
                ));
            }
            let object: Map<String, Value> = names
                .iter()
                .cloned()
                .zip(row.into_iter().map(Value::String))
                .collect();
            Ok(Value::Object(object))
        })
        .collect()
}

/// The rows of CSV text (RFC 4180 quoting: `"a ""b"""`), blank lines skipped.
fn csv_rows(body: &str, delimiter: char) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = body.chars().peekable();
    let mut line = 1;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
                line += 1;
            }
            c if c == delimiter => row.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(format!(
            "The CSV file has a quoted field that never ends (line {line})"
        ));
    }
    row.push(field);
    if !(row.len() == 1 && row[0].is_empty()) {
        rows.push(row);
    }
    Ok(rows)
}

/// An S3 inventory manifest (`manifest.json`): the bucket its files are in, their keys,
/// and the column names of their rows (`fileSchema`).
pub(super) struct Manifest {
    pub bucket: String,
    pub keys: Vec<String>,
    pub schema: Vec<String>,
}

/// Reads `manifest.json` as S3 Inventory writes it (`destinationBucket`, `fileFormat`
/// CSV, `fileSchema`, `files[].key`).
pub(super) fn manifest(body: &str) -> Result<Manifest, String> {
    let value: Value =
        serde_json::from_str(body).map_err(|e| format!("The manifest is not valid JSON: {e}"))?;
    let format = value.get("fileFormat").and_then(Value::as_str);
    if format != Some("CSV") {
        return Err(format!(
            "The manifest's fileFormat must be CSV, not {}",
            format.unwrap_or("missing")
        ));
    }
    let bucket = value
        .get("destinationBucket")
        .and_then(Value::as_str)
        .map(|b| b.strip_prefix("arn:aws:s3:::").unwrap_or(b).to_string())
        .ok_or("The manifest has no destinationBucket")?;
    let schema = value
        .get("fileSchema")
        .and_then(Value::as_str)
        .ok_or("The manifest has no fileSchema")?
        .split(',')
        .map(|s| s.trim().to_string())
        .collect();
    let keys = value
        .get("files")
        .and_then(Value::as_array)
        .ok_or("The manifest has no files")?
        .iter()
        .map(|f| {
            f.get("key")
                .and_then(Value::as_str)
                .map(String::from)
                .ok_or_else(|| "A file of the manifest has no key".to_string())
        })
        .collect::<Result<_, _>>()?;
    Ok(Manifest {
        bucket,
        keys,
        schema,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_quotes_delimiters_and_given_headers() {
        let body = "a|b\n\"x|1\"|\"say \"\"hi\"\"\"\r\n\n2|3\n";
        assert_eq!(
            csv_items(body, '|', None).unwrap(),
            vec![
                json!({"a": "x|1", "b": "say \"hi\""}),
                json!({"a": "2", "b": "3"})
            ]
        );
        let given = ["p".to_string(), "q".to_string()];
        assert_eq!(
            csv_items("1;2", ';', Some(&given)).unwrap(),
            vec![json!({"p": "1", "q": "2"})]
        );
        assert!(csv_items("a,b\n\"1,2", ',', None)
            .unwrap_err()
            .contains("never ends"));
        assert!(csv_items("a,b\n1,2,3", ',', None)
            .unwrap_err()
            .contains("Row 2"));
    }

    #[test]
    fn json_and_jsonl() {
        assert_eq!(json_items("[1, {\"a\": 2}]").unwrap().len(), 2);
        assert!(json_items("{}").is_err());
        assert_eq!(jsonl_items("1\n\n{\"a\": 2}\n").unwrap().len(), 2);
        assert!(jsonl_items("1\nnope").unwrap_err().starts_with("Line 2"));
    }
}
