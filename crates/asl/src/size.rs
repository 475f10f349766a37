//! JSON values measured without copying them: their length as compact JSON text (counting
//! stops once past a limit), how deep they nest and the memory they hold; and the room left
//! in a payload being built, so that a value over the payload limit is refused while it is
//! built, before it takes the memory of its copies.

use crate::exec::MAX_PAYLOAD_BYTES;
use crate::failure::{names, Failure};
use serde_json::Value;
use std::io;

/// The deepest a value may nest (arrays and objects inside one another): as deep as JSON
/// text may nest and still be read back (the parser reads 127 levels). A value built deeper
/// at run time fails the state with States.Runtime.
pub const MAX_DEPTH: usize = 127;

/// The length of `value` as compact JSON text when it is at most `limit` bytes; `None`
/// past it (the counting stops there). Counted without writing the text (only a fraction
/// is written, to learn its digits) and without recursion; members without members of
/// their own are counted where they are met, so a flat value is counted without allocating.
pub fn text_within(value: &Value, limit: usize) -> Option<usize> {
    let mut count = Count { count: 0, limit };
    if let Some(n) = leaf_len(value) {
        count.add(n)?;
        return Some(count.count);
    }
    let mut stack: Vec<&Value> = Vec::new();
    let mut next = Some(value);
    while let Some(v) = next.take().or_else(|| stack.pop()) {
        match v {
            Value::Array(items) => {
                count.add(2 + items.len().saturating_sub(1))?;
                for m in items {
                    count.member(m, &mut next, &mut stack)?;
                }
            }
            Value::Object(map) => {
                count.add(2 + map.len().saturating_sub(1))?;
                for (key, m) in map {
                    count.add(string_len(key) + 1)?;
                    count.member(m, &mut next, &mut stack)?;
                }
            }
            // Leaves are counted where they are met, never queued.
            _ => {}
        }
    }
    Some(count.count)
}

/// The bytes counted so far by [`text_within`], and its limit.
struct Count {
    count: usize,
    limit: usize,
}

impl Count {
    /// Adds `n` bytes; `None` once past the limit.
    fn add(&mut self, n: usize) -> Option<()> {
        self.count = self.count.saturating_add(n);
        (self.count <= self.limit).then_some(())
    }

    /// Counts `member` if it is a leaf, else queues it: next to be counted, with the one
    /// queued before it moved onto `stack`.
    fn member<'v>(
        &mut self,
        member: &'v Value,
        next: &mut Option<&'v Value>,
        stack: &mut Vec<&'v Value>,
    ) -> Option<()> {
        match leaf_len(member) {
            Some(n) => self.add(n),
            None => {
                queue(member, next, stack);
                Some(())
            }
        }
    }
}

/// Queues `item` to be visited next, moving the one queued before it onto `stack`: the last
/// member of each container is visited without the stack, so a value with one member per
/// level needs none.
fn queue<T>(item: T, next: &mut Option<T>, stack: &mut Vec<T>) {
    if let Some(earlier) = next.replace(item) {
        stack.push(earlier);
    }
}

/// The length of `value` as compact JSON text when it has no members (a scalar, an empty
/// array or object); `None` for a container with members.
fn leaf_len(value: &Value) -> Option<usize> {
    match value {
        Value::Array(items) if items.is_empty() => Some(2),
        Value::Object(map) if map.is_empty() => Some(2),
        Value::Array(_) | Value::Object(_) => None,
        Value::Number(n) => scalar_len(value).or_else(|| Some(text_len(n))),
        scalar => scalar_len(scalar),
    }
}

/// The exact length of a string, a whole number, `true`, `false` or `null` as compact JSON
/// text, found without writing it (template pieces are mostly these); `None` for arrays,
/// objects and fractions.
fn scalar_len(value: &Value) -> Option<usize> {
    match value {
        Value::Null | Value::Bool(true) => Some(4),
        Value::Bool(false) => Some(5),
        Value::String(s) => Some(string_len(s)),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Some(digits(u)),
            (None, Some(i)) => Some(1 + digits(i.unsigned_abs())),
            _ => None,
        },
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// The length of `s` as a JSON string, quotes and escapes included.
fn string_len(s: &str) -> usize {
    2 + s.len() + s.bytes().map(escape_extra).sum::<usize>()
}

/// The bytes serde_json's escape of `b` adds to it: `\"`, `\\` and the short escapes one,
/// other control characters five (`\u00XX`).
fn escape_extra(b: u8) -> usize {
    match b {
        b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
        0..=0x1f => 5,
        _ => 0,
    }
}

/// The number of decimal digits of `n`.
fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// The length of `value` (any serializable value) as compact JSON text, counted without
/// keeping the text.
pub fn text_len(value: &impl serde::Serialize) -> usize {
    let mut counter = Counter(0);
    match serde_json::to_writer(&mut counter, value) {
        Ok(()) => counter.0,
        Err(_) => usize::MAX,
    }
}

/// Counts the bytes written.
struct Counter(usize);

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What a value takes: about its compact JSON text, and about the memory it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extent {
    /// About the length of its compact JSON text (escapes are not counted; numbers count 8).
    pub text: usize,
    /// About the bytes it holds in memory: every node, string, key and map entry.
    pub memory: usize,
}

/// The memory of one node (a value inside its array, map or box).
const NODE: usize = std::mem::size_of::<Value>();
/// The memory of a map entry beside its key's text and its value: the key's `String`, the
/// stored hash and the index table's slot.
const ENTRY: usize = std::mem::size_of::<String>() + 16;

/// Measures `value` (without recursion, so any depth is safe; the last member of each
/// container is visited next without the stack, so a value with one member per level
/// allocates nothing).
pub fn extent(value: &Value) -> Extent {
    walk(value, usize::MAX).extent
}

/// What one walk over a value finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Walked {
    /// Its extent.
    pub extent: Extent,
    /// A bound on its compact JSON length that never undercounts, found without looking
    /// inside strings (each byte counts as the six of a `\u` escape, numbers as 24 bytes).
    pub bound: usize,
    /// How deep its arrays and objects nest (0 for a scalar).
    pub depth: usize,
}

/// Walks `value` once, without recursion, for its extent, bound and depth; stops once
/// past `deepest` levels (then the depth says so and the rest is not counted). Members
/// without members of their own are counted where they are met, so a flat value is
/// walked without allocating.
fn walk(value: &Value, deepest: usize) -> Walked {
    let mut w = Walked::default();
    if w.leaf(value, 0) {
        return w;
    }
    let mut stack: Vec<(&Value, usize)> = Vec::new();
    let mut next = Some((value, 0));
    while let Some((v, above)) = next.take().or_else(|| stack.pop()) {
        w.depth = w.depth.max(above + 1);
        if w.depth > deepest {
            return w;
        }
        let e = &mut w.extent;
        e.memory += NODE;
        match v {
            Value::Array(items) => {
                e.text += 2 + items.len();
                w.bound += 2 + items.len();
                for member in items {
                    w.visit(member, above + 1, &mut next, &mut stack);
                }
            }
            Value::Object(map) => {
                e.text += 2 + map.len();
                w.bound += 2 + map.len();
                for (key, member) in map {
                    w.extent.text += key.len() + 3;
                    w.extent.memory += ENTRY + key.len();
                    w.bound = w.bound.saturating_add(6 * key.len() + 3);
                    w.visit(member, above + 1, &mut next, &mut stack);
                }
            }
            // Leaves are counted where they are met, never queued.
            _ => {}
        }
    }
    w
}

impl Walked {
    /// Counts `v`, found `level` levels down, when it has no members (a scalar, an empty
    /// array or object); false for a container with members.
    fn leaf(&mut self, v: &Value, level: usize) -> bool {
        let e = &mut self.extent;
        match v {
            Value::Null | Value::Bool(_) => {
                e.text += 5;
                self.bound += 5;
            }
            Value::Number(_) => {
                e.text += 8;
                self.bound += 24;
            }
            Value::String(s) => {
                e.text += s.len() + 2;
                e.memory += s.len();
                self.bound = self.bound.saturating_add(6 * s.len() + 2);
            }
            Value::Array(items) if items.is_empty() => self.empty(level),
            Value::Object(map) if map.is_empty() => self.empty(level),
            Value::Array(_) | Value::Object(_) => return false,
        }
        self.extent.memory += NODE;
        true
    }

    /// Counts an empty array or object `level` levels down.
    fn empty(&mut self, level: usize) {
        self.extent.text += 2;
        self.bound += 2;
        self.depth = self.depth.max(level + 1);
    }

    /// Counts `member` if it is a leaf, else queues it: next to be walked, with the one
    /// queued before it moved onto `stack`.
    fn visit<'v>(
        &mut self,
        member: &'v Value,
        level: usize,
        next: &mut Option<(&'v Value, usize)>,
        stack: &mut Vec<(&'v Value, usize)>,
    ) {
        if !self.leaf(member, level) {
            queue((member, level), next, stack);
        }
    }
}

/// The room left in a payload being built (`Parameters`, an intrinsic function's result, a
/// Map's or Parallel's results …), as bytes of compact JSON text: each part is measured
/// before it is copied in, so a payload over the limit is refused at about the limit.
#[derive(Debug, Clone, Copy)]
pub struct Room {
    left: usize,
}

impl Room {
    /// The room of one payload: [`MAX_PAYLOAD_BYTES`].
    pub fn payload() -> Room {
        Room {
            left: MAX_PAYLOAD_BYTES,
        }
    }

    /// Room for `bytes` bytes.
    pub fn of(bytes: usize) -> Room {
        Room { left: bytes }
    }

    /// Takes `bytes` of syntax (keys, quotes, commas); false when they do not fit.
    pub fn take_bytes(&mut self, bytes: usize) -> bool {
        match self.left.checked_sub(bytes) {
            Some(left) => {
                self.left = left;
                true
            }
            None => false,
        }
    }

    /// Takes the length of `value` and `syntax` bytes around it; false when they do not
    /// fit (the value is measured only up to the room left).
    pub fn take(&mut self, value: &Value, syntax: usize) -> bool {
        self.take_bytes(syntax)
            // Scalars (most template pieces) first, without text_within's call: it was 1% of
            // a loop's instructions.
            && match scalar_len(value).or_else(|| text_within(value, self.left)) {
                Some(n) => self.take_bytes(n),
                None => false,
            }
    }
}

/// States.DataLimitExceeded for a result of `state` over the payload limit, in AWS's words.
pub fn data_limit_exceeded(state: &str) -> Failure {
    Failure::new(
        names::DATA_LIMIT_EXCEEDED,
        format!(
            "The state/task '{state}' returned a result with a size exceeding the maximum number of bytes service limit."
        ),
    )
}

/// States.Runtime for a value of `state` nested deeper than [`MAX_DEPTH`].
pub fn too_deep(state: &str) -> Failure {
    Failure::new(
        names::RUNTIME,
        format!(
            "The state/task '{state}' built a value nested more than {MAX_DEPTH} levels deep, the most JSON may nest"
        ),
    )
}

/// Fails when `value` is over the payload limit (States.DataLimitExceeded) or nests deeper
/// than [`MAX_DEPTH`] (States.Runtime): what every state output, Task parameters and result
/// and assigned variable must keep to. Returns what its walk found: the extent, and a
/// bound on its compact JSON length that never undercounts.
pub fn check_payload(value: &Value, state: &str) -> Result<Walked, Failure> {
    let walked = walk(value, MAX_DEPTH);
    if walked.depth > MAX_DEPTH {
        return Err(too_deep(state));
    }
    if walked.bound > MAX_PAYLOAD_BYTES && text_within(value, MAX_PAYLOAD_BYTES).is_none() {
        return Err(data_limit_exceeded(state));
    }
    Ok(walked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalar_lengths_are_the_serialized_ones() {
        let strings = [
            "",
            "a",
            "é😀",
            "q\"\\/",
            "\n\r\t\u{8}\u{c}",
            "\u{1}\u{1f}\u{7f}",
        ];
        let numbers = [
            json!(0),
            json!(9),
            json!(10),
            json!(-1),
            json!(-10),
            json!(u64::MAX),
            json!(i64::MIN),
        ];
        let values = strings.iter().map(|s| json!(s)).chain(numbers).chain([
            json!(null),
            json!(true),
            json!(false),
        ]);
        for v in values {
            assert_eq!(
                scalar_len(&v),
                Some(serde_json::to_string(&v).unwrap().len()),
                "{v}"
            );
        }
        assert_eq!(scalar_len(&json!(1.5)), None);
        assert_eq!(scalar_len(&json!([1])), None);
    }

    #[test]
    fn text_is_counted_exactly_up_to_the_limit() {
        let values = [
            json!({"a": [1, 2.5, null, true], "s": "q\"\n\u{1}é"}),
            json!([]),
            json!({}),
            json!(-0.0),
            json!(1e300),
            json!([[], {}, [[[]]], {"k\"ey": {"": [1.25, -3, "\u{7f}"]}}]),
            json!({"i": 0, "n": 5000, "acc": [], "x": {"y": [false]}}),
        ];
        for v in values {
            let exact = serde_json::to_string(&v).unwrap().len();
            assert_eq!(text_within(&v, exact), Some(exact), "{v}");
            assert_eq!(text_within(&v, exact - 1), None, "{v}");
            assert_eq!(text_len(&v), exact, "{v}");
        }
    }

    #[test]
    fn depth_counts_containers_and_stops_past_the_limit() {
        let depth = |v: &Value| walk(v, MAX_DEPTH).depth;
        assert_eq!(depth(&json!(1)), 0);
        assert_eq!(depth(&json!([])), 1);
        assert_eq!(depth(&json!({"a": [[1]], "b": {}})), 3);
        let mut deep = json!(0);
        for _ in 0..10_000 {
            deep = Value::Array(vec![deep]);
        }
        assert_eq!(depth(&deep), MAX_DEPTH + 1);
        // Taken apart level by level: dropping it whole would recurse 10,000 times.
        while let Value::Array(mut items) = deep {
            deep = items.pop().unwrap_or_default();
        }
    }

    /// What [`walk`] must find, written as plainly as it can be (recursive).
    fn walked_plainly(v: &Value, level: usize, w: &mut Walked) {
        w.extent.memory += NODE;
        let (text, bound) = match v {
            Value::Null | Value::Bool(_) => (5, 5),
            Value::Number(_) => (8, 24),
            Value::String(s) => {
                w.extent.memory += s.len();
                (s.len() + 2, 6 * s.len() + 2)
            }
            Value::Array(items) => {
                items.iter().for_each(|m| walked_plainly(m, level + 1, w));
                (2 + items.len(), 2 + items.len())
            }
            Value::Object(map) => {
                for (key, member) in map {
                    w.extent.memory += ENTRY + key.len();
                    w.extent.text += key.len() + 3;
                    w.bound += 6 * key.len() + 3;
                    walked_plainly(member, level + 1, w);
                }
                (2 + map.len(), 2 + map.len())
            }
        };
        if v.is_array() || v.is_object() {
            w.depth = w.depth.max(level + 1);
        }
        w.extent.text += text;
        w.bound += bound;
    }

    #[test]
    fn one_walk_finds_what_a_plain_recursive_count_finds() {
        let values = [
            json!(null),
            json!("s"),
            json!([]),
            json!({}),
            json!({"i": 1, "n": 5000, "acc": []}),
            json!([1, [2, [3, {}]], {"a": {"b": [true, "x"]}}, []]),
            json!({"a": [[1]], "b": {}, "c": [{"d": null}, [], "é"]}),
        ];
        for v in values {
            let mut plain = Walked::default();
            walked_plainly(&v, 0, &mut plain);
            assert_eq!(walk(&v, MAX_DEPTH), plain, "{v}");
        }
    }

    #[test]
    fn extent_grows_with_the_value() {
        let small = extent(&json!({"k": "v"}));
        let large = extent(&json!({"k": "v".repeat(1000)}));
        assert_eq!(large.text - small.text, 999);
        assert_eq!(large.memory - small.memory, 999);
        assert!(small.memory >= 2 * NODE);
    }

    #[test]
    fn room_refuses_what_does_not_fit() {
        let mut room = Room::of(10);
        assert!(room.take(&json!("abc"), 2));
        assert!(!room.take(&json!("abcdef"), 0));
        assert!(room.take_bytes(3));
        assert!(!room.take_bytes(1));
    }

    #[test]
    fn payloads_keep_to_the_size_and_depth_limits() {
        let over = check_payload(&json!("x".repeat(MAX_PAYLOAD_BYTES)), "S").unwrap_err();
        assert_eq!(over.error, names::DATA_LIMIT_EXCEEDED);
        assert!(check_payload(&json!("x".repeat(MAX_PAYLOAD_BYTES - 2)), "S").is_ok());
        for v in [
            json!({"a": [1, 2.5, -3e300, null, true], "s": "q\"\\\n\u{1}é"}),
            json!("x".repeat(1000)),
            json!([[], {}, ""]),
        ] {
            let bound = walk(&v, MAX_DEPTH).bound;
            assert!(bound >= serde_json::to_string(&v).unwrap().len(), "{v}");
        }
        let mut deep = json!(0);
        for _ in 0..MAX_DEPTH {
            deep = Value::Array(vec![deep]);
        }
        assert!(check_payload(&deep, "S").is_ok());
        let deeper = Value::Array(vec![deep]);
        assert_eq!(
            check_payload(&deeper, "S").unwrap_err().error,
            names::RUNTIME
        );
    }
}
