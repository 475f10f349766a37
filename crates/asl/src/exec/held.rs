//! The payloads a run holds, by address: each is charged to the budget once however many
//! events, stages and records share it.

use serde_json::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// How many payloads are kept in a plain list before the map is used: a short execution
/// holds a handful, and a list of them costs no allocation and no hashing.
const FEW: usize = 8;

/// The text length of each payload held, keyed by its address: in a plain list while
/// there are few, then in a map, which takes the payloads held since the last lookup only
/// when the next lookup comes. A run asks about most payloads only as it first holds them,
/// and it knows those are new (see [`super::run::Run`]'s `hold`): a long run then looks up
/// nothing and builds no map.
#[derive(Default)]
pub struct Held {
    /// The first payloads held, [`FEW`] at most.
    few: [(usize, usize); FEW],
    /// How many of `few` are in use.
    count: usize,
    /// The payloads held after the first few and not yet put in `many`.
    later: Vec<(usize, usize)>,
    /// The payloads held after the first few, as of the last lookup, and the first few
    /// as well once there is any.
    many: HashMap<usize, usize, BuildHasherDefault<AddressHasher>>,
}

impl Held {
    /// The text length of the payload at `address`, when held.
    pub fn get(&mut self, address: *const Value) -> Option<usize> {
        let key = address as usize;
        if self.later.is_empty() && self.many.is_empty() {
            return self.few[..self.count]
                .iter()
                .find(|(a, _)| *a == key)
                .map(|&(_, length)| length);
        }
        if self.many.is_empty() {
            self.many.reserve(FEW + self.later.len());
            self.many.extend(self.few);
        }
        self.many.extend(self.later.drain(..));
        self.many.get(&key).copied()
    }

    /// Holds the payload at `address`, of text length `length` (not held yet).
    pub fn insert(&mut self, address: *const Value, length: usize) {
        let key = address as usize;
        match self.few.get_mut(self.count) {
            Some(slot) => {
                *slot = (key, length);
                self.count += 1;
            }
            None => self.later.push((key, length)),
        }
    }
}

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
    fn payloads_are_found_by_address_in_the_list_and_past_it() {
        let values: Vec<Value> = (0..64).map(Value::from).collect();
        let mut held = Held::default();
        for (i, v) in values.iter().enumerate() {
            assert_eq!(held.get(v), None);
            held.insert(v, i * 10);
        }
        for (i, v) in values.iter().enumerate() {
            assert_eq!(held.get(v), Some(i * 10), "{i}");
        }
        assert_eq!(held.many.len(), 64);
        assert_eq!(held.get(&Value::Null), None);
    }

    #[test]
    fn payloads_held_between_lookups_are_found_by_the_next() {
        let values: Vec<Value> = (0..100).map(Value::from).collect();
        let mut held = Held::default();
        for (i, v) in values[..30].iter().enumerate() {
            held.insert(v, i);
        }
        // Nothing was looked up past the first few: no map yet.
        assert!(held.many.is_empty());
        assert_eq!(held.later.len(), 30 - FEW);
        assert_eq!(held.get(&values[20]), Some(20));
        assert_eq!(held.get(&values[3]), Some(3));
        assert_eq!(held.many.len(), 30);
        for (i, v) in values[30..].iter().enumerate() {
            held.insert(v, 30 + i);
            assert_eq!(
                held.get(&values[i]),
                Some(i),
                "an earlier one, after {}",
                30 + i
            );
        }
        for (i, v) in values.iter().enumerate() {
            assert_eq!(held.get(v), Some(i), "{i}");
        }
        assert_eq!(held.get(&Value::Null), None);
    }

    #[test]
    fn addresses_spread_over_the_low_and_high_bits() {
        let values: Vec<Value> = (0..64).map(Value::from).collect();
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
