//! Wildcard matching for the engines: `*` matches any run of characters, `?` exactly one.
//! Each engine reads its own pattern syntax (IAM's `*`/`?` with optional backslash escapes,
//! `States.StringMatches`' `*` with `\*` and `\\`) into [`Token`]s; [`Pattern`] matches them.
//!
//! Matching takes time linear in practice in the text and the pattern, whatever the
//! pattern: the pattern is split at its stars into segments of fixed length, the first
//! segment is anchored at the start, the last at the end, and each one between is placed
//! at its leftmost occurrence after the previous one, found with the standard library's
//! substring search (Two-Way, linear). Leftmost placement is always safe: a segment's end
//! moves right with its start, so an earlier place leaves more room for the rest. Only a
//! segment whose literal parts keep almost matching between `?`s costs more.

#![warn(missing_docs)]

mod pattern;

pub use pattern::{Pattern, Syntax, Token};
