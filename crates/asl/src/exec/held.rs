//! The payloads a run holds, by address: each is charged to the budget once however many
//! events, stages and records share it.

use serde_json::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The text length of each payload held, keyed by its address.
pub type Held = HashMap<*const Value, usize, BuildHasherDefault<AddressHasher>>;

/// A hasher for addresses: SplitMix64's finalizer, which spreads the aligned (low-zero)
/// addresses over the low bits the map indexes with and the high bits it tags with.
/// Addresses are not chosen by users, so no keyed hash is needed; the standard one cost a
/// twentieth of a small execution.
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0.rotate_left(8) ^ u64::from(b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = mix(n as u64);
    }
}

/// SplitMix64's output function.
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_spread_over_the_low_and_high_bits() {
        let values: Vec<Value> = (0..64).map(Value::from).collect();
        let mut held = Held::default();
        for v in &values {
            held.insert(v as *const Value, 1);
        }
        assert_eq!(held.len(), 64);
        let hashes: Vec<u64> = values
            .iter()
            .map(|v| {
                let mut h = AddressHasher::default();
                h.write_usize(v as *const Value as usize);
                h.finish()
            })
            .collect();
        // 64 keys in 128 slots: about 50 distinct slots when spread at random.
        let distinct = |f: fn(u64) -> u64| {
            let set: std::collections::HashSet<u64> = hashes.iter().map(|h| f(*h)).collect();
            set.len()
        };
        assert!(distinct(|h| h & 127) > 40, "low bits");
        assert!(distinct(|h| h >> 57) > 40, "high bits");
    }
}
