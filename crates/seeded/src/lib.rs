//! The deterministic primitives the engines share, so that the same seed gives the same
//! jitter, UUIDs, random numbers and mutants on every platform: a seeded SplitMix64
//! generator ([`Rng`]), version 4 UUIDs drawn from it ([`uuid_v4`]), and the hexadecimal
//! digests `States.Hash` and JSONata's `$hash` compute ([`hex_digest`]).

#![warn(missing_docs)]

mod digest;
mod rng;

pub use digest::{hex_digest, ALGORITHMS};
pub use rng::{uuid_v4, Rng};
