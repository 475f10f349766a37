//! The entry functions of the fuzz targets: each takes the fuzzer's bytes, reads them as
//! the text a user could give one engine, and drives that engine as the playground does.
//! None may panic, hang or run out of memory, whatever the bytes.
//!
//! `fuzz/fuzz_targets/` calls them under cargo-fuzz (nightly, `scripts/fuzz`), and
//! `tests/corpus.rs` replays every file of `fuzz/corpus/<target>/` through them on the
//! stable toolchain, so the grown corpus is a regression suite of `cargo test` too.

#![warn(missing_docs)]

mod definition;
mod glob;
mod jsonata;
mod policy;
mod scenario;
mod share_link;
mod template;

pub use definition::{definition, intrinsic, jsonpath};
pub use glob::glob;
pub use jsonata::jsonata;
pub use policy::policy;
pub use scenario::scenario;
pub use share_link::share_link;
pub use template::template;

/// A target's entry function: the fuzzer's bytes in, nothing out (no panic either).
pub type Entry = fn(&[u8]);

/// Every target by the name of its fuzz target and corpus folder.
pub const TARGETS: &[(&str, Entry)] = &[
    ("definition", definition),
    ("jsonpath", jsonpath),
    ("intrinsic", intrinsic),
    ("jsonata", jsonata),
    ("policy", policy),
    ("scenario", scenario),
    ("template", template),
    ("share_link", share_link),
    ("glob", glob),
];

/// The bytes as text; the engines read only UTF-8, as every caller hands them.
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}
