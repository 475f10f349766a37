//! Physical names CloudFormation generates for resources whose name property is not given.
//!
//! The CloudFormation User Guide ("Name type",
//! <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html>):
//! "If you don't specify a name, CloudFormation generates a unique physical ID to name the
//! resource", e.g. `stack123123123123-s3bucket-abcdefghijk1`: the stack's name, the
//! resource's logical id and a random part of 12 characters, joined by hyphens. The
//! playground follows that shape with a part derived from the account, stack and logical
//! id (so an import is reproducible), upper-case letters and digits (lower-case for S3
//! buckets, whose names must be), and shortens the stack name, then the logical id, so the
//! name fits the type's length limit.

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// A 64-bit FNV-1a hash of `parts`, separated.
pub(crate) fn hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The name CloudFormation would give resource `logical_id` of `stack` in `account`, at most
/// `max` characters long; `lower` for types whose names are lower-case.
pub(crate) fn generated(
    account: &str,
    stack: &str,
    logical_id: &str,
    max: usize,
    lower: bool,
) -> String {
    let mut state = hash(&[account, stack, logical_id]);
    let suffix: String = (0..12)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let index = ((state >> 33) % ALPHABET.len() as u64) as usize;
            ALPHABET.get(index).map_or('A', |b| char::from(*b))
        })
        .collect();
    let room = max.saturating_sub(suffix.len() + 2);
    let id: String = logical_id
        .chars()
        .take(room.saturating_sub(1).max(1))
        .collect();
    let stack_room = room.saturating_sub(id.chars().count());
    let stack: String = stack.chars().take(stack_room).collect();
    let name = format!("{stack}-{id}-{suffix}");
    if lower {
        name.to_lowercase()
    } else {
        name
    }
}
