//! Printing results. A reader that goes away early (`sfn-play run … | head -c1`) ends the
//! output quietly, as Unix tools do, instead of a panic from `println!`.

use std::fmt::Display;
use std::io::{self, Write};

/// Prints `text` and a newline to standard output. A closed pipe is not an error; any other
/// write error is reported on standard error.
pub fn print(text: impl Display) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("sfn-play: cannot write the output: {e}");
        }
    }
}
