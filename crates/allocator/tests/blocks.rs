//! Blocks of every size and alignment the allocator is asked for: aligned, writable, kept
//! across `realloc`, zeroed when asked; and the allocator as a process's global one.

use allocator::Allocator;
use std::alloc::{GlobalAlloc, Layout};
use std::collections::HashMap;

#[global_allocator]
static GLOBAL: Allocator = Allocator;

const SIZES: [usize; 16] = [
    1, 7, 8, 9, 15, 16, 17, 24, 52, 64, 100, 1000, 1025, 5000, 70_000, 600_000,
];

fn aligns() -> impl Iterator<Item = usize> {
    (0..=13).map(|shift| 1usize << shift)
}

fn assert_aligned(ptr: *mut u8, layout: Layout) {
    assert!(!ptr.is_null(), "{layout:?}: no block");
    assert_eq!(ptr as usize % layout.align(), 0, "{layout:?}: misaligned");
}

/// Fills `len` bytes with a pattern that depends on the offset and `seed`.
fn fill(ptr: *mut u8, len: usize, seed: u8) {
    for i in 0..len {
        // SAFETY: the block holds at least `len` bytes.
        unsafe {
            ptr.add(i)
                .write((i as u8).wrapping_mul(31).wrapping_add(seed))
        }
    }
}

fn assert_filled(ptr: *mut u8, len: usize, seed: u8, what: &str) {
    for i in 0..len {
        // SAFETY: the block holds at least `len` bytes, written by `fill`.
        let byte = unsafe { ptr.add(i).read() };
        assert_eq!(
            byte,
            (i as u8).wrapping_mul(31).wrapping_add(seed),
            "{what}, byte {i}"
        );
    }
}

#[test]
fn every_block_has_its_layouts_alignment_and_size() {
    let a = Allocator;
    for align in aligns() {
        for size in SIZES {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: the layout's size is not zero; each block is freed once.
            unsafe {
                let p = a.alloc(layout);
                assert_aligned(p, layout);
                fill(p, size, 7);
                // Another block of the same layout does not overlap the first.
                let q = a.alloc(layout);
                assert_aligned(q, layout);
                fill(q, size, 9);
                assert_filled(p, size, 7, &format!("{layout:?} beside another"));
                a.dealloc(q, layout);
                a.dealloc(p, layout);
            }
        }
    }
}

#[test]
fn zeroed_blocks_are_zero_even_where_a_freed_block_was_written() {
    let a = Allocator;
    for align in aligns() {
        for size in SIZES {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: as above.
            unsafe {
                let dirty = a.alloc(layout);
                fill(dirty, size, 1);
                a.dealloc(dirty, layout);
                let p = a.alloc_zeroed(layout);
                assert_aligned(p, layout);
                assert!(
                    (0..size).all(|i| p.add(i).read() == 0),
                    "{layout:?}: not zeroed"
                );
                a.dealloc(p, layout);
            }
        }
    }
}

#[test]
fn realloc_keeps_contents_and_alignment_growing_and_shrinking() {
    let a = Allocator;
    for align in aligns() {
        for from in SIZES {
            for to in [1, 9, 52, 1000, 70_000] {
                let layout = Layout::from_size_align(from, align).unwrap();
                // SAFETY: `to` is not zero and rounds up to a small multiple of `align`.
                unsafe {
                    let p = a.alloc(layout);
                    fill(p, from, 3);
                    let q = a.realloc(p, layout, to);
                    let moved = Layout::from_size_align(to, align).unwrap();
                    assert_aligned(q, moved);
                    assert_filled(q, from.min(to), 3, &format!("{layout:?} -> {to}"));
                    fill(q, to, 5);
                    a.dealloc(q, moved);
                }
            }
        }
    }
}

#[test]
fn collections_work_with_it_as_the_global_allocator() {
    let mut map: HashMap<String, Vec<u64>> = HashMap::new();
    for i in 0..20_000u64 {
        map.entry(format!("key {}", i % 997)).or_default().push(i);
    }
    assert_eq!(map.len(), 997);
    assert_eq!(map["key 5"].len(), 21);
    assert_eq!(
        map["key 5"].iter().sum::<u64>(),
        (0..21).map(|k| 5 + 997 * k).sum()
    );
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&i.to_string());
        text.shrink_to_fit();
    }
    assert!(text.starts_with("0123456789101112"));
    assert_eq!(text.len(), 38_890);
}
