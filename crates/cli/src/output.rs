//! Printing results and messages. A reader that goes away early (`sfn-play run … | head
//! -c1`, or `2>&1 | head -c1` for messages too) ends the output quietly, as Unix tools do,
//! instead of a panic from `println!` or `eprintln!`.

use std::fmt::Display;
use std::io::{self, Write};

/// `eprintln!` that never panics: the message goes to standard error through [`warn`].
macro_rules! warn {
    ($($arg:tt)*) => {
        $crate::output::warn(format_args!($($arg)*))
    };
}

/// Prints `text` and a newline to standard error. When standard error is closed there is
/// no one to tell: the message is dropped.
pub fn warn(text: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Prints `text` and a newline to standard output. A closed pipe is not an error; any other
/// write error is reported on standard error.
pub fn print(text: impl Display) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            warn(format_args!("sfn-play: cannot write the output: {e}"));
        }
    }
}

/// Streams what `write` writes, then a newline, to standard output through a buffer; a
/// closed pipe ends it quietly, as in [`print`].
pub fn stream(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = write(&mut out)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            warn(format_args!("sfn-play: cannot write the output: {e}"));
        }
    }
}
