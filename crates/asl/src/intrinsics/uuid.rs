//! `States.UUID`.

use serde_json::Value;

use crate::rng::Rng;

/// `States.UUID()`: a version 4 UUID such as `ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8`.
pub fn uuid(rng: &mut Rng) -> Value {
    let high = (rng.next_u64() & !0xF000) | 0x4000;
    let low = (rng.next_u64() & !(0xC << 60)) | (0x8 << 60);
    let text = format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        high & 0xFFFF,
        low >> 48,
        low & 0xFFFF_FFFF_FFFF
    );
    Value::String(text)
}
