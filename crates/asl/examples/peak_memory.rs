//! Peak heap bytes of one execution, history included: runs the definition of a workload
//! file (`{definition, input}`) on its input with `input.n` set to each N given, and prints
//! one JSON line per run, `{"n", "events", "peakBytes"}` (bytes allocated at the peak,
//! counted by a wrapping global allocator, the definition and input excluded). Run by
//! `scripts/bench`: `cargo run --release -p asl --example peak_memory -- FILE N...`.

use serde_json::json;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use testkit::shared::try_read_json;

/// The system allocator, counting the bytes held and their high-water mark.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counts are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(held, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((file, sizes)) = args.split_first() else {
        eprintln!("usage: peak_memory FILE N...");
        return ExitCode::from(2);
    };
    let workload = match try_read_json(Path::new(file)) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let definition = match asl::parse_definition(&workload["definition"]) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{file}: {e:?}");
            return ExitCode::FAILURE;
        }
    };
    for size in sizes {
        let Ok(n) = size.parse::<u64>() else {
            eprintln!("not a number: {size}");
            return ExitCode::from(2);
        };
        let mut input = workload["input"].clone();
        input["n"] = json!(n);
        let options = asl::Options::default();
        let before = HELD.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let outcome = asl::execute(&definition, input, &options, &mut asl::NoTasks);
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let line = json!({"n": n, "events": outcome.events.len(), "peakBytes": peak});
        println!("{line}");
    }
    ExitCode::SUCCESS
}
