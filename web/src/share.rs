//! Share links: the whole scenario in the URL fragment, compressed and versioned
//! (`#s=1.` + base64url of raw deflate), and presets by id (`#p=<id>`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::fmt;

/// The current share format version.
const VERSION: &str = "1";
/// The largest scenario a link may expand to.
const MAX_SCENARIO_BYTES: usize = 2 * 1024 * 1024;
/// The longest fragment accepted (browsers cope with far more, servers and chat apps not).
const MAX_FRAGMENT_BYTES: usize = 512 * 1024;

/// What a URL fragment asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Fragment {
    /// No fragment (or one this page does not use).
    None,
    /// `#p=<id>`: a built-in scenario.
    Preset(String),
    /// `#s=1.<data>`: a scenario's JSON text.
    Scenario(String),
}

/// Why a fragment could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ShareError {
    UnknownVersion(String),
    NotBase64,
    NotDeflate,
    TooLarge,
    NotText,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::UnknownVersion(v) => write!(
                f,
                "This link was made by a different version of the playground (format \"{v}\"); it cannot be opened here."
            ),
            ShareError::NotBase64 | ShareError::NotDeflate | ShareError::NotText => {
                write!(f, "This link is damaged (it may have been cut short when copied); the scenario in it cannot be read.")
            }
            ShareError::TooLarge => write!(f, "This link holds a scenario larger than the playground opens (2 MiB)."),
        }
    }
}

/// Reads a URL fragment (with or without the leading `#`).
pub fn parse_fragment(fragment: &str) -> Result<Fragment, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if let Some(id) = fragment.strip_prefix("p=") {
        return Ok(Fragment::Preset(id.to_string()));
    }
    let Some(data) = fragment.strip_prefix("s=") else {
        return Ok(Fragment::None);
    };
    if data.len() > MAX_FRAGMENT_BYTES {
        return Err(ShareError::TooLarge);
    }
    let (version, payload) = data.split_once('.').unwrap_or(("", data));
    if version != VERSION {
        return Err(ShareError::UnknownVersion(
            version.chars().take(16).collect(),
        ));
    }
    let compressed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ShareError::NotBase64)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_SCENARIO_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::NotDeflate,
        })?;
    String::from_utf8(bytes)
        .map(Fragment::Scenario)
        .map_err(|_| ShareError::NotText)
}

/// The fragment that carries `scenario_text`.
pub fn scenario_fragment(scenario_text: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(scenario_text.as_bytes(), 9);
    format!("#s={VERSION}.{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The fragment that names a preset.
pub fn preset_fragment(id: &str) -> String {
    format!("#p={id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_exactly() {
        let text = "{\n  \"scenarioVersion\": 1, \"title\": \"é ✓\"\n}";
        let fragment = scenario_fragment(text);
        assert!(fragment.starts_with("#s=1."));
        assert_eq!(
            parse_fragment(&fragment),
            Ok(Fragment::Scenario(text.into()))
        );
    }

    #[test]
    fn presets_and_other_fragments() {
        assert_eq!(
            parse_fragment("#p=seed"),
            Ok(Fragment::Preset("seed".into()))
        );
        assert_eq!(parse_fragment(""), Ok(Fragment::None));
        assert_eq!(parse_fragment("#top"), Ok(Fragment::None));
    }

    #[test]
    fn damaged_links_say_why() {
        assert_eq!(
            parse_fragment("#s=1.!!!garbage"),
            Err(ShareError::NotBase64)
        );
        assert_eq!(parse_fragment("#s=1.aGVsbG8"), Err(ShareError::NotDeflate));
        assert_eq!(
            parse_fragment("#s=9.abc"),
            Err(ShareError::UnknownVersion("9".into()))
        );
        let huge = scenario_fragment(&" ".repeat(MAX_SCENARIO_BYTES + 10));
        assert_eq!(parse_fragment(&huge), Err(ShareError::TooLarge));
    }
}
