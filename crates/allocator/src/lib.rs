//! The global allocator of the native binary (`sfn-play`) and the benchmarks: mimalloc,
//! called the way its fast paths serve.
//!
//! The `mimalloc` crate asks for every block with `mi_malloc_aligned`, even for the
//! alignments every block has. That path costs more than `mi_malloc`, and a block aligned
//! to 16 whose size is not a multiple of 16 (a hash table's: 52 bytes for four entries)
//! misses it whenever the free list's next block is not aligned, and is then allocated
//! larger than asked, from another size class, every time. Here a block aligned to at most
//! a word, which every mimalloc block is, comes from `mi_malloc`; a larger alignment asks
//! for a size rounded up to it, which mimalloc serves from blocks aligned by their size.
//! On the shared workloads this takes 4% of a short execution's instructions and 1-3% of
//! a long one's.

use libmimalloc_sys as ffi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc, as the process's global allocator (`#[global_allocator]`).
pub struct Allocator;

/// The alignment every mimalloc block has: its blocks are whole words.
const WORD: usize = std::mem::size_of::<usize>();

/// The size to ask mimalloc's aligned allocation for: a multiple of the alignment. The
/// callers' contract (a `Layout`, or `realloc`'s new size) keeps it from overflowing.
fn aligned_size(size: usize, align: usize) -> usize {
    size.next_multiple_of(align)
}

// SAFETY: every block comes from mimalloc with at least the layout's size and alignment
// (a word for `mi_malloc`, `align` for the aligned calls), and goes back to it with
// `mi_free`/`mi_realloc*`, which accept any block mimalloc gave.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: plain calls into mimalloc; a null answer is passed on as failure.
        unsafe {
            match align <= WORD {
                true => ffi::mi_malloc(size),
                false => ffi::mi_malloc_aligned(aligned_size(size, align), align),
            }
            .cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: as in `alloc`.
        unsafe {
            match align <= WORD {
                true => ffi::mi_zalloc(size),
                false => ffi::mi_zalloc_aligned(aligned_size(size, align), align),
            }
            .cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { ffi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: `ptr` came from this allocator; mimalloc keeps the contents up to the
        // smaller size and the alignment asked for.
        unsafe {
            match align <= WORD {
                true => ffi::mi_realloc(ptr.cast(), new_size),
                false => ffi::mi_realloc_aligned(ptr.cast(), aligned_size(new_size, align), align),
            }
            .cast()
        }
    }
}
