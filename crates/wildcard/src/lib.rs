//! Wildcard matching for the engines: `*` matches any run of characters, `?` exactly one.
//! Each engine reads its own pattern syntax (IAM's `*`/`?` with optional backslash escapes,
//! `States.StringMatches`' `*` with `\*` and `\\`) into [`Token`]s; [`Pattern`] matches them.
//!
//! Matching never backtracks. The pattern is split at its stars into segments of fixed
//! length: the first is anchored at the start of the text, the last at the end, and each
//! one between is placed at its leftmost match after the previous one. Leftmost placement
//! is always safe: a segment's end moves right with its start, so an earlier place leaves
//! more room for the rest. Each segment's search reads the text once from where the
//! previous one ended, so the text is read once in all:
//!
//! - a segment without `?` is found with the standard library's substring search
//!   (Two-Way): linear in the text and the pattern;
//! - a segment with `?`s costs per text character at most three steps per literal run, or
//!   one per 64 characters of segment, whichever is fewer (see `finder.rs`): linear for
//!   segments up to 64 characters or with few `?`s, the patterns policies and Choice
//!   rules are made of.

#![warn(missing_docs)]

mod bits;
mod counted;
mod finder;
mod fixed;
mod pattern;

pub use pattern::{Pattern, Syntax, Token};
