//! `States.UUID`.

use seeded::Rng;
use serde_json::Value;

/// `States.UUID()`: a version 4 UUID such as `ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8`.
pub fn uuid(rng: &mut Rng) -> Value {
    Value::String(seeded::uuid_v4(rng))
}
