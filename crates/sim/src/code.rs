//! Reading back an enum that serializes as a code (`"sts"`, `"EXPRESS"` …).

use serde::de::{Deserialize, Deserializer, Error};
use std::borrow::Cow;

/// Reads the code of one of `all`, as `code` writes it; `what` names the enum in errors.
pub(crate) fn from_code<'de, D: Deserializer<'de>, T: Copy>(
    deserializer: D,
    all: &[T],
    code: fn(T) -> &'static str,
    what: &str,
) -> Result<T, D::Error> {
    let text = Cow::<str>::deserialize(deserializer)?;
    all.iter()
        .copied()
        .find(|t| code(*t) == text)
        .ok_or_else(|| D::Error::custom(format!("unknown {what} `{text}`")))
}
