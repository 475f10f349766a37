//! Share links: the scenario in the URL fragment, with what was on screen.
//!
//! Every format ever written is read:
//! - `#p=<id>`: a built-in scenario as it ships.
//! - `#s=1.<data>`: the scenario's JSON text, raw deflate, base64url.
//! - `#s=2.<data>`: an envelope (compact JSON, raw deflate, base64url) holding the preset the
//!   scenario started from and either the changes against it (a [`patch`]) or the whole
//!   scenario, plus the editor texts that differ from the scenario, the item open, the
//!   execution shown and the step. Links are written in this format.
//!
//! Pure Rust with no browser dependency: the page reads and writes its fragment with it,
//! and the fuzzer (`fuzz/`, `crates/fuzzing`) feeds it hostile links natively.

#![warn(missing_docs)]

mod codec;
mod patch;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The format links are written in.
const VERSION: &str = "2";
/// The longest fragment accepted (browsers cope with far more, servers and chat apps not).
const MAX_FRAGMENT_BYTES: usize = 512 * 1024;

/// What a link shows besides the scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// Editor texts that differ from the scenario's value (text that is not valid JSON, or
    /// laid out differently), by item pointer.
    pub drafts: BTreeMap<String, String>,
    /// The item open in the editor.
    pub open: Option<String>,
    /// The execution shown (0: the top-level one).
    pub execution: usize,
    /// The event shown in the step-through (`None`: the last).
    pub step: Option<usize>,
}

/// A scenario as a link carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    /// The preset the scenario started from (what Reset returns to), when known.
    pub preset: Option<String>,
    /// The scenario.
    pub doc: Value,
    /// What was on screen.
    pub context: Context,
}

/// What a URL fragment asks for.
#[derive(Debug, PartialEq)]
pub enum Fragment {
    /// No fragment (or one this page does not use).
    None,
    /// `#p=<id>`: a built-in scenario.
    Preset(String),
    /// `#s=…`: a shared scenario.
    Shared(Shared),
}

/// Why a fragment could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ShareError {
    /// A format this page does not know.
    UnknownVersion(String),
    /// The payload is not base64url.
    NotBase64,
    /// The payload does not inflate.
    NotDeflate,
    /// The link or what it expands to is over the limits.
    TooLarge,
    /// The payload is not UTF-8.
    NotText,
    /// The scenario is not JSON, at this line and column.
    NotJson(usize, usize),
    /// The envelope lacks the scenario, or its changes do not apply to the preset.
    Damaged,
    /// The changes are against a preset this page does not have.
    UnknownPreset(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::UnknownVersion(v) => write!(
                f,
                "This link was made by a different version of the playground (format \"{v}\"); it cannot be opened here."
            ),
            ShareError::NotBase64
            | ShareError::NotDeflate
            | ShareError::NotText
            | ShareError::Damaged => {
                write!(f, "This link is damaged (it may have been cut short when copied); the scenario in it cannot be read.")
            }
            ShareError::TooLarge => write!(
                f,
                "This link holds a scenario larger than the playground opens (2 MiB)."
            ),
            ShareError::NotJson(line, column) => write!(
                f,
                "This link holds a scenario that is not valid JSON ({line}:{column})."
            ),
            ShareError::UnknownPreset(id) => write!(
                f,
                "This link holds changes to a built-in scenario named '{id}', which this version of the playground does not have."
            ),
        }
    }
}

/// The document of the built-in scenario `id`.
pub fn preset_doc(id: &str) -> Option<Value> {
    sim::preset(id).and_then(|p| serde_json::from_str(p.text).ok())
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
    let shared = match version {
        "1" => Shared {
            preset: None,
            doc: json(&codec::unpack(payload)?)?,
            context: Context::default(),
        },
        VERSION => open_envelope(&json(&codec::unpack(payload)?)?)?,
        other => {
            return Err(ShareError::UnknownVersion(other.chars().take(16).collect()));
        }
    };
    Ok(Fragment::Shared(shared))
}

fn json(text: &str) -> Result<Value, ShareError> {
    serde_json::from_str(text).map_err(|e| ShareError::NotJson(e.line(), e.column()))
}

/// The fragment that carries `shared`: the changes against its preset when that is shorter
/// than the whole scenario.
pub fn fragment(shared: &Shared) -> String {
    let whole = envelope(shared, ("s", shared.doc.clone()));
    let mut best = codec::pack(&whole.to_string());
    if let Some(base) = shared.preset.as_deref().and_then(preset_doc) {
        let ops = patch::diff(&base, &shared.doc);
        // Only a patch known to rebuild the scenario exactly, member order included.
        if patch::apply(base, &ops).is_ok_and(|doc| patch::same(&doc, &shared.doc)) {
            let changes = envelope(shared, ("d", patch::to_json(&ops)));
            let packed = codec::pack(&changes.to_string());
            if packed.len() < best.len() {
                best = packed;
            }
        }
    }
    format!("#s={VERSION}.{best}")
}

/// The fragment that names a preset.
pub fn preset_fragment(id: &str) -> String {
    format!("#p={id}")
}

/// The envelope: `p` preset, `d` changes or `s` scenario, `t` drafts, `o` open item,
/// `x` execution, `c` step; members at their default are left out.
fn envelope(shared: &Shared, (key, body): (&str, Value)) -> Value {
    let mut out = Map::new();
    if let Some(preset) = &shared.preset {
        out.insert("p".into(), Value::String(preset.clone()));
    }
    out.insert(key.into(), body);
    let cx = &shared.context;
    if !cx.drafts.is_empty() {
        let drafts = cx
            .drafts
            .iter()
            .map(|(p, t)| (p.clone(), Value::String(t.clone())));
        out.insert("t".into(), Value::Object(drafts.collect()));
    }
    if let Some(open) = &cx.open {
        out.insert("o".into(), Value::String(open.clone()));
    }
    if cx.execution > 0 {
        out.insert("x".into(), cx.execution.into());
    }
    if let Some(step) = cx.step {
        out.insert("c".into(), step.into());
    }
    Value::Object(out)
}

/// Reads an envelope; what was on screen is best effort (a member of the wrong type is
/// left out), the scenario is not.
fn open_envelope(value: &Value) -> Result<Shared, ShareError> {
    let map = value.as_object().ok_or(ShareError::Damaged)?;
    let preset = map.get("p").and_then(Value::as_str).map(str::to_string);
    let doc = match (map.get("s"), map.get("d")) {
        (Some(doc), None) => doc.clone(),
        (None, Some(changes)) => {
            let id = preset.as_deref().ok_or(ShareError::Damaged)?;
            let base = preset_doc(id).ok_or_else(|| ShareError::UnknownPreset(id.into()))?;
            let ops = patch::from_json(changes).map_err(|_| ShareError::Damaged)?;
            patch::apply(base, &ops).map_err(|_| ShareError::Damaged)?
        }
        _ => return Err(ShareError::Damaged),
    };
    let index = |key: &str| {
        map.get(key)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    let drafts = map
        .get("t")
        .and_then(Value::as_object)
        .map(|t| {
            t.iter()
                .filter_map(|(p, text)| Some((p.clone(), text.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Ok(Shared {
        preset,
        doc,
        context: Context {
            drafts,
            open: map.get("o").and_then(Value::as_str).map(str::to_string),
            execution: index("x").unwrap_or(0),
            step: index("c"),
        },
    })
}
