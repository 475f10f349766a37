//! `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::Value;

/// The longest input (in UTF-16 code units, as AWS counts) these functions accept.
pub const MAX_INPUT_CHARS: usize = 10_000;

fn check_length(function: &str, text: &str) -> Result<(), String> {
    // No string longer than this many bytes can be shorter in UTF-16 units than the limit.
    if text.len() <= MAX_INPUT_CHARS || text.encode_utf16().count() <= MAX_INPUT_CHARS {
        Ok(())
    } else {
        Err(format!(
            "The input of {function} cannot exceed {MAX_INPUT_CHARS} characters"
        ))
    }
}

/// `States.Base64Encode(text)`: the standard Base64 encoding of the UTF-8 bytes of `text`.
pub fn base64_encode(text: &str) -> Result<Value, String> {
    check_length("States.Base64Encode", text)?;
    Ok(Value::String(STANDARD.encode(text)))
}

/// `States.Base64Decode(text)`: the UTF-8 text that the Base64 `text` encodes.
pub fn base64_decode(text: &str) -> Result<Value, String> {
    check_length("States.Base64Decode", text)?;
    let bytes = STANDARD.decode(text).map_err(|error| {
        format!("The input of States.Base64Decode is not valid Base64: {error}")
    })?;
    Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

/// `States.Hash(data, algorithm)`: the lowercase hexadecimal digest of the UTF-8 bytes of
/// `data`, with `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
pub fn hash(data: &str, algorithm: &str) -> Result<Value, String> {
    check_length("States.Hash", data)?;
    seeded::hex_digest(algorithm, data.as_bytes())
        .map(Value::String)
        .ok_or_else(|| {
            format!(
                "The hash algorithm '{algorithm}' is not supported; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"
            )
        })
}
