//! The transport of a share link's payload: raw deflate, then base64url without padding,
//! with limits on both sides so a hostile link cannot exhaust the page.

use super::ShareError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The largest text a link may expand to.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// `text` deflated and base64url-encoded.
pub fn pack(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
}

/// The text [`pack`] made.
pub fn unpack(payload: &str) -> Result<String, ShareError> {
    let compressed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ShareError::NotBase64)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_TEXT_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::NotDeflate,
        })?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}
